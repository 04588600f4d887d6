"""Accuracy of predicted pages against ground truth, accumulated page by page.

:class:`PageMetrics` follows the ``update()`` / ``summary()`` style of torchmetrics
and docTR: feed it (prediction, ground truth) pairs, read per-page :class:`Scores`
back from ``update`` and the totals from ``summary``. Every rate is a *micro*
average: counts are summed over pages first, then divided, so long articles and
busy pages weigh more, as they do for a reader.

What is measured (texts compared after :func:`pipeline.eval.text.normalize`):

* page CER: all block text in reading order against the ground truth's (reading
  order errors count as edits);
* text CER: predicted lines put in the ground truth's order by position
  (:func:`pipeline.eval.text.aligned_text`): how well the page was read, whatever
  the layout made of its order;
* body CER: ``"".join(paragraphs)`` of each ground-truth article against its
  matched prediction (an unmatched article counts as all characters deleted);
* headline exact-match rate over ground-truth articles;
* article recall / precision: a ground-truth article is *found* when its match
  has body CER <= ``found_cer`` (5 %); recall = found / ground-truth articles,
  precision = found / predicted articles;
* authors F1 over sets of names, micro-averaged over matched articles; the
  authors of unmatched ground-truth articles count as misses;
* ad leaks: ground-truth advertisement blocks whose text turns up inside a
  predicted paragraph. Anything but 0 is a bug.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from rapidfuzz import fuzz

from pipeline.eval.matching import MatchWeights, match_articles
from pipeline.eval.text import aligned_text, block_text, body_text, edit_distance, normalize, page_text
from schemas import Article, Block, Page

FOUND_CER = 0.05
"""Largest body CER at which a matched article counts as found."""
AD_MIN_CHARS = 6
"""Shorter ad texts (a brand, a price) may appear in a real article by chance."""
AD_MIN_SCORE = 90.0
"""rapidfuzz partial_ratio from which an ad text counts as present: exact up to 9 characters."""


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True)
class Scores:
    """Counts of one page (or of many, added up) and the rates derived from them."""

    name: str = ""
    pages: int = 0
    page_edits: int = 0
    page_chars: int = 0
    text_edits: int = 0
    gt_articles: int = 0
    pred_articles: int = 0
    matched: int = 0
    found: int = 0
    headlines_exact: int = 0
    body_edits: int = 0
    body_chars: int = 0
    authors_tp: int = 0
    authors_fp: int = 0
    authors_fn: int = 0
    ad_leaks: int = 0

    def __add__(self, other: Scores) -> Scores:
        sums = {f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self) if f.name != "name"}
        return Scores(name=self.name, **sums)

    @property
    def page_cer(self) -> float | None:
        """Edits over ground-truth characters of whole pages."""
        return _ratio(self.page_edits, self.page_chars)

    @property
    def text_cer(self) -> float | None:
        """Edits over ground-truth characters with predicted lines in ground-truth order."""
        return _ratio(self.text_edits, self.page_chars)

    @property
    def body_cer(self) -> float | None:
        """Edits over ground-truth characters of article bodies."""
        return _ratio(self.body_edits, self.body_chars)

    @property
    def headline_rate(self) -> float | None:
        return _ratio(self.headlines_exact, self.gt_articles)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.gt_articles)

    @property
    def precision(self) -> float | None:
        return _ratio(self.found, self.pred_articles)

    @property
    def authors_f1(self) -> float | None:
        """``2tp / (2tp + fp + fn)``; ``None`` when no article names any author."""
        return _ratio(2 * self.authors_tp, 2 * self.authors_tp + self.authors_fp + self.authors_fn)

    def to_dict(self) -> dict[str, str | int | float | None]:
        """Counts and rates, ready for ``json.dumps``."""
        rates = ("page_cer", "text_cer", "body_cer", "headline_rate", "recall", "precision", "authors_f1")
        return {**asdict(self), **{r: getattr(self, r) for r in rates}}


def _names(article: Article) -> set[str]:
    return {n for n in (normalize(a) for a in article.authors) if n}


def _ad_texts(block: Block) -> list[str]:
    """The ad's lines when it has them (a leak is usually a line or two), else its whole text."""
    texts = [ln.text for ln in block.lines] or [block_text(block)]
    return [t for t in (normalize(x) for x in texts) if len(t) >= AD_MIN_CHARS]


def _inside(text: str, paragraphs: list[str]) -> bool:
    # partial_ratio aligns ``text`` with its best-matching stretch of the paragraph,
    # so a leaked ad line is caught even with an OCR slip in a long line.
    return any(fuzz.partial_ratio(text, p, score_cutoff=AD_MIN_SCORE) for p in paragraphs)


def leaked_ads(pred: Page, gt: Page) -> list[str]:
    """Ground-truth ad texts found inside predicted paragraphs, one per leaking ad block."""
    # Paragraphs shorter than an ad text count too (a paragraph made of ad text leaks
    # as well), but only from AD_MIN_CHARS up, so a stray "他说" is no leak.
    paragraphs = [t for t in (normalize(p) for a in pred.articles for p in a.paragraphs) if len(t) >= AD_MIN_CHARS]
    leaks = []
    for block in gt.blocks:
        if block.type != "advertisement":
            continue
        hit = next((t for t in _ad_texts(block) if _inside(t, paragraphs)), None)
        if hit is not None:
            leaks.append(hit)
    return leaks


