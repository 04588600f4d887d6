"""The Ray executor writes the same page as the local one (one small page; Ray starts slowly)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import render_lines
from PIL import Image

from pipeline.batch import BatchOptions, run_batch
from pipeline.config import OcrOptions, PipelineConfig
from pipeline.executors.local import InlineExecutor
from pipeline.executors.ray_executor import PageActor, RayExecutor
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



class _FailsOnce(PageActor):
    """A page call that raises in the actor (a Ray task error), the actor itself staying alive."""

    def run(self, task):
        if task.path.name.startswith("bad"):
            raise RuntimeError("cannot pickle the outcome")
        return super().run(task)


def test_a_ray_task_error_keeps_the_pool_whole(local_ray, tmp_path: Path) -> None:
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # tests/ is not on the workers' path
    scans = []
    for name, text in (("bad.png", "南通晚报"), ("good1.png", "市委全会"), ("good2.png", "招商引资")):
        Image.fromarray(render_lines([(text, 20, 16, 36, True)], (240, 70))).save(tmp_path / name)
        scans.append(tmp_path / name)
    config = PipelineConfig(ocr=OcrOptions(threads=1))
    out = tmp_path / "out"
    result = run_batch(
        collect_inputs(scans),
        config,
        BatchOptions(out_dir=out, quiet=True),
        executor=RayExecutor(workers=1, threads=1, actor=_FailsOnce),
    )
    # one actor: after the failed call it must still be there to read the other two pages
    assert [f.error.startswith("RayTaskError") for f in result.failures] == [True]
    assert result.written == 2 and (out / "good1.json").is_file() and (out / "good2.json").is_file()
    assert len({o.pid for o in result.outcomes if o.ok}) == 1
