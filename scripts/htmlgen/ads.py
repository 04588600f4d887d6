"""What is not an article: display ads, the classified box, photo news.

* A display ad sets a name, an offer, a price, a phone (热线, 电话) and an address
  in large type (display sizes from ``samplegen.wide_ads``), centred or flush
  left, framed by a rule 1-5 px heavy or standing free; half of them drop their
  contact lines.
* The classified box (分类广告) is framed: a label band (dark with white type, or
  under a rule), then small notices (遗失声明, 招聘, 减资公告 ...) in narrow CSS
  columns, each notice one advertisement block.
* Photo news (图片新闻): a photo filling its module and a caption, no headline.
"""

from __future__ import annotations

import numpy as np
from samplegen.wide_ads import DISPLAY_SCALE, bare
from samplegen.wordbank import TextBank

from htmlgen import faces
from htmlgen.article import figure
from htmlgen.tags import el, leaf

TITLE = (faces.HEI, 900), (faces.SMILEY, 400), (faces.WENKAI, 700), (faces.SONG, 900), (faces.KAI, 400)


def display(rng: np.random.Generator, bank: TextBank, key: str, body: float, where: tuple[int, ...]) -> str:
    """A display ad filling its module; lines shrink to the measure in the browser (class ``fit``)."""
    ad = bare(bank.display_ad(), tuple(float(v) for v in where))  # type: ignore[arg-type]
    title = TITLE[int(rng.integers(len(TITLE)))]
    align = "center" if rng.random() < 0.75 else "left"
    lines = []
    for role, text in ad.lines:
        lo, hi = DISPLAY_SCALE[role]
        face = title if role == "title" else ((faces.HEI, 700) if role == "big" else (faces.HEI, 400))
        style = f"font-family:{face[0]};font-weight:{face[1]};font-size:{body * float(rng.uniform(lo, hi)):.1f}px;"
        lines.append(leaf("div", text, "advertisement", key, cls="fit", style=style + "white-space:nowrap;"))
    framed = rng.random() < 0.7
    weight = int(rng.integers(1, 6))
    frame = f"border:{weight}px solid #111;" if framed else ""
    tint = "background:#eee;" if framed and rng.random() < 0.25 else ""
    style = (
        f"{frame}{tint}flex:1;min-height:0;display:flex;flex-direction:column;justify-content:space-evenly;"
        f"text-align:{align};padding:{0.6 * body:.0f}px;line-height:1.15;overflow:hidden;"
    )
    return el("div", "".join(lines), "adbox", style, data_box=key if framed else None)


def _label(rng: np.random.Generator, bank: TextBank, key: str, body: float) -> str:
    dark = rng.random() < 0.5
    size = body * float(rng.uniform(1.5, 2.2))
    style = f"font-family:{faces.HEI};font-weight:900;font-size:{size:.1f}px;"
    name = leaf("span", bank.pick(("分类广告", "分类信息", "广而告之")), "advertisement", key, style=style)
    hot = leaf("span", f"刊登热线 {bank.phone()}", "advertisement", key, style=f"font-size:{0.85 * body:.1f}px;")
    look = "background:#222;color:#fff;" if dark else "border-bottom:2px solid #111;"
    style = (
        f"{look}display:flex;justify-content:space-between;align-items:flex-end;padding:{0.3 * body:.0f}px;flex:none;"
    )
    return el("div", name + hot, "label", style)


def classified(rng: np.random.Generator, bank: TextBank, key: str, body: float) -> str:
    """The framed classified box; notices that do not fit are cut by the measuring script."""
    size = body * float(rng.uniform(0.78, 0.95))
    notices = []
    for i in range(40):
        title, text = bank.notice()
        head = leaf("div", title, "advertisement", f"{key}-{i}", style="font-weight:700;text-align:center;")
        notices.append(el("div", head + leaf("div", text, "advertisement", f"{key}-{i}", cls="ntext"), "notice trim"))
    cols = f"column-width:{11 * size:.0f}px;column-gap:{size:.0f}px;"
    box = el("div", "".join(notices), "notices clip", f"font-size:{size:.1f}px;line-height:1.3;{cols}")
    weight = int(rng.integers(2, 5))
    style = f"border:{weight}px solid #111;padding:{0.4 * body:.0f}px;flex:1;min-height:0;display:flex;"
    return el("div", _label(rng, bank, f"{key}-label", body) + box, "classified", style + "flex-direction:column;")


def photo_news(rng: np.random.Generator, bank: TextBank, key: str, body: float, height: float) -> str:
    """A photo and its caption (with a credit), filling the module."""
    return figure(rng, bank.caption(credit=True), None, body, 0.72 * height, key)
