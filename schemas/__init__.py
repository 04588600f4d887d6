"""Output contract of broadsheet: pydantic models for pages, blocks, lines and articles.

This package is the leaf of the project: it imports nothing from ``pipeline``.

>>> from schemas import BBox
>>> BBox(x0=0, y0=0, x1=10, y1=5).width
10
"""

from schemas.page import (
    SCHEMA_VERSION,
    Article,
    BBox,
    Block,
    BlockType,
    Column,
    Direction,
    EngineInfo,
    Line,
    ModelInfo,
    Page,
    PageMetadata,
    Point,
    Quad,
    Source,
    Step,
    Subhead,
)

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "BBox",
    "Block",
    "BlockType",
    "Column",
    "Direction",
    "EngineInfo",
    "Line",
    "ModelInfo",
    "Page",
    "PageMetadata",
    "Point",
    "Quad",
    "Source",
    "Step",
    "Subhead",
]
