"""The learned combiner of line roles (``LayoutOptions.line_roles = "learned"``).

A small gradient-boosted tree model weighs the typesetting facts of
:mod:`pipeline.layout.line_features` together, where the hand-set rules of
:mod:`pipeline.layout.roles` read them one threshold at a time. It was trained by
``scripts/train_line_roles.py`` on generated pages of both families (seeds in
``line_roles.card.json``) and ships as plain JSON (``line_roles.model.json``: the
fitted trees as arrays, no pickled code), checked against the sha256 in the card
when loaded. Evaluating it needs only numpy.

Classes name what the generator's ground truth names; each maps onto the first
reading of :class:`pipeline.layout.roles.Roles`: a headline is display type; a
kicker or subheadline is display type at display size and medium type below it
(it joins the headline stack it touches); a subhead is medium; a byline a byline;
body is body, or a dateline when the line is nothing but one. A byline or dateline
the rules read (from the text and its place) stays one unless the model reads display
type there; a line the rules set apart as display or medium type goes back into the
body only when the model is sure (``SURE_BODY``). Captions and other matter (ads,
furniture) keep the rules' reading: the layout takes them elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

from pipeline.layout.features import LineInfo
from pipeline.layout.line_features import FEATURES, line_features
from pipeline.layout.patterns import is_dateline_only
from pipeline.layout.units import measure
from pipeline.state import TypeScale

HERE = Path(__file__).parent
MODEL = HERE / "line_roles.model.json"
CARD = HERE / "line_roles.card.json"
CLASSES = ("headline", "kicker", "subheadline", "subhead", "body", "byline", "caption", "other")
ROLES = ("display", "medium", "body", "byline", "dateline")
SURE_BODY = 0.9
"""A line the rules read as display or medium type is read as body only when the model is this sure."""
"""The lists of ``Roles``, in its field order."""


class ModelError(RuntimeError):
    """The shipped model file is missing, altered or made for other features."""


@dataclass(frozen=True)
class Trees:
    """One class's trees as flat node arrays (``left == -1`` marks a leaf, whose value is ``value``)."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    roots: np.ndarray

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Sum of the trees' leaf values for each row of ``x``."""
        rows = np.arange(len(x))
        total = np.zeros(len(x))
        for root in self.roots:
            node = np.full(len(x), root)
            while True:
                inner = self.left[node] >= 0
                if not inner.any():
                    break
                v = x[rows, self.feature[node]]
                go_left = (v <= self.threshold[node]) | (np.isnan(v) & self.missing_left[node])
                node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
            total += self.value[node]
        return total


@dataclass(frozen=True)
class LineRoleModel:
    """The fitted combiner: a baseline and one forest per class, summed and soft-maxed."""

    classes: tuple[str, ...]
    baseline: np.ndarray
    forests: tuple[Trees, ...]

    def proba(self, x: np.ndarray) -> np.ndarray:
        raw = np.stack([self.baseline[k] + f.raw(x) for k, f in enumerate(self.forests)], axis=1)
        raw -= raw.max(axis=1, keepdims=True)
        p = np.exp(raw)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, x: np.ndarray) -> list[str]:
        if not len(x):
            return []
        return [self.classes[k] for k in self.proba(x).argmax(axis=1)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _forest(trees: list[dict]) -> Trees:
    """Concatenate trees into one node array, offsetting child indices."""
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("feature", "threshold", "left", "right", "value")}
    missing, roots, base = [], [], 0
    for tree in trees:
        left, right = np.asarray(tree["left"], int), np.asarray(tree["right"], int)
        parts["left"].append(np.where(left >= 0, left + base, -1))
        parts["right"].append(np.where(right >= 0, right + base, -1))
        for key in ("feature", "threshold", "value"):
            parts[key].append(np.asarray(tree[key], float if key != "feature" else int))
        missing.append(np.asarray(tree["missing_left"], bool))
        roots.append(base)
        base += len(left)
    cat = {k: np.concatenate(v) for k, v in parts.items()}
    nodes = (cat[k] for k in ("feature", "threshold", "left", "right", "value"))
    return Trees(*nodes, missing_left=np.concatenate(missing), roots=np.array(roots))


