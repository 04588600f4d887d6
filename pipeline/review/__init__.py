"""The review site: ``OUT/review/`` with an index and one page view per page.

It reads only what ``broadsheet extract`` published, the ``schemas.Page`` JSON
files of OUT and ``OUT/errors.jsonl``, plus each page's scan for the picture; never
a stage's working state. Modules: :mod:`~pipeline.review.queue` (what to look at
first), :mod:`~pipeline.review.scan` (the picture), :mod:`~pipeline.review.render`
(the HTML, its CSS and script inline).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.errors import InputError
from pipeline.eval.files import GT_SUFFIX, load_page, page_name
from pipeline.review.queue import LOW_ARTICLE_CONFIDENCE, LOW_CONFIDENCE, Item, review_items
from pipeline.review.render import PageLinks, index_html, page_html
from pipeline.review.scan import find_scan, write_view_image
from schemas import Page

REVIEW_DIR = "review"
ERRORS_FILE = "errors.jsonl"


@dataclass
class Site:
    """What was written: the folder, the pages shown, the queue, and what went wrong on the way."""

    folder: Path
    pages: list[str] = field(default_factory=list)
    queue: list[Item] = field(default_factory=list)
    failures: list[dict[str, object]] = field(default_factory=list)
    missing_scans: list[str] = field(default_factory=list)


def read_failures(out_dir: Path) -> list[dict[str, object]]:
    """The entries of ``OUT/errors.jsonl`` (a line that is not a JSON object is shown as it is)."""
    path = out_dir / ERRORS_FILE
    if not path.is_file():
        return []
    entries: list[dict[str, object]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            entry = None
        entries.append(entry if isinstance(entry, dict) else {"path": str(path), "message": line})
    return entries


def read_pages(out_dir: Path) -> tuple[list[tuple[str, Page]], list[dict[str, object]]]:
    """Every page JSON of OUT by name, and a failure entry for each file that is not one."""
    pages, bad = [], []
    for path in sorted(out_dir.glob("*.json")):
        try:
            pages.append((page_name(path), load_page(path)))
        except InputError as exc:
            bad.append({"path": str(path), "page": None, "error": "not a page", "message": exc.reason})
    return pages, bad


def _clear_stale(folder: Path, keep: set[Path]) -> None:
    """Remove page views and pictures of an earlier run that this run did not write."""
    for path in [*folder.glob("*.html"), *(folder / "scans").glob("*.jpg")]:
        if path not in keep:
            path.unlink()


def _page_views(site: Site, pages: list[tuple[str, Page]], search: Sequence[Path]) -> set[Path]:
    written: set[Path] = set()
    for i, (name, page) in enumerate(pages):
        image: str | None = None
        scan = find_scan(page, search)
        if scan is not None:
            dest = site.folder / "scans" / f"{name}.jpg"
            problem = write_view_image(page, scan, dest)
            if problem is None:
                image = f"scans/{name}.jpg"
                written.add(dest)
            else:
                site.missing_scans.append(problem)
        else:
            site.missing_scans.append(f"{page.source.path}: scan not found for page {name}")
        prev = f"{pages[i - 1][0]}.html" if i > 0 else None
        nxt = f"{pages[i + 1][0]}.html" if i + 1 < len(pages) else None
        path = site.folder / f"{name}.html"
        write_atomic(path, page_html(name, page, PageLinks(image=image, prev=prev, next=nxt)))
        written.add(path)
        site.pages.append(name)
    return written


def build_review(
    out_dir: Path,
    scan_dirs: Sequence[Path] = (),
    low: float = LOW_CONFIDENCE,
    low_article: float = LOW_ARTICLE_CONFIDENCE,
) -> Site:
    """Write ``OUT/review/`` from the page JSON files in ``out_dir``; return what was written.

    Scans are looked for where each page says it came from, then in ``scan_dirs``,
    then in ``out_dir`` itself.
    """
    pages, bad = read_pages(out_dir)
    pages = [(n, p) for n, p in pages if not n.endswith(GT_SUFFIX)]
    site = Site(folder=out_dir / REVIEW_DIR, failures=read_failures(out_dir) + bad)
    site.queue = [item for name, page in pages for item in review_items(name, page, low, low_article)]
    written = _page_views(site, pages, [*scan_dirs, out_dir])
    index = site.folder / "index.html"
    write_atomic(index, index_html(pages, site.failures, site.queue, low))
    _clear_stale(site.folder, {*written, index})
    return site
