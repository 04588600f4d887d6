"""One run per output folder, and what a run leaves or removes in it.

Holders are real processes: one that stays alive, one killed with SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import dummy

from pipeline.batch import BatchOptions, run_batch
from pipeline.batch.lock import LOCK_FILE, FolderLocked, folder_lock
from pipeline.config import PipelineConfig
from pipeline.inputs import collect_inputs

REPO = Path(__file__).resolve().parents[1]
HOLD = (
    "import sys, time; from pathlib import Path; from pipeline.batch.lock import folder_lock\n"
    "with folder_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(120)\n"
)


def _holder(out: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_run_into_a_held_folder_stops_naming_the_holder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = _holder(out)
    try:
        tmp = out / ".p1.json.ab12cd34.tmp"  # the holder's file in the middle of being written
        tmp.write_bytes(b"{")
        scan = dummy(tmp_path / "p1.png")
        with pytest.raises(FolderLocked, match=rf"pid {holder.pid} on {socket.gethostname()}"):
            run_batch(collect_inputs([scan]), PipelineConfig(), BatchOptions(out_dir=out, quiet=True))
        assert tmp.exists()  # another run's temporary files are left alone
        cli = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", "extract", str(scan), "-o", str(out)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )
        assert cli.returncode == 2
        assert cli.stderr.strip().count("\n") == 0 and f"pid {holder.pid}" in cli.stderr
        assert not (out / "p1.json").exists()
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_dead_run_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = _holder(out)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    stale = json.loads((out / LOCK_FILE).read_text())
    assert stale["pid"] == holder.pid  # the dead run's lock file is still there
    (out / ".p1.json.ab12cd34.tmp").write_bytes(b"{")  # and so is what it was writing
    with folder_lock(out) as path:
        assert json.loads(path.read_text())["pid"] == os.getpid()
        with pytest.raises(FolderLocked), folder_lock(out):  # held now, even against this very process
            pass
    assert not (out / LOCK_FILE).exists()  # released on the way out
    result = run_batch([], PipelineConfig(), BatchOptions(out_dir=out, quiet=True))
    assert result.exit_code == 0 and not list(out.glob("*.tmp"))  # a dead run's temporary file is swept


def test_lock_waits_for_nobody(tmp_path: Path) -> None:
    start = time.monotonic()
    held = pytest.raises(FolderLocked, match="another run is writing here")
    with folder_lock(tmp_path / "o"), held, folder_lock(tmp_path / "o"):
        pass
    assert time.monotonic() - start < 5
