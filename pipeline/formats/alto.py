"""ALTO 4.4: one XML file per page, the page-text format newspaper archives ingest.

Layout: ``Description`` (pixel unit, source image, OCR processing), ``Tags`` (one
``LayoutTag`` per block type, one ``StructureTag`` per article), ``ReadingOrder``
(one ``OrderedGroup`` per article, then the blocks outside articles), and
``Layout/Page/PrintSpace`` holding one ``TextBlock`` per block (an ``Illustration``
for a photo without text), ``TextLine`` per line, ``String`` per run between spaces and ``Glyph`` per character.

String granularity: readers of ALTO (OCR-D's dinglehopper, viewers, search
highlighters) join a line's ``String`` elements with a space, so a ``String`` is a run of
text between spaces, as ALTO means it: ``南通晚报`` is one String, not four, and a
phrase search finds it. Chinese is written without spaces, so a Chinese String is
the line's run between the spaces the text does have; a Latin word or number set
off by spaces is a String of its own. ``SP`` stands where (and only where) the text
has whitespace between two Strings. Each character's box is an ALTO 4 ``Glyph``
inside its String. Lines carry no character boxes, so a glyph's box is interpolated
along the line's quad, a full-width character counting twice a half-width one; a
String's box spans its glyphs; ``WC`` and ``GC`` are the line's confidence. Reading
the Strings back joined by single spaces gives the line's text with each whitespace
run as one space (ALTO has no way to say "two spaces").

IDs: blocks keep their JSON ids (METS areas point at them) unless XML's ID rules
(an NCName, unique in the file) forbid it; then :func:`block_xml_ids` gives the
replacement, and METS uses the same function.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from pipeline.atomic import write_atomic
from pipeline.version import software_version
from schemas import Block, Line, Page, Step

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ALTO_SCHEMA_URL = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"
ALTO_SUFFIX = ".alto.xml"
LANGUAGE = "zh"

_NCNAME = re.compile(r"[A-Za-z_][\w.\-]*", re.ASCII)
_NOT_NCNAME_CHAR = re.compile(r"[^\w.\-]", re.ASCII)
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_WIDE = ("W", "F", "A")  # east-asian widths set full-width in a Chinese face (A: “”、…)

Token = tuple[str, float, float]
"""(text, start, end): a String's text and its span along the line, as fractions 0..1."""


def xml_text(text: str) -> str:
    """``text`` with characters XML 1.0 cannot carry (C0 controls, lone surrogates) as U+FFFD.

    >>> xml_text("a\\x07b")
    'a\\ufffdb'
    """
    return _NOT_XML_CHAR.sub("\ufffd", text)


class IdPool:
    """Hands out unique XML IDs: the wanted one when it is free and valid, else a variant.

    >>> ids = IdPool()
    >>> ids.take("b1"), ids.take("b1"), ids.take("1 b")
    ('b1', 'b1_2', 'id_1_b')
    """

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, wanted: str) -> str:
        base = wanted if _NCNAME.fullmatch(wanted) else "id_" + _NOT_NCNAME_CHAR.sub("_", wanted)
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}_{n}"
        self._used.add(candidate)
        return candidate


def _allocate_blocks(page: Page, ids: IdPool) -> dict[str, str]:
    return {block.id: ids.take(block.id) for block in page.blocks}


def block_xml_ids(page: Page) -> dict[str, str]:
    """JSON block id -> the ``ID`` of its element in the page's ALTO file.

    Blocks are allocated first, in page order, so the map is the same whether
    or not the rest of the file has been built.

    >>> from schemas import BBox, Block, EngineInfo, Page, Source
    >>> box = BBox(x0=0, y0=0, x1=1, y1=1)
    >>> page = Page(source=Source(path="a.png", sha256=""), width=1, height=1, engine=EngineInfo(name="e"),
    ...             blocks=[Block(id="b0001", type="body", bbox=box), Block(id="2", type="body", bbox=box)])
    >>> block_xml_ids(page)
    {'b0001': 'b0001', '2': 'id_2'}
    """
    return _allocate_blocks(page, IdPool())


