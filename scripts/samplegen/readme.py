"""The samples README, written from the specs so it always matches the files."""

from __future__ import annotations

from pathlib import Path

from samplegen.specs import SampleFile
from schemas import Page

HEAD = """# Sample pages

Synthetic scans of Chinese broadsheet pages with exact ground truth, made by
`python scripts/make_samples.py --out samples` (`make samples`). The run is
seeded: with the same Pillow, FreeType, OpenCV and Noto CJK fonts it rewrites
these bytes. Texts come from `scripts/samplegen/corpus.json`: the three articles
and the concert ad of the reference 南通晚报 page, plus invented local news
(government, economy, culture, sports, weather, a feature) and ads.

Typesetting: body in Noto Serif CJK SC (Song) at 10 pt (42 px at 300 dpi, 28 px
at 200 dpi), one character per cell, justified, two-character paragraph indent,
kinsoku (no line starts with ，。、 etc.); headlines in Noto Sans CJK SC Bold (Hei)
or Noto Serif CJK Bold at 2.5-5x the body size; kicker above and subheadline
below at 1.2-1.8x; datelines in bold Hei; captions in Hei or AR PL UMing (no
Kai font is installed); photos are drawn grey scenes.

Ground truth: `<stem>.gt.json` for a single image, `<stem>-p<N>.gt.json` (N from 1)
for each page of a TIFF or PDF; each file is a `schemas.Page`. Coordinates are
integer pixels of the saved scan. The page was typeset upright and then rotated
by `skew_deg` degrees about the image centre (positive = counter-clockwise, as
`cv2.getRotationMatrix2D`); every `quad` is the four rotated corners (clockwise
from top left) and every `bbox` the box around them. Line boxes are the em boxes
of the printed characters. A body block is one article's run of body text in
one column; the dateline (e.g. 晚报讯) is part of the first body line's text but
not of `paragraphs[0]`; a printed gap (after a dateline, between names) is one
ASCII space, a paragraph indent is not written. `reading_order` lists the page
header, then each article (kicker, headline, subheadline, byline at the start,
body columns left to right with subheads in place, byline at the end, photo,
caption), then the ads. Degradations are recorded in `steps[0].options`.

Bigger sets for benchmarks: `python scripts/make_samples.py --pages 50 --seed 7 --out /tmp/bench`.

Two page families. The files below are the *classic* family (`scripts/samplegen/layout.py`),
the default of every run, so `make samples` rewrites them byte for byte and an old
`--pages N --seed S` set is the same as before. The *wide* family
(`--pages N --seed S --family wide`, `scripts/samplegen/wide_page.py`) is for training and
testing layout that must hold beyond these pages: 4-9 columns, full and half pages, bands
of one- and two-column modules with small 2-3 line headlines (1.3-1.7x body, shrunk to fit),
headlines of 1-4 lines at 1.2-4x body in Hei, Song, Kai (AR PL UKai), a brush face (LXGW
WenKai) and a display face (Smiley Sans), set flush, centred or staggered; kickers and
subheadlines in every face; modules parted by rules or by white space only; L-shaped
modules under a neighbour's photo; photos at any side with captions above or below;
boxed sidebars; wider columns than the grid within a module; classified sections
(遗失声明, 招聘, 减资公告 ...), display ads with phone, address and price, framed or not;
photo news (photo and caption, credit 记者 X 摄, no headline). Its texts are composed from
phrase banks (`scripts/samplegen/wordbank.py`), so they never repeat. Ads, photo news and
captions are never articles in its ground truth. It needs the fonts that
`scripts/system_deps.sh` installs; without one it stops with one line naming the package.

| file | pages | px | dpi | bytes | degradations | exercises |
|---|---|---|---|---|---|---|
"""


def write_readme(files: list[SampleFile], out: Path) -> Path:
    """Write ``out/README.md`` describing ``files`` (which must already be written)."""
    rows = []
    for f in files:
        pages = [
            Page.model_validate_json((out / f.gt_name(i)).read_text(encoding="utf-8")) for i in range(len(f.pages))
        ]
        size = f"{pages[0].width}x{pages[0].height}"
        aging = "; ".join(
            f"p{i + 1}: {p.aging.describe()}" if len(f.pages) > 1 else p.aging.describe() for i, p in enumerate(f.pages)
        )
        if f.fmt in ("jpeg", "pdf"):
            aging += f"; JPEG q{f.quality}"
        kinds = sorted({b.type for p in pages for b in p.blocks})
        note = f"{f.note} {sum(len(p.articles) for p in pages)} articles; blocks: {', '.join(kinds)}."
        nbytes = (out / f.filename).stat().st_size
        rows.append(f"| `{f.filename}` | {len(f.pages)} | {size} | {f.pages[0].dpi} | {nbytes} | {aging} | {note} |")
    path = out / "README.md"
    path.write_text(HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    return path
