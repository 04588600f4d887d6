"""Pages scanned upside down or on their side are turned upright, read, and mapped back to the scan."""

from __future__ import annotations

import copy
from pathlib import Path

import cv2
import numpy as np
import pytest
from conftest import cjk_font, render_lines
from PIL import Image, ImageDraw
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.config import LayoutOptions, OcrOptions
from pipeline.layout.features import StrokeMeter, describe
from pipeline.layout.rules import ink_mask
from pipeline.layout.turn import turn_vertical_page
from pipeline.stages.ocr import Ocr
from pipeline.stages.orient import guess_orientation, restack_column, rotate_upright
from pipeline.stages.turn import TurnVertical
from pipeline.state import Layout, PageState, RunContext, SourceRef

HEADLINE = "全面掀起重大项目建设新热潮"
BODY = [
    "晚报讯 昨天上午，市委、市政府召开全市重大项目",
    "攻坚突破年动员大会。会议强调，要以更大力度推进",
    "项目建设，在招商引资上实现新突破，为全市经济",
    "高质量发展提供有力支撑。记者朱文君 李彤 丁威程",
]
# how the test turns an upright page clockwise by orientation_deg
TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@pytest.fixture(scope="module")
def upright() -> np.ndarray:
    lines = [(HEADLINE, 80, 60, 64, True)] + [(t, 80, 200 + 60 * i, 34, False) for i, t in enumerate(BODY)]
    return render_lines(lines, (960, 480))


@pytest.fixture(scope="module")
def reference(pipe, upright, tmp_path_factory):
    """The upright page as the pipeline reads it: what every turned copy must match."""
    path = tmp_path_factory.mktemp("orient") / "up.png"
    Image.fromarray(upright).save(path)
    [page] = list(pipe.run_file(path))
    return page


def _turn(image: np.ndarray, degrees: int) -> np.ndarray:
    return image if degrees == 0 else np.ascontiguousarray(cv2.rotate(image, TURN[degrees]))


def _dateline_line(page):
    return next(ln for b in page.blocks for ln in b.lines if ln.text.startswith("晚报讯"))


def _text(page) -> str:
    return "".join(b.text for b in page.blocks).replace(" ", "")


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_rotate_upright_inverts_the_turn_and_maps_points(degrees):
    scan = np.zeros((30, 50), np.uint8)
    scan[2, 7] = 255  # a marked pixel of the upright page
    turned = _turn(scan, degrees)
    up, to_up = rotate_upright(turned, degrees)
    assert np.array_equal(up, scan)
    # the pixel's centre in the turned scan maps onto its centre in the upright image
    ys, xs = np.nonzero(turned)
    assert to_up.apply([[xs[0] + 0.5, ys[0] + 0.5]])[0] == pytest.approx([7.5, 2.5])


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_turned_page_reads_like_the_upright_one(pipe, upright, reference, tmp_path, degrees):
    turned_path = tmp_path / f"turned-{degrees}.png"
    Image.fromarray(_turn(upright, degrees)).save(turned_path)
    [page] = list(pipe.run_file(turned_path))

    assert reference.orientation_deg == 0 and page.orientation_deg == degrees
    # the body reads the same (whether layout keeps the big bold headline as text is not this test's business)
    body = "".join(BODY).replace(" ", "")
    assert fuzz.partial_ratio(body, _text(reference)) > 97
    turned_text, reference_text = (_text(p).replace(HEADLINE, "") for p in (page, reference))
    assert Levenshtein.normalized_distance(turned_text, reference_text) < 0.03
    # coordinates stay those of the turned scan: a line's box is the upright line's box, turned
    h, w = upright.shape
    assert (page.width, page.height) == ((h, w) if degrees in (90, 270) else (w, h))
    ref_box = _dateline_line(reference).bbox
    corners = np.array([[ref_box.x0, ref_box.y0], [ref_box.x1, ref_box.y1]], dtype=float)
    _, to_up = rotate_upright(_turn(upright, degrees), degrees)
    in_scan = to_up.inverse().apply(corners)
    box = _dateline_line(page).bbox
    assert [box.x0, box.y0, box.x1, box.y1] == pytest.approx(
        [in_scan[:, 0].min(), in_scan[:, 1].min(), in_scan[:, 0].max(), in_scan[:, 1].max()], abs=6
    )


