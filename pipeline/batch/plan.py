"""Turn input files into page tasks: count pages, name outputs, skip what is already done.

A page is done when its JSON exists, validates as :class:`schemas.Page` for the same
page, records what this run would record (:mod:`pipeline.batch.provenance`: input
sha256, engine, models, schema, config), and every other per-page file asked for
exists (JSON is written last, so this is a sound test after a killed run). Each
input file is read once here, for its sha256, whatever its number of pages. Nothing
here builds an engine or decodes pixels.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pipeline.batch.provenance import Expected
from pipeline.errors import InputError
from pipeline.inputs import InputFile
from pipeline.naming import page_stem
from pipeline.stages.load import file_sha256
from pipeline.work.pages import count_pages
from pipeline.work.tasks import Failure, PageTask, WorkSetup
from pipeline.work.worker import page_suffixes
from schemas import Page

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass
class Document:
    """Pages written together into per-document files (METS, JSONL): a file or an issue."""

    stem: Path
    tasks: list[PageTask] = field(default_factory=list)
    broken: bool = False  # a file of it could not even be opened: never complete


@dataclass
class Plan:
    """What a batch will do."""

    todo: list[PageTask] = field(default_factory=list)
    done: list[PageTask] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    redone: Counter[str] = field(default_factory=Counter)
    """Why pages that had outputs are done again: reason -> pages."""


def json_path(setup: WorkSetup, task: PageTask) -> Path:
    return setup.out_dir / task.stem.with_name(task.stem.name + ".json")


def redo_reason(task: PageTask, setup: WorkSetup, expected: Expected | None = None) -> str | None:
    """Why the page must be (re)done: "new" when it has no JSON, None when it is done."""
    path = json_path(setup, task)
    if not path.is_file():
        return "new"
    base = setup.out_dir / task.stem
    if not all(base.with_name(base.name + s).is_file() for s in page_suffixes(setup)):
        return "output missing"
    try:
        page = Page.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return "JSON unreadable"
    if page.source.page_index != task.page_index:
        return "JSON of another page"
    return (expected or Expected(setup.config)).stale_reason(page, task.sha256 or file_sha256(task.path))


def is_done(task: PageTask, setup: WorkSetup) -> bool:
    """True when the page's outputs exist and record what this run would write."""
    return redo_reason(task, setup) is None


def _document(plan: Plan, item: InputFile) -> Document:
    stem = Path(_UNSAFE.sub("_", item.document)) if item.document else item.out_subdir / item.path.stem
    return plan.documents.setdefault(item.document_key, Document(stem=stem))


def _tasks_of(item: InputFile, count: int, sha256: str) -> list[PageTask]:
    path = Path(os.path.abspath(item.path))  # resolvable from wherever a later run starts
    return [
        PageTask(
            path=path,
            page_index=i,
            page_count=count,
            stem=item.out_subdir / page_stem(item.path, i, count),
            metadata=item.metadata,
            document=item.document_key,
            sha256=sha256,
        )
        for i in range(count)
    ]


def plan_batch(files: list[InputFile], setup: WorkSetup, force: bool = False) -> Plan:
    """Count every file's pages and sort its pages into to-do and done.

    Files that cannot be opened and pages whose output name another page already
    took become failures; the rest of the batch is unaffected.
    """
    plan, expected = Plan(), Expected(setup.config)
    owners: dict[Path, PageTask] = {}
    for item in files:
        doc = _document(plan, item)
        try:
            count, sha = count_pages(item.path, setup.config.load), file_sha256(item.path)
        except InputError as exc:
            plan.failures.append(Failure(str(item.path), None, "InputError", exc.reason))
            doc.broken = True
            continue
        for task in _tasks_of(item, count, sha):
            other = owners.setdefault(task.stem, task)
            if other is not task:
                message = f"output name {task.stem} is already taken by {other.path}"
                plan.failures.append(Failure(str(task.path), task.page_number, "OutputCollision", message))
                doc.broken = True
                continue
            doc.tasks.append(task)
            _sort(plan, task, "forced" if force else redo_reason(task, setup, expected))
    return plan


def _sort(plan: Plan, task: PageTask, reason: str | None) -> None:
    if reason is None:
        plan.done.append(task)
        return
    plan.todo.append(task)
    if reason != "new":
        plan.redone[reason] += 1
