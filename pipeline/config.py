"""Typed options of every stage: the one source of defaults (the CLI reads them from here)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OutputFormat = Literal["json", "md", "alto", "page", "mets", "jsonl"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("json", "md", "alto", "page", "mets", "jsonl")


class _Options(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LoadOptions(_Options):
    """How scans are opened."""

    pdf_dpi: int | None = Field(
        None,
        ge=50,
        le=1200,
        description="Rasterisation dpi for PDF pages; None renders a scanned page at its scan image's own "
        "resolution (so coordinates are that scan's pixels) and other pages at 300.",
    )
    max_pixels: int = Field(
        150_000_000,
        ge=1,
        description=(
            "Refuse a page with more pixels than this, judged from the file header before decoding "
            "(decompression-bomb guard). 150 Mpx holds a 600-dpi broadsheet (about 9000 x 13200 = 119 Mpx) "
            "and costs about 150 MB as gray, 450 MB as colour."
        ),
    )
    spreads: SpreadMode = Field(
        "auto",
        description="Scans of two pages side by side: 'split' cuts every image at its gutter, 'keep' never, "
        "'auto' cuts a landscape image where a gutter with a page on each side is found.",
    )


SpreadMode = Literal["auto", "split", "keep"]


class PreprocessOptions(_Options):
    """Deskew and orientation."""

    deskew: bool = True
    max_skew_deg: float = Field(3.0, ge=0.0, le=15.0)
    detect_orientation: bool = True


class OcrOptions(_Options):
    """Which engine reads the page, and how."""

    engine: str = "rapidocr"
    model_dir: Path | None = Field(None, description="Folder with model files instead of the shipped ones.")
    threads: int = Field(0, ge=0, description="Inference threads per process; 0 = all cores.")
    rec_batch: int = Field(6, ge=1, le=256, description="Lines per recognition batch (larger batches pad more).")
    rec_min_width: int = Field(
        320,
        ge=0,
        description="Narrowest recognition batch, px at 48 px line height (RapidOCR's own: 320, the same text); "
        "0 pads each width-sorted batch only to its widest crop (1-3% fewer pixels, no faster, reads some "
        "spaces differently).",
    )
    rec_precision: Literal["fp32", "int8"] = Field(
        "int8",
        description="Recognition model weights: int8 (built from the shipped fp32 model by `make setup`; "
        "same CER on the samples, ~0.8x the recognition time) or the shipped fp32 model.",
    )
    min_confidence: float = Field(0.5, ge=0.0, le=1.0, description="Drop lines read with less confidence.")
    det_box_thresh: float = Field(0.5, ge=0.0, le=1.0)
    det_unclip_ratio: float = Field(1.6, gt=0.0)
    det_text_px: float = Field(
        20.0,
        gt=0.0,
        description="Detect on a copy scaled so 10.5 pt body type is about this many pixels high "
        "(never enlarged; recognition still reads full-resolution crops).",
    )
    det_min_scale: float = Field(0.35, gt=0.0, le=1.0, description="Never detect on a smaller copy than this.")
    runtime: Literal["onnxruntime", "paddle"] = "onnxruntime"


class LayoutOptions(_Options):
    """Segmentation, classification and assembly, in the page's own type scale (``pipeline.state.TypeScale``,
    measured from its text): type sizes in body sizes, distances across a line in body ems, distances down a
    column in body line pitches; a page share only for facts about the page (photo area)."""

    min_photo_area_frac: float = Field(0.004, ge=0.0, le=1.0, description="Smallest photo, as a share of the page.")
    size_tolerance: float = Field(
        0.15, gt=0.0, lt=1.0, description="Lines within this share of the body size are set in body type."
    )
    display_size: float = Field(1.4, gt=1.0, description="Type at least this many body sizes is display type.")
    medium_size: float = Field(
        1.15,
        gt=1.0,
        description="Type at least this many body sizes (by height and advance) is set apart from body.",
    )
    # distances: across a line in body ems, down a column in body line pitches (pipeline.state.TypeScale)
    run_break: float = Field(
        1.75,
        gt=1.0,
        description="Lines of one run (body text read down a column) follow each other at most this many line "
        "pitches apart; a blank line (two pitches) starts a new run.",
    )
    gutter_min: float = Field(
        0.9,
        gt=0.0,
        description="Narrowest white gap, in ems, at which a line read across columns is cut (a gutter is about "
        "an em; the white after a comma about half).",
    )
    paragraph_indent: float = Field(
        1.0,
        gt=0.0,
        description="A body line starting this many ems right of its column edge opens a paragraph "
        "(two ems is the usual indent).",
    )
    paragraph_short: float = Field(
        1.5,
        gt=0.0,
        description="A body line ending this many ems before its column's right edge ends its paragraph.",
    )
    caption_gap: float = Field(
        1.0,
        gt=0.0,
        description="Widest white, in line pitches, between a photo and its caption and between caption rows.",
    )
    caption_rows: int = Field(6, ge=1, description="Most rows of a caption: more under a photo is text of its own.")
    bold_weight: float = Field(
        1.35, gt=1.0, description="Stroke width per size at least this many times the body's marks a bold face."
    )
    line_roles: Literal["rules", "learned"] = Field(
        "learned",
        description="First reading of each line's role: the hand-set size and weight thresholds ('rules'), or "
        "the small learned combiner over the same typesetting facts (pipeline/layout/line_roles.py).",
    )


class PipelineConfig(_Options):
    """Everything one run needs.

    >>> PipelineConfig().ocr.engine
    'rapidocr'
    """

    load: LoadOptions = LoadOptions()
    preprocess: PreprocessOptions = PreprocessOptions()
    ocr: OcrOptions = OcrOptions()
    layout: LayoutOptions = LayoutOptions()
