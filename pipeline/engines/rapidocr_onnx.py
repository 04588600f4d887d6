"""PP-OCRv6 small (ONNX) through RapidOCR's detector and recogniser: the default engine.

The models ship inside the ``rapidocr`` wheel; they are resolved through the model
manifest (sha256 checked) and passed to RapidOCR by path, so nothing is downloaded.
RapidOCR's whole-image entry point is not used: it shrinks pages to 2000 px, which
loses the small body type of a broadsheet scan. Detection runs at full resolution.

The onnxruntime sessions are built here (:mod:`pipeline.engines.ort_session`, options
measured) and handed to RapidOCR, which keeps its pre-processing and CTC decoding.
Recognition batches are formed here (:mod:`pipeline.engines.rec_batches`): crops sorted
by width, each batch padded to its widest crop and at least ``OcrOptions.rec_min_width``
(RapidOCR's 320 px by default: its text, crop for crop), a gray crop resized once instead
of as three BGR channels (recognition time within the noise of RapidOCR's loop, interleaved);
RapidOCR's CTC decoder reads the model's output. A gray page reaches the detector without
a BGR copy (:mod:`pipeline.engines.det_input`: the library's input tensor, value for value).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

import numpy as np

from pipeline import model_store
from pipeline.config import OcrOptions
from pipeline.engines.det_input import GrayDetInput
from pipeline.engines.ort_session import EngineProfile, Timed, build_session
from pipeline.engines.rec_batches import pixel_columns, read_batches
from pipeline.errors import EngineError
from pipeline.model_store import ModelChecksumError, ModelEntry, ModelMissingError, resolve_model
from schemas import EngineInfo, ModelInfo

DET_MODEL = "PP-OCRv6_det_small"
REC_MODEL = "PP-OCRv6_rec_small"
REC_MODELS = {"fp32": REC_MODEL, "int8": "PP-OCRv6_rec_small_int8"}
"""Recognition model by ``OcrOptions.rec_precision``; int8 (the default) is built at ``make setup``."""


def _rec_model(options: OcrOptions) -> tuple[ModelEntry, Path]:
    """The recognition model of ``options.rec_precision``; a missing int8 file says how to get one."""
    name = REC_MODELS[options.rec_precision]
    try:
        return resolve_model(name, options.model_dir)
    except ModelMissingError as exc:
        if options.rec_precision != "int8" or isinstance(exc, ModelChecksumError):
            raise
        raise ModelMissingError(
            f"int8 recognition model {name}.onnx not found in {model_store.MODELS_DIR} or --model-dir: build it with "
            "`make setup` (or `python scripts/quantize_rec.py`), or read with the fp32 model (--rec-precision fp32)"
        ) from exc


class RapidOcrEngine:
    """Detection + recognition with onnxruntime on the CPU.

    >>> from pipeline.config import OcrOptions
    >>> engine = RapidOcrEngine(OcrOptions())  # doctest: +SKIP
    >>> engine.recognize([crop])  # doctest: +SKIP
    [('韩国小馆', 0.99)]
    """

    def __init__(self, options: OcrOptions) -> None:
        if options.runtime != "onnxruntime":
            raise EngineError(f"engine 'rapidocr' runs on onnxruntime only, not {options.runtime!r}")
        try:
            import rapidocr
            from rapidocr.ch_ppocr_det import TextDetector
            from rapidocr.ch_ppocr_rec import TextRecognizer
            from rapidocr.utils.log import logger as rapid_logger
            from rapidocr.utils.parse_parameters import ParseParams
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise EngineError("engine 'rapidocr' needs the rapidocr package: pip install rapidocr==3.10.0") from exc
        rapid_logger.setLevel("WARNING")
        det_entry, det_path = resolve_model(DET_MODEL, options.model_dir)
        rec_entry, rec_path = _rec_model(options)
        cfg = ParseParams.load(Path(rapidocr.__file__).parent / "config.yaml")
        cfg._set_flag("allow_objects", True)  # the sessions are built here and passed in
        ort_cfg = cfg.EngineConfig.onnxruntime
        threads = options.threads or (os.cpu_count() or 1)
        cfg.Det.engine_cfg = ort_cfg
        cfg.Det.model_path = str(det_path)
        cfg.Det.session = build_session(det_path, threads)
        cfg.Det.box_thresh = options.det_box_thresh
        cfg.Det.unclip_ratio = options.det_unclip_ratio
        cfg.Rec.engine_cfg = ort_cfg
        cfg.Rec.model_path = str(rec_path)
        cfg.Rec.session = build_session(rec_path, threads)
        cfg.Rec.rec_batch_num = options.rec_batch
        cfg.Rec.font_path = None
        self._batch = options.rec_batch
        self._min_width = options.rec_min_width
        self._detector = TextDetector(cfg.Det)
        gray_input = GrayDetInput(self._detector.get_preprocess())
        self._detector.get_preprocess = lambda: gray_input  # a gray page goes in as it is
        self._recognizer = TextRecognizer(cfg.Rec)
        self.profile = EngineProfile()
        """Seconds per part (``det``/``rec`` total, ``.model`` inside onnxruntime, ``rec.decode``)."""
        self._detector.session = Timed(self._detector.session, self.profile, "det.model")
        self._recognizer.session = Timed(self._recognizer.session, self.profile, "rec.model")
        self._recognizer.postprocess_op = Timed(self._recognizer.postprocess_op, self.profile, "rec.decode")
        self._info = EngineInfo(
            name="rapidocr",
            version=version("rapidocr"),
            runtime=f"onnxruntime {version('onnxruntime')}",
            models=[
                ModelInfo(role="detection", name=det_entry.name, file=det_path.name, sha256=det_entry.sha256),
                ModelInfo(role="recognition", name=rec_entry.name, file=rec_path.name, sha256=rec_entry.sha256),
            ],
        )

    @property
    def info(self) -> EngineInfo:
        return self._info

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Text-line quads at the image's own resolution (a gray image is read without a BGR copy)."""
        start = time.perf_counter()
        out = self._detector(image)
        self.profile.add("det", time.perf_counter() - start)
        if out.boxes is None:
            return []
        return [np.asarray(b, dtype=np.float64).reshape(4, 2) for b in out.boxes]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Read upright line crops; returns (text, confidence) per crop."""
        if not crops:
            return []
        start = time.perf_counter()
        rec = self._recognizer
        out = read_batches(crops, rec.session, rec.postprocess_op, self._batch, self._min_width)
        self.profile.add("rec", time.perf_counter() - start)
        read, own = pixel_columns(crops, self._batch, self._min_width)
        self.profile.count("rec.px_read", read)
        self.profile.count("rec.px_crops", own)
        return out
