"""``test_real_page`` read with the hand-set line-role rules (``LayoutOptions.line_roles = "rules"``).

Not part of the suite (the name does not start with ``test_``): run it by name to compare the
learned first reading of line roles with the rules on the same pages, e.g. with ``--runxfail``
to count every case that passes, known failures included::

    pytest tests/rules_real_page.py --runxfail -q
"""

from __future__ import annotations

import pytest
from test_real_page import *  # noqa: F403  (the same cases, fixtures and known failures)

from pipeline.config import LayoutOptions, PipelineConfig
from pipeline.runner import Pipeline


@pytest.fixture(scope="module")
def pipe(engine) -> Pipeline:
    """The pipeline with the hand-set line-role rules, sharing the session engine."""
    return Pipeline(PipelineConfig(layout=LayoutOptions(line_roles="rules")), engine=engine)
