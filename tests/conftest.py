"""Shared fixtures: one real OCR engine per test process, and CJK text rendering."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from schemas import Article, BBox, Block, EngineInfo, Line, ModelInfo, Page, PageMetadata, Source, Step
from schemas.page import BlockType, Direction

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED_REFERENCE = REPO.parent / "shared" / "reference"
SONG = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
HEI = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SC_INDEX = 2  # Simplified Chinese face inside the Noto CJK collections


@pytest.fixture(scope="session")
def engine():
    """The default engine with the shipped models (loaded once per test process)."""
    from pipeline.config import OcrOptions
    from pipeline.engines.registry import create_engine

    return create_engine(OcrOptions(threads=1))


@pytest.fixture(scope="session")
def pipe(engine):
    """A Pipeline sharing the session engine."""
    from pipeline.runner import Pipeline

    return Pipeline(engine=engine)


def cjk_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Song (body) or Hei (headline) face at ``size`` pixels."""
    path = HEI if bold else SONG
    if not Path(path).exists():
        pytest.skip(f"CJK font missing: {path} (apt-get install fonts-noto-cjk)")
    return ImageFont.truetype(path, size, index=SC_INDEX)


def render_lines(
    lines: list[tuple[str, int, int, int, bool]], size: tuple[int, int], background: int = 250
) -> np.ndarray:
    """Render ``(text, x, y, px, bold)`` lines onto a gray page and return it as an array."""
    img = Image.new("L", size, background)
    draw = ImageDraw.Draw(img)
    for text, x, y, px, bold in lines:
        draw.text((x, y), text, font=cjk_font(px, bold), fill=10)
    return np.asarray(img)


def _archive_line(line_id: str, text: str, x: int, y: int, w: int, h: int, conf: float = 0.93) -> Line:
    quad = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    return Line(id=line_id, quad=quad, bbox=BBox(x0=x, y0=y, x1=x + w, y1=y + h), text=text, confidence=conf)


def _archive_block(block_id: str, kind: BlockType, lines: list[Line], direction: Direction = "horizontal-ltr") -> Block:
    if not lines:
        return Block(id=block_id, type=kind, bbox=BBox(x0=600, y0=900, x1=900, y1=1200))
    box = BBox(
        x0=min(ln.bbox.x0 for ln in lines),
        y0=min(ln.bbox.y0 for ln in lines),
        x1=max(ln.bbox.x1 for ln in lines),
        y1=max(ln.bbox.y1 for ln in lines),
    )
    text = "".join(ln.text for ln in lines)
    return Block(id=block_id, type=kind, bbox=box, lines=lines, text=text, direction=direction)


