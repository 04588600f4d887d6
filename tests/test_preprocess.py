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


def test_preprocess_maps_back_to_scan():
    scan = _rotate(_page(), 1.5)
    loaded = LoadedPage(scan, 300.0, 0, 1, "png")
    state = PageState(source=SourceRef(path="x.png"), image=loaded.image, dpi=loaded.dpi)
    state = Preprocess(PreprocessOptions())(state, RunContext())
    assert state.skew_deg == pytest.approx(1.5, abs=0.12)
    # a point of the working frame goes back to where the rotation put it in the scan
    h, w = scan.shape
    forward = cv2.getRotationMatrix2D((w / 2, h / 2), 1.5, 1.0)
    expected = forward @ np.array([100.0, 100.0, 1.0])
    assert state.to_scan.apply([[100.0, 100.0]])[0] == pytest.approx(expected, abs=3.0)


def test_flatten_illumination_removes_tint():
    page = _page().astype(np.float32)
    gradient = np.linspace(0.6, 1.0, page.shape[1], dtype=np.float32)[None, :]
    tinted = (page * gradient).astype(np.uint8)
    flat = flatten_illumination(tinted)
    background = flat[tinted > 120]
    assert np.percentile(background, 10) > 200
