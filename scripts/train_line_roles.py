"""Train the learned combiner of line roles on generated pages with ground truth.

    python scripts/train_line_roles.py TRAIN_DIR... --held-out DIR... [--cache DIR] [--cached-only]

Each scan's OCR comes from the layout_eval cache (``scripts/layout_eval.py``: run
``--ocr-only`` on a folder first, in the background). The layout stages run up to
classification, and the lines the first role reading sees are labelled by the
ground-truth block they lie in (``X.gt.json`` beside each scan: an OCR line takes the
type of the ground-truth line it overlaps most). A small gradient-boosted tree model
(scikit-learn) is fitted on the training folders and scored per class on the held-out
folders only: pick those from seeds no page of the training set came from. The fitted
trees are written as JSON (no pickle) to ``pipeline/layout/line_roles.model.json``
with a card (sha256, folders, scikit-learn version, held-out scores) beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout_eval import Harness, cache_key, scans

from pipeline.atomic import write_atomic
from pipeline.config import PipelineConfig
from pipeline.eval.files import ground_truth_for
from pipeline.geometry import to_scan_bbox
from pipeline.layout import line_roles as lr
from pipeline.layout.line_features import FEATURES, line_features
from pipeline.stages.load import file_sha256, iter_pages
from pipeline.state import PageState, RunContext

LABELS = {t: t for t in ("headline", "kicker", "subheadline", "subhead", "body", "byline", "caption")}
"""Ground-truth block type -> class; every other type (ads, page header, folio) is 'other'."""
MIN_SHARE = 0.5
"""An OCR line takes a ground-truth line's type when at least this share of its box lies on it."""
CLASSIFY = "classify"
LABEL_VERSION = "1"
"""Bump when :func:`label_lines` changes, so stored rows are made again."""


@dataclass
class Lines:
    """Feature rows, classes and the folder each line came from."""

    x: list[np.ndarray] = field(default_factory=list)
    y: list[str] = field(default_factory=list)
    group: list[str] = field(default_factory=list)

    def add(self, x: np.ndarray, y: list[str], group: str) -> None:
        self.x.append(x)
        self.y += y
        self.group += [group] * len(y)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        x = np.concatenate(self.x) if self.x else np.zeros((0, len(FEATURES)))
        return x, np.asarray(self.y)


@contextmanager
def role_inputs() -> Iterator[list[tuple]]:
    """Record what the first role reading is given (lines, body size, weight, type scale) while the layout runs."""
    import pipeline.layout.reading as reading

    seen: list[tuple] = []
    real = reading.read_roles

    def spy(infos, size, ink, *args, **kw):
        seen.append((list(infos), size, ink, kw.get("scale")))
        return real(infos, size, ink, *args, **kw)

    reading.read_roles = spy
    try:
        yield seen
    finally:
        reading.read_roles = real


def _overlap(a: tuple[float, ...], b: dict) -> float:
    w = min(a[2], b["x1"]) - max(a[0], b["x0"])
    h = min(a[3], b["y1"]) - max(a[1], b["y0"])
    return max(w, 0.0) * max(h, 0.0)


def label_lines(boxes: list[tuple[float, ...]], truth: dict) -> list[str]:
    """The class of each box (scan pixels): the type of the ground-truth line it overlaps most."""
    gt = [(LABELS.get(b["type"], "other"), ln["bbox"]) for b in truth["blocks"] for ln in b.get("lines", [])]
    out = []
    for box in boxes:
        area = max((box[2] - box[0]) * (box[3] - box[1]), 1.0)
        best = max(gt, key=lambda g: _overlap(box, g[1]), default=None)
        out.append(best[0] if best and _overlap(box, best[1]) >= MIN_SHARE * area else "other")
    return out