def test_extract_reads_an_upside_down_scan(upright, tmp_path):
    from pipeline import extract

    path = tmp_path / "upside down.png"
    Image.fromarray(_turn(upright, 180)).save(path)
    [page] = extract(path)
    assert page.orientation_deg == 180
    assert "市委、市政府召开全市重大项目" in _text(page)
    assert any(step.name == "orient" for step in page.steps)


def _vertical_page() -> np.ndarray:
    """Traditional layout: columns top to bottom, right to left, glyphs upright."""
    img = Image.new("L", (900, 1000), 250)
    draw = ImageDraw.Draw(img)
    font = cjk_font(34)
    text = "".join(BODY).replace(" ", "")
    for col in range(6):
        for row, char in enumerate(text[col * 18 : (col + 1) * 18]):
            draw.text((800 - col * 60, 60 + 40 * row), char, font=font, fill=10)
    return np.asarray(img)


def test_upright_vertical_text_is_not_taken_for_a_turned_page(engine):
    guess = guess_orientation(_vertical_page(), engine)
    assert guess.degrees == 0, guess.scores


@pytest.mark.parametrize("kind", ["horizontal", "vertical"])
def test_a_page_is_known_to_be_set_vertically_from_its_lines_alone(engine, upright, kind):
    """The turn stage answers from the lines OCR read as it does with every line measured against
    the ink, and never thresholds the ink of a page that stays as it is."""
    gray = upright if kind == "horizontal" else _vertical_page()
    page = PageState(source=SourceRef(Path(f"{kind}.png")), image=gray, work=gray, layout=Layout())
    page = Ocr(engine, OcrOptions())(page, RunContext())
    measured = copy.deepcopy(page)
    full = turn_vertical_page(measured, describe(measured.lines, StrokeMeter(ink_mask(gray))))
    page = TurnVertical(LayoutOptions())(page, RunContext())
    assert (page.turned is not None) == (full is not None) == (kind == "vertical")
    if page.turned is None:
        assert page.ink is None and page.work_image is gray
    else:
        assert full is not None and (page.turned.header, page.turned.footer) == (full.header, full.footer)
        assert [ln.quad.tolist() for ln in page.lines] == [ln.quad.tolist() for ln in measured.lines]
        assert page.ink is not None and page.ink.shape == gray.shape[::-1]


def test_restack_column_lays_glyphs_in_a_row(engine):
    column = render_lines([(ch, 4, 4 + 44 * i, 36, False) for i, ch in enumerate("重大项目")], (44, 184))
    row = restack_column(column)
    assert row.shape[1] > 3 * row.shape[0]
    assert engine.recognize([row])[0][0] == "重大项目"


def test_blank_page_has_no_orientation(engine):
    assert guess_orientation(np.full((400, 600), 250, np.uint8), engine).degrees == 0


class _CountingDetector:
    """The session engine, counting detector calls (recognition passes straight through)."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.detections = 0

    @property
    def info(self):
        return self.engine.info

    def detect(self, image):
        self.detections += 1
        return self.engine.detect(image)

    def recognize(self, crops):
        return self.engine.recognize(crops)


@pytest.mark.parametrize(("degrees", "detections"), [(0, 1), (180, 2), (90, 2)])
def test_orient_judges_from_the_lines_ocr_reads(engine, upright, tmp_path, degrees, detections):
    """At 300 dpi lines are detected on a half-size copy; an upright page is detected once for orient and OCR."""
    from pipeline.runner import Pipeline

    path = tmp_path / f"turned-{degrees}.png"
    Image.fromarray(_turn(upright, degrees)).save(path, dpi=(300, 300))
    counting = _CountingDetector(engine)
    [page] = list(Pipeline(engine=counting).run_file(path))
    assert page.orientation_deg == degrees
    assert counting.detections == detections  # a turned page is detected again, upright
    assert fuzz.partial_ratio("".join(BODY).replace(" ", ""), _text(page)) > 90
