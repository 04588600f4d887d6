"""Ground truth in any of the forms a team has it: page JSON, ALTO, PAGE-XML or plain text.

Page JSON (``schemas.Page``) scores everything. ALTO and PAGE-XML give the page
text, and the articles where the file marks them (see :mod:`pipeline.eval.xml_truth`),
but no authors. Plain text (UTF-8) is the page's text in reading order and scores
page text only; its line breaks and spaces do not count (texts are compared without
whitespace).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.errors import InputError
from pipeline.eval.files import load_page
from pipeline.eval.xml_truth import alto_page, page_xml_page
from schemas import BBox, Block, EngineInfo, Page, Source


@dataclass(frozen=True)
class Truth:
    """A ground-truth page and which figures it can support."""

    page: Page
    kind: str
    articles: bool
    authors: bool


def _text_truth(path: Path) -> Truth:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "plain-text ground truth must be UTF-8") from None
    block = Block(id="text", type="body", bbox=BBox(x0=0, y0=0, x1=1, y1=1), text=text)
    page = Page(
        source=Source(path=str(path), sha256=""),
        width=1,
        height=1,
        engine=EngineInfo(name="ground truth"),
        blocks=[block],
    )
    return Truth(page, "text", articles=False, authors=False)


def _xml_truth(path: Path) -> Truth:
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"not well-formed XML ({exc})") from None
    name = etree.QName(root).localname
    try:
        if name == "alto":
            page, kind = alto_page(path, root), "alto"
        elif name == "PcGts":
            page, kind = page_xml_page(path, root), "page"
        else:
            raise InputError(path, f"neither ALTO nor PAGE-XML (root element {name})")
    except (ValueError, IndexError) as exc:
        raise InputError(path, f"cannot read as {name}: {str(exc).splitlines()[0]}") from None
    return Truth(page, kind, articles=bool(page.articles), authors=False)


def load_truth(path: Path) -> Truth:
    """Read one ground-truth file, by its name: ``*.json``, ``*.xml`` (ALTO or PAGE-XML), ``*.txt``.

    Raises:
        InputError: missing, unreadable, or not a page in the form its name says.
    """
    if not path.is_file():
        raise InputError(path, "file not found")
    if path.name.endswith(".json"):
        page = load_page(path)
        return Truth(page, "json", articles=True, authors=True)
    try:
        if path.name.endswith(".xml"):
            return _xml_truth(path)
        return _text_truth(path)
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc})") from None
