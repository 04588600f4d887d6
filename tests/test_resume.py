"""A batch killed with SIGKILL, then rerun: nothing lost, nothing redone, no partial file.

The CLI runs in a subprocess with two worker processes; the batch process itself is
killed (its workers must die with it), right after the first page lands.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import render_lines
from PIL import Image

from schemas import Page

BROADSHEET = [sys.executable, "-m", "pipeline.cli"]
HEADLINES = ["南通晚报", "市委全会", "招商引资", "今日要闻"]


def _folder(tmp_path: Path) -> Path:
    scans = tmp_path / "scans"
    scans.mkdir()
    for i, text in enumerate(HEADLINES):
        Image.fromarray(render_lines([(text, 20, 16, 36, True)], (240, 70))).save(scans / f"p{i}.png")
    return scans


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("*.json")}


def _extract(scans: Path, out: Path) -> subprocess.CompletedProcess[str]:
    args = [*BROADSHEET, "extract", str(scans), "-o", str(out), "--workers", "2", "--format", "json,md"]
    return subprocess.run(args, capture_output=True, text=True, timeout=600)


def test_killed_run_resumes_without_loss_or_rework(tmp_path: Path) -> None:
    scans, out = _folder(tmp_path), tmp_path / "out"
    args = [*BROADSHEET, "extract", str(scans), "-o", str(out), "--workers", "2", "--format", "json,md", "--quiet"]
    victim = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not list(out.glob("*.json")) and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    time.sleep(1.0)  # were a worker to outlive the batch, it would write now

    finished = _stamps(out)
    assert finished, "the first page never landed"
    for path in out.glob("*.json"):  # every visible file is whole
        Page.model_validate_json(path.read_bytes())
    assert all((out / f"{Path(name).stem}.md").is_file() for name in finished)  # JSON is written last

    rerun = _extract(scans, out)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(HEADLINES) - len(finished)} pages written, {len(finished)} already done, 0 failed" in rerun.stderr
    after = _stamps(out)
    assert sorted(after) == sorted(f"p{i}.json" for i in range(len(HEADLINES)))
    assert {name: after[name] for name in finished} == finished  # not one finished page rewritten
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not (out / "errors.jsonl").exists()

    # a rerun over the finished folder reads nothing and writes nothing
    again = _extract(scans, out)
    assert again.returncode == 0
    assert f"0 pages written, {len(HEADLINES)} already done, 0 failed" in again.stderr
    assert _stamps(out) == after
