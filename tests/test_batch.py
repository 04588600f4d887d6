"""Batch planning and running: inputs, manifests, page tasks, resume, documents, worker pools.

The runs use real models on small rendered pages; in-process runs share the
session pipeline, one run goes through real worker processes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import render_lines
from PIL import Image

from pipeline.batch import BatchOptions, run_batch
from pipeline.batch.plan import is_done, plan_batch
from pipeline.config import PipelineConfig
from pipeline.executors import threads_per_worker
from pipeline.executors.local import InlineExecutor
from pipeline.inputs import ManifestError, UnmatchedInput, collect_inputs, read_manifest
from pipeline.runner import config_sha256
from pipeline.stages.load import file_sha256
from pipeline.work.tasks import WorkSetup
from schemas import EngineInfo, Page, Source

HEADLINE = "南通晚报讯今日头条"


def text_page(path: Path, headline: str = HEADLINE) -> Path:
    """A small page: one headline and two body lines (cheap to OCR)."""
    lines = [
        (headline, 30, 20, 40, True),
        ("记者朱文君报道本市今天召开大会", 30, 90, 22, False),
        ("会议要求各部门在招商引资上下功夫", 30, 124, 22, False),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(render_lines(lines, (520, 170))).save(path)
    return path


def headline_page(path: Path, text: str) -> Path:
    """A tiny page with one line: the cheapest real OCR there is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(render_lines([(text, 20, 16, 36, True)], (240, 70))).save(path)
    return path


def two_page_tiff(path: Path) -> Path:
    first = Image.fromarray(render_lines([("第一版要闻", 30, 20, 40, True)], (360, 90)))
    second = Image.fromarray(render_lines([("第二版综合", 30, 20, 40, True)], (360, 90)))
    path.parent.mkdir(parents=True, exist_ok=True)
    first.save(path, save_all=True, append_images=[second])
    return path


def dummy(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (8, 8), 255).save(path)
    return path


# --- inputs -------------------------------------------------------------------------


def test_folders_recurse_globs_expand_and_outputs_mirror_subfolders(tmp_path: Path) -> None:
    dummy(tmp_path / "in" / "2020" / "01" / "p1.png")
    dummy(tmp_path / "in" / "2020" / "02" / "p1.png")
    (tmp_path / "in" / "p1.gt.json").write_text("{}")
    dummy(tmp_path / "loose" / "x.jpg")
    unmatched: list[UnmatchedInput] = []
    items = [tmp_path / "in", str(tmp_path / "loose" / "*.jpg"), str(tmp_path / "none" / "*.png")]
    files = collect_inputs(items, unmatched=unmatched)
    assert [(f.path.name, str(f.out_subdir)) for f in files] == [
        ("p1.png", "2020/01"),
        ("p1.png", "2020/02"),
        ("x.jpg", "."),
    ]
    assert [u.pattern for u in unmatched] == [str(tmp_path / "none" / "*.png")]
    # the same file named twice is read once
    assert len(collect_inputs([tmp_path / "loose" / "x.jpg", tmp_path / "loose"])) == 1