def _unit(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in _WIDE else 0.5


def glyphs(text: str) -> list[Token]:
    """Each character with its span along the line (fractions of its length).

    >>> [(t, round(a, 2), round(b, 2)) for t, a, b in glyphs("记者 Li")]
    [('记', 0.0, 0.29), ('者', 0.29, 0.57), (' ', 0.57, 0.71), ('L', 0.71, 0.86), ('i', 0.86, 1.0)]
    """
    units = [_unit(c) for c in text]
    total = sum(units) or 1.0
    out: list[Token] = []
    start = 0.0
    for char, width in zip(text, units, strict=True):
        out.append((char, start / total, (start + width) / total))
        start += width
    return out


def runs(text: str) -> list[tuple[bool, list[Token]]]:
    """The line cut into runs of ``(is_space, glyphs)``: the Strings and the gaps between them.

    >>> [("".join(g[0] for g in gs), sp) for sp, gs in runs("记者 朱文君  Li")]
    [('记者', False), (' ', True), ('朱文君', False), ('  ', True), ('Li', False)]
    """
    out: list[tuple[bool, list[Token]]] = []
    for glyph in glyphs(text):
        space = glyph[0].isspace()
        if out and out[-1][0] == space:
            out[-1][1].append(glyph)
        else:
            out.append((space, [glyph]))
    return out


def _lerp(p: tuple[int, int], q: tuple[int, int], t: float) -> tuple[float, float]:
    return p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t


def token_box(line: Line, vertical: bool, start: float, end: float) -> tuple[int, int, int, int]:
    """(HPOS, VPOS, WIDTH, HEIGHT) of the part of ``line`` between two fractions of its length.

    Horizontal lines are cut along their top and bottom edges, vertical ones
    (read top to bottom) along their left and right edges, so a skewed quad
    gives skewed-following boxes.
    """
    tl, tr, br, bl = line.quad
    (a0, a1), (b0, b1) = ((tl, bl), (tr, br)) if vertical else ((tl, tr), (bl, br))
    points = (_lerp(a0, a1, start), _lerp(a0, a1, end), _lerp(b0, b1, start), _lerp(b0, b1, end))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0 = round(min(xs)), round(min(ys))
    return x0, y0, max(0, round(max(xs)) - x0), max(0, round(max(ys)) - y0)


def _el(parent: etree._Element, tag: str, attrs: dict[str, str | int | float] | None = None) -> etree._Element:
    attrib = {key: str(value) for key, value in attrs.items()} if attrs else None
    return etree.SubElement(parent, f"{{{ALTO_NS}}}{tag}", attrib)


def _text_el(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = _el(parent, tag)
    element.text = xml_text(text)
    return element


def _box_attrs(x0: int, y0: int, width: int, height: int) -> dict[str, str | int | float]:
    return {"HPOS": x0, "VPOS": y0, "WIDTH": width, "HEIGHT": height}


def _step_element(parent: etree._Element, tag: str, step: Step) -> None:
    el = _el(parent, tag)
    _text_el(el, "processingCategory", "postOperation" if tag == "postProcessingStep" else "preOperation")
    _text_el(el, "processingStepDescription", step.name)
    if step.options:
        _text_el(el, "processingStepSettings", json.dumps(step.options, ensure_ascii=False, sort_keys=True))
    software = _el(el, "processingSoftware")
    _text_el(software, "softwareName", "broadsheet")
    _text_el(software, "softwareVersion", step.version or software_version())


def _ocr_step(parent: etree._Element, page: Page, step: Step | None) -> None:
    el = _el(parent, "ocrProcessingStep")
    _text_el(el, "processingCategory", "contentGeneration")
    _text_el(el, "processingStepDescription", "text line detection and recognition")
    models = [f"{m.role}: {m.name} ({m.file}, sha256 {m.sha256})" for m in page.engine.models]
    if step and step.options:
        models.append(json.dumps(step.options, ensure_ascii=False, sort_keys=True))
    if models:
        _text_el(el, "processingStepSettings", "; ".join(models))
    software = _el(el, "processingSoftware")
    _text_el(software, "softwareName", page.engine.name)
    if page.engine.version:
        _text_el(software, "softwareVersion", page.engine.version)
    if page.engine.runtime:
        _text_el(software, "applicationDescription", page.engine.runtime)


def _description(root: etree._Element, page: Page, ids: IdPool) -> None:
    desc = _el(root, "Description")
    _text_el(desc, "MeasurementUnit", "pixel")
    info = _el(desc, "sourceImageInformation")
    _text_el(info, "fileName", Path(page.source.path).name)
    if page.source.sha256:
        _el(info, "fileIdentifier", {"fileIdentifierLocation": "sha256"}).text = page.source.sha256
    processing = _el(desc, "OCRProcessing", {"ID": ids.take("OCR_0")})
    names = [s.name for s in page.steps]
    split = names.index("ocr") if "ocr" in names else len(names)
    for step in page.steps[:split]:
        _step_element(processing, "preProcessingStep", step)
    _ocr_step(processing, page, page.steps[split] if split < len(names) else None)
    for step in page.steps[split + 1 :]:
        _step_element(processing, "postProcessingStep", step)


def _tags(root: etree._Element, page: Page, ids: IdPool) -> tuple[dict[str, str], dict[str, str]]:
    """LayoutTags for block types, StructureTags for articles; returns both id maps."""
    tags = _el(root, "Tags")
    type_tags: dict[str, str] = {}
    for block in page.blocks:
        if block.type not in type_tags:
            type_tags[block.type] = ids.take(f"TAG_{block.type}")
            _el(tags, "LayoutTag", {"ID": type_tags[block.type], "TYPE": "block", "LABEL": block.type})
    article_tags: dict[str, str] = {}
    for article in page.articles:
        article_tags[article.id] = ids.take(f"ART_{article.id}")
        _el(tags, "StructureTag", {"ID": article_tags[article.id], "TYPE": "article", "LABEL": xml_text(article.id)})
    if not len(tags):
        root.remove(tags)
    return type_tags, article_tags


def _ordered_group(parent: etree._Element, gid: str, refs: Iterable[str], ids: IdPool) -> etree._Element:
    group = _el(parent, "OrderedGroup", {"ID": gid})
    for ref in refs:
        _el(group, "ElementRef", {"ID": ids.take(f"{gid}_{ref}"), "REF": ref})
    return group


def _reading_order(root: etree._Element, page: Page, blocks: dict[str, str], arts: dict[str, str], ids: IdPool) -> None:
    """Articles in page order, each its blocks in article order; then other blocks in page reading order."""
    in_articles = {b for a in page.articles for b in a.block_ids}
    rest = [blocks[b] for b in dict.fromkeys(page.reading_order) if b not in in_articles]
    if not in_articles and not rest:
        return
    top = _el(_el(root, "ReadingOrder"), "OrderedGroup", {"ID": ids.take("RO")})
    for article in page.articles:
        if article.block_ids:
            group = _ordered_group(top, ids.take(f"RO_{arts[article.id]}"), [blocks[b] for b in article.block_ids], ids)
            group.set("TAGREFS", arts[article.id])
    for ref in rest:
        _el(top, "ElementRef", {"ID": ids.take(f"RO_{ref}"), "REF": ref})


def _box_strs(line: Line, vertical: bool, start: float, end: float) -> dict[str, str]:
    x, y, w, h = token_box(line, vertical, start, end)
    return {"HPOS": str(x), "VPOS": str(y), "WIDTH": str(w), "HEIGHT": str(h)}


def _strings(text_line: etree._Element, line: Line, vertical: bool) -> None:
    """String (with its Glyphs) per run between spaces, SP for a space between two Strings."""
    wc = f"{line.confidence:.4g}"
    parts = runs(xml_text(line.text))
    words = [i for i, (space, _) in enumerate(parts) if not space]
    if not words:  # a TextLine needs one String: an empty (or all-blank) line is an empty String
        etree.SubElement(text_line, f"{{{ALTO_NS}}}String", {"CONTENT": "", **_box_strs(line, vertical, 0, 1)})
        return
    for i in range(words[0], words[-1] + 1):
        space, chars = parts[i]
        box = _box_strs(line, vertical, chars[0][1], chars[-1][2])
        if space:
            etree.SubElement(text_line, f"{{{ALTO_NS}}}SP", box)
            continue
        content = "".join(c for c, _, _ in chars)
        string = etree.SubElement(text_line, f"{{{ALTO_NS}}}String", {"CONTENT": content, **box, "WC": wc})
        for char, start, end in chars:  # the hot loop: one element per character
            glyph = {"CONTENT": char, **_box_strs(line, vertical, start, end), "GC": wc}
            etree.SubElement(string, f"{{{ALTO_NS}}}Glyph", glyph)


def _line_element(parent: etree._Element, line: Line, vertical: bool, line_id: str) -> None:
    b = line.bbox
    attrs = {"ID": line_id, **_box_attrs(b.x0, b.y0, b.width, b.height)}
    if not vertical:
        (x2, y2), (x3, y3) = line.quad[2], line.quad[3]
        attrs["BASELINE"] = f"{x3},{y3} {x2},{y2}"  # bottom edge, left to right
    _strings(_el(parent, "TextLine", attrs), line, vertical)


def _block_element(parent: etree._Element, block: Block, xml_id: str, tag: str, ids: IdPool) -> None:
    b = block.bbox
    attrs = {"ID": xml_id, "TAGREFS": tag, **_box_attrs(b.x0, b.y0, b.width, b.height)}
    if block.type == "image" and not block.lines:
        _el(parent, "Illustration", {**attrs, "TYPE": "image"})
        return
    vertical = block.direction == "vertical-rtl"
    element = _el(parent, "TextBlock", {**attrs, "LANG": LANGUAGE, "BASEDIRECTION": "ttb" if vertical else "ltr"})
    if block.polygon:
        shape = _el(element, "Shape")
        _el(shape, "Polygon", {"POINTS": " ".join(f"{x},{y}" for x, y in block.polygon)})
    for line in block.lines:
        _line_element(element, line, vertical, ids.take(line.id))


def _print_order(page: Page) -> list[Block]:
    """Blocks in reading order first (ALTO's implicit order is document order), then the rest."""
    by_id = {b.id: b for b in page.blocks}
    listed = dict.fromkeys(page.reading_order)  # ordered and free of repeats: an ID may occur once
    return [by_id[b] for b in listed] + [b for b in page.blocks if b.id not in listed]


def _page_attrs(page: Page, ids: IdPool) -> dict[str, str | int | float]:
    number = page.source.metadata.page_number if page.source.metadata else None
    attrs: dict[str, str | int | float] = {
        "ID": ids.take(f"PAGE_{page.source.page_index + 1}"),
        "PHYSICAL_IMG_NR": page.source.page_index + 1,
        "WIDTH": page.width,
        "HEIGHT": page.height,
        "LANG": LANGUAGE,
    }
    if number:
        attrs["PRINTED_IMG_NR"] = xml_text(number)
    return attrs


def page_alto(page: Page) -> etree._Element:
    """The ALTO 4.4 tree of one page.

    >>> from schemas import BBox, Block, EngineInfo, Line, Page, Source
    >>> box = BBox(x0=10, y0=10, x1=50, y1=30)
    >>> line = Line(id="l1", quad=((10, 10), (50, 10), (50, 30), (10, 30)), bbox=box, text="晚报讯", confidence=0.9)
    >>> page = Page(source=Source(path="scan.png", sha256=""), width=100, height=100, engine=EngineInfo(name="e"),
    ...             blocks=[Block(id="b1", type="body", bbox=box, lines=[line], text="晚报讯")])
    >>> ns = {"a": ALTO_NS}
    >>> [s.get("CONTENT") + "@" + s.get("HPOS") for s in page_alto(page).iterfind(".//a:String", ns)]
    ['晚报讯@10']
    >>> [g.get("CONTENT") + "@" + g.get("HPOS") for g in page_alto(page).iterfind(".//a:Glyph", ns)]
    ['晚@10', '报@23', '讯@37']
    """
    ids = IdPool()
    blocks = _allocate_blocks(page, ids)
    root = etree.Element(f"{{{ALTO_NS}}}alto", nsmap={None: ALTO_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{ALTO_NS} {ALTO_SCHEMA_URL}")
    root.set("SCHEMAVERSION", "4.4")
    _description(root, page, ids)
    type_tags, article_tags = _tags(root, page, ids)
    _reading_order(root, page, blocks, article_tags, ids)
    space = _el(_el(_el(root, "Layout"), "Page", _page_attrs(page, ids)), "PrintSpace")
    space.set("ID", ids.take(f"PS_{page.source.page_index + 1}"))
    for key, value in _box_attrs(0, 0, page.width, page.height).items():
        space.set(key, str(value))
    for block in _print_order(page):
        _block_element(space, block, blocks[block.id], type_tags[block.type], ids)
    return root


def alto_bytes(page: Page) -> bytes:
    """The page's ALTO file content: UTF-8 XML with a declaration."""
    return etree.tostring(page_alto(page), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_alto(page: Page, path: Path) -> None:
    """Write ``OUT/<stem>[-p<N>].alto.xml`` atomically."""
    write_atomic(path, alto_bytes(page))
