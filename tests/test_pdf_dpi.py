"""A scanned PDF page is rendered at its scan's own resolution, so coordinates are scan pixels."""

from __future__ import annotations

from PIL import Image

from pipeline.config import LoadOptions
from pipeline.stages.load import iter_pages
from pipeline.stages.pdf_pages import pdf_page_dpi


def test_scanned_pdf_renders_at_scan_resolution(tmp_path):
    path = tmp_path / "scan.pdf"
    Image.new("L", (850, 1100), 240).save(path, resolution=100.0)
    page = next(iter_pages(path))
    assert page.dpi == 100.0
    assert page.image.shape[:2] == (1100, 850)


def test_explicit_dpi_wins(tmp_path):
    path = tmp_path / "scan.pdf"
    Image.new("L", (850, 1100), 240).save(path, resolution=100.0)
    assert pdf_page_dpi(path, 0, LoadOptions(pdf_dpi=150)) == 150
    assert next(iter_pages(path, LoadOptions(pdf_dpi=150))).image.shape[:2] == (1650, 1275)
