"""Take the README's picture of the review site: ``docs/review.png``.

    python scripts/review_screenshot.py OUT [--page STEM] [--article N] [--out docs/review.png]

OUT is a folder ``broadsheet review`` has written into. Runs Debian's ``chromium``
headless through its ``chromedriver`` (both from apt, paths given explicitly, so
selenium never looks for or downloads a browser).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image
from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).resolve().parent))

from headless import browser


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--page", default=None, help="page stem (default: the first page view)")
    p.add_argument("--article", type=int, default=1, help="article (0-based) to select")
    p.add_argument("--dest", type=Path, default=Path("docs/review.png"))
    p.add_argument("--width", type=int, default=1400)
    p.add_argument("--height", type=int, default=860)
    args = p.parse_args()
    folder = args.out / "review"
    page = (
        folder / f"{args.page}.html"
        if args.page
        else sorted(p for p in folder.glob("*.html") if p.name != "index.html")[0]
    )
    driver = browser(args.width, args.height)
    try:
        driver.get(page.resolve().as_uri())
        driver.find_elements(By.CSS_SELECTOR, "#articles li")[args.article].click()
        png = driver.get_screenshot_as_png()
    finally:
        driver.quit()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.Resampling.LANCZOS)
    image = image.quantize(colors=128)
    args.dest.parent.mkdir(parents=True, exist_ok=True)
    image.save(args.dest, optimize=True)
    print(f"{args.dest}: {image.width}x{image.height}, {args.dest.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
