"""Score pages against ECPO text ground truth (``*.textGT.xml``, Heidelberg's Early Chinese Periodicals Online).

An ECPO fold is one scanned frame (often two pages side by side) transcribed by hand in
reading order: ``fold > div[type=page] > div[type=article|advert|image|other|margin|head] > p``,
``<lb/>`` ending each printed column, ``&gaiji;`` standing for a glyph with no Unicode code
point. Text divs carry no coordinates, so scoring is by characters:

* **character recall** (order-free): the share of the fold's characters, as a multiset,
  found anywhere in the output pages of the frame;
* **article recall / precision** (order-free): true article characters found in output
  articles, and output article characters that are true article characters (ad, masthead
  or running-head text put into an article lowers precision);
* **matched-article CER**: each true article against the output article sharing most
  characters with it; the order inside an article counts, the order of articles does not;
* **page-matched CER**: the same, with each true article matched only among the articles of
  its own page (the output page sharing most characters with the true page), so a long
  article of the facing page cannot stand in for it.

Both sides are NFKC-normalised with whitespace, punctuation and symbols removed (the marks
are set differently in vertical type and the ground truth keeps them as printed); glyph
variants are kept as printed, so 擧 read as 舉 is an error. A gaiji has no code point any
reader could give, so it is left out of the reference.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from schemas import Article, Page

GAIJI = "\ue111"
"""The code point the ECPO files declare for ``&gaiji;``."""
REGION_KINDS = ("article", "advert", "image", "other", "margin", "head")


def clean(text: str) -> str:
    """NFKC, then only characters that are read: no whitespace, punctuation, symbols or gaiji.

    >>> clean("（重慶廿日電）據此間、 消息◀")
    '重慶廿日電據此間消息'
    """
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        cat = unicodedata.category(ch)
        if ch != GAIJI and not ch.isspace() and cat[0] not in "PSZC":
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class GtRegion:
    """One top-level div of a page: its kind, the page number and its text in reading order."""

    kind: str
    page: str
    text: str


def _text_of(element: ET.Element) -> str:
    """All text inside ``element`` in document order (``<lb/>`` ends a column: a space)."""
    parts: list[str] = []
    for node in element.iter():
        if node is not element and node.tag == "lb":
            parts.append(" ")
        if node.text and node.tag != "lb":
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def parse_fold(path: Path) -> list[GtRegion]:
    """The regions of an ECPO ``*.textGT.xml`` fold, page by page, in the file's order.

    Raises:
        ValueError: the file is not well-formed XML or has no ``div[type=page]``.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"{path}: not an ECPO textGT file ({exc})") from None
    pages = [d for d in root.iter("div") if d.get("type") == "page"]
    if not pages:
        raise ValueError(f"{path}: no div[type=page] in the fold")
    regions = []
    for page in pages:
        for div in page.findall("div"):
            kind = div.get("type", "other")
            regions.append(GtRegion(kind if kind in REGION_KINDS else "other", page.get("n", ""), _text_of(div)))
    return regions


def article_text(article: Article, page: Page) -> str:
    """An output article's text in its reading order: its blocks' lines, in ``block_ids`` order."""
    by_id = {b.id: b for b in page.blocks}
    return "".join(by_id[i].text or "".join(ln.text for ln in by_id[i].lines) for i in article.block_ids if i in by_id)


def _common(a: Counter[str], b: Counter[str]) -> int:
    return sum((a & b).values())


