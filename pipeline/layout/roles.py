"""First reading of each line's role from its type: display, medium, body, byline, dateline.

* display: type well above body size (headlines, kickers, ad titles);
* medium: a little larger than body, or bold at body size (subheadlines, subheads);
* byline / dateline: a whole line that reads as one;
* body: everything else.

Box heights of one type size scatter by a few pixels (ascenders, punctuation), so
a line only counts as larger than body when its advance per character agrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.config import LayoutOptions
from pipeline.layout.bylines import is_heading
from pipeline.layout.features import LineInfo
from pipeline.layout.patterns import (
    DATELINE,
    DATELINE_START,
    SUBHEADLINE_DASH,
    is_byline,
    is_dateline_only,
    is_name_only,
)
from pipeline.layout.units import body_pitch
from pipeline.state import TypeScale

__all__ = ["Roles", "body_pitch", "is_bold", "read_roles", "relative_size"]

DEFAULTS = LayoutOptions()
DISPLAY = DEFAULTS.display_size
"""Type at least this many body sizes is display type (default of ``LayoutOptions.display_size``)."""
MEDIUM = DEFAULTS.medium_size
BOLD = DEFAULTS.bold_weight
BYLINE_UNITS = 24
"""A byline line is short: role words and a few names."""


@dataclass
class Roles:
    """Lines sorted by their first-reading role."""

    display: list[LineInfo] = field(default_factory=list)
    medium: list[LineInfo] = field(default_factory=list)
    body: list[LineInfo] = field(default_factory=list)
    byline: list[LineInfo] = field(default_factory=list)
    dateline: list[LineInfo] = field(default_factory=list)


def relative_size(info: LineInfo, size: float, pitch: float, display: float = DISPLAY) -> float:
    """Type size in body sizes; the smaller of height and advance unless clearly display type."""
    by_height = info.size / size if size else 1.0
    if by_height >= display or info.units < 3 or info.vertical:
        return by_height
    return min(by_height, info.pitch / pitch if pitch else by_height)


def is_bold(info: LineInfo, ink: float, bold: float = BOLD) -> bool:
    return ink > 0 and info.ink >= bold * ink


def _closes_text(info: LineInfo, infos: list[LineInfo], size: float) -> bool:
    """Whether a short line is set flush right under a line of text (a byline of names ending an article)."""
    for other in infos:
        above = 0 < info.cy - other.cy <= 3.5 * size and other.width > 2 * info.width
        if above and abs(other.x1 - info.x1) <= 2.0 * size and info.x0 > other.x0 + 2 * size:
            return True
    return False


def _is_byline_line(info: LineInfo, infos: list[LineInfo], size: float) -> bool:
    if info.units <= BYLINE_UNITS and is_byline(info.text):
        return True
    return is_name_only(info.text) and _closes_text(info, infos, size)


def read_roles(
    infos: list[LineInfo], size: float, ink: float, opts: LayoutOptions = DEFAULTS, scale: TypeScale | None = None
) -> Roles:
    """Sort lines into first-reading roles (see the module docstring).

    ``scale``: the page's type scale from the type-scale stage, which the learned reading
    states its features in (measured from ``infos`` the same way when not given).
    """
    if opts.line_roles == "learned":  # the learned combiner; captions and other matter keep the rules' reading
        from pipeline.layout.line_roles import learned_roles

        ruled = read_roles(infos, size, ink, opts.model_copy(update={"line_roles": "rules"}))
        return _headings_apart(Roles(**learned_roles(infos, size, ink, vars(ruled), opts.display_size, scale=scale)))
    pitch = body_pitch(infos, size)
    roles = Roles()
    display, medium = opts.display_size, opts.medium_size
    for info in infos:
        rel = relative_size(info, size, pitch, display)
        if rel < display and is_dateline_only(info.text):
            roles.dateline.append(info)
        elif rel < display and DATELINE.match(info.text):
            roles.body.append(info)  # the first line of an article, its dateline set in bold
        elif rel < display and _is_byline_line(info, infos, size):
            roles.byline.append(info)  # 本报记者 吕娟: a whole byline, though it opens like a dateline
        elif rel < display and DATELINE_START.match(info.text):
            roles.body.append(info)  # a dateline running on to the next line (新华社北京1月4 / 日电)
        elif info.text.rstrip().endswith("。"):
            roles.body.append(info)  # titles never end on a full stop: running text in a padded box
        elif rel >= display:
            roles.display.append(info)
        elif rel >= medium or is_bold(info, ink, opts.bold_weight) or SUBHEADLINE_DASH.match(info.text):
            roles.medium.append(info)
        else:
            roles.body.append(info)
    return _headings_apart(roles)


def _headings_apart(roles: Roles) -> Roles:
    """A role word heading a kind of piece (记者手记) is a heading set like a subhead, not a byline."""
    headings = [i for i in roles.byline if is_heading(i.text)]
    if headings:
        roles.byline = [i for i in roles.byline if not is_heading(i.text)]
        roles.medium.extend(headings)
    return roles
