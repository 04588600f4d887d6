"""Build models/PP-OCRv6_rec_small_int8.onnx from the shipped fp32 recognition model (sha256 checked)."""

from __future__ import annotations

import sys

from pipeline.engines.quantize import build_int8
from pipeline.model_store import ModelMissingError

if __name__ == "__main__":
    try:
        print(build_int8())
    except ModelMissingError as exc:
        sys.exit(f"quantize_rec: {exc}")
