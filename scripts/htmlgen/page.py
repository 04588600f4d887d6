"""The page as one HTML document: header, the module grid, footer, and the CSS that sets them.

The grid is a CSS grid of the plan's columns and row units; each module is a
grid item over whole columns and rows, bounded by rules (a rule over it and one
at its left, in the gutter) or by white space only. A sidebar is boxed: a frame
and a light tint. The header prints the paper's name, the date, the page number
(第N版) and the section over a heavy and a thin rule; the footer the editors
under a thin rule.
"""

from __future__ import annotations

import numpy as np
from samplegen.corpus import ArticleText
from samplegen.wordbank import TextBank

from htmlgen import faces
from htmlgen.ads import classified, display, photo_news
from htmlgen.article import article
from htmlgen.plan import Module, PagePlan
from htmlgen.tags import el, leaf

PAPERS = ("南通晚报", "江海日报", "城市晨报", "滨江都市报", "江淮时报")
SECTIONS = ("要闻", "城市", "民生", "综合", "文体", "经济", "社区", "教育")
WEEK = "一二三四五六日"


def css(plan: PagePlan) -> str:
    """The page's style sheet."""
    return f"""
html,body{{margin:0;padding:0;background:#fff;}}
body{{width:{plan.width}px;height:{plan.height}px;overflow:hidden;color:#111;position:relative;
 font-family:{plan.body_face};font-size:{plan.body_pt}pt;line-height:{plan.leading};
 line-break:strict;-webkit-font-smoothing:antialiased;}}
.page{{position:absolute;left:{plan.margin}px;right:{plan.margin}px;top:{plan.margin}px;bottom:{plan.margin}px;
 display:flex;flex-direction:column;}}
.grid{{flex:1;min-height:0;display:grid;grid-template-columns:repeat({plan.ncols},minmax(0,1fr));
 grid-template-rows:repeat({plan.rows},minmax(0,1fr));column-gap:1.2em;row-gap:0.9em;}}
.mod{{overflow:hidden;display:flex;flex-direction:column;min-height:0;min-width:0;}}
.flow{{flex:1 1 0;min-height:0;column-fill:auto;overflow:hidden;}}
.notices{{flex:1 1 0;min-height:0;column-fill:auto;overflow:hidden;}}
.notice{{break-inside:avoid;border-bottom:1px solid #333;padding:0.2em 0 0.3em;}}
.ntext{{text-indent:2em;text-align:justify;}}
p{{margin:0;}}
.para{{text-indent:2em;text-align:justify;}}
.sub{{font-weight:700;text-align:center;margin:0.3em 0;font-family:{faces.HEI};}}
"""


def header(rng: np.random.Generator, plan: PagePlan, body: float) -> str:
    """Paper name, section, date and page number over a heavy and a thin rule."""
    size = body * float(rng.uniform(2.2, 3.2))
    style = f"font-family:{faces.SONG};font-weight:900;font-size:{size:.0f}px;"
    name = leaf("div", str(rng.choice(PAPERS)), "page_header", "header", style=style)
    section = leaf(
        "div",
        str(rng.choice(SECTIONS)),
        "page_header",
        "header",
        style=f"font-family:{faces.HEI};font-weight:700;font-size:{1.7 * body:.0f}px;",
    )
    month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
    facts = leaf("div", f"2024年{month}月{day}日 星期{WEEK[int(rng.integers(7))]}", "page_header", "header")
    facts += leaf("div", f"第{int(rng.integers(1, 17))}版", "page_header", "header")
    right = el("div", facts, None, f"font-family:{faces.HEI};text-align:right;line-height:1.3;")
    parts = [name, section, right] if rng.random() < 0.6 else [section, right, name]
    thick = max(3, round(0.2 * body))
    style = f"display:flex;justify-content:space-between;align-items:flex-end;border-bottom:{thick}px solid #111;"
    band = el("div", "".join(parts), "header", style + f"padding-bottom:{0.3 * body:.0f}px;flex:none;")
    return band + el("div", "", None, f"border-top:1px solid #111;margin:{0.15 * body:.0f}px 0 {0.7 * body:.0f}px;")


def footer(bank: TextBank, body: float) -> str:
    """The editors' line under a thin rule."""
    text = f"责任编辑 {bank.name()}  美术编辑 {bank.name()}  校对 {bank.name()}"
    line = leaf("div", text, "page_header", "footer", style=f"font-size:{0.85 * body:.1f}px;font-family:{faces.HEI};")
    return el(
        "div", line, "footer", f"border-top:1px solid #111;margin-top:{0.6 * body:.0f}px;padding-top:2px;flex:none;"
    )


def _frame(plan: PagePlan, m: Module, rng: np.random.Generator, body: float) -> str:
    if m.kind == "sidebar":
        tint = str(rng.choice(["#eeeeee", "#f2f2f2", "#e8e8e8", "#ffffff"]))
        return f"border:{int(rng.integers(1, 4))}px solid #111;background:{tint};padding:{0.6 * body:.0f}px;"
    if not plan.rules:
        return ""
    style = f"border-top:1px solid #111;padding-top:{0.4 * body:.0f}px;" if m.r0 else ""
    return style + (f"border-left:1px solid #111;padding-left:{0.6 * body:.0f}px;" if m.c0 else "")


def module(
    plan: PagePlan, m: Module, index: int, rng: np.random.Generator, bank: TextBank, sizes: tuple[float, float, float]
) -> tuple[str, ArticleText | None]:
    """One grid item and the text of its article (None for ads and photo news)."""
    body, col_w, row_h = sizes
    width, height = m.k * col_w + (m.k - 1) * 1.2 * body, m.h * row_h
    key = f"m{index:02d}"
    art = None
    if m.kind in ("article", "photo_article", "sidebar"):
        inner, art = article(rng, bank, f"a{index:02d}", m.k, body, width, height, m.kind)
    elif m.kind == "display":
        inner = display(rng, bank, f"{key}-ad", body, (m.c0, m.k, m.r0, m.h))
    elif m.kind == "classified":
        inner = classified(rng, bank, f"{key}-cls", body)
    else:
        inner = photo_news(rng, bank, key, body, height)
    place = f"grid-column:{m.c0 + 1}/span {m.k};grid-row:{m.r0 + 1}/span {m.h};"
    return el("div", inner, "mod", place + _frame(plan, m, rng, body), data_mod=index, id=key), art


def document(plan: PagePlan) -> tuple[str, dict[str, ArticleText]]:
    """The page's HTML and the texts of its articles by article id."""
    rng = np.random.default_rng(plan.seed + 1)
    bank = TextBank(np.random.default_rng(plan.seed + 2))
    body = plan.body_pt * 96 / 72
    inner_w = plan.width - 2 * plan.margin
    col_w = (inner_w - (plan.ncols - 1) * 1.2 * body) / plan.ncols
    row_h = (plan.height - 2 * plan.margin - 6 * body) / plan.rows
    mods, texts = [], {}
    for i, m in enumerate(plan.modules):
        markup, art = module(plan, m, i, rng, bank, (body, col_w, row_h))
        mods.append(markup)
        if art is not None:
            texts[f"a{i:02d}"] = art
    page = header(rng, plan, body) + el("div", "".join(mods), "grid") + footer(bank, body)
    head = f'<meta charset="utf-8"><style>{css(plan)}</style>'
    return f'<!DOCTYPE html><html lang="zh-CN"><head>{head}</head><body>{el("div", page, "page")}</body></html>', texts
