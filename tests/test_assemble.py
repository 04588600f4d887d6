"""Article assembly on hand-set pages: ownership, reading order, paragraphs, dateline, byline.

Most tests give the lines directly (no OCR); the last one runs the real shipped
models on a rendered page through the whole pipeline.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_classify import (
    AD_LINES,
    BYLINE,
    HEADLINE,
    PARAGRAPHS,
    SetPage,
    Typesetter,
    classified,
    flow,
    news_page,
    set_article,
)

from pipeline.config import LayoutOptions
from pipeline.layout.bylines import parse_authors
from pipeline.layout.patterns import split_dateline, split_trailing_byline
from pipeline.stages.assemble import Assemble
from pipeline.stages.export import to_page
from pipeline.stages.load import LoadedPage
from pipeline.state import PageState, RunContext, SourceRef
from schemas import EngineInfo


def assembled(page: SetPage) -> PageState:
    return Assemble(LayoutOptions())(classified(page), RunContext())


@pytest.fixture(scope="module")
def news() -> PageState:
    return assembled(news_page())


def test_one_article_with_headline_dateline_and_byline(news):
    assert len(news.articles) == 1
    art = news.articles[0]
    assert art.headline == HEADLINE
    assert art.dateline == "晚报讯"
    assert art.byline == BYLINE
    assert art.authors == ["朱文君", "李彤", "丁威程"]
    assert len(art.columns) == 3


def test_column_breaks_are_not_paragraph_breaks(news):
    """Each paragraph runs on across columns; only the indents start new ones."""
    art = news.articles[0]
    want = [PARAGRAPHS[0].removeprefix("晚报讯 "), *PARAGRAPHS[1:]]
    assert art.paragraphs == want
    assert "也要在招商引资上" in art.paragraphs[1]


def test_ad_and_header_stay_out_of_the_article(news):
    art = news.articles[0]
    body = "".join(art.paragraphs)
    assert not any(text in body for text, _, _ in AD_LINES)
    assert "城市晚报" not in body
    kinds = {b.id: b.type for b in news.blocks}
    assert all(kinds[i] not in ("advertisement", "page_header") for i in art.block_ids)


def test_reading_order_header_then_article_then_the_rest(news):
    kinds = {b.id: b.type for b in news.blocks}
    order = [kinds[i] for i in news.reading_order]
    assert order[0] == "page_header"
    assert order[1] == "headline"
    assert order.index("advertisement") > max(i for i, k in enumerate(order) if k == "body")
    assert sorted(news.reading_order) == sorted(kinds)


def test_output_validates_with_every_block_once(news):
    page = to_page(news, EngineInfo(name="test"))
    used = [i for a in page.articles for i in a.block_ids]
    assert len(used) == len(set(used))
    assert page.articles[0].bbox.x1 <= page.width


def test_subhead_stays_inside_its_article():
    ts = Typesetter(700, 1000)
    paragraphs = ["晚报讯 " + PARAGRAPHS[0][4:], PARAGRAPHS[1]]
    set_article(ts, 20, 20, 1, 14, paragraphs[:1])
    y = max(ln.box[3] for ln in ts.lines) + 30
    ts.line("年轻人爱上慢手艺", 20 + 3 * 24, y, 26, bold=True)
    for k, (text, indent) in enumerate(flow([PARAGRAPHS[1][:40]], 14)):
        ts.line(text, 20 + indent * 24, y + 50 + k * 36, 24)
    state = assembled(SetPage(np.asarray(ts.img), [ln for ln in ts.lines if "记者" not in ln.text]))
    assert len(state.articles) == 1
    art = state.articles[0]
    assert [(s.text, s.before_paragraph) for s in art.subheads] == [("年轻人爱上慢手艺", 1)]
    assert len(art.paragraphs) == 2 and "年轻人" not in "".join(art.paragraphs)


def test_dateline_forms():
    assert split_dateline("本报讯（记者 王小明 通讯员 李四）昨天上午")[0] == "本报讯（记者 王小明 通讯员 李四）"
    assert split_dateline("新华社北京1月4日电 记者从国铁集团获悉")[0] == "新华社北京1月4日电"
    assert split_dateline("本报记者 张宁 报道 昨天")[0] == "本报记者 张宁 报道"
    assert split_dateline("晚报讯记者昨天从市妇联获悉") == ("晚报讯", "记者昨天从市妇联获悉")
    assert parse_authors("本报讯（记者 王小明 通讯员 李四）") == ["王小明", "李四"]
    assert parse_authors("文/图 记者 周洁") == ["周洁"]
    assert split_trailing_byline("金融服务。 记者丁威程") == ("金融服务。", "记者丁威程")


def test_real_ocr_end_to_end(pipe):
    """The shipped models read a rendered page; layout turns it into the article."""
    ts = Typesetter(1000, 560)
    paragraphs = PARAGRAPHS
    set_article(ts, 40, 30, 3, 12, paragraphs)
    image = np.asarray(ts.img)
    loaded = LoadedPage(image=image, dpi=200.0, page_index=0, page_count=1, format="png")
    page = pipe.run_page(loaded, SourceRef(path="rendered.png"))
    assert len(page.articles) == 1
    art = page.articles[0]
    assert art.headline == HEADLINE
    assert art.dateline == "晚报讯"
    assert art.authors == ["朱文君", "李彤", "丁威程"]
    body = "".join(art.paragraphs)
    want = "".join(paragraphs).removeprefix("晚报讯 ")
    assert len(art.paragraphs) == 3
    from pipeline.eval.text import cer

    assert cer(body, want) <= 0.05
