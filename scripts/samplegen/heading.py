"""Headings of the wide family: headlines of 1-4 lines in any face, kickers, subheadlines.

A headline is set in a chosen number of lines, broken between its parts (the
spaces of its text) where it can, else at the most balanced place kinsoku allows.
Its size is the chosen multiple of the body size, shrunk until the longest line
fits the measure; a small module's headline thus often ends up smaller than
planned. Lines are set flush left, flush right, centred, or staggered (the first
line flush left, the second flush right, each short of the full measure).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from samplegen.fonts import covers
from samplegen.typeset import Token, TypeLine, _bad_break, set_line, tokens, width_of

HeadAlign = Literal["left", "center", "right", "stagger"]
FALLBACK = {"kai": "song", "wenkai": "song", "wenkai_bold": "hei_bold", "smiley": "hei_bold", "ming": "song"}
"""Face used for a text that the chosen face cannot print in full."""


@dataclass(frozen=True)
class HeadSpec:
    """How one heading element is set: face, size in body ems, line count, alignment."""

    face: str
    scale: float
    lines: int = 1
    align: HeadAlign = "left"
    pitch: float = 1.2
    """Line pitch in units of the type size."""


def usable_face(face: str, text: str) -> str:
    """``face``, or its fallback when it lacks a character of ``text``."""
    return face if covers(face, text) else FALLBACK.get(face, "hei_bold")


def _split_part(part: str) -> list[str]:
    """Split one part in two near its middle, never inside a number or before a closing mark."""
    toks = [Token(c, "song", 10, 10.0) for c in part]
    mid = len(part) // 2
    for k in sorted(range(1, len(part)), key=lambda k: abs(k - mid)):
        if not _bad_break(toks, k) and not (part[k - 1].isascii() and part[k].isascii()):
            return [part[:k], part[k:]]
    return [part]


def _rows(text: str, n: int) -> list[str]:
    """``text`` in ``n`` rows: whole parts grouped by balance, parts split when too few."""
    parts = text.split(" ")
    while len(parts) < n:
        longest = max(range(len(parts)), key=lambda i: len(parts[i]))
        pieces = _split_part(parts[longest])
        if len(pieces) == 1:
            break
        parts[longest : longest + 1] = pieces
    while len(parts) > n:
        sums = [len(parts[i]) + len(parts[i + 1]) for i in range(len(parts) - 1)]
        i = sums.index(min(sums))
        parts[i : i + 2] = [parts[i] + " " + parts[i + 1]]
    return parts


def set_heading(
    text: str, spec: HeadSpec, body: int, x0: float, width: float, y: float, least: float = 1.1
) -> tuple[list[TypeLine], float]:
    """Set ``text`` from ``y`` over ``[x0, x0 + width]``; returns the lines and the bottom y.

    The size starts at ``spec.scale`` body ems and shrinks (not below ``least`` ems)
    until the longest row fits; a staggered heading leaves a fifth of the measure free.
    """
    face = usable_face(spec.face, text)
    rows = _rows(text, spec.lines)
    room = width * (0.8 if spec.align == "stagger" and len(rows) > 1 else 1.0)
    size = round(body * spec.scale)
    while size > round(body * least) and max(width_of(tokens(r, face, size)) for r in rows) > room:
        size -= 1
    if max(width_of(tokens(r, face, size)) for r in rows) > width:
        if len(rows) < len(text.replace(" ", "")) and spec.lines < 8:
            return set_heading(text, replace(spec, lines=spec.lines + 1), body, x0, width, y, least)
        raise ValueError(f"heading {text!r} does not fit {width:.0f} px")
    lines = []
    pitch = size * spec.pitch
    for i, row in enumerate(rows):
        toks = tokens(row, face, size)
        align = spec.align if spec.align != "stagger" else ("left" if i % 2 == 0 else "right")
        lines.append(set_line(toks, x0, y + i * pitch, width, align))
    return lines, y + (len(rows) - 1) * pitch + size


def printed(lines: list[TypeLine]) -> str:
    """The text a heading's lines print, parts joined by spaces (as the ground truth keeps it)."""
    return " ".join(ln.text for ln in lines)
