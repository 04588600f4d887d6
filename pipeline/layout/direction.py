"""Which way a horizontal line on a vertical page reads: left to right, or right to left.

On a page set in vertical columns, a line set across the page (a masthead, a running
head, a headline over its article) was often set right to left until the 1950s: it is
really a row of one-character columns, read like the columns around it. Later papers
set such lines left to right. The reader of a line cannot tell which from the line
itself; the page can. Its columns are read in the one direction there is, top to bottom,
and the pairs of characters that follow each other in them (法租, 租界, 界懸 ...) are the
page's own words: a horizontal line whose character pairs turn up in the columns when it
is read backwards, and fewer when read forwards, was set right to left.

Only ideographs carry that evidence; Latin words and figures (``The Crystal``, ``7995``)
are set left to right in either case and are never turned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MARGIN = 1
"""Backward reading must explain at least this many more character pairs than forward reading."""
LATIN_SHARE = 0.3
"""A line with more than this share of Latin letters and figures is set left to right."""
MIRROR = str.maketrans("()（）「」『』《》〈〉[]【】", ")(）（」「』『》《〉〈][】【")
"""Paired marks face the other way once a line set right to left is given in reading order."""


def turned_around(text: str) -> str:
    """A line read left to right given in the order it was set right to left.

    >>> turned_around("(九四一)")
    '(一四九)'
    """
    return text[::-1].translate(MIRROR)


def is_ideograph(ch: str) -> bool:
    """A CJK unified ideograph (the main block and extension A) or a compatibility ideograph.

    >>> is_ideograph("晶"), is_ideograph("A"), is_ideograph("，")
    (True, False, False)
    """
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or code >= 0x20000


def ideographs(text: str) -> str:
    """The ideographs of ``text`` in order (punctuation, spaces and Latin left out)."""
    return "".join(ch for ch in text if is_ideograph(ch))


def pairs(texts: Iterable[str]) -> Counter[str]:
    """Adjacent ideograph pairs of each text, counted over all of them (pairs never cross texts)."""
    counts: Counter[str] = Counter()
    for text in texts:
        run = ideographs(text)
        counts.update(run[k : k + 2] for k in range(len(run) - 1))
    return counts


def support(text: str, known: Counter[str]) -> int:
    """How many adjacent pairs of ``text`` (ideographs only) occur in ``known``.

    >>> support("法租界", pairs(["上海法租界內"])), support("界租法", pairs(["上海法租界內"]))
    (2, 0)
    """
    run = ideographs(text)
    return sum(1 for k in range(len(run) - 1) if known[run[k : k + 2]] > 0)


def evidence(text: str, known: Counter[str]) -> int | None:
    """Pairs explained by reading ``text`` backwards less those explained forwards; None when it
    holds no evidence either way (fewer than two ideographs, or mostly Latin letters and figures)."""
    latin = sum(1 for ch in text if ch.isascii() and ch.isalnum())
    if len(ideographs(text)) < 2 or latin > LATIN_SHARE * len(text.strip() or "x"):
        return None
    return support(text[::-1], known) - support(text, known)


def backwards_lines(texts: list[str], known: Counter[str]) -> list[bool]:
    """For each horizontal line (or block) of one page, whether it was set right to left.

    A line decides by its own pairs when they differ by ``MARGIN`` or more; a line whose
    pairs say nothing (a name, a figure, a slogan not repeated in the columns) follows the
    way most of the page's deciding lines read, since one compositor set them all.
    Lines that are mostly Latin never turn.

    >>> cols = pairs(["昨日法租界懸旗糾紛", "糾紛已解决"])
    >>> backwards_lines(["紛糾旗懸界租法", "報晶", "The Crystal"], cols)
    [True, True, False]
    >>> backwards_lines(["法租界懸旗糾紛", "報晶"], cols)
    [False, False]
    """
    scores = [evidence(t, known) for t in texts]
    back = sum(1 for s in scores if s is not None and s >= MARGIN)
    ahead = sum(1 for s in scores if s is not None and s <= -MARGIN)
    default = back > ahead
    return [s is not None and (s >= MARGIN or (abs(s) < MARGIN and default)) for s in scores]
