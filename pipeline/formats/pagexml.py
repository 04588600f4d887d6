"""PAGE-XML 2019-07-15: one file per page, the format OCR-D, Transkribus and eScriptorium work in.

Layout: ``Metadata`` (creator, dates), then ``Page`` with a ``ReadingOrder`` (one
``OrderedGroupIndexed`` of ``type="article"`` per article, its blocks in article
order, then the blocks outside articles in page reading order) and one region per
block: a ``TextRegion`` for every block with text, an ``ImageRegion`` for a photo
without text. A ``TextRegion`` holds its ``TextLine``\\ s (``Coords`` from the line's
quad, a ``Baseline`` along a horizontal line's bottom edge, ``TextEquiv`` with the
line's text and confidence) and a ``TextEquiv`` with its lines joined by newlines.

Block types: PAGE's region ``type`` says what the text does on the page; ours is
finer, so it is also kept in the ``custom`` attribute the way Transkribus does
(``structure {type:headline;}``). Headings of every rank (kicker, headline,
subheadline, in-article subhead) are ``heading``; body and dateline ``paragraph``; a
byline is a ``credit``; the running head ``header``; an advertisement set in type is
a ``TextRegion`` of type ``other`` (its text stays readable; an ``AdvertRegion``
could hold no lines).

IDs are the ALTO file's (:func:`pipeline.formats.alto.block_xml_ids`), so a region
here, a ``TextBlock`` there and a METS area name the same block alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from pipeline.atomic import write_atomic
from pipeline.formats.alto import IdPool, block_xml_ids, xml_text
from pipeline.version import software_version
from schemas import Block, Line, Page, Point

PAGE_NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PAGE_SCHEMA_URL = f"{PAGE_NS}/pagecontent.xsd"
PAGE_SUFFIX = ".page.xml"

REGION_TYPES: dict[str, str] = {
    "kicker": "heading",
    "headline": "heading",
    "subheadline": "heading",
    "subhead": "heading",
    "dateline": "paragraph",
    "body": "paragraph",
    "byline": "credit",
    "caption": "caption",
    "page_header": "header",
    "advertisement": "other",
    "image": "other",
}
"""Our block type -> PAGE's ``TextTypeSimpleType`` (the exact type goes in ``custom``)."""


