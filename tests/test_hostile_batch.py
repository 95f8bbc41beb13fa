"""``asistents batch`` under hostile files: never a crash, nothing lost, nothing invented.

Files come from hypothesis (random bytes; ragged rows; duplicate, missing or empty
headers; quotes left open; mixed delimiters and line endings; blank lines; every
encoding the tool reads) and from explicit cases. Each goes through stdin. What must
hold (README "asistents batch"):

- no exception escapes; the exit code is 0 or 1 (data never makes a usage error);
- exit 1 only for error rows, or for one file-level line ``asistents: error: ...``;
- when the file can be read, there is one output row per non-blank data record the
  CSV splits into (counted here independently with the csv module, the first
  non-blank row being the header), each "ok" or "error" (or "blank", or "totals": a row that is no person,
  README "Your register"), with strictly increasing lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.io.columns import map_header
from asistents.io.dialect import sniff_delimiter

ARGS = ["batch", "-", "--from", "csv", "--to", "ndjson", "--quiet"]
PREFIX = "asistents: error: "
SAMPLE = 64 * 1024  # README: the delimiter is detected from the first 64 KiB
runner = CliRunner()


def share(fraction: float) -> settings:
    """A share of the profile's examples: each one runs the whole command (about 25 ms)."""
    return settings(max_examples=max(10, int(settings().max_examples * fraction)))


# The reader allows cells as large as the stream; the oracle must too.
csv.field_size_limit(1 << 30)


# --- the oracle --------------------------------------------------------------------------------


def readme_encoding(data: bytes) -> str | None:
    """README "Input": UTF-8 with or without BOM, UTF-16 with a BOM, else Windows-1257 -- unless
    the bytes that are not UTF-8 sit beside UTF-8 Latvian letters (README "Bad input": a file mixing
    the two is refused); None then."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None if re.search(rb"[\xc4\xc5][\x80-\xbf]", data) else "cp1257"
    return "utf-8-sig"


def decode_stream(data: bytes, encoding: str) -> str | None:
    """The text a stream reader gets, or None when the bytes are not in ``encoding``."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final=True)
    except UnicodeError:
        return None


def detected_delimiter(data: bytes, encoding: str) -> str:
    """The delimiter the tool detects (its own sniffer, on the same 64 KiB sample)."""
    sample = data[:SAMPLE].decode(encoding, errors="replace")
    if encoding in ("utf-8-sig", "utf-16"):
        sample = sample.lstrip("\ufeff")
    return sniff_delimiter(sample, lambda row: len(map_header(row).index))


