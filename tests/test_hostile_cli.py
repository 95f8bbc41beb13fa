"""The command line under hostile input: one line on stderr, exit code 2, never a traceback.

README "Bad input and exit codes": bad input gives one line on stderr naming the flag
and the value, exit code 2 for a bad flag or value. Every case runs through Typer's
CliRunner; a sample of them also as a real process (``python -m asistents``), where
nothing can catch an exception for us. A "line" ends at ``\\n`` or ``\\r`` (universal
newlines, as a log reader or a terminal sees it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asistents.cli.app import app

PREFIX = "asistents: error: "
STDIN = b"avg,used\n80,48\n"
runner = CliRunner()


def assert_one_line_usage_error(exit_code: int, stdout: str, stderr: str, *named: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr naming one of ``named``."""
    assert "Traceback" not in stderr, stderr
    assert exit_code == 2, (exit_code, stderr)
    assert stdout == "", stdout
    assert stderr.endswith("\n"), repr(stderr)
    line = stderr[:-1]
    assert "\n" not in line and "\r" not in line, f"more than one line on stderr: {stderr!r}"
    assert line.startswith(PREFIX), line
    assert any(flag in line for flag in named), (named, line)


def invoke(args: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args, input=STDIN)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args!r} raised {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


# --- the cases ----------------------------------------------------------------------------------

HOSTILE_NUMBERS = [
    "1e400",
    "1E5",
    "99999999999999999999",
    "99999999999999999999.5",
    "NaN",
    "nan",
    "sNaN",
    "inf",
    "-inf",
    "Infinity",
    "-0",
    "-0.0",
    "+5",
    "",
    " ",
    "\t",
    "١٢",  # Arabic-Indic digits
    "۱۲",  # Extended Arabic-Indic (Persian) digits
    "١٢.٥",
    "８０",  # fullwidth digits
    "１.５",
    "1,5",
    "1 000",
    "1_000",
    "0x10",
    "1.2.3",
    "12.5h",
    "½",
    "1.00001",  # five decimal places
]
#: A few of each kind, for the flags after the first.
SOME_HOSTILE_NUMBERS = ["1e400", "NaN", "-0", "", "８０"]
#: calc's number flags, with the arguments that make the rest of the command valid.
CALC_NUMBER_FLAGS = {
    "--avg": ["--used", "0"],
    "--used": ["--avg", "80"],
    "--weekly": ["--avg", "80", "--used", "0"],
    "--used-week-before": ["--avg", "80", "--used", "0", "--start", "2020-06-03"],
    "--used-week-after": ["--avg", "80", "--used", "0"],
    "--daily-max": ["--avg", "80", "--used", "0"],
    "--step": ["--avg", "80", "--used", "0"],
    "--rate": ["--avg", "80", "--used", "0"],
}
HOSTILE_DATES = [
    "2020-02-30",
    "2021-02-29",
    "2020-06-31",
    "2020-13-01",
    "2020-00-10",
    "2020-06-00",
    "2020-6-1",
    "20200601",
    "01/06/2020",
    "2020-06-01T00:00",
    "31.06.2020",
    "1.6.20",
    "２０２０-06-01",
    "٢٠٢٠-06-01",
    "",
    "-2020-06-01",
    "99999-01-01",
]

CALC_CASES: list[tuple[list[str], str]] = [
    *[(["--avg", value], "--avg") for value in HOSTILE_NUMBERS],
    *[([*base, flag, value], flag) for flag, base in CALC_NUMBER_FLAGS.items() for value in SOME_HOSTILE_NUMBERS],
    *[(["--months", value, "1", "1"], "--months") for value in SOME_HOSTILE_NUMBERS],
    *[(["--months", "1", "1", value], "--months") for value in ("1e400", "NaN", "-0", "", "٣")],
    *[(["--avg", "80", "--start", value, "--end", "2020-06-09"], "--start") for value in HOSTILE_DATES],
    *[(["--avg", "80", "--start", "2020-02-01", "--end", value], "--end") for value in HOSTILE_DATES[:6]],
    # a period crossing months, and one ending before it starts
    (["--avg", "80", "--start", "2020-05-30", "--end", "2020-06-02"], "--end"),
    (["--avg", "80", "--start", "2020-06-05", "--end", "2020-07-01"], "--end"),
    (["--avg", "80", "--start", "2020-12-28", "--end", "2021-01-03"], "--end"),
    (["--avg", "80", "--start", "2020-06-09", "--end", "2020-06-01"], "--start"),
    # unknown flags
    (["--avg", "80", "--bogus"], "--bogus"),
    (["--avg", "80", "--bogus=1"], "--bogus"),
    (["--avg", "80", "-x"], "-x"),
    (["--AVG", "80"], "--AVG"),
    (["--avg80"], "--avg80"),
    (["—avg", "80"], "—avg"),  # an em dash, as word processors write it
    (["--avg", "80", "--exclude-weekends=yes"], "--exclude-weekends"),
    # missing option values
    (["--avg"], "--avg"),
    (["--avg", "80", "--used"], "--used"),
    (["--avg", "80", "--start"], "--start"),
    (["--avg", "80", "--end"], "--end"),
    (["--avg", "80", "--weekly"], "--weekly"),
    (["--avg", "80", "--to"], "--to"),
    (["--months", "1", "2"], "--months"),
    (["--months"], "--months"),
    (["--avg", "80", "--to", "xml"], "--to"),
    # values that break a line: the message must still be one line
    (["--avg", "1\n2"], "--avg"),
    (["--avg", "8\r0"], "--avg"),
    (["--avg", "80", "--start", "2020-06-0\n1"], "--start"),
]

BATCH_CASES: list[tuple[list[str], str]] = [
    (["--to", "xml"], "--to"),
    (["--from", "docx"], "--from"),
    (["--to"], "--to"),
    (["-o"], "-o"),
    (["--column"], "--column"),
    (["--bogus"], "--bogus"),
    (["-", "extra"], "extra"),
    (["--json", "--to", "csv"], "--json"),
    (["--delimiter", "ab"], "--delimiter"),
    (["--delimiter", ""], "--delimiter"),
    (["--delimiter", '"'], "--delimiter"),
    (["--out-delimiter", ";;"], "--out-delimiter"),
    (["--decimal", "x"], "--decimal"),
    (["--decimal", ""], "--decimal"),
    (["--out-decimal", ";"], "--out-decimal"),
    (["--column", "avg"], "--column"),
    (["--column", "speed=Ātrums"], "--column"),
    (["--encoding", "no-such-encoding"], "--encoding"),
    (["--encoding", "rot13"], "--encoding"),  # a codec, but not a text encoding
    *[
        ([flag, value], flag)
        for flag in ("--weekly", "--daily-max", "--step", "--rate")
        for value in SOME_HOSTILE_NUMBERS
    ],
    *[(["--start", value], "--start") for value in HOSTILE_DATES[:6]],
    (["--start", "2020-05-30", "--end", "2020-06-02"], "--end"),
    (["--start", "2020-06-05", "--end", "2020-07-01"], "--end"),
    # values that break a line
    (["--delimiter", "\n"], "--delimiter"),
    (["--decimal", "\r"], "--decimal"),
    (["--weekly", "3\n5"], "--weekly"),
]


def case_id(case: tuple[list[str], str]) -> str:
    return " ".join(case[0]).encode("unicode_escape").decode() or "<none>"


@pytest.mark.parametrize("case", CALC_CASES, ids=case_id)
def test_calc_hostile_input_is_one_line_with_exit_2(case: tuple[list[str], str]) -> None:
    args, named = case
    assert_one_line_usage_error(*invoke(["calc", *args]), named)


@pytest.mark.parametrize("case", BATCH_CASES, ids=case_id)
def test_batch_usage_errors_are_one_line_with_exit_2(case: tuple[list[str], str]) -> None:
    args, named = case
    assert_one_line_usage_error(*invoke(["batch", *args]), named)


# --- any text for a number flag ------------------------------------------------------------------

_ASCII_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


# Each example runs the whole command (about 20 ms): half the profile's examples.
@settings(max_examples=max(10, settings().max_examples // 2))
@given(flag=st.sampled_from(sorted(CALC_NUMBER_FLAGS)), value=st.text(max_size=12))
@example(flag="--avg", value="1\n2")
@example(flag="--avg", value="\r")
@example(flag="--rate", value="٣")
def test_any_text_for_a_number_flag_is_a_result_or_one_line_naming_the_flag(flag: str, value: str) -> None:
    """Whatever is typed: a result (exit 0) or one line naming the flag (exit 2)."""
    exit_code, stdout, stderr = invoke(["calc", *CALC_NUMBER_FLAGS[flag], f"{flag}={value}", "--json"])
    if exit_code == 0:
        assert _ASCII_NUMBER.fullmatch(value.strip()), f"{value!r} was accepted as a number"
        assert stderr == ""
        assert stdout.lstrip().startswith("{")
    else:
        assert_one_line_usage_error(exit_code, stdout, stderr, flag)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("9999-12-27", "9999-12-31"),
        ("9999-12-31", "9999-12-31"),
        ("0001-01-01", "0001-01-07"),
        ("1900-02-28", "1900-02-28"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_never_crash(start: str, end: str) -> None:
    """README: a period outside the emergencies is computed with a warning; at worst refused."""
    exit_code, stdout, stderr = invoke(["calc", "--avg", "80", "--used", "0", "--start", start, "--end", end, "--json"])
    if exit_code != 0:
        assert_one_line_usage_error(exit_code, stdout, stderr, "--start", "--end")
    else:
        assert '"outside_emergency"' in stdout


# --- the same through a real process -------------------------------------------------------------

SUBPROCESS_CASES: list[tuple[list[str], str]] = [
    (["calc", "--avg", "1e400"], "--avg"),
    (["calc", "--avg", "80", "--used", "99999999999999999999"], "--used"),
    (["calc", "--avg", "80", "--weekly", "NaN"], "--weekly"),
    (["calc", "--avg", "80", "--rate", "inf"], "--rate"),
    (["calc", "--avg", "-0"], "--avg"),
    (["calc", "--avg", ""], "--avg"),
    (["calc", "--avg", "١٢"], "--avg"),
    (["calc", "--avg", "80", "--step", "０.５"], "--step"),
    (["calc", "--avg", "80", "--start", "2020-02-30", "--end", "2020-02-28"], "--start"),
    (["calc", "--avg", "80", "--start", "2020-05-30", "--end", "2020-06-02"], "--end"),
    (["calc", "--avg", "80", "--bogus"], "--bogus"),
    (["calc", "--avg"], "--avg"),
    (["calc", "--avg", "1\n2"], "--avg"),
    (["batch", "--encoding", "no-such-encoding"], "--encoding"),
    (["batch", "-o"], "-o"),
]


def run_process(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "asistents", *args],
        input=STDIN,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


@pytest.fixture(scope="module", autouse=True)
def processes() -> Iterator[dict[str, Future[subprocess.CompletedProcess[bytes]]]]:
    """Every process case, started when the module starts: they run while the CliRunner
    cases run (a process takes about half a second to start Python and Typer)."""
    with ThreadPoolExecutor(max_workers=max(1, (os.cpu_count() or 2) - 1)) as pool:
        yield {case_id(case): pool.submit(run_process, case[0]) for case in SUBPROCESS_CASES}


@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=case_id)
def test_real_process_hostile_input_is_one_line_with_exit_2(
    processes: dict[str, Future[subprocess.CompletedProcess[bytes]]], case: tuple[list[str], str]
) -> None:
    result = processes[case_id(case)].result()
    stdout = result.stdout.decode("utf-8")
    stderr = result.stderr.decode("utf-8")
    assert_one_line_usage_error(result.returncode, stdout, stderr, case[1])
