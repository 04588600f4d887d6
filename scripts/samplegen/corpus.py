"""Article and advertisement texts that pages are typeset from (``corpus.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

CORPUS_FILE = Path(__file__).with_name("corpus.json")

BylineAt = Literal["start", "end", "inline"]
AdRole = Literal["title", "big", "mid", "small"]


@dataclass(frozen=True)
class SubheadText:
    """An in-article subhead printed before paragraph ``before_paragraph``."""

    text: str
    before_paragraph: int


@dataclass(frozen=True)
class ArticleText:
    """The text of one article as printed, split into its parts."""

    id: str
    headline: str
    paragraphs: tuple[str, ...]
    kicker: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    byline: str | None = None
    byline_at: BylineAt | None = None
    authors: tuple[str, ...] = ()
    subheads: tuple[SubheadText, ...] = ()
    captions: tuple[str, ...] = ()

    @property
    def chars(self) -> int:
        """Number of body characters."""
        return sum(len(p) for p in self.paragraphs)


@dataclass(frozen=True)
class AdText:
    """An advertisement: printed lines with a size role each, top to bottom."""

    id: str
    lines: tuple[tuple[AdRole, str], ...]


@dataclass(frozen=True)
class Corpus:
    """All texts, by id."""

    articles: dict[str, ArticleText]
    ads: dict[str, AdText]


def _article(raw: dict) -> ArticleText:
    subheads = tuple(SubheadText(s["text"], s["before_paragraph"]) for s in raw.get("subheads", []))
    return ArticleText(
        id=raw["id"],
        headline=raw["headline"],
        paragraphs=tuple(raw["paragraphs"]),
        kicker=raw.get("kicker"),
        subheadline=raw.get("subheadline"),
        dateline=raw.get("dateline"),
        byline=raw.get("byline"),
        byline_at=raw.get("byline_at"),
        authors=tuple(raw.get("authors", [])),
        subheads=subheads,
        captions=tuple(raw.get("captions", [])),
    )


@lru_cache(maxsize=4)
def load_corpus(path: Path = CORPUS_FILE) -> Corpus:
    """Read the corpus file.

    >>> load_corpus().articles["nantong-projects"].dateline
    '晚报讯'
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    articles = {a["id"]: _article(a) for a in raw["articles"]}
    ads = {a["id"]: AdText(a["id"], tuple((r, t) for r, t in a["lines"])) for a in raw["ads"]}
    return Corpus(articles=articles, ads=ads)
