"""int8 recognition is the default: built at set-up, read on a real rendered page within 0.1 points of fp32."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from pipeline.config import OcrOptions, PipelineConfig
from pipeline.engines.registry import create_engine
from pipeline.eval.files import ground_truth_for, load_page
from pipeline.eval.metrics import PageMetrics
from pipeline.runner import Pipeline

CER_BOUND = 0.001
"""int8 may read at most 0.1 points of text CER worse than fp32 (the adoption rule of the int8 model)."""


def _recognition_model(engine) -> str:
    [name] = [m.name for m in engine.info.models if m.role == "recognition"]
    return name


def test_default_engine_reads_with_the_int8_model(engine):
    assert OcrOptions().rec_precision == "int8"
    assert _recognition_model(engine) == "PP-OCRv6_rec_small_int8"


def _text_cer(pipe: Pipeline, scan) -> float:
    [page] = list(pipe.run_file(scan))
    metrics = PageMetrics()
    metrics.update(page, load_page(ground_truth_for(scan, 0, 1)), name=scan.stem)
    return metrics.summary().text_cer


def test_int8_reads_a_rendered_page_within_the_bound_of_fp32(pipe):
    scan = SAMPLES / "tabloid-200dpi.png"
    fp32 = Pipeline(PipelineConfig(ocr=OcrOptions(threads=1, rec_precision="fp32")))
    assert _recognition_model(fp32.engine) == "PP-OCRv6_rec_small"
    int8_cer, fp32_cer = _text_cer(pipe, scan), _text_cer(fp32, scan)
    assert int8_cer <= fp32_cer + CER_BOUND, (int8_cer, fp32_cer)
    assert int8_cer < 0.02


def test_missing_int8_default_is_one_clear_line_naming_the_fallback(tmp_path, monkeypatch):
    import pipeline.model_store as store

    monkeypatch.setattr(store, "MODELS_DIR", tmp_path)
    with pytest.raises(store.ModelMissingError) as err:
        create_engine(OcrOptions())
    message = str(err.value)
    assert "\n" not in message
    assert "PP-OCRv6_rec_small_int8.onnx" in message and "make setup" in message
    assert "--rec-precision fp32" in message


def test_fp32_stays_available_without_the_int8_file(tmp_path, monkeypatch):
    import pipeline.model_store as store

    monkeypatch.setattr(store, "MODELS_DIR", tmp_path)  # no int8 file here; fp32 ships in the rapidocr wheel
    fp32 = create_engine(OcrOptions(threads=1, rec_precision="fp32"))
    assert _recognition_model(fp32) == "PP-OCRv6_rec_small"
