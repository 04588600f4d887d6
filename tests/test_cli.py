"""The ``broadsheet`` command line itself: version and argument errors."""

from __future__ import annotations

from importlib import metadata

import pytest

from pipeline.cli import main


def test_version_names_the_installed_distribution(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"broadsheet {metadata.version('broadsheet')}"


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["digitise"])
    assert stop.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
