"""Two more pages typeset by hand on grids unlike the failure-kind pages: six and seven columns,
22 and 20 px body, a lead with kicker, subheadline, byline on top and a bold dateline, one-column
modules, bands parted by white space only, a staggered headline, a Song headline, a Kai kicker,
framed classifieds, a display ad and photo news. Nothing here comes from the sample generator.
"""

from __future__ import annotations

import json
from pathlib import Path

from typeset_helpers import Expected, Grid, Segment, Sheet, Typeset, balanced, headline, measure, module

T = json.loads((Path(__file__).parent / "data" / "independent-typeset-texts.json").read_text(encoding="utf-8"))
N = {k: {**v, "name": k} for k, v in T["news"].items()}


def rules(sheet, grid, cols, y0, y1):
    for c in cols:
        x = grid.gutter_mid(c)
        sheet.rule(x, y0, x, y1)


def band(sheet, grid, y):
    sheet.rule(grid.x0(0), y, grid.x1(grid.count - 1), y + 1)


def flow_with_dateline(sheet, item, segments):
    """Body whose first paragraph opens with a bold dateline (本报讯), as most papers set it."""
    first, *rest = item["body"]
    dl, text = first.split(" ", 1)
    seg = segments[0]
    size = sheet.body
    sheet.text(seg.x + 2 * size, seg.top, dl, size, "hei")
    # the dateline takes its width plus one em of the first line: set the rest of that line after it
    x = seg.x + 2 * size + measure(dl, size, "hei") + size
    room = seg.x + seg.width - x
    n = 0
    while n < len(text) and measure(text[: n + 1], size) <= room:
        n += 1
    sheet.text(x, seg.top, text[:n], size)
    segs = [Segment(seg.x, seg.top + sheet.pitch, seg.bottom, seg.width), *segments[1:]]
    flowed = sheet.flow([text[n:], *rest], segs, under_way=True)
    return flowed, dl, text + "".join(rest)


def lead_module(sheet, grid, item, cols, top, head, kicker=None, sub=None, align="centre", byline_top=True):
    x0, x1 = grid.x0(cols[0]), grid.x1(cols[-1])
    y = top
    if kicker:
        sheet.centre(x0, x1, y, item["kicker"], kicker[0], kicker[1])
        y += round(kicker[0] * 1.45)
    y = headline(sheet, x0, x1, y, item["headline"], head[0], head[1], align)
    if sub:
        sheet.centre(x0, x1, y + 4, item["sub"], sub[0], sub[1])
        y += round(sub[0] * 1.6)
    if byline_top:
        sheet.centre(x0, x1, y + 6, item["byline"], sheet.body, "kai")
        y += round(sheet.body * 2.0)
    else:
        y += sheet.body // 2
    segments = balanced(sheet, grid, cols, y, [p.replace(" ", "", 1) for p in item["body"]])
    segments = [Segment(s.x, s.top, s.bottom + sheet.pitch, s.width) for s in segments]
    _, dl, text = flow_with_dateline(sheet, item, segments)
    exp = Expected(
        "".join(item["headline"]), text, item.get("kicker") if kicker else None, item["byline"], item["name"]
    )
    return exp, segments[0].bottom, dl


def photo_news(sheet, page, x0, x1, top, height, seed):
    sheet.photo((x0, top, x1, top + height), seed=seed)
    pn = T["photo_news"]
    flowed = sheet.flow(
        [pn["caption"]], [Segment(x0, top + height + 10, top + height + 400, x1 - x0)], size=20, name="kai"
    )
    credit = sheet.right(x1, flowed.last_box[3] + 6, pn["credit"], 20, "hei")
    page.foreign["photo-news-caption"] = pn["caption"]
    page.foreign["photo-news-credit"] = pn["credit"]
    return credit[3]


def display_ad(sheet, page, x0, x1, top):
    y = top + 20
    for k, (kind, text) in enumerate(T["ad"]):
        size = {"big": 52, "mid": 30, "small": 20}[kind]
        sheet.centre(x0, x1, y, text, size, "hei" if kind != "small" else "hei_light")
        page.foreign[f"ad-{k}"] = text
        y += round(size * 1.5)
    sheet.frame((x0, top, x1, y + 8), width=3)
    return y + 8


