"""The review site: index, queue, self-contained pages, and a real browser clicking an article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import html

from pipeline.cli import main
from pipeline.review import build_review
from pipeline.review.queue import review_items
from schemas import Block, Page

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NAMES = ("tabloid-200dpi", "wanbao-200dpi-p1", "wanbao-200dpi-p2")


def _sample(name: str) -> Page:
    return Page.model_validate_json((SAMPLES / f"{name}.gt.json").read_text(encoding="utf-8"))


def _troubled(page: Page) -> Page:
    """The page with its first article unsure and bodiless, and a headline and a body no article holds."""
    first = page.articles[0].model_copy(update={"confidence": 0.5, "paragraphs": []})
    box = page.blocks[0].bbox
    loose = [
        Block(id="x-head", type="headline", bbox=box, text="无主标题"),
        Block(id="x-body", type="body", bbox=box, text="没有文章收留的正文。"),
    ]
    return page.model_copy(update={"articles": [first, *page.articles[1:]], "blocks": [*page.blocks, *loose]})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    for name in NAMES:
        shutil.copy(SAMPLES / f"{name}.gt.json", out / f"{name}.json")
    (out / "broken-p1.json").write_text("{}", encoding="utf-8")
    failure = {"path": "scans/bad.tif", "page": 3, "error": "InputError", "message": "truncated file"}
    (out / "errors.jsonl").write_text(json.dumps(failure) + "\n", encoding="utf-8")
    assert main(["review", str(out), "--scans", str(SAMPLES)]) == 0
    return out / "review"


def test_queue_names_each_kind_of_trouble():
    page = _troubled(_sample("tabloid-200dpi"))
    items = review_items("t", page)
    found = {(i.reason, i.article or i.block) for i in items}
    art = page.articles[0].id
    assert found == {
        ("low confidence", art),
        ("no body", art),
        ("headline with no article", "x-head"),
        ("text outside every article", "x-body"),
    }
    assert review_items("t", _sample("tabloid-200dpi")) == []


def test_index_lists_pages_failures_and_queue(site):
    doc = html.parse(str(site / "index.html")).getroot()
    rows = {r[0].text_content(): r[1].text_content() for r in doc.xpath("//table[@id='pages']/tr")[1:]}
    assert rows == {n: str(len(_sample(n).articles)) for n in NAMES}
    failures = doc.get_element_by_id("failures").text_content()
    assert "truncated file" in failures and "broken-p1.json" in failures
    assert sorted(p.name for p in site.glob("*.html")) == sorted(["index.html", *(f"{n}.html" for n in NAMES)])
    assert all((site / "scans" / f"{n}.jpg").is_file() for n in NAMES)


def test_pages_load_nothing_from_the_network(site):
    for path in site.glob("*.html"):
        doc = html.parse(str(path)).getroot()
        links = [v for el in doc.iter() for k, v in el.attrib.items() if k in ("src", "href")]
        assert links and not [v for v in links if "//" in v or v.startswith(("http", "data:"))], path
        for ref in (v.split("#")[0] for v in links):
            assert not ref or (site / ref).is_file(), (path, ref)


def test_rerun_removes_pages_no_longer_there(site, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(site.parent, out)
    (out / "wanbao-200dpi-p2.json").unlink()
    build_review(out, [SAMPLES])
    assert not (out / "review" / "wanbao-200dpi-p2.html").exists()
    assert not (out / "review" / "scans" / "wanbao-200dpi-p2.jpg").exists()


def _driver(monkeypatch):
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and chromedriver):
        pytest.skip("chromium / chromedriver not installed (scripts/system_deps.sh installs them)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    def refuse(*_args, **_kwargs):
        raise AssertionError("selenium-manager ran (it may download a browser)")

    monkeypatch.setattr(SeleniumManager, "binary_paths", refuse)

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(arg)
    # The driver's path is given, so selenium-manager never runs (and never downloads a browser).
    return webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)


def test_clicking_an_article_in_chromium_shows_it_and_keys_move_on(site, monkeypatch):
    from selenium.webdriver.common.by import By

    page = _sample("tabloid-200dpi")
    second, third = page.articles[1], page.articles[2]
    driver = _driver(monkeypatch)
    try:
        driver.get((site / "tabloid-200dpi.html").as_uri())
        body = next(b for b in second.block_ids if page.block(b).type == "body")
        driver.find_element(By.CSS_SELECTOR, f'rect.block[data-block="{body}"]').click()
        assert driver.find_element(By.ID, "d-headline").text == second.headline
        assert driver.find_element(By.ID, "d-byline").text == second.byline
        assert driver.find_element(By.ID, "d-authors").text == "、".join(second.authors)
        shown = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "#d-paragraphs p")]
        assert shown == second.paragraphs
        lit = {r.get_attribute("data-block") for r in driver.find_elements(By.CSS_SELECTOR, "rect.block.hl")}
        assert lit == set(second.block_ids)
        driver.find_element(By.TAG_NAME, "body").send_keys("j")
        assert driver.find_element(By.ID, "d-headline").text == third.headline
        driver.find_element(By.TAG_NAME, "body").send_keys("n")
        assert driver.current_url.split("#")[0].endswith("/wanbao-200dpi-p1.html")
        assert driver.find_element(By.ID, "prev").get_attribute("href").endswith("/tabloid-200dpi.html")
    finally:
        driver.quit()


def test_review_of_a_folder_without_pages_is_a_one_line_error(tmp_path, capsys):
    assert main(["review", str(tmp_path / "nope")]) == 2
    assert main(["review", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"broadsheet review: {tmp_path / 'nope'}: not a folder",
        f"broadsheet review: {tmp_path}: no page JSON files here",
    ]


def test_a_page_without_its_scan_is_drawn_on_blank_paper(tmp_path, capsys):
    shutil.copy(SAMPLES / f"{NAMES[0]}.gt.json", tmp_path / f"{NAMES[0]}.json")
    assert main(["review", str(tmp_path)]) == 0
    assert "scan not found" in capsys.readouterr().err
    doc = html.parse(str(tmp_path / "review" / f"{NAMES[0]}.html")).getroot()
    assert not doc.xpath("//img") and doc.xpath("//*[contains(@class, 'blank')]")
