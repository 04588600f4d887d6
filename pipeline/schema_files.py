"""JSON Schema files of the output models, checked in under ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.atomic import write_atomic
from schemas import Article, Page

SCHEMA_MODELS = {"page": Page, "article": Article}


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text for each top-level model."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
        for name, model in SCHEMA_MODELS.items()
    }


def write_schema_files(out_dir: Path) -> list[Path]:
    """Write every schema file into ``out_dir``; returns the paths."""
    paths = []
    for name, text in schema_texts().items():
        path = out_dir / name
        write_atomic(path, text)
        paths.append(path)
    return paths
