"""``asistents batch`` end to end: dialects, encodings, columns, bad rows, safe files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from asistents.cli.app import app
from asistents.core.calculate import calculate
from asistents.core.models import CalcInput

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def batch(*args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, ["batch", *args], input=stdin, catch_exceptions=False)


def csv_rows(data: bytes, delimiter: str = ",", encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode(encoding)), delimiter=delimiter))


def ndjson_rows(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line, parse_float=Decimal) for line in data.decode().splitlines()]


def expected_hours(avg: str, used: str, weekly: str | None = None) -> Decimal:
    """What ``calc`` gives for the same figures: batch must use the same core."""
    inp = CalcInput(average=Decimal(avg), used=Decimal(used), weekly=None if weekly is None else Decimal(weekly))
    return calculate(inp).payable_hours


# --- the shipped examples -------------------------------------------------------------


def test_example_csv_keeps_every_row_in_order_and_its_dialect() -> None:
    result = batch(str(EXAMPLES / "recipients.csv"), "--quiet")
    assert result.exit_code == 1  # some rows are bad on purpose
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")  # BOM kept for Excel
    rows = csv_rows(result.stdout_bytes, ";")
    source = csv_rows((EXAMPLES / "recipients.csv").read_bytes(), ";")
    # Every input column comes back first, unchanged, then the computed ones.
    assert list(rows[0])[: len(source[0])] == list(source[0])
    # ... as given, except that a cell a spreadsheet would run as a formula is neutralised.
    neutralised = [{k: ("'" + v if v.startswith("=") else v) for k, v in r.items()} for r in source]
    assert [{k: r[k] for k in source[0]} for r in rows] == neutralised
    assert [r["line"] for r in rows] == [str(n) for n in range(2, 2 + len(source))]
    by_id = {r["Nr."]: r for r in rows}
    assert by_id["101"]["payable_hours"] == "32"  # Pēteris
    assert by_id["102"]["payable_hours"] == "51"  # Līga
    assert by_id["102"]["hours_2020-06-08"] == "8"
    assert by_id["104"]["Vidēji"] == "96,5"  # decimal comma kept
    assert by_id["104"]["average_hours"] == "96,5"
    assert by_id["106"]["Vārds, uzvārds"].startswith("'=HYPERLINK(")  # neutralised
    assert by_id["106"]["status"] == "ok"
    errors = {r["Nr."]: r["error"] for r in rows if r["status"] == "error"}
    assert set(errors) == {"109", "110", "111", "112", "113"}
    assert errors["109"] == (
        "line 10: Vidēji 'simts': is not a number of hours (digits with ',' as the decimal separator, e.g. 12,5)"
    )
    assert "Izmantotās '-5': is negative" in errors["110"]
    assert "wrong decimal separator" in errors["111"]
    assert "is above 744 h" in errors["112"]
    assert "contradicts 'no history'" in errors["113"]


def test_example_ndjson_runs_rows_with_their_own_periods() -> None:
    result = batch(str(EXAMPLES / "recipients.ndjson"), "--quiet")
    assert result.exit_code == 1
    rows = ndjson_rows(result.stdout_bytes)
    assert [r["id"] for r in rows] == ["201", "202", "203", "204", "205", "206", "207"]
    march = rows[2]
    assert march["payable_hours"] == 22
    assert march["start"] == "2020-03-12" and march["period_start"] == "2020-03-12"
    assert march["months"] == [40, 50, 30]  # the input as given
    assert march["average_months"] == ["2019-12", "2020-01", "2020-02"]
    assert len(march["days"]) == 20  # type: ignore[arg-type]
    assert [r["status"] for r in rows].count("error") == 2


def test_summary_on_stderr_counts_rows() -> None:
    result = batch(str(EXAMPLES / "recipients.csv"))
    assert "Rows read" in result.stderr
    assert "│ 13 │" in result.stderr.replace(" ", "").replace("│13│", "│ 13 │")
    assert "Read CSV: delimiter ';', decimal separator ',', encoding UTF-8 + BOM" in result.stderr
    assert "Rows read" not in result.stdout


# --- dialects and encodings --------------------------------------------------------------


REGISTER = [("1", "Pēteris Ķļaviņš", "80", "48", ""), ("2", "Līga Šņore", "130", "18", "35")]


def register_text(
    delimiter: str, decimal: str, header: tuple[str, ...] = ("id", "name", "avg", "used", "weekly")
) -> str:
    lines = [delimiter.join(header)]
    for row in REGISTER:
        cells = [cell.replace(".", decimal) for cell in row]
        lines.append(delimiter.join(cells))
    lines.append(delimiter.join(["3", "Anna", "96" + decimal + "5", "20" + decimal + "5", ""]))
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize(
    ("delimiter", "decimal"), [(",", "."), (";", ","), (";", "."), ("\t", "."), ("\t", ",")], ids=repr
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1257", "utf-16"])
def test_every_dialect_and_encoding_gives_the_same_hours(delimiter: str, decimal: str, encoding: str) -> None:
    data = register_text(delimiter, decimal).encode(encoding)
    result = batch("-", "--from", "csv", "--to", "ndjson", "--quiet", stdin=data)
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = ndjson_rows(result.stdout_bytes)
    assert [r["name"] for r in rows] == ["Pēteris Ķļaviņš", "Līga Šņore", "Anna"]
    assert [r["payable_hours"] for r in rows] == [
        expected_hours("80", "48"),
        expected_hours("130", "18", "35"),
        expected_hours("96.5", "20.5"),
    ]


def test_detected_dialect_is_reported_and_kept_in_csv_output(tmp_path: Path) -> None:
    source = tmp_path / "reg.csv"
    source.write_bytes(register_text(";", ",").encode("cp1257"))
    result = batch(str(source))
    assert "delimiter ';', decimal separator ',', encoding Windows-1257" in result.stderr
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM right
    rows = csv_rows(result.stdout_bytes, ";")
    assert rows[0]["name"] == "Pēteris Ķļaviņš"
    assert rows[2]["avg"] == "96,5"
    assert rows[2]["average_hours"] == "96,5"


def test_output_dialect_can_be_chosen() -> None:
    data = register_text(";", ",").encode()
    result = batch("-", "--out-delimiter", "\\t", "--out-decimal", ".", "--no-bom", "-q", stdin=data)
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(result.stdout_bytes, "\t")
    assert rows[2]["avg"] == "96,5"  # the input cell as given
    assert rows[2]["average_hours"] == "96.5"  # computed figures with the chosen separator


def test_delimiter_and_encoding_can_be_forced() -> None:
    # Every cell in one column when read with ',': forcing ';' reads it right.
    data = "id;name;avg;used\n1;Ēriks;80,5;40\n".encode("cp1257")
    result = batch("-", "--delimiter", ";", "--encoding", "cp1257", "--to", "ndjson", "-q", stdin=data)
    assert ndjson_rows(result.stdout_bytes)[0]["name"] == "Ēriks"
    assert ndjson_rows(result.stdout_bytes)[0]["avg"] == "80,5"  # the cell as given
    assert ndjson_rows(result.stdout_bytes)[0]["average_hours"] == Decimal("80.5")
    wrong = batch("-", "--encoding", "utf-8", "--to", "ndjson", "-q", stdin=data)
    assert wrong.exit_code == 1
    assert "not utf-8" in wrong.stderr
    assert "--encoding" in wrong.stderr


def test_forced_decimal_separator_wins() -> None:
    data = b"id;avg;used\n1;80.5;40\n"
    result = batch("-", "--decimal", ",", "--to", "ndjson", "-q", stdin=data)
    row = ndjson_rows(result.stdout_bytes)[0]
    assert row["status"] == "error"
    assert "wrong decimal separator" in str(row["error"])


# --- columns ------------------------------------------------------------------------------


def test_latvian_headers_any_case_and_diacritics() -> None:
    data = "NR.;VĀRDS, UZVĀRDS;Vidēji;izmantotās;NEDĒĻA;Izmantotās pēc\n7;Jānis;130;18;35;25\n".encode()
    result = batch("-", "--to", "ndjson", "-q", stdin=data)
    row = ndjson_rows(result.stdout_bytes)[0]
    assert (row["NR."], row["VĀRDS, UZVĀRDS"], row["weekly_cap"]) == ("7", "Jānis", 35)
    assert row["payable_hours"] == 45  # 35 h a week less the 25 h used after the emergency days


def test_column_option_maps_any_header() -> None:
    data = b"Klienta kods;Vid. st.;Izlietots\nA-1;80;48\n"
    result = batch(
        "-", "--column", "id=Klienta kods", "--column", "avg=Vid. st.", "--column", "used=izlietots", "--to", "ndjson",
        "-q", stdin=data,
    )  # fmt: skip
    row = ndjson_rows(result.stdout_bytes)[0]
    assert (row["Klienta kods"], row["payable_hours"]) == ("A-1", 32)


@pytest.mark.parametrize("option", ["avg", "avg=", "speed=Vidēji"])
def test_bad_column_option_is_a_usage_error(option: str) -> None:
    result = batch("-", "--column", option, stdin=b"avg,used\n1,1\n")
    assert result.exit_code == 2
    assert f"--column '{option}'" in result.stderr
    assert "Traceback" not in result.stderr


def test_three_month_columns_and_json_months_list() -> None:
    data = b"m1,m2,m3,used,start,end\n40,50,30,18,2020-03-12,2020-03-31\n"
    via_columns = ndjson_rows(batch("-", "--to", "ndjson", "-q", stdin=data).stdout_bytes)[0]
    obj = {"months": [40, 50, 30], "used": 18, "start": "2020-03-12", "end": "2020-03-31"}
    via_list = ndjson_rows(batch("-", "--from", "ndjson", "-q", stdin=json.dumps(obj).encode()).stdout_bytes)[0]
    assert via_columns["payable_hours"] == via_list["payable_hours"] == 22


def test_rows_with_own_periods_get_day_of_month_columns() -> None:
    data = b"avg,used,start,end\n80,48,,\n40,18,2020-03-12,2020-03-31\n"
    rows = csv_rows(batch("-", "-q", stdin=data).stdout_bytes)
    assert "day_01" in rows[0] and "day_31" in rows[0]
    assert rows[0]["day_01"] == "4" and rows[0]["day_10"] == ""
    assert rows[1]["day_12"] != "" and rows[1]["day_01"] == ""


def test_run_wide_defaults_apply_unless_a_cell_overrides() -> None:
    data = b"id,avg,used,weekly\n1,130,18,\n2,130,18,20\n"
    rows = ndjson_rows(batch("-", "--weekly", "35", "--to", "ndjson", "-q", stdin=data).stdout_bytes)
    assert rows[0]["weekly"] == "" and rows[0]["weekly_cap"] == 35 and rows[0]["payable_hours"] == 51
    assert rows[1]["weekly"] == "20" and rows[1]["weekly_cap"] == 20


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--weekly", "abc", "is not a number"),
        ("--step", "0", "must be more than 0"),
        ("--daily-max", "25", "is above 24"),
        ("--end", "2020-06-31", "is not a date that exists"),
        ("--rate", "-1", "is negative"),
    ],
)
def test_bad_run_wide_default_is_a_usage_error(flag: str, value: str, message: str) -> None:
    result = batch("-", flag, value, stdin=b"avg,used\n1,1\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"asistents: error: {flag} '{value}': ")
    assert message in result.stderr


# --- bad rows: one error row each, the rest go on --------------------------------------


BAD_ROWS = {
    "not a number": ("abc", "10", ",,", "", "avg 'abc': is not a number"),
    "negative": ("80", "-3", ",,", "", "used '-3': is negative"),
    "avg and months that disagree": (
        "80",
        "10",
        "40,50,30",
        "",
        "avg '80': and the three months (40 + 50 + 30) do not agree",
    ),
    "two months of three": ("", "10", "40,50,", "", "m3 '': needs exactly three months' hours"),
    "no history with avg": ("80", "10", ",,", "1", "avg '80': contradicts 'no history'"),
    "not a flag": ("80", "10", ",,", "perhaps", "no_history 'perhaps': is not yes/no"),
    "too large": ("745", "10", ",,", "", "avg '745': is above 744 h"),
    "not ascii digits": ("８0", "10", ",,", "", "has non-ASCII digits"),
    "nan": ("NaN", "10", ",,", "", "is not a finite number"),
    "zero step": ("80", "10", ",,", "", "step '0': must be more than 0"),
}


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_every_kind_of_bad_row_becomes_one_error_row(kind: str) -> None:
    avg, used, months, no_history, message = BAD_ROWS[kind]
    step = "0" if kind == "zero step" else ""
    lines = [
        "id,avg,used,m1,m2,m3,no_history,step",
        "1,80,48,,,,,",
        f"2,{avg},{used},{months},{no_history},{step}",
        "3,130,18,,,,,",
    ]
    result = batch("-", "--to", "ndjson", "-q", stdin="\n".join(lines).encode())
    assert result.exit_code == 1
    rows = ndjson_rows(result.stdout_bytes)
    assert [(r["id"], r["status"]) for r in rows] == [("1", "ok"), ("2", "error"), ("3", "ok")]
    assert str(rows[1]["error"]).startswith("line 3: ")
    assert message in str(rows[1]["error"])
    assert rows[1]["avg"] == avg  # the cell as given


def test_missing_column_is_an_error_row_not_zero_hours() -> None:
    data = b"id,avg,no_history\n1,80,\n2,,1\n"
    rows = ndjson_rows(batch("-", "--to", "ndjson", "-q", stdin=data).stdout_bytes)
    assert rows[0]["status"] == "error"
    assert rows[0]["error"].startswith("line 2: the register has no column for used; ")  # type: ignore[union-attr]
    assert "--column" in rows[0]["error"]  # type: ignore[operator]
    assert rows[1]["status"] == "ok"  # no history needs no hours used
    no_columns = ndjson_rows(batch("-", "--to", "ndjson", "-q", stdin=b"id,weekly\n1,5\n").stdout_bytes)[0]
    assert "no column for avg (or m1, m2, m3), used;" in str(no_columns["error"])  # all missing at once


def test_contradictory_period_and_dates() -> None:
    data = b"avg,used,start,end\n80,48,2020-06-09,2020-06-01\n80,48,2020-06-31,\n80,48,2020-05-30,2020-06-02\n"
    rows = ndjson_rows(batch("-", "--to", "ndjson", "-q", stdin=data).stdout_bytes)
    assert "start '2020-06-09': is after the end" in str(rows[0]["error"])
    assert "start '2020-06-31': is not a date that exists" in str(rows[1]["error"])
    assert "compute each month separately" in str(rows[2]["error"])


def test_ragged_and_blank_rows() -> None:
    data = b"id,avg,used\n1,80,48\n\n2,80\n3,80,48,extra\n4,80,48,\n5,130,18\n"
    result = batch("-", "--to", "ndjson", "-q", stdin=data)
    rows = ndjson_rows(result.stdout_bytes)
    assert [(r["id"], r["status"], r["line"]) for r in rows] == [
        ("1", "ok", 2),
        ("", "blank", 3),  # kept in place: results pasted beside the register stay aligned
        ("2", "error", 4),
        ("3", "error", 5),
        ("4", "ok", 6),  # an empty trailing cell is no extra data
        ("5", "ok", 7),
    ]
    assert rows[2]["error"] == "line 4: row '2': the row has 2 cells, the header 3"
    assert result.exit_code == 1  # the ragged rows; a blank row is no error


def test_two_columns_of_one_field_are_a_usage_error_naming_both() -> None:
    """README "How headers are read": neither column is dropped for the other; nothing is computed."""
    data = "avg,used,Vidēji\n80,48,90\n".encode()
    result = batch("-", "--to", "ndjson", "-q", stdin=data)
    assert result.exit_code == 2
    assert not result.stdout
    assert "columns 'avg', 'Vidēji' are both read as avg" in result.stderr
    kept = batch("-", "--to", "ndjson", "-q", "--column", "note=Vidēji", stdin=data)
    assert ndjson_rows(kept.stdout_bytes)[0]["payable_hours"] == 32


def test_ndjson_bad_lines_and_json_non_objects() -> None:
    data = b'{"avg": 80, "used": 48}\n{"avg": 80,\n[1, 2]\n{"avg": "1e400", "used": 1}\n{"avg": NaN, "used": 1}\n'
    rows = ndjson_rows(batch("-", "--from", "ndjson", "-q", stdin=data).stdout_bytes)
    assert [r["status"] for r in rows] == ["ok", "error", "error", "error", "error"]
    assert "is not valid JSON" in str(rows[1]["error"])
    assert "not a JSON object" in str(rows[2]["error"])
    array = b'[{"avg": 80, "used": 48}, "x", {"avg": true, "used": 1}]'
    rows = ndjson_rows(batch("-", "--to", "ndjson", "-q", stdin=array).stdout_bytes)
    assert [(r["line"], r["status"]) for r in rows] == [(1, "ok"), (2, "error"), (3, "error")]


def test_a_file_that_is_not_json_at_all_is_one_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "reg.json"
    source.write_text('{"avg": 80}')
    result = batch(str(source), "-q")
    assert result.exit_code == 1
    assert (
        result.stderr == f"asistents: error: FILE '{source}': the JSON must be an array of objects, one per recipient\n"
    )


def test_strict_stops_at_the_first_bad_row_and_writes_nothing(tmp_path: Path) -> None:
    data = b"avg,used\n80,48\nabc,1\n130,18\n"
    result = batch("-", "--strict", "-q", stdin=data)
    assert result.exit_code == 1
    assert result.stdout_bytes == b""
    assert "line 3: avg 'abc'" in result.stderr and "--strict" in result.stderr
    target = tmp_path / "out.csv"
    assert batch("-", "--strict", "-o", str(target), "-q", stdin=data).exit_code == 1
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_exit_code_zero_when_every_row_is_ok() -> None:
    result = batch("-", "-q", stdin=b"avg,used\n80,48\n")
    assert result.exit_code == 0


def test_header_only_and_empty_input() -> None:
    assert csv_rows(batch("-", "-q", stdin=b"avg,used\n").stdout_bytes) == []
    assert batch("-", "--to", "json", "-q", stdin=b"avg,used\n").stdout == "[]\n"
    assert batch("-", "-q", "--from", "ndjson", stdin=b"").stdout == ""


# --- output formats ----------------------------------------------------------------------


def test_json_array_output_has_every_row() -> None:
    data = b"avg,used\n80,48\nabc,1\n"
    result = batch("-", "--json", "-q", stdin=data)
    rows = json.loads(result.stdout)
    assert [r["status"] for r in rows] == ["ok", "error"]
    assert rows[0]["days"]["2020-06-01"] == 4
    assert [w["code"] for w in rows[0]["warnings"]] == ["weekly_not_given", "used_week_after_assumed_zero"]
    assert rows[1]["days"] is None and rows[1]["warnings"] is None  # computed columns are null on errors
    assert list(rows[0]) == list(rows[1])  # every row has the same keys


def test_json_and_to_disagreeing_is_a_usage_error() -> None:
    result = batch("-", "--json", "--to", "csv", stdin=b"avg,used\n1,1\n")
    assert result.exit_code == 2
    assert "--json and --to csv" in result.stderr


@pytest.mark.parametrize("cell", ["=1+1", "+3712", "-x", "@SUM(A1)", "\t=1", '=HYPERLINK("x")'])
def test_formula_cells_are_neutralised_in_csv_only(cell: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["id", "name", "avg", "used"])
    csv.writer(buffer).writerow([cell, cell, "80", "48"])
    data = buffer.getvalue().encode()
    row = csv_rows(batch("-", "-q", stdin=data).stdout_bytes)[0]
    assert row["id"] == "'" + cell and row["name"] == "'" + cell
    as_json = ndjson_rows(batch("-", "--to", "ndjson", "-q", stdin=data).stdout_bytes)[0]
    assert as_json["name"] == cell  # JSON is data, not a spreadsheet


def test_error_text_cells_are_neutralised_too() -> None:
    row = csv_rows(batch("-", "-q", stdin=b"avg,used\n=1+2,48\n").stdout_bytes)[0]
    assert row["avg"] == "'=1+2"
    assert row["status"] == "error"


# --- files ------------------------------------------------------------------------------


def test_output_file_is_written_and_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = batch(str(EXAMPLES / "recipients.csv"), "-o", str(target), "-q")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(csv_rows(target.read_bytes(), ";")) == 13
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # not the 0600 of a temp file
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_refuses_to_write_over_the_input(tmp_path: Path) -> None:
    source = tmp_path / "reg.csv"
    source.write_bytes(b"avg,used\n80,48\n")
    for target in (str(source), str(tmp_path / "." / "reg.csv")):
        result = batch(str(source), "-o", target)
        assert result.exit_code == 2
        assert "that is the input file" in result.stderr
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    assert batch(str(source), "-o", str(link)).exit_code == 2
    assert source.read_bytes() == b"avg,used\n80,48\n"


def test_an_exception_mid_write_leaves_the_target_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asistents.cli.batch_run as batch_module

    target = tmp_path / "out.csv"
    target.write_text("the old results\n")
    real = batch_module.compute_blocks
    calls = []

    def failing(*args: object, **kwargs: object) -> Iterator[object]:
        for block in real(*args, **kwargs):  # type: ignore[arg-type]
            calls.append(len(block.rows))
            yield block  # the first block is written, then the run is interrupted
            raise KeyboardInterrupt

    monkeypatch.setattr(batch_module, "compute_blocks", failing)
    data = b"avg,used\n" + b"80,48\n" * 5
    result = runner.invoke(app, ["batch", "-", "-o", str(target), "-q"], input=data, catch_exceptions=False)
    assert result.exit_code == 130
    assert result.stderr == "asistents: interrupted\n"
    assert calls == [5]
    assert target.read_text() == "the old results\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_unreadable_input_and_missing_folder_are_one_line_errors(tmp_path: Path) -> None:
    result = batch(str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert result.stderr.startswith("asistents: error: FILE ")
    result = batch("-", "-o", str(tmp_path / "no" / "such" / "out.csv"), stdin=b"avg,used\n1,1\n")
    assert result.exit_code == 2
    assert "the folder does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_stdin_to_stdout_guesses_json_from_content() -> None:
    data = json.dumps([{"avg": 80, "used": 48}]).encode()
    result = batch(stdin=data)  # no FILE: stdin
    assert json.loads(result.stdout)[0]["payable_hours"] == 32


def test_large_cell_does_not_crash() -> None:
    data = b"id,avg,used\n" + b"x" * 2_000_000 + b",80,48\n"
    rows = ndjson_rows(batch("-", "--to", "ndjson", "-q", stdin=data).stdout_bytes)
    assert len(rows) == 1 and rows[0]["payable_hours"] == 32


def test_output_is_not_group_or_world_writable_unless_umask_says(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        target = tmp_path / "private.csv"
        batch("-", "-o", str(target), "-q", stdin=b"avg,used\n80,48\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_run_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    """batch has the garbage collector look less often while it runs (cli/batch_run.py), and puts it back:
    a program that runs batch in its own process (the tests, a script) keeps its own settings."""
    import gc

    own = gc.get_threshold()
    gc.set_threshold(123, 4, 5)
    try:
        result = batch(str(EXAMPLES / "emergency_register.csv"), "-o", str(tmp_path / "o.csv"))
        assert result.exit_code == 0, result.output
        assert gc.get_threshold() == (123, 4, 5)
        assert gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*own)


@pytest.mark.parametrize("rows", [1, 2, 3])
def test_blocks_of_any_size_write_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    """A register is computed a block of rows at a time (``BLOCK_ROWS``): where the blocks end changes nothing
    in what is written, bad rows, blank rows and claims included."""
    import asistents.register.pipeline as pipeline

    examples = Path(__file__).parent.parent / "examples"
    for name in ("recipients.csv", "register_titled.csv", "claims.csv"):
        written = []
        for size in (pipeline.BLOCK_ROWS, rows):
            monkeypatch.setattr(pipeline, "BLOCK_ROWS", size)
            out = tmp_path / f"{size}-{name}"
            CliRunner().invoke(app, ["batch", str(examples / name), "-o", str(out), "-q"])
            written.append(out.read_bytes())
        assert written[0] == written[1] and written[0].count(b"\r\n") > 3


@pytest.mark.parametrize(("suffix", "loaded"), [(".csv", False), (".ndjson", False), (".xlsx", True)])
def test_only_a_workbook_loads_xlsxwriter(tmp_path: Path, suffix: str, loaded: bool) -> None:
    """A register written as text does not pay for XlsxWriter at its start (a sheet's limits are errors of a
    module of their own); a workbook does."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        f"sys.argv = ['asistents', 'batch', {str(EXAMPLES / 'recipients.csv')!r}, '-q', '-o', "
        f"{str(tmp_path / ('out' + suffix))!r}]\n"
        "from asistents.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit as e:\n    code = e.code\n"
        "print(code, 'xlsxwriter' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == f"1 {loaded}"  # the example has bad rows on purpose
    assert (tmp_path / f"out{suffix}").stat().st_size > 0
