"""Advertisements that are not framed as display ads: classified notices and unframed ads.

Typesetting facts, stated in the page's type scale (sizes against the body size,
distances across a line in ems, down the page in line pitches):

* A section label set on a line of its own (分类广告, 广告, 招聘, 遗失声明, 公告) heads
  advertising matter, never news: a frame holding one is an advertisement block, however
  much of it is set in body-sized type (classified notices are small print that looks
  like running text).
* Ads sell and point the reader somewhere: contact lines (电话, 热线, 地址, 咨询, 营业,
  代理, 售楼, 联系人 followed by a colon), runs of phone-number digits and prices in 元.
  A frame with two such lines is an advertisement.
* Ads also sell without pointing anywhere: an offer (全场5折, 满300元减50元, 报名即减200元,
  票价180元起, 均价12800元/㎡起) or a web address is ad matter, news reports prices in
  sentences, never as a line of display type.
* An unframed display ad is a stack of centred lines of mixed sizes, at least one in
  display type (1.3 body or more), holding a contact or offer line, with no run of body
  text flowing down it.
* An ad given a whole column's depth spreads its few lines evenly down it: each line
  stands alone, with white far wider than any leading above and below it, and the white
  between one line and the next is the same all the way down. Running text is set at one
  tight leading, a headline sits close over its text: neither stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from pipeline.geometry import Box, overlap_1d
from pipeline.layout.features import LineInfo
from pipeline.layout.units import scale_of
from pipeline.state import TypeScale

_LABELS = ("分类广告", "广告", "招聘", "遗失声明", "公告", "减资公告", "声明", "启事", "招商", "招生")
AD_LABEL = re.compile(rf"^\s*[【〔\[]?\s*(?:{'|'.join(_LABELS)})\s*[】〕\]]?\s*$")
"""A line that is nothing but an advertising section label or notice title."""

_CONTACT_WORDS = "电话|热线|地址|咨询|营业|代理|售楼|联系人|联系电话|订购|预订|招商"
_DASH = r"\s*[-－—–]\s*"
PHONE = re.compile(
    rf"(?:\d{{3,4}}{_DASH}\d{{7,8}}|(?<!\d)1[3-9]\d{{9}}(?!\d)|(?<!\d)400{_DASH}?\d{{3}}{_DASH}?\d{{4}})"
)
"""A phone number: an area code and a local number, a mobile number, a 400 hotline."""
CONTACT = re.compile(rf"(?:{_CONTACT_WORDS})\s*[:：]")
"""A contact word with a colon after it (售楼热线：, 地址：)."""
PRICE = re.compile(r"\d+(?:\.\d+)?\s*(?:万?元)\s*(?:/|起|每|／)")
"""A price quoted as an offer (3999元起, 12000元/㎡)."""

OFFER = re.compile(
    r"(?:\d+(?:\.\d+)?\s*折|[一二三四五六七八九]折|满\s*\d+\s*元?\s*减|减\s*\d+\s*元|票价|"
    r"www\.|https?://|\.(?:com|cn|net)\b)"
)
"""An offer or a web address: a discount (5折, 满300减50), money off, a ticket price, a URL."""

DISPLAY = 1.3
"""Type at least this many body sizes is display type."""
CONTACT_LINES = 2
"""Lines of contact matter that make a frame an advertisement."""
CENTRED = 1.25
"""A centred line's middle lies within this many ems of its stack's."""
STACK_GAP = 1.25
"""Widest white, in line pitches (of the larger type), between the lines of one stack."""
ROW_TYPE = 1.15
"""Pieces of a row join only in type this many body sizes or larger (display type)."""
WORD_SPACE = 1.0
"""Widest space, in the type's own size, between two pieces of one row of display type."""
EVEN_WHITE = 1.25
"""White up to this many times the widest already between a stack's lines still joins it."""
FULL = 0.6
"""A line set to the full measure reaches both edges of its stack within this many ems."""
RUNNING_LINES = 3
"""Running text shows itself in this many body lines set to the full measure (two may be chance:
two display lines of near body size whose padded boxes reach the same edges)."""
BODY_LIKE = 0.2
"""A line within this share of the body size is set in body type."""


def is_label(text: str) -> bool:
    """Whether a line is an advertising section label or notice title.

    >>> is_label("分类广告"), is_label("遗失声明"), is_label("公告栏目今起改版")
    (True, True, False)
    """
    return bool(AD_LABEL.match(text))


