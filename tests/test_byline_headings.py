"""A role word heading a kind of piece (记者手记, a reporter's notebook) set as a subhead inside an
article is a heading, not a byline: the article's authors are the people its byline names.

Typeset by hand (``tests/typeset_helpers.py``) and read by the whole pipeline with the real OCR models.
"""

from __future__ import annotations

import pytest
from typeset_helpers import Grid, Segment, Sheet, headline

from schemas import Page

GRID = Grid(left=40, chars=12, gutter=24, count=2, em=24)
HEAD = ["老党员义务巡河九年"]
BYLINE = "本报记者 邹海 马敏红"
FIRST = [
    "本报讯 每天清早，家住河东村的老党员吕霞凯都会沿着村里的小河走上一圈，捡拾垃圾、查看水质，九年来从未间断。",
    "在他的带动下，村里二十多名党员和群众加入了义务巡河队，小河重现水清岸绿的景象。",
]
HEADING = "记者手记"
SECOND = [
    "采访中，记者深深感到，河长制落到实处，离不开像吕霞凯这样默默守护家园的普通人。",
    "一条小河的变化，映照出乡村治理的进步，也让我们看到了基层党员的担当。",
]


def notebook_page() -> Sheet:
    """A two-column module: headline, byline under it, body with a bold 记者手记 subhead in column two."""
    sheet = Sheet(width=GRID.x1(1) + 40, height=760)
    x0, x1 = GRID.x0(0), GRID.x1(1)
    y = headline(sheet, x0, x1, 40, HEAD, 44, "hei")
    sheet.centre(x0, x1, y + 4, BYLINE, sheet.body, "kai")
    top = y + 2 * sheet.body + 12
    first = sheet.flow(
        FIRST,
        [
            Segment(GRID.x0(0), top, top + 8 * sheet.pitch, GRID.measure),
            Segment(GRID.x0(1), top, top + 2 * sheet.pitch, GRID.measure),
        ],
    )
    y = first.last_box[1] + sheet.pitch + 6
    sheet.text(GRID.x0(1), y, HEADING, sheet.body, "hei")
    y += sheet.pitch + 6
    sheet.flow(SECOND, [Segment(GRID.x0(1), y, y + 8 * sheet.pitch, GRID.measure)])
    return sheet


@pytest.fixture(scope="module")
def page(pipe, tmp_path_factory) -> Page:
    (read,) = list(pipe.run_file(notebook_page().save(tmp_path_factory.mktemp("heading") / "notebook.png")))
    return read


def test_a_notebook_heading_names_no_author(page):
    assert len(page.articles) == 1, [a.headline for a in page.articles]
    (article,) = page.articles
    assert sorted(article.authors) == sorted(["邹海", "马敏红"]), (article.authors, article.byline)
