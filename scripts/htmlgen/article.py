"""An article module: heading, perhaps a photo, and the body poured down CSS columns.

The body is one flow of paragraphs (indented two ems, justified) in as many text
columns as the module spans grid columns, now and then one fewer (columns set
wider than the grid). Each sentence is its own span, so the measuring script can
cut the text where the module's box ends. The dateline (本报讯, 新华社北京X月X日电)
opens the first paragraph, in bold or in the body face; a byline stands on its own
line under the heading or at the end of the text (flush right). A photo runs
across the top of the module or stands in the first text column, its caption
above or below it, the credit (记者 X 摄) perhaps on a line of its own.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

import numpy as np
from samplegen.corpus import ArticleText
from samplegen.wordbank import TextBank

from htmlgen import faces, photo
from htmlgen.heading import heading
from htmlgen.tags import el, leaf


def draw_text(bank: TextBank, k: int, sidebar: bool) -> ArticleText:
    """An article's text: headline parts, kicker, subheadline, dateline and byline drawn at random."""
    rng = bank.rng
    lines = int(rng.choice([1, 2, 2, 3]))
    byline_at = rng.choice(["start", "end", "end", "dateline", "none"])
    art = bank.article(
        14,
        lines,
        kicker=bool(rng.random() < (0.15 if k <= 2 else 0.35)),
        sub=bool(rng.random() < (0.1 if k <= 2 else 0.35)),
        byline_at=None if byline_at == "none" else str(byline_at),
        short=k == 1 or sidebar,
    )
    if art.dateline and "（" not in art.dateline and rng.random() < 0.25:
        art = replace(art, dateline=f"新华社北京{int(rng.integers(1, 13))}月{int(rng.integers(1, 29))}日电")
    return art


def paragraphs(art: ArticleText, aid: str, dateline_style: str) -> str:
    """The body flow's paragraphs and subheads, sentence by sentence."""
    subs = {s.before_paragraph: s.text for s in art.subheads}
    out = []
    for i, para in enumerate(art.paragraphs):
        if i in subs:
            out.append(leaf("p", subs[i], "subhead", f"{aid}-body", aid, "sub", flow=aid))
        sentences = [s + "。" for s in para.split("。") if s]
        inner = "".join(el("span", escape(s), "s") for s in sentences)
        if i == 0 and art.dateline:
            inner = el("span", escape(art.dateline), "dl", dateline_style) + inner
        out.append(el("p", inner, "para", data_k="body", data_b=f"{aid}-body", data_art=aid, data_flow=aid))
    return "".join(out)


def caption(rng: np.random.Generator, text: str, key: str, aid: str | None, size: float) -> str:
    """A caption; its credit (记者 X 摄) on a line of its own, flush right, half the time."""
    face = faces.SMALL[int(rng.integers(len(faces.SMALL)))]
    style = f"font-family:{face[0]};font-size:{size:.1f}px;line-height:1.3;text-align:justify;"
    if text.endswith("摄") and rng.random() < 0.5:
        head, who, name, tail = text.rsplit(" ", 3)
        inner = leaf("div", head, "caption", key, aid) + leaf(
            "div", f"{who} {name} {tail}", "caption", key, aid, style="text-align:right;"
        )
    else:
        inner = leaf("div", text, "caption", key, aid)
    return el("div", inner, "caption", style + "flex:none;")


def figure(rng: np.random.Generator, text: str, aid: str | None, body: float, height: float, key: str) -> str:
    """A photo of ``height`` CSS pixels with its caption above or below."""
    img = f'<img src="{photo.data_uri(rng, bool(rng.random() < 0.3))}" data-k="image" data-b="{key}-img"'
    img += (f' data-art="{aid}"' if aid else "") + f' style="width:100%;height:{height:.0f}px;display:block;">'
    cap = caption(rng, text, f"{key}-cap", aid, body * float(rng.uniform(0.85, 1.0)))
    gap = f"margin:{0.3 * body:.1f}px 0;"
    parts = (cap, img) if rng.random() < 0.25 else (img, cap)
    return el("div", "".join(parts), "figure", gap + "break-inside:avoid;flex:none;")


def byline(art: ArticleText, aid: str, at_end: bool) -> str:
    """The byline on its own line: flush right at the end of the text, else flush left."""
    if not art.byline:
        return ""
    style = "text-align:right;" if at_end else "font-weight:700;"
    return leaf("p", art.byline, "byline", f"{aid}-by", aid, "keep" if at_end else None, style, aid)


def article(
    rng: np.random.Generator, bank: TextBank, aid: str, k: int, body: float, width: float, height: float, kind: str
) -> tuple[str, ArticleText]:
    """The module's inner markup and the article's text."""
    sidebar = kind == "sidebar"
    art = draw_text(bank, k, sidebar)
    cols = k - 1 if k >= 4 and rng.random() < 0.3 else k
    dl_style = "font-weight:700;font-family:" + faces.HEI + ";" if rng.random() < 0.5 else None
    start = art.byline_at == "start"
    flow = byline(art, aid, False) if start and rng.random() < 0.5 else ""
    top = byline(art, aid, False) if start and not flow else ""
    pic = ""
    if kind == "photo_article" and art.captions:
        if rng.random() < 0.5 or cols == 1:
            pic = figure(rng, art.captions[0], aid, body, float(rng.uniform(0.45, 0.7)) * width / cols, f"{aid}")
            flow += pic
            pic = ""
        else:
            pic = figure(rng, art.captions[0], aid, body, min(0.4 * height, float(rng.uniform(0.35, 0.6)) * width), aid)
    flow += paragraphs(art, aid, dl_style or "") + (byline(art, aid, True) if art.byline_at == "end" else "")
    rule = "column-rule:1px solid #222;" if rng.random() < 0.3 else ""
    flow_css = f"column-count:{cols};column-gap:{body * float(rng.uniform(0.9, 1.4)):.1f}px;{rule}"
    inner = heading(rng, art, aid, body, width, k) + top + pic + el("div", flow, "flow clip", flow_css)
    return inner, art