def is_contact(text: str) -> bool:
    """Whether a line carries contact or offer matter: 热线：…, a phone number, a price.

    >>> is_contact("售楼热线：0513-88886666"), is_contact("项目地址：滨江大道1号")
    (True, True)
    >>> is_contact("市民在公园观赏蜡梅。"), is_contact("价格为每斤3元。")
    (False, False)
    """
    return bool(CONTACT.search(text) or PHONE.search(text) or PRICE.search(text))


def is_offer(text: str) -> bool:
    """Whether a line makes an offer or gives a web address.

    >>> is_offer("全场5折"), is_offer("满300元减50元"), is_offer("票价 180元起"), is_offer("www.ntjy.cn")
    (True, True, True, True)
    >>> is_offer("总投资143亿元"), is_offer("市民在公园观赏蜡梅。")
    (False, False)
    """
    return bool(OFFER.search(text) or PRICE.search(text))


def is_advertising(inside: list[LineInfo]) -> bool:
    """Whether a frame's lines carry advertising matter: a section label, contact or offer lines."""
    if any(is_label(i.text) for i in inside):
        return True
    return sum(is_contact(i.text) or is_offer(i.text) for i in inside) >= CONTACT_LINES


def _centred(line: LineInfo | Piece, x0: float, x1: float, em: float) -> bool:
    return abs((line.x0 + line.x1) / 2 - (x0 + x1) / 2) <= CENTRED * em


def _widest_white(group: Sequence[LineInfo | Piece]) -> float:
    """The most white between two lines of ``group`` that follow each other down the stack."""
    ordered = sorted(group, key=lambda i: i.y0)
    return max((b.y0 - a.y1 for a, b in pairwise(ordered)), default=0.0)


def _joins(group: Sequence[LineInfo | Piece], line: LineInfo | Piece, scale: TypeScale) -> bool:
    """Whether ``line`` is set tight above or below ``group`` and centred on it, the narrower
    of the two within the other's width (an ad's name may be wider than its offer).

    Display type is set with leading in proportion to its size: the white allowed grows
    with the larger of the line's size and its neighbour's in the stack, against the body's.
    An ad spreads its lines evenly down its space, so white as wide as the widest already
    inside the stack (and a little more) still joins.
    """
    x0, x1 = min(i.x0 for i in group), max(i.x1 for i in group)
    top, bottom = min(i.y0 for i in group), max(i.y1 for i in group)
    gap = max(line.y0 - bottom, top - line.y1)
    below = line.y0 - bottom >= top - line.y1
    near = max(group, key=lambda i: i.y1) if below else min(group, key=lambda i: i.y0)
    allowed = STACK_GAP * scale.line_pitch * max(1.0, max(line.size, near.size) / scale.size)
    if gap > max(allowed, EVEN_WHITE * _widest_white(group)):
        return False
    if overlap_1d(x0, x1, line.x0, line.x1) < 0.8 * min(line.width, x1 - x0):
        return False
    return _centred(line, x0, x1, scale.em)


@dataclass(frozen=True)
class Piece:
    """The lines of one printed row of display type, read by the detector as several pieces."""

    items: tuple[LineInfo, ...]

    @property
    def x0(self) -> float:
        return min(i.x0 for i in self.items)

    @property
    def x1(self) -> float:
        return max(i.x1 for i in self.items)

    @property
    def y0(self) -> float:
        return min(i.y0 for i in self.items)

    @property
    def y1(self) -> float:
        return max(i.y1 for i in self.items)

    @property
    def size(self) -> float:
        return max(i.size for i in self.items)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def text(self) -> str:
        return " ".join(i.text for i in self.items)


def _same_row(a: Piece, b: LineInfo, body: float) -> bool:
    """Whether ``b`` continues the row ``a`` on the right: larger type than the body, on the same
    height, a word space (its own size or less) away. Columns of body type never join."""
    if min(a.size, b.size) < ROW_TYPE * body:
        return False
    if overlap_1d(a.y0, a.y1, b.y0, b.y1) < 0.6 * min(a.y1 - a.y0, b.y1 - b.y0):
        return False
    return 0 <= b.x0 - a.x1 <= WORD_SPACE * min(a.size, b.size)


def display_rows(lines: list[LineInfo], body: float) -> list[Piece]:
    """The lines grouped into printed rows (pieces of a row of display type joined), top to bottom."""
    rows: list[Piece] = []
    for line in sorted(lines, key=lambda i: i.x0):
        k = next((k for k, r in enumerate(rows) if _same_row(r, line, body)), None)
        if k is None:
            rows.append(Piece((line,)))
        else:
            rows[k] = Piece((*rows[k].items, line))
    return sorted(rows, key=lambda r: r.y0)


