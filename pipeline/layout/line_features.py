"""What a typesetter reads off each OCR line to name its role, as numbers in the page's own type scale.

A headline is larger and heavier than the body, short, never ends a sentence, is
set with white space round it over the columns it heads, and its lines stack tight
in one size and weight; a kicker is a smaller display line over it; a subhead sits
inside a run of body lines; a byline is a few names after a role word; body lines
follow one another at the line pitch. Each feature below states one such fact,
measured against the page's body type (:class:`pipeline.state.TypeScale`: the
body size, em, line pitch, column measure and stroke weight), so that neither the
scan's resolution nor the detector's box padding changes it. ``FEATURES`` names
them in order; :func:`line_features` gives one row per line.
"""

from __future__ import annotations

import numpy as np

from pipeline.layout.adverts import is_contact, is_label
from pipeline.layout.features import LineInfo
from pipeline.layout.patterns import (
    DATELINE_START,
    SUBHEADLINE_DASH,
    is_byline,
    is_credit,
    is_credit_line,
    is_dateline_only,
    is_name_only,
)
from pipeline.state import TypeScale

FEATURES: dict[str, str] = {
    "size": "type size (box height across the text) in body sizes: display type is larger",
    "advance": "advance per character in ems: the type's real size, whatever the box padding",
    "weight": "stroke width per size over the body's: bold faces are heavier",
    "vertical": "set down a column (竖排): a vertical headline beside horizontal body",
    "chars": "length in ems of text: headlines and bylines are short, body lines fill the measure",
    "width": "line width over the column measure: a headline spans the columns it heads",
    "ends_sentence": "ends on 。！？ (closing quotes aside): running text, never a title",
    "stops": "count of 。，；： inside: sentences are body, titles carry few",
    "digits": "share of digits and Latin letters: dates, prices and phone numbers",
    "gap_above": "white space above, in line pitches: display type is set apart",
    "gap_below": "white space below, in line pitches",
    "size_above": "size of the line just above, in body sizes (0: none)",
    "size_below": "size of the line just below, in body sizes (0: none)",
    "stack": "lines of this one's size and weight stacked tight on it, itself included (a headline's line count)",
    "row_mates": "lines of its size on the same row a word space away (a title broken at a wide space)",
    "centre_off": "offset of its centre from the centre of the lines below, in ems: titles are centred",
    "left_off": "offset of its left edge from the left of the lines below, in ems: flush titles, indents",
    "right_off": "offset of the right edge of the lines below from its right edge, in ems",
    "span": "its width over the width of the lines below: a headline covers its module",
    "above_left_off": "its left edge right of the line above, in ems: a byline set flush right",
    "above_right_off": "its right edge left of the line above's, in ems",
    "body_above": "a body-size line one line pitch above in the same column",
    "body_below": "a body-size line one line pitch below in the same column",
    "below_dateline": "the line below opens with a dateline (本报讯 …): the body starts under a headline",
    "below_byline": "the line below is a byline: it closes a headline group or a body",
    "above_display": "the line just above is set a quarter larger than body or more",
    "is_byline": "reads as a byline: role words (记者, 通讯员 …) and names",
    "dateline_only": "nothing but a dateline (本报讯, 新华社北京1月4日电)",
    "dateline_start": "opens with a dateline: the first line of a body",
    "name_only": "nothing but one to three personal names (a byline's second line)",
    "credit": "a photo credit (记者 X 摄) closes it: caption matter",
    "credit_line": "nothing but a photo credit",
    "dash": "opens with a dash (——副题): a subheadline",
    "contact": "contact or offer matter (热线：, phone numbers, prices): advertising",
    "ad_label": "an advertising section label or notice title (分类广告, 遗失声明)",
}
"""Feature name -> the typesetting fact it measures, in column order."""

NONE_GAP = 8.0
"""Gap (line pitches) recorded when nothing is above or below: as good as a page edge."""
NONE_OFFSET = 40.0
"""Offset (ems) recorded when no lines lie below to align with."""
BELOW_REACH = 4.0
"""Lines starting within this many line pitches below a line are 'the lines below' it."""
SENTENCE_END = "。！？"
CLOSERS = "”’」』）)"
STOPS = "。，；："
SAME_SIZE = 0.1
"""Lines of one headline share their size within this share ..."""
SAME_WEIGHT = 0.2
"""... and their weight within this share."""


