"""METS 1.12 documents: schema-valid, one article div per JSON article, areas that resolve in ALTO."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample_gt_documents
from lxml import etree

from pipeline.formats.alto import block_xml_ids
from pipeline.formats.mets import METS_NS, XLINK_NS, document_mets, write_mets
from pipeline.formats.writers import DOCUMENT_WRITERS, PAGE_WRITERS
from pipeline.naming import output_path
from schemas import Page

NS = {"m": METS_NS}
HREF = f"{{{XLINK_NS}}}href"


def _write_document(pages: list[Page], out: Path) -> Path:
    """Write the ALTO files and the METS file of ``pages`` the way a batch names them."""
    suffix, write_alto = PAGE_WRITERS["alto"]
    for page in pages:
        src = page.source
        write_alto(page, output_path(out, Path(src.path), src.page_index, src.page_count, suffix))
    mets_suffix, writer = DOCUMENT_WRITERS["mets"]
    path = out / f"{Path(pages[0].source.path).stem}{mets_suffix}"
    writer(pages, path)
    return path


def _check_document(pages: list[Page], mets_path: Path) -> None:
    """Every article has its div; every area names a file that exists and a block in it."""
    tree = etree.parse(str(mets_path)).getroot()
    hrefs = {f.get("ID"): f.find("m:FLocat", NS).get(HREF) for f in tree.iterfind(".//m:file", NS)}
    articles = tree.findall(".//m:structMap[@TYPE='LOGICAL']//m:div[@TYPE='article']", NS)
    assert len(articles) == sum(len(p.articles) for p in pages)
    alto_ids: dict[str, set[str]] = {}  # FILEID -> the IDs in that ALTO file, parsed once
    for div in articles:
        areas = div.findall(".//m:area", NS)
        assert areas and {a.get("BETYPE") for a in areas} == {"IDREF"}
        for area in areas:
            file_id = area.get("FILEID")
            if file_id not in alto_ids:
                alto_ids[file_id] = set(etree.parse(str(mets_path.parent / hrefs[file_id])).xpath("//@ID"))
            assert area.get("BEGIN") in alto_ids[file_id], area.get("BEGIN")
    pages_in_order = tree.findall(".//m:structMap[@TYPE='PHYSICAL']/m:div/m:div[@TYPE='page']", NS)
    assert [int(d.get("ORDER")) for d in pages_in_order] == list(range(1, len(pages) + 1))


def test_hand_built_document_validates_and_resolves(news_document, reference_schema, tmp_path):
    schema = reference_schema("mets-1-12-1.xsd")
    path = _write_document(news_document, tmp_path)
    assert path.name == "issue.mets.xml"
    tree = etree.parse(str(path))
    assert schema.validate(tree), schema.error_log
    _check_document(news_document, path)


def test_file_section_points_at_images_and_alto_relatively(news_document):
    tree = document_mets(news_document, Path("out/issue.mets.xml"))
    groups = {g.get("USE"): [f.find("m:FLocat", NS).get(HREF) for f in g] for g in tree.iterfind(".//m:fileGrp", NS)}
    assert groups == {
        "IMAGE": ["../scans/issue.pdf#page=1", "../scans/issue.pdf#page=2"],
        "FULLTEXT": ["issue-p1.alto.xml", "issue-p2.alto.xml"],
    }
    assert [f.get("MIMETYPE") for f in tree.iterfind(".//m:fileGrp[@USE='IMAGE']/m:file", NS)] == [
        "application/pdf"
    ] * 2


def test_page_xml_files_are_listed_when_written(news_document, reference_schema, tmp_path):
    suffix, write_page = PAGE_WRITERS["page"]
    for page in news_document:
        src = page.source
        write_page(page, output_path(tmp_path, Path(src.path), src.page_index, src.page_count, suffix))
    path = tmp_path / "issue.mets.xml"
    write_mets(news_document, path, page_formats=("json", "page"))
    tree = etree.parse(str(path)).getroot()
    assert reference_schema("mets-1-12-1.xsd").validate(tree)
    listed = [f.find("m:FLocat", NS).get(HREF) for f in tree.iterfind(".//m:fileGrp[@USE='PAGEXML']/m:file", NS)]
    assert listed == ["issue-p1.page.xml", "issue-p2.page.xml"] and all((tmp_path / h).is_file() for h in listed)
    pointers = [[p.get("FILEID") for p in d] for d in tree.iterfind(".//m:div[@TYPE='page']", NS)]
    assert pointers[1] == ["IMG_0002", "ALTO_0002", "PAGE_0002"]
    without = document_mets(news_document, path)  # a run that writes no PAGE-XML lists none
    assert without.find(".//m:fileGrp[@USE='PAGEXML']", NS) is None


def test_article_children_follow_reading_order_and_point_at_alto_ids(news_document):
    tree = document_mets(news_document, Path("issue.mets.xml"))
    first, second = tree.findall(".//m:div[@TYPE='article']", NS)
    assert first.get("LABEL") == "全面掀起重大项目攻坚突破新热潮"
    assert [d.get("TYPE") for d in first] == ["headline", "body", "byline", "illustration"]
    headline = [a.get("BEGIN") for a in first.find("m:div[@TYPE='headline']", NS).iter(f"{{{METS_NS}}}area")]
    assert headline == ["b0002", "b0003", "b0004"]  # kicker, headline, subheadline in order
    ids = block_xml_ids(news_document[1])
    body = second.find("m:div[@TYPE='body']//m:area", NS)
    assert (body.get("FILEID"), body.get("BEGIN")) == ("ALTO_0002", ids["body 2"])
    ads = tree.findall(".//m:div[@TYPE='advertisement']//m:area", NS)
    assert [a.get("BEGIN") for a in ads] == ["b0009"]


def test_issue_metadata_and_page_links(news_document):
    tree = document_mets(news_document, Path("issue.mets.xml"))
    mods = "{http://www.loc.gov/mods/v3}"
    assert tree.findtext(f".//{mods}title") == "南通晚报"
    assert tree.findtext(f".//{mods}dateIssued") == "2024-01-05"
    labels = [d.get("ORDERLABEL") for d in tree.iterfind(".//m:div[@TYPE='page']", NS)]
    assert labels == ["A1", "A2"]
    links = [(s.get(f"{{{XLINK_NS}}}from"), s.get(f"{{{XLINK_NS}}}to")) for s in tree.iterfind(".//m:smLink", NS)]
    assert ("LOG_0002_a1", "PHYS_0002") in links


def test_issue_of_separate_images_keeps_ids_unique(news_document, reference_schema, tmp_path):
    schema = reference_schema("mets-1-12-1.xsd")
    pages = [
        p.model_copy(
            update={"source": p.source.model_copy(update={"path": f"in/{n}.png", "page_index": 0, "page_count": 1})}
        )
        for n, p in enumerate([news_document[0], news_document[0]], start=1)
    ]
    tree = document_mets(pages, tmp_path / "issue-7021.mets.xml")
    assert schema.validate(tree), schema.error_log
    images = [f.find("m:FLocat", NS).get(HREF) for f in tree.iterfind(".//m:fileGrp[@USE='IMAGE']/m:file", NS)]
    assert [Path(h).name for h in images] == ["1.png", "2.png"]
    assert tree.get("OBJID") == "issue-7021"


def test_no_pages_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match=r"empty\.mets\.xml: .*at least one page"):
        write_mets([], tmp_path / "empty.mets.xml")


def test_sample_ground_truth_documents_validate(reference_schema, tmp_path):
    documents = sample_gt_documents()
    if not documents:
        pytest.skip("no samples/*.gt.json yet (make samples)")
    schema = reference_schema("mets-1-12-1.xsd")  # their ALTO files: see test_alto.py
    for n, pages in enumerate(documents):
        path = _write_document(pages, tmp_path / str(n))
        assert schema.validate(etree.parse(str(path))), (path.name, schema.error_log)
        _check_document(pages, path)
