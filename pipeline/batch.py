"""Run the pipeline over many files, writing each page's outputs atomically."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.config import PipelineConfig
from pipeline.errors import InputError
from pipeline.formats.writers import PAGE_WRITERS
from pipeline.naming import output_path
from pipeline.runner import Pipeline

SCAN_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"}


@dataclass
class BatchResult:
    pages_written: int = 0
    failures: list[dict[str, str | int | None]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders searched recursively for scan files."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SCAN_SUFFIXES))
        else:
            files.append(path)
    return files


def run_batch(
    inputs: Sequence[str | Path], out_dir: Path, config: PipelineConfig, formats: Sequence[str]
) -> BatchResult:
    """Extract every page of every input; failures are reported and the batch goes on."""
    pipe = Pipeline(config)
    result = BatchResult()
    for path in expand_inputs(inputs):
        try:
            for page in pipe.run_file(path):
                for fmt in formats:
                    suffix, writer = PAGE_WRITERS[fmt]
                    writer(page, output_path(out_dir, path, page.source.page_index, page.source.page_count, suffix))
                result.pages_written += 1
        except InputError as exc:
            print(str(exc), file=sys.stderr)
            result.failures.append({"path": str(path), "page": None, "error": "InputError", "message": exc.reason})
    if result.failures:
        lines = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in result.failures)
        write_atomic(out_dir / "errors.jsonl", lines)
    return result
