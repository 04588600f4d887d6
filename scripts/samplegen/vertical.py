"""Vertical type (竖排): columns of characters top to bottom, set right to left.

Two page kinds, for testing how a reader copes with them:

* ``"page"``: the whole page set vertically, as older papers and many Hong Kong and
  Taiwan papers are. Below the header, the page is cut into horizontal bands
  (段); in each band, articles follow one another from the right: a vertical
  headline, then body columns leftwards, a vertical rule between articles.
* ``"headline"``: a vertical headline (竖题) beside an article whose body runs
  horizontally in columns, on the article's right (usual) or left.

Characters sit upright, one per square cell; punctuation with a vertical form
(U+FE10-FE19, U+FE30-FE4F) is printed in that form, the ground truth keeping the
ordinary character. Digits and Latin letters stand upright, a cell each.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, replace

import numpy as np

from samplegen.corpus import ArticleText, Corpus
from samplegen.fonts import advance
from samplegen.furniture import page_header
from samplegen.layout import make_style, type_area
from samplegen.model import ArticleLayout, LaidBlock, Rect, Sheet, text_block
from samplegen.specs import PageSpec
from samplegen.typeset import NO_END, NO_START, Glyph, Token, TypeLine, set_paragraph, tokens

VERTICAL_FORMS = str.maketrans(
    {
        "，": "︐",
        "、": "︑",
        "。": "︒",
        "：": "︓",
        "；": "︔",
        "！": "︕",
        "？": "︖",
        "（": "︵",
        "）": "︶",
        "《": "︽",
        "》": "︾",
        "“": "﹁",
        "”": "﹂",
        "‘": "﹃",
        "’": "﹄",
        "—": "︱",
        "…": "︙",
        "【": "︻",
        "】": "︼",
    }
)
"""Punctuation that turns for vertical setting, and its vertical presentation form."""
UPRIGHT = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789%.+-" + string.ascii_letters})
"""Half-width signs printed upright in a cell of their own, as their full-width forms."""

VERTICAL = "vertical-rtl"


def cells(text: str, face: str, size: int) -> list[Token]:
    """One token per character, each a square cell of ``size`` pixels."""
    return [Token(ch, face, size, float(size)) for ch in text]


def set_column(toks: list[Token], x: float, y: float, length: float = 0.0) -> TypeLine:
    """Set ``toks`` down a column whose cells start at (x, y); box from first to last cell.

    With ``length``, the cells are spread evenly to fill that many pixels (a column
    that kinsoku left short, inside a paragraph).
    """
    size = max(t.size for t in toks)
    natural = sum(t.width for t in toks)
    gap = max(0.0, length - natural) / (len(toks) - 1) if length and len(toks) > 1 else 0.0
    glyphs, pos = [], y
    for t in toks:
        if t.ch != " ":
            ch = t.ch.translate(VERTICAL_FORMS).translate(UPRIGHT)
            left = x + (size - advance(t.face, t.size, ch)) / 2
            glyphs.append(Glyph(ch, t.face, t.size, left, pos + (size - t.size) / 2))
        pos += t.width + gap
    text = "".join(t.ch for t in toks)
    return TypeLine(tuple(glyphs), text, (x, y, x + size, pos - gap))


def vertical_block(kind: str, lines: list[TypeLine], columns: list[int]) -> LaidBlock:
    """A block of vertical lines, listed right to left (their reading order)."""
    block = text_block(kind, sorted(lines, key=lambda ln: -ln.box[0]), columns)  # type: ignore[arg-type]
    return replace(block, direction=VERTICAL)


def break_column(toks: list[Token], cells_per: int, indent: int = 0) -> list[list[Token]]:
    """Break cells into columns of ``cells_per``; the first is ``indent`` cells shorter.

    Any two cells may part (a number stands a digit per cell) except before a mark
    that may not start a column or after one that may not end it (kinsoku): the
    break then moves up, and the column is spread to full length when set.
    """
    rows: list[list[Token]] = []
    i, n = 0, len(toks)
    while i < n:
        j = min(n, i + cells_per - (indent if not rows else 0))
        while i + 1 < j < n and (toks[j].ch in NO_START or toks[j - 1].ch in NO_END):
            j -= 1
        rows.append(toks[i:j])
        i = j
    return rows


def body_columns(art: ArticleText, body: int, length: float) -> list[tuple[int, list[Token], bool]]:
    """The body broken into columns of ``length`` pixels, as (blank cells on top, tokens, runs on).

    A paragraph's first column starts two cells down (the paragraph indent); every
    column but a paragraph's last runs on to the next and is set full length.
    """
    out: list[tuple[int, list[Token], bool]] = []
    for k, para in enumerate(art.paragraphs):
        toks: list[Token] = []
        if k == 0 and art.dateline:
            toks += cells(art.dateline, "hei_bold", body)
            toks += [] if art.dateline.endswith("）") else cells(" ", "hei_bold", body)
        toks += cells(para, "song", body)
        rows = break_column(toks, int(length // body), indent=2)
        out += [(2 if i == 0 else 0, row, i < len(rows) - 1) for i, row in enumerate(rows)]
    return out


def headline_columns(text: str, face: str, size: int, length: float) -> tuple[int, list[list[Token]]]:
    """A headline in one vertical column, or two balanced ones, shrunk until it fits ``length``."""
    text = text.replace(" ", "")
    while size > 12:
        per = int(length // size)
        if len(text) <= per:
            return size, [cells(text, face, size)]
        half = (len(text) + 1) // 2
        if half <= per:
            return size, [cells(text[:half], face, size), cells(text[half:], face, size)]
        size = int(size * 0.9)
    return size, [cells(text, face, size)]


def fitted(art: ArticleText, body: int, length: float, room: int) -> ArticleText | None:
    """``art`` cut to whole paragraphs (or sentences of the first) that fill at most ``room`` columns."""
    paras = list(art.paragraphs)
    while paras:
        trial = replace(art, paragraphs=tuple(paras))
        if len(body_columns(trial, body, length)) <= room:
            return trial
        if len(paras) > 1:
            paras.pop()
            continue
        cut = paras[0].rstrip("。").rfind("。")
        if cut < 20:
            return None
        paras = [paras[0][: cut + 1]]
    return None


def plain(art: ArticleText, keep: tuple[str, ...] = ("start", "end")) -> ArticleText:
    """``art`` as these pages print it: headline, dateline and body only, and a byline set at one of ``keep``.

    Kickers, subheadlines, subheads and photos are left out; the authors a dateline names stay.
    """
    art = replace(art, kicker=None, subheadline=None, subheads=(), captions=())
    if art.byline and art.byline_at in keep:
        return art
    from_dateline = art.authors if art.dateline and any(a in art.dateline for a in art.authors) else ()
    return replace(art, byline=None, byline_at=None, authors=from_dateline)


@dataclass
class Cursor:
    """Where the next article of a vertical band starts: its right edge, and the band."""

    x: float
    top: float
    length: float
    band: int


class VerticalPage:
    """Fills a page with vertical bands from the top; ``build()`` returns the ``Sheet``."""

    def __init__(self, spec: PageSpec, corpus: Corpus) -> None:
        self.spec = spec
        self.rng = np.random.default_rng(spec.seed)
        self.style = make_style(spec, self.rng)
        self.x0, self.x1, self.top, self.bottom = type_area(spec)
        self.sheet = Sheet(*spec.size, spec.dpi)
        self.queue = [plain(corpus.articles[a]) for a in spec.articles]

    def build(self) -> Sheet:
        """Header, then bands of vertical articles while they fit."""
        header, rects, y = page_header(self.spec.paper, self.x0, self.x1, self.top, self.style)
        self.sheet.blocks.append(header)
        self.sheet.rects += rects
        body = self.style.body
        y += 1.0 * body
        band = 0
        while self.queue and self.bottom - y >= 12 * body:
            chars = int(min(self.rng.integers(16, 30), (self.bottom - y) // body))
            cur = Cursor(self.x1, y, chars * body, band)
            self._fill(cur)
            self.sheet.columns.append((band, (self.x0, y, self.x1, y + cur.length)))
            y += cur.length + 1.6 * body
            if self.queue and self.bottom - y >= 12 * body:
                rule = self.style.rule
                self.sheet.rects.append(Rect((self.x0, y - 0.8 * body - rule / 2, self.x1, y - 0.8 * body + rule / 2)))
            band += 1
        return self.sheet

    def _fill(self, cur: Cursor) -> None:
        """Articles right to left across one band while they fit."""
        first = True
        while self.queue:
            lay = self._article(self.queue[0], cur)
            if lay is None:
                break
            if not first:
                x = lay.blocks[0].box[2] + 0.8 * self.style.body
                self.sheet.rects.append(Rect((x, cur.top, x + self.style.rule, cur.top + cur.length)))
            first = False
            self.queue.pop(0)
            self.sheet.blocks += lay.blocks
            self.sheet.articles.append(lay)
            cur.x = min(b.box[0] for b in lay.blocks) - 1.6 * self.style.body

    def _article(self, art: ArticleText, cur: Cursor) -> ArticleLayout | None:
        """Headline, start byline, body columns and end byline, from ``cur.x`` leftwards."""
        style, body = self.style, self.style.body
        scale = float(self.rng.uniform(2.0, 3.0))
        size, heads = headline_columns(art.headline, style.headline_face, round(body * scale), cur.length)
        x = cur.x
        head_lines = []
        for toks in heads:
            x -= size
            head_lines.append(set_column(toks, x, cur.top))
            x -= 0.3 * size
        x -= 0.5 * body
        room = int((x - self.x0) // style.leading) - (1 if art.byline else 0)
        cut = fitted(art, body, cur.length, room) if room >= 6 else None
        if cut is None:
            return None
        cols = [cur.band]
        blocks = [vertical_block("headline", head_lines, cols)]
        if cut.byline and cut.byline_at == "start":
            line = set_column(cells(cut.byline, "hei", body), x - body, cur.top)
            blocks.append(vertical_block("byline", [line], cols))
            x -= style.leading
        lines = []
        for lead, toks, runs_on in body_columns(cut, body, cur.length):
            fill = cur.length - lead * body if runs_on else 0.0
            lines.append(set_column(toks, x - body, cur.top + lead * body, fill))
            x -= style.leading
        blocks.append(vertical_block("body", lines, cols))
        if cut.byline and cut.byline_at == "end":
            toks = cells(cut.byline, "hei", body)
            bottom = cur.top + cur.length
            blocks.append(vertical_block("byline", [set_column(toks, x - body, bottom - len(toks) * body)], cols))
        return ArticleLayout(cut, blocks, cols, max(b.box[3] for b in blocks))


class VerticalHeadlinePage(VerticalPage):
    """Articles with a vertical headline beside their horizontal body columns."""

    def build(self) -> Sheet:
        """Header, then bands of one or two such modules side by side."""
        self.queue = [plain(a, ()) for a in self.queue]
        header, rects, y = page_header(self.spec.paper, self.x0, self.x1, self.top, self.style)
        self.sheet.blocks.append(header)
        self.sheet.rects += rects
        body = self.style.body
        y += 1.0 * body
        while self.queue and self.bottom - y >= 14 * body:
            count = min(len(self.queue), int(self.rng.integers(1, 3)))
            width = (self.x1 - self.x0 - (count - 1) * 1.6 * body) / count
            height = min(float(self.rng.integers(12, 22)) * self.style.leading, self.bottom - y)
            x = self.x0
            for k in range(count):
                if k:
                    rule = self.style.rule
                    self.sheet.rects.append(Rect((x - 0.8 * body, y, x - 0.8 * body + rule, y + height)))
                lay = self._module(self.queue.pop(0), x, y, width, height)
                if lay is not None:
                    self.sheet.blocks += lay.blocks
                    self.sheet.articles.append(lay)
                x += width + 1.6 * body
            y += height + 1.6 * body
            if self.queue and self.bottom - y >= 14 * body:
                r = self.style.rule
                self.sheet.rects.append(Rect((self.x0, y - 0.8 * body - r / 2, self.x1, y - 0.8 * body + r / 2)))
        return self.sheet

    def _module(self, art: ArticleText, x: float, y: float, width: float, height: float) -> ArticleLayout | None:
        """Vertical headline on one side, horizontal body columns beside it, filling ``height``."""
        style, body = self.style, self.style.body
        scale = float(self.rng.uniform(2.0, 3.2))
        size, heads = headline_columns(art.headline, style.headline_face, round(body * scale), height)
        step = 1.3 * size
        head_w = len(heads) * step
        right = bool(self.rng.random() < 0.7)
        hx = x + width - head_w if right else x
        head = [set_column(t, hx + head_w - (i + 1) * step + 0.15 * size, y) for i, t in enumerate(heads)]
        bx0 = x if right else x + head_w + 0.8 * body
        bx1 = x + width - head_w - 0.8 * body if right else x + width
        ncol = max(1, int((bx1 - bx0 + body) // (14 * body)))
        col_w = body * int((bx1 - bx0 - (ncol - 1) * body) / ncol / body)
        # whole characters per column; what is left widens the gutters, so the body fills its area
        gutter = (bx1 - bx0 - ncol * col_w) / (ncol - 1) if ncol > 1 else 0.0
        bx0 = bx0 if ncol > 1 or not right else bx1 - col_w
        rows = int(height // style.leading)
        set_body = self._body_lines(art, col_w, ncol * rows)
        if set_body is None:
            return None
        lines, cut = set_body
        rows = -(-len(lines) // ncol)  # columns balanced: the text fills the module's width
        blocks = [vertical_block("headline", head, [])]
        for c in range(ncol):
            left = bx0 + c * (col_w + gutter)
            col = [ln.shifted(left, y + i * style.leading) for i, ln in enumerate(lines[c * rows : (c + 1) * rows])]
            if col:
                blocks.append(text_block("body", col, []))
        return ArticleLayout(cut, blocks, [], max(b.box[3] for b in blocks))

    def _body_lines(self, art: ArticleText, col_w: float, room: int) -> tuple[list[TypeLine], ArticleText] | None:
        """Horizontal body lines (at the origin) of ``art``, cut to ``room`` lines."""
        paras = list(art.paragraphs)
        body = self.style.body
        while paras:
            cut = replace(art, paragraphs=tuple(paras))
            lines: list[TypeLine] = []
            for k, para in enumerate(paras):
                toks = []
                if k == 0 and cut.dateline:
                    toks = tokens(cut.dateline, "hei_bold", body, space_em=0.5)
                    toks += [] if cut.dateline.endswith("）") else [Token(" ", "hei_bold", body, float(body))]
                toks += tokens(para, "song", body)
                lines += set_paragraph(toks, col_w, self.style.leading, 2.0 * body)
            if len(lines) <= room:
                return [ln.shifted(0, -ln.box[1]) for ln in lines], cut
            paras.pop()
        return None


def layout_vertical(spec: PageSpec, corpus: Corpus) -> Sheet:
    """Lay out a page of the vertical kind ``spec.vertical`` names."""
    if spec.vertical == "headline":
        return VerticalHeadlinePage(spec, corpus).build()
    return VerticalPage(spec, corpus).build()
