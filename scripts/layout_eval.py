"""Score the layout stages fast: OCR once per page (cached), then layout + export + eval in seconds.

    python scripts/layout_eval.py samples/ [more folders or files] [--cache DIR] [-v] [--line-roles learned]

Every stage up to and including OCR runs once per page and its PageState is cached
(pickle, keyed by the file's sha256, the page index and the OCR and preprocess options);
later runs load it and run only the stages after OCR, so a layout change is scored in
seconds. Ground truth is ``X.gt.json`` (or ``X-pN.gt.json``) beside each scan.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from pathlib import Path

from pipeline.config import LayoutOptions, PipelineConfig
from pipeline.eval.files import ground_truth_for, load_page
from pipeline.eval.metrics import PageMetrics, Scores
from pipeline.eval.report import percent
from pipeline.runner import Pipeline
from pipeline.stages.export import to_page
from pipeline.stages.load import file_sha256, iter_pages
from pipeline.state import PageState, RunContext, SourceRef

SCANS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")
OCR_STAGE = "ocr"


def scans(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix.lower() in SCANS)
        else:
            out.append(p)
    return out


def cache_key(sha: str, index: int, config: PipelineConfig) -> str:
    opts = config.ocr.model_dump_json() + config.preprocess.model_dump_json() + config.load.model_dump_json()
    return hashlib.sha256(f"{sha}:{index}:{opts}".encode()).hexdigest()[:24]


class Harness:
    """A pipeline whose stages are split at OCR: the part before it runs once per page."""

    def __init__(self, config: PipelineConfig, cache: Path) -> None:
        self.config = config
        self.cache = cache
        self._pipe: Pipeline | None = None

    @property
    def pipe(self) -> Pipeline:
        if self._pipe is None:
            self._pipe = Pipeline(self.config)
        return self._pipe

    def _split(self) -> int:
        names = [s.name for s in self.pipe.stages]
        return names.index(OCR_STAGE) + 1

    def after_ocr(self, path: Path) -> list[PageState]:
        """PageStates of every page of ``path`` as OCR leaves them (from the cache when there)."""
        sha = file_sha256(path)
        out = []
        for loaded in iter_pages(path, self.config.load):
            f = self.cache / f"{cache_key(sha, loaded.page_index, self.config)}.pkl"
            if f.exists():
                state = pickle.loads(f.read_bytes())
                for slot, empty in (("ink", None), ("turned", None), ("type_scale", None)):
                    state.__dict__.setdefault(slot, empty)  # slots added since the page was cached
                out.append(state)
                continue
            source = SourceRef(path=path, page_index=loaded.page_index, page_count=loaded.page_count, sha256=sha)
            state = PageState(source=source, image=loaded.image, dpi=loaded.dpi)
            ctx = RunContext()
            for stage in self.pipe.stages[: self._split()]:
                state = stage(state, ctx)
            self.cache.mkdir(parents=True, exist_ok=True)
            tmp = f.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(state))
            tmp.replace(f)
            out.append(state)
        return out

    def layout(self, state: PageState):
        ctx = RunContext()
        for stage in self.pipe.stages[self._split() :]:
            state = stage(state, ctx)
        return to_page(state, self.pipe.engine.info)


def row(s: Scores) -> str:
    return (
        f"{s.name[:34]:34} art {s.gt_articles:3} pred {s.pred_articles:3} rec {percent(s.recall):>6} "
        f"prec {percent(s.precision):>6} body {percent(s.body_cer):>6} head {percent(s.headline_rate):>6} "
        f"auth {percent(s.authors_f1):>6} ads {s.ad_leaks} page {percent(s.page_cer):>6}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--cache", type=Path, default=Path("/work/cache/layout-ocr"))
    ap.add_argument("--ocr-only", action="store_true", help="fill the cache, score nothing")
    ap.add_argument("--out", type=Path, help="write each predicted page's JSON here")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument(
        "--line-roles",
        choices=["rules", "learned"],
        default=LayoutOptions().line_roles,
        help="LayoutOptions.line_roles",
    )
    args = ap.parse_args(argv)
    config = PipelineConfig()
    config = config.model_copy(update={"layout": config.layout.model_copy(update={"line_roles": args.line_roles})})
    harness = Harness(config, args.cache)
    metrics = PageMetrics()
    for scan in scans(args.paths):
        states = harness.after_ocr(scan)
        if args.ocr_only:
            print(f"cached {scan}", flush=True)
            continue
        for state in states:
            idx, count = state.source.page_index, state.source.page_count
            truth = ground_truth_for(scan, idx, count)
            page = harness.layout(state)
            name = scan.stem + (f"-p{idx + 1}" if count > 1 else "")
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{name}.json").write_text(page.model_dump_json(indent=1), encoding="utf-8")
            if truth is None:
                continue
            s = metrics.update(page, load_page(truth), name=name)
            if args.verbose:
                print(row(s))
    if not args.ocr_only:
        print(row(metrics.summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
