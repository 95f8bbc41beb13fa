"""Golden files: the report and the JSON for the cases in examples/calc/cases.txt.

Regenerate after an intended change with ``ASISTENTS_REGOLD=1 pytest tests/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asistents.cli.app import app

CASES_DIR = Path(__file__).parent.parent / "examples" / "calc"
runner = CliRunner()


def cases() -> list[tuple[str, list[str]]]:
    found = []
    for line in (CASES_DIR / "cases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, args = (part.strip() for part in line.split("|", 1))
            found.append((name, shlex.split(args)))
    return found


@pytest.mark.parametrize(("name", "args"), cases())
@pytest.mark.parametrize(("suffix", "extra"), [("json", ["--json"]), ("txt", [])])
def test_output_matches_golden_file(name: str, args: list[str], suffix: str, extra: list[str]) -> None:
    result = runner.invoke(app, ["calc", *args, *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    golden = CASES_DIR / f"{name}.{suffix}"
    if os.environ.get("ASISTENTS_REGOLD"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
