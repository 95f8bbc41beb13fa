"""A register is never trusted blindly: columns accounted for, nothing overpaid, nothing dropped."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from asistents.cli.app import app
from asistents.io.columns import map_header, normalise

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def invoke(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)


def ndjson(result: Result) -> list[dict[str, object]]:
    return [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]


# --- 1. headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Vidēji (h)", "avg"),
        ("Vidējais stundu skaits", "avg"),
        ("Vidēji mēnesī, h", "avg"),
        ("Izmantotas (h)", "used"),
        ("Izmantotās stundas (st.)", "used"),
        ("Nedēļā", "weekly"),
        ("Piešķirtas nedēļā (h)", "weekly"),
        ("Piešķirtās stundas nedēļā", "weekly"),
        ("Stundas nedēļā", "weekly"),
        ("ID", "id"),
        ("Nr.", "id"),
        ("Nr.p.k.", "id"),
        ("Vārds, uzvārds", "name"),
        ("Vārds Uzvārds", "name"),
        ("Klients", "name"),
        ("Likme (EUR)", "rate"),
    ],
)
def test_usual_latvian_headers_with_units_are_recognised(header: str, column: str) -> None:
    assert map_header([header]).index == {column: 0}


def test_a_unit_is_dropped_but_a_comma_in_a_name_is_not() -> None:
    assert normalise("Vidēji, h") == normalise("Vidēji (h)") == "videji"
    assert normalise("Vārds, uzvārds") == "vards_uzvards"


def test_the_column_option_maps_and_the_other_column_is_not_dropped() -> None:
    data = "Vidēji (h);Cits;Izmantotas (h)\n80;130;48\n".encode()
    both = invoke("batch", "-", "--column", "avg=Cits", "--to", "ndjson", "-q", stdin=data)
    assert both.exit_code == 2
    assert "'Vidēji (h)', 'Cits' are both read as avg" in both.stderr
    one = invoke(
        "batch", "-", "--column", "avg=Cits", "--column", "note=Vidēji (h)", "--to", "ndjson", "-q", stdin=data
    )
    assert ndjson(one)[0]["average_hours"] == 130


# --- the example register, end to end ---------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> tuple[Result, list[dict[str, str]], list[dict[str, str]]]:
    result = invoke("batch", str(EXAMPLES / "register.csv"), "--lang", "en")
    source = list(csv.DictReader(io.StringIO((EXAMPLES / "register.csv").read_text("utf-8-sig")), delimiter=";"))
    out = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    return result, source, out


def test_every_input_column_comes_back_unchanged_and_first(example: tuple[Result, list, list]) -> None:
    result, source, out = example
    assert result.exit_code == 1  # Marta and the totals row
    # Every row has its output row, a blank one between persons included (marked blank); none for
    # blank rows after the last.
    while source and not any(source[-1].values()):
        source.pop()
    assert len(out) == len(source)
    assert [r["status"] == "blank" for r in out] == [not any(r.values()) for r in source]
    header = result.stdout.lstrip("\ufeff").splitlines()[0].split(";")
    assert header[:7] == list(source[0])
    assert [{k: r[k] for k in source[0]} for r in out] == source


def test_no_weekly_figure_means_the_state_maximum_with_a_warning(example: tuple[Result, list, list]) -> None:
    _, _, out = example
    peteris = out[0]
    assert peteris["weekly_cap"] == "40"
    assert "state maximum of 40 h a week applies" in peteris["warnings"]
    assert out[1]["weekly_cap"] == "35" and out[1]["payable_hours"] == "51"  # Līga: "Piešķirtas nedēļā (h)"


def test_a_blank_used_cell_is_an_error_row_naming_the_register_column(example: tuple[Result, list, list]) -> None:
    _, _, out = example
    marta = out[3]
    assert marta["status"] == "error" and marta["payable_hours"] == ""
    assert marta["error"] == (
        "line 5: Izmantotas (h): the hours used in the month on its other days are needed; write 0 if none were used"
    )


def test_the_totals_row_is_not_a_person_and_not_in_the_total(example: tuple[Result, list, list]) -> None:
    result, _, out = example
    totals = out[-1]
    assert totals["Nr.p.k."] == "Kopā" and totals["status"] == "totals" and not totals["error"]
    assert re.search(r"Totals rows \(not computed\)\s*│\s*1 │", result.stderr)
    paid = sum(Decimal(r["payable_hours"].replace(",", ".")) for r in out if r["status"] == "ok")
    assert paid == 139
    assert re.search(r"Total payable hours\s*│\s*139 │", result.stderr)


def test_stderr_accounts_for_every_column(example: tuple[Result, list, list]) -> None:
    result, source, _ = example
    for header in source[0]:
        assert f"'{header}' → " in result.stderr
    assert "'Personas kods' → personal_code" in result.stderr
    assert "'Piešķirtas nedēļā (h)' → weekly" in result.stderr


def test_a_register_without_a_weekly_column_says_so_once() -> None:
    result = invoke("batch", "-", stdin=b"id,avg,used\n1,80,48\n2,130,18\n")
    assert result.stderr.count("no weekly column") == 1
    assert "no weekly column" not in invoke("batch", "-", "--weekly", "35", stdin=b"id,avg,used\n1,80,48\n").stderr


# --- 4. used must be given ----------------------------------------------------------------------


def test_calc_without_used_is_a_usage_error_naming_the_flag() -> None:
    result = invoke("calc", "--avg", "80")
    assert result.exit_code == 2
    assert result.stderr.startswith("asistents: error: --used: ")
    assert "write 0 if none were used" in result.stderr
    assert invoke("calc", "--no-history", "--weekly", "35").exit_code == 0
    assert invoke("calc", "--resumed").exit_code == 0


def test_all_missing_columns_are_named_at_once_with_a_hint() -> None:
    (row,) = ndjson(invoke("batch", "-", "--to", "ndjson", "-q", stdin="Nr.;Nedēļā\n1;35\n".encode()))
    assert row["error"] == (
        "line 2: the register has no column for avg (or m1, m2, m3), used; "
        "if it has them under other headers, name them with --column, e.g. --column used='Izmantotās'"
    )


# --- 5. not a person --------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["Kopā", "KOPA", "Pavisam", "Summa", "Total", "Итого"])
def test_totals_words_mark_a_totals_row(word: str) -> None:
    data = f"id;name;avg;used\n1;Anna;80;48\n;{word};80;48\n".encode()
    result = invoke("batch", "-", "--to", "ndjson", "-q", stdin=data)
    rows = ndjson(result)
    assert [r["status"] for r in rows] == ["ok", "totals"]
    assert rows[1]["payable_hours"] is None and rows[1]["error"] is None
    assert result.exit_code == 0  # a totals row is no error (README "Your register")


def test_a_row_without_id_and_name_is_not_a_person_unless_the_register_has_no_such_columns() -> None:
    rows = ndjson(invoke("batch", "-", "--to", "ndjson", "-q", stdin=b"id,name,avg,used\n,,80,48\n1,,80,48\n"))
    assert [r["status"] for r in rows] == ["error", "ok"]
    assert "id, name empty: the row is not a person" in str(rows[0]["error"])
    (row,) = ndjson(invoke("batch", "-", "--to", "ndjson", "-q", stdin=b"avg,used\n80,48\n"))
    assert row["status"] == "ok"


# --- 6. values as Latvian Excel writes them ----------------------------------------------------


@pytest.mark.parametrize("start", ["01.06.2020", "01.06.2020.", "1.6.2020", "2020-06-01"])
def test_dates_as_latvians_write_them(start: str) -> None:
    data = f"avg;used;start;end\n80;48;{start};9.6.2020\n".encode()
    (row,) = ndjson(invoke("batch", "-", "--to", "ndjson", "-q", stdin=data))
    assert (row["period_start"], row["period_end"], row["payable_hours"]) == ("2020-06-01", "2020-06-09", 32)
    assert invoke("calc", "--avg", "80", "--used", "48", "--start", start).exit_code == 0


@pytest.mark.parametrize(("cell", "resumed"), [("PATIESS", True), ("APLAMS", False), ("j", True), ("n", False)])
def test_excel_booleans(cell: str, resumed: bool) -> None:
    (row,) = ndjson(invoke("batch", "-", "--to", "ndjson", "-q", stdin=f"avg;used;Atsākts\n80;48;{cell}\n".encode()))
    assert row["limited_by"] == (["resumed"] if resumed else ["entitlement"])


# --- 7. JSON rows -------------------------------------------------------------------------------


def test_json_rows_have_the_same_keys_and_match_the_batch_schema() -> None:
    schema = json.loads(invoke("schema", "batch").stdout)
    result = invoke("batch", str(EXAMPLES / "recipients.ndjson"), "--to", "ndjson", "-q")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    computed = list(schema["properties"])
    for row in rows:
        jsonschema.validate(row, schema)
        assert list(row)[-len(computed) :] == computed
        if row["status"] == "error":
            assert all(row[k] is None for k in computed if k not in ("line", "status", "error"))
    calc_schema = json.loads(invoke("schema", "calc").stdout)
    assert calc_schema == json.loads(invoke("schema").stdout)  # plain "schema" is calc's
    assert calc_schema["title"] == "CalcResult"


# --- 9. what a newcomer hit ---------------------------------------------------------------------


def test_an_average_of_zero_points_to_no_history() -> None:
    data = json.loads(invoke("calc", "--months", "0", "0", "0", "--used", "0", "--json").stdout)
    assert "average_zero" in [w["code"] for w in data["warnings"]]
    text = invoke("calc", "--months", "0", "0", "0", "--used", "0").stdout
    assert "--no-history" in text


@pytest.mark.parametrize(
    ("start", "end", "outside"),
    [("2020-06-03", "2020-06-09", False), ("2020-03-20", "2020-03-31", False), ("2020-07-06", "2020-07-31", True)],
)
def test_start_alone_ends_with_the_emergency_in_that_month(start: str, end: str, outside: bool) -> None:
    data = json.loads(invoke("calc", "--avg", "80", "--used", "0", "--start", start, "--json").stdout)
    assert data["period"] == {"start": start, "end": end}
    assert ("outside_emergency" in [w["code"] for w in data["warnings"]]) == outside


def test_an_error_never_names_a_default_the_user_did_not_type() -> None:
    result = invoke("calc", "--avg", "80", "--used", "0", "--start", "2020-07-20")
    assert result.exit_code == 0
    assert "2020-06-09" not in result.stdout + result.stderr


def test_euro_always_with_two_decimals() -> None:
    report = invoke("calc", "--avg", "130", "--used", "18", "--weekly", "35", "--rate", "2.5726", "--lang", "lv")
    assert "= 131,20 EUR" in report.stdout
    data = b"id;avg;used;weekly;rate\n1;130;18;35;2,5726\n"
    out = list(csv.DictReader(io.StringIO(invoke("batch", "-", "-q", stdin=data).stdout), delimiter=";"))
    assert out[0]["amount_eur"] == "131,20"


@pytest.mark.parametrize("command", [[], ["calc"], ["batch"], ["schema"]])
def test_help_shows_real_metavars(command: list[str]) -> None:
    text = invoke(*command, "--help").stdout
    assert "<bool>" not in text and "<str>" not in text
    if command == ["calc"]:
        assert "HOURS" in text and "DATE" in text and "EUR" in text and "A B C" in text
    if command == ["batch"]:
        assert "How headers are read" in text
    if not command:
        assert "asistents calc --avg 130" in text


def test_no_arguments_prints_help_and_no_error_line() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.stdout
    assert "error" not in result.stderr


def test_the_latvian_report_fits_80_columns() -> None:
    result = invoke("calc", "--avg", "130", "--used", "18", "--weekly", "35", "--lang", "lv", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    day_rows = [line for line in lines if re.match(r"│ \d\d\.06\.2020\. ", line)]
    assert len(day_rows) == 9  # one line a day: nothing wraps


def test_the_readme_ndjson_to_csv_example_writes_a_bom_for_excel() -> None:
    result = invoke("batch", str(EXAMPLES / "recipients.ndjson"), "--to", "csv", "--out-delimiter", ";", "--bom", "-q")
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")


# --- 10. the months averaged ------------------------------------------------------------------


def test_the_months_averaged_are_named_everywhere() -> None:
    march = ["--months", "40", "50", "30", "--used", "18", "--start", "2020-03-12"]
    assert "Months averaged: December 2019–February 2020" in invoke("calc", *march).stdout
    assert json.loads(invoke("calc", *march, "--json").stdout)["average_months"] == ["2019-12", "2020-01", "2020-02"]
    assert "2020. gada marts–maijs" in invoke("calc", "--avg", "80", "--used", "0", "--lang", "lv").stdout


# --- property: any mix of known headers and extra columns --------------------------------------

KNOWN = ["Nr.p.k.", "Vārds, uzvārds", "Vidēji (h)", "Izmantotas (h)", "Piešķirtas nedēļā (h)"]
extra_names = st.text(alphabet="abcXYZ āēš()-.,", min_size=1, max_size=8).filter(
    lambda h: h.strip() and not map_header([h]).index and not map_header([h]).problems
)  # a column read as no field at all (one with field words, "bēZ" = without, is refused: the header corpus)
extra_cells = st.text(alphabet="abc 123;,\"'=āĶ\n", max_size=8)


@given(
    order=st.permutations(range(len(KNOWN))),
    extras=st.lists(extra_names, max_size=3, unique=True),
    cells=st.lists(st.lists(extra_cells, min_size=3, max_size=3), min_size=1, max_size=4),
    positions=st.lists(st.integers(0, 8), min_size=3, max_size=3),
)
def test_extra_columns_come_back_unchanged_whatever_the_order(
    order: list[int], extras: list[str], cells: list[list[str]], positions: list[int]
) -> None:
    header = [KNOWN[i] for i in order]
    for name, at in zip(extras, positions, strict=False):
        header.insert(at % (len(header) + 1), name)
    known_cells = {"Nr.p.k.": "7", "Vārds, uzvārds": "Anna", "Vidēji (h)": "130", "Izmantotas (h)": "18"}
    known_cells["Piešķirtas nedēļā (h)"] = "35"
    rows = []
    for row_cells in cells:
        extra = dict(zip(extras, row_cells, strict=False))
        rows.append([extra.get(h, known_cells.get(h, "")) for h in header])
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    result = invoke(
        "batch", "-", "--from", "csv", "--delimiter", ";", "--to", "ndjson", "-q", stdin=stream.getvalue().encode()
    )
    out = ndjson(result)
    assert len(out) == len(rows)
    for given_row, row in zip(rows, out, strict=True):
        keys = list(row)[: len(header)]
        assert [row[k] for k in keys] == given_row  # every input cell as given, in its order
        assert row["status"] == "ok" and row["payable_hours"] == 51  # the weekly column with its unit applied


@pytest.mark.parametrize("cell", ["Pavisam kopā", "Kopsumma", "Kopā pa sarakstu", "TOTAL:"])
def test_a_totals_row_is_known_by_its_first_word(cell: str) -> None:
    data = f"id;name;avg;used;weekly\n1;Anna;80;48;35\n;{cell};160;96;35\n".encode()
    rows = ndjson(invoke("batch", "-", "--to", "ndjson", "-q", stdin=data))
    assert [r["status"] for r in rows] == ["ok", "totals"]


def test_the_column_list_follows_the_header_even_when_a_header_repeats() -> None:
    data = "Piezīmes;Piezīmes;Vidēji;Izmantotās;Nedēļā\na;b;80;48;35\n".encode()
    lines = [line.strip() for line in invoke("batch", "-", stdin=data).stderr.splitlines() if "→" in line]
    assert lines[2:] == ["'Vidēji' → avg", "'Izmantotās' → used", "'Nedēļā' → weekly"]


def test_two_identifier_columns_are_no_error() -> None:
    data = "Nr.p.k.;Klienta Nr.;Vārds;Vidēji;Izmantotās\n1;K-7;Anna;80;48\n".encode()
    (row,) = ndjson(invoke("batch", "-", "--to", "ndjson", "-q", stdin=data))
    assert row["status"] == "ok" and row["Klienta Nr."] == "K-7"


@pytest.mark.parametrize("null_first", [True, False])
def test_a_json_null_and_the_text_none_are_told_apart_in_a_limits_column(tmp_path: Path, null_first: bool) -> None:
    """A JSON ``null`` is a cell not given; the text ``"None"`` is a rate that cannot be read. A register reads each
    distinct cell of a column once: the two are never taken for each other, whichever comes first."""
    people = [
        {"id": 1, "avg": 130, "used": 18, "weekly": 35, "rate": None},
        {"id": 2, "avg": 130, "used": 18, "weekly": 35, "rate": "None"},
    ]
    path = tmp_path / "register.ndjson"
    path.write_text("".join(json.dumps(p) + "\n" for p in (people if null_first else people[::-1])), encoding="utf-8")
    rows = {row["id"]: row for row in ndjson(invoke("batch", str(path), "--to", "ndjson", "-q"))}
    assert rows[1]["status"] == "ok"
    assert rows[2]["status"] == "error" and "rate 'None'" in str(rows[2]["error"])