@dataclass(frozen=True)
class FoldScore:
    """The scores of one frame (all its output pages against its fold)."""

    chars: int  # reference characters, all regions
    found: int  # of them found anywhere in the output
    article_chars: int  # reference characters in articles
    article_found: int  # of them in output articles
    output_article_chars: int  # characters of output articles
    article_edits: int  # edits of the matched articles, summed
    page_edits: int = 0  # edits of the articles matched within their own page, summed

    @property
    def recall(self) -> float:
        return self.found / self.chars if self.chars else 1.0

    @property
    def article_recall(self) -> float:
        return self.article_found / self.article_chars if self.article_chars else 1.0

    @property
    def article_precision(self) -> float:
        return self.article_found / self.output_article_chars if self.output_article_chars else 0.0

    @property
    def article_cer(self) -> float:
        return self.article_edits / self.article_chars if self.article_chars else 0.0

    @property
    def page_cer(self) -> float:
        return self.page_edits / self.article_chars if self.article_chars else 0.0


def matched_edits(truth: Sequence[str], predicted: Sequence[str]) -> int:
    """Edits of each true article against the predicted article sharing most characters with it.

    A true article sharing no character with any prediction costs its whole length.

    >>> matched_edits(["北京天氣晴", "上海下雨"], ["上海下雨了", "北京天晴"])
    2
    """
    bags = [Counter(p) for p in predicted]
    edits = 0
    for true in truth:
        need = Counter(true)
        shared = [_common(need, bag) for bag in bags]
        best = max(range(len(bags)), key=shared.__getitem__, default=-1)
        if best < 0 or shared[best] == 0:
            edits += len(true)
        else:
            edits += int(Levenshtein.distance(true, predicted[best]))
    return edits


def _page_text(page: Page) -> str:
    return "".join(b.text or "".join(ln.text for ln in b.lines) for b in page.blocks)


def page_pairs(regions: Sequence[GtRegion], pages: Sequence[Page]) -> dict[str, int]:
    """True page number -> index of the output page sharing most characters with it (one each, surest first)."""
    numbers = list(dict.fromkeys(r.page for r in regions))
    truth = {n: Counter(clean("".join(r.text for r in regions if r.page == n))) for n in numbers}
    out = [Counter(clean(_page_text(p))) for p in pages]
    shared = sorted(((_common(truth[n], o), n, k) for n in numbers for k, o in enumerate(out)), reverse=True)
    pairs: dict[str, int] = {}
    for _, n, k in shared:
        if n not in pairs and k not in pairs.values():
            pairs[n] = k
    return pairs


def _page_matched_edits(regions: Sequence[GtRegion], pages: Sequence[Page]) -> int:
    pairs = page_pairs(regions, pages)
    edits = 0
    for number in dict.fromkeys(r.page for r in regions):
        truth = [t for t in (clean(r.text) for r in regions if r.page == number and r.kind == "article") if t]
        page = pages[pairs[number]] if number in pairs else None
        predicted = [t for t in (clean(article_text(a, page)) for a in page.articles) if t] if page else []
        edits += matched_edits(truth, predicted)
    return edits


def score_fold(regions: Iterable[GtRegion], pages: Sequence[Page]) -> FoldScore:
    """Score the output pages of one frame against its fold (see the module docstring)."""
    regions = list(regions)
    truth_all = Counter(clean("".join(r.text for r in regions)))
    truth_articles = [clean(r.text) for r in regions if r.kind == "article"]
    truth_articles = [t for t in truth_articles if t]
    out_all = Counter(clean("".join(_page_text(p) for p in pages)))
    out_articles = [clean(article_text(a, p)) for p in pages for a in p.articles]
    out_articles = [t for t in out_articles if t]
    art_truth = Counter("".join(truth_articles))
    art_out = Counter("".join(out_articles))
    return FoldScore(
        chars=sum(truth_all.values()),
        found=_common(truth_all, out_all),
        article_chars=sum(art_truth.values()),
        article_found=_common(art_truth, art_out),
        output_article_chars=sum(art_out.values()),
        article_edits=matched_edits(truth_articles, out_articles),
        page_edits=_page_matched_edits(regions, pages),
    )


