"""The ECPO ground-truth scorer: parsing folds, normalising text, order-free and matched-article scores."""

from __future__ import annotations

import pytest

from pipeline.eval.ecpo import clean, losses, matched_edits, parse_fold, score_fold
from schemas import Article, BBox
from tests.conftest import SHARED_REFERENCE, _archive_block, _archive_line

ECPO = SHARED_REFERENCE / "real" / "ecpo-jingbao-1939"
FOLD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ecpo [ <!ENTITY gaiji "&#xe111;"> ]>
<fold xml:id="x">
  <div type="page" page="recto" n="1" mode="vertical-rl">
    <div type="head"><p>晶報<lb/></p></div>
    <div type="advert"><div type="other"><p>煙中<lb/>鐵軍<lb/></p></div><div type="image"/></div>
    <div type="article"><p>各路華軍大擧反攻<lb/></p>
      <p>（重慶廿日電）據此間&gaiji;消息、<!-- 者? -->華軍<lb/>反攻<lb/></p></div>
  </div>
  <div type="page" page="verso" n="4"><div type="article"><p>河內航郵已通<lb/></p></div></div>
</fold>
"""


@pytest.fixture
def fold(tmp_path):
    path = tmp_path / "x.textGT.xml"
    path.write_text(FOLD, encoding="utf-8")
    return parse_fold(path)


def test_fold_regions_keep_kind_page_and_text_in_order(fold):
    assert [(r.kind, r.page) for r in fold] == [("head", "1"), ("advert", "1"), ("article", "1"), ("article", "4")]
    assert clean(fold[1].text) == "煙中鐵軍"  # nested divs of an ad are the ad's text
    assert clean(fold[2].text) == "各路華軍大擧反攻重慶廿日電據此間消息華軍反攻"  # gaiji and comment left out


def test_clean_keeps_variants_and_drops_marks():
    assert clean("大擧，反攻！ Ａ１") == "大擧反攻A1"
    assert clean("舉") != clean("擧")  # a glyph variant is another character


def test_matched_article_cer_counts_order_inside_an_article():
    assert matched_edits(["甲乙丙丁"], ["甲乙丙丁"]) == 0
    assert matched_edits(["甲乙丙丁"], ["丙丁甲乙"]) == 4  # the same characters, read out of order
    assert matched_edits(["甲乙丙丁", "戊己"], ["戊己", "甲乙丙丁"]) == 0  # the order of articles does not count
    assert matched_edits(["甲乙"], ["丙丁"]) == 2  # nothing shared: the whole article is lost


def _page(base, blocks, articles):
    return base.model_copy(update={"blocks": blocks, "articles": articles, "reading_order": [b.id for b in blocks]})


def test_fold_score_sees_ads_inside_articles(fold, news_document):
    line, block = _archive_line, _archive_block
    blocks = [
        block("b1", "page_header", [line("l1", "晶報", 0, 0, 40, 20)]),
        block("b2", "headline", [line("l2", "各路華軍大擧反攻", 0, 30, 20, 160)]),
        block("b3", "body", [line("l3", "重慶廿日電據此間消息華軍反攻", 30, 30, 20, 280)]),
        block("b4", "body", [line("l4", "煙中鐵軍", 60, 30, 20, 80)]),
    ]
    box = BBox(x0=0, y0=30, x1=80, y1=310)
    good = Article(id="a1", headline="各路華軍大擧反攻", block_ids=["b2", "b3"], bbox=box)
    leaky = Article(id="a1", headline="各路華軍大擧反攻", block_ids=["b2", "b3", "b4"], bbox=box)
    clean_score = score_fold(fold, [_page(news_document[0], blocks, [good])])
    assert clean_score.chars == 2 + 4 + 22 + 6
    assert clean_score.found == 2 + 4 + 22  # 河內航郵已通 was not read
    assert clean_score.article_precision == 1.0
    assert clean_score.article_recall == pytest.approx(22 / 28)
    assert clean_score.article_cer == pytest.approx(6 / 28)  # the second article is missing
    leak = score_fold(fold, [_page(news_document[0], blocks, [leaky])])
    assert leak.article_precision == pytest.approx(22 / 26)
    assert leak.article_cer > clean_score.article_cer


def test_losses_split_unread_from_dropped_by_kind(fold, news_document):
    line, block = _archive_line, _archive_block
    blocks = [block("b1", "body", [line("l1", "重慶廿日電據此間消息華軍反攻", 30, 30, 20, 280)])]
    page = _page(news_document[0], blocks, [])
    # read: the masthead, the headline, the body and half the ad; the page keeps the body only
    read = ["晶報", "各路華軍大擧反攻", "重慶廿日電據此間消息華軍反攻", "煙中"]
    split = {k.kind: k for k in losses(fold, read, [page])}
    assert list(split) == ["article", "advert", "head"]
    article = split["article"]
    assert (article.chars, article.unread, article.dropped) == (28, 6, 8)  # 河內航郵已通 unread, the headline dropped
    assert (split["advert"].unread, split["advert"].dropped) == (1, 2)  # order-free: 軍 of 華軍 counts for 鐵軍
    assert (split["head"].unread, split["head"].dropped) == (0, 2)  # read, then left out of the page


@pytest.mark.skipif(not ECPO.is_dir(), reason="ECPO reference folds not in ../shared/reference")
def test_real_folds_parse():
    for path in sorted(ECPO.glob("*.textGT.xml")):
        regions = parse_fold(path)
        assert {r.page for r in regions} and sum(len(clean(r.text)) for r in regions) > 4000
        assert sum(r.kind == "article" for r in regions) >= 10


def test_page_matched_cer_keeps_each_true_article_to_its_own_page(tmp_path, news_document):
    """A long output article of the facing page may share most characters with a true article:
    the page-matched CER matches only among the articles of the output page that holds its page."""
    fold = tmp_path / "f.textGT.xml"
    fold.write_text(
        '<fold><div type="page" n="1"><div type="article"><p>甲乙丙丁</p></div></div>'
        '<div type="page" n="2"><div type="article"><p>戊己庚辛壬癸子丑寅卯</p></div></div></fold>',
        encoding="utf-8",
    )
    line, block = _archive_line, _archive_block
    box = BBox(x0=0, y0=0, x1=10, y1=10)
    left = [block("b1", "body", [line("l1", "甲乙", 0, 0, 20, 40)])]
    right = [block("b2", "body", [line("l2", "戊己庚辛壬癸子丑寅卯丙丁甲乙", 0, 0, 20, 300)])]
    pages = [
        _page(news_document[0], right, [Article(id="a1", headline="x", block_ids=["b2"], bbox=box)]),
        _page(news_document[0], left, [Article(id="a1", headline="x", block_ids=["b1"], bbox=box)]),
    ]
    s = score_fold(parse_fold(fold), pages)
    assert s.article_edits == 12 + 4  # 甲乙丙丁 matched to the long article of the other page (丙丁 in order)
    assert s.page_edits == 2 + 4  # matched to 甲乙 on its own page; 戊… against the long one
