"""One record per output format: what ``--to``, ``-o``, the terminal check and the sheet layout derive
from it, and ``batch``'s options as one checked record."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import get_args

import pytest
import typer
from typer.testing import CliRunner, Result

from asistents.cli.app import app
from asistents.cli.batch_options import BatchOptions
from asistents.cli.batch_run import _layout
from asistents.cli.options import COMMAND_FORMATS, OutputOptions, help_values
from asistents.cli.outputs import format_of, output_for, refuse_binary_to_terminal
from asistents.core.models import CalcInput
from asistents.i18n import LANGS, text
from asistents.io.formats import Format
from asistents.io.source import Detected
from asistents.render.registry import BATCH_FORMATS, BY_NAME, CALC_DEFAULT, CALC_FORMATS, FORMATS, FormatSpec

runner = CliRunner()
REGISTER = b"id,avg,used\n1,80,48\n"
#: The run-wide figures with nothing given: the options' own defaults (``--daily-max 8``, ``--step 0.5``).
#: Nothing given: the daily limit and the step are the rule parameters on each row's own period.
DEFAULTS = CalcInput()
#: How each batch format's output starts: a new format must say how it is recognised.
LOOKS_LIKE = {"csv": b"id,avg,used,", "json": b"[", "ndjson": b"{", "xlsx": b"PK\x03\x04"}


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


# --- the registry ---------------------------------------------------------------------------------


def test_names_and_suffixes_are_unique() -> None:
    names = [spec.name for spec in FORMATS]
    assert len(names) == len(set(names))
    suffixes = [suffix for spec in FORMATS for suffix in spec.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)


def test_each_command_takes_the_formats_it_can_render() -> None:
    assert [spec.name for spec in CALC_FORMATS] == ["table", "json"]
    assert [spec.name for spec in BATCH_FORMATS] == ["csv", "json", "ndjson", "xlsx"]
    assert CALC_DEFAULT in CALC_FORMATS
    assert {s.name for s in BATCH_FORMATS if s.binary} == {"xlsx"}
    assert {s.name for s in BATCH_FORMATS if s.sheet} == {"csv", "xlsx"}


def test_a_format_without_a_renderer_for_the_command_says_so() -> None:
    with pytest.raises(AssertionError, match="batch does not write table"):
        BY_NAME["table"].row_renderer(None, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("input_format", get_args(Format))
def test_every_input_format_has_an_output(input_format: Format) -> None:
    assert output_for(Detected(format=input_format)) in BATCH_FORMATS


# --- -o's suffix ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "suffix"), [(s, suffix) for s in BATCH_FORMATS for suffix in s.suffixes])
def test_every_suffix_is_detected(spec: FormatSpec, suffix: str) -> None:
    assert format_of(f"results{suffix}", BATCH_FORMATS) is spec
    assert format_of(f"dir.v2/RESULTS{suffix.upper()}", BATCH_FORMATS) is spec


@pytest.mark.parametrize(("spec", "suffix"), [(s, suffix) for s in BATCH_FORMATS for suffix in s.suffixes])
def test_every_suffix_writes_its_format(spec: FormatSpec, suffix: str, tmp_path: Path) -> None:
    target = tmp_path / f"out{suffix}"
    result = invoke("batch", "-", "-o", str(target), "-q", stdin=REGISTER)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(LOOKS_LIKE[spec.name])


@pytest.mark.parametrize(
    ("output", "name"),
    [("a.csv", "csv"), ("a.tsv", "csv"), ("a.json", "json"), ("a.ndjson", "ndjson"), ("a.jsonl", "ndjson"),
     ("a.xlsx", "xlsx"), ("a.xlsm", "xlsx"), ("A.JSONL", "ndjson")],
)  # fmt: skip
def test_the_suffixes_people_already_use(output: str, name: str) -> None:
    spec = format_of(output, BATCH_FORMATS)
    assert spec is not None and spec.name == name


@pytest.mark.parametrize("output", [None, "-", "results", "results.txt", "results.pdf", ".xls", "results.table"])
def test_no_format_from_other_names(output: str | None) -> None:
    assert format_of(output, BATCH_FORMATS) is None


@pytest.mark.parametrize("suffix", [".xls", ".xlsb", ".ods", ".ODS"])
def test_a_workbook_no_format_writes_is_refused(suffix: str) -> None:
    with pytest.raises(ValueError):
        format_of(f"results{suffix}", BATCH_FORMATS)
    result = invoke("batch", "-", "-o", f"results{suffix}", stdin=REGISTER)
    assert result.exit_code == 2
    assert "workbooks are written as xlsx only" in result.stderr


def test_to_wins_over_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    assert invoke("batch", "-", "-o", str(target), "--to", "ndjson", "-q", stdin=REGISTER).exit_code == 0
    assert target.read_bytes().startswith(b"{")


# --- --to's choices and help ----------------------------------------------------------------------


def to_row(command: str, lang: str) -> str:
    help_text = invoke(command, "--help", "--lang", lang).stdout
    return next(line for line in help_text.splitlines() if re.match(r"\W+--to\s", line))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["calc", "batch"])
def test_to_help_lists_exactly_the_registry_names(command: str, lang: str) -> None:
    names = [spec.name for spec in COMMAND_FORMATS[command]]
    row = to_row(command, lang)
    metavar = re.search(r"--to\s+(\S+)", row)
    assert metavar is not None and metavar.group(1).split("|") == names
    described = row[metavar.end() :]
    assert [name for name in (s.name for s in FORMATS) if re.search(rf"\b{name}\b", described)] == names


def test_to_help_follows_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = FormatSpec("pdf", rows=BY_NAME["csv"].rows)
    monkeypatch.setitem(COMMAND_FORMATS, "batch", (*BATCH_FORMATS, extra))
    assert help_values("batch")["formats"] == "csv, json, ndjson, xlsx, pdf"
    assert "csv, json, ndjson, xlsx, pdf." in text("en", "help.batch.to", **help_values("batch"))
    assert "csv, json, ndjson, xlsx, pdf." in to_row("batch", "lv")


def test_calc_help_names_its_default() -> None:
    assert "table (default) or json" in to_row("calc", "en")
    assert "table (noklusējums) vai json" in to_row("calc", "lv")


@pytest.mark.parametrize(("command", "other"), [("calc", "csv"), ("batch", "table")])
def test_a_format_the_command_lacks_is_refused_naming_its_own(command: str, other: str) -> None:
    args = ["--avg", "80", "--used", "48"] if command == "calc" else ["-"]
    result = invoke(command, *args, "--to", other, stdin=REGISTER)
    assert result.exit_code == 2
    names = ", ".join(spec.name for spec in COMMAND_FORMATS[command])
    assert result.stderr == f"asistents: error: --to '{other}': this command writes {names}\n"


# --- a binary file never goes to a terminal -------------------------------------------------------


@pytest.mark.parametrize("spec", BATCH_FORMATS)
def test_only_binary_formats_are_refused_to_a_terminal(spec: FormatSpec) -> None:
    refuse_binary_to_terminal(spec, False, "en")  # a pipe or a file: always fine
    if spec.binary:
        with pytest.raises(typer.Exit) as raised:
            refuse_binary_to_terminal(spec, True, "en")
        assert raised.value.exit_code == 2
    else:
        refuse_binary_to_terminal(spec, True, "en")


@pytest.mark.parametrize("spec", [s for s in BATCH_FORMATS if s.binary])
@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_a_binary_format_to_a_terminal_is_refused(
    spec: FormatSpec, output: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import asistents.cli.batch_options as module

    monkeypatch.setattr(module, "is_terminal", lambda stream: True)
    result = invoke("batch", "-", "--to", spec.name, *output, stdin=REGISTER)
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert f"--to {spec.name} writes a binary file" in result.stderr


def test_a_binary_format_to_a_file_is_fine_when_stdout_is_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asistents.cli.batch_options as module

    monkeypatch.setattr(module, "is_terminal", lambda stream: True)
    target = tmp_path / "out.xlsx"
    assert invoke("batch", "-", "-o", str(target), "-q", stdin=REGISTER).exit_code == 0
    assert target.read_bytes().startswith(b"PK")


# --- the sheet layout -----------------------------------------------------------------------------


@pytest.mark.parametrize("spec", BATCH_FORMATS)
def test_sheets_get_one_column_per_day(spec: FormatSpec) -> None:
    options = BatchOptions(output=OutputOptions("en", spec), defaults=CalcInput())
    layout = _layout(Detected(format="csv"), spec, options)
    days = tuple(f"hours_2020-06-0{d}" for d in range(1, 6))
    assert (layout.day_columns[:5] == days) is spec.sheet
    assert bool(layout.day_columns) is spec.sheet


# --- BatchOptions from the command line -----------------------------------------------------------


def options_of(*args: str, monkeypatch: pytest.MonkeyPatch) -> BatchOptions:
    """The record ``batch`` hands to its work, the work itself replaced."""
    import asistents.cli.batch_run as module

    seen: list[BatchOptions] = []
    monkeypatch.setattr(module, "run", seen.append)
    result = invoke("batch", *args)
    assert result.exit_code == 0, result.stderr
    (options,) = seen
    return options


def test_batch_options_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = BatchOptions(output=OutputOptions("en", None, None), defaults=DEFAULTS)
    assert options_of(monkeypatch=monkeypatch) == expected
    assert expected.input_path is None and expected.protected == ()


def test_batch_options_from_every_kind_of_option(monkeypatch: pytest.MonkeyPatch) -> None:
    got = options_of(
        "register.csv", "-o", "out.XLSM", "--from", "csv", "--delimiter", "tab", "--decimal", ",",
        "--encoding", "cp1257", "--sheet", "2", "--column", "avg=Vidēji", "--column", "id=Nr.",
        "--out-delimiter", ";", "--out-decimal", ",", "--no-bom", "--strict", "--timesheets", "pdfs",
        "--template", "t.typ", "--force", "--fail-on-over", "-q", "--lang", "lv",
        "--weekly", "35", "--start", "2020-06-02", "--end", "2020-06-08",
        monkeypatch=monkeypatch,
    )  # fmt: skip
    expected = BatchOptions(
        output=OutputOptions("lv", BY_NAME["xlsx"], "out.XLSM"),
        file="register.csv",
        from_="csv",
        delimiter="\t",
        decimal=",",
        encoding="cp1257",
        sheet="2",
        columns={"Vidēji": "avg", "Nr.": "id"},
        defaults=replace(DEFAULTS, weekly=Decimal("35"), start=date(2020, 6, 2), end=date(2020, 6, 8)),
        period_given=True,
        out_delimiter=";",
        out_decimal=",",
        bom=False,
        strict=True,
        timesheets="pdfs",
        template="t.typ",
        force=True,
        fail_on_over=True,
        quiet=True,
    )
    assert got == expected
    assert got.lang == "lv"
    assert got.input_path == Path("register.csv")
    # The template is an input too: no output of the run may replace it (README "Bad input and exit codes").
    assert got.protected == (Path("register.csv"), Path("out.XLSM"), Path("t.typ"))


def test_batch_options_json_and_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    got = options_of("-", "--json", "-o", "-", "--timesheets-pdf", "all.pdf", "--bom", monkeypatch=monkeypatch)
    expected = BatchOptions(
        output=OutputOptions("en", BY_NAME["json"], "-"), defaults=DEFAULTS, timesheets_pdf="all.pdf", bom=True
    )
    assert got == expected
    assert got.output.to_stdout and got.protected == ()


def test_the_record_is_frozen() -> None:
    options = BatchOptions(output=OutputOptions("en", None), defaults=CalcInput())
    with pytest.raises(AttributeError):
        options.quiet = True  # type: ignore[misc]
    assert replace(options, quiet=True).quiet
