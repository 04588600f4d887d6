"""Every kind of broken file becomes one clear InputError; odd but valid scans load and read."""

from __future__ import annotations

import functools
import io
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from conftest import render_lines
from PIL import Image

from pipeline.config import LoadOptions
from pipeline.errors import InputError
from pipeline.stages.load import iter_pages

HEADLINE = "全面掀起重大项目建设新热潮"
BODY = "晚报讯 昨天上午，市委召开动员大会。"


def _text_page() -> np.ndarray:
    return render_lines([(HEADLINE, 30, 20, 48, True), (BODY, 30, 110, 30, False)], (760, 180))


def _encode(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


@functools.cache
def _bomb_png(side: int = 30_000) -> bytes:
    """A valid 1-bit PNG of side x side white pixels: ~100 KB on disk, 900 Mpx decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\x00" + b"\xff" * ((side + 7) // 8)) * 1000
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(rows) for _ in range(side // 1000)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _pdf(pages: int) -> bytes:
    images = [Image.new("L", (200, 100), 255) for _ in range(pages)]
    return _encode(images[0], "PDF", save_all=True, append_images=images[1:], resolution=72.0)


def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")  # RC4 needs no crypto package
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _noise() -> Image.Image:
    return Image.fromarray(np.random.default_rng(0).integers(0, 256, (300, 400), dtype=np.uint8))


def _bad_inputs() -> dict[str, tuple[str, bytes, str]]:
    png, jpeg = _encode(_noise(), "PNG"), _encode(_noise(), "JPEG")
    cases = {
        "empty": ("empty.png", b"", "empty file"),
        "text as jpg": ("notes.jpg", "报纸 page list\nline 2\n".encode(), "not a PNG, JPEG, TIFF or PDF.*text file"),
        "html as png": ("page.png", b"<!DOCTYPE html>\n<html><body>404</body></html>", "HTML page"),
        "truncated png": ("cut.png", png[: len(png) // 2], "truncated PNG"),
        "truncated jpeg": ("cut.jpg", jpeg[: len(jpeg) // 2], "truncated JPEG"),
        "garbage pdf": ("junk.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8, "corrupt PDF"),
        "pdf without pages": (
            "none.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n",
            "PDF has no pages",
        ),
        "tiff header only": ("scan.tif", b"II*\x00", "corrupt TIFF"),
        "bomb": ("bomb.png", _bomb_png(), r"30000x30000 = 900,000,000 pixels, above the limit"),
    }
    return cases


BAD_CASES = ["empty", "text as jpg", "html as png", "truncated png", "truncated jpeg", "garbage pdf"]
BAD_CASES += ["pdf without pages", "tiff header only", "bomb"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_file_is_one_clear_input_error(case, tmp_path):
    name, data, reason = _bad_inputs()[case]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason) as info:
        list(iter_pages(path))
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf())
    with pytest.raises(InputError, match="encrypted PDF: it needs a password"):
        list(iter_pages(path))


def test_bomb_is_refused_from_the_header_without_decoding(tmp_path):
    import tracemalloc

    path = tmp_path / "bomb.png"
    path.write_bytes(_bomb_png())
    tracemalloc.start()
    with pytest.raises(InputError, match=r"LoadOptions\.max_pixels"):
        list(iter_pages(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000  # decoding would need 900 MB


def test_pixel_limit_is_configurable(tmp_path):
    path = tmp_path / "small.png"
    Image.new("L", (40, 30), 255).save(path)
    with pytest.raises(InputError, match="40x30 = 1,200 pixels, above the limit of 1,000"):
        list(iter_pages(path, LoadOptions(max_pixels=1000)))
    assert next(iter_pages(path, LoadOptions(max_pixels=1200))).image.shape == (30, 40)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        list(iter_pages(tmp_path / "gone.png"))
    with pytest.raises(InputError, match="is a folder"):
        list(iter_pages(tmp_path))


def test_unreadable_file_io_error():
    # reading /proc/self/mem at offset 0 fails with EIO: a real file that cannot be read
    if not Path("/proc/self/mem").exists():
        pytest.skip("needs Linux /proc")
    with pytest.raises(InputError, match="cannot read file"):
        list(iter_pages(Path("/proc/self/mem")))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path):
    path = tmp_path / "locked.png"
    Image.new("L", (4, 4)).save(path)
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        list(iter_pages(path))


def test_pdf_pages_come_lazily_and_a_vanished_file_is_an_input_error(tmp_path):
    path = tmp_path / "two.pdf"
    path.write_bytes(_pdf(2))
    pages = iter_pages(path, LoadOptions(pdf_dpi=72))
    first = next(pages)
    assert (first.page_index, first.page_count, first.image.shape[:2]) == (0, 2, (100, 200))
    path.unlink()  # page 2 is rendered only now, so its loss shows
    with pytest.raises(InputError, match="file not found"):
        next(pages)


def test_multipage_tiff_survives_unlink_mid_read(tmp_path):
    path = tmp_path / "two.tif"
    frames = [Image.new("1", (30, 20), 0), Image.new("1", (50, 40), 1)]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4")
    pages = iter_pages(path)
    assert next(pages).image.shape == (20, 30)
    path.unlink()  # the open handle still reads the rest
    second = next(pages)
    assert (second.page_index, second.page_count, second.image.shape) == (1, 2, (40, 50))
    assert int(second.image.min()) == 255


MODES = {
    "1": lambda g: g.convert("1"),
    "L": lambda g: g,
    "I;16": lambda g: Image.fromarray(np.asarray(g).astype(np.uint16) * 257),
    "P": lambda g: g.convert("RGB").convert("P"),
    "RGB": lambda g: g.convert("RGB"),
    "RGBA": lambda g: g.convert("RGBA"),
    "LA": lambda g: g.convert("LA"),
    "CMYK": lambda g: g.convert("CMYK"),
}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "JPEG"])
def test_every_image_mode_loads_as_uint8(mode, fmt, tmp_path):
    gray = Image.fromarray(_text_page())
    img = MODES[mode](gray)
    path = tmp_path / f"page.{fmt.lower()}"
    try:
        img.save(path, fmt)
    except OSError:
        pytest.skip(f"{fmt} cannot hold mode {mode}")
    [page] = list(iter_pages(path))
    assert page.image.dtype == np.uint8 and page.image.shape[:2] == (180, 760)
    # ink stays dark and paper stays light: no clipping of 16-bit, no black alpha background
    as_gray = page.image if page.image.ndim == 2 else page.image.mean(axis=2)
    ink = np.asarray(gray) < 128
    assert as_gray[ink].mean() < 100 and as_gray[~ink].mean() > 200


def test_transparent_background_becomes_white_paper(tmp_path):
    rgba = np.zeros((20, 30, 4), np.uint8)  # black, fully transparent...
    rgba[5:10, 5:25, 3] = 255  # ...except an opaque black bar
    path = tmp_path / "alpha.png"
    Image.fromarray(rgba, "RGBA").save(path)
    [page] = list(iter_pages(path))
    assert int(page.image[0, 0].min()) == 255 and int(page.image[7, 10].max()) == 0


# --- not errors: end to end through the real pipeline --------------------------------


def _all_text(page) -> str:
    return "".join(b.text for b in page.blocks).replace(" ", "")


def test_blank_page_is_valid_output_without_articles(pipe, tmp_path):
    path = tmp_path / "blank.png"
    Image.new("L", (600, 400), 250).save(path)
    [page] = list(pipe.run_file(path))
    assert page.articles == [] and page.blocks == [] and page.orientation_deg == 0
    assert page.model_validate_json(page.model_dump_json()) == page


def test_one_pixel_image(pipe, tmp_path):
    path = tmp_path / "dot.png"
    Image.new("L", (1, 1), 0).save(path)
    [page] = list(pipe.run_file(path))
    assert (page.width, page.height, page.articles) == (1, 1, [])


def test_name_with_spaces_and_chinese(pipe, tmp_path):
    path = tmp_path / "南通 晚报 第 1 版.png"
    Image.fromarray(_text_page()).save(path)
    [page] = list(pipe.run_file(path))
    assert page.source.path == str(path) and "市委召开动员大会" in _all_text(page)


@pytest.mark.parametrize("mode", ["L", "1"])
def test_gray_and_bilevel_scans_read(pipe, tmp_path, mode):
    path = tmp_path / f"scan-{mode}.tif"
    Image.fromarray(_text_page()).convert(mode).save(path, compression="group4" if mode == "1" else None)
    [page] = list(pipe.run_file(path))
    text = _all_text(page)
    assert "晚报讯" in text and "市委召开动员大会" in text
