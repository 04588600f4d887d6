"""METS 1.12: one file per document (a PDF, a multi-page TIFF, an image, or a manifest issue).

An archive reads the issue from here and the text from the per-page ALTO files:

- ``dmdSec``: a MODS record of the issue (paper, date, edition, issue number), when known;
- ``fileSec``: ``fileGrp USE="IMAGE"`` (the scans, ``#page=N`` after a multi-page file,
  as RFC 8118 writes PDF pages) and ``fileGrp USE="FULLTEXT"`` (the ALTO files, named as
  :func:`pipeline.naming.output_path` names them, beside this file), and ``fileGrp
  USE="PAGEXML"`` (the PAGE-XML files) when the run writes them; hrefs are relative;
- ``structMap TYPE="PHYSICAL"``: the pages in order, each pointing at its image, ALTO and PAGE-XML;
- ``structMap TYPE="LOGICAL"``: the issue, one ``div TYPE="article"`` per JSON article
  with ``headline`` / ``byline`` / ``body`` children (``illustration`` for photos and
  captions) whose ``area`` elements name ALTO block IDs (``BETYPE="IDREF"``), then one
  ``div TYPE="advertisement"`` per advertisement block outside articles;
- ``structLink``: each article and advertisement linked to its page.
"""

from __future__ import annotations

import mimetypes
import os
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from pipeline.atomic import write_atomic
from pipeline.formats.alto import ALTO_SUFFIX, IdPool, block_xml_ids, xml_text
from pipeline.formats.pagexml import PAGE_SUFFIX
from pipeline.naming import output_path
from pipeline.version import software_version
from schemas import Article, Page, PageMetadata

METS_NS = "http://www.loc.gov/METS/"
MODS_NS = "http://www.loc.gov/mods/v3"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
METS_SCHEMA_URL = "http://www.loc.gov/standards/mets/mets.xsd"
METS_SUFFIX = ".mets.xml"

_ROLE_OF_TYPE = {
    "kicker": "headline",
    "headline": "headline",
    "subheadline": "headline",
    "byline": "byline",
    "image": "illustration",
    "caption": "illustration",
}
"""Block type -> child div of an article; every other type is ``body`` (dateline, subhead, text)."""

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CHINESE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")

Attrs = dict[str, str | int]


def _el(parent: etree._Element, tag: str, attrs: Attrs | None = None, ns: str = METS_NS) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in (attrs or {}).items():
        element.set(key, str(value))
    return element


def _href(target: Path, base: Path) -> str:
    """``target`` as a URI reference relative to folder ``base`` (absolute on another drive)."""
    absolute = Path(os.path.abspath(target))
    try:
        rel = Path(os.path.relpath(absolute, os.path.abspath(base))).as_posix()
    except ValueError:  # Windows: no relative path between drives
        return absolute.as_uri()
    return quote(rel)


def _issue_metadata(pages: Sequence[Page]) -> PageMetadata | None:
    return next((p.source.metadata for p in pages if p.source.metadata), None)


def _label(meta: PageMetadata | None, fallback: str) -> str:
    parts = [meta.paper, meta.date, meta.edition, meta.issue] if meta else []
    return xml_text(" ".join(p for p in parts if p) or fallback)


