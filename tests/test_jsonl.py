"""JSONL: one article a line, each with its page and issue facts, readable back into an Article."""

from __future__ import annotations

import json

import pytest
from conftest import sample_gt_documents

from pipeline.formats.jsonl import ISSUE_FIELDS, PAGE_FIELDS, article_text, document_jsonl
from pipeline.formats.writers import DOCUMENT_WRITERS
from schemas import Article


def test_one_record_per_article_with_page_and_issue_facts(news_document, tmp_path):
    suffix, writer = DOCUMENT_WRITERS["jsonl"]
    path = tmp_path / f"issue{suffix}"
    writer(news_document, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert (first["doc_id"], second["doc_id"]) == ("issue-p1/a0001", "issue-p2/a1")
    assert (first["source_path"], first["page_index"], second["page_index"]) == ("scans/issue.pdf", 0, 1)
    assert (first["paper"], first["date"], first["edition"], first["page_number"]) == (
        "南通晚报",
        "2024-01-05",
        "A",
        "A1",
    )
    assert (second["page_number"], second["date_iso"]) == ("A2", "2024-01-05")
    assert first["bbox"] == {"x0": 60, "y0": 80, "x1": 960, "y1": 1230}
    assert first["authors"] == ["朱文君", "李彤", "丁威程"]
    assert "南通晚报" in lines[0]  # kept as UTF-8, not \\u escapes


def test_article_fields_round_trip(news_document):
    articles = [a for p in news_document for a in p.articles]
    lines = document_jsonl(news_document).splitlines()
    for line, article in zip(lines, articles, strict=True):
        record = json.loads(line)
        assert Article.model_validate({k: record[k] for k in Article.model_fields}) == article


def test_record_keys_do_not_collide():
    keys = [*PAGE_FIELDS, *ISSUE_FIELDS, *Article.model_fields, "text"]
    assert len(keys) == len(set(keys))


def test_text_joins_dateline_to_the_first_paragraph(news_document):
    text = article_text(news_document[0].articles[0])
    assert text.splitlines() == [
        "号召开年即开工,起步即加速",
        "全面掀起重大项目攻坚突破新热潮",
        "全市“重大项目攻坚突破年”动员大会召开",
        "晚报讯 昨天,市委、市政府召开动员大会,既要在落地转化上全力攻坚,也要在招商引资上持续攻坚。",
        "记者朱文君 李彤 丁威程",
    ]


def test_page_without_articles_gives_no_lines(news_document):
    empty = news_document[0].model_copy(update={"articles": []})
    assert document_jsonl([empty]) == ""


def test_sample_ground_truth_articles_all_present():
    documents = sample_gt_documents()
    if not documents:
        pytest.skip("no samples/*.gt.json yet (make samples)")
    for pages in documents:
        records = [json.loads(line) for line in document_jsonl(pages).splitlines()]
        assert [r["headline"] for r in records] == [a.headline for p in pages for a in p.articles]
