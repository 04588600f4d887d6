"""Defects found by reading the code, each shown on real files and real runs.

Atomic writes and the process umask, model link folders under a reader, what a failed
page leaves in errors.jsonl, METS links from a run started elsewhere, reading-order ids.
"""

from __future__ import annotations

import json
import os
import stat
import warnings
from pathlib import Path

import pytest
from lxml import etree
from test_batch import headline_page

import pipeline.model_store as store
from pipeline.atomic import write_atomic
from pipeline.batch import BatchOptions, run_batch
from pipeline.executors.local import InlineExecutor
from pipeline.formats.mets import XLINK_NS
from pipeline.inputs import collect_inputs
from pipeline.runner import Pipeline
from schemas import BBox, Block, EngineInfo, Page, Source


def test_write_atomic_honours_the_umask_without_setting_it(tmp_path: Path, monkeypatch) -> None:
    old = os.umask(0o027)
    try:
        calls: list[int] = []
        real = os.umask
        monkeypatch.setattr(os, "umask", lambda mask: calls.append(mask) or real(mask))
        write_atomic(tmp_path / "a.json", "{}")
        seen = list(calls)
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert seen == []  # the process-wide umask is never touched (other threads create files meanwhile)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_model_links_never_remove_a_folder_in_use(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    entry = store.manifest_for(None)["PP-OCRv6_small_det"]
    sources = store._package_sources(entry)
    assert sources is not None
    cache = store.model_cache_dir()
    # folders another worker is loading from, under every name this model's links could take
    busy = [cache / f"{entry.file}-{entry.sha256[:12]}", *(cache.glob(f"{entry.file}-*"))]
    for folder in busy:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "inference.onnx").symlink_to(tmp_path / "elsewhere.onnx")
    first = store._linked_folder(entry, sources)
    for folder in busy:  # untouched
        assert (folder / "inference.onnx").readlink() == tmp_path / "elsewhere.onnx"
    assert (first / "inference.onnx").resolve() == sources["inference.onnx"].resolve()
    assert store._linked_folder(entry, sources) == first  # and reused, not rebuilt


class _WarnsThenFails:
    """A stage that warns, as a decoder does about damage, then fails."""

    name = "broken"
    version = "1"

    def __call__(self, page, ctx):
        warnings.warn("corrupt EXIF data", UserWarning, stacklevel=1)
        raise ZeroDivisionError("column width 0")


def test_errors_jsonl_keeps_the_warnings_and_the_traceback(pipe, tmp_path: Path) -> None:
    scan = headline_page(tmp_path / "p.png", "南通晚报")
    broken = Pipeline(pipe.config, engine=pipe.engine)
    broken.stages = [*broken.stages[:1], _WarnsThenFails()]
    out = tmp_path / "out"
    result = run_batch(
        collect_inputs([scan]), pipe.config, BatchOptions(out_dir=out, quiet=True), executor=InlineExecutor(broken)
    )
    assert result.exit_code == 1
    (entry,) = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert entry["error"] == "ZeroDivisionError" and entry["message"] == "ZeroDivisionError: column width 0"
    assert "UserWarning: corrupt EXIF data" in entry["warnings"]
    assert "Traceback (most recent call last)" in entry["traceback"] and "test_safety.py" in entry["traceback"]


def _image_links(mets: Path) -> list[Path]:
    tree = etree.parse(str(mets))
    hrefs = tree.xpath(
        "//m:fileGrp[@USE='IMAGE']/m:file/m:FLocat/@x:href", namespaces={"m": "http://www.loc.gov/METS/", "x": XLINK_NS}
    )
    return [(mets.parent / str(h).split("#")[0]).resolve() for h in hrefs]


class _Warns:
    """A stage that warns about damage it could read past, as a decoder does."""

    name = "warns"
    version = "1"

    def __call__(self, page, ctx):
        warnings.warn("corrupt EXIF data", UserWarning, stacklevel=1)
        return page


def test_a_page_written_with_warnings_is_listed_in_warnings_jsonl(pipe, tmp_path: Path) -> None:
    scans = [headline_page(tmp_path / f"{n}.png", "南通晚报") for n in ("clean", "damaged")]
    out = tmp_path / "out"
    quiet = run_batch(
        collect_inputs([scans[0]]), pipe.config, BatchOptions(out_dir=out, quiet=True), executor=InlineExecutor(pipe)
    )
    assert quiet.exit_code == 0 and not (out / "warnings.jsonl").exists()  # a clean page warns about nothing
    warning = Pipeline(pipe.config, engine=pipe.engine)
    warning.stages = [*warning.stages[:1], _Warns(), *warning.stages[1:]]
    result = run_batch(
        collect_inputs([scans[1]]), pipe.config, BatchOptions(out_dir=out, quiet=True), executor=InlineExecutor(warning)
    )
    assert result.exit_code == 0 and (out / "damaged.json").is_file() and not (out / "errors.jsonl").exists()
    (entry,) = [json.loads(line) for line in (out / "warnings.jsonl").read_text().splitlines()]
    assert entry["path"].endswith("damaged.png") and entry["warnings"] == ["UserWarning: corrupt EXIF data"]


def _listed(mets: Path, use: str) -> list[str]:
    tree = etree.parse(str(mets))
    path = f"//m:fileGrp[@USE='{use}']/m:file/m:FLocat/@x:href"
    return [str(h) for h in tree.xpath(path, namespaces={"m": "http://www.loc.gov/METS/", "x": XLINK_NS})]


def test_mets_links_hold_when_a_resume_starts_in_another_folder(pipe, tmp_path: Path, monkeypatch) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    for name, text in (("a.png", "南通晚报"), ("b.png", "市委全会")):
        headline_page(here / "scans" / name, text)
    there.mkdir()
    manifest = here / "m.jsonl"
    manifest.write_text("".join(json.dumps({"path": f"scans/{n}", "issue": "nt-1"}) + "\n" for n in ("a.png", "b.png")))
    options = BatchOptions(out_dir=tmp_path / "out", formats=("json", "alto", "page", "mets"), quiet=True)
    monkeypatch.chdir(here)
    first = run_batch(collect_inputs(["scans/a.png"]), pipe.config, options, executor=InlineExecutor(pipe))
    assert first.exit_code == 0
    monkeypatch.chdir(there)  # the resume runs from elsewhere, naming the inputs by the manifest
    again = run_batch(collect_inputs([], manifest), pipe.config, options, executor=InlineExecutor(pipe))
    assert again.exit_code == 0
    links = _image_links(tmp_path / "out" / "nt-1.mets.xml")
    assert [p.name for p in links] == ["a.png", "b.png"] and all(p.is_file() for p in links)
    page_files = _listed(tmp_path / "out" / "nt-1.mets.xml", "PAGEXML")
    assert page_files == ["a.page.xml", "b.page.xml"] and all((tmp_path / "out" / f).is_file() for f in page_files)


def test_reading_order_names_each_block_once() -> None:
    block = Block(id="b1", type="body", bbox=BBox(x0=0, y0=0, x1=4, y1=4))
    fields = {"source": Source(path="x.png", sha256=""), "width": 8, "height": 8, "engine": EngineInfo(name="x")}
    assert Page(**fields, blocks=[block], reading_order=["b1"]).reading_order == ["b1"]
    with pytest.raises(ValueError, match="more than once"):
        Page(**fields, blocks=[block], reading_order=["b1", "b1"])
    assert Page.model_json_schema()["properties"]["reading_order"]["uniqueItems"] is True
