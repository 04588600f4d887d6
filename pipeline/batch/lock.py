"""One run per output folder: ``OUT/.broadsheet.lock`` names the run that holds it.

The lock is an ``flock`` on that file, which the kernel drops when the holder dies,
however it dies (SIGKILL, power loss of a client): a lock file left by a dead run is
simply taken over, and its stale pid and host are overwritten. The file records the
holder's pid, host and start time, so the run that is turned away can name it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = ".broadsheet.lock"


class FolderLocked(RuntimeError):
    """Another live run holds the output folder."""


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"pid {info['pid']} on {info['host']}, started {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a run that has not yet written its pid"


def _try_lock(path: Path) -> int | None:
    """An fd holding the lock on ``path`` (the file now at that name), or None if held."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    try:  # the holder may have removed the file between our open and our flock
        same = os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        same = False
    if not same:
        os.close(fd)
        return _try_lock(path)
    return fd


@contextlib.contextmanager
def folder_lock(out_dir: Path) -> Iterator[Path]:
    """Hold ``out_dir``'s lock for the ``with`` body; yields the lock file's path.

    Raises:
        FolderLocked: another live run holds it (the message names its pid and host).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_FILE
    fd = _try_lock(path)
    if fd is None:
        raise FolderLocked(f"{out_dir}: another run is writing here ({_holder(path)}); wait for it or stop it")
    try:
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()  # while still locked: no one can hold the old file once it is gone
        os.close(fd)
