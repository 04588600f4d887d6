"""Known engines by name; ``create_engine`` builds one from OcrOptions.

>>> sorted(ENGINES)
['paddleocr', 'rapidocr']
"""

from __future__ import annotations

import importlib

from pipeline.config import OcrOptions
from pipeline.engines.base import OcrEngine
from pipeline.errors import EngineError

ENGINES: dict[str, str] = {
    "rapidocr": "pipeline.engines.rapidocr_onnx:RapidOcrEngine",
    "paddleocr": "pipeline.engines.paddleocr:PaddleOcrEngine",
}
"""Engine name -> ``module:class``; modules import lazily so optional packages stay optional."""


def create_engine(options: OcrOptions) -> OcrEngine:
    """Build the engine named by ``options.engine``.

    Raises:
        EngineError: unknown name (the message lists the known ones) or a build failure.
    """
    target = ENGINES.get(options.engine)
    if target is None:
        known = ", ".join(sorted(ENGINES))
        raise EngineError(f"unknown engine {options.engine!r}; known engines: {known}")
    module_name, class_name = target.split(":")
    module = importlib.import_module(module_name)
    engine_cls = getattr(module, class_name)
    return engine_cls(options)
