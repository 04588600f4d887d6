"""Pair predicted articles with ground-truth articles (Hungarian assignment).

The cost of a pair mixes three views of "the same article", each in ``[0, 1]``:
how different the bodies read (normalised edit distance), how different the
headlines read, and how little the boxes overlap (1 - IoU). Text dominates, so a
prediction with a badly drawn box but the right words still finds its article;
the box term breaks ties between articles whose text was read poorly. Pairs whose
cost exceeds ``max_cost`` are not matches: an assignment always pairs *something*,
and two unrelated articles must not be scored against each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Levenshtein
from scipy.optimize import linear_sum_assignment

from pipeline.eval.text import body_text, normalize
from pipeline.geometry import area, intersection
from schemas import Article, BBox


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the cost terms (they need not sum to 1) and the largest cost that still matches."""

    body: float = 0.6
    headline: float = 0.2
    box: float = 0.2
    max_cost: float = 0.8


@dataclass(frozen=True)
class ArticleMatch:
    """Ground-truth article ``gt`` (an index) matched to predicted article ``pred``."""

    gt: int
    pred: int
    cost: float


def box_iou(a: BBox, b: BBox) -> float:
    """Intersection over union of two boxes (0.0 when both are empty).

    >>> box_iou(BBox(x0=0, y0=0, x1=10, y1=10), BBox(x0=5, y0=0, x1=15, y1=10))
    0.3333333333333333
    """
    ta, tb = (a.x0, a.y0, a.x1, a.y1), (b.x0, b.y0, b.x1, b.y1)
    inter = intersection(ta, tb)
    union = area(ta) + area(tb) - inter
    return inter / union if union > 0 else 0.0


def text_distance(a: str, b: str) -> float:
    """Edit distance of the normalised texts over the longer length, in ``[0, 1]``."""
    return float(Levenshtein.normalized_distance(normalize(a), normalize(b)))


def match_cost(pred: Article, gt: Article, weights: MatchWeights | None = None) -> float:
    """Weighted mean of body distance, headline distance and ``1 - IoU``, in ``[0, 1]``."""
    w = weights or MatchWeights()
    total = w.body + w.headline + w.box
    if total <= 0:
        raise ValueError("match weights must not all be zero")
    cost = (
        w.body * text_distance(body_text(pred), body_text(gt))
        + w.headline * text_distance(pred.headline, gt.headline)
        + w.box * (1.0 - box_iou(pred.bbox, gt.bbox))
    )
    return cost / total


def match_articles(
    pred: Sequence[Article], gt: Sequence[Article], weights: MatchWeights | None = None
) -> list[ArticleMatch]:
    """One-to-one matches of least total cost, ordered by ground-truth index.

    >>> a = Article(id="a", headline="开工", paragraphs=["全面掀起新热潮"], bbox=BBox(x0=0, y0=0, x1=9, y1=9))
    >>> b = Article(id="b", headline="会见", paragraphs=["推进双方合作"], bbox=BBox(x0=20, y0=0, x1=29, y1=9))
    >>> [(m.gt, m.pred) for m in match_articles([b, a], [a, b])]
    [(0, 1), (1, 0)]
    """
    w = weights or MatchWeights()
    if not pred or not gt:
        return []
    cost = np.array([[match_cost(p, g, w) for p in pred] for g in gt], dtype=np.float64)
    rows, cols = linear_sum_assignment(cost)
    matches = [ArticleMatch(int(r), int(c), float(cost[r, c])) for r, c in zip(rows, cols, strict=True)]
    return sorted((m for m in matches if m.cost <= w.max_cost), key=lambda m: m.gt)