def page_lines(harness: Harness, state: PageState, truth: dict) -> tuple[np.ndarray, list[str]]:
    """Features and classes of the lines the role reading of one cached page sees."""
    names = [s.name for s in harness.pipe.stages]
    ctx = RunContext()
    with role_inputs() as seen:
        for stage in harness.pipe.stages[harness._split() : names.index(CLASSIFY) + 1]:
            state = stage(state, ctx)
    if len(seen) != 1:
        raise RuntimeError(f"{state.source.path}: the role reading ran {len(seen)} times, not once")
    infos, size, weight, scale = seen[0]
    boxes = [tuple(to_scan_bbox(i.box, state.to_scan, state.width, state.height).model_dump().values()) for i in infos]
    return line_features(infos, lr.page_type(infos, size, weight, scale)), label_lines(boxes, truth)


def cached(harness: Harness, scan: Path) -> bool:
    sha = file_sha256(scan)
    keys = [cache_key(sha, p.page_index, harness.config) for p in iter_pages(scan, harness.config.load)]
    return all((harness.cache / f"{k}.pkl").exists() for k in keys)


def code_version() -> str:
    """sha256 of the code that makes a page's rows: rerun when the features or their labelling change."""
    import pipeline.layout.adverts as adverts
    import pipeline.layout.line_features as features
    import pipeline.layout.patterns as patterns
    import pipeline.layout.reading as reading
    import pipeline.layout.units as units

    files = [Path(m.__file__ or "") for m in (features, patterns, adverts, reading, units, lr)]
    text = b"".join(f.read_bytes() for f in files) + LABEL_VERSION.encode()
    return hashlib.sha256(text).hexdigest()[:16]


