"""Pages set by chromium (``scripts/htmlgen``): valid ground truth whose every line box holds ink.

Two half pages at 200 dpi are set in one headless browser and written to disk.
Their ground truth must load as ``schemas.Page``, pass the samplegen checks
(each article's body blocks print exactly its dateline and paragraphs), and
describe the image: every line box lies inside the page, no two line boxes of
the upright page overlap, and there is ink inside each one.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))

from htmlgen.make import make_page, write_page  # noqa: E402
from htmlgen.plan import plan_page  # noqa: E402
from htmlgen.render import open_browser  # noqa: E402

from schemas import Page  # noqa: E402

if not (shutil.which("chromium") and shutil.which("chromedriver")):
    pytest.skip("chromium and chromedriver (apt) are needed to set pages", allow_module_level=True)


def _small_seeds(count: int) -> list[int]:
    """Seeds (from 700000 up) whose plan is a half page at 200 dpi: the quickest to set."""
    seeds = (s for s in range(700000, 700400) if plan_page(s).rows < 12 and plan_page(s).dpi == 200)
    return [next(seeds) for _ in range(count)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[tuple[Page, np.ndarray]]:
    out = tmp_path_factory.mktemp("htmlgen")
    driver = open_browser()
    try:
        made = []
        for seed in _small_seeds(2):
            scan, page, plan = make_page(driver, seed)
            path = write_page(scan, page, plan.dpi, out, f"html-{seed}")
            gt = Page.model_validate_json(path.with_suffix(".gt.json").read_text(encoding="utf-8"))
            made.append((gt, np.asarray(Image.open(path).convert("L"))))
        return made
    finally:
        driver.quit()


def _upright(page: Page, quad) -> tuple[float, float, float, float]:
    """The box of a line on the page before its skew."""
    angle = page.skew_deg
    matrix = cv2.invertAffineTransform(cv2.getRotationMatrix2D((page.width / 2, page.height / 2), angle, 1.0))
    pts = np.asarray(quad, np.float64) @ matrix[:, :2].T + matrix[:, 2]
    return pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max()


def test_articles_and_kinds(pages):
    for page, _ in pages:
        assert len(page.articles) >= 2
        kinds = {b.type for b in page.blocks}
        assert {"headline", "body", "page_header"} <= kinds
        by_id = {b.id: b for b in page.blocks}
        for art in page.articles:
            heads = [by_id[i] for i in art.block_ids if by_id[i].type == "headline"]
            assert len(heads) == 1 and heads[0].text.replace(" ", "") == art.headline
            assert art.paragraphs and all(art.paragraphs)


def test_line_boxes_inside_page_and_apart(pages):
    for page, _ in pages:
        boxes = [_upright(page, ln.quad) for b in page.blocks for ln in b.lines]
        assert boxes
        for x0, y0, x1, y1 in boxes:
            assert -2 <= x0 < x1 <= page.width + 2 and -2 <= y0 < y1 <= page.height + 2
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                w = min(a[2], b[2]) - max(a[0], b[0])
                h = min(a[3], b[3]) - max(a[1], b[1])
                assert w <= 1 or h <= 1, f"line boxes {a} and {b} overlap"


def test_ink_in_every_line(pages):
    for page, image in pages:
        paper = float(np.percentile(image, 90))
        for block in page.blocks:
            for ln in block.lines:
                mask = np.zeros(image.shape, np.uint8)
                cv2.fillConvexPoly(mask, np.asarray(ln.quad, np.int32), 1)
                inside = image[mask > 0]
                dark = float(np.mean(inside < paper - 60))
                assert dark > 0.03, f"{block.type} line {ln.text!r} has no ink ({dark:.3f})"


def test_seeds_differ(pages):
    (a, _), (b, _) = pages
    assert [bl.bbox for bl in a.blocks] != [bl.bbox for bl in b.blocks]
    assert a.width != b.width or a.height != b.height or len(a.columns) != len(b.columns) or a.blocks != b.blocks
