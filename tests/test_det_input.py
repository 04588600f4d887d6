"""A gray page reaches the detector without a BGR copy, as the same tensor and the same lines."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from conftest import render_lines

from pipeline.engines.det_input import GrayDetInput

LINES = [
    ("全面掀起重大项目建设新热潮", 40, 30, 56, True),
    ("晚报讯 昨天上午，市委、市政府召开全市重大项目", 40, 130, 30, False),
    ("攻坚突破年动员大会。会议强调，要以更大力度推进", 40, 180, 30, False),
]


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    """A small rendered page, not a multiple of 32 px either way (the detector resizes it)."""
    gray = render_lines(LINES, (803, 251))
    noise = np.random.default_rng(7).integers(-12, 13, gray.shape)
    return np.clip(gray.astype(int) + noise, 0, 255).astype(np.uint8)  # every grey level, not just two


def test_the_gray_tensor_is_the_librarys_tensor_of_the_bgr_copy(page):
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    library = DetPreProcess(736, "min", [0.5, 0.4, 0.3], [0.5, 0.6, 0.7])  # channels unlike, to tell them apart
    gray = GrayDetInput(library)
    expected = library(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR))
    got = gray(page)
    assert got is not None and got.dtype == expected.dtype and got.shape == expected.shape
    assert np.array_equal(got, expected)
    colour = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    colour[..., 2] = 255 - colour[..., 2]
    assert np.array_equal(gray(colour), library(colour))  # a colour page takes the library's own path


def test_a_gray_page_gives_the_lines_of_its_bgr_copy(engine, page):
    gray = engine.detect(page)
    bgr = engine.detect(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR))
    assert len(gray) == len(LINES)
    assert all(np.array_equal(a, b) for a, b in zip(gray, bgr, strict=True))