@pytest.fixture(scope="session")
def news_document() -> list[Page]:
    """Two hand-built pages of one issue (``issue.pdf``) for the archive formats.

    Page 1: kicker / headline / subheadline, a dateline, body split by a column break
    mid-sentence, a closing byline with spaces, an ad, a page header, a photo and
    caption. Page 2: a vertical block, half-width text, and ids XML would refuse.
    """
    line, block = _archive_line, _archive_block
    engine = EngineInfo(
        name="rapidocr",
        version="3.10.0",
        runtime="onnxruntime",
        models=[ModelInfo(role="detection", name="PP-OCRv6 small det", file="det.onnx", sha256="ab" * 32)],
    )
    meta = PageMetadata(paper="南通晚报", date="2024-01-05", edition="A", issue="7021")
    steps = [Step(name="preprocess"), Step(name="ocr", options={"rec_batch": 16}), Step(name="assemble")]
    p1_blocks = [
        block("b0001", "page_header", [line("l0001", "南通晚报  2024年1月5日 星期五", 40, 20, 600, 30)]),
        block("b0002", "kicker", [line("l0002", "号召开年即开工,起步即加速", 60, 80, 500, 30)]),
        block("b0003", "headline", [line("l0003", "全面掀起重大项目攻坚突破新热潮", 60, 120, 900, 70)]),
        block("b0004", "subheadline", [line("l0004", "全市“重大项目攻坚突破年”动员大会召开", 60, 200, 700, 34)]),
        block("b0005", "dateline", [line("l0005", "晚报讯", 60, 260, 60, 20)]),
        block(
            "b0006",
            "body",
            [
                line("l0006", "  昨天,市委、市政府召开", 120, 260, 240, 20),
                line("l0007", "动员大会,既要在落地转化上全力攻坚,也要", 60, 284, 300, 20),
            ],
        ),
        block("b0007", "body", [line("l0008", "在招商引资上持续攻坚。", 400, 260, 220, 20)]),
        block("b0008", "byline", [line("l0009", "记者朱文君 李彤 丁威程", 400, 290, 220, 20)]),
        block("b0009", "advertisement", [line("l0010", "洋河 梦之蓝 M6+ 遇见经典·梦想依燃", 40, 700, 500, 40)]),
        block("b0010", "image", []),
        block("b0011", "caption", [line("l0011", "动员大会现场。", 600, 1210, 140, 20)]),
    ]
    article_1 = Article(
        id="a0001",
        kicker="号召开年即开工,起步即加速",
        headline="全面掀起重大项目攻坚突破新热潮",
        subheadline="全市“重大项目攻坚突破年”动员大会召开",
        dateline="晚报讯",
        byline="记者朱文君 李彤 丁威程",
        authors=["朱文君", "李彤", "丁威程"],
        paragraphs=["昨天,市委、市政府召开动员大会,既要在落地转化上全力攻坚,也要在招商引资上持续攻坚。"],
        block_ids=["b0002", "b0003", "b0004", "b0005", "b0006", "b0007", "b0008", "b0010", "b0011"],
        bbox=BBox(x0=60, y0=80, x1=960, y1=1230),
        columns=[0, 1],
    )
    p2_blocks = [
        block("1", "headline", [line("x:1", "省妇联系统先进名单公布", 800, 40, 60, 400)], "vertical-rtl"),
        block(
            "body 2",
            "body",
            [line("x 2", "南通2单位3人上榜 (Nantong)", 700, 40, 40, 500), line("x 3", "", 650, 40, 40, 10)],
            "vertical-rtl",
        ),
        block("b3", "byline", [line("b3", "记者陆薇", 600, 40, 40, 160)], "vertical-rtl"),
    ]
    article_2 = Article(
        id="a1",
        headline="省妇联系统先进名单公布",
        byline="记者陆薇",
        authors=["陆薇"],
        paragraphs=["南通2单位3人上榜 (Nantong)"],
        block_ids=["1", "body 2", "b3"],
        bbox=BBox(x0=600, y0=40, x1=860, y1=540),
    )
    pages = []
    for index, blocks, articles, number in ((0, p1_blocks, [article_1], "A1"), (1, p2_blocks, [article_2], "A2")):
        source = Source(
            path="scans/issue.pdf",
            page_index=index,
            page_count=2,
            sha256="cd" * 32,
            format="pdf",
            metadata=meta.model_copy(update={"page_number": number}),
        )
        order = [b.id for b in blocks]
        pages.append(
            Page(
                source=source,
                width=1000,
                height=1400,
                dpi=150.0,
                engine=engine,
                blocks=blocks,
                reading_order=order,
                articles=articles,
                steps=steps,
            )
        )
    return pages


@pytest.fixture(scope="session")
def reference_schema():
    """Factory: the official XML Schema ``name`` from ../shared/reference (skips when absent)."""
    from lxml import etree

    def load(name: str) -> etree.XMLSchema:
        path = SHARED_REFERENCE / name
        if not path.exists():
            pytest.skip(f"{path} absent: the official schemas live beside the repository, not in it")
        return etree.XMLSchema(etree.parse(str(path)))

    return load


def sample_gt_documents() -> list[list[Page]]:
    """Ground-truth pages under samples/ grouped by source file, in page order (may be empty)."""
    pages = [Page.model_validate_json(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.gt.json"))]
    groups: dict[str, list[Page]] = {}
    for page in sorted(pages, key=lambda p: (p.source.path, p.source.page_index)):
        groups.setdefault(page.source.path, []).append(page)
    return list(groups.values())
