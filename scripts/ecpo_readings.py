"""Ways of reading the vertical columns of the ECPO frames, scored per kind of region.

Every line the detector finds on the pages of each frame (晶報 1939, ECPO ground truth,
CC BY 4.0) is read once per reading; a crop taller than wide (a column) is read

* ``turned``: a quarter turn, its top to the left, the characters on their side: what the
  pipeline does (``pipeline.stages.ocr.crop_quad``), and what PP-OCR does itself with a
  crop 1.5 times taller than wide;
* ``cells``: cut into its character cells, laid upright side by side (``vertical_cells.py``).

Scores are order-free (``pipeline.eval.ecpo``): the share of the frame's true characters read
anywhere (recall), the share of the characters read that are true (precision), and recall per
kind of region: a line counts for the region of ``*.visualGT.json`` its centre lies in, against
the text of that kind in ``*.textGT.xml``. Seconds are the recognition time of each reading,
the readings taking turns page by page (the machine may be shared)::

    python scripts/ecpo_readings.py [--cache DIR] [--min-confidence 0.5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ecpo import folds, scan_of
from layout_eval import Harness
from vertical_cells import relay_column

from pipeline.config import PipelineConfig
from pipeline.eval.ecpo import GtPolygon, clean, parse_fold, parse_layout
from pipeline.geometry import Affine
from pipeline.stages.load import iter_pages
from pipeline.stages.ocr import _VERTICAL_RATIO, crop_quad, detect_lines, detection_scale

READINGS = ("turned", "cells")
KINDS = {"article": "article", "advert": "advertisement", "margin": "additional", "head": "additional"}
"""Text kind of the transcription -> label of the layout polygons that hold it."""


def _upright(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The crop of ``quad`` as it stands on the page (no turn)."""
    q = np.asarray(quad, dtype=np.float32).reshape(4, 2)
    width = max(1, int(max(np.linalg.norm(q[0] - q[1]), np.linalg.norm(q[2] - q[3]))))
    height = max(1, int(max(np.linalg.norm(q[0] - q[3]), np.linalg.norm(q[1] - q[2]))))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(q, target)
    return cv2.warpPerspective(image, m, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def _read(reading: str, image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    if reading == "cells":
        crop = _upright(image, quad)
        if crop.shape[0] >= crop.shape[1] * _VERTICAL_RATIO:
            line = relay_column(crop)
            if line is not None:
                return np.ascontiguousarray(line)
    return crop_quad(image, quad)


def _label(polygons: list[GtPolygon], quad: np.ndarray) -> str | None:
    x, y = quad.mean(axis=0)
    return next((p.label for p in polygons if p.contains(float(x), float(y))), None)


def read_frame(harness: Harness, config: PipelineConfig, scan: Path, polygons, seconds: Counter) -> dict:
    """Reading -> (label or None, text, confidence) of every detected line of the frame's pages."""
    out: dict[str, list] = {r: [] for r in READINGS}
    for part, state in zip(iter_pages(scan, config.load), harness.after_ocr(scan), strict=True):
        image = state.work_image
        quads = detect_lines(harness.pipe.engine, image, detection_scale(state.dpi, config.ocr))
        to_scan = state.to_scan.then(Affine.translation(*part.offset))
        labels = [_label(polygons, to_scan.apply(q)) for q in quads]
        for reading in READINGS:
            crops = [_read(reading, image, q) for q in quads]
            start = time.perf_counter()
            results = harness.pipe.engine.recognize(crops)
            seconds[reading] += time.perf_counter() - start
            out[reading] += [(lab, t, c) for lab, (t, c) in zip(labels, results, strict=True)]
    return out


def _common(a: Counter[str], b: Counter[str]) -> int:
    return sum((a & b).values())


def score(regions, lines: list, min_confidence: float) -> list[float]:
    """Recall, precision, then recall per kind of region (``KINDS``)."""
    kept = [(lab, clean(t)) for lab, t, c in lines if c >= min_confidence]
    truth = Counter(clean("".join(r.text for r in regions)))
    read = Counter("".join(t for _, t in kept))
    row = [_common(truth, read) / sum(truth.values()), _common(truth, read) / max(1, sum(read.values()))]
    for kind in dict.fromkeys(KINDS.values()):
        true = Counter(clean("".join(r.text for r in regions if KINDS.get(r.kind) == kind)))
        got = Counter("".join(t for lab, t in kept if lab == kind))
        row.append(_common(true, got) / max(1, sum(true.values())))
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/work/cache/layout-ocr"))
    ap.add_argument("--min-confidence", type=float, default=PipelineConfig().ocr.min_confidence)
    args = ap.parse_args(argv)
    config = PipelineConfig()
    harness = Harness(config, args.cache)
    heads = ["recall", "precision", *(f"{k} recall" for k in dict.fromkeys(KINDS.values()))]
    print(f"{'frame':28} {'reading':8} " + " ".join(f"{h:>18}" for h in heads) + f" {'rec. s':>8}")
    for fold in folds():
        scan = scan_of(fold)
        seconds: Counter[str] = Counter()
        lines = read_frame(harness, config, scan, parse_layout(_layout_of(fold)), seconds)
        for reading in READINGS:
            row = score(parse_fold(fold), lines[reading], args.min_confidence)
            cells = " ".join(f"{v:18.3f}" for v in row)
            print(f"{scan.stem:28} {reading:8} {cells} {seconds[reading]:8.1f}", flush=True)
    return 0


def _layout_of(fold: Path) -> Path:
    return fold.with_name(fold.name.removesuffix(".textGT.xml") + ".visualGT.json")


if __name__ == "__main__":
    sys.exit(main())
