"""ALTO 4.4 pages: schema-valid, text identical to the JSON, ids and boxes as promised."""

from __future__ import annotations

import re

import pytest
from conftest import sample_gt_documents
from lxml import etree

from pipeline.formats.alto import ALTO_NS, alto_bytes, block_xml_ids, page_alto, write_alto
from pipeline.formats.writers import PAGE_WRITERS
from schemas import Page

NS = {"a": ALTO_NS}


def line_text(element: etree._Element) -> str:
    """A TextLine read back: Strings, with one space for each SP between them."""
    parts = [" " if child.tag.endswith("SP") else child.get("CONTENT") for child in element]
    return "".join(parts)


def spaced(text: str) -> str:
    """``text`` as ALTO can hold it: each whitespace run one space, none at the ends."""
    return re.sub(r"\s+", " ", text).strip()


def _assert_text_equals_json(page: Page, tree: etree._Element) -> None:
    """Every block and line is in the file; each TextLine reads back as Line.text; Glyphs spell their String."""
    ids = block_xml_ids(page)
    space = tree.find("a:Layout/a:Page/a:PrintSpace", NS)
    by_id = {el.get("ID"): el for el in space}
    assert len(by_id) == len(space) == len(page.blocks)
    for block in page.blocks:
        lines = by_id[ids[block.id]].findall("a:TextLine", NS)
        assert len(lines) == len(block.lines), block.id
        for line, element in zip(block.lines, lines, strict=True):
            assert line_text(element) == spaced(line.text), (block.id, line.id)
            for string in element.iterfind("a:String", NS):
                assert "".join(g.get("CONTENT") for g in string) == string.get("CONTENT")
                assert " " not in string.get("CONTENT")


def test_hand_built_pages_validate_and_keep_their_text(news_document, reference_schema):
    schema = reference_schema("alto-4-4.xsd")
    for page in news_document:
        tree = etree.fromstring(alto_bytes(page))
        assert schema.validate(tree), schema.error_log
        _assert_text_equals_json(page, tree)


def test_block_ids_kept_or_prefixed_only_when_xml_refuses_them(news_document):
    first, second = news_document
    assert block_xml_ids(first) == {b.id: b.id for b in first.blocks}
    assert block_xml_ids(second) == {"1": "id_1", "body 2": "id_body_2", "b3": "b3"}
    tree = page_alto(second)
    all_ids = tree.xpath("//@ID")
    assert len(all_ids) == len(set(all_ids))  # a line named like a block ("b3") gave way
    assert tree.find(".//a:TextLine[@ID='b3_2']", NS) is not None


def test_description_tags_and_language(news_document):
    tree = page_alto(news_document[0])
    assert tree.findtext("a:Description/a:MeasurementUnit", namespaces=NS) == "pixel"
    assert tree.findtext(".//a:sourceImageInformation/a:fileName", namespaces=NS) == "issue.pdf"
    ocr = tree.find(".//a:OCRProcessing/a:ocrProcessingStep", NS)
    assert ocr.findtext("a:processingSoftware/a:softwareName", namespaces=NS) == "rapidocr"
    assert "PP-OCRv6 small det" in ocr.findtext("a:processingStepSettings", namespaces=NS)
    pre = tree.findall(".//a:OCRProcessing/a:preProcessingStep", NS)
    assert [p.findtext("a:processingStepDescription", namespaces=NS) for p in pre] == ["preprocess"]
    labels = {t.get("ID"): t.get("LABEL") for t in tree.iterfind(".//a:LayoutTag", NS)}
    headline = tree.find(".//a:TextBlock[@ID='b0003']", NS)
    assert labels[headline.get("TAGREFS")] == "headline"
    assert tree.find(".//a:Illustration[@ID='b0010']", NS) is not None
    page_el = tree.find(".//a:Page", NS)
    assert (page_el.get("LANG"), page_el.get("PHYSICAL_IMG_NR"), page_el.get("PRINTED_IMG_NR")) == ("zh", "1", "A1")


