"""The ``breakdown`` section of ``scripts/bench.py``: where a page's seconds go, end to end.

One row per kind of work, from the pipeline pass's stage timers (``RunContext``) and the
engine's own clock (``EngineProfile``): decoding the scan, gray + deskew, the orientation
check beyond the detection it shares with OCR, the detection and recognition models and the
work around them (resizing, normalising, padding, boxes, CTC decoding), cutting the line
crops, the layout stages, building the output page and writing its JSON. The padding row
gives the pixel columns the recogniser read over those of the crops themselves.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from rich.table import Table

LAYOUT_STAGES = ("segment", "turn", "typescale", "gutters", "classify", "assemble")

Get = Callable[[Any], float]


def _t(run: Any, name: str) -> float:
    return run.timings.get(name, 0.0)


def _e(run: Any, name: str) -> float:
    return run.engine_s.get(name, 0.0)


def _staged(run: Any) -> float:
    return sum(v for k, v in run.timings.items() if "." not in k)


def _rec_share(run: Any, part: str) -> float:
    """The OCR stage's recognition seconds times ``part``'s share of all the engine's recognition.

    The engine's clock also runs while the orientation check and the gutter re-reads recognise;
    those stay in their own rows, so the rows add up to the page.
    """
    rec = _e(run, "rec")
    shares = {
        "model": _e(run, "rec.model"),
        "decode": _e(run, "rec.decode"),
        "around": rec - _e(run, "rec.model") - _e(run, "rec.decode"),
    }
    return _t(run, "ocr.recognize") * shares[part] / rec if rec else 0.0


PARTS: dict[str, Get] = {
    "load: decode the scan": lambda r: r.load_s,
    "preprocess: gray, tint, deskew": lambda r: _t(r, "preprocess"),
    "orient: the check beyond the shared detection (its probe crops read)": lambda r: (
        _t(r, "orient") - _t(r, "orient.detect")
    ),
    "detection: model": lambda r: _e(r, "det.model"),
    "detection: scale, normalise, boxes": lambda r: _t(r, "orient.detect") + _t(r, "ocr.detect") - _e(r, "det.model"),
    "crops: cut the lines (warp)": lambda r: _t(r, "ocr.crop"),
    "recognition: model": lambda r: _rec_share(r, "model"),
    "recognition: resize, normalise, pad": lambda r: _rec_share(r, "around"),
    "recognition: CTC decode": lambda r: _rec_share(r, "decode"),
    "layout: " + ", ".join(LAYOUT_STAGES) + " (gutter re-reads)": lambda r: sum(_t(r, s) for s in LAYOUT_STAGES),
    "output page (schemas.Page) + other": lambda r: r.seconds - _staged(r),
    "write the JSON": lambda r: r.write_s,
}
"""Label -> seconds of one page run; the rows add up to the page."""


def breakdown(bench: Any) -> None:
    """Median and mean seconds per page for each part, its share, and the padding the recogniser read."""
    runs = [r for r in bench.runs if r.engine_s]
    if not runs:
        bench.console.print("[yellow]breakdown: the engine keeps no profile[/]")
        return
    table = Table(title=f"where a page's seconds go ({len(runs)} pages; machine may be shared)", title_justify="left")
    for col in ("part", "median s", "mean s", "share"):
        table.add_column(col, justify="left" if col == "part" else "right")
    total = sum(r.load_s + r.seconds + r.write_s for r in runs)
    for label, get in PARTS.items():
        values = [get(r) for r in runs]
        share = f"{100 * sum(values) / total:.1f}%" if total else "-"
        table.add_row(label, f"{statistics.median(values):.3f}", f"{statistics.fmean(values):.3f}", share)
    table.add_section()
    per_page = [r.load_s + r.seconds + r.write_s for r in runs]
    table.add_row("total", f"{statistics.median(per_page):.3f}", f"{statistics.fmean(per_page):.3f}", "100.0%")
    bench.console.print(table)
    read = sum(r.counts.get("rec.px_read", 0.0) for r in runs)
    own = sum(r.counts.get("rec.px_crops", 0.0) for r in runs)
    if own:
        bench.console.print(
            f"recognition padding: {read / own:.3f} pixel columns read per column of crop "
            f"({100 * (read - own) / read:.1f}% of what the model read was padding)"
        )