def _text_features(text: str) -> list[float]:
    """The features read from a line's text alone (see ``FEATURES``)."""
    core = text.strip().rstrip(CLOSERS)
    chars = [c for c in text if not c.isspace()]
    latin = sum(c.isascii() and c.isalnum() for c in chars)
    return [
        float(bool(core) and core[-1] in SENTENCE_END),
        float(sum(text.count(c) for c in STOPS)),
        latin / len(chars) if chars else 0.0,
    ]


def _pattern_features(text: str) -> list[float]:
    flags = (
        is_byline(text),
        is_dateline_only(text),
        bool(DATELINE_START.match(text)),
        is_name_only(text),
        is_credit(text),
        is_credit_line(text),
        bool(SUBHEADLINE_DASH.match(text)),
        is_contact(text),
        is_label(text),
    )
    return [float(f) for f in flags]


class _Page:
    """Column arrays of the lines' boxes and measures, and the neighbour look-ups over them."""

    def __init__(self, infos: list[LineInfo], scale: TypeScale) -> None:
        self.infos = infos
        self.scale = scale
        self.x0 = np.array([i.x0 for i in infos])
        self.x1 = np.array([i.x1 for i in infos])
        self.y0 = np.array([i.y0 for i in infos])
        self.y1 = np.array([i.y1 for i in infos])
        self.cy = (self.y0 + self.y1) / 2
        self.size = np.array([i.size for i in infos])
        self.ink = np.array([i.ink for i in infos])
        width = self.x1 - self.x0
        ov = np.minimum(self.x1[:, None], self.x1[None, :]) - np.maximum(self.x0[:, None], self.x0[None, :])
        shared = ov > 0.3 * np.minimum(width[:, None], width[None, :])
        smaller = np.minimum(self.size[:, None], self.size[None, :])
        # above[i, j]: line j lies above line i in the same column (they share a good part of their width)
        self.above = shared & (self.cy[None, :] < self.cy[:, None] - 0.4 * smaller)
        self.up = self._nearest(self.above, self.cy[:, None] - self.cy[None, :])
        self.down = self._nearest(self.above.T, self.cy[None, :] - self.cy[:, None])
        self.same = self._same_type()

    @staticmethod
    def _nearest(mask: np.ndarray, dist: np.ndarray) -> np.ndarray:
        """Index of the nearest line under ``mask`` for each row (-1: none)."""
        d = np.where(mask, dist, np.inf)
        best = d.argmin(axis=1)
        return np.where(np.isfinite(d[np.arange(len(d)), best]), best, -1)

    def _same_type(self) -> np.ndarray:
        """same[i]: the nearest line above shares line i's size and weight and is set tight on it."""
        out = np.zeros(len(self.infos), bool)
        for i, j in enumerate(self.up):
            if j < 0:
                continue
            gap = self.y0[i] - self.y1[j]
            size_ok = abs(self.size[i] - self.size[j]) <= SAME_SIZE * self.size[i]
            ink_ok = abs(self.ink[i] - self.ink[j]) <= SAME_WEIGHT * max(self.ink[i], self.ink[j], 1e-6)
            out[i] = size_ok and ink_ok and gap <= 1.0 * self.size[i]
        return out

    def stack(self, i: int) -> int:
        """Lines in the tight same-type chain through line i."""
        count, k = 1, i
        while self.same[k] and count < 8:
            k = int(self.up[k])
            count += 1
        k = i
        while (nxt := int(self.down[k])) >= 0 and self.same[nxt] and count < 8:
            k = nxt
            count += 1
        return count

    def row_mates(self, i: int) -> int:
        band = np.minimum(self.y1, self.y1[i]) - np.maximum(self.y0, self.y0[i])
        level = band > 0.7 * np.minimum(self.size, self.size[i])
        alike = np.abs(self.size - self.size[i]) <= SAME_SIZE * self.size[i]
        gap = np.maximum(self.x0 - self.x1[i], self.x0[i] - self.x1)
        near = gap <= 2.0 * self.size[i]
        mates = level & alike & near
        mates[i] = False
        return int(mates.sum())

    def gap(self, i: int, j: int, below: bool) -> float:
        if j < 0:
            return NONE_GAP
        gap = self.y0[j] - self.y1[i] if below else self.y0[i] - self.y1[j]
        return float(np.clip(gap / self.scale.line_pitch, -1.0, NONE_GAP))

    def below_span(self, i: int) -> tuple[float, float] | None:
        """Left and right of the lines starting just below line i within its reach (None: none)."""
        pitch = self.scale.line_pitch
        starts = (self.y0 >= self.y1[i] - 0.5 * self.size[i]) & (self.y0 <= self.y1[i] + BELOW_REACH * pitch)
        reach = self.scale.measure
        inside = (self.x1 > self.x0[i] - 0.1 * reach) & (self.x0 < self.x1[i] + 0.1 * reach)
        picked = starts & inside & (self.cy > self.cy[i])
        picked[i] = False
        if not picked.any():
            return None
        return float(self.x0[picked].min()), float(self.x1[picked].max())

    def is_body(self, j: int) -> bool:
        return abs(self.size[j] - self.scale.size) <= 0.15 * self.scale.size and not self.infos[j].vertical

    def at_pitch(self, i: int, j: int) -> float:
        near = j >= 0 and abs(self.cy[i] - self.cy[j]) <= 1.25 * self.scale.line_pitch
        return float(near and self.is_body(j))


