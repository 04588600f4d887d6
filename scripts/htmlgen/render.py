"""Let chromium set the page: load the HTML, cut and measure it, take the screenshot.

The viewport is the page in CSS pixels and the device scale factor is dpi / 96,
so the screenshot is the page at its scan resolution and every measured CSS box
scales to scan pixels by the same factor. The screenshot is taken as a JPEG of
quality 95 (the scan is a JPEG in the end, and chromium encodes PNG of a page
this size several times slower).
"""

from __future__ import annotations

import base64
import io
import json
import tempfile
from pathlib import Path

from headless import browser
from PIL import Image
from selenium import webdriver

SCRIPT = Path(__file__).with_name("collect.js")


def open_browser() -> webdriver.Chrome:
    """A headless chromium for setting pages (one may set many)."""
    return browser(800, 600)


def set_page(driver: webdriver.Chrome, html: str, width: int, height: int, scale: float) -> tuple[Image.Image, dict]:
    """The rendered page (RGB) and what ``collect.js`` measured on it."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False},
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(html, encoding="utf-8")
        driver.get(path.as_uri())
        driver.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done());")
        measured = json.loads(driver.execute_script(SCRIPT.read_text(encoding="utf-8")))
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"format": "jpeg", "quality": 95, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
        )
    image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    return image, measured
