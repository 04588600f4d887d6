"""onnxruntime sessions carry the measured options (pipeline/engines/ort_session.py)."""

from __future__ import annotations

from pipeline.config import OcrOptions
from pipeline.engines.ort_session import SessionTuning, build_session
from pipeline.engines.rapidocr_onnx import _rec_model


def test_default_session_sleeps_instead_of_spinning_and_runs_sequentially():
    _, path = _rec_model(OcrOptions())
    opts = build_session(path, 2).get_session_options()
    assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert opts.intra_op_num_threads == 2 and opts.inter_op_num_threads == 1
    assert opts.enable_cpu_mem_arena and not opts.enable_mem_pattern


def test_tuning_variants_reach_the_session():
    _, path = _rec_model(OcrOptions())
    opts = build_session(path, 1, SessionTuning(spinning=True, arena=False, optimization="basic")).get_session_options()
    assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "1"
    assert not opts.enable_cpu_mem_arena
    assert str(opts.graph_optimization_level).endswith("ORT_ENABLE_BASIC")
