"""Which pages to make: the committed sample set and seeded random sets for benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from samplegen.corpus import load_corpus
from samplegen.degrade import Aging
from samplegen.furniture import PaperInfo

Format = Literal["jpeg", "png", "tiff", "pdf"]
Family = Literal["classic", "wide"]
SUFFIX: dict[Format, str] = {"jpeg": ".jpg", "png": ".png", "tiff": ".tif", "pdf": ".pdf"}


@dataclass(frozen=True)
class PageSpec:
    """One page: size, type size, content, grids and degradations."""

    seed: int
    dpi: int
    size: tuple[int, int]
    paper: PaperInfo
    articles: tuple[str, ...]
    ads: tuple[str, ...]
    grids: tuple[int, ...]
    aging: Aging
    body_pt: float = 10.0
    column_rules: bool = False
    vertical: Literal["", "headline", "page"] = ""
    """Vertical type: "headline" (竖题 beside horizontal body) or "page" (all 竖排); see ``vertical``."""
    family: Family = "classic"
    """"classic" (``layout``: the committed samples) or "wide" (``wide_page``: far more varied pages)."""


@dataclass(frozen=True)
class SampleFile:
    """One output file holding one or more pages."""

    stem: str
    fmt: Format
    pages: tuple[PageSpec, ...]
    quality: int = 80
    note: str = ""

    @property
    def filename(self) -> str:
        """The image file's name."""
        return self.stem + SUFFIX[self.fmt]

    def gt_name(self, index: int) -> str:
        """Ground-truth file of page ``index`` (0-based)."""
        if len(self.pages) == 1:
            return f"{self.stem}.gt.json"
        return f"{self.stem}-p{index + 1}.gt.json"


NANTONG = ("nantong-projects", "nantong-bank-meeting", "nantong-womens-federation")
GREY = (236, 236, 236)
WHITE = (245, 245, 245)


def _paper(name: str, date: str, page: str, section: str, editor: str) -> PaperInfo:
    return PaperInfo(name=name, date=date, page=page, section=section, editor=editor)


def _nantong() -> SampleFile:
    paper = _paper("南通晚报", "2024年1月5日 星期五", "第A2版", "要闻", "责任编辑 顾晓 美术编辑 王娟")
    arts = (*NANTONG, "marathon", "old-housing", "city-library")
    aging = Aging(angle=0.8, blur=0.7, noise=4, paper=GREY, ink=28, bleed=0.05, shading=0.08)
    page = PageSpec(101, 300, (3860, 5400), paper, arts, ("concert",), (6, 5), aging)
    return SampleFile("nantong-300dpi", "jpeg", (page,), note="The reference 南通晚报 articles and concert ad.")


def _jianghai() -> SampleFile:
    paper = _paper("江海日报", "2024年1月8日 星期一", "第5版", "城市", "责任编辑 陆峰 校对 许静")
    arts = ("metro", "foreign-trade", "cold-wave", "cobbler", "medical-insurance", "winter-break")
    aging = Aging(angle=-1.4, blur=0.6, noise=5, paper=(240, 231, 210), ink=34, bleed=0.07, shading=0.12, color=True)
    page = PageSpec(202, 200, (2560, 3560), paper, arts, ("real-estate", "bank"), (8, 6), aging, column_rules=True)
    note = "Yellowed RGB scan; 8- and 6-column grids with column rules; two ads side by side."
    return SampleFile("jianghai-200dpi", "jpeg", (page,), note=note)


def _chenbao() -> SampleFile:
    date = "2024年1月9日 星期二"
    arts1 = ("old-housing", "blue-calico", "spring-travel", "winter-break", "city-library", "medical-insurance")
    arts2 = ("cobbler", "marathon", "cold-wave", "foreign-trade", "nantong-womens-federation", "spring-travel")
    aging1 = Aging(angle=0.4, blur=0.6, noise=4, paper=WHITE, ink=20, bleed=0.05, binarize=True)
    aging2 = Aging(angle=-0.7, blur=0.7, noise=4, paper=WHITE, ink=20, binarize=True)
    pages = (
        PageSpec(303, 300, (3780, 5300), _paper("城市晨报", date, "第A3版", "民生", "责任编辑 钱敏"), arts1,
                 ("new-year-fair",), (7, 6), aging1),
        PageSpec(304, 300, (3780, 5300), _paper("城市晨报", date, "第A4版", "文体", "责任编辑 孙婷"), arts2,
                 ("bank",), (6, 7), aging2, column_rules=True),
    )  # fmt: skip
    note = "Bilevel CCITT G4 multi-page TIFF (photos dithered); in-article subheads."
    return SampleFile("chenbao-300dpi-g4", "tiff", pages, note=note)


