"""Block classification on hand-set pages: text rendered in the CJK fonts, lines given directly (no OCR).

The page builder here sets type the way a newspaper does (one character per em,
justified lines, two-character paragraph indents, text running on from one
column to the next) and records each printed line as a TextLine, so the layout
stages can be tested on exact input. ``tests/test_assemble.py`` reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest
from conftest import cjk_font
from PIL import Image, ImageDraw

from pipeline.config import LayoutOptions, PipelineConfig
from pipeline.geometry import box_to_quad
from pipeline.runner import layout_stages
from pipeline.stages.segment import Segment
from pipeline.state import PageState, RunContext, SourceRef, TextLine

BODY = 24
HEADLINE = "全面掀起重大项目攻坚突破新热潮"
PARAGRAPHS = [
    "晚报讯 昨天，市委、市政府召开全市重大项目攻坚突破年动员大会，号召全市上下开年即开工、起步即加速，"
    "迅速擂起大抓招商、猛攻项目的战鼓。",
    "吴新明指出，要凝聚共识，坚定推动重大项目攻坚突破的信心决心，既要在落地转化上全力攻坚，也要"
    "在招商引资上持续攻坚，让更多大项目、好项目接踵而至。",
    "会议向二〇二三年度新开工十大项目、竣工投产十大项目颁发奖牌。与会人员参观了项目建设展板。",
]
BYLINE = "记者朱文君 李彤 丁威程"
AD_LINES = [
    ("新春年货节", 44, True),
    ("全场满200减30", 30, True),
    ("会员积分翻倍", 24, False),
    ("热线96008", 22, False),
]


@dataclass
class SetPage:
    """A typeset page: the image, its lines and where things were put."""

    image: np.ndarray
    lines: list[TextLine] = field(default_factory=list)
    columns: list[tuple[int, int]] = field(default_factory=list)
    ad_box: tuple[int, int, int, int] = (0, 0, 0, 0)


class Typesetter:
    """Draws lines one character per cell and records them as TextLines."""

    def __init__(self, width: int, height: int) -> None:
        self.img = Image.new("L", (width, height), 250)
        self.draw = ImageDraw.Draw(self.img)
        self.lines: list[TextLine] = []

    def line(self, text: str, x: int, y: int, size: int, bold: bool = False) -> None:
        font = cjk_font(size, bold)
        cx = x
        for ch in text:
            self.draw.text((cx, y), ch, font=font, fill=10)
            cx += size if ord(ch) > 0x2E80 or ch == " " else size // 2  # a word space is an em
        _, y0, _, y1 = self.draw.textbbox((x, y), "国", font=font)
        box = (x - 2, y0 - 3, cx + 2, y1 + 3)
        self.lines.append(TextLine(f"l{len(self.lines) + 1:04d}", box_to_quad(box), text, 0.98))

    def rule(self, box: tuple[int, int, int, int]) -> None:
        self.draw.rectangle(box, fill=0)

    def frame(self, box: tuple[int, int, int, int], width: int = 3) -> None:
        self.draw.rectangle(box, outline=0, width=width)


NO_START = "，。、；：？！”）"


def flow(paragraphs: list[str], chars: int) -> list[tuple[str, int]]:
    """Break paragraphs into lines of ``chars`` cells: (text, indent in cells).

    Punctuation that may not start a line hangs at the end of the previous one.
    """
    out = []
    for para in paragraphs:
        rest, indent = para, 2
        while rest:
            n = chars - indent
            if len(rest) > n and rest[n] in NO_START:
                n += 1
            out.append((rest[:n], indent))
            rest, indent = rest[n:], 0
    return out


def set_article(
    ts: Typesetter, x0: int, top: int, ncols: int, chars: int, paragraphs: list[str]
) -> list[tuple[int, int]]:
    """Headline over ``ncols`` columns, body running down each column in turn, byline at the end."""
    col_w, gutter, pitch = chars * BODY, BODY, int(BODY * 1.5)
    width = ncols * col_w + (ncols - 1) * gutter
    hl_size = 52
    ts.line(HEADLINE, x0 + (width - len(HEADLINE) * hl_size) // 2, top, hl_size, bold=True)
    body = flow(paragraphs, chars)
    per_col = -(-len(body) // ncols)
    y0 = top + hl_size + BODY * 2
    columns = []
    for c in range(ncols):
        cx = x0 + c * (col_w + gutter)
        columns.append((cx, cx + col_w))
        for k, (text, indent) in enumerate(body[c * per_col : (c + 1) * per_col]):
            ts.line(text, cx + indent * BODY, y0 + k * pitch, BODY)
    last = len(body) - (ncols - 1) * per_col
    cx = x0 + (ncols - 1) * (col_w + gutter)
    ts.line(BYLINE, cx + col_w - len(BYLINE) * BODY + BODY // 2, y0 + last * pitch, BODY)
    return columns


def news_page() -> SetPage:
    """A header band, a three-column article with headline and byline, and an ad box beside it."""
    ts = Typesetter(1340, 900)
    ts.line("城市晚报", 40, 20, 40, bold=True)
    ts.line("2024年1月5日 星期五", 1000, 36, 20)
    ts.rule((40, 80, 1300, 84))
    columns = set_article(ts, 40, 110, 3, 12, PARAGRAPHS)
    ad = (1000, 300, 1300, 640)
    ts.frame(ad)
    y = 330
    for text, size, bold in AD_LINES:
        width = sum(size if ord(ch) > 0x2E80 or ch == " " else size // 2 for ch in text)
        ts.line(text, (ad[0] + ad[2] - width) // 2, y, size, bold)
        y += int(size * 1.9)
    return SetPage(np.asarray(ts.img), ts.lines, columns, ad)


def page_state(page: SetPage) -> PageState:
    """A PageState as OCR would leave it (no skew: the working image is the scan)."""
    state = PageState(source=SourceRef(path="set.png"), image=page.image)
    state.work = page.image
    state.lines = list(page.lines)
    return state


def classified(page: SetPage) -> PageState:
    state = page_state(page)
    ctx = RunContext()
    Segment(LayoutOptions())(state, ctx)
    for stage in layout_stages(PipelineConfig())[:-1]:  # turn, type scale, gutters, classify
        state = stage(state, ctx)
    return state


@pytest.fixture(scope="module")
def news() -> SetPage:
    return news_page()


def test_headline_spans_three_columns(news):
    state = classified(news)
    heads = [b for b in state.blocks if b.type == "headline"]
    assert [b.text for b in heads] == [HEADLINE]
    assert len(heads[0].columns) == 3


def test_column_grid_follows_the_body(news):
    state = classified(news)
    body_cols = sorted((round(c[0]), round(c[2])) for c in state.layout.columns)
    assert len(body_cols) == 3
    for (x0, x1), (want0, want1) in zip(body_cols, news.columns, strict=True):
        assert abs(x0 - want0) <= BODY and abs(x1 - want1) <= BODY
    assert state.layout.body_size == pytest.approx(BODY, rel=0.35)


def test_body_runs_one_block_per_column(news):
    state = classified(news)
    body = sorted((b for b in state.blocks if b.type == "body"), key=lambda b: b.box[0])
    assert len(body) == 3
    assert [len(b.columns) for b in body] == [1, 1, 1]
    assert body[0].text.startswith("晚报讯")


def test_byline_header_and_ad_are_set_apart(news):
    state = classified(news)
    kinds = {b.type: b for b in state.blocks}
    assert kinds["byline"].text == BYLINE
    assert "城市晚报" in kinds["page_header"].text
    ad = kinds["advertisement"]
    assert [ln.text for ln in ad.lines] == [t for t, _, _ in AD_LINES]
    assert not any(b.type == "headline" and "年货" in b.text for b in state.blocks)


def test_every_line_in_exactly_one_block(news):
    state = classified(news)
    ids = [ln.id for b in state.blocks for ln in b.lines]
    assert sorted(ids) == sorted(ln.id for ln in news.lines)
    assert len({b.id for b in state.blocks}) == len(state.blocks)
    assert all(0.0 < b.confidence <= 1.0 for b in state.blocks)


def test_line_run_across_a_gutter_is_cut():
    ts = Typesetter(700, 800)
    set_article(ts, 20, 20, 2, 12, PARAGRAPHS)
    top = sorted(ts.lines[1:], key=lambda ln: (ln.box[1], ln.box[0]))
    merged_quad = box_to_quad((top[0].box[0], top[0].box[1], top[1].box[2], top[0].box[3]))
    merged = TextLine("l9999", merged_quad, top[0].text + top[1].text, 0.95)
    lines = [merged] + [ln for ln in ts.lines if ln not in top[:2]]
    state = classified(SetPage(np.asarray(ts.img), lines))
    texts = [ln.text for b in state.blocks if b.type == "body" for ln in b.lines]
    assert top[0].text in texts and top[1].text in texts
