"""The wide page family of ``scripts/samplegen``: exact, valid ground truth; every layout kind it promises.

Pages are laid out without rendering (fast, no OCR); one small page goes all the
way to an image file and its ``*.gt.json``. The kinds are looked for in the
laid-out sheets themselves (faces, sizes, frames, rules), not in the generator's
choices, so a test fails when a kind stops being printed.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))

from samplegen import fonts  # noqa: E402
from samplegen.corpus import load_corpus  # noqa: E402
from samplegen.degrade import Aging  # noqa: E402
from samplegen.model import LaidBlock, Sheet  # noqa: E402
from samplegen.output import check_truth, compact_json, make_page, write_file  # noqa: E402
from samplegen.specs import PageSpec, SampleFile, random_set  # noqa: E402
from samplegen.truth import aging_step, page_truth  # noqa: E402
from samplegen.wide_page import check_fonts, layout_wide  # noqa: E402

from schemas import Page, Source  # noqa: E402

SEED, PAGES = 20261201, 16
NOTICES = {"遗失声明", "招聘", "减资公告", "注销公告", "房屋出租", "寻物启事"}


@cache
def pages() -> tuple[tuple[PageSpec, Sheet], ...]:
    specs = [f.pages[0] for f in random_set(PAGES, SEED, family="wide")]
    return tuple((s, layout_wide(s, load_corpus())) for s in specs)


def _truth(spec: PageSpec, sheet: Sheet) -> Page:
    return page_truth(sheet, spec.aging, Source(path="x.jpg", sha256="0" * 64), aging_step(spec.aging, spec.seed, 80))


def _body(sheet: Sheet) -> int:
    sizes = [g.size for b in sheet.blocks if b.kind == "body" for ln in b.lines for g in ln.glyphs]
    return int(np.median(sizes))


def _size(block: LaidBlock) -> int:
    return max(g.size for ln in block.lines for g in ln.glyphs)


def _faces(block: LaidBlock) -> set[str]:
    return {g.face for ln in block.lines for g in ln.glyphs}


def _in_articles(sheet: Sheet) -> set[int]:
    return {id(b) for a in sheet.articles for b in a.blocks}


def _heads(kind: str) -> list[tuple[Sheet, LaidBlock, float]]:
    """(sheet, block, size in body ems) of every block of ``kind`` on every page."""
    return [(sh, b, _size(b) / _body(sh)) for _, sh in pages() for b in sh.blocks if b.kind == kind]


def test_ground_truth_is_valid_and_exact() -> None:
    for spec, sheet in pages():
        truth = _truth(spec, sheet)
        page = Page.model_validate_json(truth.model_dump_json())
        by_id = {b.id: b for b in page.blocks}
        for art, lay in zip(page.articles, sheet.articles, strict=True):
            heads = [b for b in lay.blocks if b.kind == "headline"]
            assert art.headline == " ".join(ln.text for ln in heads[0].lines)
            kickers = [b for b in lay.blocks if b.kind == "kicker"]
            assert art.kicker == (" ".join(ln.text for ln in kickers[0].lines) if kickers else None)
            body = "".join(by_id[i].text for i in art.block_ids if by_id[i].type == "body").replace(" ", "")
            assert body == ((art.dateline or "") + "".join(art.paragraphs)).replace(" ", "")
            for name in art.authors:
                assert name in (art.byline or "") + (art.dateline or "")
            assert not {by_id[i].type for i in art.block_ids} & {"advertisement", "page_header"}
            printed = ["".join(ln.text for ln in b.lines) for b in lay.blocks if b.kind == "subhead"]
            assert [s.text.replace(" ", "") for s in art.subheads] == [t.replace(" ", "") for t in printed]
            assert all(0 < s.before_paragraph < len(art.paragraphs) for s in art.subheads)


def test_in_article_subheads_appear() -> None:
    assert any(a.text.subheads for _, sh in pages() for a in sh.articles)


def test_a_page_written_to_disk_checks_out(tmp_path: Path) -> None:
    spec = next(s for s, _ in pages() if s.size[1] < s.size[0] * 1.0)
    file = SampleFile("wide", "jpeg", (spec,), quality=80)
    made = make_page(spec, 80)
    gt = [p for p in write_file(file, [made], tmp_path) if p.name.endswith(".gt.json")]
    page = check_truth(gt[0])
    assert page.articles and page.width == spec.size[0]
    assert np.array_equal(np.asarray(make_page(spec, 80)[0]), np.asarray(made[0]))


def test_same_seed_same_page_other_seed_other_page() -> None:
    spec, sheet = pages()[0]
    again = layout_wide(spec, load_corpus())
    assert compact_json(_truth(spec, again)) == compact_json(_truth(spec, sheet))
    other = replace(spec, seed=spec.seed + 1)
    assert compact_json(_truth(other, layout_wide(other, load_corpus()))) != compact_json(_truth(spec, sheet))


def test_ads_photo_news_and_captions_are_never_articles() -> None:
    for _, sheet in pages():
        owned = _in_articles(sheet)
        for b in sheet.blocks:
            if b.kind in ("advertisement", "page_header"):
                assert id(b) not in owned
        for a in sheet.articles:
            assert all(b.kind != "caption" or any(x.kind == "image" for x in a.blocks) for b in a.blocks)


def test_small_headlines_side_by_side_in_one_band() -> None:
    found = False
    for _, sheet in pages():
        body = _body(sheet)
        tops: dict[int, int] = {}
        for a in sheet.articles:
            head = next(b for b in a.blocks if b.kind == "headline")
            width = max(b.box[2] for b in a.blocks) - min(b.box[0] for b in a.blocks)
            if 1.2 <= _size(head) / body <= 1.75 and len(head.lines) >= 2 and width < 30 * body:
                top = round(min(b.box[1] for b in a.blocks))
                tops[top] = tops.get(top, 0) + 1
        found |= max(tops.values(), default=0) >= 3
    assert found


def test_staggered_centred_and_multi_line_headlines() -> None:
    heads = _heads("headline")
    staggered = [
        b
        for _, b, _ in heads
        if len(b.lines) == 2
        and abs(b.lines[0].box[0] - b.box[0]) < 1
        and abs(b.lines[1].box[2] - b.box[2]) < 1
        and b.lines[1].box[0] > b.lines[0].box[0] + _size(b)
    ]
    assert staggered
    assert {1, 2, 3, 4} <= {len(b.lines) for _, b, _ in heads}
    scales = [s for _, _, s in heads]
    assert min(scales) <= 1.35 and max(scales) >= 3.4
    faces = set().union(*(_faces(b) for _, b, _ in heads))
    assert {"hei_bold", "song_bold", "kai", "wenkai_bold"} <= faces


def test_kickers_and_subheadlines_in_many_faces() -> None:
    kickers = _heads("kicker")
    assert any(_faces(b) & {"kai", "song"} and 1.05 <= s <= 1.35 for _, b, s in kickers)
    assert len(set().union(*(_faces(b) for _, b, _ in kickers))) >= 4
    assert len(set().union(*(_faces(b) for _, b, _ in _heads("subheadline")))) >= 4


def _vertical_rules(sheet: Sheet) -> int:
    return sum(1 for r in sheet.rects if r.box[2] - r.box[0] <= 4 and r.box[3] - r.box[1] > 200)


def test_white_space_only_and_ruled_pages() -> None:
    counts = [_vertical_rules(sh) for _, sh in pages()]
    assert 0 in counts and max(counts) > 0


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _inside(box: tuple[float, float, float, float], frame: tuple[float, float, float, float]) -> bool:
    return frame[0] <= box[0] and frame[1] <= box[1] and box[2] <= frame[2] and box[3] <= frame[3]


def test_l_shaped_modules_and_boxed_sidebars() -> None:
    l_shapes = sidebars = 0
    for _, sheet in pages():
        boxes = [_union([b.box for b in a.blocks]) for a in sheet.articles]
        frames = [r.box for r in sheet.rects if r.value == 0 and r.box[2] - r.box[0] > 50 and r.box[3] - r.box[1] > 50]
        for i, a in enumerate(boxes):
            # an L: another article starts inside this one's box, below its top, within its width
            l_shapes += any(
                j != i and a[0] <= b[0] and b[2] <= a[2] + 1 and a[1] < b[1] < a[3] for j, b in enumerate(boxes)
            )
            sidebars += any(_inside(a, f) for f in frames)
    assert l_shapes and sidebars


def test_classifieds_display_ads_and_unframed_ads() -> None:
    notices = display = unframed = 0
    for _, sheet in pages():
        body = _body(sheet)
        frames = [r.box for r in sheet.rects if r.value == 0]
        for b in sheet.blocks:
            if b.kind != "advertisement":
                continue
            notices += b.lines[0].text in NOTICES and _size(b) <= 1.2 * body
            text = "".join(ln.text for ln in b.lines)
            if _size(b) >= 2.5 * body and any(w in text for w in ("电话", "热线", "地址", "元")):
                display += 1
                unframed += not any(_inside(b.box, f) for f in frames)
    assert notices >= 5 and display and unframed


def test_photo_news_with_credits_and_captions_above() -> None:
    news = above = 0
    for _, sheet in pages():
        owned = _in_articles(sheet)
        blocks = sheet.blocks
        for i, b in enumerate(blocks[:-1]):
            if b.kind == "image" and id(b) not in owned and blocks[i + 1].kind == "caption":
                news += "摄" in "".join(ln.text for ln in blocks[i + 1].lines)
        for a in sheet.articles:
            image = next((b for b in a.blocks if b.kind == "image"), None)
            caption = next((b for b in a.blocks if b.kind == "caption"), None)
            above += bool(image and caption and caption.box[3] <= image.box[1])
    assert news and above


def test_grids_half_pages_and_mixed_column_widths() -> None:
    grids = {s.grids[0] for s, _ in pages()}
    assert min(grids) <= 5 and max(grids) >= 8
    assert any(s.size[1] < s.size[0] for s, _ in pages())
    widths = [{round(c[1][2] - c[1][0]) for c in sh.columns} for _, sh in pages()]
    assert any(len(w) >= 2 for w in widths)


def test_a_missing_face_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = replace(pages()[0][0], aging=Aging())  # laid out while every face is there
    monkeypatch.setitem(fonts.FACES, "kai", ("arphic/no-such-ukai.ttc", 0))
    with pytest.raises(FileNotFoundError, match=r"kai.*fonts-arphic-ukai"):
        check_fonts()
    with pytest.raises(FileNotFoundError, match="system_deps"):
        layout_wide(spec, load_corpus())


def test_blocks_lie_on_the_page_and_never_overlap() -> None:
    for _, sheet in pages():
        boxes = [b.box for b in sheet.blocks]
        for box in boxes:
            assert 0 <= box[0] < box[2] <= sheet.width and 0 <= box[1] < box[3] <= sheet.height
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert min(a[2], b[2]) - max(a[0], b[0]) <= 1 or min(a[3], b[3]) - max(a[1], b[1]) <= 1, (a, b)
