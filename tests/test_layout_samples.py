"""Layout targets on one committed sample page, read end to end with the shipped models.

The page (``samples/tabloid-200dpi.png``: two articles side by side over three
columns each, one across the page, a boxed ad) is scored with the evaluation
metrics against its ground truth.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

from pipeline.eval.metrics import PageMetrics
from pipeline.eval.text import normalize
from schemas import Page

SAMPLE = SAMPLES / "tabloid-200dpi.png"


@pytest.fixture(scope="module")
def scored(pipe):
    truth = SAMPLES / "tabloid-200dpi.gt.json"
    if not SAMPLE.exists() or not truth.exists():
        pytest.skip("sample page missing: run `make samples`")
    gt = Page.model_validate_json(Path(truth).read_text(encoding="utf-8"))
    (page,) = list(pipe.run_file(SAMPLE))
    return page, gt, PageMetrics().update(page, gt)


def test_articles_found(scored):
    _, _, s = scored
    assert s.recall is not None and s.recall >= 0.95
    assert s.precision is not None and s.precision >= 0.95


def test_body_headline_and_authors(scored):
    _, _, s = scored
    assert s.body_cer is not None and s.body_cer <= 0.01
    assert s.headline_rate is not None and s.headline_rate >= 0.95
    assert s.authors_f1 is not None and s.authors_f1 >= 0.95


def test_no_ad_text_in_articles(scored):
    page, _, s = scored
    assert s.ad_leaks == 0
    ads = [b for b in page.blocks if b.type == "advertisement"]
    assert ads, "the boxed ad is recognised as an advertisement"
    body = normalize("".join(p for a in page.articles for p in a.paragraphs))
    assert all(normalize(ln.text) not in body for b in ads for ln in b.lines if len(normalize(ln.text)) >= 6)


def test_datelines_and_columns(scored):
    page, gt, _ = scored
    assert sorted(a.dateline or "" for a in page.articles) == sorted(a.dateline or "" for a in gt.articles)
    assert len(page.columns) >= 6
