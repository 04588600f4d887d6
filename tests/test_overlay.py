"""The overlay picture: drawn on the scan, scaled to about 2000 px high, written atomically."""

from __future__ import annotations

import cv2
import numpy as np
from test_classify import news_page

from pipeline.overlay import LEGEND_WIDTH, TARGET_HEIGHT, TYPE_COLOURS, render_overlay, write_overlay
from schemas import Article, BBox, Block, Column, EngineInfo, Page, Source


def _page(width: int, height: int) -> Page:
    head = Block(id="b1", type="headline", bbox=BBox(x0=100, y0=100, x1=900, y1=300), text="全面掀起新热潮")
    body = Block(id="b2", type="body", bbox=BBox(x0=100, y0=400, x1=500, y1=2400), text="正文")
    ad = Block(id="b3", type="advertisement", bbox=BBox(x0=600, y0=400, x1=900, y1=1200), text="广告")
    box = BBox(x0=100, y0=100, x1=900, y1=2400)
    art = Article(id="a1", headline="全面掀起新热潮", block_ids=["b1", "b2"], bbox=box)
    return Page(
        source=Source(path="p.png", sha256=""),
        width=width,
        height=height,
        engine=EngineInfo(name="test"),
        columns=[Column(index=0, bbox=BBox(x0=100, y0=400, x1=500, y1=2400))],
        blocks=[head, body, ad],
        reading_order=["b1", "b2", "b3"],
        articles=[art],
    )


def test_scaled_to_target_height_and_coloured():
    scan = np.full((4000, 1200), 245, np.uint8)
    picture = render_overlay(_page(1200, 4000), scan)
    assert picture.shape == (TARGET_HEIGHT, 600 + LEGEND_WIDTH, 3)
    # the ad's fill shows its type colour blended over the paper
    y, x = 800 // 2, 750 // 2
    blended = 0.25 * np.array(TYPE_COLOURS["advertisement"]) + 0.75 * 245
    assert np.abs(picture[y, x].astype(float) - blended).max() <= 3


def test_small_scan_is_not_enlarged():
    scan = np.full((900, 700, 3), 250, np.uint8)
    page = _page(700, 900).model_copy(update={"articles": [], "columns": []})
    assert render_overlay(page, scan).shape == (900, 700 + LEGEND_WIDTH, 3)


def test_write_overlay_is_a_jpeg(tmp_path):
    scan = np.full((4000, 1200), 245, np.uint8)
    path = tmp_path / "page.overlay.jpg"
    write_overlay(_page(1200, 4000), scan, path)
    data = path.read_bytes()
    assert data[:3] == b"\xff\xd8\xff"
    assert cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR).shape[0] == TARGET_HEIGHT
    assert [p.name for p in tmp_path.iterdir()] == ["page.overlay.jpg"]


def test_overlay_of_a_laid_out_page(tmp_path):
    """A page through segment, classify and assemble draws without error on its own scan."""
    from test_assemble import assembled

    from pipeline.stages.export import to_page

    state = assembled(news_page())
    page = to_page(state, EngineInfo(name="test"))
    write_overlay(page, state.image, tmp_path / "news.overlay.jpg")
    picture = cv2.imread(str(tmp_path / "news.overlay.jpg"))
    height, width = state.image.shape[:2]
    assert picture.shape[:2] == (height, width + LEGEND_WIDTH)
    assert (picture[:, :width] != cv2.cvtColor(state.image, cv2.COLOR_GRAY2BGR)).any()


def test_legend_leaves_the_scan_uncovered():
    """The legend is drawn beside the page: the page's top-left corner shows the scan as it is."""
    scan = np.full((900, 700), 250, np.uint8)
    page = _page(700, 900).model_copy(update={"articles": [], "columns": []})
    picture = render_overlay(page, scan)
    assert (picture[:90, :90] == 250).all()
    assert (picture[:, 700:] == 0).any(), "the legend names the block types in black"
