"""Spreads: a scan of two pages side by side is cut at its gutter into two pages, in reading order.

The synthetic spread is rendered with real characters in vertical columns (two pages, a gutter
between), split by the loader and read through the whole pipeline with the shipped models: each
page's lines must come back in the scan's pixels, inside its own half. The real microfilm frames
(``../shared/reference/real/ecpo-jingbao-1939``) are checked for the cut only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.config import LoadOptions
from pipeline.stages.load import iter_pages
from pipeline.stages.spreads import find_gutter, halves, ink_of, plan_cut, reads_vertically, thumbnail
from pipeline.work.pages import count_pages, load_page
from tests.conftest import SHARED_REFERENCE, cjk_font

ECPO = SHARED_REFERENCE / "real" / "ecpo-jingbao-1939"
TEXT = "春雨綿綿下個不停農田裏的人們忙着播種城裏的工廠也開工了報紙上說今年的收成會比去年好"


def _vertical_page(width: int, height: int, seed: int) -> Image.Image:
    """A page of vertical columns (24 px characters), read right to left, a rule framing it."""
    from PIL import ImageDraw

    img = Image.new("L", (width, height), 245)
    draw = ImageDraw.Draw(img)
    font = cjk_font(24)
    draw.rectangle((20, 20, width - 21, height - 21), outline=20, width=3)
    draw.text((width // 2 - 60, 40), "晶報第一版", font=cjk_font(40, bold=True), fill=10)
    rng = np.random.default_rng(seed)
    x = width - 70
    while x > 40:
        start = int(rng.integers(0, len(TEXT) - 20))
        for i, ch in enumerate(TEXT[start : start + 20]):
            draw.text((x, 110 + 30 * i), ch, font=font, fill=10)
        x -= 38
    return img


def _spread(tmp_path: Path) -> Path:
    right, left = _vertical_page(700, 900, 1), _vertical_page(700, 900, 2)
    frame = Image.new("L", (1500, 900), 245)
    frame.paste(left, (20, 0))
    frame.paste(right, (780, 0))
    path = tmp_path / "frame.png"
    frame.save(path)
    return path


def test_gutter_is_found_between_two_pages_not_inside_one(tmp_path):
    frame = np.asarray(Image.open(_spread(tmp_path)))
    small = thumbnail(frame)
    ink = ink_of(small)
    x = find_gutter(ink)
    assert x is not None and 720 <= x * frame.shape[1] / small.shape[1] <= 780  # between the pages' frames
    wide = _vertical_page(1400, 900, 3)
    wide.paste(20, (20, 440, 1380, 444))  # the rule between two bands crosses every column gap
    assert find_gutter(ink_of(thumbnail(np.asarray(wide)))) is None  # one wide page: no gutter
    assert reads_vertically(ink)


def _landscape_page(head_rule: bool) -> np.ndarray:
    """One landscape page (a half page, a tabloid on its side): a running head over its whole
    width, then modules of horizontal text whose column gap happens to run clear to the foot."""
    from PIL import ImageDraw

    img = Image.new("L", (1500, 900), 245)
    draw = ImageDraw.Draw(img)
    draw.text((40, 30), "城市晨报", font=cjk_font(36, bold=True), fill=10)
    draw.text((1200, 40), "2024年1月12日", font=cjk_font(24), fill=10)
    if head_rule:
        draw.rectangle((40, 82, 1460, 84), fill=10)
    for x0 in (40, 770):
        for k in range(22):
            draw.text((x0, 110 + 34 * k), TEXT[k % 10 : k % 10 + 27], font=cjk_font(24), fill=10)
    return np.asarray(img)


def test_landscape_page_under_one_running_head_is_not_a_spread():
    page = _landscape_page(head_rule=True)
    assert find_gutter(ink_of(thumbnail(page))) is None
    assert plan_cut(thumbnail(page), page.shape[1], "auto") is None
    # the same page without its head rule would pass for two pages: the rule is what decides
    assert find_gutter(ink_of(thumbnail(_landscape_page(head_rule=False)))) is not None


def test_halves_of_a_vertical_spread_come_right_page_first(tmp_path):
    path = _spread(tmp_path)
    frame = np.asarray(Image.open(path))
    cut = plan_cut(thumbnail(frame), frame.shape[1], "auto")
    assert cut is not None and cut.rtl
    (r0, r1), (l0, l1) = halves(frame.shape[1], cut)
    assert r1 == frame.shape[1] and l0 == 0 and r0 == l1 == cut.x
    assert plan_cut(thumbnail(frame), frame.shape[1], "keep") is None


def test_loader_yields_both_pages_with_their_offsets(tmp_path):
    path = _spread(tmp_path)
    pages = list(iter_pages(path, LoadOptions()))
    assert [(p.page_index, p.page_count) for p in pages] == [(0, 2), (1, 2)]
    first, second = pages
    assert first.offset[0] > 700 and second.offset == (0, 0)  # the right-hand page first
    assert first.scan_shape == second.scan_shape == (900, 1500)
    assert first.image.shape[1] + second.image.shape[1] == 1500
    assert count_pages(path, LoadOptions()) == 2
    assert load_page(path, 0, LoadOptions()).offset == first.offset  # a batch worker loads page 1 alone
    assert len(list(iter_pages(path, LoadOptions(spreads="keep")))) == 1


def test_portrait_page_is_never_split_in_auto(tmp_path):
    path = tmp_path / "page.png"
    _vertical_page(700, 900, 4).save(path)
    assert [p.page_count for p in iter_pages(path, LoadOptions())] == [1]
    assert [p.page_count for p in iter_pages(path, LoadOptions(spreads="split"))] == [2, 2]


def test_spread_pages_read_in_scan_pixels(tmp_path, pipe):
    path = _spread(tmp_path)
    pages = list(pipe.run_file(path))
    assert [p.source.page_index for p in pages] == [0, 1]
    cut = next(iter_pages(path, LoadOptions())).offset[0]
    for page, (x0, x1) in zip(pages, [(cut, 1500), (0, cut)], strict=True):
        assert (page.width, page.height) == (1500, 900)
        lines = [ln for b in page.blocks for ln in b.lines]
        assert len(lines) >= 10
        assert all(x0 - 2 <= ln.bbox.x0 and ln.bbox.x1 <= x1 + 2 for ln in lines)
        assert sum(len(ln.text) for ln in lines) >= 200


@pytest.mark.skipif(not ECPO.is_dir(), reason="ECPO reference frames not in ../shared/reference")
def test_real_microfilm_frame_is_cut_at_its_gutter():
    frame = np.asarray(Image.open(ECPO / "jb_3795_1939-04-21_0001+0004.jpg").convert("L"))
    cut = plan_cut(thumbnail(frame), frame.shape[1], "auto")
    assert cut is not None and cut.rtl
    assert 2000 <= cut.x <= 2700  # the gutter beside the centre-fold column of ads


@pytest.mark.skipif(not ECPO.is_dir(), reason="ECPO reference frames not in ../shared/reference")
def test_real_vertical_page_is_upright_not_on_its_side(engine):
    from pipeline.stages.orient import guess_orientation

    path = ECPO / "jb_3795_1939-04-21_0005+0008.jpg"
    for page in iter_pages(path, LoadOptions()):
        assert guess_orientation(page.image, engine).degrees == 0


def test_extract_writes_both_pages_of_a_spread_and_mets_lists_them(tmp_path):
    from pipeline.cli import main

    path = _spread(tmp_path)
    out = tmp_path / "out"
    assert main(["extract", str(path), "-o", str(out), "--format", "json,mets", "--workers", "1", "--quiet"]) == 0
    assert sorted(p.name for p in out.glob("frame-p*.json")) == ["frame-p1.json", "frame-p2.json"]
    mets = (out / "frame.mets.xml").read_text(encoding="utf-8")
    assert mets.count('TYPE="page"') == 2 and "frame-p2.alto.xml" in mets
    keep = tmp_path / "keep"
    assert main(["extract", str(path), "-o", str(keep), "--spreads", "keep", "--workers", "1", "--quiet"]) == 0
    assert [p.name for p in keep.glob("*.json")] == ["frame.json"]
