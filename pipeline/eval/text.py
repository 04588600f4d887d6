"""Text normalisation and character error rate (CER).

Both sides of every comparison go through :func:`normalize` first:

* Unicode NFKC, so full-width and half-width forms compare equal
  (``，`` = ``,``, ``：`` = ``:``, ``Ａ`` = ``A``, ``１`` = ``1``);
* all whitespace dropped, since Chinese text has no spaces and OCR engines insert
  them at random between characters.

Ideographic punctuation that has no half-width twin (``。``, ``、``, ``“”``) is kept
as it is: it is real text and an engine should read it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from schemas import Article, Block, Page

_WHITESPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC, then drop every whitespace character.

    >>> normalize("晚报讯 昨天，市委 召开（大会）")
    '晚报讯昨天,市委召开(大会)'
    """
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def edit_distance(prediction: str, reference: str) -> int:
    """Levenshtein distance between the normalised texts (insert, delete, substitute cost 1)."""
    return int(Levenshtein.distance(normalize(prediction), normalize(reference)))


def cer(prediction: str, reference: str) -> float:
    """Character error rate: edit distance / length of the normalised reference.

    An empty reference gives 0.0 for an empty prediction and 1.0 otherwise, so the
    rate stays finite. It may exceed 1.0 when the prediction is much longer.

    >>> cer("重大项目", "重大项目")
    0.0
    >>> cer("重大頂目", "重大项目")
    0.25
    """
    ref = normalize(reference)
    dist = edit_distance(prediction, reference)
    if not ref:
        return 0.0 if dist == 0 else 1.0
    return dist / len(ref)


def block_text(block: Block) -> str:
    """A block's text; its lines joined when the text field was left empty."""
    return block.text or "".join(line.text for line in block.lines)


def page_text(page: Page) -> str:
    """All block text in reading order: ``reading_order`` first, then unlisted blocks in block order."""
    by_id = {b.id: b for b in page.blocks}
    listed = [by_id[i] for i in dict.fromkeys(page.reading_order) if i in by_id]
    seen = {b.id for b in listed}
    rest = [b for b in page.blocks if b.id not in seen]
    return "".join(block_text(b) for b in listed + rest)


def body_text(article: Article) -> str:
    """An article's body: its paragraphs joined (headline, dateline and byline excluded)."""
    return "".join(article.paragraphs)


@dataclass
class CharErrorRate:
    """Micro-averaged CER accumulator: total edits over total reference characters.

    >>> m = CharErrorRate()
    >>> m.update("重大頂目", "重大项目"); m.update("", "开工")
    >>> m.edits, m.chars, m.compute()
    (3, 6, 0.5)
    """

    edits: int = 0
    chars: int = 0

    def update(self, prediction: str, reference: str) -> None:
        """Add one pair of texts."""
        self.edits += edit_distance(prediction, reference)
        self.chars += len(normalize(reference))

    def add(self, edits: int, chars: int) -> None:
        """Add counts already measured elsewhere."""
        self.edits += edits
        self.chars += chars

    def compute(self) -> float | None:
        """The rate so far; ``None`` before any reference character was seen."""
        if self.chars == 0:
            return None if self.edits == 0 else 1.0
        return self.edits / self.chars


def _gt_lines(gt: Page) -> list[tuple[str, tuple[int, int, int, int]]]:
    by_id = {b.id: b for b in gt.blocks}
    order = [by_id[i] for i in dict.fromkeys(gt.reading_order) if i in by_id]
    order += [b for b in gt.blocks if b.id not in set(gt.reading_order)]
    return [(ln.text, (ln.bbox.x0, ln.bbox.y0, ln.bbox.x1, ln.bbox.y1)) for b in order for ln in b.lines]


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> int:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def aligned_text(pred: Page, gt: Page) -> str:
    """Predicted line text put in the ground truth's line order by position.

    Each predicted line joins the ground-truth line its box overlaps most (left to
    right among several); lines overlapping none go last. The CER of this text against
    :func:`page_text` of the ground truth measures reading the page, whatever the
    layout stages made of its order. Ground truth without lines (plain text) has no
    positions to order by: the predicted reading order stands.
    """
    targets = _gt_lines(gt)
    if not targets:
        return page_text(pred)
    slots: list[list[tuple[int, str]]] = [[] for _ in targets]
    stray: list[str] = []
    for block in pred.blocks:
        for line in block.lines:
            box = (line.bbox.x0, line.bbox.y0, line.bbox.x1, line.bbox.y1)
            overlaps = [_overlap(box, t[1]) for t in targets]
            best = max(range(len(targets)), key=overlaps.__getitem__, default=-1)
            if best < 0 or overlaps[best] == 0:
                stray.append(line.text)
            else:
                slots[best].append((box[0], line.text))
    return "".join(t for slot in slots for _, t in sorted(slot)) + "".join(stray)
