"""broadsheet: scanned Chinese newspaper pages to structured, validated articles.

>>> from pipeline import extract  # doctest: +SKIP
>>> pages = extract("samples/tabloid-200dpi.png")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Pipeline", "PipelineConfig", "extract"]

if TYPE_CHECKING:
    from pipeline.config import PipelineConfig
    from pipeline.runner import Pipeline, extract


def __getattr__(name: str) -> Any:
    # Lazy: importing the package must not pull in OpenCV or the OCR runtime.
    if name in ("Pipeline", "extract"):
        from pipeline import runner

        return getattr(runner, name)
    if name == "PipelineConfig":
        from pipeline.config import PipelineConfig

        return PipelineConfig
    raise AttributeError(name)
