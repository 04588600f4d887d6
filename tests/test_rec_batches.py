"""Recognition batches by shape: width-sorted, padded to their widest only, the same text as one at a time."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import render_lines

from pipeline.config import OcrOptions
from pipeline.engines.rec_batches import (
    RAPIDOCR_MIN_WIDTH,
    REC_HEIGHT,
    batch_tensor,
    batch_width,
    pixel_columns,
    plan_batches,
)
from pipeline.engines.registry import create_engine
from pipeline.stages.ocr import crop_quad

# A page as a newspaper sets it: a headline, a short kicker, a figure, body lines of a column, a byline.
PAGE_LINES = [
    ("全面掀起重大项目新热潮", 40, 20, 56, True),
    ("攻坚", 40, 100, 30, True),
    ("2024", 200, 100, 30, False),
    ("晚报讯 昨天，市委召开动员大会，", 40, 160, 30, False),
    ("要求各部门在招商引资上下功夫，", 40, 205, 30, False),
    ("确保全年目标任务圆满完成。", 40, 250, 30, False),
    ("记者 朱文君", 40, 300, 30, False),
    ("重大项目", 40, 350, 40, True),
]


@pytest.fixture(scope="module")
def page_crops(engine) -> list[np.ndarray]:
    page = render_lines(PAGE_LINES, (760, 420))
    quads = sorted(engine.detect(page), key=lambda q: (q[:, 1].min(), q[:, 0].min()))
    return [crop_quad(page, q) for q in quads]


def test_batches_are_width_sorted_runs():
    ratios = [7.0, 1.5, 12.0, 3.0, 1.0, 9.0, 2.0]
    batches = plan_batches(ratios, 3)
    assert [len(b) for b in batches] == [3, 3, 1]
    flat = [ratios[i] for b in batches for i in b]
    assert flat == sorted(ratios)


def test_a_batch_is_as_wide_as_its_widest_crop_only():
    crops = [np.zeros((44, 88), np.uint8), np.zeros((44, 132), np.uint8), np.zeros((44, 1100), np.uint8)]
    read, own = pixel_columns(crops, 2)
    assert own == int(REC_HEIGHT * 2) + int(REC_HEIGHT * 3) + int(REC_HEIGHT * 25)
    assert read == 2 * int(REC_HEIGHT * 3) + int(REC_HEIGHT * 25)  # the two short ones padded to 144, not 320
    assert batch_width([2.0, 3.0], RAPIDOCR_MIN_WIDTH) == RAPIDOCR_MIN_WIDTH


def test_tensor_is_rapidocrs_normalisation_of_the_bgr_crop(engine, page_crops):
    """A gray crop resized once and broadcast gives RapidOCR's own tensor of its BGR copy."""
    import cv2

    crop = page_crops[3]
    width = batch_width([crop.shape[1] / crop.shape[0]]) + 40
    ours = batch_tensor([crop], width)[0]
    theirs = engine._recognizer.resize_norm_img(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR), width / REC_HEIGHT)
    assert ours.shape == theirs.shape
    assert np.abs(ours - theirs).max() < 1e-6


def test_batched_reading_of_a_rendered_page_matches_one_line_at_a_time(page_crops):
    assert len(page_crops) == len(PAGE_LINES)
    one = create_engine(OcrOptions(threads=1, rec_batch=1)).recognize(page_crops)
    batched = create_engine(OcrOptions(threads=1, rec_batch=6)).recognize(page_crops)
    assert [t for t, _ in batched] == [t for t, _ in one]
    assert [c for _, c in batched] == pytest.approx([c for _, c in one], abs=0.02)
    assert sorted(t.replace(" ", "") for t, _ in batched) == sorted(t.replace(" ", "") for t, *_ in PAGE_LINES)


def test_default_reads_exactly_as_rapidocrs_own_loop(engine, page_crops):
    """Same batches, same 320 px floor, same tensors: the same text and confidences, crop for crop."""
    import cv2
    from rapidocr.ch_ppocr_rec import TextRecInput

    theirs = engine._recognizer(TextRecInput(img=[cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in page_crops]))
    ours = engine.recognize(page_crops)
    assert [t for t, _ in ours] == list(theirs.txts)
    assert [c for _, c in ours] == pytest.approx(list(theirs.scores), abs=1e-6)


def test_short_lines_read_the_same_without_the_320px_floor(page_crops):
    """Short crops (a two-character kicker, a figure) read the same at their own width as at 320 px."""
    tight = create_engine(OcrOptions(threads=1, rec_min_width=0)).recognize(page_crops)
    padded = create_engine(OcrOptions(threads=1, rec_min_width=RAPIDOCR_MIN_WIDTH)).recognize(page_crops)
    assert [t for t, _ in tight] == [t for t, _ in padded]


def test_profile_counts_the_padding(engine, page_crops):
    engine.profile.take_counts()
    engine.recognize(page_crops)
    counts = engine.profile.take_counts()
    read, own = pixel_columns(page_crops, OcrOptions().rec_batch, OcrOptions().rec_min_width)
    assert (counts["rec.px_read"], counts["rec.px_crops"]) == (read, own)
    assert pixel_columns(page_crops, OcrOptions().rec_batch)[0] <= read
    assert engine.profile.take_counts() == {}
