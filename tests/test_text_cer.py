"""Text CER puts predicted lines in the ground truth's order by position."""

from __future__ import annotations

from pipeline.eval.metrics import PageMetrics
from schemas import BBox, Block, EngineInfo, Line, Page, Source


def _line(i: int, text: str, x: int, y: int) -> Line:
    box = BBox(x0=x, y0=y, x1=x + 100, y1=y + 20)
    quad = ((x, y), (x + 100, y), (x + 100, y + 20), (x, y + 20))
    return Line(id=f"l{i}", quad=quad, bbox=box, text=text, confidence=1.0)


def _page(blocks: list[Block], order: list[str]) -> Page:
    return Page(
        source=Source(path="p.png", sha256="0" * 64),
        width=1000,
        height=1000,
        engine=EngineInfo(name="t"),
        blocks=blocks,
        reading_order=order,
    )


def _block(bid: str, lines: list[Line]) -> Block:
    return Block(id=bid, type="body", bbox=BBox(x0=0, y0=0, x1=999, y1=999), lines=lines)


def test_reading_order_error_costs_page_cer_but_not_text_cer():
    blocks = [_block("a", [_line(1, "重大项目攻坚", 0, 0)]), _block("b", [_line(2, "开年即开工了", 500, 0)])]
    gt = _page(blocks, ["a", "b"])
    swapped = _page(blocks, ["b", "a"])
    scores = PageMetrics().update(swapped, gt)
    assert scores.text_cer == 0.0
    assert scores.page_cer > 0.5


def test_misread_and_missing_lines_count():
    gt = _page([_block("a", [_line(1, "重大项目攻坚", 0, 0), _line(2, "开年即开工了", 0, 40)])], ["a"])
    pred = _page([_block("a", [_line(1, "重大頂目攻坚", 0, 0)])], ["a"])
    assert PageMetrics().update(pred, gt).text_cer == 7 / 12