def iso_date(text: str) -> str | None:
    """``text`` as an ISO 8601 date when it is one or a Chinese 年月日 date, else None.

    >>> iso_date("2024年1月5日 星期五"), iso_date("2024-01-05"), iso_date("2024年2月30日")
    ('2024-01-05', '2024-01-05', None)
    """
    match = _ISO_DATE.fullmatch(text.strip()) or _CHINESE_DATE.search(text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:  # 2024年2月30日: a misprint or misread, not a date
        return None


def _dates(origin: etree._Element, printed: str) -> None:
    """The date as printed, plus its ISO form (the key date archives sort by) when it parses."""
    iso = iso_date(printed)
    if iso != printed:
        _el(origin, "dateIssued", ns=MODS_NS).text = xml_text(printed)
    if iso:
        _el(origin, "dateIssued", {"encoding": "iso8601", "keyDate": "yes"}, ns=MODS_NS).text = iso


def _mods(parent: etree._Element, meta: PageMetadata) -> None:
    """A MODS record: title = paper, dateIssued, edition, issue number."""
    wrap = _el(parent, "mdWrap", {"MDTYPE": "MODS"})
    mods = _el(_el(wrap, "xmlData"), "mods", ns=MODS_NS)
    if meta.paper:
        _el(_el(mods, "titleInfo", ns=MODS_NS), "title", ns=MODS_NS).text = xml_text(meta.paper)
    if meta.date or meta.edition:
        origin = _el(mods, "originInfo", ns=MODS_NS)
        if meta.date:
            _dates(origin, meta.date)
        if meta.edition:
            _el(origin, "edition", ns=MODS_NS).text = xml_text(meta.edition)
    if meta.issue:
        detail = _el(_el(mods, "part", ns=MODS_NS), "detail", {"type": "issue"}, ns=MODS_NS)
        _el(detail, "number", ns=MODS_NS).text = xml_text(meta.issue)


def _file(group: etree._Element, file_id: str, seq: int, mime: str, href: str) -> None:
    file = _el(group, "file", {"ID": file_id, "SEQ": seq, "MIMETYPE": mime})
    _el(file, "FLocat", {"LOCTYPE": "URL", f"{{{XLINK_NS}}}href": href})


def _image_href(page: Page, base: Path) -> str:
    href = _href(Path(page.source.path), base)
    return f"{href}#page={page.source.page_index + 1}" if page.source.page_count > 1 else href


def _text_file(page: Page, out_dir: Path, suffix: str) -> Path:
    src = page.source
    return output_path(out_dir, Path(src.path), src.page_index, src.page_count, suffix)


TEXT_GROUPS: dict[str, tuple[str, str, str]] = {
    "alto": ("FULLTEXT", "ALTO", ALTO_SUFFIX),
    "page": ("PAGEXML", "PAGE", PAGE_SUFFIX),
}
"""Per-page text format -> (fileGrp USE, file ID prefix, file suffix). ALTO is always listed:
the logical map's areas point into it."""


def _file_sec(root: etree._Element, pages: Sequence[Page], base: Path, text: Sequence[str]) -> list[list[str]]:
    """Image and text file entries; returns the file IDs of each page, image first, ALTO second."""
    sec = _el(root, "fileSec")
    images = _el(sec, "fileGrp", {"USE": "IMAGE"})
    groups = [(_el(sec, "fileGrp", {"USE": TEXT_GROUPS[f][0]}), *TEXT_GROUPS[f][1:]) for f in text]
    ids: list[list[str]] = []
    for n, page in enumerate(pages, start=1):
        mime = mimetypes.guess_type(page.source.path)[0] or "application/octet-stream"
        _file(images, f"IMG_{n:04d}", n, mime, _image_href(page, base))
        page_ids = [f"IMG_{n:04d}"]
        for group, prefix, suffix in groups:
            _file(group, f"{prefix}_{n:04d}", n, "text/xml", _href(_text_file(page, base, suffix), base))
            page_ids.append(f"{prefix}_{n:04d}")
        ids.append(page_ids)
    return ids


def _physical(root: etree._Element, pages: Sequence[Page], files: list[list[str]], stem: str) -> list[str]:
    """The PHYSICAL map; returns each page's div ID."""
    seq = _el(_el(root, "structMap", {"TYPE": "PHYSICAL"}), "div", {"ID": "PHYS_0000", "TYPE": "physSequence"})
    seq.set("LABEL", xml_text(stem))
    div_ids: list[str] = []
    for n, (page, file_ids) in enumerate(zip(pages, files, strict=True), start=1):
        div = _el(seq, "div", {"ID": f"PHYS_{n:04d}", "TYPE": "page", "ORDER": n})
        number = page.source.metadata.page_number if page.source.metadata else None
        if number:
            div.set("ORDERLABEL", xml_text(number))
        for file_id in file_ids:
            _el(div, "fptr", {"FILEID": file_id})
        div_ids.append(div.get("ID", ""))
    return div_ids


def _areas(parent: etree._Element, alto_id: str, xml_ids: list[str]) -> None:
    """One fptr: a single area, or a seq of areas in reading order."""
    fptr = _el(parent, "fptr")
    holder = fptr if len(xml_ids) == 1 else _el(fptr, "seq")
    for xml_id in xml_ids:
        _el(holder, "area", {"FILEID": alto_id, "BEGIN": xml_id, "BETYPE": "IDREF"})


def _article_div(parent: etree._Element, page: Page, article: Article, alto_id: str, div_id: str, ids: IdPool) -> None:
    """One article; its role children come in the order their first block is read."""
    xml_ids = block_xml_ids(page)
    types = {b.id: b.type for b in page.blocks}
    label = article.headline or article.kicker or article.id
    div = _el(parent, "div", {"ID": div_id, "TYPE": "article", "LABEL": xml_text(label)})
    by_role: dict[str, list[str]] = {}
    for block_id in article.block_ids:
        by_role.setdefault(_ROLE_OF_TYPE.get(types[block_id], "body"), []).append(xml_ids[block_id])
    for role, refs in by_role.items():
        _areas(_el(div, "div", {"ID": ids.take(f"{div_id}_{role}"), "TYPE": role}), alto_id, refs)


def _loose_ads(page: Page) -> list[str]:
    in_articles = {b for a in page.articles for b in a.block_ids}
    return [b.id for b in page.blocks if b.type == "advertisement" and b.id not in in_articles]


def _logical(root: etree._Element, pages: Sequence[Page], alto_ids: list[str], label: str) -> list[tuple[str, int]]:
    """The LOGICAL map; returns (div ID, page number) of every article and advertisement."""
    struct = _el(root, "structMap", {"TYPE": "LOGICAL"})
    issue = _el(struct, "div", {"ID": "LOG_0000", "TYPE": "issue", "LABEL": label})
    if root.find(f"{{{METS_NS}}}dmdSec") is not None:
        issue.set("DMDID", "DMD_ISSUE")
    ids, links = IdPool(), []
    for n, (page, alto_id) in enumerate(zip(pages, alto_ids, strict=True), start=1):
        for article in page.articles:
            div_id = ids.take(f"LOG_{n:04d}_{article.id}")
            _article_div(issue, page, article, alto_id, div_id, ids)
            links.append((div_id, n))
        xml_ids = block_xml_ids(page)
        for block_id in _loose_ads(page):
            div_id = ids.take(f"LOG_{n:04d}_{block_id}")
            _areas(_el(issue, "div", {"ID": div_id, "TYPE": "advertisement"}), alto_id, [xml_ids[block_id]])
            links.append((div_id, n))
    return links


def document_mets(pages: Sequence[Page], path: Path, page_formats: Sequence[str] = ()) -> etree._Element:
    """The METS tree of one document whose file will be ``path`` (hrefs are relative to its folder).

    ``page_formats`` are the per-page formats the run writes; PAGE-XML files are listed when among them.

    Raises:
        ValueError: ``pages`` is empty.

    >>> from schemas import EngineInfo, Page, Source
    >>> page = Page(source=Source(path="out/scan.png", sha256=""), width=9, height=9, engine=EngineInfo(name="e"))
    >>> tree = document_mets([page], Path("out/scan.mets.xml"))
    >>> [f.get("{http://www.w3.org/1999/xlink}href") for f in tree.iter("{http://www.loc.gov/METS/}FLocat")]
    ['scan.png', 'scan.alto.xml']
    """
    if not pages:
        raise ValueError(f"{path}: a METS document needs at least one page")
    stem = path.name.removesuffix(METS_SUFFIX) if path.name.endswith(METS_SUFFIX) else path.stem
    nsmap = {"mets": METS_NS, "mods": MODS_NS, "xlink": XLINK_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{METS_NS}}}mets", nsmap=nsmap)
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{METS_NS} {METS_SCHEMA_URL}")
    meta = _issue_metadata(pages)
    label = _label(meta, stem)
    for key, value in {"OBJID": xml_text(stem), "TYPE": "newspaper issue", "LABEL": label}.items():
        root.set(key, value)
    agent = _el(_el(root, "metsHdr"), "agent", {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"})
    _el(agent, "name").text = f"broadsheet {software_version()}".strip()
    if meta:
        _mods(_el(root, "dmdSec", {"ID": "DMD_ISSUE"}), meta)
    text = ["alto", *(["page"] if "page" in page_formats else [])]
    files = _file_sec(root, pages, path.parent, text)
    page_divs = _physical(root, pages, files, stem)
    links = _logical(root, pages, [ids[1] for ids in files], label)
    if links:
        struct_link = _el(root, "structLink")
        for div_id, n in links:
            _el(struct_link, "smLink", {f"{{{XLINK_NS}}}from": div_id, f"{{{XLINK_NS}}}to": page_divs[n - 1]})
    return root


def write_mets(pages: Sequence[Page], path: Path, page_formats: Sequence[str] = ()) -> None:
    """Write ``OUT/<stem>.mets.xml`` atomically; pages of one document, in page order."""
    tree = document_mets(pages, path, page_formats)
    write_atomic(path, etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