def _wanbao() -> SampleFile:
    date = "2024年1月5日 星期五"
    arts1 = ("blue-calico", "nantong-bank-meeting", "medical-insurance", "metro", "city-library")
    arts2 = ("spring-travel", "cobbler", "nantong-womens-federation", "foreign-trade", "winter-break")
    aging1 = Aging(angle=-0.5, blur=0.5, noise=3, paper=GREY, ink=30, bleed=0.05, shading=0.06)
    aging2 = Aging(angle=1.9, blur=0.6, noise=4, paper=GREY, ink=30, shading=0.1)
    pages = (
        PageSpec(405, 200, (2600, 3620), _paper("南通晚报", date, "第A5版", "民生", "责任编辑 沈洁"), arts1,
                 ("bank",), (6,), aging1),
        PageSpec(406, 200, (2600, 3620), _paper("南通晚报", date, "第A6版", "综合", "责任编辑 周扬"), arts2,
                 ("real-estate",), (5, 7), aging2),
    )  # fmt: skip
    note = "Two-page PDF of embedded 200-dpi JPEGs; the second page is skewed almost 2°."
    return SampleFile("wanbao-200dpi", "pdf", pages, note=note)


def _tabloid() -> SampleFile:
    paper = _paper("城市晨报", "2024年1月10日 星期三", "第B1版", "社区", "责任编辑 钱敏")
    arts = ("city-library", "cold-wave", "medical-insurance", "nantong-bank-meeting")
    aging = Aging(angle=0.3, blur=0.5, paper=(250, 250, 250), ink=24)
    page = PageSpec(505, 200, (1700, 2400), paper, arts, ("new-year-fair",), (5,), aging)
    note = "Small half-size page for fast OCR tests; lossless PNG, light degradation."
    return SampleFile("tabloid-200dpi", "png", (page,), note=note)


def committed_set() -> list[SampleFile]:
    """The sample set kept in ``samples/`` (regenerated exactly by the default run)."""
    return [_nantong(), _jianghai(), _chenbao(), _wanbao(), _tabloid()]


def _random_aging(rng: np.random.Generator, scale: float) -> Aging:
    tone, green = int(rng.integers(228, 252)), int(rng.integers(0, 8))
    return Aging(
        angle=float(np.round(rng.uniform(-2, 2), 2)),
        blur=float(np.round(rng.uniform(0.3, 1.0) * scale * 1.2, 2)),
        noise=float(np.round(rng.uniform(2, 8), 1)),
        paper=(tone, tone - green, tone - green - int(rng.integers(0, 20))),
        ink=int(rng.integers(15, 45)),
        bleed=float(np.round(rng.uniform(0, 0.08), 3)),
        shading=float(np.round(rng.uniform(0, 0.14), 3)),
        color=bool(rng.random() < 0.4),
    )


def _random_page(rng: np.random.Generator) -> PageSpec:
    corpus = load_corpus()
    dpi = int(rng.choice([200, 300]))
    scale = dpi / 300
    size = (round(rng.integers(3500, 4100) * scale), round(rng.integers(5000, 5600) * scale))
    name = str(rng.choice(["南通晚报", "江海日报", "城市晨报"]))
    section = str(rng.choice(["要闻", "城市", "民生", "综合", "文体", "经济"]))
    paper = _paper(name, "2024年1月12日 星期五", f"第{int(rng.integers(1, 17))}版", section, "责任编辑 顾晓")
    arts = tuple(str(a) for a in rng.permutation(list(corpus.articles)))
    ads = tuple(str(a) for a in rng.permutation(list(corpus.ads))[: int(rng.integers(1, 3))])
    grids = tuple(int(g) for g in rng.integers(5, 9, size=3))
    aging = _random_aging(rng, scale)
    body_pt = float(np.round(rng.uniform(9.5, 10.5), 1))
    seed = int(rng.integers(1 << 30))
    return PageSpec(seed, dpi, size, paper, arts, ads, grids, aging, body_pt, column_rules=bool(rng.random() < 0.4))


def _wide_page(rng: np.random.Generator) -> PageSpec:
    """A page of the wide family: 4-9 columns, full or half height, 9-11 pt body."""
    spec = _random_page(rng)
    w, h = spec.size
    half = bool(rng.random() < 0.3)
    size = (w, round(h * float(rng.uniform(0.5, 0.6)))) if half else (w, h)
    grids = (int(rng.integers(4, 10)),)
    body_pt = float(np.round(rng.uniform(9.0, 11.0), 1))
    return replace(spec, size=size, grids=grids, body_pt=body_pt, family="wide")


def random_set(
    count: int, seed: int, vertical: Literal["", "headline", "page"] = "", family: Family = "classic"
) -> list[SampleFile]:
    """``count`` single-page JPEGs drawn from ``seed`` (for benchmarks), of the ``vertical`` kind or ``family``."""
    rng = np.random.default_rng(seed)
    files = []
    for i in range(count):
        spec = _wide_page(rng) if family == "wide" else _random_page(rng)
        spec = replace(spec, vertical=vertical) if vertical else spec
        files.append(SampleFile(f"page-{i + 1:04d}", "jpeg", (spec,), quality=int(rng.integers(70, 90))))
    return files
