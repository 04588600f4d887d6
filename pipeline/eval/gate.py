"""Evaluation as a regression gate: thresholds on the totals, and a comparison with a baseline run.

``--fail-under METRIC=VALUE`` fails the run when a total falls short of VALUE: a
rate (``recall``, ``precision``, ``headline_rate``, ``authors_f1``) below it, an
error rate (``page_cer``, ``text_cer``, ``body_cer``) or a count of ad leaks above
it. A figure the ground truth cannot give (article recall against plain text) fails
too: a gate that silently measures nothing is no gate.

``--baseline OLD.json`` reads an earlier ``broadsheet eval --json`` and lists each
page whose figures got worse, and each ground-truth article that was found before
and is not now, lost its exact headline, or reads with a higher body CER.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError
from pipeline.eval.metrics import ArticleScore, Scores

HIGHER_IS_BETTER = ("recall", "precision", "headline_rate", "authors_f1")
LOWER_IS_BETTER = ("page_cer", "text_cer", "body_cer", "ad_leaks")
METRICS = HIGHER_IS_BETTER + LOWER_IS_BETTER


@dataclass(frozen=True)
class Threshold:
    metric: str
    value: float


def parse_threshold(text: str) -> Threshold:
    """``METRIC=VALUE``; a rate may be given as a fraction or a percentage.

    >>> parse_threshold("recall=0.9"), parse_threshold("page_cer=2%")
    (Threshold(metric='recall', value=0.9), Threshold(metric='page_cer', value=0.02))
    """
    metric, sep, raw = text.partition("=")
    metric = metric.strip()
    if not sep or metric not in METRICS:
        raise ValueError(f"want METRIC=VALUE with METRIC one of {', '.join(METRICS)}: {text!r}")
    raw = raw.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise ValueError(f"not a number: {raw!r} in {text!r}") from None
    return Threshold(metric, value)


def _shown(metric: str, value: float | None) -> str:
    if value is None:
        return "not measured"
    return str(int(value)) if metric == "ad_leaks" else f"{100 * value:.2f}%"


def check(total: Scores, thresholds: Sequence[Threshold]) -> list[str]:
    """One line per threshold the totals miss (empty when all are met)."""
    misses = []
    for t in thresholds:
        value = getattr(total, t.metric)
        value = None if value is None else float(value)
        low = t.metric in HIGHER_IS_BETTER
        if value is None or (value < t.value if low else value > t.value):
            bound = "under" if low else "over"
            misses.append(f"{t.metric} {_shown(t.metric, value)} is {bound} the limit {_shown(t.metric, t.value)}")
    return misses


def read_baseline(path: Path) -> dict[str, object]:
    """An earlier ``broadsheet eval --json`` output."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not an eval --json file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise InputError(path, "not an eval --json file (no pages)")
    return data


def _page_worse(old: dict[str, object], new: Scores, tolerance: float) -> list[str]:
    out = []
    for metric in METRICS:
        before, after = old.get(metric), getattr(new, metric)
        if not isinstance(before, int | float) or after is None:
            continue
        drop = (before - after) if metric in HIGHER_IS_BETTER else (after - before)
        if drop > tolerance:
            out.append(f"{metric} {_shown(metric, float(before))} -> {_shown(metric, float(after))}")
    return out


def _article_worse(old: dict[str, object], new: ArticleScore, tolerance: float) -> list[str]:
    out = []
    if old.get("found") and not new.found:
        out.append("no longer found")
    if old.get("headline_exact") and not new.headline_exact:
        out.append("headline no longer exact")
    before = old.get("body_cer")
    if isinstance(before, int | float) and new.body_cer is not None and new.body_cer - before > tolerance:
        out.append(f"body_cer {_shown('body_cer', float(before))} -> {_shown('body_cer', new.body_cer)}")
    return out


def regressions(
    baseline: dict[str, object], pages: Sequence[Scores], articles: Sequence[ArticleScore], tolerance: float = 0.0
) -> list[str]:
    """One line per page and per article that got worse than in ``baseline``."""
    old_pages = {p.get("name"): p for p in baseline.get("pages", []) if isinstance(p, dict)}  # type: ignore[union-attr]
    old_articles = {
        (a.get("page"), a.get("article")): a for a in baseline.get("articles", []) or [] if isinstance(a, dict)
    }  # type: ignore[union-attr]
    lines = []
    for page in pages:
        if page.name in old_pages:
            worse = _page_worse(old_pages[page.name], page, tolerance)
            lines += [f"page {page.name}: {'; '.join(worse)}"] if worse else []
    for art in articles:
        old = old_articles.get((art.page, art.article))
        worse = _article_worse(old, art, tolerance) if old else []
        lines += [f"article {art.page}/{art.article} {art.headline}: {'; '.join(worse)}"] if worse else []
    return lines