def page_a() -> Typeset:
    """Six columns of 10 ems at a 22 px body: a lead with kicker, subheadline, top byline and
    dateline; two one-column modules beside it; three modules parted by white space; photo news and an ad."""
    sheet = Sheet(1500, 2050, body=22, leading=1.6)
    g = Grid(left=40, chars=10, gutter=22, count=6, em=22)
    page = Typeset(sheet)
    top = 40
    lead, lb, _ = lead_module(
        sheet, g, N["qiaoliang"], [0, 1, 2, 3], top, (54, "hei"), kicker=(28, "kai"), sub=(28, "song_bold")
    )
    a, ab = module(sheet, g, N["xuexiao"], [4], top, 32, align="left")
    b, bb = module(sheet, g, N["yundong"], [5], top, 30)
    y = max(lb, ab, bb) + 22
    rules(sheet, g, [3, 4], top, y - 11)
    band(sheet, g, y)
    top = y + 22
    c, cb = module(sheet, g, N["nongye"], [0, 1], top, 35, align="staggered")
    d, db = module(sheet, g, N["yiyuan"], [2, 3], top, 33)
    e, eb = module(sheet, g, N["laonian"], [4, 5], top, 37)
    y = max(cb, db, eb) + 22
    band(sheet, g, y)
    top = y + 22
    photo_news(sheet, page, g.x0(0), g.x1(2), top, 260, seed=21)
    display_ad(sheet, page, g.x0(3), g.x1(5), top)
    page.articles += [lead, a, b, c, d, e]
    return page


def page_b() -> Typeset:
    """Seven columns of 10 ems at a 20 px body: a wide lead with its byline on top; a column of
    two small modules; a Song headline; a Kai kicker; framed classified notices."""
    sheet = Sheet(1640, 2000, body=20, leading=1.5)
    g = Grid(left=40, chars=10, gutter=20, count=7, em=20)
    page = Typeset(sheet)
    top = 40
    lead, lb, _ = lead_module(sheet, g, N["huanjing"], [0, 1, 2, 3, 4], top, (46, "hei"))
    a, ab = module(sheet, g, N["wenhua"], [5], top, 27)
    a2, a2b = module(sheet, g, N["tushu"], [5], ab + 30, 27)
    b, bb = module(sheet, g, N["jiaotong"], [6], top, 28, head_face="song_bold")
    y = max(lb, a2b, bb) + 20
    rules(sheet, g, [4, 5], top, y - 10)
    sheet.rule(g.x0(5), ab + 14, g.x1(5), ab + 15)
    band(sheet, g, y)
    top = y + 20
    c, cb = module(sheet, g, N["jiuye"], [0, 1, 2], top, 36)
    d, db = module(sheet, g, N["xiaofang"], [3, 4], top, 32, kicker=(24, "kai"), align="left")
    e, eb = module(
        sheet,
        g,
        N["xuexiao"]
        | {
            "headline": ["秋季入学报名", "网上即可办理"],
            "name": "ruxue",
            "body": [
                "今年起，城区小学和初中一年级新生入学报名全部实行网上办理，家长无需到校排队。报名系统将于七月一日开放，家长登录后填写户籍、住房等信息即可。",
                "教育部门提醒，报名信息须真实准确，学校将在八月中旬前通过短信告知录取结果。",
            ],
            "byline": "记者 孙婷 通讯员 刘伟",
        },
        [5, 6],
        top,
        30,
    )
    y = max(cb, db, eb) + 20
    rules(sheet, g, [2, 4], top, y - 10)
    band(sheet, g, y)
    top = y + 20
    x0, x1 = g.x0(0), g.x1(3)
    label = sheet.reversed_label(x0 + 10, top + 10, "分类广告", 24)
    page.foreign["label"] = "分类广告"
    yy = label[3] + 12
    for k, n in enumerate(T["notices"]):
        sheet.text(x0 + 12, yy, n["title"], 20, "hei")
        f = sheet.flow([n["text"]], [Segment(x0 + 12, yy + 26, yy + 400, x1 - x0 - 24)], size=18)
        yy = f.last_box[3] + 14
        page.foreign[f"notice-{k}"] = n["text"]
    sheet.frame((x0, top, x1, yy), width=2)
    photo_news(sheet, page, g.x0(4), g.x1(6), top, 220, seed=33)
    page.articles += [lead, a, a2, b, c, d, e]
    return page


BUILDERS = {"six_columns": page_a, "seven_columns": page_b}
