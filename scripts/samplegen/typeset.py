"""Chinese line setting: one character per cell, justified lines, kinsoku rules.

Coordinates are floats in page pixels before any rotation. A glyph's ``y`` is
the top of its ideographic em box; the baseline sits ``ASCENT * size`` below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from samplegen.fonts import ASCENT, advance

Align = Literal["left", "right", "center", "justify"]
Box = tuple[float, float, float, float]

NO_START = frozenset("，。、；：？！）》」』】〕…—”’·%℃")
"""Characters that may not begin a line (避头)."""
NO_END = frozenset("（《「『【〔“‘")
"""Characters that may not end a line (避尾)."""
WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.%+-:")
"""Half-width characters that form unbreakable runs (numbers, times, Latin words)."""


@dataclass(frozen=True)
class Token:
    """One character to set, with its font and advance."""

    ch: str
    face: str
    size: int
    width: float


@dataclass(frozen=True)
class Glyph:
    """A placed character: em box top-left at (x, y)."""

    ch: str
    face: str
    size: int
    x: float
    y: float


@dataclass(frozen=True)
class TypeLine:
    """One printed line: its glyphs, text and em box."""

    glyphs: tuple[Glyph, ...]
    text: str
    box: Box
    ink: int = 0

    def shifted(self, dx: float, dy: float) -> TypeLine:
        """The same line moved by (dx, dy)."""
        glyphs = tuple(Glyph(g.ch, g.face, g.size, g.x + dx, g.y + dy) for g in self.glyphs)
        x0, y0, x1, y1 = self.box
        return TypeLine(glyphs, self.text, (x0 + dx, y0 + dy, x1 + dx, y1 + dy), self.ink)


def tokens(text: str, face: str, size: int, space_em: float = 1.0) -> list[Token]:
    """Tokens of ``text``; an ASCII space becomes a gap of ``space_em`` ems."""
    out = []
    for ch in text:
        width = space_em * size if ch == " " else advance(face, size, ch)
        out.append(Token(ch, face, size, width))
    return out


def width_of(toks: list[Token]) -> float:
    """Natural width of a token run."""
    return sum(t.width for t in toks)


def _bad_break(toks: list[Token], k: int) -> bool:
    before, after = toks[k - 1].ch, toks[k].ch
    return after in NO_START or before in NO_END or (before in WORD and after in WORD)


def _break_at(toks: list[Token], start: int, end: int) -> int:
    """Move a break at ``end`` left until it obeys kinsoku (keep it if it cannot)."""
    k = end
    while k > start + 1 and _bad_break(toks, k):
        k -= 1
    return k if k > start + 1 else end


def break_lines(toks: list[Token], width: float, indent: float = 0.0) -> list[list[Token]]:
    """Greedy line breaking; the first line is shortened by ``indent`` pixels."""
    lines: list[list[Token]] = []
    i, n = 0, len(toks)
    while i < n:
        while i < n and toks[i].ch == " ":
            i += 1
        if i >= n:
            break
        avail = width - (indent if not lines else 0.0)
        used, j = 0.0, i
        while j < n and used + toks[j].width <= avail + 1e-6:
            used += toks[j].width
            j += 1
        j = max(j, i + 1)
        if j < n:
            j = _break_at(toks, i, j)
        line = toks[i:j]
        while line and line[-1].ch == " ":
            line = line[:-1]
        lines.append(line)
        i = j
    return lines


def break_words(text: str, face: str, size: int, width: float) -> list[list[Token]]:
    """Break at spaces only (names in a byline), packing as many words per line as fit."""
    rows: list[list[Token]] = []
    for word in text.split(" "):
        toks = tokens(word, face, size)
        if rows and width_of(rows[-1]) + size + width_of(toks) <= width:
            rows[-1] += tokens(" " + word, face, size)
        elif width_of(toks) <= width:
            rows.append(toks)
        else:
            rows += break_lines(toks, width)
    return rows


def set_line(toks: list[Token], x: float, y: float, width: float, align: Align, ink: int = 0) -> TypeLine:
    """Place ``toks`` in the box starting at (x, y) of ``width`` pixels."""
    natural = width_of(toks)
    # Justification widens the gaps between characters, never inside a number or word.
    open_gaps = [i for i in range(1, len(toks)) if not (toks[i - 1].ch in WORD and toks[i].ch in WORD)]
    gap = 0.0
    if align == "justify" and open_gaps:
        gap = max(0.0, (width - natural) / len(open_gaps))
    start = {"right": width - natural, "center": (width - natural) / 2}.get(align, 0.0)
    size = max(t.size for t in toks)
    widened = set(open_gaps)
    glyphs, pos = [], x + start
    for i, t in enumerate(toks):
        if i in widened:
            pos += gap
        if t.ch != " ":
            glyphs.append(Glyph(t.ch, t.face, t.size, pos, y + (size - t.size) * ASCENT))
        pos += t.width
    x0 = x + start
    x1 = pos
    text = "".join(t.ch for t in toks)
    return TypeLine(tuple(glyphs), text, (x0, y, x1, y + size), ink)


def set_paragraph(
    toks: list[Token], width: float, pitch: float, indent: float = 0.0, last_align: Align = "left"
) -> list[TypeLine]:
    """Set a justified paragraph at the origin; line ``i`` has its em top at ``i * pitch``."""
    rows = break_lines(toks, width, indent)
    out = []
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        dx = indent if i == 0 else 0.0
        align: Align = last_align if last else "justify"
        out.append(set_line(row, dx, i * pitch, width - dx, align))
    return out


def fit_heading(
    text: str, face: str, sizes: list[int], width: float, max_lines: int = 3
) -> tuple[int, list[list[Token]]]:
    """Largest size in ``sizes`` (descending) at which ``text`` sets in few lines.

    One line is preferred at any size; failing that two lines (broken at a space
    when the text has one), then ``max_lines``.
    """
    for lines_wanted in range(1, max_lines + 1):
        # A headline set in several lines is set smaller: big type wraps at awkward places.
        cap = sizes[0] if lines_wanted == 1 else max(sizes[-1], round(sizes[0] * 0.75))
        for size in (s for s in sizes if s <= cap):
            rows = _heading_rows(text, face, size, width, lines_wanted)
            if rows is not None:
                return size, rows
    size = sizes[-1]
    return size, break_lines(tokens(text, face, size), width)


def _two_rows(toks: list[Token], width: float) -> list[list[Token]] | None:
    """Best break of a heading into two lines: balanced, at a space or after punctuation.

    Never inside a number or word, nor between a number and the unit after it.
    """
    best: tuple[float, int] | None = None
    total = width_of(toks)
    run = 0.0
    for k in range(1, len(toks)):
        run += toks[k - 1].width
        if run > width or total - run > width:
            continue
        before, after = toks[k - 1].ch, toks[k].ch
        if _bad_break(toks, k) or before in WORD:
            continue
        cost = abs(total - 2 * run)
        if after == " " or before in "，、：；":
            cost -= total / 3
        if best is None or cost < best[0]:
            best = (cost, k)
    if best is None:
        return None
    k = best[1]
    head, tail = toks[:k], toks[k:]
    while tail and tail[0].ch == " ":
        tail = tail[1:]
    while head and head[-1].ch == " ":
        head = head[:-1]
    return [head, tail]


def _heading_rows(text: str, face: str, size: int, width: float, n: int) -> list[list[Token]] | None:
    toks = tokens(text, face, size)
    if n == 1:
        return [list(toks)] if width_of(toks) <= width else None
    if n == 2:
        return _two_rows(toks, width)
    even = min(width, width_of(toks) / n + 2 * size)
    rows = break_lines(toks, even)
    if len(rows) <= n and all(width_of(r) <= width for r in rows):
        return rows
    return None
