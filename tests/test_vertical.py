"""Vertical type (竖排): line measures, the turned frame, vertical headlines, whole vertical pages.

Line-set tests read the exact lines of generated pages (``scripts/samplegen/vertical.py``)
through segmentation, classification and assembly without OCR; the last test runs the
real shipped models on a small rendered vertical page.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from pipeline.config import LayoutOptions, PipelineConfig
from pipeline.eval.text import body_text, cer
from pipeline.geometry import box_to_quad, quad_to_box
from pipeline.layout.features import describe, is_vertical
from pipeline.layout.turn import article_order, turn_vertical_page
from pipeline.layout.vertical import vertical_stacks
from pipeline.runner import layout_stages
from pipeline.stages.export import to_page
from pipeline.stages.load import LoadedPage
from pipeline.stages.segment import Segment
from pipeline.state import Layout, PageState, RunContext, SourceRef, TextLine, WorkBlock
from schemas import EngineInfo, Page

REPO = Path(__file__).resolve().parents[1]
ARTICLES = ("spring-travel", "medical-insurance", "winter-break", "cold-wave", "marathon", "metro")


def _line(line_id: str, box: tuple[float, float, float, float], text: str) -> TextLine:
    return TextLine(line_id, box_to_quad(box), text, 0.99)


def test_vertical_line_is_a_tall_box_its_characters_fill():
    assert is_vertical((0, 0, 30, 150), "竖排的标题")
    assert not is_vertical((0, 0, 30, 150), "一")  # a rule or a stray mark read as one character
    assert not is_vertical((0, 0, 30, 400), "两字")  # far too tall for two cells
    assert not is_vertical((0, 0, 150, 30), "横排的标题")


def test_type_size_of_a_vertical_line_is_its_width():
    col = _line("a", (100, 10, 164, 330), "竖题五个字")
    info = describe([col], np.zeros((400, 400), np.uint8))[0]
    assert info.vertical and info.size == pytest.approx(64)
    assert info.pitch == pytest.approx(64)  # one square cell per character


def test_vertical_columns_stack_right_to_left_and_stop_at_a_rule():
    cols = [_line("r", (300, 0, 360, 420), "全面掀起重大项目"), _line("l", (230, 0, 290, 360), "攻坚突破新热潮")]
    far = _line("x", (100, 0, 160, 300), "另一篇题目")
    infos = describe([cols[1], far, cols[0]], np.zeros((500, 500), np.uint8))
    stacks = vertical_stacks(infos, walls=[(190, 0, 192, 400)])
    assert len(stacks) == 2
    head = next(s for s in stacks if len(s.rows) == 2)
    assert [r.text for r in head.rows] == ["全面掀起重大项目", "攻坚突破新热潮"]
    assert head.roles == ["headline", "headline"]


def test_turn_maps_lines_back_to_the_scan_exactly():
    gray = np.full((400, 300), 255, np.uint8)
    lines = [_line(f"c{k}", (250 - 40 * k, 20, 280 - 40 * k, 320), "竖排正文十个字符号") for k in range(5)]
    page = PageState(source=SourceRef(Path("v.png")), image=gray, work=gray, layout=Layout())
    page.lines = list(lines)
    turned = turn_vertical_page(page, describe(page.lines, np.zeros_like(gray)))
    assert turned is not None and page.work_image.shape == (300, 400)
    # columns from the right are lines from the top, each running left to right
    tops = [quad_to_box(ln.quad)[1] for ln in page.lines]
    assert tops == sorted(tops) and all(not is_vertical(ln.box, ln.text) for ln in page.lines)
    for before, after in zip(lines, page.lines, strict=True):
        assert np.allclose(page.to_scan.apply(after.quad), before.quad)


def test_horizontal_page_is_not_turned():
    gray = np.full((300, 400), 255, np.uint8)
    page = PageState(source=SourceRef(Path("h.png")), image=gray, work=gray, layout=Layout())
    page.lines = [_line(f"r{k}", (20, 20 + 30 * k, 320, 44 + 30 * k), "横排正文十个字符号") for k in range(5)]
    assert turn_vertical_page(page, describe(page.lines, np.zeros_like(gray))) is None


def test_articles_of_a_turned_page_go_band_by_band():
    def head(i: str, x: float, y: float) -> WorkBlock:
        return WorkBlock(i, "headline", (x, y, x + 300, y + 60))

    # turned frame: band 1 is x 0..600, band 2 x 700..1300; within a band, from the top (the page's right)
    heads = [head("b2-first", 702, 10), head("b1-second", 3, 500), head("b1-first", 0, 12), head("b2-second", 699, 480)]
    order = article_order(heads, turned=True, size=20)
    assert [h.id for h in order] == ["b1-first", "b1-second", "b2-first", "b2-second"]
    # a horizontal page reads rows of headlines (tops a few pixels apart) from the left
    across = article_order(heads, turned=False, size=20)
    assert [h.id for h in across] == ["b1-first", "b2-first", "b1-second", "b2-second"]


def _samplegen():
    scripts = str(REPO / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    from samplegen.corpus import load_corpus
    from samplegen.degrade import Aging
    from samplegen.furniture import PaperInfo
    from samplegen.output import make_page
    from samplegen.specs import PageSpec

    paper = PaperInfo("南通晚报", "2024年1月12日 星期五", "第3版", "要闻", "责任编辑 顾晓")

    def make(kind: str, size: tuple[int, int], aging: Aging) -> tuple[np.ndarray, Page]:
        load_corpus()
        spec = PageSpec(11, 200, size, paper, ARTICLES, (), (6,), aging, 10.0, vertical=kind)  # type: ignore[arg-type]
        image, truth = make_page(spec, 90)
        return np.asarray(image.convert("L")), truth

    return make, Aging


def _read_truth_lines(gray: np.ndarray, truth: Page) -> Page:
    """Segment the rendered page, then classify and assemble its exact lines (no OCR)."""
    page = PageState(source=SourceRef(Path("v.png")), image=gray, dpi=200.0, work=gray)
    page = Segment(LayoutOptions())(page, RunContext())
    page.lines = [
        TextLine(ln.id, np.array(ln.quad, float), ln.text.replace(" ", ""), 0.99)
        for b in truth.blocks
        for ln in b.lines
        if b.type != "image"
    ]
    for stage in layout_stages(PipelineConfig()):
        page = stage(page, RunContext())
    return to_page(page, EngineInfo(name="truth-lines", version="0"))


def _same_articles(pred: Page, truth: Page) -> None:
    assert [a.headline.replace(" ", "") for a in pred.articles] == [a.headline.replace(" ", "") for a in truth.articles]
    for p, t in zip(pred.articles, truth.articles, strict=True):
        assert len(p.paragraphs) == len(t.paragraphs), p.headline
        assert cer(body_text(p), body_text(t)) == 0.0, p.headline
        assert (p.dateline or "").replace(" ", "") == (t.dateline or "").replace(" ", "")
        assert p.authors == t.authors


@pytest.mark.parametrize("kind", ["page", "headline"])
def test_exact_lines_of_vertical_pages_assemble_into_the_true_articles(kind):
    make, aging = _samplegen()
    gray, truth = make(kind, (1800, 2500), aging())
    pred = _read_truth_lines(gray, truth)
    _same_articles(pred, truth)
    by_id = {b.id: b for b in pred.blocks}
    for article in pred.articles:
        head = by_id[article.block_ids[0]]
        assert head.type == "headline" and head.direction == "vertical-rtl"
        body = [by_id[i] for i in article.block_ids if by_id[i].type == "body"]
        assert all(b.direction == ("vertical-rtl" if kind == "page" else "horizontal-ltr") for b in body)
    if kind == "page":
        header = next(b for b in pred.blocks if b.type == "page_header")
        assert header.direction == "horizontal-ltr" and header.lines[0].text == "南通晚报"
        for block in (b for b in pred.blocks if b.type == "body"):
            xs = [ln.bbox.x0 for ln in block.lines]
            assert xs == sorted(xs, reverse=True)  # columns read from the right


def test_vertical_page_through_the_pipeline(pipe):
    make, aging = _samplegen()
    gray, truth = make("page", (1200, 1600), aging(angle=0.4, blur=0.5, noise=3, paper=(240, 238, 230)))
    page = pipe.run_page(
        LoadedPage(image=gray, dpi=200.0, page_index=0, page_count=1, format="png"), SourceRef(Path("vertical.png"))
    )
    assert page.orientation_deg == 0  # upright vertical type is not a page lying on its side
    assert [a.headline for a in page.articles] == [a.headline for a in truth.articles]
    by_id = {b.id: b for b in page.blocks}
    for pred, true in zip(page.articles, truth.articles, strict=True):
        assert cer(body_text(pred), body_text(true)) < 0.1
        first = by_id[pred.block_ids[0]]
        assert first.type == "headline" and first.direction == "vertical-rtl"
    # the first article sits at the top right: read before the one below it, columns from the right
    heads = [by_id[a.block_ids[0]].bbox for a in page.articles]
    assert heads[0].x1 > page.width * 0.8 and heads[0].y0 < heads[1].y0


def test_horizontal_lines_of_a_vertical_page_read_the_way_its_columns_say():
    """A running head and a headline set right to left come out in reading order; Latin stays as set."""
    from pipeline.layout.turn import mark_directions, quarter_turn
    from pipeline.state import Turned

    turn = quarter_turn(1000)

    def block(i: str, box: tuple[float, float, float, float], text: str, kind: str = "body") -> WorkBlock:
        line = TextLine(i, turn.apply(box_to_quad(box)), text, 0.9)
        return WorkBlock(i, kind, quad_to_box(line.quad), [line])  # type: ignore[arg-type]

    columns = [
        block(f"c{k}", (900 - 30 * k, 100, 920 - 30 * k, 400), t)
        for k, t in enumerate(("法租界懸旗糾紛昨已解决", "上海法租界商店", "中華民國二十八年"))
    ]
    head = block("h", (500, 100, 640, 120), "紛糾旗懸界租法", "headline")
    folio = block("f", (300, 20, 500, 40), "年八十二國民華中")
    name = block("n", (150, 20, 190, 40), "報晶")  # no pair of it in the columns: goes with the page
    latin = block("l", (100, 50, 260, 70), "The Crystal")
    blocks = [*columns, head, folio, name, latin]
    mark_directions(blocks, Turned(turn=turn, header=frozenset(), footer=frozenset()))
    assert [b.text for b in (head, folio, name, latin)] == ["法租界懸旗糾紛", "中華民國二十八年", "晶報", "The Crystal"]
    assert all(b.direction == "vertical-rtl" for b in columns)
    # a page whose columns hold the pairs read forwards keeps its lines as read
    forward = block("g", (500, 100, 640, 120), "法租界懸旗糾紛", "headline")
    mark_directions([*columns, forward], Turned(turn=turn, header=frozenset(), footer=frozenset()))
    assert forward.text == "法租界懸旗糾紛"


def test_a_short_items_title_opens_an_article_but_a_subhead_stays_inside_its_own():
    """Turned frame: bands are columns (x 0..400, 420..820, walls between); within a band, items from the top."""
    from pipeline.layout.openers import promote_openers

    def block(i: str, kind: str, box: tuple[float, float, float, float], text: str = "江海關對外貿易") -> WorkBlock:
        return WorkBlock(i, kind, box, [_line(i, box, text)])  # type: ignore[arg-type]

    head = block("h", "headline", (0, 0, 300, 60))
    inner = block("s1", "subhead", (0, 300, 200, 330))  # under its headline in band 1: a subhead
    closed = block("s2", "subhead", (0, 700, 200, 730))  # band 1 again, past a rule across it: a new item
    other = block("s3", "subhead", (420, 100, 620, 130))  # band 2 has no headline of its own before it
    small = block("s4", "subhead", (420, 500, 620, 522))  # smaller than the body: a body column misread
    lone = block("s5", "subhead", (420, 800, 460, 830), "國")  # one character: a fragment
    blocks = [head, inner, closed, other, small, lone]
    walls = [(408, 0, 410, 1000)]
    promoted = promote_openers(blocks, rules=[(0, 650, 400, 652)], walls=walls, size=25)
    assert sorted(promoted) == ["s2", "s3"]
    assert [b.type for b in blocks] == ["headline", "subhead", "headline", "headline", "subhead", "subhead"]
    # without the wall, band 2's title would be read as a subhead of the headline beside it
    again = [block("h", "headline", (0, 0, 620, 60)), block("s3", "subhead", (420, 100, 620, 130))]
    assert promote_openers(again, rules=[], walls=[], size=25) == []


def test_a_title_in_its_headlines_size_heads_the_next_short_item():
    """Short items follow each other down a band with no rule between, each titled alike: a title set
    as large as the headline before it is the next item's; a second line level with a title is the title's."""
    from pipeline.layout.openers import promote_openers

    def block(i: str, kind: str, box: tuple[float, float, float, float]) -> WorkBlock:
        return WorkBlock(i, kind, box, [_line(i, box, "牯嶺未失陷")])  # type: ignore[arg-type]

    first = block("h", "headline", (0, 0, 200, 40))  # turned frame: a band is x 0..400, items from the top
    peer = block("s1", "subhead", (0, 300, 200, 338))  # the next item's title, as large: a headline
    inner = block("s2", "subhead", (0, 500, 200, 527))  # smaller than the headline before it: a subhead
    beside = block("s3", "subhead", (180, 305, 380, 343))  # level with the promoted title: its second line
    blocks = [first, peer, inner, beside]
    assert promote_openers(blocks, rules=[], walls=[], size=25) == ["s1"]
    assert [b.type for b in blocks] == ["headline", "headline", "subhead", "subhead"]


def test_a_column_in_the_side_margin_is_furniture_never_article_text():
    gray = np.full((1000, 800), 255, np.uint8)
    body = [_line(f"u{k}", (560 - 40 * k, 100, 590 - 40 * k, 450), "上段正文的一個直行") for k in range(8)]
    body += [_line(f"d{k}", (560 - 40 * k, 500, 590 - 40 * k, 900), "下段正文的一個直行呢") for k in range(8)]
    margin = _line("m", (700, 100, 730, 900), "本報忠實報道新聞說人人要說的話文字淺近趣味濃厚")
    page = PageState(source=SourceRef(Path("v.png")), image=gray, work=gray, layout=Layout())
    page.layout.horizontal_rules = [(250, 474, 600, 476)]  # the band rule: the margin column runs past it
    page.lines = [*body, margin]
    turned = turn_vertical_page(page, describe(page.lines, np.zeros_like(gray)))
    assert turned is not None
    assert "m" in turned.footer and not any(ln.id in turned.footer | turned.header for ln in body)
    # with no band rule to run past, the outer column is read as text (a page of full-height columns)
    page = PageState(source=SourceRef(Path("v.png")), image=gray, work=gray, layout=Layout())
    page.lines = [*body, margin]
    turned = turn_vertical_page(page, describe(page.lines, np.zeros_like(gray)))
    assert turned is not None and "m" not in turned.footer


def _cells():
    """The cell cutter of ``scripts/vertical_cells.py`` (a measured reading the pipeline does not use)."""
    scripts = str(REPO / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    import vertical_cells

    return vertical_cells


def _column(text: str, size: int, pad: float) -> tuple[np.ndarray, list[int]]:
    """``text`` set solid down one column of ``size``-px cells (AR PL Mingti: traditional glyphs),
    padded ``pad`` em each side as a detector pads a column; also the row where each cell starts."""
    from PIL import Image, ImageDraw
    from samplegen.fonts import font

    face = font("ming", size)
    margin = int(pad * size)
    image = Image.new("L", (size + 2 * margin, size * len(text) + 2 * margin), 255)
    draw = ImageDraw.Draw(image)
    tops = [margin + k * size for k in range(len(text))]
    for ch, top in zip(text, tops, strict=True):
        draw.text((margin + size / 2, top + size / 2), ch, font=face, fill=0, anchor="mm")
    return np.asarray(image), tops


@pytest.mark.parametrize("size", [24, 40])
def test_a_column_is_cut_into_one_cell_per_character(size):
    cell_cuts = _cells().cell_cuts
    text = "國泰藝術照相館二小八三六"  # 二 小 八 三 六 have white rows inside them
    crop, tops = _column(text, size, pad=0.35)
    cuts = cell_cuts(crop)
    assert len(cuts) == len(text)
    for (a, _), top in zip(cuts[1:], tops[1:], strict=True):
        assert abs(a - top) <= 0.25 * size  # each cut falls in the white between two cells


def test_a_relaid_column_reads_its_top_cell_first():
    cell_cuts, relay_column = _cells().cell_cuts, _cells().relay_column
    crop, _ = _column("國泰藝術照相館", 32, pad=0.35)
    line = relay_column(crop)
    assert line is not None and line.shape[1] > 4 * line.shape[0]  # a line: far wider than high
    (a, b), *_ = cell_cuts(crop)
    first = line[:, : line.shape[1] // 7]
    assert (first < 128).sum() == pytest.approx((crop[a:b] < 128).sum(), rel=0.1)


def test_a_crop_of_one_cell_is_not_relaid():
    relay_column = _cells().relay_column
    crop, _ = _column("國", 32, pad=0.35)
    assert relay_column(crop) is None


def test_short_columns_of_a_shallow_band_are_text_not_bylines():
    """Turned frame: a strip under a picture is columns (lines here) of three characters, level at both ends."""
    from pipeline.layout.openers import strip_columns

    def block(i: str, kind: str, box: tuple[float, float, float, float]) -> WorkBlock:
        return WorkBlock(i, kind, box, [_line(i, box, "地中海")])  # type: ignore[arg-type]

    strip = [block(f"s{k}", "byline" if k % 2 else "body", (1860, 600 + 38 * k, 1960, 640 + 38 * k)) for k in range(5)]
    lone = block("y", "byline", (400, 900, 500, 940))  # a name closing a column of long text
    column = block("c", "body", (400, 850, 900, 890))
    blocks = [*strip, lone, column]
    assert strip_columns(blocks, size=42) == ["s1", "s3"]
    assert lone.type == "byline" and all(b.type == "body" for b in strip)
