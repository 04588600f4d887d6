"""``broadsheet eval PRED GT`` on tiny page files: numbers printed, exit codes, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from schemas import Article, BBox, Block, EngineInfo, Page, Source

BOX = BBox(x0=0, y0=0, x1=300, y1=900)
BODY = "昨天，市委书记吴新明会见中国银行江苏省分行党委书记、行长刘小宇一行。"
AD = "南通好玩·新年群星演唱会"


def make_page(body: str, authors: list[str], headline: str = "推进双方合作迈上新台阶") -> Page:
    """One article and one ad block; the page text is headline + body + ad."""
    blocks = [
        Block(id="h", type="headline", bbox=BOX, text=headline),
        Block(id="b", type="body", bbox=BOX, text=body),
        Block(id="ad", type="advertisement", bbox=BBox(x0=300, y0=0, x1=600, y1=300), text=AD),
    ]
    art = Article(id="a1", headline=headline, paragraphs=[body], authors=authors, block_ids=["h", "b"], bbox=BOX)
    return Page(
        source=Source(path="p.png", sha256=""),
        width=600,
        height=900,
        engine=EngineInfo(name="test"),
        blocks=blocks,
        reading_order=["h", "b", "ad"],
        articles=[art],
    )


def write(path: Path, page: Page) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page.model_dump_json(), encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """A prediction with one wrong character in 34 and one of two authors, beside its ground truth."""
    gt = write(tmp_path / "gt" / "day1.gt.json", make_page(BODY, ["丁威程", "陆薇"]))
    pred = write(tmp_path / "out" / "day1.json", make_page(BODY.replace("吴新明", "吴新朋"), ["丁威程"]))
    return pred, gt


def test_files_print_a_table_with_the_numbers(pair, capsys):
    pred, gt = pair
    assert main(["eval", str(pred), str(gt)]) == 0
    out = capsys.readouterr().out
    assert "day1" in out and "total" in out
    assert "2.9%" in out  # body CER: 1 / 34
    assert "66.7%" in out  # authors F1: 2 * 1 / (2 * 1 + 0 + 1)
    assert "1/1 (1)" in out  # found (CER <= 5%) / gt (pred)


def test_json_output_has_per_page_scores_and_totals(pair, capsys):
    pred, gt = pair
    assert main(["eval", str(pred.parent), str(gt.parent), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in data["pages"]] == ["day1"]
    total = data["total"]
    assert total["body_edits"] == 1 and total["body_chars"] == len(BODY)
    assert total["body_cer"] == pytest.approx(1 / len(BODY))
    assert total["recall"] == 1.0 and total["precision"] == 1.0
    assert total["authors_f1"] == pytest.approx(2 / 3)
    assert total["ad_leaks"] == 0 and total["headline_rate"] == 1.0


def test_folders_pair_by_name_and_report_leftovers(tmp_path, pair, capsys):
    pred, gt = pair
    write(gt.parent / "day2.json", make_page(BODY, []))  # plain X.json counts as ground truth too
    leaky = make_page(BODY + AD, [])
    write(pred.parent / "day2.json", leaky)
    write(pred.parent / "day3.json", leaky)  # no ground truth
    assert main(["eval", str(pred.parent), str(gt.parent), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [p["name"] for p in data["pages"]] == ["day1", "day2"]
    assert data["pages"][1]["ad_leaks"] == 1 and data["total"]["ad_leaks"] == 1
    assert data["total"]["pages"] == 2
    assert "day3.json: no ground truth" in captured.err


def test_missing_file_is_a_one_line_error(tmp_path, pair, capsys):
    _, gt = pair
    missing = tmp_path / "out" / "nope.json"
    assert main(["eval", str(missing), str(gt)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(missing) in err and "not found" in err


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{not json", "not valid JSON"), ('{"width": 10}', "not a page"), ("", "not valid JSON")],
)
def test_invalid_file_is_a_one_line_error(pair, capsys, content, reason):
    pred, gt = pair
    pred.write_text(content, encoding="utf-8")
    assert main(["eval", str(pred), str(gt)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(pred) in err and reason in err


def test_folders_that_share_no_page_are_an_error(tmp_path, pair, capsys):
    pred, _ = pair
    other = write(tmp_path / "other" / "elsewhere.gt.json", make_page(BODY, []))
    assert main(["eval", str(pred.parent), str(other.parent)]) == 2
    assert "pairs with" in capsys.readouterr().err
