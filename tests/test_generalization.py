"""Layout rules on set-ups the samples do not show: faint tilted rules, column rules in
narrow gutters, commas on the character grid, wrapped bylines, section labels.

Each test builds a small page or line set by hand (no OCR), so what it checks is the
rule itself, not the generator's habits.
"""

from __future__ import annotations

import numpy as np
from test_classify import Typesetter

from pipeline.geometry import Box, box_to_quad
from pipeline.layout.articles import assign_owners, label_heads, owner_above
from pipeline.layout.display import make_rows, make_stacks
from pipeline.layout.features import LineInfo
from pipeline.layout.gutters import split_at_gutters
from pipeline.layout.paragraphs import article_text, closing_byline
from pipeline.layout.roles import read_roles
from pipeline.layout.rules import find_frames, find_rules, ink_mask
from pipeline.layout.turn import article_order
from pipeline.layout.zones import caption_lines
from pipeline.state import TextLine, WorkBlock

BODY = 24


def _line(text: str, box: Box, lid: str = "l") -> TextLine:
    return TextLine(lid, box_to_quad(box), text, 0.95)


def _info(text: str, box: Box, ink: float = 0.07) -> LineInfo:
    return LineInfo(_line(text, box), box, box[3] - box[1], ink, False)


# --- rules -------------------------------------------------------------------------


def test_faint_hairline_on_a_tilted_scan_is_one_rule():
    """A 1 px rule stepping a row down halfway along, with scan dropouts, is still one rule."""
    ink = np.zeros((600, 2400), np.uint8)
    ink[300, 100:1200] = 255
    ink[301, 1200:2300] = 255  # a residual tilt of well under a tenth of a degree
    rng = np.random.default_rng(7)
    ink[300:302, 100:2300][rng.random((2, 2200)) < 0.08] = 0  # faint ink drops below the threshold
    rules = find_rules(ink, horizontal=True)
    assert len(rules) == 1
    x0, y0, x1, y1 = rules[0]
    assert x0 <= 110 and x1 >= 2290 and 299 <= y0 <= y1 <= 303


def test_body_type_makes_no_rules():
    """Rows of type, however tightly set, never read as rules in either direction."""
    ts = Typesetter(1400, 700)
    for k in range(14):
        ts.line("一二三四五六七八九十，工业互联网平台正式上线运行至今" * 2, 20, 20 + 46 * k, BODY)
    ink = ink_mask(np.asarray(ts.img))
    assert find_rules(ink, horizontal=True) == []
    assert find_rules(ink, horizontal=False) == []


# --- gutters -----------------------------------------------------------------------


def _two_columns(merged_row: int) -> tuple[np.ndarray, list[TextLine]]:
    """Two columns of 10 characters with a column rule in a narrow gutter; one row read as one line."""
    ts = Typesetter(640, 520)
    left, right, pitch = 20, 20 + 10 * BODY + 24, 36
    ts.rule((left + 10 * BODY + 11, 10, left + 10 * BODY + 12, 500))  # the rule sits mid-gutter
    lines: list[TextLine] = []
    for k in range(12):
        y = 20 + k * pitch
        ts.line("医保局相关负责人表示", left, y, BODY)
        ts.line("新政实施后职工将受益", right, y, BODY)
        a, b = ts.lines[-2], ts.lines[-1]
        if k == merged_row:
            x0, y0, _, y1 = a.box
            lines.append(_line(a.text + b.text, (x0, y0, b.box[2], y1), f"m{k}"))
        else:
            lines += [a, b]
    return np.asarray(ts.img), lines


def test_line_read_across_a_column_rule_is_cut_there():
    image, lines = _two_columns(merged_row=5)
    out = split_at_gutters(lines, ink_mask(image), BODY)
    pieces = [ln for ln in out if ln.id.startswith("m5.")]
    assert [p.text for p in pieces] == ["医保局相关负责人表示", "新政实施后职工将受益"]
    assert len(out) == len(lines) + 1


