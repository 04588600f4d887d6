"""The type scale is measured from the text itself: the em holds when the detector pads its boxes more."""

from __future__ import annotations

import numpy as np
from test_classify import BODY, news_page, page_state

from pipeline.config import LayoutOptions
from pipeline.geometry import box_to_quad
from pipeline.stages.typescale import MeasureType
from pipeline.state import RunContext, TextLine


def _padded(lines: list[TextLine], pad: float) -> list[TextLine]:
    out = []
    for ln in lines:
        x0, y0, x1, y1 = ln.box
        out.append(TextLine(ln.id, box_to_quad((x0 - pad, y0 - pad, x1 + pad, y1 + pad)), ln.text, ln.confidence))
    return out


def test_em_is_the_character_pitch_whatever_the_box_padding():
    page = news_page()
    tight = MeasureType(LayoutOptions())(page_state(page), RunContext())
    loose_state = page_state(page)
    loose_state.lines = _padded(loose_state.lines, 0.25 * BODY)  # a larger unclip ratio
    loose = MeasureType(LayoutOptions())(loose_state, RunContext())
    assert tight.type_scale is not None and loose.type_scale is not None
    assert loose.type_scale.size > tight.type_scale.size + 0.4 * BODY  # the box height follows the padding
    assert abs(tight.type_scale.em - BODY) <= 0.1 * BODY  # one character per em
    assert abs(loose.type_scale.em - tight.type_scale.em) <= 0.06 * BODY
    assert abs(tight.type_scale.measure - 12 * BODY) <= 1.0 * BODY  # columns of twelve characters
    assert np.isclose(tight.type_scale.line_pitch, 1.5 * BODY, rtol=0.1)
    assert np.isclose(loose.type_scale.line_pitch, tight.type_scale.line_pitch, rtol=0.02)  # padding is symmetric
    step = tight.steps[-1]
    assert step.name == "typescale" and step.options["em"] == round(tight.type_scale.em, 2)
    assert step.options["size_tolerance"] == LayoutOptions().size_tolerance
