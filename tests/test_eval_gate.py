"""eval as a gate: ground truth as ALTO, PAGE-XML or text; --fail-under; --baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.eval.text import page_text
from pipeline.formats.alto import write_alto
from pipeline.formats.pagexml import write_page_xml
from schemas import Page

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NAME = "tabloid-200dpi"


@pytest.fixture
def truth() -> Page:
    return Page.model_validate_json((SAMPLES / f"{NAME}.gt.json").read_text(encoding="utf-8"))


def _write_pred(folder: Path, page: Page) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{NAME}.json").write_text(page.model_dump_json(), encoding="utf-8")
    return folder


def _eval(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["eval", *args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else {}, captured.err


@pytest.mark.parametrize("kind", ["alto", "page"])
def test_xml_ground_truth_scores_text_and_articles_but_not_authors(tmp_path, capsys, truth, kind):
    gt = tmp_path / "gt"
    gt.mkdir()
    (write_alto if kind == "alto" else write_page_xml)(truth, gt / f"{NAME}.{kind}.xml")
    code, data, _ = _eval(capsys, str(_write_pred(tmp_path / "out", truth)), str(gt))
    total = data["total"]
    assert code == 0
    assert total["text_cer"] == 0.0 and total["gt_articles"] == len(truth.articles)
    assert total["recall"] == 1.0 and total["headline_rate"] == 1.0 and total["authors_f1"] is None
    assert [a["headline"] for a in data["articles"]] == [a.headline for a in truth.articles]


def test_plain_text_ground_truth_scores_page_text_only(tmp_path, capsys, truth):
    gt = tmp_path / "gt"
    gt.mkdir()
    (gt / f"{NAME}.txt").write_text(page_text(truth), encoding="utf-8")
    code, data, _ = _eval(capsys, str(_write_pred(tmp_path / "out", truth)), str(gt))
    assert code == 0
    assert data["total"]["page_cer"] == 0.0 and data["total"]["recall"] is None and data["articles"] == []
    code, _, err = _eval(capsys, str(tmp_path / "out"), str(gt), "--fail-under", "recall=0.9")
    assert code == 1 and "recall not measured" in err


def _worse(truth: Page) -> Page:
    """The second article's body misread, its headline lost."""
    art = truth.articles[1]
    bad = art.model_copy(update={"headline": "错", "paragraphs": [p.replace("的", "地") for p in art.paragraphs]})
    return truth.model_copy(update={"articles": [truth.articles[0], bad, *truth.articles[2:]]})


def test_fail_under_exits_1_when_a_figure_falls_short(tmp_path, capsys, truth):
    gt = str(SAMPLES / f"{NAME}.gt.json")
    good = str(_write_pred(tmp_path / "good", truth))
    bad = str(_write_pred(tmp_path / "bad", _worse(truth)))
    gate = ["--fail-under", "headline_rate=100%", "--fail-under", "body_cer=0.001"]
    assert _eval(capsys, good, gt, *gate)[0] == 0
    code, data, err = _eval(capsys, bad, gt, *gate)
    assert code == 1
    assert "headline_rate 66.67% is under the limit 100.00%" in err and "body_cer" in err
    assert len(data["gate"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["eval", good, gt, "--fail-under", "speed=1"])
    assert exc.value.code == 2


def test_baseline_lists_the_pages_and_articles_that_got_worse(tmp_path, capsys, truth):
    gt = str(SAMPLES / f"{NAME}.gt.json")
    _, before, _ = _eval(capsys, str(_write_pred(tmp_path / "good", truth)), gt)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(before), encoding="utf-8")
    assert _eval(capsys, str(tmp_path / "good"), gt, "--baseline", str(baseline))[0] == 0
    code, _, err = _eval(capsys, str(_write_pred(tmp_path / "bad", _worse(truth))), gt, "--baseline", str(baseline))
    assert code == 1
    lines = [ln for ln in err.splitlines() if "worse than" in ln]
    second = truth.articles[1]
    assert any(f"page {NAME}:" in ln and "headline_rate" in ln for ln in lines)
    assert any(f"article {NAME}/{second.id}" in ln and "headline no longer exact" in ln for ln in lines)
    assert not any(f"/{truth.articles[0].id} " in ln for ln in lines)


FOREIGN_ALTO = """<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Layout><Page WIDTH="100" HEIGHT="50"><PrintSpace>
<TextBlock ID="t1" HPOS="0" VPOS="0" WIDTH="100" HEIGHT="20"><TextLine HPOS="0" VPOS="0" WIDTH="100" HEIGHT="20">
<String CONTENT="南"/><SP/><String CONTENT="通"/><SP/><String CONTENT="晚报"/></TextLine></TextBlock>
<TextBlock ID="t2" HPOS="0" VPOS="25" WIDTH="100" HEIGHT="20"><TextLine HPOS="0" VPOS="25" WIDTH="100" HEIGHT="20">
<String CONTENT="2024"/><SP/><String CONTENT="年"/></TextLine></TextBlock>
</PrintSpace></Page></Layout></alto>"""


def test_another_producers_alto_gives_its_page_text_and_no_articles(tmp_path):
    from pipeline.eval.truth import load_truth

    path = tmp_path / "x.alto.xml"
    path.write_text(FOREIGN_ALTO, encoding="utf-8")
    truth = load_truth(path)
    assert (truth.kind, truth.articles, truth.authors) == ("alto", False, False)
    assert [b.text for b in truth.page.blocks] == ["南 通 晚报", "2024 年"]
    assert (truth.page.width, truth.page.height, truth.page.blocks[1].bbox.y0) == (100, 50, 25)