def scan_lines(harness: Harness, scan: Path, rows: Path | None) -> list[tuple[np.ndarray, list[str]]]:
    """Features and classes of each page of ``scan`` (from ``rows`` when made there by this code)."""
    sha = file_sha256(scan)
    key = hashlib.sha256(f"{sha}:{cache_key(sha, 0, harness.config)}:{code_version()}".encode()).hexdigest()[:24]
    stored = rows / f"{key}.npz" if rows else None
    if stored is not None and stored.exists():
        data = np.load(stored)
        return [(data[f"x{k}"], data[f"y{k}"].tolist()) for k in range(len(data.files) // 2)]
    pages = []
    for state in harness.after_ocr(scan):
        truth = ground_truth_for(scan, state.source.page_index, state.source.page_count)
        if truth is not None:
            pages.append(page_lines(harness, state, json.loads(truth.read_text(encoding="utf-8"))))
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        arrays = {f"{n}{k}": np.asarray(v) for k, (x, y) in enumerate(pages) for n, v in (("x", x), ("y", y))}
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        write_atomic(stored, buf.getvalue())
    return pages


def collect(folders: list[Path], harness: Harness, cached_only: bool, rows: Path | None = None) -> Lines:
    """Labelled lines of every scan with ground truth in ``folders``."""
    out = Lines()
    for folder in folders:
        if not folder.is_dir():
            if not cached_only:
                raise SystemExit(f"{folder}: no such folder")
            print(f"skip {folder} (no such folder yet)", flush=True)
            continue
        for scan in scans([folder]):
            if cached_only and not cached(harness, scan):
                print(f"skip {scan} (not in the OCR cache)", flush=True)
                continue
            for x, y in scan_lines(harness, scan, rows):
                out.add(x, y, folder.name)
    return out


def fit(x: np.ndarray, y: np.ndarray, seed: int = 0):
    """A shallow boosted-tree classifier; rare classes weigh more (by the square root of their rarity)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    names, counts = np.unique(y, return_counts=True)
    weight = {n: (len(y) / c) ** 0.5 for n, c in zip(names, counts, strict=True)}
    model = HistGradientBoostingClassifier(
        max_iter=120, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=8, l2_regularization=1.0, random_state=seed
    )
    return model.fit(x, y, sample_weight=np.array([weight[v] for v in y]))


def export(model) -> dict:
    """The fitted trees as plain arrays (see :func:`pipeline.layout.line_roles.parse`)."""
    import sklearn

    classes = [str(c) for c in model.classes_]
    if len(classes) < 3:
        raise SystemExit("need lines of at least three classes to train a multi-class model")
    trees = []
    for per_class in model._predictors:
        for k, predictor in enumerate(per_class):
            nodes = predictor.nodes
            leaf = nodes["is_leaf"].astype(bool)
            trees.append(
                {
                    "class": k,
                    "feature": nodes["feature_idx"].astype(int).tolist(),
                    "threshold": nodes["num_threshold"].astype(float).tolist(),
                    "left": np.where(leaf, -1, nodes["left"].astype(np.int64)).astype(int).tolist(),
                    "right": np.where(leaf, -1, nodes["right"].astype(np.int64)).astype(int).tolist(),
                    "value": [float(f"{v:.6g}") for v in nodes["value"]],
                    "missing_left": nodes["missing_go_to_left"].astype(bool).tolist(),
                }
            )
    baseline = np.asarray(model._baseline_prediction, float).ravel().tolist()
    return {
        "format": "broadsheet-line-roles/1",
        "sklearn": sklearn.__version__,
        "features": list(FEATURES),
        "classes": classes,
        "baseline": baseline,
        "trees": trees,
    }


def scores(truth: np.ndarray, pred: list[str], classes: list[str]) -> dict[str, dict[str, float]]:
    """Per-class precision, recall and support."""
    out = {}
    for c in classes:
        tp = sum(t == c and p == c for t, p in zip(truth, pred, strict=True))
        n_pred, n_true = sum(p == c for p in pred), int((truth == c).sum())
        out[c] = {
            "precision": round(tp / n_pred, 3) if n_pred else 0.0,
            "recall": round(tp / n_true, 3) if n_true else 0.0,
            "support": n_true,
        }
    return out


def seeds(folders: list[str]) -> list[int]:
    """The generator seeds the folders were made from (the number a folder's name ends on)."""
    found = (re.search(r"(\d+)$", name) for name in set(folders))
    return sorted({int(m.group(1)) for m in found if m})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="+", type=Path, help="folders of generated pages with ground truth")
    ap.add_argument("--held-out", nargs="+", type=Path, required=True, help="folders of other seeds, scored only")
    ap.add_argument("--cache", type=Path, default=Path("/work/cache/layout-ocr"))
    ap.add_argument("--cached-only", action="store_true", help="skip scans whose OCR is not cached yet")
    ap.add_argument("--rows", type=Path, help="keep each page's labelled rows here (reused while the code stays)")
    ap.add_argument("--model", type=Path, default=lr.MODEL)
    args = ap.parse_args(argv)
    if set(args.train) & set(args.held_out):
        raise SystemExit("a folder is both trained on and held out")
    harness = Harness(PipelineConfig(), args.cache)
    train = collect(args.train, harness, args.cached_only, args.rows)
    held = collect(args.held_out, harness, args.cached_only, args.rows)
    x, y = train.arrays()
    hx, hy = held.arrays()
    if not len(x) or not len(hx):
        raise SystemExit("no labelled lines to train on or to score: fill the OCR cache first")
    fitted = fit(x, y)
    doc = export(fitted)
    ours = lr.parse(doc)
    gap = float(np.abs(ours.proba(x) - fitted.predict_proba(x)).max())
    if gap > 1e-3:  # leaf values are written to 6 digits
        raise SystemExit(f"the exported trees disagree with the fitted model by {gap:.2g}")
    held_scores = scores(hy, ours.predict(hx), doc["classes"])
    text = json.dumps(doc, separators=(",", ":"))
    write_atomic(args.model, text)
    card = {
        "model": args.model.name,
        "sha256": lr.sha256(args.model),
        "sklearn": doc["sklearn"],
        "trained_on": sorted({*train.group}),
        "held_out": sorted({*held.group}),
        "seeds": {"trained_on": seeds(train.group), "held_out": seeds(held.group)},
        "lines": {"train": len(y), "held_out": len(hy)},
        "held_out_scores": held_scores,
    }
    write_atomic(args.model.with_name(lr.CARD.name), json.dumps(card, indent=1, ensure_ascii=False) + "\n")
    for c, s in held_scores.items():
        print(f"{c:12} precision {s['precision']:.3f} recall {s['recall']:.3f} support {s['support']}")
    print(f"wrote {args.model} ({len(text) // 1024} KiB), trained on {len(y)} lines, held out {len(hy)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
