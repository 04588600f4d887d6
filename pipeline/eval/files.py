"""Find and read the page files an evaluation compares.

Prediction files are ``X.json`` (as ``broadsheet extract`` writes them); ground
truth is ``X.gt.json``, ``X.json``, ``X.page.xml``, ``X.alto.xml``, ``X.xml``,
``X.gt.txt`` or ``X.txt`` (when a folder holds several for one page, the first in
that order is used: see :mod:`pipeline.eval.truth`). Multi-page scans give ``X-p<N>`` names on
both sides (see :mod:`pipeline.naming`), so pairing by name needs no page logic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pipeline.errors import InputError
from pipeline.naming import page_stem
from schemas import Page

GT_SUFFIX = ".gt.json"
TRUTH_SUFFIXES = (GT_SUFFIX, ".json", ".page.xml", ".alto.xml", ".gt.xml", ".xml", ".gt.txt", ".txt")
"""Ground-truth file endings, most wanted first."""


def page_name(path: Path) -> str:
    """The page name a file holds: its name less a ground-truth or ``.json`` ending.

    >>> page_name(Path("gt/issue-p2.gt.json")), page_name(Path("out/issue-p2.json")), page_name(Path("a.alto.xml"))
    ('issue-p2', 'issue-p2', 'a')
    """
    name = path.name
    for suffix in TRUTH_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def load_page(path: Path) -> Page:
    """Read one ``schemas.Page`` JSON file.

    Raises:
        InputError: missing, unreadable, not JSON, or not a valid page (first problem named).
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read file ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    try:
        return Page.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "page"
        raise InputError(path, f"not a page: {where}: {err['msg']} ({exc.error_count()} problem(s))") from None


def _rank(path: Path) -> int:
    return next(i for i, suffix in enumerate(TRUTH_SUFFIXES) if path.name.endswith(suffix))


def _gt_index(folder: Path) -> dict[str, Path]:
    """Page name -> ground-truth file; of several for one page, the earliest in ``TRUTH_SUFFIXES``."""
    index: dict[str, Path] = {}
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.name.endswith(TRUTH_SUFFIXES)]
    for path in sorted(files, key=_rank):
        index.setdefault(page_name(path), path)
    return index


@dataclass
class Pairing:
    """Matched (name, prediction, ground truth) files and what found no partner."""

    pairs: list[tuple[str, Path, Path]] = field(default_factory=list)
    pred_only: list[Path] = field(default_factory=list)
    gt_only: list[Path] = field(default_factory=list)


def _require(path: Path) -> None:
    if not path.exists():
        raise InputError(path, "file or folder not found")


def _no_pairs(pred: Path, gt: Path) -> InputError:
    if not pred.is_dir():
        name = page_name(pred)
        return InputError(pred, f"no {name}{GT_SUFFIX}, {name}.json, .xml or .txt in {gt}")
    if not gt.is_dir():
        return InputError(gt, f"no {page_name(gt)}.json in {pred}")
    return InputError(pred, f"no X.json here pairs with X{GT_SUFFIX} or X.json in {gt}")


def pair_files(pred: Path, gt: Path) -> Pairing:
    """Pair prediction and ground-truth files; each argument is a file or a folder.

    Raises:
        InputError: a path does not exist, or nothing pairs up.
    """
    _require(pred)
    _require(gt)
    if not pred.is_dir() and not gt.is_dir():
        return Pairing(pairs=[(page_name(gt), pred, gt)])
    gt_files = _gt_index(gt) if gt.is_dir() else {page_name(gt): gt}
    if pred.is_dir():
        preds = {page_name(p): p for p in sorted(pred.glob("*.json")) if not p.name.endswith(GT_SUFFIX)}
    else:
        preds = {page_name(pred): pred}
    pairs = [(n, p, gt_files[n]) for n, p in preds.items() if n in gt_files]
    if not pairs:
        raise _no_pairs(pred, gt)
    # Leftovers only mean something on the side that was given as a folder.
    return Pairing(
        pairs=pairs,
        pred_only=[p for n, p in preds.items() if n not in gt_files] if gt.is_dir() else [],
        gt_only=[g for n, g in gt_files.items() if n not in preds] if pred.is_dir() else [],
    )


def ground_truth_for(scan: Path, page_index: int, page_count: int) -> Path | None:
    """The ``<stem>.gt.json`` (or ``<stem>-p<N>.gt.json``) beside a scan, if there is one."""
    path = scan.with_name(page_stem(scan, page_index, page_count) + GT_SUFFIX)
    return path if path.is_file() else None