def csv_data_records(text: str, delimiter: str) -> int | None:
    """Non-blank records after the header: the first non-blank record, unless title lines (naming no
    known column) stand above a line naming two, within the first 20 lines (README "Your register").
    None when the header holds a column that could be a figure and cannot be read whole, or two columns
    read as one field (README "How headers are read": a usage error, nothing computed)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    blank_lines: list[int] = []  # where blank records stand
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            row = ["<a row the csv module cannot read>"]
        if any(cell.strip() for cell in row):
            rows.append((reader.line_num, row))
        else:
            blank_lines.append(len(rows))  # a blank record after this many non-blank ones
    header = 0
    for at, (line, row) in enumerate(rows):
        named = len(map_header(row).index)
        if line > 20 or named == 1:
            break
        if named >= 2:
            header = at
            break
    if not rows:
        return 0
    found = map_header(rows[header][1])
    if found.problems or found.duplicates:
        return None
    # Blank records between the header and the last non-blank record are rows (marked blank).
    blanks = sum(1 for after in blank_lines if header + 1 <= after < len(rows))
    return len(rows) - header - 1 + blanks


def ndjson_records(text: str) -> int:
    return sum(1 for line in io.StringIO(text, newline="") if line.strip())


@dataclass
class Outcome:
    exit_code: int
    rows: list[dict[str, Any]]
    stderr: str


def run_batch(data: bytes, *extra: str, args: list[str] = ARGS) -> Outcome:
    result = runner.invoke(app, [*args, *extra], input=data)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"batch raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.stderr, result.stderr
    out = result.stdout_bytes.decode("utf-8")
    lines = out.split("\n")  # JSON escapes line breaks inside strings, so "\n" ends a row
    assert lines[-1] == "", f"the output does not end with a newline: {out[-80:]!r}"
    rows = [json.loads(line, parse_float=Decimal) for line in lines[:-1]]
    return Outcome(result.exit_code, rows, result.stderr)


def check(outcome: Outcome, expected_rows: int | None, refused: bool = False) -> None:
    """The rules of the module docstring; ``expected_rows`` None: the file cannot be decoded; ``refused``:
    its header cannot be used (a usage error, one line, exit 2, nothing written)."""
    if refused:
        assert outcome.exit_code == 2, (outcome.exit_code, outcome.stderr)
        assert outcome.stderr.startswith(PREFIX) and outcome.stderr.count("\n") == 1, outcome.stderr
        assert not outcome.rows
        return
    assert outcome.exit_code in (0, 1), (outcome.exit_code, outcome.stderr)
    for row in outcome.rows:
        assert row["status"] in ("ok", "error", "blank", "totals"), row
        assert isinstance(row["line"], int) and row["line"] >= 1, row
        assert (row["status"] == "error") == (row["error"] is not None), row
    lines = [row["line"] for row in outcome.rows]
    assert all(a < b for a, b in itertools.pairwise(lines)), lines
    if outcome.stderr:  # --quiet: only a file-level error may be said
        assert outcome.exit_code == 1
        assert outcome.stderr.endswith("\n") and outcome.stderr.count("\n") == 1, outcome.stderr
        assert "\r" not in outcome.stderr
        assert outcome.stderr.startswith(PREFIX), outcome.stderr
        assert expected_rows is None, "a file-level error for a file that can be read"
        return
    assert expected_rows is not None, "a file that cannot be decoded was read without an error"
    assert len(outcome.rows) == expected_rows
    assert outcome.exit_code == (1 if any(row["status"] == "error" for row in outcome.rows) else 0)


def check_csv(data: bytes, delimiter: str | None = None, encoding: str | None = None) -> Outcome:
    extra: list[str] = []
    if delimiter is not None:
        extra += ["--delimiter", delimiter]
    if encoding is not None:
        extra += ["--encoding", encoding]
    outcome = run_batch(data, *extra)
    used_encoding = encoding or readme_encoding(data)
    text = None if used_encoding is None else decode_stream(data, used_encoding)
    expected: int | None = None
    refused = False
    # README "Bad input": a file that starts like a workbook, a PDF, an image or an archive
    # is not a register: one file-level error.
    signatures = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")
    binary = encoding is None and data.startswith((*signatures, b"\x7fELF", b"7z\xbc\xaf"))
    if text is not None and not binary:
        assert used_encoding is not None
        expected = csv_data_records(text, delimiter or detected_delimiter(data, used_encoding))
        refused = expected is None
    check(outcome, expected, refused)
    return outcome


# --- hostile files -----------------------------------------------------------------------------

HEADERS = [
    "id", "name", "avg", "used", "weekly", "m1", "m2", "m3", "start", "end", "no_history", "resumed",
    "exclude_weekends", "step", "daily_max", "rate", "used_week_before", "used_week_after",
    "Nr.", "Vārds, uzvārds", "Vidēji", "VIDEJI", "Izmantotās", "Nedēļa", "", " ", "?", "\ufeffavg", "a\"b",
]  # fmt: skip
CELL_VALUES = [
    "", " ", "80", "48", "130", "18", "35", "0", "8", "0.5", "80,5", "80.5", "-5", "-0", "1e400", "NaN",
    "inf", "99999999999999999999", "١٢", "８０", "2020-06-01", "2020-06-09", "2020-03-12", "2020-03-31",
    "2020-02-30", "2020-05-30", "1", "jā", "nē", "x", "perhaps", "=1+1", "@SUM(A1)", '"', '""', "\x00",
    "\ufeff", "Ķļaviņš", "\t",
]  # fmt: skip
TEXT_CHARS = list(',;\t"\r\n \x00\ufeffāĶ09.-=x')
cells = st.one_of(
    st.sampled_from(CELL_VALUES),
    st.text(alphabet=st.sampled_from(TEXT_CHARS), max_size=8),
    st.text(max_size=6),
)
DELIMITERS = [",", ";", "\t"]
LINE_ENDINGS = ["\n", "\r\n", "\r"]


@st.composite
def csv_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A CSV-like text and the delimiter it was mostly written with."""
    delimiter = draw(st.sampled_from(DELIMITERS))
    mixed = draw(st.integers(0, 4)) == 0  # another delimiter here and there
    ending = draw(st.sampled_from(LINE_ENDINGS))
    mixed_endings = draw(st.integers(0, 4)) == 0

    def cell_text(cell: str) -> str:
        how = draw(st.sampled_from(["plain"] * 6 + ["quoted", "open quote"]))
        if how == "quoted":
            return '"' + cell.replace('"', '""') + '"'
        if how == "open quote":
            return '"' + cell
        return cell

    def line(cells_: list[str]) -> str:
        out = ""
        for i, cell in enumerate(cells_):
            if i:
                out += draw(st.sampled_from(DELIMITERS)) if mixed else delimiter
            out += cell_text(cell)
        return out

    header = draw(st.lists(st.sampled_from(HEADERS), max_size=8))  # may be empty, may repeat
    rows = draw(st.lists(st.lists(cells, max_size=9), max_size=8))  # ragged: any length
    blank = st.sampled_from(["", " ", "\t", delimiter * 3, f" {delimiter} ", '""', f'""{delimiter}'])
    lines = []
    if draw(st.booleans()):
        lines.append(draw(blank))  # blank lines before the header
    lines.append(line(header))
    for row in rows:
        lines.append(line(row) if row or draw(st.booleans()) else draw(blank))
    text = ""
    for text_line in lines:
        text += text_line + (draw(st.sampled_from(LINE_ENDINGS)) if mixed_endings else ending)
    if draw(st.booleans()):
        text = text[: -len(ending)] if text.endswith(ending) else text  # no final line ending
    return text, delimiter


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1257"]))
    return text.encode(encoding, errors="replace")


