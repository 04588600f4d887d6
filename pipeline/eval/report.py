"""Show evaluation scores: a rich table for people, a dict for machines."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from rich.table import Table

from pipeline.eval.metrics import ArticleScore, Scores

_COLUMNS: tuple[tuple[str, str], ...] = (
    ("page CER", "page_cer"),
    ("text CER", "text_cer"),
    ("body CER", "body_cer"),
    ("headline", "headline_rate"),
    ("recall", "recall"),
    ("precision", "precision"),
    ("authors F1", "authors_f1"),
)


CAPTION = (
    "CER = edits / ground-truth characters (NFKC, no whitespace); page CER in predicted reading order, "
    "text CER with predicted lines in ground-truth order by position; headline = exact match; "
    "found = matched article with body CER <= 5%; recall = found / gt, precision = found / pred"
)


def percent(value: float | None) -> str:
    """A rate as a percentage with one decimal; ``-`` when undefined.

    >>> percent(0.0312), percent(None)
    ('3.1%', '-')
    """
    return "-" if value is None else f"{100 * value:.1f}%"


def _row(s: Scores) -> list[str]:
    rates = [percent(getattr(s, attr)) for _, attr in _COLUMNS]
    articles = f"{s.found}/{s.gt_articles} ({s.pred_articles})"
    leaks = str(s.ad_leaks) if s.ad_leaks == 0 else f"[bold red]{s.ad_leaks}[/]"
    return [escape(s.name), *rates, articles, leaks]


def scores_table(pages: Sequence[Scores], total: Scores | None = None, title: str = "accuracy") -> Table:
    """Per-page rows, then the totals row (micro averages) under a rule."""
    table = Table(title=title, title_justify="left", caption=CAPTION, caption_justify="left")
    table.add_column("page", overflow="fold")
    for label, _ in _COLUMNS:
        table.add_column(label, justify="right")
    table.add_column("found/gt (pred)", justify="right")
    table.add_column("ad leaks", justify="right")
    for s in pages:
        table.add_row(*_row(s))
    if total is not None:
        table.add_section()
        table.add_row(*_row(total), style="bold")
    return table


def scores_json(pages: Sequence[Scores], total: Scores, articles: Sequence[ArticleScore] = ()) -> dict[str, object]:
    """``{"pages": [...], "total": {...}, "articles": [...]}`` with every count and rate."""
    return {
        "pages": [s.to_dict() for s in pages],
        "total": total.to_dict(),
        "articles": [a.to_dict() for a in articles],
    }
