"""``broadsheet models list|verify|pull``: the offline model manifest, checked and extended.

``list`` shows every manifest row and where it was found; ``verify`` checks sha256 of
every file (exit 1 on a mismatch, or when a model named on the command line is
missing); ``pull`` is the one command that downloads: it asks PaddleOCR's own
downloader (PaddleX official models) for a model, copies the folder into ``--dest`` and
records its files' sha256 in ``<dest>/manifest.json``, so that
``broadsheet extract --engine paddleocr --model-dir <dest>`` finds it offline afterwards.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import EngineError

if TYPE_CHECKING:
    from pipeline.model_store import ModelEntry

NAME = "models"
HELP = "list, verify or pull (download) OCR models"
_ROLES = {"det": "detection", "rec": "recognition"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True)
    ls = sub.add_parser("list", help="manifest rows and where each was found")
    ls.add_argument("--model-dir", type=Path, default=None, help="also look in this folder")
    verify = sub.add_parser("verify", help="check sha256 of model files")
    verify.add_argument("names", nargs="*", help="models to check (default: all; missing ones then only warn)")
    verify.add_argument("--model-dir", type=Path, default=None, help="also look in this folder")
    pull = sub.add_parser("pull", help="download PaddleOCR models with PaddleOCR's downloader (needs internet)")
    pull.add_argument("names", nargs="+", help="PaddleOCR model names, e.g. PP-OCRv6_medium_det PP-OCRv6_medium_rec")
    pull.add_argument("--dest", type=Path, required=True, help="folder to copy them into; pass it as --model-dir")
    pull.add_argument("--format", choices=("onnx", "paddle"), default="onnx", help="onnx (default) or paddle")


def _check(name: str, model_dir: Path | None) -> tuple[str, str]:
    """``(status, detail)``: status is ``ok``, ``missing`` or ``mismatch``."""
    from pipeline.model_store import ModelChecksumError, ModelMissingError, resolve_model, resolve_model_folder

    try:
        entry = _manifest(model_dir)[name]
        _, path = (resolve_model_folder if entry.is_folder else resolve_model)(name, model_dir)
    except ModelChecksumError as exc:
        return "mismatch", str(exc)
    except (ModelMissingError, KeyError) as exc:
        return "missing", str(exc)
    return "ok", str(path)


def _manifest(model_dir: Path | None) -> dict[str, ModelEntry]:
    from pipeline.model_store import manifest_for

    return manifest_for(model_dir)


def _list(args: argparse.Namespace) -> int:
    for name, entry in sorted(_manifest(args.model_dir).items()):
        status, detail = _check(name, args.model_dir)
        kind = "folder" if entry.is_folder else "file"
        where = detail if status == "ok" else status
        print(f"{name:28} {entry.role:12} {kind:6} {where}\n{'':28} {entry.source}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    names = args.names or sorted(_manifest(args.model_dir))
    failed = False
    for name in names:
        status, detail = _check(name, args.model_dir)
        print(f"{status:8} {name}: {detail}")
        # Without names, a model of an extra that is not installed is no failure; a changed file always is.
        failed |= status == "mismatch" or (status == "missing" and bool(args.names))
    return 1 if failed else 0


def _download(name: str, fmt: str) -> Path:
    """Fetch ``name`` with PaddleX's official-model downloader; returns its cached folder."""
    try:
        from paddlex.inference.utils.official_models import official_models
    except ImportError as exc:
        raise EngineError("`models pull` needs the paddleocr package: pip install -e '.[paddle]'") from exc
    try:
        return Path(official_models.get_model_path(name, model_formats=[fmt]))
    except ValueError as exc:  # unknown name or format: PaddleX says which
        raise EngineError(f"cannot pull {name!r}: {exc}") from exc
    except Exception as exc:  # PaddleX raises bare Exception when no host answers
        raise EngineError(
            f"cannot download {name!r}: no PaddleOCR model host is reachable (offline?): {exc}; "
            "on a machine with internet run `broadsheet models pull` there and copy --dest here"
        ) from exc


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.iterdir()) if p.is_file() and p.name.startswith("inference."))


def _install(src: Path, dest: Path) -> dict[str, object]:
    """Copy the model files of ``src`` into ``dest/<src.name>`` atomically; return its manifest row."""
    from pipeline.model_store import folder_digest, sha256_of

    target = dest / src.name
    dest.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{src.name}-", dir=dest))
    files = {}
    for path in _files(src):
        shutil.copy2(path, tmp / path.name)
        files[path.name] = sha256_of((tmp / path.name).resolve())
    if "inference.yml" not in files:
        shutil.rmtree(tmp)
        raise EngineError(f"pulled folder {src} has no inference.yml; not a PaddleOCR inference model")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    role = _ROLES.get(src.name.removesuffix("_onnx").rsplit("_", 1)[-1], "recognition")
    return {
        "name": src.name,
        "role": role,
        "file": src.name,
        "sha256": folder_digest(files),
        "source": "broadsheet models pull (PaddleOCR official models)",
        "licence": "Apache-2.0",
        "files": [{"name": n, "sha256": s} for n, s in sorted(files.items())],
    }


def _pull(args: argparse.Namespace) -> int:
    from pipeline.atomic import write_atomic
    from pipeline.model_store import LOCAL_MANIFEST

    manifest_path = args.dest / LOCAL_MANIFEST
    rows = json.loads(manifest_path.read_text(encoding="utf-8"))["models"] if manifest_path.is_file() else []
    for name in args.names:
        row = _install(_download(name, args.format), args.dest)
        rows = [r for r in rows if r["name"] != row["name"]] + [row]
        write_atomic(manifest_path, json.dumps({"models": rows}, indent=2, ensure_ascii=False) + "\n")
        print(f"pulled {row['name']} -> {args.dest / str(row['file'])} (sha256 {str(row['sha256'])[:12]}...)")
    print(f"use it with: broadsheet extract --engine paddleocr --model-dir {args.dest}")
    return 0


def run(args: argparse.Namespace) -> int:
    actions = {"list": _list, "verify": _verify, "pull": _pull}
    return actions[args.action](args)
