"""The default engine reads real rendered Chinese text with the shipped models."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import render_lines

from pipeline.config import OcrOptions
from pipeline.engines.base import OcrEngine
from pipeline.engines.registry import create_engine
from pipeline.errors import EngineError
from pipeline.stages.ocr import crop_quad


def test_recognize_exact_text(engine):
    crop = render_lines([("重大项目攻坚突破年", 10, 8, 40, False)], (420, 64))
    assert engine.recognize([crop]) == [("重大项目攻坚突破年", pytest.approx(1.0, abs=0.05))]


def test_detect_then_recognize_two_lines(engine):
    page = render_lines(
        [("全面掀起重大项目新热潮", 40, 30, 64, True), ("晚报讯 昨天，市委召开动员大会。", 40, 150, 36, False)],
        (900, 240),
    )
    quads = sorted(engine.detect(page), key=lambda q: q[:, 1].min())
    assert len(quads) == 2
    texts = [t for t, _ in engine.recognize([crop_quad(page, q) for q in quads])]
    assert texts[0] == "全面掀起重大项目新热潮"
    assert texts[1].replace(" ", "") == "晚报讯昨天，市委召开动员大会。"


def test_engine_info_records_models(engine):
    info = engine.info
    assert isinstance(engine, OcrEngine)
    assert info.name == "rapidocr" and info.runtime.startswith("onnxruntime")
    assert {m.role for m in info.models} == {"detection", "recognition"}
    assert all(len(m.sha256) == 64 for m in info.models)


def test_blank_image_has_no_lines(engine):
    assert engine.detect(np.full((300, 300), 255, np.uint8)) == []


def test_unknown_engine_lists_known_ones():
    with pytest.raises(EngineError, match=r"known engines: .*rapidocr"):
        create_engine(OcrOptions(engine="tesseract"))


def test_missing_model_is_a_clear_error(tmp_path, monkeypatch):
    import pipeline.model_store as store

    monkeypatch.setattr(store, "MODELS_DIR", tmp_path)
    entry = store.load_manifest()["PP-OCRv6_det_small"]
    fake = store.ModelEntry(**{**entry.__dict__, "package": None, "package_path": None})
    monkeypatch.setattr(store, "load_manifest", lambda path=store.MANIFEST: {fake.name: fake})
    with pytest.raises(store.ModelMissingError, match=r"not found.*--model-dir"):
        store.resolve_model("PP-OCRv6_det_small")


def test_altered_model_fails_checksum(tmp_path):
    from pipeline.model_store import ModelMissingError, resolve_model

    (tmp_path / "PP-OCRv6_det_small.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelMissingError, match="sha256"):
        resolve_model("PP-OCRv6_det_small", model_dir=tmp_path)


def test_batched_reading_matches_one_crop_at_a_time():
    """Crops of very different widths, read in width-sorted padded batches, read as they do alone."""
    lines = [
        "重大项目",
        "全面掀起重大项目新热潮",
        "晚报讯 昨天，市委召开动员大会。",
        "攻坚",
        "突破年全面掀起重大项目新热潮攻坚",
    ]
    crops = [render_lines([(t, 8, 6, 36, False)], (40 * len(t) + 16, 52)) for t in lines]
    one = create_engine(OcrOptions(threads=1, rec_batch=1))
    many = create_engine(OcrOptions(threads=1, rec_batch=4))
    alone = one.recognize(crops)
    batched = many.recognize(crops)
    assert [t for t, _ in batched] == [t for t, _ in alone]
    assert [t.replace(" ", "") for t, _ in batched] == [t.replace(" ", "") for t in lines]
    assert [c for _, c in batched] == pytest.approx([c for _, c in alone], abs=0.02)


def test_profile_charges_model_time_inside_each_call(engine):
    engine.profile.take()
    page = render_lines([("全面掀起重大项目新热潮", 40, 30, 48, True)], (700, 120))
    quads = engine.detect(page)
    engine.recognize([crop_quad(page, q) for q in quads])
    spent = engine.profile.take()
    assert 0 < spent["det.model"] <= spent["det"]
    assert 0 < spent["rec.model"] + spent["rec.decode"] <= spent["rec"]
    assert engine.profile.take() == {}


def test_int8_model_builds_to_the_pinned_sha256_and_reads_like_fp32(engine, tmp_path):
    from pipeline.engines.quantize import build_int8

    built = build_int8(out_dir=tmp_path)  # raises unless its sha256 is the manifest's
    int8 = create_engine(OcrOptions(threads=1, rec_precision="int8", model_dir=tmp_path))
    assert [m.name for m in int8.info.models if m.role == "recognition"] == ["PP-OCRv6_rec_small_int8"]
    assert built.stat().st_size < 0.7 * 21_234_383  # int8 weights: about two thirds of the fp32 file
    lines = ["全面掀起重大项目新热潮", "晚报讯 昨天，市委召开动员大会。", "攻坚突破年"]
    crops = [render_lines([(t, 8, 6, 36, False)], (40 * len(t) + 16, 52)) for t in lines]
    assert [t for t, _ in int8.recognize(crops)] == [t for t, _ in engine.recognize(crops)]


def test_int8_missing_says_how_to_build_it(tmp_path, monkeypatch):
    import pipeline.model_store as store

    monkeypatch.setattr(store, "MODELS_DIR", tmp_path)
    with pytest.raises(store.ModelMissingError, match=r"quantize_rec\.py"):
        create_engine(OcrOptions(rec_precision="int8"))
