"""The Ray executor writes the same page as the local one (one small page; Ray starts slowly)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import render_lines
from PIL import Image

from pipeline.batch import BatchOptions, run_batch
from pipeline.config import OcrOptions, PipelineConfig
from pipeline.executors.local import InlineExecutor
from pipeline.inputs import collect_inputs
from pipeline.runner import Pipeline
from schemas import Page

ray = pytest.importorskip("ray", reason="Ray is optional: pip install 'broadsheet[ray]'")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    yield ray
    ray.shutdown()


def _comparable(path: Path) -> dict:
    page = Page.model_validate_json(path.read_bytes()).model_dump(mode="json")
    for step in page["steps"]:
        step.pop("elapsed_s")  # the only thing allowed to differ
    return page


def test_ray_and_local_runs_write_identical_pages(local_ray, pipe, tmp_path: Path) -> None:
    lines = [("南通晚报讯", 20, 16, 36, True), ("记者朱文君报道", 20, 70, 22, False)]
    scan = tmp_path / "page.png"
    Image.fromarray(render_lines(lines, (260, 110))).save(scan)
    config = PipelineConfig(ocr=OcrOptions(threads=1))  # same thread count: same float sums
    files = collect_inputs([scan])

    by_ray = run_batch(files, config, BatchOptions(out_dir=tmp_path / "ray", executor="ray", workers=1, quiet=True))
    shared = InlineExecutor(Pipeline(config, engine=pipe.engine))  # the session's models, this config
    local = run_batch(files, config, BatchOptions(out_dir=tmp_path / "local", quiet=True), executor=shared)

    assert by_ray.exit_code == local.exit_code == 0 and by_ray.written == 1
    assert by_ray.outcomes[0].pid != local.outcomes[0].pid  # really ran in a Ray worker
    ray_page, local_page = _comparable(tmp_path / "ray" / "page.json"), _comparable(tmp_path / "local" / "page.json")
    assert ray_page["blocks"] and ray_page == local_page

