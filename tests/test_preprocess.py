"""Deskew finds the rotation of a rendered page and records the way back to the scan."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from conftest import render_lines

from pipeline.config import PreprocessOptions
from pipeline.stages.load import LoadedPage
from pipeline.stages.preprocess import Preprocess, estimate_skew, flatten_illumination
from pipeline.state import PageState, RunContext, SourceRef

TEXT = "市委、市政府召开全市重大项目攻坚突破年动员大会，进一步营造浓厚氛围"


def _page() -> np.ndarray:
    lines = [(TEXT[i % 7 :] + TEXT[: i % 7], 60, 60 + 56 * i, 36, False) for i in range(14)]
    return render_lines(lines, (1500, 900))


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), borderValue=250)


@pytest.mark.parametrize("angle", [-2.0, -0.7, 0.0, 0.4, 1.5, 2.8])
def test_estimate_skew(angle):
    assert estimate_skew(_rotate(_page(), angle), 3.0) == pytest.approx(angle, abs=0.12)


def _deskew(scan: np.ndarray) -> PageState:
    loaded = LoadedPage(scan, 300.0, 0, 1, "png")
    state = PageState(source=SourceRef(path="x.png"), image=loaded.image, dpi=loaded.dpi)
    return Preprocess(PreprocessOptions())(state, RunContext())


def test_preprocess_maps_back_to_scan():
    scan = _rotate(_page(), 1.5)
    state = _deskew(scan)
    assert state.skew_deg == pytest.approx(1.5, abs=0.12)
    # a line's start in the untilted page lands, through the working frame, where the tilt put it in the scan
    h, w = scan.shape
    forward = cv2.getRotationMatrix2D((w / 2, h / 2), 1.5, 1.0)
    to_work = state.to_scan.inverse()
    work_point = to_work.apply([forward @ np.array([60.0, 60.0, 1.0])])
    # in the working frame the tilt is undone: the line's start and a point along it share a row
    along = to_work.apply([forward @ np.array([900.0, 60.0, 1.0])])
    assert work_point[0][1] == pytest.approx(along[0][1], abs=2.0)
    assert state.to_scan.apply(work_point)[0] == pytest.approx(forward @ np.array([60.0, 60.0, 1.0]), abs=0.01)


CORNERS = ("第1版", "2024年1月4日", "星期四", "A4")


def _corner_scan(angle: float) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A page tilted by ``angle`` whose scan has a label printed 4 px from each corner (folio, date)."""
    scan = _rotate(_page(), angle).copy()
    h, w = scan.shape
    boxes = []
    for text, (right, bottom) in zip(CORNERS, [(0, 0), (1, 0), (0, 1), (1, 1)], strict=True):
        label = render_lines([(text, 0, 0, 30, True)], (34 * len(text), 36))
        lh, lw = label.shape
        x, y = (w - lw - 4) if right else 4, (h - lh - 4) if bottom else 4
        scan[y : y + lh, x : x + lw] = np.minimum(scan[y : y + lh, x : x + lw], label)
        boxes.append((x, y, x + lw, y + lh))
    return scan, boxes


def _ink(gray: np.ndarray) -> int:
    return int((gray < 128).sum())


@pytest.mark.parametrize("angle", [2.0, -2.0])
def test_deskew_keeps_the_text_at_the_corners(angle):
    scan, boxes = _corner_scan(angle)
    state = _deskew(scan)
    assert abs(state.skew_deg) == pytest.approx(2.0, abs=0.12)
    work, flat = state.work_image, flatten_illumination(scan)
    to_work = state.to_scan.inverse()
    for x0, y0, x1, y1 in boxes:
        # the label's ink in the scan, and in the working frame where the Affine says it went
        corners = to_work.apply([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        (a0, b0), (a1, b1) = np.floor(corners.min(axis=0)).astype(int), np.ceil(corners.max(axis=0)).astype(int)
        assert a0 >= 0 and b0 >= 0 and a1 <= work.shape[1] and b1 <= work.shape[0]
        before, after = _ink(flat[y0:y1, x0:x1]), _ink(work[b0:b1, a0:a1])
        assert after == pytest.approx(before, rel=0.15), (x0, y0)


def test_flatten_illumination_removes_tint():
    page = _page().astype(np.float32)
    gradient = np.linspace(0.6, 1.0, page.shape[1], dtype=np.float32)[None, :]
    tinted = (page * gradient).astype(np.uint8)
    flat = flatten_illumination(tinted)
    background = flat[tinted > 120]
    assert np.percentile(background, 10) > 200