@dataclass(frozen=True)
class KindLoss:
    """Where the characters of one kind of region are lost on a frame (order-free counts)."""

    kind: str
    chars: int  # characters of the truth in regions of this kind
    read: int  # of them among the lines OCR read anywhere on the frame
    output: int  # of them anywhere in the output pages

    @property
    def unread(self) -> int:
        """Lost before layout: no line was found over them (detection) or they were misread (recognition)."""
        return self.chars - self.read

    @property
    def dropped(self) -> int:
        """Read by OCR but left out of the output by the layout (never negative)."""
        return max(0, self.read - self.output)


def losses(regions: Iterable[GtRegion], read: Sequence[str], pages: Sequence[Page]) -> list[KindLoss]:
    """For each kind of region of the fold: its characters, those OCR read, those the output keeps.

    ``read`` is the text of every line OCR returned for the frame's pages; each kind is
    counted against all of it, so the split says whether a kind's characters are lost to
    OCR (not read) or to the layout (read, then dropped).

    >>> truth = [GtRegion("article", "1", "北京天氣晴"), GtRegion("advert", "1", "良藥")]
    >>> [(k.kind, k.chars, k.read) for k in losses(truth, ["北京天晴", "藥"], [])]
    [('article', 5, 4), ('advert', 2, 1)]
    """
    regions = list(regions)
    read_bag = Counter(clean("".join(read)))
    out_bag = Counter(clean("".join(_page_text(p) for p in pages)))
    out = []
    for kind in REGION_KINDS:
        truth = Counter(clean("".join(r.text for r in regions if r.kind == kind)))
        if truth:
            out.append(KindLoss(kind, sum(truth.values()), _common(truth, read_bag), _common(truth, out_bag)))
    return out


def frame_pages(folder: Path, stem: str) -> list[Page]:
    """The output pages of scan ``stem`` in ``folder``: ``<stem>.json`` or ``<stem>-p<N>.json``, in order."""
    single = folder / f"{stem}.json"
    paths = [single] if single.is_file() else sorted(folder.glob(f"{stem}-p*.json"), key=_page_number)
    return [Page.model_validate_json(p.read_text(encoding="utf-8")) for p in paths]


def _page_number(path: Path) -> int:
    tail = path.stem.rsplit("-p", 1)[-1]
    return int(tail) if tail.isdigit() else 0


@dataclass(frozen=True)
class GtPolygon:
    """One region of an ECPO ``*.visualGT.json``: its label and its outline in the scan's pixels."""

    label: str  # article, advertisement, image or additional (masthead, running heads, margins)
    points: tuple[tuple[float, float], ...]

    def contains(self, x: float, y: float) -> bool:
        """Whether (x, y) lies inside the outline (even-odd rule)."""
        inside = False
        pts = self.points
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
        return inside


_POINTS = re.compile(r'points="([^"]*)"')
_SHIFT = re.compile(r"matrix\(\s*1\s+0\s+0\s+1\s+([-\d.eE]+)\s+([-\d.eE]+)\s*\)")


def parse_layout(path: Path) -> list[GtPolygon]:
    """The polygons of an ECPO ``*.visualGT.json`` (W3C annotations, one SVG polygon each, shifted by
    its ``transform``); circles and other shapes are left out, and so are outlines of no area
    (a click of the annotation tool: every point the same).

    Raises:
        ValueError: the file is not JSON with an ``items`` list, or a transform is not a shift.
    """
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not an ECPO visualGT file ({exc})") from None
    out = []
    for item in items:
        svg = item["target"][0]["selector"]["value"]
        points = _POINTS.search(svg)
        if points is None:
            continue
        shift = _SHIFT.search(svg)
        if shift is None:
            raise ValueError(f"{path}: region {item.get('id')} has a transform that is not a shift")
        dx, dy = float(shift.group(1)), float(shift.group(2))
        xy = [tuple(float(v) for v in p.split(",")) for p in points.group(1).split()]
        if len(set(xy)) < 3:
            continue
        out.append(GtPolygon(item["body"][0]["value"]["name"], tuple((x + dx, y + dy) for x, y in xy)))
    return out