def _geometry(page: _Page, i: int) -> list[float]:
    s, info = page.scale, page.infos[i]
    em = s.em or s.size
    up, down = int(page.up[i]), int(page.down[i])
    span = page.below_span(i)
    if span is None:
        centre = left = right = NONE_OFFSET
        cover = 0.0
    else:
        centre = abs((info.x0 + info.x1) / 2 - (span[0] + span[1]) / 2) / em
        left, right = (info.x0 - span[0]) / em, (span[1] - info.x1) / em
        cover = info.width / max(span[1] - span[0], 1.0)
    above_left = (info.x0 - page.x0[up]) / em if up >= 0 else NONE_OFFSET
    above_right = (page.x1[up] - info.x1) / em if up >= 0 else NONE_OFFSET
    below_text = page.infos[down].text if down >= 0 else ""
    return [
        page.gap(i, up, below=False),
        page.gap(i, down, below=True),
        page.size[up] / s.size if up >= 0 else 0.0,
        page.size[down] / s.size if down >= 0 else 0.0,
        float(page.stack(i)),
        float(page.row_mates(i)),
        min(centre, NONE_OFFSET),
        float(np.clip(left, -NONE_OFFSET, NONE_OFFSET)),
        float(np.clip(right, -NONE_OFFSET, NONE_OFFSET)),
        min(cover, 4.0),
        float(np.clip(above_left, -NONE_OFFSET, NONE_OFFSET)),
        float(np.clip(above_right, -NONE_OFFSET, NONE_OFFSET)),
        page.at_pitch(i, up),
        page.at_pitch(i, down),
        float(bool(below_text) and bool(DATELINE_START.match(below_text) or is_dateline_only(below_text))),
        float(bool(below_text) and is_byline(below_text)),
        float(up >= 0 and page.size[up] >= 1.25 * s.size),
    ]


def line_features(infos: list[LineInfo], scale: TypeScale) -> np.ndarray:
    """One row of ``FEATURES`` per line (shape ``(len(infos), len(FEATURES))``)."""
    out = np.zeros((len(infos), len(FEATURES)))
    if not infos or scale.size <= 0:
        return out
    page = _Page(infos, scale)
    em, weight = scale.em or scale.size, scale.weight
    for i, info in enumerate(infos):
        own = [
            info.size / scale.size,
            info.pitch / em,
            info.ink / weight if weight > 0 else 1.0,
            float(info.vertical),
            info.units,
            info.width / scale.measure if scale.measure > 0 else 0.0,
        ]
        out[i] = own + _text_features(info.text) + _geometry(page, i) + _pattern_features(info.text)
    return out
