"""Segmentation on rendered pages: rules, frames, photos and tinted bands, found before OCR."""

from __future__ import annotations

import numpy as np
import pytest
from test_classify import Typesetter

from pipeline.config import LayoutOptions
from pipeline.layout.photos import find_photos_and_bands
from pipeline.layout.rules import find_frames, find_rules, ink_mask
from pipeline.stages.segment import Segment
from pipeline.state import PageState, RunContext, SourceRef


def _page() -> np.ndarray:
    """A header rule, a column rule, a framed ad, a photo and a tinted band behind a headline."""
    ts = Typesetter(1200, 1400)
    ts.line("城市晚报", 40, 20, 40, bold=True)
    ts.rule((40, 80, 1160, 84))
    ts.rule((598, 120, 600, 900))
    for k in range(12):
        ts.line("市委市政府召开全市重大项目", 40, 130 + 40 * k, 24)
    ts.frame((640, 950, 1160, 1300), width=4)
    ts.line("新春年货节", 760, 1050, 56, bold=True)
    ts.draw.rectangle((40, 1000, 560, 1060), fill=215)
    ts.line("寒潮来袭", 200, 1005, 44, bold=True)
    image = np.asarray(ts.img).copy()
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:300, 0:420]
    photo = 90 + 80 * np.sin(xx / 23.0) * np.cos(yy / 31.0) + rng.normal(0, 25, (300, 420))
    image[140:440, 680:1100] = np.clip(photo, 0, 255).astype(np.uint8)
    return image


@pytest.fixture(scope="module")
def segmented() -> PageState:
    image = _page()
    page = PageState(source=SourceRef(path="seg.png"), image=image)
    page.work = image
    return Segment(LayoutOptions())(page, RunContext())


def _near(box, want, tol=8):
    return all(abs(a - b) <= tol for a, b in zip(box, want, strict=True))


def test_header_rule_and_column_rule(segmented):
    layout = segmented.layout
    assert any(_near(r, (40, 80, 1161, 85)) for r in layout.horizontal_rules)
    assert any(_near(r, (598, 120, 601, 901)) for r in layout.vertical_rules)


def test_frame_photo_and_band(segmented):
    kinds = {}
    for region in segmented.layout.regions:
        kinds.setdefault(region.kind, []).append(region.box)
    assert len(kinds["box"]) == 1 and _near(kinds["box"][0], (640, 950, 1160, 1300), tol=6)
    assert len(kinds["image"]) == 1 and _near(kinds["image"][0], (680, 140, 1100, 440), tol=12)
    assert len(kinds["band"]) == 1 and _near(kinds["band"][0], (40, 1000, 560, 1060), tol=12)


def test_no_rules_in_type_or_photos(segmented):
    """Strokes of display type and photo texture are not rules."""
    layout = segmented.layout
    for r in layout.horizontal_rules + layout.vertical_rules:
        assert not (680 <= (r[0] + r[2]) / 2 <= 1100 and 140 <= (r[1] + r[3]) / 2 <= 440)
        assert not (1040 <= (r[1] + r[3]) / 2 <= 1120 and 760 <= r[0] <= 1060)


def test_blank_page_has_nothing():
    blank = np.full((400, 300), 250, np.uint8)
    ink = ink_mask(blank)
    assert find_rules(ink, True) == [] and find_rules(ink, False) == []
    assert find_photos_and_bands(blank, 0.004) == ([], [])


def test_open_grid_is_not_a_frame():
    """Column rules between two full-width rules enclose a module, not a box: the rules run past them."""
    h = [(0.0, 100.0, 1000.0, 102.0), (0.0, 500.0, 1000.0, 502.0)]
    v = [(300.0, 100.0, 302.0, 502.0), (600.0, 100.0, 602.0, 502.0)]
    assert find_frames(h, v, (1000, 1000)) == []
