"""What makes a finished page current: the same input, engine, models, schema and config.

A page's JSON records the sha256 of its input (``source.sha256``), the engine and
the models it ran (``engine``), the schema version, and ``config_sha256`` (the
options that shape a page plus every stage's name and version, see
:func:`pipeline.runner.config_sha256`). A batch skips a page only when all of these
match the current run; otherwise it redoes it and says why. None of this builds an
engine: the models are checked against the model manifest, whose sha256 the
engines verify on load.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pipeline.config import PipelineConfig
from pipeline.model_store import ModelEntry, ModelMissingError, manifest_for
from pipeline.runner import config_sha256, stage_versions
from schemas import SCHEMA_VERSION, Page


@dataclass(frozen=True)
class Expected:
    """What a current page of this run records."""

    config: PipelineConfig

    @cached_property
    def config_sha256(self) -> str:
        return config_sha256(self.config)

    @cached_property
    def manifest(self) -> dict[str, ModelEntry]:
        try:
            return manifest_for(self.config.ocr.model_dir)
        except ModelMissingError:
            return {}

    def _stages(self, page: Page) -> str:
        now = stage_versions(self.config)
        then = {s.name: s.version for s in page.steps}
        changed = [f"{n} {then[n]}->{v}" for n, v in now.items() if n in then and then[n] != v]
        return f"stage version changed ({', '.join(changed)})" if changed else "options changed"

    def stale_reason(self, page: Page, sha256: str) -> str | None:
        """Why ``page`` is not what this run would write for an input of ``sha256`` (None: it is)."""
        if page.source.sha256 != sha256:
            return "input changed"
        if page.engine.name != self.config.ocr.engine:
            return f"engine changed ({page.engine.name}->{self.config.ocr.engine})"
        for model in page.engine.models:
            entry = self.manifest.get(model.name)
            if entry is None or entry.sha256 != model.sha256:
                return f"model changed ({model.name})"
        if page.schema_version != SCHEMA_VERSION:
            return f"schema changed ({page.schema_version}->{SCHEMA_VERSION})"
        if page.config_sha256 != self.config_sha256:
            return self._stages(page)
        return None
