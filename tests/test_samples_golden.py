"""Every committed sample (PNG, JPEG, G4 TIFF, PDF) reads end to end against its ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

from pipeline.eval.metrics import PageMetrics
from pipeline.naming import page_stem
from schemas import Page

SCANS = sorted(p for p in SAMPLES.glob("*") if p.suffix.lower() in {".png", ".jpg", ".tif", ".pdf"})
TEXT_CER_LIMIT = 0.02


@pytest.mark.parametrize("scan", SCANS, ids=[p.name for p in SCANS])
def test_sample_reads_within_cer(scan: Path, pipe):
    pages = list(pipe.run_file(scan))
    assert pages, f"{scan.name}: no pages"
    for page in pages:
        stem = page_stem(scan, page.source.page_index, page.source.page_count)
        gt = Page.model_validate_json((SAMPLES / f"{stem}.gt.json").read_text(encoding="utf-8"))
        assert Page.model_validate_json(page.model_dump_json()) == page
        assert (page.width, page.height) == (gt.width, gt.height), "coordinates must be scan pixels"
        scores = PageMetrics().update(page, gt, name=stem)
        assert scores.text_cer is not None and scores.text_cer <= TEXT_CER_LIMIT, (stem, scores.text_cer)
        assert page.articles, f"{stem}: no articles"
