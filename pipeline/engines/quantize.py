"""Build the int8 recognition model offline, reproducibly, from the shipped fp32 one.

onnxruntime's dynamic quantisation stores the weights of the MatMul/Gemm nodes (the
transformer part of PP-OCRv6 small recognition) as int8 and quantises their inputs per
call; convolutions stay fp32 (onnxruntime's dynamic ConvInteger is slower than fp32
here). The result depends only on the fp32 file and the onnx/onnxruntime versions, so
its sha256 is pinned in ``models/manifest.json`` and checked like any shipped model.

    python scripts/quantize_rec.py     # writes models/PP-OCRv6_rec_small_int8.onnx
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.model_store import MODELS_DIR, ModelMissingError, load_manifest, resolve_model, sha256_of

FP32_MODEL = "PP-OCRv6_rec_small"
INT8_MODEL = "PP-OCRv6_rec_small_int8"
QUANTISED_OPS = ("MatMul", "Gemm")


def build_int8(out_dir: Path = MODELS_DIR) -> Path:
    """Quantise the fp32 recognition model into ``out_dir``; the sha256 must match the manifest.

    Raises:
        ModelMissingError: the fp32 model is missing, or the result differs from the manifest's
            sha256 (other onnx/onnxruntime versions than the ones it was pinned with).
    """
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelMissingError("building the int8 model needs the onnx package: pip install onnx") from exc
    _, fp32 = resolve_model(FP32_MODEL)
    entry = load_manifest()[INT8_MODEL]
    target = out_dir / entry.file
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / entry.file
        quantize_dynamic(fp32, scratch, weight_type=QuantType.QInt8, op_types_to_quantize=list(QUANTISED_OPS))
        actual = sha256_of(scratch)
        if actual != entry.sha256:
            raise ModelMissingError(
                f"{target}: the quantised model has sha256 {actual[:12]}..., the manifest pins "
                f"{entry.sha256[:12]}... ({entry.source}); install the pinned versions"
            )
        write_atomic(target, scratch.read_bytes())
    return target
