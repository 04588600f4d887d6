"""PAGE-XML 2019-07-15 pages: schema-valid, one region per block, lines with text, one group per article."""

from __future__ import annotations

import pytest
from conftest import sample_gt_documents
from lxml import etree

from pipeline.formats.alto import block_xml_ids
from pipeline.formats.pagexml import PAGE_NS, page_xml, page_xml_bytes, write_page_xml
from pipeline.formats.writers import PAGE_WRITERS
from schemas import Page

NS = {"p": PAGE_NS}


def _assert_blocks_and_lines(page: Page, tree: etree._Element) -> None:
    ids = block_xml_ids(page)
    regions = {r.get("id"): r for r in tree.find("p:Page", NS) if r.tag.endswith("Region")}
    assert len(regions) == len(page.blocks)
    for block in page.blocks:
        region = regions[ids[block.id]]
        assert region.get("custom") == f"structure {{type:{block.type};}}"
        lines = region.findall("p:TextLine", NS)
        assert [ln.findtext("p:TextEquiv/p:Unicode", namespaces=NS) for ln in lines] == [ln.text for ln in block.lines]
        for element, line in zip(lines, block.lines, strict=True):
            want = " ".join(f"{max(0, x)},{max(0, y)}" for x, y in line.quad)
            assert element.find("p:Coords", NS).get("points") == want


def test_hand_built_pages_validate_and_keep_blocks_lines_and_types(news_document, reference_schema):
    schema = reference_schema("pagecontent-2019-07-15.xsd")
    for page in news_document:
        tree = etree.fromstring(page_xml_bytes(page))
        assert schema.validate(tree), schema.error_log
        _assert_blocks_and_lines(page, tree)
    tree = page_xml(news_document[0])
    types = {r.get("id"): r.get("type") for r in tree.iterfind(".//p:TextRegion", NS)}
    assert (types["b0003"], types["b0001"], types["b0008"], types["b0009"]) == ("heading", "header", "credit", "other")
    assert tree.find(".//p:ImageRegion[@id='b0010']", NS) is not None


def test_reading_order_has_one_group_per_article_then_the_rest(news_document):
    page = news_document[0]
    top = page_xml(page).find("p:Page/p:ReadingOrder/p:OrderedGroup", NS)
    groups = top.findall("p:OrderedGroupIndexed", NS)
    assert len(groups) == len(page.articles)
    assert groups[0].get("type") == "article" and groups[0].get("caption") == page.articles[0].headline
    assert [r.get("regionRef") for r in groups[0]] == page.articles[0].block_ids
    assert [r.get("regionRef") for r in top.findall("p:RegionRefIndexed", NS)] == ["b0001", "b0009"]
    indexes = [int(child.get("index")) for child in top]
    assert indexes == list(range(len(indexes)))


def test_vertical_regions_read_top_to_bottom_right_to_left(news_document):
    region = page_xml(news_document[1]).find(".//p:TextRegion[@id='id_1']", NS)
    assert (region.get("readingDirection"), region.get("textLineOrder")) == ("top-to-bottom", "right-to-left")
    assert region.find("p:TextLine/p:Baseline", NS) is None


def test_writer_is_registered_and_writes_atomically(news_document, tmp_path):
    assert PAGE_WRITERS["page"] == (".page.xml", write_page_xml)
    path = tmp_path / "issue-p1.page.xml"
    write_page_xml(news_document[0], path)
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_sample_ground_truth_pages_validate_and_dinglehopper_reads_them(reference_schema):
    documents = sample_gt_documents()
    if not documents:
        pytest.skip("no samples/*.gt.json yet (make samples)")
    schema = reference_schema("pagecontent-2019-07-15.xsd")
    for page in (p for doc in documents for p in doc):
        tree = etree.fromstring(page_xml_bytes(page))
        assert schema.validate(tree), (page.source.path, page.source.page_index, schema.error_log)
        _assert_blocks_and_lines(page, tree)
    ocr_files = pytest.importorskip("dinglehopper.ocr_files")
    page = documents[0][0]
    text = ocr_files.page_text(etree.ElementTree(etree.fromstring(page_xml_bytes(page))), textequiv_level="line")
    article_text = "".join(ln.text for b in page.articles[0].block_ids for ln in page.block(b).lines)
    assert article_text.replace(" ", "")[:40] in text.replace(" ", "").replace("\n", "")
