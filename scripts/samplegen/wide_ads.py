"""What is not an article on a wide-family page: classifieds, display ads, photo news.

* A classified section (分类广告) is a framed box: a label band, then small-print
  notices (遗失声明, 招聘, 减资公告 ...) in narrow columns, each notice one
  advertisement block. At body size or below, they look like body text.
* A display ad sets a name, an offer, a price, a phone and an address in large
  type, framed or not; half of them point nowhere (no phone, no address: a name and
  an offer such as 全场5折 in display type is all there is).
* Photo news (图片新闻) is a photo with a caption and no headline; the caption may
  end with a credit (记者 X 摄) on a line of its own.
"""

from __future__ import annotations

import zlib

import numpy as np

from samplegen.corpus import AdText
from samplegen.heading import usable_face
from samplegen.model import LaidBlock, Photo, Rect, Style, text_block
from samplegen.typeset import TypeLine, break_lines, set_line, tokens, width_of
from samplegen.wide_module import caption_lines
from samplegen.wordbank import TextBank

Box = tuple[float, float, float, float]
Paint = tuple[list[LaidBlock], list[Rect], list[Photo]]
DISPLAY_SCALE = {"title": (2.6, 5.0), "big": (1.7, 2.6), "mid": (1.2, 1.6), "small": (0.85, 1.0)}
TITLE_FACES = ("hei_bold", "smiley", "wenkai_bold", "song_bold", "hei_bold")


def _frame(box: Box, weight: int, tint: int = 255) -> list[Rect]:
    x0, y0, x1, y1 = box
    return [Rect(box, 0), Rect((x0 + weight, y0 + weight, x1 - weight, y1 - weight), tint)]


def _label(box: Box, style: Style, bank: TextBank, dark: bool) -> tuple[LaidBlock, list[Rect], float]:
    """The section label band: 分类广告 large, the booking line small; returns the band's bottom."""
    x0, y0, x1, _ = box
    body = style.body
    size = round(body * float(bank.rng.uniform(1.5, 2.2)))
    ink = 255 if dark else 0
    label = set_line(
        tokens(bank.pick(("分类广告", "分类信息", "广而告之")), "hei_bold", size), x0, y0, x1 - x0, "left", ink
    )
    small = round(body * 0.85)
    hot = f"刊登热线 {bank.phone()}"
    line2 = set_line(tokens(hot, "hei", small), x0, y0 + size - small, x1 - x0, "right", ink)
    pad = 0.3 * body
    band = (x0 - pad, y0 - pad, x1 + pad, y0 + size + pad)
    rects = [Rect(band, 30)] if dark else [Rect((x0, band[3] + 0.1 * body, x1, band[3] + 0.1 * body + style.rule))]
    return text_block("advertisement", [label, line2], []), rects, band[3] + 0.5 * body


