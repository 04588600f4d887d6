"""Per-document outputs (METS for an issue, JSONL of its pages), written once all its pages are done.

Writers come from ``pipeline.formats.writers.DOCUMENT_WRITERS``: format -> (suffix,
``writer(pages, path, page_formats)``). The pages are read back from their JSON files, so a
document whose pages were finished by an earlier (killed) run is still written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from pipeline.batch.plan import Document, Plan, json_path
from pipeline.formats import writers
from pipeline.work.tasks import Failure, PageOutcome, PageTask, WorkSetup
from schemas import Page

DocumentWriter = Callable[[Sequence[Page], Path, Sequence[str]], None]


def document_writers() -> dict[str, tuple[str, DocumentWriter]]:
    """The formats written once per document (empty where the build has none)."""
    return dict(getattr(writers, "DOCUMENT_WRITERS", {}))


def _as_found(page: Page, task: PageTask) -> Page:
    """``page`` naming its scan as this run found it (absolute), whichever run wrote the JSON.

    Links in a document (METS image links) are made from these paths; a relative path in
    a JSON written by a run started in another folder would resolve to nothing.
    """
    source = page.source.model_copy(update={"path": str(task.path)})
    return page.model_copy(update={"source": source})


class DocumentTracker:
    """Counts down each document's pages and writes it when the last one is in.

    A document is (re)written when one of its pages was written by this run or when
    one of its files is missing; a page that failed keeps its document unwritten.
    """

    def __init__(self, plan: Plan, setup: WorkSetup, formats: Sequence[str]) -> None:
        known = document_writers()
        self.writers = [known[f] for f in formats if f in known]
        self.setup = setup
        self.documents = plan.documents
        todo = {t.stem for t in plan.todo}
        self.pending = {key: {t.stem for t in doc.tasks} & todo for key, doc in plan.documents.items()}
        self.fresh: set[str] = set()
        self.failed: set[str] = {key for key, doc in plan.documents.items() if doc.broken}

    def start(self) -> list[Failure]:
        """Write the documents that have nothing left to do; returns failures."""
        return [f for key in self.documents if not self.pending[key] for f in self._maybe_write(key)]

    def page_done(self, outcome: PageOutcome) -> list[Failure]:
        key = outcome.task.document
        if not outcome.ok:
            self.failed.add(key)
        else:
            self.fresh.add(key)
        self.pending[key].discard(outcome.task.stem)
        return [] if self.pending[key] else self._maybe_write(key)

    def _paths(self, doc: Document) -> list[tuple[Path, DocumentWriter]]:
        base = self.setup.out_dir / doc.stem
        return [(base.with_name(base.name + suffix), writer) for suffix, writer in self.writers]

    def _maybe_write(self, key: str) -> list[Failure]:
        doc = self.documents[key]
        targets = self._paths(doc)
        if not targets or key in self.failed or not doc.tasks:
            return []
        if key not in self.fresh and all(path.is_file() for path, _ in targets):
            return []
        try:
            pages = [_as_found(Page.model_validate_json(json_path(self.setup, t).read_bytes()), t) for t in doc.tasks]
            for path, writer in targets:
                writer(pages, path, self.setup.page_formats)
        except (OSError, ValidationError, ValueError) as exc:
            message = f"cannot write {doc.stem}: {type(exc).__name__}: {exc}".splitlines()[0]
            return [Failure(str(doc.tasks[0].path), None, "DocumentError", message)]
        return []
