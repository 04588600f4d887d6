"""ALTO as other programs read it: OCR-D's dinglehopper extracts exactly the JSON text."""

from __future__ import annotations

import re

import pytest
from conftest import sample_gt_documents
from lxml import etree

from pipeline.formats.alto import alto_bytes
from schemas import Page

ocr_files = pytest.importorskip("dinglehopper.ocr_files", reason="dinglehopper not installed (pip install -e '.[dev]')")
from dinglehopper.character_error_rate import character_error_rate  # noqa: E402
from dinglehopper.extracted_text import normalize_sbb  # noqa: E402


def json_lines(page: Page) -> list[str]:
    """The page's line texts in the ALTO file's block order (reading order, then the rest)."""
    by_id = {b.id: b for b in page.blocks}
    listed = list(dict.fromkeys(page.reading_order))
    order = [by_id[i] for i in listed] + [b for b in page.blocks if b.id not in set(listed)]
    return [re.sub(r"\s+", " ", ln.text).strip() for b in order for ln in b.lines]


def _pages() -> list[Page]:
    pages = [p for doc in sample_gt_documents() for p in doc]
    if not pages:
        pytest.skip("no samples/*.gt.json yet (make samples)")
    return pages


def test_dinglehopper_reads_the_json_text_from_our_alto():
    for page in _pages():
        tree = etree.ElementTree(etree.fromstring(alto_bytes(page)))
        want = normalize_sbb("\n".join(json_lines(page)))
        assert ocr_files.alto_text(tree) == want, page.source.path
        assert character_error_rate(ocr_files.alto_text(tree), want) == 0


def test_a_chinese_phrase_is_one_string():
    page = _pages()[0]
    tree = etree.ElementTree(etree.fromstring(alto_bytes(page)))
    headline = next(b for b in page.blocks if b.type == "headline" and " " not in b.lines[0].text)
    contents = tree.xpath("//*[local-name()='String']/@CONTENT")
    assert headline.lines[0].text in contents