def _el(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    return etree.SubElement(parent, f"{{{PAGE_NS}}}{tag}", attrs or {})


def points(corners: list[Point] | tuple[Point, ...]) -> str:
    """PAGE ``points``: ``x,y`` pairs, clamped to the page's non-negative pixels.

    >>> points([(0, 0), (10, -1), (10, 5)])
    '0,0 10,0 10,5'
    """
    return " ".join(f"{max(0, x)},{max(0, y)}" for x, y in corners)


def _box_points(block: Block) -> list[Point]:
    if block.polygon and len(block.polygon) >= 3:
        return list(block.polygon)
    b = block.bbox
    return [(b.x0, b.y0), (b.x1, b.y0), (b.x1, b.y1), (b.x0, b.y1)]


def _text_equiv(parent: etree._Element, text: str, conf: float | None = None) -> None:
    equiv = _el(parent, "TextEquiv", {"conf": f"{conf:.4g}"} if conf is not None else None)
    _el(equiv, "Unicode").text = xml_text(text)


def _line(region: etree._Element, line: Line, line_id: str, vertical: bool) -> None:
    element = _el(region, "TextLine", {"id": line_id})
    _el(element, "Coords", {"points": points(line.quad)})
    if not vertical:
        _el(element, "Baseline", {"points": points([line.quad[3], line.quad[2]])})
    _text_equiv(element, line.text, line.confidence)


def _region(parent: etree._Element, block: Block, region_id: str, ids: IdPool) -> None:
    if block.type == "image" and not block.lines:
        image = _el(parent, "ImageRegion", {"id": region_id, "custom": "structure {type:image;}"})
        _el(image, "Coords", {"points": points(_box_points(block))})
        return
    vertical = block.direction == "vertical-rtl"
    attrs = {
        "id": region_id,
        "custom": f"structure {{type:{block.type};}}",
        "type": REGION_TYPES[block.type],
        "readingDirection": "top-to-bottom" if vertical else "left-to-right",
        "textLineOrder": "right-to-left" if vertical else "top-to-bottom",
        "primaryLanguage": "Chinese",
    }
    region = _el(parent, "TextRegion", attrs)
    _el(region, "Coords", {"points": points(_box_points(block))})
    for line in block.lines:
        _line(region, line, ids.take(line.id), vertical)
    text = "\n".join(line.text for line in block.lines) or block.text
    _text_equiv(region, text, block.confidence)


def _reading_order(page_el: etree._Element, page: Page, regions: dict[str, str], ids: IdPool) -> None:
    """One indexed group per article, then the blocks no article holds, in page reading order."""
    in_articles = {b for a in page.articles for b in a.block_ids}
    rest = [b for b in dict.fromkeys(page.reading_order) if b not in in_articles]
    articles = [a for a in page.articles if a.block_ids]
    if not articles and not rest:
        return
    top = _el(_el(page_el, "ReadingOrder"), "OrderedGroup", {"id": ids.take("ro"), "caption": "page"})
    index = 0
    for article in articles:
        attrs = {"id": ids.take(f"ro_{article.id}"), "index": str(index), "caption": xml_text(article.headline)}
        group = _el(top, "OrderedGroupIndexed", {**attrs, "type": "article"})
        for i, block_id in enumerate(article.block_ids):
            _el(group, "RegionRefIndexed", {"index": str(i), "regionRef": regions[block_id]})
        index += 1
    for block_id in rest:
        _el(top, "RegionRefIndexed", {"index": str(index), "regionRef": regions[block_id]})
        index += 1


def _metadata(root: etree._Element) -> None:
    meta = _el(root, "Metadata")
    version = software_version()
    _el(meta, "Creator").text = f"broadsheet {version}" if version else "broadsheet"
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    _el(meta, "Created").text = now
    _el(meta, "LastChange").text = now


def page_xml(page: Page) -> etree._Element:
    """The PAGE-XML 2019-07-15 tree of one page.

    >>> from schemas import BBox, Block, EngineInfo, Line, Page, Source
    >>> box = BBox(x0=10, y0=10, x1=50, y1=30)
    >>> line = Line(id="l1", quad=((10, 10), (50, 10), (50, 30), (10, 30)), bbox=box, text="晚报讯", confidence=0.9)
    >>> page = Page(source=Source(path="scan.png", sha256=""), width=100, height=100, engine=EngineInfo(name="e"),
    ...             blocks=[Block(id="b1", type="headline", bbox=box, lines=[line])])
    >>> region = page_xml(page).find(f".//{{{PAGE_NS}}}TextRegion")
    >>> region.get("type"), region.get("custom"), region.findtext(f"{{{PAGE_NS}}}TextEquiv/{{{PAGE_NS}}}Unicode")
    ('heading', 'structure {type:headline;}', '晚报讯')
    """
    root = etree.Element(f"{{{PAGE_NS}}}PcGts", nsmap={None: PAGE_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{PAGE_NS} {PAGE_SCHEMA_URL}")
    _metadata(root)
    attrs = {
        "imageFilename": Path(page.source.path).name,
        "imageWidth": str(page.width),
        "imageHeight": str(page.height),
        "primaryLanguage": "Chinese",
    }
    page_el = _el(root, "Page", attrs)
    ids = IdPool()
    regions = {block_id: ids.take(xml_id) for block_id, xml_id in block_xml_ids(page).items()}
    _reading_order(page_el, page, regions, ids)
    for block in page.blocks:
        _region(page_el, block, regions[block.id], ids)
    return root


def page_xml_bytes(page: Page) -> bytes:
    """The page's PAGE-XML file content: UTF-8 XML with a declaration."""
    return etree.tostring(page_xml(page), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_page_xml(page: Page, path: Path) -> None:
    """Write ``OUT/<stem>[-p<N>].page.xml`` atomically."""
    write_atomic(path, page_xml_bytes(page))
