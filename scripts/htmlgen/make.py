"""Make browser-set pages: plan, markup, chromium, mild scan wear, files with ground truth."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from PIL import Image
from samplegen.degrade import Aging, age
from samplegen.output import check_truth, compact_json
from samplegen.truth import aging_step
from selenium import webdriver

from htmlgen.page import document
from htmlgen.plan import PagePlan, plan_page
from htmlgen.render import open_browser, set_page
from htmlgen.truth import GENERATOR, page_truth
from schemas import Page, Source


def mild_aging(rng: np.random.Generator) -> Aging:
    """A light scan: under a degree of skew, slight blur and grain, off-white paper."""
    tone = int(rng.integers(232, 252))
    return Aging(
        angle=float(np.round(rng.uniform(-1.0, 1.0), 2)),
        blur=float(np.round(rng.uniform(0.3, 0.8), 2)),
        noise=float(np.round(rng.uniform(2, 6), 1)),
        paper=(tone, tone - 2, tone - int(rng.integers(2, 14))),
        ink=int(rng.integers(15, 40)),
        bleed=float(np.round(rng.uniform(0, 0.05), 3)),
        shading=float(np.round(rng.uniform(0, 0.1), 3)),
    )


def make_page(driver: webdriver.Chrome, seed: int) -> tuple[Image.Image, Page, PagePlan]:
    """The scan, its ground truth (source not yet filled in) and the plan of the page of ``seed``."""
    plan = plan_page(seed)
    html, texts = document(plan)
    clean, measured = set_page(driver, html, plan.width, plan.height, plan.scale)
    rng = np.random.default_rng(seed + 3)
    aging = mild_aging(rng)
    grey = np.asarray(clean.convert("L"))
    scan = Image.fromarray(age(grey, aging, plan.dpi, rng))
    step = aging_step(aging, seed, 85)
    step = step.model_copy(update={"name": "htmlgen", "version": GENERATOR})
    scale = (scan.width / plan.width, scan.height / plan.height)
    return scan, page_truth(measured, texts, scan.size, scale, plan.dpi, aging, step), plan


def write_page(scan: Image.Image, page: Page, dpi: int, out: Path, stem: str) -> Path:
    """Save ``stem``.jpg and ``stem``.gt.json in ``out``; check the truth as written; return the image path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{stem}.jpg"
    scan.save(path, "JPEG", quality=85, dpi=(dpi, dpi), optimize=True)
    source = Source(path=path.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest(), format="jpeg")
    gt = out / f"{stem}.gt.json"
    gt.write_text(compact_json(page.model_copy(update={"source": source})), encoding="utf-8")
    check_truth(gt)
    return path


def make_set(seeds: list[int], out: Path) -> list[Path]:
    """One page per seed, named ``html-<seed>``, set in one browser."""
    driver = open_browser()
    try:
        written = []
        for seed in seeds:
            scan, page, plan = make_page(driver, seed)
            written.append(write_page(scan, page, plan.dpi, out, f"html-{seed}"))
        return written
    finally:
        driver.quit()
