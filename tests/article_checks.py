"""Yardsticks for comparing found articles with articles read off a page by eye.

OCR of small type makes one or two character errors in a line, so every comparison here
allows a stated number of edits after folding the differences that carry no meaning
(full- and half-width forms, spaces, the shapes of quotation marks).
"""

from __future__ import annotations

import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from schemas import Article

_QUOTES = str.maketrans({c: '"' for c in "“”„‟‘’「」『』'＂"})
_DROP = str.maketrans("", "", "·・• \t\u3000")


def norm(text: str | None) -> str:
    """Fold width, spaces, middle dots and quotation-mark shapes away.

    >>> norm("聚焦·标准化 “两节”，１２月")
    '聚焦标准化"两节",12月'
    """
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DROP).replace("\n", "")


def near(found: str | None, expected: str | None, edits: int = 2) -> bool:
    """``found`` reads ``expected`` with at most ``edits`` character edits (None matches only None).

    >>> near("干萝", "于萝", edits=1), near("本报记者", None), near(None, None)
    (True, False, True)
    """
    if expected is None:
        return not norm(found)
    return Levenshtein.distance(norm(found), norm(expected)) <= edits


def body(article: Article) -> str:
    """The article's body text, paragraphs joined, folded."""
    return norm("".join(article.paragraphs))


def starts_like(article: Article, start: str, edits: int = 2) -> bool:
    """The body's first characters read ``start`` within ``edits``."""
    want = norm(start)
    return Levenshtein.distance(body(article)[: len(want)], want) <= edits


def ends_like(article: Article, end: str, edits: int = 2) -> bool:
    """The body's last characters read ``end`` within ``edits``."""
    want = norm(end)
    return Levenshtein.distance(body(article)[-len(want) :], want) <= edits


def titles(article: Article) -> list[str]:
    """The short display fields of an article: kicker, headline, subheadline, byline, subheads."""
    fields = (article.kicker, article.headline, article.subheadline, article.byline)
    return [norm(t) for t in (*fields, *(s.text for s in article.subheads)) if t]


def within(want: str, field: str, edits: int) -> bool:
    """Some stretch of ``field`` reads ``want`` with at most ``edits`` character edits."""
    lengths = range(max(1, len(want) - edits), len(want) + edits + 1)
    return any(
        Levenshtein.distance(field[i : i + n], want) <= edits for n in lengths for i in range(len(field) - n + 1)
    )


def holds(article: Article, text: str, body_only: bool = False) -> bool:
    """Whether ``text`` (a label, caption, credit or ad) was taken into ``article``.

    A long text (12+ characters) counts when some stretch of a field reads it with one
    edit in ten (OCR errors), so that one phone number is not taken for another. A short
    one counts when a title field holds it with one edit in five (a label read with an
    error, or glued onto a headline), when a title field is a piece of it, or when the body
    holds it verbatim: body text shares many short words with labels, so only the exact
    string is evidence there.

    >>> from schemas import BBox
    >>> glued = Article(id="a", headline="三一标展台成都明年蔬菜可实现溯源", bbox=BBox(x0=0, y0=0, x1=1, y1=1))
    >>> holds(glued, "三品一标 展台"), holds(glued, "农产品质量标准")
    (True, False)
    >>> ad = Article(id="b", headline="招聘", paragraphs=["电话：0513-85123456"], bbox=BBox(x0=0, y0=0, x1=1, y1=1))
    >>> holds(ad, "电话：0513-85123456"), holds(ad, "电话：0513-85551234")
    (True, False)
    """
    want = norm(text)
    heads = [] if body_only else titles(article)
    if len(want) >= 12:
        return any(within(want, f, max(1, len(want) // 10)) for f in [*heads, body(article)])
    if want in body(article) or any(want in f for f in heads):
        return True
    edits = max(1, len(want) // 5)
    return any(within(want, f, edits) or (len(f) >= 2 and f in want) for f in heads)


def holding(articles: list[Article], text: str, names: bool = False) -> list[str]:
    """Headlines of the articles holding ``text`` (with ``names``, in their authors too): an ad's
    line, a label or a caption found here has leaked into an article."""
    return [a.headline for a in articles if holds(a, text) or (names and any(near(n, text, 0) for n in a.authors))]


def locate(articles: list[Article], headline: str, body_start: str | None = None) -> Article | None:
    """The found article a true one became: the best headline match (80% or better), else
    the article whose body opens (within its first 30 characters) with ``body_start``.

    The fallback lets the other aspects of an article be checked when its headline is
    broken (a line lost or split off); the headline itself is checked on its own.
    """
    want = norm(headline)
    scored = [(fuzz.partial_ratio(want, norm(a.headline)), a) for a in articles]
    scored = [s for s in scored if s[0] >= 80]
    if scored:
        return max(scored, key=lambda s: s[0])[1]
    if body_start:
        for article in articles:
            if within(norm(body_start), body(article)[:30], 1):
                return article
    return None


def iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over union of two ``(x0, y0, x1, y1)`` boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0, w) * max(0, h)
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area else 0.0
