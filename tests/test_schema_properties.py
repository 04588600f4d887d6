"""Property tests of the output contract: any valid page survives JSON, invalid values never pass."""

from __future__ import annotations

import json
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from schemas import Article, BBox, Block, BlockType, EngineInfo, Line, Page, Source, Step

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# rejection tests build a whole page per example too; fewer examples keep CI quick
REJECT = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
coord = st.integers(min_value=0, max_value=20_000)
confidence = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@st.composite
def bboxes(draw: st.DrawFn) -> BBox:
    x0, y0 = draw(coord), draw(coord)
    return BBox(x0=x0, y0=y0, x1=x0 + draw(st.integers(0, 500)), y1=y0 + draw(st.integers(0, 500)))


@st.composite
def lines(draw: st.DrawFn, ident: str) -> Line:
    box = draw(bboxes())
    quad = ((box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1))
    return Line(id=ident, quad=quad, bbox=box, text=draw(text), confidence=draw(confidence))


@st.composite
def blocks(draw: st.DrawFn, ident: str) -> Block:
    n = draw(st.integers(0, 3))
    return Block(
        id=ident,
        type=draw(st.sampled_from(get_args(BlockType))),
        bbox=draw(bboxes()),
        direction=draw(st.sampled_from(["horizontal-ltr", "vertical-rtl"])),
        lines=[draw(lines(f"{ident}-l{i}")) for i in range(n)],
        text=draw(text),
        confidence=draw(confidence),
    )


@st.composite
def pages(draw: st.DrawFn) -> Page:
    ids = [f"b{i}" for i in range(draw(st.integers(0, 6)))]
    order = draw(st.permutations(ids))
    cut = draw(st.integers(0, len(order)))  # first article takes order[:cut], second the rest
    groups = [g for g in (order[:cut], order[cut:]) if g]
    articles = [
        Article(
            id=f"a{i}",
            headline=draw(text),
            dateline=draw(st.none() | text),
            authors=draw(st.lists(text, max_size=3)),
            paragraphs=draw(st.lists(text, max_size=3)),
            block_ids=list(group),
            bbox=draw(bboxes()),
            confidence=draw(confidence),
        )
        for i, group in enumerate(groups)
    ]
    return Page(
        source=Source(path=draw(text) or "a.png", page_index=draw(st.integers(0, 50)), sha256="0" * 64),
        width=draw(st.integers(1, 20_000)),
        height=draw(st.integers(1, 20_000)),
        dpi=draw(st.none() | st.floats(min_value=1.0, max_value=2400.0)),
        skew_deg=draw(st.floats(min_value=-15, max_value=15)),
        orientation_deg=draw(st.sampled_from([0, 90, 180, 270])),
        engine=EngineInfo(name="test"),
        blocks=[draw(blocks(i)) for i in ids],
        reading_order=list(order),
        articles=articles,
        steps=[Step(name="ocr", options={"threads": draw(st.integers(0, 8))}, elapsed_s=draw(confidence))],
    )


@SETTINGS
@given(pages())
def test_json_round_trip(page):
    dumped = page.model_dump_json()
    again = Page.model_validate_json(dumped)
    assert again == page
    assert again.model_dump_json() == dumped
    assert Page.model_validate(json.loads(dumped)) == page


def _as_dict(page: Page) -> dict:
    return json.loads(page.model_dump_json())


@REJECT
@given(pages(), st.integers(min_value=-10_000, max_value=-1), st.sampled_from(["x0", "y0", "x1", "y1"]))
def test_negative_coordinates_are_rejected(page, value, corner):
    data = _as_dict(page)
    data["columns"] = [{"index": 0, "bbox": {"x0": 0, "y0": 0, "x1": 1, "y1": 1, corner: value}}]
    with pytest.raises(ValidationError):
        Page.model_validate(data)


@REJECT
@given(coord, coord, st.integers(1, 1000), st.booleans())
def test_corners_out_of_order_are_rejected(x, y, gap, horizontal):
    fields = {"x0": x, "y0": y, "x1": x + 5, "y1": y + 5}
    fields["x0" if horizontal else "y0"] += 5 + gap
    with pytest.raises(ValidationError, match="out of order"):
        BBox(**fields)


@REJECT
@given(pages(), st.floats(min_value=1.0, exclude_min=True, allow_nan=False) | st.floats(max_value=-1e-9))
def test_confidence_outside_unit_interval_is_rejected(page, value):
    data = _as_dict(page)
    data["articles"] = [{"id": "a", "headline": "x", "bbox": {"x0": 0, "y0": 0, "x1": 1, "y1": 1}, "confidence": value}]
    with pytest.raises(ValidationError):
        Page.model_validate(data)


@REJECT
@given(pages(), st.text(min_size=1, max_size=12).filter(lambda t: t not in get_args(BlockType)))
def test_unknown_block_type_is_rejected(page, kind):
    data = _as_dict(page)
    data["blocks"].append({"id": "extra", "type": kind, "bbox": {"x0": 0, "y0": 0, "x1": 1, "y1": 1}})
    with pytest.raises(ValidationError, match="type"):
        Page.model_validate(data)


@REJECT
@given(pages().filter(lambda p: len(p.blocks) >= 1))
def test_duplicate_block_ids_are_rejected(page):
    data = _as_dict(page)
    data["blocks"].append(dict(data["blocks"][0]))
    with pytest.raises(ValidationError, match="duplicate block ids"):
        Page.model_validate(data)


@REJECT
@given(pages(), st.text(min_size=1, max_size=8))
def test_articles_naming_unknown_blocks_are_rejected(page, ghost):
    data = _as_dict(page)
    ghost = "ghost-" + ghost  # generated block ids are b0..b5
    box = {"x0": 0, "y0": 0, "x1": 1, "y1": 1}
    data["articles"].append({"id": "ax", "headline": "x", "block_ids": [ghost], "bbox": box})
    with pytest.raises(ValidationError, match="unknown blocks"):
        Page.model_validate(data)


@REJECT
@given(pages().filter(lambda p: len(p.articles) >= 1 and len(p.articles[0].block_ids) >= 1))
def test_a_block_in_two_articles_is_rejected(page):
    data = _as_dict(page)
    first = data["articles"][0]
    data["articles"].append({**first, "id": "copy", "block_ids": first["block_ids"][:1]})
    with pytest.raises(ValidationError, match="more than one article"):
        Page.model_validate(data)


@REJECT
@given(pages(), st.sampled_from([45, -90, 360, 1]))
def test_orientation_outside_right_angles_is_rejected(page, degrees):
    data = _as_dict(page)
    data["orientation_deg"] = degrees
    with pytest.raises(ValidationError):
        Page.model_validate(data)
