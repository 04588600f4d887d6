"""Title lines grouped before roles are named; small headlines and kickers from where they stand.

Lines are placed by hand on a 24 px body (em 24, line pitch 36, measure 264 = 11 ems),
as a compositor would set them, and read with the real layout functions.
"""

from __future__ import annotations

import numpy as np

from pipeline.layout.columns import build_runs
from pipeline.layout.display import Row, make_rows, stack_groups
from pipeline.layout.evidence import noisy_or
from pipeline.layout.features import LineInfo
from pipeline.layout.kickers import kicker_for, take_kickers
from pipeline.layout.titles import Setting, group_rows, is_title, split_at_gutters
from pipeline.state import TextLine, TypeScale

SCALE = TypeScale(em=24.0, size=24.0, line_pitch=36.0, measure=264.0, weight=0.06)
_count = iter(range(10_000))


def line(text: str, x0: float, y0: float, size: float = 24, ink: float = 0.06, x1: float | None = None) -> LineInfo:
    """A horizontal line of ``text`` set at ``size`` px from (x0, y0): one em per character."""
    x1 = x0 + size * len(text) if x1 is None else x1
    quad = np.array([[x0, y0], [x1, y0], [x1, y0 + size], [x0, y0 + size]], float)
    return LineInfo(TextLine(f"l{next(_count)}", quad, text, 0.99), (x0, y0, x1, y0 + size), size, ink, False)


def column(x0: float, y0: float, lines: int, text: str = "这是一行正文的文字内容十一") -> list[LineInfo]:
    return [line(text, x0, y0 + 36 * k, x1=x0 + 264) for k in range(lines)]


def test_staggered_lines_of_one_type_are_one_title():
    first = line("乡村振兴路上", 0, 0, size=48, ink=0.1)  # flush left over three columns
    second = line("新农人扎根田野", 480, 56, size=48, ink=0.1)  # flush right, starting past the first's end
    (group,) = group_rows([Row([first]), Row([second])], [])
    assert group.text == "乡村振兴路上新农人扎根田野"


def test_a_rule_or_another_type_parts_staggered_lines():
    first = line("乡村振兴路上", 0, 0, size=48, ink=0.1)
    second = line("新农人扎根田野", 480, 56, size=48, ink=0.1)
    wall = (400.0, -10.0, 402.0, 200.0)
    assert len(group_rows([Row([first]), Row([second])], [wall])) == 2
    smaller = line("新农人扎根田野", 480, 56, size=36, ink=0.1)
    assert len(group_rows([Row([first]), Row([smaller])], [])) == 2


def test_titles_of_modules_side_by_side_are_cut_apart():
    """Two small headlines a gutter apart, each over its own column, read as one row by the detector."""
    left, right = line("团市委部署工作", 20, 0, size=32, ink=0.1), line("家门口办成事", 330, 0, size=32, ink=0.1)
    body = column(0, 50, 6) + column(288, 50, 6)
    rows = split_at_gutters([Row([left, right])], body, SCALE)
    assert [r.text for r in rows] == ["团市委部署工作", "家门口办成事"]


def test_a_headline_broken_at_a_space_stays_one_row():
    """The same two pieces over one wide line of text beneath them: one headline broken at a space."""
    left, right = line("寒潮来袭", 20, 0, size=48, ink=0.1), line("后天最低气温跌破零下", 240, 0, size=48, ink=0.1)
    beneath = [line("市气象台发布寒潮蓝色预警提醒市民", 40, 56, size=30)]
    (row,) = split_at_gutters([Row([left, right])], beneath, SCALE)
    assert row.text == "寒潮来袭后天最低气温跌破零下"


def _setting(body: list[LineInfo], openers: list[LineInfo] | None = None) -> Setting:
    return Setting(SCALE, build_runs(body, [], 24), [], body, openers or [])


def test_a_bold_medium_line_over_a_column_run_is_a_small_headline():
    head = line("高新区签约落户", 40, 0, size=31, ink=0.11)
    body = column(0, 50, 8)
    (group,) = group_rows([Row([head])], [])
    assert is_title(group, _setting(body), 1.15)


def test_the_same_line_inside_running_text_is_a_subhead():
    sub = line("高新区签约落户", 40, 300, size=31, ink=0.11)
    body = column(0, 0, 8) + column(0, 350, 6)
    (group,) = group_rows([Row([sub])], [])
    assert not is_title(group, _setting(body), 1.15)


def test_over_a_byline_it_heads_an_article_even_inside_text():
    sub = line("消费帮扶进社区", 40, 300, size=31, ink=0.11)
    byline = line("本报记者余静", 100, 340)
    body = column(0, 0, 8) + column(0, 380, 6)
    (group,) = group_rows([Row([sub])], [])
    assert is_title(group, _setting(body, [byline]), 1.15)


def test_a_body_size_line_tight_above_a_headline_and_centred_is_its_kicker():
    (stack,) = stack_groups([[Row([line("快递进村服务站覆盖", 60, 40, size=44, ink=0.1)])]])
    kicker = line("打通农村物流最后一公里", 98, 8, size=28)  # centred on the headline, 8 px above it
    assert kicker_for(kicker, stack, [kicker], SCALE)
    last = line("这是上一篇文章最后一行", 98, -28, size=24)  # a line pitch above, a measure wide: a column of text
    assert not kicker_for(kicker, stack, [last, kicker], SCALE)


