"""Hostile bytes into the loader: an InputError or a valid page, never any other exception."""

from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from pipeline.config import LoadOptions
from pipeline.errors import InputError
from pipeline.stages.load import iter_pages

MAGICS = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"%PDF-1.4\n"]
# small limit: a header that declares a huge image must be refused, not decoded
OPTIONS = LoadOptions(max_pixels=4_000_000, pdf_dpi=50)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# every PDF example spawns poppler: fewer of them
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_or_refuse(data: bytes, suffix: str = ".png") -> None:
    """Feed ``data`` to the loader as a file; only InputError may come out."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            for page in iter_pages(path, OPTIONS):
                assert page.image.dtype == np.uint8 and page.image.ndim in (2, 3)
                assert page.image.shape[0] >= 1 and page.image.shape[1] >= 1
                assert 0 <= page.page_index < page.page_count
        except InputError as exc:
            assert exc.path == str(path) and exc.reason and "\n" not in exc.reason


@functools.cache
def _real_files() -> dict[str, bytes]:
    rng = np.random.default_rng(1)
    gray = Image.fromarray(rng.integers(0, 256, (60, 80), dtype=np.uint8))
    out: dict[str, bytes] = {}
    for name, fmt, img, kw in [
        ("png", "PNG", gray, {}),
        ("jpeg", "JPEG", gray.convert("RGB"), {}),
        ("tiff", "TIFF", gray, {"save_all": True, "append_images": [gray.convert("1")]}),
        ("g4", "TIFF", gray.convert("1"), {"compression": "group4"}),
        ("pdf", "PDF", gray, {"resolution": 72.0}),
    ]:
        buf = io.BytesIO()
        img.save(buf, fmt, **kw)
        out[name] = buf.getvalue()
    return out


@FAST
@given(st.binary(max_size=2048))
def test_random_bytes(data):
    _load_or_refuse(data)


@FAST
@given(st.sampled_from(MAGICS[:4]), st.binary(max_size=4096))
def test_random_bytes_behind_an_image_header(magic, data):
    _load_or_refuse(magic + data)


@SLOW
@given(st.binary(max_size=4096))
def test_random_bytes_behind_a_pdf_header(data):
    _load_or_refuse(MAGICS[4] + data, ".pdf")


@FAST
@given(st.sampled_from(["png", "jpeg", "tiff", "g4"]), st.floats(0.0, 1.0))
def test_truncated_real_images(name, fraction):
    data = _real_files()[name]
    _load_or_refuse(data[: int(len(data) * fraction)])


@FAST
@given(st.sampled_from(["png", "jpeg", "tiff", "g4"]), st.integers(0, 10_000), st.binary(min_size=1, max_size=8))
def test_real_images_with_bytes_overwritten(name, at, patch):
    data = bytearray(_real_files()[name])
    at %= len(data)
    data[at : at + len(patch)] = patch
    _load_or_refuse(bytes(data))


@SLOW
@given(st.floats(0.0, 1.0))
def test_truncated_real_pdf(fraction):
    data = _real_files()["pdf"]
    _load_or_refuse(data[: int(len(data) * fraction)], ".pdf")


def test_the_real_files_themselves_load():
    for name, data in _real_files().items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"ok.{name}"
            path.write_bytes(data)
            pages = list(iter_pages(path, OPTIONS))
            assert len(pages) == (2 if name == "tiff" else 1), name
