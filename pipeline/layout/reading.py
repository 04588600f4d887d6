"""Read a page's lines into its parts: furniture, ads, captions, headline stacks, subheads, runs.

The order matters and follows how a reader takes a page in: first what is never
article text (header band, folio, framed ads, captions under photos), then the
display type (headline stacks), then the body text and what interrupts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.config import LayoutOptions
from pipeline.geometry import Box
from pipeline.layout.adverts import unframed_ads
from pipeline.layout.bylines import is_sentence
from pipeline.layout.columns import Run, build_runs, column_grid
from pipeline.layout.display import Stack, aligned, attach, make_rows, stack_groups
from pipeline.layout.features import LineInfo, body_ink, body_size
from pipeline.layout.kickers import take_kickers
from pipeline.layout.roles import Roles, body_pitch, read_roles, relative_size
from pipeline.layout.subheads import in_rhythm, is_subhead
from pipeline.layout.titles import Setting, group_rows, is_title, opens_article, split_at_gutters
from pipeline.layout.vertical import vertical_stacks
from pipeline.layout.zones import caption_lines, credit_lines, footer_limit, header_limit, is_ad, lines_in, merge_photos
from pipeline.state import Layout, Turned, TypeScale


@dataclass
class Reading:
    """The parts of one page, each a list of lines (or boxes), before blocks are made."""

    size: float
    scale: TypeScale | None = None
    opts: LayoutOptions = field(default_factory=LayoutOptions)
    header: list[LineInfo] = field(default_factory=list)
    footer: list[LineInfo] = field(default_factory=list)
    ads: list[tuple[Box, list[LineInfo]]] = field(default_factory=list)
    photos: list[Box] = field(default_factory=list)
    captions: list[list[LineInfo]] = field(default_factory=list)
    stacks: list[Stack] = field(default_factory=list)
    subheads: list[LineInfo] = field(default_factory=list)
    bylines: list[LineInfo] = field(default_factory=list)
    datelines: list[LineInfo] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    columns: list[Box] = field(default_factory=list)


def _without(lines: list[LineInfo], taken: list[LineInfo]) -> list[LineInfo]:
    ids = {id(i) for i in taken}
    return [i for i in lines if id(i) not in ids]


def _header_footer(
    reading: Reading, infos: list[LineInfo], layout: Layout, shape: tuple[int, int], turned: Turned | None
) -> None:
    """The page header and folio: found here, or before the page was turned."""
    if turned is not None:
        reading.header = [i for i in infos if i.line.id in turned.header]
        reading.footer = [i for i in infos if i.line.id in turned.footer]
        return
    top = header_limit(infos, layout.horizontal_rules, shape)
    foot = footer_limit(layout.horizontal_rules, shape)
    reading.header = [i for i in infos if i.cy < top]
    reading.footer = [i for i in infos if i.cy > foot]


def _furniture(
    reading: Reading, infos: list[LineInfo], layout: Layout, shape: tuple[int, int], turned: Turned | None
) -> list[LineInfo]:
    """Take header, folio, framed ads and captions; return the lines left."""
    _header_footer(reading, infos, layout, shape, turned)
    rest = _without(infos, reading.header + reading.footer)
    for region in layout.regions:
        if region.kind == "box":
            inside = lines_in(region.box, rest)
            if inside and is_ad(inside, reading.size, reading.scale):
                reading.ads.append((region.box, inside))
                rest = _without(rest, inside)
    for box, inside in unframed_ads(rest, reading.size, reading.scale):
        reading.ads.append((box, inside))
        rest = _without(rest, inside)
    reading.photos = merge_photos([r.box for r in layout.regions if r.kind == "image"])
    for photo in reading.photos:
        caption = caption_lines(photo, rest, reading.size, reading.scale, reading.opts)
        if caption:
            reading.captions.append(caption)
            rest = _without(rest, caption)
    credits = credit_lines(rest)
    reading.captions += [[i] for i in credits]
    return _without(rest, credits)


def _attach(
    stacks: list[Stack], medium: list[LineInfo], trial: list[Run], rules: list[Box], size: float
) -> tuple[list[LineInfo], list[LineInfo]]:
    """Medium lines tight above or below a stack join it; returns (plain body lines, loose lines).

    A bold line at the regular pitch between body lines is body text (a dateline
    running over two lines), even when a headline sits just above its column.
    """
    plain: list[LineInfo] = []
    loose: list[LineInfo] = []
    for line in sorted(medium, key=lambda i: i.y0):
        if in_rhythm(line, trial, rules, size):
            plain.append(line)
        elif not any(attach(s, line) for s in stacks):
            loose.append(line)
    return plain, loose


def _wide_subheadlines(stacks: list[Stack], body: list[LineInfo]) -> list[LineInfo]:
    """Body-size lines wider than a column set tight under a headline join it as subheadlines.

    Returns the body lines left.
    """
    widths = sorted(i.width for i in body if i.units >= 6)
    column = widths[len(widths) // 2] if widths else 0.0
    rest: list[LineInfo] = []
    for line in sorted(body, key=lambda i: i.y0):
        wide = column > 0 and line.width > 1.5 * column
        # a line read across a gutter is wide too, but is neither centred nor flush with the headline
        under = [s for s in stacks if line.y0 >= s.box[3] - 0.8 * line.size and aligned(s.box, line, within=False)]
        if not (wide and any(attach(s, line) for s in under)):
            rest.append(line)
    return rest


def _barriers(reading: Reading, rules: list[Box], others: list[LineInfo]) -> list[Box]:
    boxes = list(rules) + [s.box for s in reading.stacks] + reading.photos
    boxes += [i.box for i in others + reading.bylines + reading.datelines]
    boxes += [i.box for cap in reading.captions for i in cap]
    return boxes


def _subheads(reading: Reading, loose: list[LineInfo], where: Setting, pitch: float) -> list[LineInfo]:
    """Decide which loose medium lines and small single-row stacks are subheads; return the rest.

    A stack over a byline or dateline heads an article, whatever its size.
    """
    size, trial, rules = reading.size, where.runs, where.rules
    rest: list[LineInfo] = []
    for line in loose:
        rel = relative_size(line, size, pitch)
        (reading.subheads if is_subhead(line.box, rel, trial, rules, size, False) else rest).append(line)
    kept: list[Stack] = []
    for stack in reading.stacks:
        row = stack.rows[0]
        vertical = any(i.vertical for i in row.items)  # a column of display type is a 竖题, never a subhead
        single = len(stack.rows) == 1 and not vertical and not opens_article(row.box, where)
        if single and is_subhead(row.box, row.size / size, trial, rules, size, True):
            reading.subheads.extend(row.items)
        else:
            kept.append(stack)
    reading.stacks = kept
    return rest


def _openers(reading: Reading) -> list[LineInfo]:
    """Bylines and datelines that open an article: a 'byline' that starts a sentence (记者从…获悉)
    is a line of the body, and a title set over it is a subhead of that body, not a headline."""
    return [i for i in reading.bylines if not is_sentence(i.text)] + reading.datelines


def _scale(infos: list[LineInfo], scale: TypeScale | None) -> TypeScale:
    """The page's type scale; measured roughly here when the type-scale stage did not run."""
    if scale is not None and scale.size > 0:
        return scale
    size = body_size(infos)
    pitch = body_pitch(infos, size) if size > 0 else 0.0
    widths = sorted(i.width for i in infos if abs(i.size - size) <= 0.15 * size and i.units >= 6)
    measure = widths[len(widths) // 2] if widths else 0.0
    return TypeScale(em=pitch, size=size, line_pitch=1.3 * size, measure=measure, weight=body_ink(infos, size))


def _titles(
    reading: Reading, roles: Roles, layout: Layout, scale: TypeScale, opts: LayoutOptions
) -> tuple[list[LineInfo], list[LineInfo]]:
    """Headline stacks from display and medium type, grouped line by line before roles are named.

    Returns (medium lines in the rhythm of body text, medium lines not in any title).
    """
    size, walls, rules = scale.size, layout.vertical_rules, layout.horizontal_rules
    others = roles.display + roles.medium
    trial = build_runs(roles.body, _barriers(reading, rules, others), size)
    plain = [i for i in roles.medium if in_rhythm(i, trial, rules, size)]
    medium = _without(roles.medium, plain)
    across = [i for i in roles.display if not i.vertical]
    down = [i for i in roles.display if i.vertical]
    where = Setting(scale, trial, list(rules), roles.body, roles.byline + roles.dateline)
    rows = make_rows(across + [i for i in medium if not i.vertical], walls)
    rows = split_at_gutters(rows, roles.body + roles.byline + roles.dateline, scale)
    groups = group_rows(rows, walls, scale.measure, roles.body + roles.byline + roles.dateline)
    display_ids = {id(i) for i in across}
    titles = [g for g in groups if any(id(i) in display_ids for i in g.items) or is_title(g, where, opts.medium_size)]
    reading.stacks = stack_groups([g.rows for g in titles]) + vertical_stacks(down, walls)
    taken = {id(i) for g in titles for i in g.items}
    return plain, [i for i in medium if id(i) not in taken]


def read_page(
    infos: list[LineInfo],
    layout: Layout,
    shape: tuple[int, int],
    turned: Turned | None = None,
    scale: TypeScale | None = None,
    opts: LayoutOptions | None = None,
) -> Reading:
    """Sort every line of the page into exactly one part.

    ``turned``: the page is set vertically and read turned (its header and footer were found before the turn).
    ``scale``: the page's type scale (measured here from ``infos`` when not given).
    """
    scale = _scale(infos, scale)
    size = scale.size
    opts = opts or LayoutOptions()
    reading = Reading(size=size, scale=scale, opts=opts)
    if not infos or size <= 0:
        return reading
    rest = _furniture(reading, infos, layout, shape, turned)
    roles = read_roles(rest, size, scale.weight, opts, scale=scale)
    reading.bylines, reading.datelines = roles.byline, roles.dateline
    rules = layout.horizontal_rules
    plain, medium = _titles(reading, roles, layout, scale, opts)
    roles.body = _wide_subheadlines(reading.stacks, roles.body)
    roles.body = take_kickers(reading.stacks, roles.body, scale)
    trial = build_runs(roles.body, _barriers(reading, rules, medium), size, scale, opts)
    more, loose = _attach(reading.stacks, medium, trial, rules, size)
    plain += more
    where = Setting(scale, trial, list(rules), roles.body, _openers(reading))
    plain += _subheads(reading, loose, where, body_pitch(infos, size))
    reading.runs = build_runs(roles.body + plain, _barriers(reading, rules, reading.subheads), size, scale, opts)
    reading.columns = column_grid(reading.runs, list(rules) + [s.box for s in reading.stacks], size, scale)
    return reading
