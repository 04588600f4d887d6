"""Six small pages typeset by hand, one per way layout has been seen to fail on real pages.

Each builder returns a :class:`Typeset`: the sheet, the articles a reader finds on it and
the text that belongs to no article (ads, photo news, captions, labels). Pages are
1200 x 1600 at a 24 px body (about 8.6 pt at 200 dpi) on a four-column grid of 11 ems
with one-em gutters.
"""

from __future__ import annotations

import json
from pathlib import Path

from typeset_helpers import Expected, Grid, Segment, Sheet, Typeset, balanced, headline, lines_needed, module

TEXTS = json.loads((Path(__file__).parent / "data" / "hand-typeset-texts.json").read_text(encoding="utf-8"))
NEWS = {key: {**item, "name": key} for key, item in TEXTS["news"].items()}
GRID = Grid()
BODY = GRID.em
TOP = 40


def _column_rules(sheet: Sheet, cols: list[int], y0: int, y1: int) -> None:
    for col in cols:
        x = GRID.gutter_mid(col)
        sheet.rule(x, y0, x, y1)


def _band_rule(sheet: Sheet, y: int) -> None:
    sheet.rule(GRID.x0(0), y, GRID.x1(GRID.count - 1), y + 1)


def small_headlines() -> Typeset:
    """Kind 1: bold Hei headlines of two or three lines at 1.3-1.7x the body over one- and
    two-column modules; four modules side by side in one band, three in the next."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    first = [("caishichang", 1.5), ("bailaoren", 1.5), ("koudai", 1.4), ("qiuliang", 1.6)]
    bottoms = []
    for col, (key, scale) in enumerate(first):
        found, bottom = module(sheet, GRID, NEWS[key], [col], TOP, round(BODY * scale))
        page.articles.append(found)
        bottoms.append(bottom)
    band = max(bottoms) + BODY
    _column_rules(sheet, [0, 1, 2], TOP, band - BODY // 2)
    _band_rule(sheet, band)
    top = band + BODY
    bottoms = []
    for cols, key, scale in (([0, 1], "shitang", 1.7), ([2], "qianyue", 1.3), ([3], "gongnuan", 1.5)):
        found, bottom = module(sheet, GRID, NEWS[key], cols, top, round(BODY * scale))
        page.articles.append(found)
        bottoms.append(bottom)
    _column_rules(sheet, [1, 2], top, max(bottoms))
    return page


def staggered() -> Typeset:
    """Kind 2: two-line headlines set staggered (line 1 flush left, line 2 flush right) over
    three columns, beside a one-column module whose own headline stands level with them."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    a, a_bottom = module(sheet, GRID, NEWS["dianti"], [0, 1, 2], TOP, 2 * BODY, align="staggered")
    b, b_bottom = module(sheet, GRID, NEWS["tingchechang"], [3], TOP, round(1.5 * BODY))
    band = max(a_bottom, b_bottom) + BODY
    _column_rules(sheet, [2], TOP, band - BODY // 2)
    _band_rule(sheet, band)
    top = band + BODY
    c, c_bottom = module(sheet, GRID, NEWS["tushuguan"], [0], top, round(1.5 * BODY))
    d, d_bottom = module(sheet, GRID, NEWS["xinnongren"], [1, 2, 3], top, 2 * BODY, align="staggered")
    _column_rules(sheet, [0], top, max(c_bottom, d_bottom))
    page.articles += [a, b, c, d]
    return page


def kickers() -> Typeset:
    """Kind 3: kickers (引题) over headlines, in Kai at 1.2x and 1.3x and in Song at 1.1x."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    a, bottom = module(sheet, GRID, NEWS["zhongdian"], [0, 1, 2, 3], TOP, round(2.5 * BODY), kicker=(29, "kai"))
    band = bottom + BODY
    _band_rule(sheet, band)
    top = band + BODY
    b, b_bottom = module(
        sheet, GRID, NEWS["xiaoshe"], [0, 1], top, 46, head_face="song_bold", kicker=(round(1.1 * BODY), "song")
    )
    c, c_bottom = module(sheet, GRID, NEWS["kuaidi"], [2, 3], top, round(1.8 * BODY), kicker=(31, "kai"))
    _column_rules(sheet, [1], top, max(b_bottom, c_bottom))
    page.articles += [a, b, c]
    return page


def white_space_and_l_shape() -> Typeset:
    """Kind 4: three modules side by side parted by white space only (no rule anywhere in
    the band), then an L-shaped module whose body runs on under its neighbour's photo."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    bottoms = []
    for cols, key, scale in (([0], "jiaotong", 1.6), ([1, 2], "meihua", 1.8), ([3], "tingchechang", 1.5)):
        found, bottom = module(sheet, GRID, NEWS[key], cols, TOP, round(scale * BODY))
        page.articles.append(found)
        bottoms.append(bottom)
    top = max(bottoms) + 2 * BODY  # the band ends in white space too
    # the neighbour: headline, short body and a photo with its caption in columns 3-4
    b_item = NEWS["qianyue"]
    b, b_body_bottom = module(sheet, GRID, b_item, [2, 3], top, round(1.6 * BODY))
    photo = (GRID.x0(2), b_body_bottom + BODY // 2, GRID.x1(3), b_body_bottom + BODY // 2 + 170)
    sheet.photo(photo, seed=11)
    caption = "签约仪式现场。"
    sheet.text(GRID.x0(2), photo[3] + 8, caption, 20, "kai")
    rule_y = photo[3] + 8 + 20 + BODY // 2
    sheet.rule(GRID.x0(2), rule_y, GRID.x1(3), rule_y)
    # the L: headline over columns 1-2, body down columns 1-2 and on under the photo in 3-4
    a_item = NEWS["hedao"]
    y = headline(sheet, GRID.x0(0), GRID.x1(1), top, a_item["headline"], round(1.8 * BODY)) + BODY // 2
    under = rule_y + BODY // 2
    bottom = _l_bottom(sheet, a_item["body"], y, under)
    segments = [Segment(GRID.x0(c), y if c < 2 else under, bottom, GRID.measure) for c in range(4)]
    flowed = sheet.flow(a_item["body"], segments)
    sheet.byline_after(flowed, segments, a_item["byline"])
    _column_rules(sheet, [1], top, rule_y)  # a rule beside the neighbour only
    page.articles += [b, Expected("".join(a_item["headline"]), flowed.text, None, a_item["byline"], "hedao")]
    page.body_only["photo-caption"] = caption
    return page


def _l_bottom(sheet: Sheet, body: list[str], top: int, under: int) -> int:
    """The shallowest bottom at which columns 1-2 from ``top`` and 3-4 from ``under`` hold the body."""
    need = lines_needed(body, GRID.measure, sheet.body)

    def room(y0: int, y1: int) -> int:  # lines a segment holds, counted as Sheet.flow sets them
        return max(0, (y1 - y0 - sheet.body) // sheet.pitch + 1)

    bottom = under + sheet.pitch
    while 2 * room(top, bottom) + 2 * room(under, bottom) < need:
        bottom += sheet.pitch
    return bottom


def ads() -> Typeset:
    """Kind 5: one news module beside an unframed property ad; below, a framed classified
    section of small notices and a framed display ad with big type, price, phone, address."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    news, bottom = module(sheet, GRID, NEWS["dianti"], [0, 1, 2], TOP, 2 * BODY)
    page.articles.append(news)
    band = max(bottom, _unframed_ad(sheet, page, TOP)) + BODY
    _column_rules(sheet, [2], TOP, band - BODY // 2)
    _band_rule(sheet, band)
    _classifieds(sheet, page, band + BODY)
    _display_ad(sheet, page, band + BODY)
    return page


_AD_SIZES = {"big": 38, "mid": 24, "small": 18}


def _unframed_ad(sheet: Sheet, page: Typeset, top: int) -> int:
    """A property ad with no frame: a picture, display lines, phone and address; returns its bottom."""
    x0, x1 = GRID.x0(3), GRID.x1(3)
    sheet.photo((x0, top, x1, top + 150), seed=5)
    y = top + 170
    for k, (kind, text) in enumerate(TEXTS["unframed_ad"]):
        size = _AD_SIZES[kind]
        sheet.centre(x0, x1, y, text, size, "hei" if kind != "small" else "hei_light")
        page.foreign[f"unframed-ad-{k}"] = text
        y += round(size * 1.6)
    return y


def _classifieds(sheet: Sheet, page: Typeset, top: int) -> None:
    """分类广告: a frame, a reversed label, notices in 20 px type over two columns."""
    x0, x1 = GRID.x0(0), GRID.x1(1)
    label = sheet.reversed_label(x0 + 12, top + 12, "分类广告", 26)
    page.foreign["classified-label"] = "分类广告"
    small = Grid(left=x0 + 12, chars=12, gutter=24, count=2, em=20)
    y, col = label[3] + 14, 0
    bottoms = [y, y]
    for k, notice in enumerate(TEXTS["classifieds"]):
        if col == 0 and bottoms[0] > top + 330:
            col = 1
        yy = bottoms[col]
        sheet.centre(small.x0(col), small.x1(col), yy, notice["title"], 22, "hei")
        segment = Segment(small.x0(col), yy + 30, top + 2000, small.measure)
        flowed = sheet.flow([notice["text"]], [segment], size=20)
        bottoms[col] = flowed.last_box[3] + 18
        page.foreign[f"classified-{k}"] = notice["text"]
    sheet.frame((x0, top, x1, max(bottoms) + 6), width=2)


def _display_ad(sheet: Sheet, page: Typeset, top: int) -> None:
    x0, x1 = GRID.x0(2), GRID.x1(3)
    y = top + 24
    for k, (kind, text) in enumerate(TEXTS["display_ad"]):
        size = {"big": 60, "mid": 32, "small": 24}[kind]
        sheet.centre(x0, x1, y, text, size, "hei")
        page.foreign[f"display-ad-{k}"] = text
        y += round(size * 1.45)
    sheet.frame((x0, top, x1, y + 10), width=4)


def photo_news() -> Typeset:
    """Kind 6: photo news (a photo and a caption with a credit, no headline) beside an
    article with its own photo and credited caption; a full-width article below."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    pn = TEXTS["photo_news"]
    photo = (GRID.x0(0), TOP, GRID.x1(1), TOP + 300)
    sheet.photo(photo, seed=3)
    wide = [Segment(GRID.x0(0), photo[3] + 10, photo[3] + 400, GRID.x1(1) - GRID.x0(0))]
    flowed = sheet.flow([pn["caption"]], wide, size=22, name="kai")
    credit = sheet.right(GRID.x1(1), flowed.last_box[3] + 6, pn["credit"], 22, "hei")
    page.foreign["photo-news-caption"] = pn["caption"]
    page.foreign["photo-news-credit"] = pn["credit"]
    # the article beside it: headline, photo, credited caption, body
    item, cap = NEWS["yiliao"], TEXTS["article_photo_caption"]
    x0, x1 = GRID.x0(2), GRID.x1(3)
    y = headline(sheet, x0, x1, TOP, item["headline"], round(1.8 * BODY)) + BODY // 2
    sheet.photo((x0, y, x1, y + 200), seed=8)
    sheet.text(x0, y + 208, cap["caption"], 22, "kai")
    sheet.right(x1, y + 208, cap["credit"], 22, "hei")
    segments = balanced(sheet, GRID, [2, 3], y + 208 + 22 + BODY, item["body"])
    body = sheet.flow(item["body"], segments)
    by = sheet.byline_after(body, segments, item["byline"])
    page.articles.append(Expected("".join(item["headline"]), body.text, None, item["byline"], "yiliao"))
    page.body_only["photo-caption"] = cap["caption"]
    page.body_only["photo-credit"] = cap["credit"]
    band = max(credit[3], segments[0].bottom, by[3]) + BODY
    _column_rules(sheet, [1], TOP, band - BODY // 2)
    _band_rule(sheet, band)
    below, _ = module(sheet, GRID, NEWS["jiaotong"], [0, 1, 2, 3], band + BODY, 2 * BODY)
    page.articles.append(below)
    return page


BUILDERS = {
    "small_headlines": small_headlines,
    "staggered": staggered,
    "kickers": kickers,
    "white_space": white_space_and_l_shape,
    "ads": ads,
    "photo_news": photo_news,
}