def unframed_ads(
    lines: list[LineInfo], body: float, scale: TypeScale | None = None
) -> list[tuple[Box, list[LineInfo]]]:
    """Stacks of centred rows around a contact or offer line, holding display type: unframed ads.

    ``body`` is the body box height, ``scale`` the page's type scale.
    """
    units = scale_of(body, scale)
    taken: set[int] = set()
    found: list[tuple[Box, list[LineInfo]]] = []
    ordered = display_rows([i for i in lines if not i.vertical], body)
    for seed in ordered:
        if id(seed) in taken or not (CONTACT.search(seed.text) or PHONE.search(seed.text) or is_offer(seed.text)):
            continue
        group = [seed]
        grown = True
        while grown:
            grown = False
            for row in ordered:
                if id(row) not in taken and row not in group and _joins(group, row, units):
                    group.append(row)
                    grown = True
        if not _is_display_stack(group, body, units.em):
            group = _spread(seed, [r for r in ordered if id(r) not in taken], units)
        if _is_display_stack(group, body, units.em):
            taken.update(id(r) for r in group)
            inside = [i for r in group for i in r.items]
            found.append((_bounds(inside), inside))
    return found


def _alone(row: Piece, rows: Sequence[Piece], scale: TypeScale) -> bool:
    """Whether no other row is set within a stack's white (:data:`STACK_GAP`) above or below ``row``."""
    white = STACK_GAP * scale.line_pitch
    return not any(
        r is not row and overlap_1d(r.x0, r.x1, row.x0, row.x1) > 0 and max(r.y0 - row.y1, row.y0 - r.y1) < white
        for r in rows
    )


def _next_down(group: Sequence[Piece], rows: Sequence[Piece], below: bool) -> tuple[Piece, float] | None:
    """The row set next below (or above) ``group`` across its width, with the white between."""
    x0, x1 = min(i.x0 for i in group), max(i.x1 for i in group)
    top, bottom = min(i.y0 for i in group), max(i.y1 for i in group)
    whites = [
        (r, r.y0 - bottom if below else top - r.y1)
        for r in rows
        if r not in group and overlap_1d(x0, x1, r.x0, r.x1) > 0 and (r.y0 >= bottom if below else r.y1 <= top)
    ]
    return min(whites, key=lambda p: p[1], default=None)


def _spread(seed: Piece, rows: Sequence[Piece], scale: TypeScale) -> list[Piece]:
    """The rows of an ad spread evenly down its column round ``seed``: each row alone, centred on
    the others, the white between any two that follow each other the same (within :data:`EVEN_WHITE`)."""
    if not _alone(seed, rows, scale):
        return [seed]
    group = [seed]
    whites: list[float] = []
    while True:
        steps = [s for s in (_next_down(group, rows, True), _next_down(group, rows, False)) if s is not None]
        fits = [
            (row, white)
            for row, white in steps
            if _alone(row, rows, scale)
            and _centred(row, min(i.x0 for i in group), max(i.x1 for i in group), scale.em)
            and (not whites or (max(whites) <= EVEN_WHITE * white and white <= EVEN_WHITE * min(whites)))
        ]
        if not fits:
            return group
        row, white = min(fits, key=lambda p: p[1])
        group.append(row)
        whites.append(white)


def _is_display_stack(group: Sequence[LineInfo | Piece], body: float, em: float) -> bool:
    """A few centred lines, one in display type, few of them body type set to the full measure.

    Running text is body type set justified, every line reaching both edges of its column;
    the lines of a display ad are centred and of many lengths and sizes (a big line may
    well fill the measure: it is display type, not running text).
    """
    if len(group) < 3 or not any(i.size >= DISPLAY * body for i in group):
        return False
    x0, _, x1, _ = _bounds(group)
    full = sum(
        abs(i.size - body) <= BODY_LIKE * body and i.x0 - x0 <= FULL * em and x1 - i.x1 <= FULL * em for i in group
    )
    return full < max(RUNNING_LINES, len(group) / 2)


def _bounds(group: Sequence[LineInfo | Piece]) -> Box:
    return min(i.x0 for i in group), min(i.y0 for i in group), max(i.x1 for i in group), max(i.y1 for i in group)
