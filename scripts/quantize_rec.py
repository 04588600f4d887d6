"""Build PP-OCRv6_rec_small_int8.onnx from the shipped fp32 recognition model (sha256 checked).

python scripts/quantize_rec.py [--out models]     # `make setup` runs this
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.engines.quantize import build_int8
from pipeline.model_store import MODELS_DIR, ModelMissingError

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help=f"folder to write it to (default {MODELS_DIR})")
    args = parser.parse_args()
    try:
        print(build_int8(args.out))
    except ModelMissingError as exc:
        sys.exit(f"quantize_rec: {exc}")
