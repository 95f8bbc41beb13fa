"""The README stays honest: every command is documented and its examples run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
import typer.core
import typer.main
from typer.testing import CliRunner

from asistents.cli.app import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def commands() -> list[str]:
    """The commands the app registers (not a list kept by hand)."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_the_app_has_its_commands() -> None:
    assert {"calc", "batch", "schema"} <= set(commands())


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"`asistents {name}`" in README
    help_text = runner.invoke(app, ["--help"], catch_exceptions=False).stdout
    assert re.search(rf"\b{name}\b", help_text)


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert "pip install . && asistents " in blocks[0]
    assert "pip install '.[test,pdf]'" in blocks[1] and "pytest" in blocks[1]


def readme_calc_examples() -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith(("asistents calc", "asistents emergency")):
                lines.append(line)
    return lines


@pytest.mark.parametrize("line", readme_calc_examples())
def test_readme_calc_examples_run(line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # some write files (--pdf)
    result = runner.invoke(app, shlex.split(line)[1:], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


def readme_batch_examples() -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].split("|")[0].strip()
            if line.startswith("asistents batch examples/") and " -o " not in line:
                lines.append(line)
    return lines


@pytest.mark.parametrize("line", readme_batch_examples())
def test_readme_batch_examples_run(line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "examples").symlink_to(Path(__file__).parent.parent / "examples")
    monkeypatch.chdir(tmp_path)  # some write files (--timesheets)
    result = runner.invoke(app, shlex.split(line)[1:], catch_exceptions=False)
    # The registers hold bad rows on purpose (exit 1), except the register of claims: findings are not errors.
    expected = 0 if "examples/claims.csv" in line else 1
    assert result.exit_code == expected, result.stderr
    assert result.stdout.strip()
    assert "error: " not in result.stderr


def header_table() -> str:
    """The README's table of recognised headers, made from the field registry."""
    from asistents.core.fields import FIELDS

    lines = ["| column | `calc` flag | headers recognised (after normalising) |", "|---|---|---|"]
    for field in FIELDS:
        flag = f"`{field.flag}`" if field.calc else "—"
        for column in field.columns:
            if not column.aliases:  # set by a reader, never a header
                continue
            aliases = " ".join(f"`{alias}`" for alias in column.aliases)
            lines.append(f"| `{column.name}` | {flag} | {aliases} |")
    return "\n".join(lines)


def test_readme_lists_every_recognised_header_from_the_registry() -> None:
    assert header_table() in README, "regenerate: python -c 'from tests.test_docs import header_table as h; print(h())'"


def grammar_table() -> str:
    """The README's table of the header grammar, made from its word tables (asistents.io.headers)."""
    from asistents.io.headers import word_table

    return "\n".join(["| words | what they read as |", "|---|---|", *(f"| {a} | {b} |" for a, b in word_table())])


def test_readme_shows_the_header_grammar_from_its_tables() -> None:
    assert grammar_table() in README, (
        "regenerate: python -c 'from tests.test_docs import grammar_table as g; print(g())'"
    )