@dataclass(frozen=True)
class ArticleScore:
    """How one ground-truth article was read: what a baseline comparison looks at."""

    page: str
    article: str
    headline: str
    matched: bool
    found: bool
    headline_exact: bool
    body_edits: int
    body_chars: int

    @property
    def body_cer(self) -> float | None:
        return _ratio(self.body_edits, self.body_chars)

    def to_dict(self) -> dict[str, str | int | float | bool | None]:
        return {**asdict(self), "body_cer": self.body_cer}


def _article_score(hyp: Article | None, ref: Article, found_cer: float) -> tuple[ArticleScore, tuple[int, int, int]]:
    """The article's score and its (tp, fp, fn) author counts."""
    ref_body = normalize(body_text(ref))
    if hyp is None:
        edits, found, exact, names = len(ref_body), False, False, (0, 0, len(_names(ref)))
    else:
        edits = edit_distance(body_text(hyp), ref_body)
        found = edits <= found_cer * len(ref_body)
        exact = normalize(hyp.headline) == normalize(ref.headline)
        got, want = _names(hyp), _names(ref)
        names = (len(got & want), len(got - want), len(want - got))
    score = ArticleScore("", ref.id, ref.headline, hyp is not None, found, exact, edits, len(ref_body))
    return score, names


def score_articles(
    pred: Page, gt: Page, weights: MatchWeights | None = None, found_cer: float = FOUND_CER
) -> tuple[Scores, list[ArticleScore]]:
    """Body CER, headline, recall / precision and author counts of one page, and each article's score."""
    matched = {m.gt: pred.articles[m.pred] for m in match_articles(pred.articles, gt.articles, weights)}
    records, tp, fp, fn = [], 0, 0, 0
    for i, ref in enumerate(gt.articles):
        record, (a, b, c) = _article_score(matched.get(i), ref, found_cer)
        records.append(record)
        tp, fp, fn = tp + a, fp + b, fn + c
    scores = Scores(
        gt_articles=len(gt.articles),
        pred_articles=len(pred.articles),
        matched=len(matched),
        found=sum(r.found for r in records),
        headlines_exact=sum(r.headline_exact for r in records),
        body_edits=sum(r.body_edits for r in records),
        body_chars=sum(r.body_chars for r in records),
        authors_tp=tp,
        authors_fp=fp,
        authors_fn=fn,
    )
    return scores, records


def article_scores(pred: Page, gt: Page, weights: MatchWeights | None = None, found_cer: float = FOUND_CER) -> Scores:
    """Body CER, headline, recall / precision and author counts of one page."""
    return score_articles(pred, gt, weights, found_cer)[0]


class PageMetrics:
    """Accumulate scores over (prediction, ground truth) page pairs.

    >>> from schemas import BBox, EngineInfo, Source
    >>> art = Article(id="a", headline="开工", paragraphs=["全面掀起新热潮"], bbox=BBox(x0=0, y0=0, x1=9, y1=9))
    >>> page = Page(source=Source(path="p.png", sha256=""), width=9, height=9, engine=EngineInfo(name="x"),
    ...             articles=[art])
    >>> metrics = PageMetrics()
    >>> metrics.update(page, page, name="p").recall
    1.0
    >>> metrics.summary().body_cer
    0.0
    """

    def __init__(self, weights: MatchWeights | None = None, found_cer: float = FOUND_CER) -> None:
        self.weights = weights
        self.found_cer = found_cer
        self.pages: list[Scores] = []
        self.articles: list[ArticleScore] = []

    def update(self, pred: Page, gt: Page, name: str = "", articles: bool = True, authors: bool = True) -> Scores:
        """Score one page, remember it, and return its scores.

        ``articles=False`` scores the page text only (ground truth that knows no
        articles, such as plain text); ``authors=False`` leaves author counts out
        (ground truth whose articles name no authors, such as ALTO or PAGE-XML).
        """
        name = name or gt.source.path
        ref_text = normalize(page_text(gt))
        art, records = score_articles(pred, gt, self.weights, self.found_cer) if articles else (Scores(), [])
        if not authors:
            art = Scores(**{**asdict(art), "authors_tp": 0, "authors_fp": 0, "authors_fn": 0})
        self.articles.extend(replace(r, page=name) for r in records)
        scores = art + Scores(
            pages=1,
            page_edits=edit_distance(page_text(pred), ref_text),
            page_chars=len(ref_text),
            text_edits=edit_distance(aligned_text(pred, gt), ref_text),
            ad_leaks=len(leaked_ads(pred, gt)),
        )
        scores = Scores(**{**asdict(scores), "name": name})
        self.pages.append(scores)
        return scores

    def summary(self) -> Scores:
        """All pages so far, added up (``name`` is ``"total"``)."""
        total = Scores(name="total")
        for page in self.pages:
            total = total + page
        return total

    def reset(self) -> None:
        """Forget every page."""
        self.pages.clear()
        self.articles.clear()
