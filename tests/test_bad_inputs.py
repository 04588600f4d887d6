"""Broken files mixed into a folder of good pages, through the real CLI.

Each bad file must give exactly one stderr line naming it (no traceback), one
``errors.jsonl`` entry, exit status 1, and the good pages must still be written.
The loader's exact wording is tested with the loader; here the batch behaviour is.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from conftest import render_lines
from PIL import Image

from schemas import Page

BROADSHEET = [sys.executable, "-m", "pipeline.cli"]


def _png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(side: int = 30_000) -> bytes:
    """A valid 1-bit PNG header declaring side x side pixels, with a few KB of data."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * ((side // 8 + 1) * 64), 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def empty_pdf() -> bytes:
    """A well-formed PDF whose page tree holds no page."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def encrypted_pdf(page: Image.Image) -> bytes:
    pypdf = pytest.importorskip("pypdf", reason="pypdf builds the encrypted PDF")
    plain = io.BytesIO()
    page.convert("RGB").save(plain, format="PDF")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(plain.getvalue())))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_page(text: str) -> Image.Image:
    return Image.fromarray(render_lines([(text, 20, 16, 36, True)], (260, 70)))


def bad_files(good: Image.Image) -> dict[str, bytes]:
    png, jpeg = _png_bytes(good), io.BytesIO()
    good.save(jpeg, format="JPEG")
    return {
        "d_empty.png": b"",
        "d_text.jpg": "这不是图片,只是一段文字。\n".encode() * 3,
        "d_saved page.png": b"<!DOCTYPE html><html><body>Not Found</body></html>",
        "d_truncated_png.png": png[: len(png) // 2],
        "d_truncated_jpg.jpg": jpeg.getvalue()[: len(jpeg.getvalue()) // 2],
        "d_garbage.pdf": b"%PDF-1.7\n" + os.urandom(2048),
        "d_encrypted.pdf": encrypted_pdf(good),
        "d_nopages.pdf": empty_pdf(),
        "d_header_only.tif": b"II*\x00\x08\x00\x00\x00",
        "d_bomb.png": bomb_png(),
    }


def _sabotage_when_first_page_lands(out: Path, gone: Path, unreadable: Path) -> threading.Thread:
    """After the first page's JSON appears, delete one queued file and turn another into a folder."""

    def watch() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not any(out.glob("*.json")):
            time.sleep(0.01)
        gone.unlink()
        unreadable.unlink()
        unreadable.mkdir()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_each_bad_input_is_one_line_one_entry_and_the_batch_goes_on(tmp_path: Path) -> None:
    scans, out = tmp_path / "scans", tmp_path / "out"
    scans.mkdir()
    good = text_page("南通晚报")
    good.save(scans / "a 晚报 第1版.png")  # spaces and Chinese in the name are fine
    Image.new("L", (1, 1), 255).save(scans / "b_1px.png")  # not an error either
    bad = bad_files(good)
    for name, data in bad.items():
        (scans / name).write_bytes(data)
    # Pages run in name order with one worker: "y" takes seconds, so the sabotage lands before "z".
    text_page("要闻").save(scans / "y_last good.png")
    for name in ("z_gone.png", "z_unreadable.png"):
        good.save(scans / name)
    watcher = _sabotage_when_first_page_lands(out, scans / "z_gone.png", scans / "z_unreadable.png")

    run = subprocess.run(
        [*BROADSHEET, "extract", str(scans), "-o", str(out), "--workers", "1", "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    watcher.join(timeout=5)
    expected_bad = sorted([*bad, "z_gone.png", "z_unreadable.png"])

    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == len(expected_bad), run.stderr
    for name in expected_bad:
        mine = [ln for ln in lines if ln.startswith(f"{scans / name}: ")]
        assert len(mine) == 1, f"{name}: {run.stderr}"
        assert len(mine[0]) > len(f"{scans / name}: ") + 5  # there is a reason after the name
    entries = [json.loads(ln) for ln in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(e["path"]).name for e in entries) == expected_bad
    assert all(e["error"] == "InputError" and e["message"] and e["page"] is None for e in entries)
    for name in ("a 晚报 第1版", "b_1px", "y_last good"):
        Page.model_validate_json((out / f"{name}.json").read_bytes())
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["errors.jsonl", "a 晚报 第1版.json", "b_1px.json", "y_last good.json"]
    )


def test_a_page_over_the_timeout_fails_and_the_batch_goes_on(tmp_path: Path) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    text_page("南通晚报").save(scans / "slow.png")
    shutil.copy(scans / "slow.png", scans / "slow2.png")
    run = subprocess.run(
        [*BROADSHEET, "extract", str(scans), "-o", str(tmp_path / "out"), "--page-timeout", "0.05", "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1
    assert sorted(run.stderr.strip().splitlines()) == [
        f"{scans / 'slow.png'}: timed out after 0.05 s",
        f"{scans / 'slow2.png'}: timed out after 0.05 s",
    ]
    entries = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(e)["error"] for e in entries) == ["Timeout", "Timeout"]
    assert not list((tmp_path / "out").glob("*.json"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "OUT"], "give at least one INPUT or --manifest"),
        (["x.png", "-o", "OUT", "--manifest", "m.txt"], "manifest must be .csv or .jsonl"),
        (["x.png", "-o", "OUT", "--workers", "0"], "must be above 0"),
        (["x.png", "-o", "OUT", "--format", "pdf"], "unknown format"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "m.txt").write_text("x.png\n")
    run = subprocess.run(
        [*BROADSHEET, "extract", *args], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert run.returncode == 2 and message in run.stderr
    assert "Traceback" not in run.stderr
