"""Ground truth from ALTO or PAGE-XML files, read into ``schemas.Page`` for scoring.

Both readers take any producer's file, not only broadsheet's: blocks (ALTO
``TextBlock``, PAGE ``TextRegion``) with their lines and text, the reading order
where the file has one, and articles where the file marks them: in ALTO an
``OrderedGroup`` of the reading order tagged with a ``StructureTag`` of type
``article``, in PAGE an ``OrderedGroup(Indexed)`` of ``type="article"``. A block's
type comes from the file (an ALTO ``LayoutTag`` label, a PAGE ``custom``
``structure {type:...}`` or region ``type``); an article's headline, kicker,
subheadline, dateline and byline are the texts of its blocks of those types and its
paragraphs the texts of its body blocks. Neither format names authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import get_args

from lxml import etree

from schemas import Article, BBox, Block, BlockType, EngineInfo, Line, Page, Source

BLOCK_TYPES = frozenset(get_args(BlockType))
PAGE_TYPES = {"heading": "headline", "paragraph": "body", "caption": "caption", "header": "page_header"}
PAGE_TYPES |= {"credit": "byline", "footer": "page_header", "page-number": "page_header"}
_CUSTOM_TYPE = re.compile(r"structure\s*\{[^}]*type:\s*([\w-]+)")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and _local(c) == name]


def _descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in element.iter() if isinstance(e.tag, str) and _local(e) == name]


def _box(xs: Iterable[float], ys: Iterable[float]) -> BBox:
    xs, ys = [max(0, round(x)) for x in xs], [max(0, round(y)) for y in ys]
    return BBox(x0=min(xs, default=0), y0=min(ys, default=0), x1=max(xs, default=0), y1=max(ys, default=0))


def _quad(box: BBox) -> tuple[tuple[int, int], ...]:
    return ((box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1))


def make_article(art_id: str, blocks: list[Block]) -> Article:
    """An article of ``blocks``: typed fields from its typed blocks, paragraphs from its body blocks."""

    def joined(kind: str) -> str | None:
        texts = [b.text for b in blocks if b.type == kind and b.text]
        return "".join(texts) or None

    return Article(
        id=art_id,
        kicker=joined("kicker"),
        headline=joined("headline") or "",
        subheadline=joined("subheadline"),
        dateline=joined("dateline"),
        byline=joined("byline"),
        paragraphs=[b.text for b in blocks if b.type == "body" and b.text],
        block_ids=[b.id for b in blocks],
        bbox=_box(
            [c for b in blocks for c in (b.bbox.x0, b.bbox.x1)], [c for b in blocks for c in (b.bbox.y0, b.bbox.y1)]
        ),
    )


def _page(path: Path, width: int, height: int, blocks: list[Block], order: list[str], groups: list[list[str]]) -> Page:
    by_id = {b.id: b for b in blocks}
    used: set[str] = set()
    articles = []
    for i, refs in enumerate(groups):
        members = [by_id[r] for r in dict.fromkeys(refs) if r in by_id and r not in used]
        used.update(b.id for b in members)
        if members:
            articles.append(make_article(f"a{i + 1:02d}", members))
    return Page(
        source=Source(path=str(path), sha256=""),
        width=max(1, width),
        height=max(1, height),
        engine=EngineInfo(name="ground truth"),
        blocks=blocks,
        reading_order=[r for r in dict.fromkeys(order) if r in by_id],
        articles=articles,
    )


# --- ALTO -----------------------------------------------------------------------------------


def _alto_box(el: etree._Element) -> BBox:
    x, y = float(el.get("HPOS", 0)), float(el.get("VPOS", 0))
    return _box([x, x + float(el.get("WIDTH", 0))], [y, y + float(el.get("HEIGHT", 0))])


def _alto_line_text(line: etree._Element) -> str:
    parts = []
    for child in line:
        if not isinstance(child.tag, str):
            continue
        name = _local(child)
        parts.append(" " if name == "SP" else child.get("CONTENT", "") if name in ("String", "HYP") else "")
    return "".join(parts)


def _alto_block(el: etree._Element, ident: str, labels: dict[str, str]) -> Block:
    tags = [labels.get(t, "") for t in el.get("TAGREFS", "").split()]
    kind = next((t for t in tags if t in BLOCK_TYPES), "image" if _local(el) == "Illustration" else "body")
    lines = []
    for j, line in enumerate(_descendants(el, "TextLine")):
        box = _alto_box(line)
        lines.append(
            Line(
                id=line.get("ID") or f"{ident}_l{j}",
                quad=_quad(box),
                bbox=box,
                text=_alto_line_text(line),
                confidence=1.0,
            )
        )
    text = "".join(ln.text for ln in lines)
    return Block(id=ident, type=kind, bbox=_alto_box(el), lines=lines, text=text)  # type: ignore[arg-type]


def alto_page(path: Path, root: etree._Element) -> Page:
    """A page of ground truth from an ALTO file (any version: namespaces are ignored)."""
    labels = {t.get("ID", ""): t.get("LABEL", "") for t in _descendants(root, "LayoutTag")}
    articles = {t.get("ID", "") for t in _descendants(root, "StructureTag") if t.get("TYPE", "").lower() == "article"}
    blocks = []
    for i, el in enumerate(
        e for e in root.iter() if isinstance(e.tag, str) and _local(e) in ("TextBlock", "Illustration")
    ):
        blocks.append(_alto_block(el, el.get("ID") or f"block{i}", labels))
    order = [r.get("REF", "") for ro in _descendants(root, "ReadingOrder") for r in _descendants(ro, "ElementRef")]
    groups = [
        [r.get("REF", "") for r in _descendants(g, "ElementRef")]
        for g in _descendants(root, "OrderedGroup") + _descendants(root, "UnorderedGroup")
        if set(g.get("TAGREFS", "").split()) & articles
    ]
    page = _children(_descendants(root, "Layout")[0], "Page")[0] if _descendants(root, "Layout") else root
    width, height = round(float(page.get("WIDTH", 1))), round(float(page.get("HEIGHT", 1)))
    return _page(path, width, height, blocks, order, groups)


# --- PAGE-XML -------------------------------------------------------------------------------


def _page_box(el: etree._Element) -> BBox:
    coords = _children(el, "Coords")
    pairs = [p.split(",") for p in (coords[0].get("points", "") if coords else "").split()]
    return _box([float(p[0]) for p in pairs if len(p) == 2], [float(p[1]) for p in pairs if len(p) == 2])


def _unicode(el: etree._Element) -> str | None:
    equivs = _children(el, "TextEquiv")
    equivs.sort(key=lambda e: int(e.get("index", 0) or 0))
    for equiv in equivs:
        for uni in _children(equiv, "Unicode"):
            return uni.text or ""
    return None


def _region_type(el: etree._Element) -> str:
    found = _CUSTOM_TYPE.search(el.get("custom", ""))
    if found and found.group(1) in BLOCK_TYPES:
        return found.group(1)
    name = _local(el)
    if name in ("ImageRegion", "GraphicRegion"):
        return "image"
    if name == "AdvertRegion":
        return "advertisement"
    return PAGE_TYPES.get(el.get("type", ""), "body")


def _page_region(el: etree._Element, ident: str) -> Block:
    lines = []
    for j, line in enumerate(_children(el, "TextLine")):
        text = _unicode(line)
        if text is None:
            text = " ".join(_unicode(w) or "" for w in _children(line, "Word"))
        box = _page_box(line)
        lines.append(Line(id=line.get("id") or f"{ident}_l{j}", quad=_quad(box), bbox=box, text=text, confidence=1.0))
    text = "".join(ln.text for ln in lines) if lines else (_unicode(el) or "")
    return Block(id=ident, type=_region_type(el), bbox=_page_box(el), lines=lines, text=text)  # type: ignore[arg-type]


def _refs(group: etree._Element) -> list[str]:
    """Region ids of a reading-order group, in order (indexed children by their index)."""
    children = [c for c in group if isinstance(c.tag, str) and _local(c) not in ("Labels", "UserDefined")]
    if any(c.get("index") is not None for c in children):
        children.sort(key=lambda c: int(c.get("index", 0)))
    out: list[str] = []
    for child in children:
        out.extend([child.get("regionRef", "")] if _local(child).startswith("RegionRef") else _refs(child))
    return out


def page_xml_page(path: Path, root: etree._Element) -> Page:
    """A page of ground truth from a PAGE-XML file (any version: namespaces are ignored)."""
    page = _descendants(root, "Page")[0]
    names = ("TextRegion", "ImageRegion", "GraphicRegion", "AdvertRegion")
    regions = [e for e in page.iter() if isinstance(e.tag, str) and _local(e) in names]
    blocks = [_page_region(el, el.get("id") or f"region{i}") for i, el in enumerate(regions)]
    top = [g for ro in _descendants(page, "ReadingOrder") for g in ro if isinstance(g.tag, str)]
    order = [r for g in top for r in _refs(g)]
    groups = [
        _refs(g)
        for g in page.iter()
        if isinstance(g.tag, str)
        and _local(g).startswith(("OrderedGroup", "UnorderedGroup"))
        and g.get("type") == "article"
    ]
    return _page(path, int(page.get("imageWidth", 1)), int(page.get("imageHeight", 1)), blocks, order, groups)
