"""What a laid-out page is made of, before rendering and rotation."""

from __future__ import annotations

from dataclasses import dataclass, field

from samplegen.corpus import ArticleText
from samplegen.typeset import Box, TypeLine
from schemas import BlockType, Direction


@dataclass(frozen=True)
class Style:
    """Type sizes and spacing of one page, in pixels."""

    dpi: int
    body: int
    leading: int
    headline_face: str = "hei_bold"
    kicker_face: str = "hei"
    caption_face: str = "hei"
    column_rules: bool = False

    @property
    def rule(self) -> int:
        """Thickness of a thin rule."""
        return max(1, round(self.dpi / 150))


@dataclass(frozen=True)
class Grid:
    """A column grid: ``n`` columns of ``col_w`` pixels from ``x0``, page ids from ``first_id``."""

    x0: float
    col_w: float
    gutter: float
    n: int
    first_id: int = 0

    def col_x(self, i: int) -> float:
        """Left edge of column ``i``."""
        return self.x0 + i * (self.col_w + self.gutter)

    def span(self, c0: int, k: int) -> tuple[float, float]:
        """Left and right edge of ``k`` columns from ``c0``."""
        return self.col_x(c0), self.col_x(c0 + k - 1) + self.col_w

    def ids(self, c0: int, k: int) -> list[int]:
        """Page column indices of ``k`` columns from ``c0``."""
        return [self.first_id + c for c in range(c0, c0 + k)]

    @property
    def right(self) -> float:
        """Right edge of the last column."""
        return self.span(0, self.n)[1]


@dataclass
class LaidBlock:
    """A block of the page: type, box, printed lines, page columns."""

    kind: BlockType
    box: Box
    lines: list[TypeLine] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    direction: Direction = "horizontal-ltr"


@dataclass(frozen=True)
class Rect:
    """A filled rectangle (rules, frames, tints) of grey ``value``."""

    box: Box
    value: int = 0


@dataclass(frozen=True)
class Photo:
    """A photograph: its box and the seed of its texture."""

    box: Box
    seed: int


@dataclass
class ArticleLayout:
    """One article as laid out: its blocks in reading order and page columns."""

    text: ArticleText
    blocks: list[LaidBlock]
    columns: list[int]
    bottom: float = 0.0
    rects: list[Rect] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)


@dataclass
class Sheet:
    """A laid-out page: blocks in reading order, paint, articles and the column grid."""

    width: int
    height: int
    dpi: int
    blocks: list[LaidBlock] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    articles: list[ArticleLayout] = field(default_factory=list)
    columns: list[tuple[int, Box]] = field(default_factory=list)


def union(boxes: list[Box]) -> Box:
    """Smallest box holding all ``boxes``."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def text_block(kind: BlockType, lines: list[TypeLine], columns: list[int]) -> LaidBlock:
    """A block whose box is the union of its lines."""
    return LaidBlock(kind, union([ln.box for ln in lines]), list(lines), list(columns))