def parse(doc: dict) -> LineRoleModel:
    """A model from its JSON document; its features must be this module's ``FEATURES``."""
    if doc.get("features") != list(FEATURES):
        raise ModelError("the line-role model was trained on other features: retrain with scripts/train_line_roles.py")
    classes = tuple(doc["classes"])
    forests = tuple(_forest([t for t in doc["trees"] if t["class"] == k]) for k in range(len(classes)))
    return LineRoleModel(classes, np.asarray(doc["baseline"], float), forests)


@cache
def shipped_model() -> LineRoleModel:
    """The committed model, checked against the sha256 recorded in its card."""
    if not MODEL.exists() or not CARD.exists():
        raise ModelError(f"{MODEL}: the line-role model or its card is missing")
    want = json.loads(CARD.read_text(encoding="utf-8"))["sha256"]
    if sha256(MODEL) != want:
        raise ModelError(f"{MODEL}: sha256 differs from the one in {CARD.name}")
    return parse(json.loads(MODEL.read_text(encoding="utf-8")))


def page_type(infos: list[LineInfo], size: float, weight: float, scale: TypeScale | None = None) -> TypeScale:
    """The type scale the features are stated in: ``scale`` when measured, else measured from ``infos``.

    Either way it is one measurement (:func:`pipeline.layout.units.measure`, the type-scale
    stage's), read with ``size`` and ``weight`` as the body's size and stroke weight.
    """
    if scale is None or scale.em <= 0 or scale.line_pitch <= 0:
        scale = measure(infos)
    return replace(scale, size=size or scale.size, weight=weight or scale.weight)


def role_of(kind: str, info: LineInfo, rel_size: float, ruled: str, display: float) -> str:
    """The ``Roles`` list for a line of class ``kind`` (``ruled``: where the rules put it).

    A byline or dateline the rules read from the text and its place (a lone name set flush
    right after the body) stays one unless the model reads display type there. A kicker
    below display size that the rules read as body stays in the body: a kicker set close
    to body size is told by its place tight over the headline (:mod:`pipeline.layout.kickers`).
    """
    if ruled in ("byline", "dateline") and kind in ("body", "subhead"):
        return ruled
    if kind == "headline":
        return "display"
    if kind == "kicker" and ruled == "body" and rel_size < display:
        return "body"  # a kicker in near-body type is found by its place over the headline (pipeline.layout.kickers)
    if kind in ("kicker", "subheadline"):
        return "display" if rel_size >= display or ruled == "display" else "medium"
    if kind == "subhead":
        return "medium"
    if kind == "byline":
        return "byline"
    if kind == "body":
        return "dateline" if is_dateline_only(info.text) else "body"
    return ruled


def learned_roles(
    infos: list[LineInfo],
    size: float,
    weight: float,
    ruled: Mapping[str, list[LineInfo]],
    display: float,
    model: LineRoleModel | None = None,
    scale: TypeScale | None = None,
) -> dict[str, list[LineInfo]]:
    """Sort lines into the lists of ``Roles`` by the model's class for each (see the module docstring).

    ``ruled``: the rules' reading of the same lines, kept for captions and other matter.
    ``scale``: the page's type scale (the type-scale stage's; measured from ``infos`` the
    same way when not given), with ``size`` and ``weight`` as the body size and weight.
    """
    model = model or shipped_model()
    where = {id(i): name for name, lines in ruled.items() for i in lines}
    proba = model.proba(line_features(infos, page_type(infos, size, weight, scale))) if infos else np.zeros((0, 1))
    out: dict[str, list[LineInfo]] = {name: [] for name in ROLES}
    for info, p in zip(infos, proba, strict=True):
        kind, ruled = model.classes[int(p.argmax())], where.get(id(info), "body")
        if kind == "body" and ruled in ("display", "medium") and p.max() < SURE_BODY:
            kind = "keep"  # type the rules read as set apart is only taken back into the body on clear evidence
        out[role_of(kind, info, info.size / size, ruled, display)].append(info)
    return out
