"""The default split of a batch: one single-threaded worker per core (measured: scripts/bench_batch.py workers)."""

from __future__ import annotations

from pathlib import Path

from pipeline.batch.run import BatchOptions, make_executor
from pipeline.config import OcrOptions, PipelineConfig
from pipeline.executors import available_cores
from pipeline.executors.local import InlineExecutor, ProcessExecutor


def test_many_pages_get_one_single_threaded_worker_per_core(tmp_path: Path):
    executor, config = make_executor(BatchOptions(out_dir=tmp_path), PipelineConfig(), pages=50)
    cores = available_cores()
    if cores == 1:
        assert isinstance(executor, InlineExecutor)
    else:
        assert isinstance(executor, ProcessExecutor)
        assert (executor.workers, executor.threads) == (cores, 1)
    assert config.ocr.threads == 1


def test_one_page_gets_every_core_in_one_worker(tmp_path: Path):
    executor, config = make_executor(BatchOptions(out_dir=tmp_path), PipelineConfig(), pages=1)
    assert isinstance(executor, InlineExecutor)
    assert config.ocr.threads == available_cores()


def test_threads_asked_for_are_kept(tmp_path: Path):
    options = BatchOptions(out_dir=tmp_path, workers=2)
    executor, config = make_executor(options, PipelineConfig(ocr=OcrOptions(threads=3)), pages=10)
    assert isinstance(executor, ProcessExecutor)
    assert (executor.workers, executor.threads, config.ocr.threads) == (2, 3, 3)