def test_lines_with_a_mark_hung_into_a_one_em_gutter_are_cut_too():
    """No rule, a one-em gutter, and every line read across it: where the left column's line
    ends on a comma hung into the gutter, the white left beside the comma is the gutter."""
    ts = Typesetter(640, 520)
    left, right, pitch = 20, 20 + 11 * BODY, 36
    lines: list[TextLine] = []
    for k in range(10):
        y = 20 + k * pitch
        first = "医保局相关负责人表示，" if k % 2 else "医保局相关负责人介绍"
        ts.line(first, left, y, BODY)
        ts.line("新政实施后职工将受益", right, y, BODY)
        a, b = ts.lines[-2], ts.lines[-1]
        lines.append(_line(a.text + b.text, (a.box[0], a.box[1], b.box[2], a.box[3]), f"m{k}"))
    out = split_at_gutters(lines, ink_mask(np.asarray(ts.img)), BODY)
    assert [ln.text for ln in out] == [
        t
        for k in range(10)
        for t in ("医保局相关负责人表示，" if k % 2 else "医保局相关负责人介绍", "新政实施后职工将受益")
    ]


def test_commas_on_the_character_grid_are_no_gutter():
    """The white after a comma recurs at one place in a few lines of a justified column."""
    ts = Typesetter(600, 560)
    for k in range(12):
        text = "今年全市外贸，　进出口总值增长" if k % 4 == 0 else "今年全市外贸进出口总值稳步增长"
        ts.line(text, 20, 20 + 40 * k, BODY)
    out = split_at_gutters(ts.lines, ink_mask(np.asarray(ts.img)), BODY)
    assert [ln.text for ln in out] == [ln.text for ln in ts.lines]


# --- bylines -----------------------------------------------------------------------


def _body(bid: str, rows: list[tuple[str, int]], top: int, left: int = 100, width: int = 12) -> WorkBlock:
    lines = [
        _line(t, (left + i * BODY, top + k * 36, left + (i + len(t)) * BODY, top + k * 36 + BODY))
        for k, (t, i) in enumerate(rows)
    ]
    box = (left, top, left + width * BODY, top + len(rows) * 36)
    return WorkBlock(bid, "body", box, lines)


def test_byline_wrapped_over_two_closing_lines():
    """本报记者 王晓 通讯员 / 陈明: each line set apart like a paragraph, together one byline."""
    assert closing_byline(["助力外贸稳规模、优结构。", "本报记者 王晓 通讯员", "陈明"]) == (
        ["助力外贸稳规模、优结构。"],
        "本报记者 王晓 通讯员 陈明",
    )
    block = _body(
        "b1", [("今年前11个月，我市外贸", 2), ("进出口稳中有进。", 0), ("本报记者 王晓 通讯员", 2), ("陈明", 2)], 100
    )
    text = article_text([block], [], BODY)
    assert text.paragraphs == ["今年前11个月，我市外贸进出口稳中有进。"]
    assert text.authors == ["王晓", "陈明"]


def test_names_wrapped_under_a_byline_join_it():
    body = _body("b1", [("重大项目建设再提速。", 2)], 100)
    byline = WorkBlock("b2", "byline", (300, 140, 460, 164), [_line("记者朱文君 李彤", (300, 140, 460, 164))])
    names = WorkBlock("b3", "body", (300, 170, 372, 194), [_line("丁威程", (300, 170, 372, 194))])
    assert article_text([body, byline, names], [], BODY).authors == ["朱文君", "李彤", "丁威程"]
    # a two-character word further down is not a name that wrapped
    far = WorkBlock("b3", "body", (300, 400, 348, 424), [_line("增长", (300, 400, 348, 424))])
    text = article_text([body, byline, far], [], BODY)
    assert text.authors == ["朱文君", "李彤"] and "增长" in "".join(text.paragraphs)


# --- section labels ----------------------------------------------------------------


def test_label_beside_a_headline_is_not_a_headline():
    """区域风采 set level with the top of a much larger headline beside it names the section."""
    label = _info("区域风采", (240, 100, 336, 124))
    head = _info("沂源空中草莓俏市场", (420, 102, 960, 162))
    stacks = make_stacks(make_rows([label, head], []))
    roles = {s.rows[0].text: s.roles for s in stacks}
    assert roles == {"区域风采": ["kicker"], "沂源空中草莓俏市场": ["headline"]}


