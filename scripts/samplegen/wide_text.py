"""Body text of a wide-family module: as many whole sentences as fill the room it has.

A module's box is fixed by its band; its text is cut to whole sentences that fill
the box's lines (line pitch = the leading), so that what is printed, and nothing
more, is the ground truth's paragraphs. Every row is one line of body type; a
byline takes rows of its own at the start or the end of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from samplegen.article import paragraph_lines
from samplegen.corpus import ArticleText
from samplegen.model import Style
from samplegen.typeset import TypeLine, break_words, set_line

RowKind = Literal["body", "byline", "subhead"]
SENTENCE = re.compile(r"[^。！？]*[。！？][”’]?|[^。！？]+$")
"""A sentence: up to and including its final mark (and a closing quote after it)."""


@dataclass(frozen=True)
class Row:
    """One line of a module's text flow, set at the origin (em top at y = 0)."""

    kind: RowKind
    line: TypeLine



def _byline_rows(text: str, col_w: float, style: Style, align: Literal["left", "right"]) -> list[Row]:
    rows = break_words(text, "hei", style.body, col_w)
    return [Row("byline", set_line(r, 0.0, 0.0, col_w, align)) for r in rows]


def _subhead_rows(text: str, col_w: float, style: Style) -> list[Row]:
    """An in-article subhead: bold Hei at body size, centred on a row of its own (none if it is too wide)."""
    rows = break_words(text, "hei_bold", style.body, col_w)
    return [Row("subhead", set_line(rows[0], 0.0, 0.0, col_w, "center"))] if len(rows) == 1 else []


def fill_text(
    art: ArticleText, col_w: float, capacity: int, style: Style, byline: str
) -> tuple[ArticleText, list[Row]] | None:
    """``art`` cut to whole sentences that fill at most ``capacity`` rows of ``col_w``.

    ``byline`` is "start", "end" (rows in the flow), "header" (printed under the heading,
    no rows here) or "none".
    Returns the article as printed and its rows in order; None if not one sentence fits.
    """
    head = _byline_rows(art.byline, col_w, style, "left") if art.byline and byline == "start" else []
    tail = _byline_rows(art.byline, col_w, style, "right") if art.byline and byline == "end" else []
    room = capacity - len(head) - len(tail)
    done: list[str] = []
    rows: list[Row] = []
    inside = {s.before_paragraph: s.text for s in art.subheads}
    with_sub: list[int] = []
    for index, para in enumerate(art.paragraphs):
        sub = _subhead_rows(inside[index], col_w, style) if index in inside else []
        cur, cur_lines = "", []
        for sentence in SENTENCE.findall(para):
            trial = paragraph_lines(art, index, cur + sentence, col_w, style)
            if len(rows) + len(sub) + len(trial) > room:
                break
            cur, cur_lines = cur + sentence, trial
        if cur:
            done.append(cur)
            rows += sub + [Row("body", ln) for ln in cur_lines]
            with_sub += [index] if sub else []
        if cur != para:
            break
    if not done:
        return None
    kept = art.byline is not None and byline in ("start", "end", "header")
    names_in_dateline = bool(art.dateline) and any(a in (art.dateline or "") for a in art.authors)
    printed = replace(
        art,
        paragraphs=tuple(done),
        byline=art.byline if kept else None,
        byline_at=("end" if byline == "end" else "start") if kept else None,
        authors=art.authors if kept or names_in_dateline else (),
        captions=(),
        subheads=tuple(s for s in art.subheads if s.before_paragraph in with_sub),
    )
    return printed, head + rows + tail
