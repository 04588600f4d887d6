"""Reading order and articles (first cut: reading order only)."""

from __future__ import annotations

from typing import ClassVar

from pipeline.config import LayoutOptions
from pipeline.state import PageState, RunContext
from schemas import Step


class Assemble:
    """Fill ``page.reading_order``."""

    name: ClassVar[str] = "assemble"
    version: ClassVar[str] = "0"

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        page.reading_order = [b.id for b in page.blocks]
        page.steps.append(Step(name=self.name, version=self.version))
        return page