hostile_csv = st.one_of(
    csv_texts().flatmap(lambda td: encoded(td[0]).map(lambda data: (data, td[1]))),
    st.tuples(st.binary(max_size=300), st.sampled_from(DELIMITERS)),
    st.tuples(
        st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b""]).flatmap(
            lambda bom: st.binary(max_size=100).map(lambda rest: bom + rest)
        ),
        st.sampled_from(DELIMITERS),
    ),
    st.tuples(st.sampled_from([b"", b"\n", b"avg,used\n", b"avg;used", b"\xef\xbb\xbf"]), st.just(",")),
)


@share(0.6)
@given(file=hostile_csv, force=st.booleans())
@example(file=(b"", ","), force=False)  # an empty file
@example(file=(b"avg,used\n", ","), force=False)  # only a header
@example(file=(b"avg,avg,used\n80,90,48\n", ","), force=False)  # a duplicate header
@example(file=(b'avg,used\n"80,48\n130,18\n', ","), force=False)  # a quote left open
@example(file=(b"avg;used,weekly\n80;48,35\n80,48;35\n", ";"), force=True)  # mixed delimiters
def test_hostile_csv_never_crashes_and_keeps_every_record(file: tuple[bytes, str], force: bool) -> None:
    data, delimiter = file
    check_csv(data, delimiter if force else None)


FORCED_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1257", "latin-1", "ascii"]


@share(0.3)
@given(
    data=st.one_of(
        st.binary(max_size=200),
        csv_texts().flatmap(lambda td: encoded(td[0])),
    ),
    encoding=st.sampled_from(FORCED_ENCODINGS),
)
@example(data=b"avg,used\n80,48\n", encoding="utf-16")  # UTF-16 without a BOM
@example(data=b"avg,used\n80,48\n", encoding="utf-32")
def test_forced_encoding_that_does_not_fit_is_one_line(data: bytes, encoding: str) -> None:
    """``--encoding`` names an encoding the bytes are not in: one file-level line, exit 1."""
    check_csv(data, ",", encoding)


# --- explicit files ----------------------------------------------------------------------------


def test_a_10_mb_single_field() -> None:
    data = b"id,avg,used\n" + b"x" * 10_000_000 + b",80,48\n"
    outcome = check_csv(data)
    assert [(r["status"], r["line"], len(r["id"])) for r in outcome.rows] == [("ok", 2, 10_000_000)]


def test_a_large_quoted_field_with_line_breaks() -> None:
    data = b'id,avg,used\n"' + b"a\r\nb\n" * 200_000 + b'",80,48\n2,80,48\n'
    outcome = check_csv(data)
    assert [r["status"] for r in outcome.rows] == ["ok", "ok"]


@pytest.mark.parametrize(
    "data",
    [b"\n" * 1000, b"\r\n" * 10, b"\r" * 10, b" \n\t\n  \r\n", b",,,\n;;;\n", b"\xef\xbb\xbf\n\n", b"\xef\xbb\xbf\r\n"],
    ids=repr,
)
def test_a_file_of_only_blank_lines_gives_no_rows(data: bytes) -> None:
    outcome = check_csv(data)
    assert (outcome.exit_code, outcome.rows) == (0, [])


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE], ids=repr)
def test_a_bom_only_file_gives_no_rows(bom: bytes) -> None:
    outcome = check_csv(bom)
    assert (outcome.exit_code, outcome.rows) == (0, [])


