"""Pydantic v2 models of one page of output.

Coordinates are integer pixels of the original scan (origin top left), whatever
deskew or rotation the pipeline applied internally.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

BlockType = Literal[
    "kicker",
    "headline",
    "subheadline",
    "dateline",
    "byline",
    "body",
    "subhead",
    "caption",
    "advertisement",
    "page_header",
    "image",
]
"""Block labels. ``subhead`` is an in-article subhead (小标题) between body paragraphs."""

Direction = Literal["horizontal-ltr", "vertical-rtl"]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegInt = Annotated[int, Field(ge=0)]
Point = tuple[int, int]
Quad = tuple[Point, Point, Point, Point]
"""Four corners clockwise from top left, in scan pixels."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BBox(_Model):
    """Axis-aligned box ``[x0, x1) x [y0, y1)`` in scan pixels."""

    x0: NonNegInt
    y0: NonNegInt
    x1: NonNegInt
    y1: NonNegInt

    @model_validator(mode="after")
    def _ordered(self) -> BBox:
        if self.x1 < self.x0 or self.y1 < self.y0:
            raise ValueError(f"box corners out of order: {self.x0},{self.y0},{self.x1},{self.y1}")
        return self

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0


class Line(_Model):
    """One text line: the canonical OCR unit (Chinese has no spaces)."""

    id: str
    quad: Quad
    bbox: BBox
    text: str
    confidence: Confidence


class Block(_Model):
    """A typed region of the page: a headline, a run of body text in one column, an ad."""

    id: str
    type: BlockType
    bbox: BBox
    polygon: list[Point] | None = None
    column_span: Annotated[int, Field(ge=0)] = 1
    columns: list[int] = Field(default_factory=list)
    direction: Direction = "horizontal-ltr"
    lines: list[Line] = Field(default_factory=list)
    text: str = ""
    confidence: Confidence = 1.0


class Column(_Model):
    """A column of the page grid (grids may differ between modules of one page)."""

    index: NonNegInt
    bbox: BBox


class Subhead(_Model):
    """An in-article subhead (小标题) placed before paragraph ``before_paragraph``."""

    text: str
    before_paragraph: NonNegInt


class Article(_Model):
    """One article assembled from blocks, in reading order."""

    id: str
    kicker: str | None = None
    headline: str
    subheadline: str | None = None
    dateline: str | None = None
    byline: str | None = None
    authors: list[str] = Field(default_factory=list)
    paragraphs: list[str] = Field(default_factory=list)
    subheads: list[Subhead] = Field(default_factory=list)
    block_ids: list[str] = Field(default_factory=list)
    bbox: BBox
    columns: list[int] = Field(default_factory=list)
    confidence: Confidence = 1.0


class PageMetadata(_Model):
    """Bibliographic facts supplied with the input (e.g. from a batch manifest)."""

    paper: str | None = None
    date: str | None = None
    edition: str | None = None
    page_number: str | None = None
    issue: str | None = None


class Source(_Model):
    """Where the page came from: file, page index within it (0-based), content hash."""

    path: str
    page_index: NonNegInt = 0
    page_count: Annotated[int, Field(ge=1)] = 1
    sha256: str
    format: str = ""
    metadata: PageMetadata | None = None


class ModelInfo(_Model):
    """One model file an engine used."""

    role: Literal["detection", "recognition", "classification", "layout"]
    name: str
    file: str = ""
    sha256: str = ""


class EngineInfo(_Model):
    """The OCR engine, its runtime and the models actually used."""

    name: str
    version: str = ""
    runtime: str = ""
    models: list[ModelInfo] = Field(default_factory=list)


StepOption = str | int | float | bool | None


class Step(_Model):
    """Provenance of one pipeline stage."""

    name: str
    version: str = ""
    options: dict[str, StepOption] = Field(default_factory=dict)
    elapsed_s: Annotated[float, Field(ge=0.0)] = 0.0


class Page(_Model):
    """One page of output: the file ``OUT/<stem>.json`` holds exactly this.

    >>> from schemas import Page
    >>> Page.model_json_schema()["title"]
    'Page'
    """

    schema_version: str = SCHEMA_VERSION
    source: Source
    width: Annotated[int, Field(ge=1)]
    height: Annotated[int, Field(ge=1)]
    dpi: Annotated[float, Field(gt=0)] | None = None
    skew_deg: float = 0.0
    orientation_deg: Literal[0, 90, 180, 270] = 0
    engine: EngineInfo
    columns: list[Column] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    reading_order: list[str] = Field(
        default_factory=list, json_schema_extra={"uniqueItems": True}, description="Block ids, each once."
    )
    articles: list[Article] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    config_sha256: str = Field(
        "",
        description="sha256 of the options that shape the output and of every stage's name and version "
        "(a batch redoes a page whose value differs from the current run's).",
    )

    @model_validator(mode="after")
    def _ids_consistent(self) -> Page:
        block_ids = [b.id for b in self.blocks]
        dup = [i for i, n in Counter(block_ids).items() if n > 1]
        if dup:
            raise ValueError(f"duplicate block ids: {dup[:5]}")
        known = set(block_ids)
        again = [i for i, n in Counter(self.reading_order).items() if n > 1]
        if again:
            raise ValueError(f"reading_order names blocks more than once: {again[:5]}")
        unknown = [i for i in self.reading_order if i not in known]
        if unknown:
            raise ValueError(f"reading_order names unknown blocks: {unknown[:5]}")
        used = [i for a in self.articles for i in a.block_ids]
        unknown = [i for i in used if i not in known]
        if unknown:
            raise ValueError(f"articles name unknown blocks: {unknown[:5]}")
        twice = [i for i, n in Counter(used).items() if n > 1]
        if twice:
            raise ValueError(f"blocks used by more than one article: {twice[:5]}")
        return self

    def block(self, block_id: str) -> Block:
        """Return the block with ``block_id`` (KeyError if absent)."""
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)