def test_label_at_a_headline_corner_stays_out_of_its_stack():
    """A small line over the headline's corner, neither centred nor flush with it, is no kicker."""
    label = _info("聚焦标准化", (220, 80, 324, 104))
    head = _info("农产品质量建设推动外贸向好", (274, 112, 932, 172))
    kicker = _info("市教育局发布中小学校历", (440, 62, 766, 104))
    label_stacks = make_stacks(make_rows([label, head], []))
    assert sorted(s.roles for s in label_stacks) == [["headline"], ["kicker"]]
    (stack,) = make_stacks(make_rows([kicker, head], []))
    assert stack.roles == ["kicker", "headline"]


def test_column_under_a_side_label_belongs_to_the_headline_beside_it():
    label = WorkBlock("k", "kicker", (240, 100, 336, 124), group="g1")
    head = WorkBlock("h", "headline", (420, 102, 960, 162), group="g2")
    under_label = WorkBlock("c1", "body", (236, 130, 390, 700))
    under_head = WorkBlock("c2", "body", (420, 180, 680, 700))
    blocks = [label, head, under_label, under_head]
    assert label_heads(blocks, [head], []) == {"k": "h"}
    assert assign_owners(blocks, [], [], BODY) == {"c1": "h", "c2": "h"}


def test_white_space_bands_a_lower_headline_takes_the_column_below_it():
    """Bands parted by white space only: a column under a lower headline, half beneath the
    upper module's headline, belongs to the lower one; its byline closes it, not the
    one-column module above it."""
    upper = WorkBlock("h1", "headline", (449, 35, 755, 138))
    right = WorkBlock("h2", "headline", (943, 33, 1130, 125))
    lower = WorkBlock("h3", "headline", (755, 648, 1026, 742))
    top_col = WorkBlock("c0", "body", (610, 155, 884, 332))
    first = WorkBlock("c1", "body", (612, 755, 887, 970))
    second = WorkBlock("c2", "body", (888, 755, 1181, 932))
    byline = WorkBlock("b", "byline", (1061, 933, 1172, 971))
    owners = assign_owners([upper, right, lower, top_col, first, second, byline], [], [], 29.0)
    assert (owners["c0"], owners["c1"], owners["c2"], owners["b"]) == ("h1", "h3", "h3", "h3")


def test_l_shaped_column_under_a_level_neighbour_keeps_its_headline():
    """A headline level with an article's own (its neighbour) is not set between them: the
    column running on under the neighbour's closing rule, beside the article's own column,
    still belongs to its headline."""
    own = WorkBlock("h1", "headline", (141, 648, 487, 752))
    neighbour = WorkBlock("h2", "headline", (755, 648, 1026, 742))
    beside = WorkBlock("c0", "body", (317, 765, 597, 1378))
    run_on = WorkBlock("c", "body", (610, 1203, 891, 1383))
    rules = [(616.0, 1198.0, 1170.0, 1199.0)]
    assert assign_owners([own, neighbour, beside, run_on], rules, [], 29.0)["c"] == "h1"


def test_double_rule_of_an_ad_frame_does_not_close_the_module_above_it():
    """An ad's outer and inner side rules count once: they cover the ad's height, not twice it."""
    h = [(100.0, 1000.0, 2400.0, 1003.0), (100.0, 3300.0, 2400.0, 3303.0), (100.0, 2400.0, 2400.0, 2403.0)]
    v = [(100.0, 2400.0, 103.0, 3300.0), (110.0, 2410.0, 112.0, 3290.0)]
    v += [(2397.0, 2400.0, 2400.0, 3300.0), (2387.0, 2410.0, 2389.0, 3290.0)]
    frames = find_frames(h, v, (3400, 2500))
    assert frames and all(f[1] >= 2300 for f in frames)  # the ad, not the module from 1000 down


def test_column_rule_under_a_headline_does_not_wall_its_article_off():
    """Column rules start below their article's headline; a rule beside a headline bounds its module."""
    left = WorkBlock("h1", "headline", (140, 1150, 1280, 1250))
    right = WorkBlock("h2", "headline", (1710, 1100, 2150, 1270))
    column = WorkBlock("c", "body", (1320, 1280, 1670, 1530))
    walls = [(1300.0, 1272.0, 1302.0, 1608.0), (1692.0, 1098.0, 1695.0, 1764.0)]
    assert assign_owners([left, right, column], [], [], BODY, walls)["c"] == "h1"


