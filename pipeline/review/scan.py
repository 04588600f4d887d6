"""The picture under a page view: a scaled JPEG copy of the page's scan beside the HTML.

The scan is found where the page JSON says it came from (``source.path``, as given
to ``broadsheet extract``: absolute, or relative to the folder the run started in),
else by its file name in the folders given to search (the OUT folder's and the
JSON's own by default). A page without its scan still gets a page view: the boxes
are drawn on blank paper.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from pipeline.atomic import write_atomic
from pipeline.errors import InputError
from schemas import Page

VIEW_WIDTH = 1400
"""Width of the copy in pixels: a broadsheet's 5-pt body type stays legible at two-thirds of a screen."""


def find_scan(page: Page, search: Sequence[Path]) -> Path | None:
    """The scan file of ``page``: its recorded path if it exists, else its name in ``search``."""
    recorded = Path(page.source.path)
    if recorded.is_file():
        return recorded
    for folder in search:
        candidate = folder / recorded.name
        if candidate.is_file():
            return candidate
    return None


def _page_image(path: Path, page_index: int) -> Image.Image:
    from pipeline.stages.load import iter_pages

    loaded = next(iter_pages(path, first=page_index))
    return Image.fromarray(loaded.image)


def write_view_image(page: Page, scan: Path, dest: Path, width: int = VIEW_WIDTH) -> str | None:
    """Write the scaled copy to ``dest`` (JPEG); return a one-line reason when it cannot."""
    try:
        image = _page_image(scan, page.source.page_index)
    except InputError as exc:
        return str(exc)
    except StopIteration:
        return f"{scan}: no page {page.source.page_index + 1}"
    except OSError as exc:
        return f"{scan}: {exc}"
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    scale = min(1.0, width / image.width)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    image = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    write_atomic(dest, buffer.getvalue())
    return None
