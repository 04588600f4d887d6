"""The output contract: validation rules and the checked-in JSON Schema files."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pipeline.schema_files import schema_texts
from schemas import Article, BBox, Block, EngineInfo, Page, Source

REPO_SCHEMAS = __import__("pathlib").Path(__file__).resolve().parents[1] / "schemas"


def _page(**overrides) -> Page:
    box = BBox(x0=0, y0=0, x1=10, y1=10)
    fields = {
        "source": Source(path="a.png", sha256="0" * 64),
        "width": 100,
        "height": 100,
        "engine": EngineInfo(name="test"),
        "blocks": [Block(id="b1", type="headline", bbox=box), Block(id="b2", type="body", bbox=box)],
        "reading_order": ["b1", "b2"],
        "articles": [Article(id="a1", headline="标题", block_ids=["b1", "b2"], bbox=box)],
    }
    fields.update(overrides)
    return Page(**fields)


def test_checked_in_schema_files_are_current():
    for name, text in schema_texts().items():
        path = REPO_SCHEMAS / name
        assert path.exists(), f"{name} missing: run `broadsheet schema`"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run `broadsheet schema`"


def test_article_fields_are_named_as_promised():
    fields = set(Article.model_fields)
    assert {"headline", "kicker", "subheadline", "dateline", "byline", "authors", "paragraphs"} <= fields


def test_round_trip():
    page = _page()
    assert Page.model_validate_json(page.model_dump_json()) == page


def test_unknown_block_in_article_rejected():
    box = BBox(x0=0, y0=0, x1=1, y1=1)
    with pytest.raises(ValidationError, match="unknown blocks"):
        _page(articles=[Article(id="a1", headline="x", block_ids=["b9"], bbox=box)])


def test_block_used_by_two_articles_rejected():
    box = BBox(x0=0, y0=0, x1=1, y1=1)
    arts = [Article(id=f"a{i}", headline="x", block_ids=["b2"], bbox=box) for i in range(2)]
    with pytest.raises(ValidationError, match="more than one article"):
        _page(articles=arts)


def test_extra_fields_and_bad_values_rejected():
    with pytest.raises(ValidationError):
        BBox(x0=5, y0=0, x1=1, y1=1)
    with pytest.raises(ValidationError):
        Block(id="b", type="poem", bbox=BBox(x0=0, y0=0, x1=1, y1=1))
    with pytest.raises(ValidationError):
        Source(path="a", sha256="x", colour="red")


def test_models_are_frozen():
    page = _page()
    with pytest.raises(ValidationError):
        page.width = 5