def test_reading_order_follows_articles_then_the_rest(news_document):
    page = news_document[0]
    tree = page_alto(page)
    top = tree.find("a:ReadingOrder/a:OrderedGroup", NS)
    article_group, *rest = list(top)
    assert [r.get("REF") for r in article_group] == page.articles[0].block_ids
    assert [r.get("REF") for r in rest] == ["b0001", "b0009"]  # page header, ad


def test_strings_are_runs_between_spaces_with_glyph_boxes_inside_the_line(news_document):
    page = news_document[0]
    tree = page_alto(page)
    byline = tree.find(".//a:TextLine[@ID='l0009']", NS)
    assert [(el.tag.split("}")[1], el.get("CONTENT")) for el in byline] == [
        ("String", "记者朱文君"),
        ("SP", None),
        ("String", "李彤"),
        ("SP", None),
        ("String", "丁威程"),
    ]
    ad = tree.find(".//a:TextLine[@ID='l0010']", NS)
    assert "M6+" in line_text(ad)
    line = page.block("b0008").lines[0]
    glyphs = byline.findall("a:String/a:Glyph", NS)
    assert "".join(g.get("CONTENT") for g in glyphs) == "记者朱文君李彤丁威程"
    hpos = [float(g.get("HPOS")) for g in glyphs]
    assert hpos == sorted(hpos) and len(set(hpos)) == len(hpos) and hpos[0] == line.bbox.x0
    right = float(glyphs[-1].get("HPOS")) + float(glyphs[-1].get("WIDTH"))
    assert right == line.bbox.x1
    first = byline.find("a:String", NS)
    first_glyphs = first.findall("a:Glyph", NS)
    assert float(first.get("HPOS")) == float(first_glyphs[0].get("HPOS"))
    assert float(first.get("WIDTH")) == pytest.approx(
        float(first_glyphs[-1].get("HPOS")) + float(first_glyphs[-1].get("WIDTH")) - float(first.get("HPOS")), abs=1
    )
    assert {s.get("WC") for s in byline.iterfind("a:String", NS)} == {"0.93"}
    assert {g.get("GC") for g in glyphs} == {"0.93"}


def test_vertical_lines_are_cut_top_to_bottom(news_document):
    tree = page_alto(news_document[1])
    strings = tree.find(".//a:TextLine[@ID='id_x_1']", NS).findall("a:String/a:Glyph", NS)
    vpos = [float(s.get("VPOS")) for s in strings]
    assert vpos == sorted(vpos) and len(set(vpos)) == len(vpos)
    assert {s.get("HPOS") for s in strings} == {"800"}
    assert tree.find(".//a:TextBlock[@ID='id_1']", NS).get("BASEDIRECTION") == "ttb"


def test_characters_xml_cannot_carry_are_replaced(news_document):
    page = news_document[1]
    block = page.blocks[2]
    bad = block.model_copy(update={"lines": [block.lines[0].model_copy(update={"text": "记者\x07陆薇"})]})
    tree = etree.fromstring(alto_bytes(page.model_copy(update={"blocks": [*page.blocks[:2], bad]})))
    line = tree.find(".//a:TextBlock[@ID='b3']/a:TextLine", NS)
    assert line_text(line) == "记者\ufffd陆薇"


def test_writer_is_registered_and_writes_atomically(news_document, tmp_path):
    suffix, writer = PAGE_WRITERS["alto"]
    assert (suffix, writer) == (".alto.xml", write_alto)
    path = tmp_path / "issue-p1.alto.xml"
    writer(news_document[0], path)
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_sample_ground_truth_pages_validate(reference_schema):
    documents = sample_gt_documents()
    if not documents:
        pytest.skip("no samples/*.gt.json yet (make samples)")
    schema = reference_schema("alto-4-4.xsd")
    for page in (p for doc in documents for p in doc):
        tree = etree.fromstring(alto_bytes(page))
        assert schema.validate(tree), (page.source.path, page.source.page_index, schema.error_log)
        _assert_text_equals_json(page, tree)