def classifieds(box: Box, style: Style, bank: TextBank) -> Paint:
    """A framed section of small notices filling ``box``, in columns of about ten characters."""
    weight = max(2, round(style.body * 0.1))
    rects = _frame(box, weight)
    inset = weight + 0.5 * style.body
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    label, band, y = _label((x0, y0, x1, y1), style, bank, bool(bank.rng.random() < 0.5))
    rects += band
    blocks = [label]
    size = round(style.body * float(bank.rng.uniform(0.78, 0.95)))
    n = max(1, int((x1 - x0) // (11 * size)))
    gap = size * 1.0
    col_w = size * int(((x1 - x0) - (n - 1) * gap) / n // size)
    pitch = size * 1.3
    col, cy = 0, y
    while col < n:
        title, text = bank.notice()
        cx = x0 + col * (col_w + gap)
        head = set_line(tokens(title, "hei_bold", round(size * 1.15)), cx, cy, col_w, "center")
        rows = break_lines(tokens(text, "song", size), col_w, 2 * size)
        need = head.box[3] - cy + 0.25 * size + len(rows) * pitch
        if cy + need > y1:
            col, cy = col + 1, y
            continue
        lines = [head]
        ty = head.box[3] + 0.25 * size
        for i, r in enumerate(rows):
            dx = 2 * size if i == 0 else 0.0
            lines.append(set_line(r, cx + dx, ty + i * pitch, col_w - dx, "left" if i == len(rows) - 1 else "justify"))
        blocks.append(text_block("advertisement", lines, []))
        cy = lines[-1].box[3] + 0.6 * size
        rects.append(Rect((cx, cy - 0.35 * size, cx + col_w, cy - 0.35 * size + style.rule)))
    return blocks, rects, []


def _ad_lines(ad: AdText, style: Style, width: float, rng: np.random.Generator) -> list[tuple[str, str, int]]:
    """(text, face, size) of each line, each shrunk to fit ``width``."""
    face = str(rng.choice(TITLE_FACES))
    out = []
    for role, text in ad.lines:
        lo, hi = DISPLAY_SCALE[role]
        f = usable_face(face if role == "title" else ("hei_bold" if role == "big" else "hei"), text)
        size = round(style.body * float(rng.uniform(lo, hi)))
        while size > 8 and width_of(tokens(text, f, size, 0.6)) > width:
            size = int(size * 0.94)
        out.append((text, f, size))
    return out


CONTACT_WORDS = ("热线", "电话", "地址", "地点")
"""Lines holding one of these point the reader somewhere (a bare ad drops them)."""


def bare(ad: AdText, box: Box) -> AdText:
    """Half of all ads (by a hash of the ad and its place, so the page's draws stay as they were)
    without their contact lines: a name and an offer only."""
    if zlib.crc32(f"{ad.id}{box}".encode()) % 2 or len(ad.lines) < 4:
        return ad
    return AdText(ad.id, tuple((r, t) for r, t in ad.lines if not any(w in t for w in CONTACT_WORDS)))


def display_ad(ad: AdText, box: Box, style: Style, rng: np.random.Generator, framed: bool) -> Paint:
    """A display ad in ``box``: big type centred (or flush left), framed or standing free."""
    ad = bare(ad, box)
    weight = max(2, round(style.body * float(rng.uniform(0.08, 0.2))))
    rects = _frame(box, weight, int(rng.choice([255, 255, 240]))) if framed else []
    pad = (weight if framed else 0) + style.body * 0.8
    x0, y0, x1, y1 = box[0] + pad, box[1] + pad, box[2] - pad, box[3] - pad
    sized = _ad_lines(ad, style, x1 - x0, rng)
    total = sum(s for _, _, s in sized)
    while total > (y1 - y0) * 0.85 and len(sized) > 2:
        sized.pop(min(range(len(sized)), key=lambda i: sized[i][2]))
        total = sum(s for _, _, s in sized)
    scale = min(1.0, (y1 - y0) * 0.85 / total)
    sized = [(t, f, max(8, int(s * scale))) for t, f, s in sized]
    gap = (y1 - y0 - sum(s for _, _, s in sized)) / (len(sized) + 1)
    align = "center" if rng.random() < 0.75 else "left"
    lines: list[TypeLine] = []
    y = y0 + gap
    for text, face, size in sized:
        lines.append(set_line(tokens(text, face, size, 0.6), x0, y, x1 - x0, align))  # type: ignore[arg-type]
        y += size + gap
    block = LaidBlock("advertisement", box if framed else _union(lines), lines, [])
    return [block], rects, []


def _union(lines: list[TypeLine]) -> Box:
    return (min(ln.box[0] for ln in lines), min(ln.box[1] for ln in lines),
            max(ln.box[2] for ln in lines), max(ln.box[3] for ln in lines))  # fmt: skip


def photo_news(box: Box, style: Style, bank: TextBank, face: str) -> Paint:
    """A photo filling ``box`` with its caption under (or over) it; the credit perhaps on its own line."""
    x0, y0, x1, y1 = box
    size = round(style.body * float(bank.rng.uniform(0.85, 1.0)))
    text = bank.caption(credit=True)
    own_line = bank.rng.random() < 0.5
    parts = text.rsplit(" ", 3)
    body_text, credit = parts[0], " ".join(parts[1:])
    lines = caption_lines(body_text if own_line else text, face, size, x0, x1 - x0, 0.0)
    if own_line:
        lines.append(set_line(tokens(credit, face, size), x0, lines[-1].box[1] + size * 1.35, x1 - x0, "right"))
    cap_h = lines[-1].box[3] + 0.4 * style.leading
    above = bank.rng.random() < 0.25
    if above:
        lines = [ln.shifted(0, y0) for ln in lines]
        pbox = (x0, y0 + cap_h, x1, y1)
    else:
        pbox = (x0, y0, x1, y1 - cap_h)
        lines = [ln.shifted(0, pbox[3] + 0.4 * style.leading) for ln in lines]
    photo = Photo(pbox, int(bank.rng.integers(1 << 30)))
    return [LaidBlock("image", pbox, [], []), text_block("caption", lines, [])], [], [photo]