def test_short_last_line_in_a_padded_box_is_body_not_a_headline():
    """A detector pads the box of a short line; titles never end on a full stop, running text does."""
    body = [_info("蓝白之间尽显江海韵味昨天青出", (100, 100 + 36 * k, 436, 124 + 36 * k), 0.1) for k in range(12)]
    short = _info("史”。", (100, 540, 172, 576), 0.1)  # 36 px box around 24 px type
    title = _info("蓝印花布走进博物馆", (100, 20, 532, 68), 0.07)
    roles = read_roles([*body, short, title], BODY, 0.1)
    assert any(i is short for i in roles.body) and any(i is title for i in roles.display)


# --- captions ----------------------------------------------------------------------


def test_credit_on_its_own_line_closes_the_caption():
    """新华社记者 陈海宁 摄 ranged right under a caption's short last line belongs to the caption."""
    photo = (100.0, 100.0, 700.0, 500.0)
    cap1 = _info("近年来，罗平县板桥镇加大调整农业产业结构力度，组织农户成立", (100, 510, 700, 534))
    cap2 = _info("专业合作社。", (100, 540, 250, 564))
    credit = _info("新华社记者 陈海宁 摄", (480, 570, 700, 594))
    body = _info("本报讯 昨天，市里召开会议，部署今冬明春的农业生产工作。", (100, 640, 700, 664))
    assert caption_lines(photo, [cap1, cap2, credit, body], BODY) == [cap1, cap2, credit]


def test_text_under_a_short_caption_line_is_not_taken_unless_a_credit():
    photo = (100.0, 100.0, 700.0, 500.0)
    cap = _info("专业合作社大面积推广种植生姜。", (100, 510, 400, 534))
    body = _info("记者了解到，今年全市将新建农贸市场十二个，改造老市场八个。", (100, 540, 700, 564))
    assert caption_lines(photo, [cap, body], BODY) == [cap]


def test_credit_ranged_right_on_the_captions_last_row():
    """The caption's short last line and its credit share a row: both are the caption, and the
    columns of body text set under the photo are not."""
    photo = (100.0, 100.0, 700.0, 500.0)
    rows = [
        _info("近年来，罗平县板桥镇加大调整农业产业结构力度，组织农户成立合", (100, 510 + 26 * k, 700, 534 + 26 * k))
        for k in range(4)
    ]
    end = _info("理。", (100, 614, 150, 638))
    credit = _info("新华社记者陈海宁摄", (480, 612, 700, 636))
    left = _info("本报讯 昨天，市里召开会议，部署", (100, 660, 390, 684))
    right = _info("今冬明春的农业生产工作。会议要求", (410, 660, 700, 684))
    taken = caption_lines(photo, [*rows, end, credit, left, right], BODY)
    assert sorted(map(id, taken)) == sorted(map(id, [*rows, end, credit]))


# --- closing rules -----------------------------------------------------------------


def test_a_label_panel_edge_over_part_of_a_column_closes_nothing():
    """A rule closes the module only for a column it runs across: the edge of a small section
    label's panel under a headline (基层监管 必读) leaves the column to that headline."""
    head = ("h1", (100.0, 100.0, 700.0, 160.0), (100.0, 100.0, 700.0, 160.0))
    column = WorkBlock("b1", "body", (100, 240, 400, 700))
    panel_edge = (100.0, 218.0, 290.0, 220.0)  # across 60% of the column
    assert owner_above(column, [head], [panel_edge], [], BODY) == "h1"
    closing_rule = (95.0, 218.0, 405.0, 220.0)
    assert owner_above(column, [head], [closing_rule], [], BODY) is None


# --- order of articles -------------------------------------------------------------


def test_a_module_starts_at_its_kicker():
    """Two modules of one row: the left one's headline sits lower under its kicker, yet it is read
    first, because modules of a row start level and a module starts at the top of its stack."""
    kicker = WorkBlock("k", "kicker", (100, 100, 500, 130), group="g1")
    left = WorkBlock("h1", "headline", (100, 150, 900, 230), group="g1")
    right = WorkBlock("h2", "headline", (1000, 104, 1800, 184), group="g2")
    order = article_order([left, right], False, BODY, [kicker, left, right])
    assert [h.id for h in order] == ["h1", "h2"]
    assert [h.id for h in article_order([left, right], False, BODY)] == ["h2", "h1"]
