"""The learned combiner of line roles: its typesetting features, the shipped model, its training script.

The features are checked on a small page set here line by line (a two-line headline
over a column that opens with a dateline and closes with a byline); the shipped model
is loaded and run on a hand-typeset page through the whole pipeline with real OCR; the
training script runs end to end on one committed sample page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from failure_pages import BUILDERS

from pipeline.config import LayoutOptions, PipelineConfig
from pipeline.layout import line_roles as lr
from pipeline.layout.features import LineInfo
from pipeline.layout.line_features import FEATURES, NONE_GAP, line_features
from pipeline.layout.roles import read_roles
from pipeline.layout.units import measure
from pipeline.state import TextLine, TypeScale

REPO = Path(__file__).resolve().parents[1]
EM, PITCH, MEASURE, WEIGHT = 20.0, 30.0, 400.0, 0.1
PARAGRAPHS = (
    "本报讯（记者王明）昨天上午，全市冬季安全生产工作会议在市行政中心召开，会议总结了前一阶段的工作，部署了下一步的重点任务和工作要求。",
    "会议指出，各地各部门要压实责任，深入开展隐患排查整治，坚决遏制重特大事故发生，确保全市安全形势持续稳定。",
)
"""Two paragraphs set 20 ems to the line, the second with a two-em indent: lines 0-3 and 4-6."""


def _set(paragraphs: tuple[str, ...], measure: int = 20) -> list[tuple[str, int]]:
    """(text, indent in ems) of each body line."""
    out = []
    for text in paragraphs:
        first, rest = text[: measure - 2], text[measure - 2 :]
        out.append((first, 2))
        out += [(rest[k : k + measure], 0) for k in range(0, len(rest), measure)]
    return out


BODY = [(PARAGRAPHS[0][k : k + 20], 0) for k in range(0, 64, 20)] + _set(PARAGRAPHS[1:])


def _line(i: int, text: str, x0: float, y0: float, size: float, ink: float, width: float | None = None) -> LineInfo:
    w = width if width is not None else size * len(text)
    quad = np.array([[x0, y0], [x0 + w, y0], [x0 + w, y0 + size], [x0, y0 + size]], dtype=np.float64)
    return LineInfo(TextLine(f"l{i}", quad, text, 0.99), (x0, y0, x0 + w, y0 + size), size, ink, False)


@pytest.fixture(scope="module")
def page() -> dict[str, LineInfo]:
    """A module: a two-line bold headline at 1.8 body sizes centred over a column, body, a byline."""
    lines: dict[str, LineInfo] = {}
    head = 36.0
    for k, text in enumerate(["全市部署冬季", "安全生产工作"]):
        left = 100 + (MEASURE - head * len(text)) / 2
        lines[f"head{k}"] = _line(k, text, left, 100 + k * (head + 6), head, 2 * WEIGHT)
    top = 100 + 2 * head + 6 + 40
    for k, (text, indent) in enumerate(BODY):
        lines[f"body{k}"] = _line(10 + k, text, 100 + indent * EM, top + k * PITCH, EM, WEIGHT)
    byline = "记者 王明"
    lines["byline"] = _line(30, byline, 100 + MEASURE - 4.5 * EM, top + len(BODY) * PITCH, EM, WEIGHT, 4.5 * EM)
    return lines


def _features(page: dict[str, LineInfo]) -> dict[str, dict[str, float]]:
    infos = list(page.values())
    rows = line_features(infos, measure(infos))
    return {name: dict(zip(FEATURES, row, strict=True)) for name, row in zip(page, rows, strict=True)}


def test_type_scale_reads_em_pitch_and_measure(page):
    """The type scale comes back from the lines: 20 px em, 30 px line pitch, a 20-em measure."""
    scale = measure(list(page.values()))
    assert scale.em == pytest.approx(EM, rel=0.01)
    assert scale.line_pitch == pytest.approx(PITCH, rel=0.01)
    assert scale.measure == pytest.approx(MEASURE, abs=EM)


def test_headline_features(page):
    """The headline: 1.8x, twice the weight, two lines stacked, centred over the body, set apart."""
    f = _features(page)
    first, second = f["head0"], f["head1"]
    assert first["size"] == first["advance"] == pytest.approx(1.8) and first["weight"] == pytest.approx(2.0)
    assert first["stack"] == second["stack"] == 2
    assert first["gap_above"] == NONE_GAP and second["gap_below"] > 1.0
    assert second["centre_off"] < 0.5 and second["below_dateline"] == 1.0
    assert first["ends_sentence"] == 0.0 and first["body_above"] == first["body_below"] == 0.0


def test_body_and_furniture_features(page):
    """Body lines sit in a run at the line pitch; the dateline, indent, sentence end and byline read as such."""
    f = _features(page)
    assert f["body1"]["body_above"] == f["body1"]["body_below"] == 1.0
    assert f["body1"]["width"] == pytest.approx(1.0) and f["body1"]["gap_above"] < 0.5
    assert f["body0"]["dateline_start"] == 1.0 and f["body1"]["dateline_start"] == 0.0
    assert f["body3"]["ends_sentence"] == 1.0 and f["body2"]["ends_sentence"] == 0.0
    assert f["body4"]["left_off"] == pytest.approx(2.0, abs=0.1)
    assert f["byline"]["is_byline"] == 1.0 and f["byline"]["above_left_off"] > 10  # set flush right
    assert f["byline"]["chars"] == 4 and f["byline"]["width"] == pytest.approx(4.5 / 20)


def test_features_do_not_depend_on_resolution(page):
    """The same page at twice the pixels gives the same features (all are in the page's type scale)."""
    big = {}
    for k, (name, i) in enumerate(page.items()):
        x0, y0, x1, _ = (2 * v for v in i.box)
        big[name] = _line(k, i.text, x0, y0, 2 * i.size, i.ink, x1 - x0)
    a = line_features(list(page.values()), measure(list(page.values())))
    b = line_features(list(big.values()), measure(list(big.values())))
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_no_lines_no_rows():
    assert line_features([], TypeScale(em=0, size=0, line_pitch=0, measure=0, weight=0)).shape == (0, len(FEATURES))


def test_shipped_model_matches_its_card_and_features():
    """The committed model loads offline, its sha256 is the card's, and it reads this code's features."""
    card = json.loads(lr.CARD.read_text(encoding="utf-8"))
    assert lr.sha256(lr.MODEL) == card["sha256"]
    model = lr.shipped_model()
    assert set(model.classes) <= set(lr.CLASSES) and "headline" in model.classes
    assert not set(card["trained_on"]) & set(card["held_out"])


def test_altered_model_is_refused(tmp_path):
    doc = json.loads(lr.MODEL.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:-1]
    with pytest.raises(lr.ModelError, match="other features"):
        lr.parse(doc)


def test_learned_roles_on_constructed_page(page):
    """Through the hook: the headline lines are display type, the byline a byline, the body body."""
    infos = list(page.values())
    roles = read_roles(infos, EM, WEIGHT, LayoutOptions(line_roles="learned"))
    display = {i.line.id for i in roles.display}
    assert {"l0", "l1"} <= display
    assert [i.text for i in roles.byline] == ["记者 王明"]
    assert sum(len(v) for v in vars(roles).values()) == len(infos)
    assert {i.line.id for i in roles.body} >= {f"l{10 + k}" for k in range(1, len(BODY))}


@pytest.fixture(scope="module")
def learned_pipe(engine):
    from pipeline.runner import Pipeline

    return Pipeline(PipelineConfig(layout=LayoutOptions(line_roles="learned")), engine=engine)


def test_learned_reading_of_a_hand_typeset_page(learned_pipe, tmp_path):
    """The small-headlines page (not generated) read with the learned roles: most modules found headed right."""
    from article_checks import near

    truth = BUILDERS["small_headlines"]()
    (page,) = list(learned_pipe.run_file(truth.sheet.save(tmp_path / "small.png")))
    headlines = [a.headline for a in page.articles]
    found = [e.name for e in truth.articles if any(near(h, e.headline) for h in headlines)]
    assert len(found) >= len(truth.articles) - 2, headlines
    assert any(s.name == "classify" and s.options["line_roles"] == "learned" for s in page.steps)


def test_training_script_end_to_end(tmp_path, pipe):
    """Train on one committed sample page, score on the same page under another folder, load the result.

    The page's OCR is cached first with the session's engine, as ``layout_eval.py --ocr-only`` would.
    """
    sys.path.insert(0, str(REPO / "scripts"))
    from layout_eval import Harness

    for name in ("train", "held"):
        (tmp_path / name).mkdir()
        for suffix in (".png", ".gt.json"):
            src = REPO / "samples" / f"tabloid-200dpi{suffix}"
            (tmp_path / name / src.name).symlink_to(src)
    harness = Harness(PipelineConfig(), tmp_path / "cache")
    harness._pipe = pipe
    harness.after_ocr(tmp_path / "train" / "tabloid-200dpi.png")
    model = tmp_path / "out" / "line_roles.model.json"
    cmd = [sys.executable, str(REPO / "scripts" / "train_line_roles.py"), str(tmp_path / "train")]
    cmd += ["--held-out", str(tmp_path / "held"), "--cache", str(tmp_path / "cache"), "--model", str(model)]
    cmd += ["--cached-only"]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    card = json.loads((model.parent / lr.CARD.name).read_text(encoding="utf-8"))
    assert card["sha256"] == lr.sha256(model) and card["lines"]["train"] > 100
    assert card["held_out_scores"]["body"]["recall"] >= 0.9
    fitted = lr.parse(json.loads(model.read_text(encoding="utf-8")))
    assert "body" in fitted.classes


def test_classes_map_onto_roles(page):
    """Kickers join as medium type below display size (or stay body where the rules read body: their place
    over the headline tells them); bylines the rules read stay unless display type is seen."""
    line = page["byline"]
    assert lr.role_of("kicker", line, 1.2, "medium", 1.4) == "medium"
    assert lr.role_of("kicker", line, 1.2, "body", 1.4) == "body"
    assert lr.role_of("kicker", line, 1.2, "display", 1.4) == lr.role_of("kicker", line, 1.5, "body", 1.4) == "display"
    assert lr.role_of("subhead", line, 1.0, "byline", 1.4) == lr.role_of("body", line, 1.0, "byline", 1.4) == "byline"
    assert lr.role_of("headline", line, 1.0, "byline", 1.4) == "display"
    assert lr.role_of("caption", line, 1.0, "medium", 1.4) == "medium"
