"""Summarise an output folder of ``broadsheet extract``: one row per article.

Usage: python scripts/show_demo.py OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from schemas import Page


def main(out_dir: Path) -> int:
    pages = sorted(out_dir.glob("*.json"))
    if not pages:
        print(f"{out_dir}: no page JSON files", file=sys.stderr)
        return 1
    table = Table(title=f"broadsheet demo: {out_dir}")
    for col in ("page", "#", "headline", "dateline", "authors", "paras", "chars"):
        table.add_column(col)
    for path in pages:
        page = Page.model_validate_json(path.read_text(encoding="utf-8"))
        if not page.articles:
            table.add_row(path.stem, "-", "(no articles)", "", "", "", "")
        for i, art in enumerate(page.articles, 1):
            chars = sum(len(p) for p in art.paragraphs)
            authors = " ".join(art.authors)
            row = (art.headline[:28], art.dateline or "", authors, str(len(art.paragraphs)), str(chars))
            table.add_row(path.stem, str(i), *row)
    Console().print(table)
    extra = sorted(p.name for p in out_dir.iterdir() if p.suffix != ".json")
    print(f"{len(pages)} page files validated as schemas.Page; other outputs: {len(extra)} files in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/demo")))
