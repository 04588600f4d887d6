"""Block classification (first cut: by type size against the body size)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.state import PageState, RunContext, WorkBlock
from schemas import Step


class Classify:
    """Fill ``page.blocks``: one block per line, headline when much larger than body type."""

    name: ClassVar[str] = "classify"
    version: ClassVar[str] = "0"

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        if page.lines:
            body = float(np.median([ln.height for ln in page.lines]))
            for i, line in enumerate(page.lines):
                kind = "headline" if line.height > 1.6 * body else "body"
                page.blocks.append(WorkBlock(id=f"b{i + 1:04d}", type=kind, box=line.box, lines=[line]))
        page.steps.append(Step(name=self.name, version=self.version))
        return page
