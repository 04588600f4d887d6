"""Done means done for this input and this config: real runs, then reruns after a change.

The runs read small rendered pages with the real engines; a page is skipped only when
its JSON records the same input sha256, engine, models, schema and config hash.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_batch import headline_page, two_page_tiff

import pipeline.batch.plan as plan_module
import pipeline.work.worker as worker_module
from pipeline.batch import BatchOptions, run_batch
from pipeline.batch.provenance import Expected
from pipeline.config import OcrOptions, PipelineConfig
from pipeline.executors.local import InlineExecutor
from pipeline.inputs import collect_inputs
from pipeline.runner import Pipeline, config_sha256
from pipeline.stages.load import file_sha256
from pipeline.stages.preprocess import Preprocess
from schemas import EngineInfo, ModelInfo, Page, Source

TEXTS = {"a": "南通晚报", "b": "市委全会", "c": "招商引资"}


def _scans(folder: Path) -> list[Path]:
    return [headline_page(folder / f"{name}.png", text) for name, text in TEXTS.items()]


def _stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}


def _page(path: Path) -> Page:
    return Page.model_validate_json(path.read_bytes())


def _run(scans: list[Path], out: Path, pipe: Pipeline, force: bool = False):
    options = BatchOptions(out_dir=out, quiet=True, force=force)
    return run_batch(collect_inputs(scans), pipe.config, options, executor=InlineExecutor(pipe))


def test_replacing_one_input_redoes_exactly_that_page(pipe, tmp_path: Path) -> None:
    scans, out = _scans(tmp_path / "in"), tmp_path / "out"
    first = _run(scans, out, pipe)
    assert (first.written, first.skipped, first.redone) == (3, 0, {})
    before = _stamps(out)
    headline_page(tmp_path / "in" / "b.png", "今日要闻")  # a rescan under the same name
    again = _run(scans, out, pipe)
    assert (again.written, again.skipped, again.redone) == (1, 2, {"input changed": 1})
    after = _stamps(out)
    assert [n for n in sorted(after) if after[n] != before[n]] == ["b.json"]
    page = _page(out / "b.json")
    assert page.source.sha256 == file_sha256(tmp_path / "in" / "b.png")
    assert "今日要闻" in "".join(b.text for b in page.blocks)
    forced = _run(scans, out, pipe, force=True)  # --force stays: every page again
    assert (forced.written, forced.skipped) == (3, 0)


def test_another_engine_redoes_the_pages_and_records_it(pipe, tmp_path: Path) -> None:
    pytest.importorskip("paddleocr")
    scans, out = _scans(tmp_path / "in")[:2], tmp_path / "out"
    assert _run(scans, out, pipe).written == 2
    assert _page(out / "a.json").engine.name == "rapidocr"
    paddle = Pipeline(PipelineConfig(ocr=OcrOptions(engine="paddleocr", threads=1)))
    switched = _run(scans, out, paddle)
    assert (switched.written, switched.redone) == (2, {"engine changed (rapidocr->paddleocr)": 2})
    page = _page(out / "a.json")
    assert page.engine.name == "paddleocr" and {m.name for m in page.engine.models} == {
        "PP-OCRv6_small_det",
        "PP-OCRv6_small_rec",
    }
    assert page.config_sha256 == config_sha256(paddle.config)
    assert "南通晚报" in "".join(b.text for b in page.blocks)
    assert _run(scans, out, paddle).skipped == 2  # and is then current for that engine


def test_bumping_a_stage_version_redoes_the_pages(pipe, tmp_path: Path, monkeypatch) -> None:
    scans, out = _scans(tmp_path / "in")[:1], tmp_path / "out"
    assert _run(scans, out, pipe).written == 1
    monkeypatch.setattr(Preprocess, "version", "99")  # all a stage's author has to do
    bumped = _run(scans, out, pipe)
    (reason,) = bumped.redone
    assert reason.startswith("stage version changed (preprocess ") and reason.endswith("->99)")
    assert {s.name: s.version for s in _page(out / "a.json").steps}["preprocess"] == "99"
    assert _run(scans, out, pipe).skipped == 1


def test_each_recorded_fact_makes_a_page_stale(tmp_path: Path) -> None:
    config = PipelineConfig()
    expected = Expected(config)
    det = expected.manifest["PP-OCRv6_det_small"]
    current = Page(
        source=Source(path="x.png", sha256="aa"),
        width=8,
        height=8,
        engine=EngineInfo(name="rapidocr", models=[ModelInfo(role="detection", name=det.name, sha256=det.sha256)]),
        config_sha256=config_sha256(config),
    )
    assert expected.stale_reason(current, "aa") is None
    assert expected.stale_reason(current, "bb") == "input changed"
    old_model = ModelInfo(role="detection", name=det.name, sha256="0" * 64)
    cases = {
        "model changed (PP-OCRv6_det_small)": {"engine": EngineInfo(name="rapidocr", models=[old_model])},
        "schema changed (0.9->1.0)": {"schema_version": "0.9"},
        "options changed": {"config_sha256": config_sha256(PipelineConfig(ocr=OcrOptions(min_confidence=0.7)))},
    }
    for reason, change in cases.items():
        assert expected.stale_reason(current.model_copy(update=change), "aa") == reason
    # how a run goes (threads, where the models sit) is not what a page says
    assert config_sha256(config) == config_sha256(PipelineConfig(ocr=OcrOptions(threads=7, model_dir=tmp_path)))


def test_a_multipage_file_is_hashed_once(pipe, tmp_path: Path, monkeypatch) -> None:
    scan = two_page_tiff(tmp_path / "issue.tif")
    calls: list[Path] = []

    def counted(path: Path) -> str:
        calls.append(path)
        return file_sha256(path)

    monkeypatch.setattr(plan_module, "file_sha256", counted)
    monkeypatch.setattr(worker_module, "file_sha256", counted)
    result = _run([scan], tmp_path / "out", pipe)
    assert result.written == 2 and len(calls) == 1
    assert {_page(p).source.sha256 for p in (tmp_path / "out").glob("*.json")} == {file_sha256(scan)}
