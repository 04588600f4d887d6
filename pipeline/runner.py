"""The pipeline: an engine and a list of stages, run page by page."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar, Protocol

from pipeline.config import PipelineConfig
from pipeline.engines.base import OcrEngine
from pipeline.engines.registry import create_engine
from pipeline.stages.assemble import Assemble
from pipeline.stages.classify import Classify
from pipeline.stages.export import to_page
from pipeline.stages.gutters import CutGutters
from pipeline.stages.load import LoadedPage, file_sha256, iter_pages
from pipeline.stages.ocr import Ocr
from pipeline.stages.orient import Orient
from pipeline.stages.preprocess import Preprocess
from pipeline.stages.segment import Segment
from pipeline.stages.turn import TurnVertical
from pipeline.stages.typescale import MeasureType
from pipeline.state import PageState, RunContext, SourceRef
from schemas import Page, PageMetadata


class Stage(Protocol):
    """One step of the pipeline; fills its own slots of the PageState."""

    name: ClassVar[str]

    def __call__(self, page: PageState, ctx: RunContext) -> PageState: ...


def layout_stages(config: PipelineConfig, engine: OcrEngine | None = None) -> list[Stage]:
    """turn -> typescale -> gutters -> classify -> assemble: everything after OCR.

    Without an ``engine`` lines cut at a gutter keep their cut text (no re-reading).
    """
    return [
        TurnVertical(config.layout),
        MeasureType(config.layout),
        CutGutters(config.layout, engine),
        Classify(config.layout),
        Assemble(config.layout),
    ]


def default_stages(config: PipelineConfig, engine: OcrEngine) -> list[Stage]:
    """preprocess -> orient -> segment -> ocr -> turn -> typescale -> gutters -> classify -> assemble."""
    # orient turns the working image, so it runs before anything measures the layout
    orient: list[Stage] = [Orient(engine)] if config.preprocess.detect_orientation else []
    return [
        Preprocess(config.preprocess),
        *orient,
        Segment(config.layout),
        Ocr(engine, config.ocr),
        *layout_stages(config, engine),
    ]


class Pipeline:
    """Models load once here; ``run_file`` then reads any number of files.

    >>> pipe = Pipeline()  # doctest: +SKIP
    >>> [p.articles[0].headline for p in pipe.run_file(Path("samples/tabloid-200dpi.png"))]  # doctest: +SKIP
    """

    def __init__(self, config: PipelineConfig | None = None, engine: OcrEngine | None = None) -> None:
        self.config = config or PipelineConfig()
        self.engine = engine or create_engine(self.config.ocr)
        self.stages: Sequence[Stage] = default_stages(self.config, self.engine)

    def run_page(self, loaded: LoadedPage, source: SourceRef, ctx: RunContext | None = None) -> Page:
        """Run every stage on one loaded page and return the validated output."""
        ctx = ctx or RunContext()
        state = PageState(source=source, image=loaded.image, dpi=loaded.dpi)
        for stage in self.stages:
            start = time.perf_counter()
            with ctx.timer(stage.name):
                state = stage(state, ctx)
            if state.steps and state.steps[-1].name == stage.name:
                step = state.steps[-1]
                state.steps[-1] = step.model_copy(update={"elapsed_s": round(time.perf_counter() - start, 4)})
        return to_page(state, self.engine.info)

    def run_file(
        self, path: Path, metadata: PageMetadata | None = None, ctx: RunContext | None = None
    ) -> Iterator[Page]:
        """Yield one Page per page of ``path``.

        Raises:
            pipeline.errors.InputError: the file cannot be read.
        """
        path = Path(path)
        sha = ""
        for loaded in iter_pages(path, self.config.load):
            sha = sha or file_sha256(path)
            source = SourceRef(
                path=path,
                page_index=loaded.page_index,
                page_count=loaded.page_count,
                sha256=sha,
                format=loaded.format,
                metadata=metadata,
            )
            yield self.run_page(loaded, source, ctx)


def extract(path: str | Path, config: PipelineConfig | None = None) -> list[Page]:
    """Read every page of one scan file into validated ``schemas.Page`` objects.

    >>> pages = extract("samples/tabloid-200dpi.png")  # doctest: +SKIP
    >>> pages[0].articles[0].headline  # doctest: +SKIP
    """
    return list(Pipeline(config).run_file(Path(path)))