def test_the_two_lines_of_a_kicker_over_a_wide_headline_are_its_kicker():
    """Lines wider than a column measure are no column of text: a two-line kicker centred over a
    three-column headline is found from its lower line up."""
    (stack,) = stack_groups([[Row([line("推进双方合作迈上新台阶", 0, 100, size=66, ink=0.1)])]])
    upper = line("吴新明会见中国银行江苏省分", 120, 24, size=36)
    lower = line("行党委书记行长刘小宇一行", 126, 62, size=36)
    assert take_kickers([stack], [upper, lower], SCALE) == []
    assert stack.roles[:2] == ["kicker", "kicker"] and stack.rows[0].text == upper.text


def test_evidence_combines_as_noisy_or():
    assert noisy_or([("size", 1.0)]) > noisy_or([("size", 0.5)]) > noisy_or([]) == 0.0
    assert noisy_or([("size", 0.5), ("place", 1.0)]) > noisy_or([("place", 1.0)])


def test_lines_of_one_advance_are_one_type_whatever_their_box_heights():
    """稻谷进仓 / 农民心里踏实: one size (one advance per character), boxes 15% apart in height."""
    first = line("稻谷进仓", 0, 0, size=45, ink=0.1, x1=4 * 46)
    second = line("农民心里踏实", 290, 46, size=39, ink=0.1, x1=290 + 6 * 44)
    (group,) = group_rows([Row([first]), Row([second])], [])
    assert group.text == "稻谷进仓农民心里踏实"
    other = line("农民心里踏实", 290, 46, size=39, ink=0.1, x1=290 + 6 * 38)  # a smaller advance: other type
    assert len(group_rows([Row([first]), Row([other])], [])) == 2


def test_a_headline_staggered_across_a_wide_module_is_one_title():
    """First line flush left, second flush right five columns on: white paper round both, one headline."""
    first = line("全民健身中心按下快进键", 0, 0, size=72, ink=0.1)
    second = line("海门区覆盖家庭千户", 1500, 76, size=72, ink=0.1)
    body = column(0, 200, 6) + column(1400, 200, 6)
    (group,) = group_rows([Row([first]), Row([second])], [], SCALE.measure, body)
    assert group.text == "全民健身中心按下快进键海门区覆盖家庭千户"
    between = [line("另一篇文章的正文在这里", 900, 40)]  # type between them: two modules' titles
    assert len(group_rows([Row([first]), Row([second])], [], SCALE.measure, body + between)) == 2
    assert len(group_rows([Row([first]), Row([second])], [], SCALE.measure)) == 2  # nothing known round them


def test_titles_of_two_sizes_level_a_word_space_apart_are_two_rows():
    """A staggered second line beside the next module's larger headline: not one printed line."""
    small, large = line("新增岗位八千户", 0, 0, size=40, ink=0.1), line("服务群众六千户", 300, 8, size=48, ink=0.1)
    assert [r.text for r in make_rows([small, large], [])] == ["新增岗位八千户", "服务群众六千户"]
    again = line("服务群众六千户", 300, 0, size=40, ink=0.1)
    assert [r.text for r in make_rows([small, again], [])] == ["新增岗位八千户服务群众六千户"]


def test_a_line_broken_at_a_quote_mark_stays_one_row():
    """The detector may break a headline at its quote mark: the quoted piece's box is taller and its
    advance narrower, but it is set solid against the rest of the line."""
    head = line("老旧小区改造按下", 1552, 498, size=141, ink=0.1, x1=2524)
    quoted = line("“快进键”", 2543, 470, size=191, ink=0.1, x1=3065)
    assert [r.text for r in make_rows([head, quoted], [])] == ["老旧小区改造按下“快进键”"]
    apart = line("“快进键”", 2524 + 60, 470, size=191, ink=0.1, x1=3106)  # a gutter's width away
    assert len(make_rows([head, apart], [])) == 2


def test_a_lighter_line_nearly_as_large_under_the_headline_is_its_subheadline():
    """Song at 0.95 of a bold Hei headline's size and two thirds of its weight: another type, the subheadline."""
    bold = Row([line("东社镇老旧小区改造全面验收", 0, 0, size=42, ink=0.117)])
    song = Row([line("河道整治已完成八成", 0, 50, size=40, ink=0.08)])
    (stack,) = stack_groups([[bold], [song]])
    assert stack.roles == ["headline", "subheadline"]


def test_a_kicker_centred_over_the_columns_of_a_flush_left_headline():
    """The headline set flush left over the first of two columns; the kicker centred over both."""
    (stack,) = stack_groups([[Row([line("高层住宅消防", 0, 40, size=40, ink=0.1)])]])
    body = column(0, 100, 6) + column(288, 100, 6)
    kicker = line("冬季安全", 220, 8, size=28)  # centre 276: the middle of the two columns (0-552)
    assert kicker_for(kicker, stack, [*body, kicker], SCALE)
    off = line("冬季安全", 160, 8, size=28)  # centred on neither the headline nor the columns
    assert not kicker_for(off, stack, [*body, off], SCALE)
