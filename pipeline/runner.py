"""The pipeline: an engine and a list of stages, run page by page."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar, Protocol

from pipeline.config import PipelineConfig
from pipeline.engines.base import OcrEngine
from pipeline.engines.registry import create_engine
from pipeline.geometry import Affine
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
    """One step of the pipeline; fills its own slots of the PageState.

    ``version`` names the stage's behaviour: bump it (a ClassVar string) whenever the
    stage, or the code it calls, would write a different page for the same input.
    Nothing else is needed: it goes into every page's ``steps`` and ``config_sha256``,
    and a batch rerun redoes the pages made by the old version.
    """

    name: ClassVar[str]
    version: ClassVar[str]

    def __call__(self, page: PageState, ctx: RunContext) -> PageState: ...


LAYOUT_STAGES: tuple[type[Stage], ...] = (TurnVertical, MeasureType, CutGutters, Classify, Assemble)
"""Everything after OCR: turn -> typescale -> gutters -> classify -> assemble."""


def stage_classes(config: PipelineConfig) -> list[type[Stage]]:
    """preprocess -> orient -> segment -> ocr -> the layout stages (orient when asked for)."""
    # orient turns the working image, so it runs before anything measures the layout
    orient: list[type[Stage]] = [Orient] if config.preprocess.detect_orientation else []
    return [Preprocess, *orient, Segment, Ocr, *LAYOUT_STAGES]


def build_stage(cls: type[Stage], config: PipelineConfig, engine: OcrEngine | None) -> Stage:
    """One stage with its options (and the engine, for the stages that read)."""
    if cls is Preprocess:
        return Preprocess(config.preprocess)
    if cls is Orient:
        return Orient(engine, config.ocr)  # type: ignore[arg-type]
    if cls is Ocr:
        return Ocr(engine, config.ocr)  # type: ignore[arg-type]
    if cls is CutGutters:
        return CutGutters(config.layout, engine)
    return cls(config.layout)  # type: ignore[call-arg]


def layout_stages(config: PipelineConfig, engine: OcrEngine | None = None) -> list[Stage]:
    """The stages after OCR, built. Without an ``engine`` lines cut at a gutter keep their cut text."""
    return [build_stage(cls, config, engine) for cls in LAYOUT_STAGES]


def default_stages(config: PipelineConfig, engine: OcrEngine) -> list[Stage]:
    """The stages of :func:`stage_classes`, built with their options and the engine."""
    return [build_stage(cls, config, engine) for cls in stage_classes(config)]


NOT_OUTPUT_OPTIONS = {"load": {"max_pixels"}, "ocr": {"threads", "model_dir"}}
"""Options that change how a run goes, not what a page says (the models themselves are checked by sha256)."""


def stage_versions(config: PipelineConfig) -> dict[str, str]:
    """Stage name -> version, for the stages ``config`` runs."""
    return {cls.name: cls.version for cls in stage_classes(config)}


def config_sha256(config: PipelineConfig) -> str:
    """sha256 of the options that shape a page and of every stage's name and version.

    >>> from pipeline.config import OcrOptions
    >>> config_sha256(PipelineConfig()) == config_sha256(PipelineConfig(ocr=OcrOptions(threads=3)))
    True
    >>> config_sha256(PipelineConfig()) == config_sha256(PipelineConfig(ocr=OcrOptions(engine="paddleocr")))
    False
    """
    options = config.model_dump(mode="json", exclude=NOT_OUTPUT_OPTIONS)  # type: ignore[arg-type]
    record = {"options": options, "stages": stage_versions(config)}
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


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
        state = PageState(
            source=source,
            image=loaded.image,
            dpi=loaded.dpi,
            to_scan=Affine.translation(*loaded.offset),  # one page of a spread: back to the frame's pixels
            scan_shape=loaded.scan_shape,
        )
        for stage in self.stages:
            start = time.perf_counter()
            with ctx.timer(stage.name):
                state = stage(state, ctx)
            if state.steps and state.steps[-1].name == stage.name:
                step = state.steps[-1]
                state.steps[-1] = step.model_copy(update={"elapsed_s": round(time.perf_counter() - start, 4)})
        page = to_page(state, self.engine.info)
        return page.model_copy(update={"config_sha256": config_sha256(self.config)})

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