def test_nul_bytes_are_data_not_the_end_of_the_file() -> None:
    data = b"id,avg,used\n1,80\x00,48\n\x00\x00\x00\n\x00,80,48\n4,80,48\n"
    outcome = check_csv(data)
    assert [(r["line"], r["status"]) for r in outcome.rows] == [(2, "error"), (3, "error"), (4, "ok"), (5, "ok")]
    assert outcome.rows[2]["id"] == "\x00"


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"], ids=repr)
def test_any_line_ending_gives_the_file_s_lines(ending: str) -> None:
    data = ending.join(["id,avg,used", "1,80,48", "", "2,130,18", "3,abc,1", ""]).encode()
    outcome = check_csv(data)
    assert [(r["id"], r["line"], r["status"]) for r in outcome.rows] == [
        ("1", 2, "ok"),
        ("", 3, "blank"),  # a blank row between persons stays in place; the trailing one is no row
        ("2", 4, "ok"),
        ("3", 5, "error"),
    ]
    assert outcome.exit_code == 1


def test_mixed_line_endings_count_every_line() -> None:
    data = b"id,avg,used\r1,80,48\r\n2,80,48\n3,80,48\r"
    outcome = check_csv(data)
    assert [(r["id"], r["line"]) for r in outcome.rows] == [("1", 2), ("2", 3), ("3", 4)]


def test_a_quoted_field_over_several_lines_keeps_the_next_row_s_line() -> None:
    data = b'id,name,avg,used\n1,"two\nlines",80,48\n2,x,80,48\n'
    outcome = check_csv(data)
    assert [(r["id"], r["line"]) for r in outcome.rows] == [("1", 2), ("2", 4)]


@pytest.mark.parametrize(
    ("start", "end"), [("9999-12-27", "9999-12-31"), ("0001-01-01", "0001-01-02")], ids=["year-9999", "year-1"]
)
def test_a_row_with_a_date_at_the_end_of_the_calendar_does_not_stop_the_run(start: str, end: str) -> None:
    """One odd row is one row (computed or an error row); the rows after it are still read."""
    data = f"id,avg,used,start,end\n1,80,48,{start},{end}\n2,80,48,,\n".encode()
    outcome = check_csv(data)
    assert [r["id"] for r in outcome.rows] == ["1", "2"]
    assert outcome.rows[1]["status"] == "ok"


# --- JSON and NDJSON input ---------------------------------------------------------------------

json_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["80", "48", "0.5", "-0", "1e400", "1e-400", "0.12345678901234567890", "80.00000", "1E+2"]),
)
json_values = st.one_of(
    json_numbers,
    st.sampled_from(['""', '"80"', '"80,5"', '"2020-06-01"', '"9999-12-31"', "true", "false", "null", "[]", "{}"]),
    st.text(max_size=6).map(json.dumps),
)


@st.composite
def ndjson_texts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["object"] * 4 + ["garbage", "blank", "array"]))
        if kind == "object":
            keys = draw(st.lists(st.sampled_from([*HEADERS[:18], "months", "x"]), max_size=6))
            lines.append("{" + ", ".join(f"{json.dumps(k)}: {draw(json_values)}" for k in keys) + "}")
        elif kind == "array":
            lines.append("[" + ", ".join(draw(st.lists(json_values, max_size=3))) + "]")
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\t"])))
        else:
            lines.append(draw(st.text(alphabet=st.sampled_from(list('{}[]":,0123456789 abeNaI')), max_size=12)))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@share(0.4)
@given(ndjson_texts())
@example('{"avg": 1e-400, "used": 1}\n')  # a JSON number no binary float carries
@example('{"avg": 80, "used": 48, "id": 0.12345678901234567890}\n')
@example('{}\n{}\n{"id": 1e400}')  # found by hypothesis: a JSON number above the float range
def test_hostile_ndjson_never_crashes_and_keeps_every_line(text: str) -> None:
    outcome = run_batch(text.encode(), args=["batch", "-", "--from", "ndjson", "--to", "ndjson", "--quiet"])
    check(outcome, ndjson_records(text))


@pytest.mark.parametrize("to", ["json", "ndjson", "csv"])
def test_json_array_with_numbers_no_float_carries_is_written_in_every_format(to: str) -> None:
    data = (
        b'[{"id": 0.12345678901234567890, "avg": 80, "used": 48}, {"avg": 1e-400, "used": 1}, {"avg": 80, "used": 48}]'
    )
    result = runner.invoke(app, ["batch", "-", "--from", "json", "--to", to, "--quiet"], input=data)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"batch raised {result.exception!r}") from result.exception
    assert result.exit_code == 1, result.stderr  # the last two records are error rows
    assert result.stderr == ""
