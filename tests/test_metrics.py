"""Evaluation metrics on hand-built pages: CER, article matching, authors F1, ad leaks."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.eval import CharErrorRate, PageMetrics, cer, leaked_ads, match_articles, normalize, page_text
from pipeline.eval.metrics import Scores
from schemas import Article, BBox, Block, EngineInfo, Line, Page, Source

HEAD_1 = "全面掀起重大项目攻坚突破新热潮"
BODY_1 = [
    "昨天，市委、市政府召开全市动员大会，号召全市上下开年即开工、起步即加速。",
    "既要在落地转化上全力攻坚，也要在招商引资上持续攻坚。",
]
HEAD_2 = "吴新明会见中国银行江苏省分行党委书记"
BODY_2 = ["昨天，市委书记吴新明会见中国银行江苏省分行党委书记、行长刘小宇一行。"]
HEAD_3 = "南通2单位3人上榜"
BODY_3 = ["记者昨天从市妇联获悉，我市2家单位、3名个人榜上有名。"]
AD = "南通好玩·新年群星演唱会"


def box(x0: int, y0: int, x1: int, y1: int) -> BBox:
    return BBox(x0=x0, y0=y0, x1=x1, y1=y1)


def article(
    aid: str, headline: str, paragraphs: list[str], authors: tuple[str, ...] = (), at: int = 0, **extra: object
) -> Article:
    """An article in column ``at`` (each column 300 px wide)."""
    x = 300 * at
    return Article(
        id=aid, headline=headline, paragraphs=paragraphs, authors=list(authors), bbox=box(x, 0, x + 300, 900), **extra
    )


def page(articles: list[Article], blocks: Sequence[Block] = (), reading_order: Sequence[str] = ()) -> Page:
    """A 1200 x 1000 page holding ``articles`` (and ``blocks``, e.g. an ad)."""
    return Page(
        source=Source(path="nantong.png", sha256=""),
        width=1200,
        height=1000,
        engine=EngineInfo(name="test"),
        blocks=list(blocks),
        reading_order=list(reading_order),
        articles=articles,
    )


def ad_block(text: str = AD, bid: str = "ad") -> Block:
    return Block(id=bid, type="advertisement", bbox=box(900, 0, 1200, 300), text=text)


GT = page(
    [
        article("a1", HEAD_1, BODY_1, ("朱文君", "李彤", "丁威程"), at=0),
        article("a2", HEAD_2, BODY_2, ("丁威程",), at=1),
        article("a3", HEAD_3, BODY_3, ("陆薇",), at=2),
    ],
    blocks=[ad_block()],
)


# --- CER -------------------------------------------------------------------------------


def test_cer_of_known_strings():
    assert cer("重大项目", "重大项目") == 0.0
    assert cer("重大頂目", "重大项目") == 0.25  # one substitution in four
    assert cer("重大项", "重大项目") == 0.25  # one deletion
    assert cer("重大项目目", "重大项目") == 0.25  # one insertion
    assert cer("", "重大项目") == 1.0
    assert cer("", "") == 0.0 and cer("多余", "") == 1.0


def test_normalisation_ignores_width_and_whitespace():
    assert normalize("晚报讯 昨天，市委（大会）：１２３") == "晚报讯昨天,市委(大会):123"
    assert cer("晚报讯 昨天, 市委\n召开", "晚报讯昨天，市委召开") == 0.0
    assert cer("昨天。", "昨天,") == pytest.approx(1 / 3)  # 。 has no half-width twin: a real error


def test_char_error_rate_is_micro_averaged():
    m = CharErrorRate()
    assert m.compute() is None
    m.update("重大頂目", "重大项目")  # 1 edit / 4
    m.update("开工即加速起步", "开年即开工，起步即加速")  # many edits / 11
    assert m.chars == 15
    assert m.compute() == pytest.approx(m.edits / 15)
    assert m.compute() != pytest.approx((0.25 + cer("开工即加速起步", "开年即开工，起步即加速")) / 2)


def test_page_text_follows_reading_order_then_unlisted_blocks():
    blocks = [
        Block(id="b1", type="body", bbox=box(0, 0, 9, 9), text="在招商引资上"),
        Block(id="b2", type="body", bbox=box(0, 0, 9, 9), text="也要"),
        Block(id="b3", type="byline", bbox=box(0, 0, 9, 9), text="记者陆薇"),
    ]
    assert page_text(page([], blocks, reading_order=["b2", "b1"])) == "也要在招商引资上记者陆薇"


def test_page_cer_counts_reading_order_mistakes():
    b = [
        Block(id="b1", type="body", bbox=box(0, 0, 9, 9), text="也要"),
        Block(id="b2", type="body", bbox=box(0, 0, 9, 9), text="在招商引资上"),
    ]
    metrics = PageMetrics()
    right = metrics.update(page([], b, ["b1", "b2"]), page([], b, ["b1", "b2"]))
    wrong = metrics.update(page([], b, ["b2", "b1"]), page([], b, ["b1", "b2"]))
    assert right.page_cer == 0.0
    assert wrong.page_cer is not None and wrong.page_cer > 0.3


# --- matching and article scores -----------------------------------------------------------


def test_swapped_article_order_still_matches_each_article():
    pred = page(list(reversed(GT.articles)), blocks=[ad_block()])
    pairs = {(m.gt, m.pred) for m in match_articles(pred.articles, GT.articles)}
    assert pairs == {(0, 2), (1, 1), (2, 0)}
    s = PageMetrics().update(pred, GT)
    assert (s.body_cer, s.headline_rate, s.recall, s.precision, s.authors_f1) == (0.0, 1.0, 1.0, 1.0, 1.0)


def test_column_break_inside_a_sentence_does_not_cost_body_characters():
    # The page breaks "也要" / "在招商引资上" across columns; split paragraphs join back.
    split = [
        "昨天，市委、市政府召开全市动员大会，号召全市上下开年即开工、起步即加速。",
        "既要在落地转化上全力攻坚，也要",
        "在招商引资上持续攻坚。",
    ]
    pred = page([article("p", HEAD_1, split, ("朱文君", "李彤", "丁威程"))])
    gt = page([GT.articles[0]])
    assert PageMetrics().update(pred, gt).body_cer == 0.0


def test_a_poorly_read_article_is_matched_but_not_found():
    bad = BODY_2[0].replace("吴新明", "吳新朋").replace("党委书记", "党委书纪")
    pred = page([GT.articles[0], article("p2", HEAD_2, [bad], ("丁威程",), at=1), GT.articles[2]])
    s = PageMetrics().update(pred, GT)
    assert s.matched == 3 and s.found == 2
    assert s.recall == pytest.approx(2 / 3) and s.precision == pytest.approx(2 / 3)
    assert 0.0 < s.body_cer < 0.05


def test_missing_and_extra_articles_move_recall_and_precision():
    extra = article("x", "洋河 梦之蓝 M6+", ["遇见经典·梦想依燃，内场票已售罄。"], at=3)
    pred = page([GT.articles[0], extra])
    s = PageMetrics().update(pred, GT)
    assert (s.gt_articles, s.pred_articles, s.matched, s.found) == (3, 2, 1, 1)
    assert s.recall == pytest.approx(1 / 3) and s.precision == pytest.approx(1 / 2)
    missing = sum(len(normalize("".join(a.paragraphs))) for a in GT.articles[1:])
    assert s.body_edits == missing  # unmatched articles count as deleted


def test_authors_f1_with_a_missing_name():
    pred = page([article("a1", HEAD_1, BODY_1, ("朱文君", "李彤"), at=0), GT.articles[1], GT.articles[2]])
    s = PageMetrics().update(pred, GT)
    assert (s.authors_tp, s.authors_fp, s.authors_fn) == (4, 0, 1)
    assert s.authors_f1 == pytest.approx(8 / 9)


def test_authors_of_an_unmatched_article_are_misses_and_wrong_names_are_false_positives():
    pred = page([article("a1", HEAD_1, BODY_1, ("朱文君", "李彤", "丁伟程"), at=0)])
    s = PageMetrics().update(pred, GT)
    assert (s.authors_tp, s.authors_fp, s.authors_fn) == (2, 1, 1 + 1 + 1)
    assert s.authors_f1 == pytest.approx(4 / 8)


# --- ad leaks ------------------------------------------------------------------------------


def test_ad_text_inside_a_paragraph_is_a_leak():
    leaky = article("a3", HEAD_3, [BODY_3[0] + "南通好玩·新年群星演唱会倒计时2天"], ("陆薇",), at=2)
    pred = page([GT.articles[0], GT.articles[1], leaky])
    assert leaked_ads(pred, GT) == [normalize(AD)]
    assert PageMetrics().update(pred, GT).ad_leaks == 1
    assert PageMetrics().update(GT, GT).ad_leaks == 0


def test_ad_leak_survives_an_ocr_slip_and_checks_each_ad_line():
    texts = ["2024年1月7日19:00-22:00", "南通体育会展中心", "内场票已售罄。尚有少量看台票"]
    lines = [
        Line(
            id=f"l{i}",
            quad=((0, y), (300, y), (300, y + 30), (0, y + 30)),
            bbox=box(0, y, 300, y + 30),
            text=t,
            confidence=1,
        )
        for i, (y, t) in enumerate(zip((0, 40, 80), texts, strict=True))
    ]
    ad = Block(id="ad", type="advertisement", bbox=box(0, 0, 300, 110), lines=lines, text="".join(texts))
    gt = GT.model_copy(update={"blocks": [ad]})
    slip = article("a3", HEAD_3, [BODY_3[0] + "内场票己售罄。尚有少量看台票"], at=2)  # 己 for 已
    assert leaked_ads(page([slip]), gt) == ["内场票已售罄。尚有少量看台票"]
    assert leaked_ads(page([GT.articles[2]]), gt) == []


def test_short_ad_texts_are_not_leaks():
    gt = GT.model_copy(update={"blocks": [ad_block("南通日报")]})  # 4 characters: may appear in any article
    pred = page([article("a", HEAD_1, ["南通日报社主办。"])])
    assert leaked_ads(pred, gt) == []


# --- properties ------------------------------------------------------------------------------

HANZI = st.text(alphabet=st.sampled_from(list("重大项目攻坚突破年南通晚报讯，。、 “”,")), max_size=40)


@given(HANZI)
def test_cer_of_identical_texts_is_zero(text):
    assert cer(text, text) == 0.0


@given(HANZI, HANZI)
def test_cer_is_non_negative_and_edit_distance_symmetric(a, b):
    assert cer(a, b) >= 0.0
    na, nb = normalize(a), normalize(b)
    if na and nb:
        assert cer(a, b) * len(nb) == pytest.approx(cer(b, a) * len(na))
    if len(na) == len(nb):
        assert cer(a, b) == pytest.approx(cer(b, a))


ARTICLES = st.lists(
    st.builds(
        lambda i, h, body, names: article(f"a{i}", h, [body], tuple(names), at=i % 4),
        st.integers(0, 3),
        HANZI,
        HANZI,
        st.lists(st.sampled_from(["朱文君", "李彤", "丁威程", "陆薇"]), max_size=3, unique=True),
    ),
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(ARTICLES, ARTICLES)
def test_rates_stay_within_unit_interval(pred_articles, gt_articles):
    pred = page([a.model_copy(update={"id": f"p{i}"}) for i, a in enumerate(pred_articles)])
    gt = page([a.model_copy(update={"id": f"g{i}"}) for i, a in enumerate(gt_articles)])
    s = PageMetrics().update(pred, gt)
    for rate in (s.recall, s.precision, s.headline_rate, s.authors_f1):
        assert rate is None or 0.0 <= rate <= 1.0
    assert s.found <= s.matched <= min(s.gt_articles, s.pred_articles)
    assert s.body_cer is None or s.body_cer >= 0.0


@settings(max_examples=30, deadline=None)
@given(st.lists(ARTICLES, min_size=1, max_size=3))
def test_summary_is_the_sum_of_pages(pages):
    metrics = PageMetrics()
    for arts in pages:
        gt = page([a.model_copy(update={"id": f"g{i}"}) for i, a in enumerate(arts)])
        metrics.update(gt, gt)
    total = metrics.summary()
    assert total.pages == len(pages)
    assert total.gt_articles == sum(len(a) for a in pages)
    assert total.body_edits == 0 and total.recall in (None, 1.0)
    assert sum(metrics.pages, Scores(name="total")) == total