def test_manifest_csv_and_jsonl_carry_metadata(tmp_path: Path) -> None:
    dummy(tmp_path / "scans" / "a.png")
    csv_file = tmp_path / "m.csv"
    csv_file.write_text("path,paper,date,edition,page,issue\nscans/a.png,南通晚报,2024-01-04,A,1,nt-20240104\n")
    jsonl_file = tmp_path / "m.jsonl"
    jsonl_file.write_text(json.dumps({"path": "scans/a.png", "paper": "农民日报", "page_number": 7}) + "\n\n")
    (row,) = read_manifest(csv_file)
    assert row.path == tmp_path / "scans" / "a.png"
    assert row.metadata is not None and row.metadata.paper == "南通晚报" and row.metadata.page_number == "1"
    assert row.document_key == "issue:nt-20240104"
    (row,) = read_manifest(jsonl_file)
    assert row.metadata is not None and row.metadata.page_number == "7" and row.metadata.issue is None
    assert row.document_key == f"file:{tmp_path / 'scans' / 'a.png'}"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("m.csv", "paper,date\nx,y\n", "row 2: no 'path'"),
        ("m.jsonl", '{"path": "a.png"}\nnot json\n', "line 2: not JSON"),
        ("m.txt", "a.png\n", "must be .csv or .jsonl"),
    ],
)
def test_bad_manifest_is_one_clear_error(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(ManifestError, match=message) as info:
        read_manifest(tmp_path / name)
    assert str(info.value).startswith(str(tmp_path / name))


# --- planning -----------------------------------------------------------------------


def test_plan_splits_multipage_files_and_refuses_colliding_names(tmp_path: Path) -> None:
    two_page_tiff(tmp_path / "a" / "issue.tif")
    dummy(tmp_path / "b" / "issue-p1.png")  # would take the name of the TIFF's first page
    (tmp_path / "empty.png").write_bytes(b"")
    files = collect_inputs([tmp_path / "a" / "issue.tif", tmp_path / "b" / "issue-p1.png", tmp_path / "empty.png"])
    plan = plan_batch(files, WorkSetup(PipelineConfig(), tmp_path / "out"))
    assert [(str(t.stem), t.page_number) for t in plan.todo] == [("issue-p1", 1), ("issue-p2", 2)]
    assert [(f.error, Path(f.path).name) for f in plan.failures] == [
        ("OutputCollision", "issue-p1.png"),
        ("InputError", "empty.png"),
    ]


def test_threads_fit_the_cores() -> None:
    assert threads_per_worker(2, cores=2) == 1
    assert threads_per_worker(1, cores=2) == 2
    assert threads_per_worker(3, cores=2) == 1


# --- running ------------------------------------------------------------------------


def _texts(page: Page) -> list[str]:
    return [b.text for b in page.blocks]


def test_batch_writes_pages_metadata_and_issue_documents_then_skips_them(pipe, tmp_path: Path) -> None:
    two_page_tiff(tmp_path / "scans" / "issue.tif")
    text_page(tmp_path / "scans" / "front.png")
    (tmp_path / "m.jsonl").write_text(
        "\n".join(
            json.dumps({"path": f"scans/{name}", "paper": "南通晚报", "date": "2024-01-04", "issue": "nt 2024-01-04"})
            for name in ("front.png", "issue.tif")
        )
    )
    out = tmp_path / "out"
    options = BatchOptions(out_dir=out, formats=("json", "md", "mets", "jsonl"), quiet=True)
    files = collect_inputs([], tmp_path / "m.jsonl")
    result = run_batch(files, PipelineConfig(), options, executor=InlineExecutor(pipe))
    assert (result.exit_code, result.written, result.skipped) == (0, 3, 0)
    pages = {p.stem: Page.model_validate_json(p.read_bytes()) for p in out.glob("*.json")}
    assert sorted(pages) == ["front", "issue-p1", "issue-p2"]
    assert pages["issue-p2"].source.page_index == 1 and pages["issue-p2"].source.page_count == 2
    assert all(p.source.metadata and p.source.metadata.paper == "南通晚报" for p in pages.values())
    assert HEADLINE in _texts(pages["front"])
    assert (out / "front.md").is_file() and not (out / "errors.jsonl").exists()
    # one document for the issue (both files), none per file
    assert (out / "nt_2024-01-04.mets.xml").is_file()
    articles = sum(len(p.articles) for p in pages.values())  # JSONL: one line per article
    assert len((out / "nt_2024-01-04.jsonl").read_text(encoding="utf-8").splitlines()) == articles
    assert (out / "nt_2024-01-04.mets.xml").read_text(encoding="utf-8").count("issue-p2") >= 1
    assert not (out / "front.mets.xml").exists()

    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = run_batch(files, PipelineConfig(), options, executor=InlineExecutor(pipe))
    assert (again.exit_code, again.written, again.skipped) == (0, 0, 3)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_only_a_valid_json_for_the_same_page_counts_as_done(tmp_path: Path) -> None:
    scan = dummy(tmp_path / "page.png")
    setup = WorkSetup(PipelineConfig(), tmp_path / "out", ("json", "md"))
    (task,) = plan_batch(collect_inputs([scan]), setup).todo
    page = Page(
        source=Source(path=str(scan), sha256=file_sha256(scan)),
        width=8,
        height=8,
        engine=EngineInfo(name="rapidocr"),
        config_sha256=config_sha256(PipelineConfig()),
    )
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "page.json").write_text(page.model_dump_json())
    assert not is_done(task, setup)  # the Markdown asked for is missing
    (tmp_path / "out" / "page.md").write_text("")
    assert is_done(task, setup)
    (tmp_path / "out" / "page.json").write_text(page.model_dump_json()[:40])  # as a non-atomic writer leaves it
    assert not is_done(task, setup)
    other = page.model_copy(
        update={"source": Source(path=str(scan), sha256=file_sha256(scan), page_index=1, page_count=2)}
    )
    (tmp_path / "out" / "page.json").write_text(other.model_dump_json())
    assert not is_done(task, setup)
    assert plan_batch(collect_inputs([scan]), setup, force=True).todo == [task]


def test_two_worker_processes_match_one_in_process(pipe, tmp_path: Path) -> None:
    scans = [headline_page(tmp_path / "in" / "a.png", "南通晚报"), headline_page(tmp_path / "in" / "b.png", "市委全会")]
    config = PipelineConfig(ocr=PipelineConfig().ocr.model_copy(update={"threads": 1}))
    inline = run_batch(
        collect_inputs(scans), config, BatchOptions(out_dir=tmp_path / "one", quiet=True), executor=InlineExecutor(pipe)
    )
    pooled = run_batch(collect_inputs(scans), config, BatchOptions(out_dir=tmp_path / "two", workers=2, quiet=True))
    assert inline.exit_code == pooled.exit_code == 0
    assert len({o.pid for o in pooled.outcomes}) == 2  # really two processes
    for name in ("a.json", "b.json"):
        one = Page.model_validate_json((tmp_path / "one" / name).read_bytes())
        two = Page.model_validate_json((tmp_path / "two" / name).read_bytes())
        assert _texts(one) and one.blocks == two.blocks and one.articles == two.articles
