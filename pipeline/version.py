"""The version of the installed ``broadsheet`` distribution, as outputs and ``--version`` report it."""

from __future__ import annotations

from importlib import metadata


def software_version() -> str:
    """Version of the installed ``broadsheet`` distribution ("" when run from a bare tree)."""
    try:
        return metadata.version("broadsheet")
    except metadata.PackageNotFoundError:
        return ""
