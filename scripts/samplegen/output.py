"""Make pages, write image files and ground truth, and check what was written."""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

import numpy as np
from PIL import Image

from samplegen.corpus import load_corpus
from samplegen.degrade import age, binarize
from samplegen.layout import layout_page
from samplegen.render import render
from samplegen.specs import PageSpec, SampleFile
from samplegen.truth import Frame, aging_step, page_truth
from samplegen.vertical import layout_vertical
from samplegen.wide_page import layout_wide
from schemas import Page, PageMetadata, Source

PDF_DATE = time.gmtime(1704412800)
"""Fixed PDF creation date, so that reruns write identical bytes."""
PLACEHOLDER = "0" * 64


def make_page(spec: PageSpec, quality: int | None) -> tuple[Image.Image, Page]:
    """Lay out, render and degrade one page; its truth still lacks the file's source."""
    if spec.vertical:
        sheet = layout_vertical(spec, load_corpus())
    elif spec.family == "wide":
        sheet = layout_wide(spec, load_corpus())
    else:
        sheet = layout_page(spec, load_corpus())
    rng = np.random.default_rng(spec.seed + 7919)
    scan = age(render(sheet), spec.aging, spec.dpi, rng)
    if spec.aging.binarize:
        frame = Frame(sheet.width, sheet.height, spec.aging.angle)
        image = binarize(scan, spec.aging, [frame.corners(p.box) for p in sheet.photos])
    else:
        image = Image.fromarray(scan)
    source = Source(path="", sha256=PLACEHOLDER)
    step = aging_step(spec.aging, spec.seed, None if spec.aging.binarize else quality)
    return image, page_truth(sheet, spec.aging, source, step)


def save_images(file: SampleFile, images: list[Image.Image], out: Path) -> Path:
    """Write the pages of ``file`` in its format with its dpi; return the path."""
    path = out / file.filename
    dpi = file.pages[0].dpi
    first, rest = images[0], images[1:]
    if file.fmt == "jpeg":
        first.save(path, "JPEG", quality=file.quality, dpi=(dpi, dpi), optimize=True)
    elif file.fmt == "png":
        first.save(path, "PNG", dpi=(dpi, dpi), optimize=True)
    elif file.fmt == "tiff":
        if any(img.mode != "1" for img in images):
            raise ValueError(f"{file.filename}: CCITT G4 needs bilevel pages (set Aging.binarize)")
        first.save(path, "TIFF", save_all=True, append_images=rest, compression="group4", dpi=(dpi, dpi))
    else:
        first.save(
            path,
            "PDF",
            save_all=True,
            append_images=rest,
            resolution=dpi,
            quality=file.quality,
            title=file.stem,
            creationDate=PDF_DATE,
            modDate=PDF_DATE,
        )
    return path


def with_source(page: Page, file: SampleFile, index: int, digest: str) -> Page:
    """Fill in the source of ``page``: file name, page index and count, hash, paper facts."""
    paper = file.pages[index].paper
    meta = PageMetadata(paper=paper.name, date=paper.date, page_number=paper.page)
    source = Source(
        path=file.filename, page_index=index, page_count=len(file.pages), sha256=digest, format=file.fmt, metadata=meta
    )
    return page.model_copy(update={"source": source})


def compact_json(page: Page) -> str:
    """Indented JSON with points, quads and boxes each kept on one line."""
    text = json.dumps(page.model_dump(mode="json"), ensure_ascii=False, indent=1)
    text = re.sub(r"\[\s+(-?\d+),\s+(-?\d+)\s+\]", r"[\1, \2]", text)
    text = re.sub(
        r"\[\s+((?:\[-?\d+, -?\d+\],?\s*)+)\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1).strip()) + "]", text
    )
    box = r'\{\s+"x0": (\d+),\s+"y0": (\d+),\s+"x1": (\d+),\s+"y1": (\d+)\s+\}'
    text = re.sub(box, r'{"x0": \1, "y0": \2, "x1": \3, "y1": \4}', text)
    return re.sub(r"\[\s+((?:\d+,\s+)*\d+)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text) + "\n"


def write_file(file: SampleFile, made: list[tuple[Image.Image, Page]], out: Path) -> list[Path]:
    """Save one sample file and the ground truth of each of its pages."""
    path = save_images(file, [img for img, _ in made], out)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    written = [path]
    for i, (_, page) in enumerate(made):
        gt = out / file.gt_name(i)
        gt.write_text(compact_json(with_source(page, file, i, digest)), encoding="utf-8")
        written.append(gt)
    return written


def check_truth(path: Path) -> Page:
    """Reload a ground-truth file and check its boxes and text; raise ValueError if wrong."""
    page = Page.model_validate_json(path.read_text(encoding="utf-8"))
    w, h = page.width, page.height
    boxes = [b.bbox for b in page.blocks] + [ln.bbox for b in page.blocks for ln in b.lines]
    boxes += [a.bbox for a in page.articles] + [c.bbox for c in page.columns]
    for box in boxes:
        if box.x1 > w or box.y1 > h or box.width == 0 or box.height == 0:
            raise ValueError(f"{path.name}: box {box} outside {w}x{h} or empty")
    by_id = {b.id: b for b in page.blocks}
    for art in page.articles:
        printed = "".join(by_id[i].text for i in art.block_ids if by_id[i].type == "body").replace(" ", "")
        expected = ((art.dateline or "") + "".join(art.paragraphs)).replace(" ", "")
        if printed != expected:
            raise ValueError(f"{path.name}: body text of {art.id} differs from its paragraphs")
    return page
