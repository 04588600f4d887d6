"""Start Debian's headless ``chromium`` through its ``chromedriver``.

Both come from apt and are named by explicit paths, so selenium never looks for
or downloads a browser of its own.
"""

from __future__ import annotations

import shutil

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser(width: int, height: int) -> webdriver.Chrome:
    """A headless chromium with a window of ``width`` x ``height`` CSS pixels."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(
        service=Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options
    )
