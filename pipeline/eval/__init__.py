"""Evaluation: score predicted pages against ground truth.

>>> from pipeline.eval import cer, normalize
>>> cer("晚报讯：昨天", "晚报讯:昨天")
0.0
"""

from __future__ import annotations

from pipeline.eval.matching import ArticleMatch, MatchWeights, match_articles
from pipeline.eval.metrics import PageMetrics, Scores, leaked_ads
from pipeline.eval.text import CharErrorRate, cer, normalize, page_text

__all__ = [
    "ArticleMatch",
    "CharErrorRate",
    "MatchWeights",
    "PageMetrics",
    "Scores",
    "cer",
    "leaked_ads",
    "match_articles",
    "normalize",
    "page_text",
]
