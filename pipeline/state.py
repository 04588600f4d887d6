"""PageState: the typed working slots each stage fills; RunContext: timers and debug output."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.geometry import Affine, Box, quad_to_box
from schemas import BlockType, Direction, PageMetadata, Step


@dataclass(frozen=True)
class SourceRef:
    """Which file and page a PageState came from."""

    path: Path
    page_index: int = 0
    page_count: int = 1
    sha256: str = ""
    format: str = ""
    metadata: PageMetadata | None = None


@dataclass
class TextLine:
    """One OCR line in the working frame."""

    id: str
    quad: np.ndarray
    text: str = ""
    confidence: float = 0.0

    @property
    def box(self) -> Box:
        return quad_to_box(self.quad)

    @property
    def height(self) -> float:
        b = self.box
        return b[3] - b[1]

    @property
    def width(self) -> float:
        b = self.box
        return b[2] - b[0]


@dataclass
class Region:
    """A non-text or framed region found by segmentation."""

    kind: str  # "image" | "box" | "band"
    box: Box


@dataclass
class Layout:
    """What segmentation found: rules, framed boxes, photos, column grid."""

    vertical_rules: list[Box] = field(default_factory=list)
    horizontal_rules: list[Box] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    columns: list[Box] = field(default_factory=list)
    body_size: float = 0.0  # body type size (px, working frame), measured by classify


@dataclass(frozen=True)
class TypeScale:
    """The page's type measured from its own text (px, working frame).

    ``em`` is the advance per character of the dominant body text: it does not
    change with the padding a detector puts round its boxes, so gaps and widths
    are judged in it. ``size`` is the body line's box height as detected (used to
    read other lines' sizes, boxed the same way, against it). ``line_pitch`` is the
    baseline-to-baseline distance of body lines, ``measure`` the column width.
    """

    em: float
    size: float
    line_pitch: float
    measure: float
    weight: float

    def as_options(self) -> dict[str, float]:
        return {k: round(float(v), 2) for k, v in vars(self).items()}


@dataclass(frozen=True)
class Turned:
    """The turn (page to turned frame) and what was found before it: the ids of header and footer lines."""

    turn: Affine
    header: frozenset[str] = field(default_factory=frozenset)
    footer: frozenset[str] = field(default_factory=frozenset)


@dataclass
class WorkBlock:
    """A typed block in the working frame."""

    id: str
    type: BlockType
    box: Box
    lines: list[TextLine] = field(default_factory=list)
    confidence: float = 1.0
    columns: list[int] = field(default_factory=list)
    direction: Direction = "horizontal-ltr"
    group: str = ""  # blocks set as one unit share it: a headline with its kicker and subheadline

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass
class WorkSubhead:
    text: str
    before_paragraph: int


@dataclass
class WorkArticle:
    """An assembled article in the working frame."""

    id: str
    headline: str
    block_ids: list[str]
    box: Box
    kicker: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    subheads: list[WorkSubhead] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    confidence: float = 1.0


@dataclass(frozen=True, eq=False)
class Detection:
    """Text-line quads the detector found on ``work`` (working-frame pixels), at scale ``scale`` of it.

    The orientation check detects the page's lines to judge their shapes; when it leaves
    the page as it is, OCR reads these quads instead of detecting the same image again.
    ``shape`` is the working image's shape they belong to.
    """

    scale: float
    shape: tuple[int, ...]
    quads: tuple[np.ndarray, ...]


@dataclass
class PageState:
    """Everything known about one page while the stages run."""

    source: SourceRef
    image: np.ndarray
    dpi: float | None = None
    work: np.ndarray | None = None
    to_scan: Affine = field(default_factory=Affine.identity)
    skew_deg: float = 0.0
    orientation_deg: int = 0
    detection: Detection | None = None  # lines found by orient on ``work``, read by OCR (then dropped)
    lines: list[TextLine] = field(default_factory=list)
    ink: np.ndarray | None = None  # ink mask of ``work`` (255 ink), made by segment, turned with the page
    turned: Turned | None = None  # set by the turn stage for a page set vertically (read turned)
    type_scale: TypeScale | None = None  # set by the type-scale stage
    layout: Layout = field(default_factory=Layout)
    blocks: list[WorkBlock] = field(default_factory=list)
    reading_order: list[str] = field(default_factory=list)
    articles: list[WorkArticle] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    scan_shape: tuple[int, int] | None = None  # (height, width) of the whole scan when ``image`` is part of it

    @property
    def height(self) -> int:
        """Height of the scan (the whole frame for one page of a spread)."""
        return int(self.scan_shape[0] if self.scan_shape else self.image.shape[0])

    @property
    def width(self) -> int:
        """Width of the scan (the whole frame for one page of a spread)."""
        return int(self.scan_shape[1] if self.scan_shape else self.image.shape[1])

    @property
    def work_image(self) -> np.ndarray:
        """The deskewed gray image (the original gray until preprocess runs)."""
        if self.work is None:
            raise RuntimeError("preprocess has not run: no working image")
        return self.work


@dataclass
class RunContext:
    """Per-run services: stage timers and an optional debug folder."""

    debug_dir: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timer(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
