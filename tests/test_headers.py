"""How headers are read (README "How headers are read"): the grammar over a corpus of headers as offices
write them, mutations of its word tables, and the silent overpayments it ends, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from asistents.cli.app import app
from asistents.io import headers
from asistents.io.columns import read_column

DATA = Path(__file__).parent / "data"


def corpus() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "header_corpus.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            header, reading = line.split("\t")
            rows.append((header, reading))
    return rows


CORPUS = corpus()


def reading_of(header: str, grammar: headers.Grammar = headers.GRAMMAR) -> str:
    key, reading = read_column(header, grammar)
    return f"refused:{reading.problem}" if reading.problem else (key or "-")


def test_the_corpus_is_large_and_has_every_kind() -> None:
    readings = [reading for _, reading in CORPUS]
    assert len(CORPUS) >= 150
    assert len({header for header, _ in CORPUS}) == len(CORPUS)
    for kind in ("used@", "paid@", "paid_eur@", "resumed@", "month@", "refused:", "weekly", "avg", "-"):
        assert any(reading.startswith(kind) for reading in readings), kind


@pytest.mark.parametrize(("header", "expected"), CORPUS, ids=[h for h, _ in CORPUS])
def test_each_header_reads_as_the_corpus_says(header: str, expected: str) -> None:
    assert reading_of(header) == expected


def _mutants() -> list[tuple[str, headers.Grammar]]:
    """Grammars with one word dropped, or one unit word moved to the other kind of unit."""
    found: list[tuple[str, headers.Grammar]] = []
    for sense, words in headers.SENSES.items():
        for word in words:
            senses = {**headers.SENSES, sense: tuple(w for w in words if w != word)}
            found.append((f"sense {sense} without {word}", headers.Grammar(senses=senses)))
    for number, words in headers.MONTH_WORDS.items():
        for word in words:
            months = {**headers.MONTH_WORDS, number: tuple(w for w in words if w != word)}
            found.append((f"month {number} without {word}", headers.Grammar(months=months)))
    for unit, words in headers.UNITS.items():
        other = "eur" if unit == "h" else "h"
        for word in words:
            kept = tuple(w for w in words if w != word)
            dropped = {**headers.UNITS, unit: kept}
            moved = {unit: kept, other: (*headers.UNITS[other], word)}  # type: ignore[index]
            found.append((f"unit {unit} without {word}", headers.Grammar(units=dropped)))
            found.append((f"unit {word} moved to {other}", headers.Grammar(units=moved)))  # type: ignore[arg-type]
    for word in headers.FILLERS:
        fillers = tuple(w for w in headers.FILLERS if w != word)
        found.append((f"filler {word} dropped", headers.Grammar(fillers=fillers)))
    for i, words in enumerate(headers.FIELD_WORDS):
        fields = headers.FIELD_WORDS[:i] + headers.FIELD_WORDS[i + 1 :]
        found.append((f"field words of {words.field} #{i} dropped", headers.Grammar(fields=fields)))
    return found


MUTANTS = _mutants()


@pytest.mark.parametrize(("name", "grammar"), MUTANTS, ids=[name for name, _ in MUTANTS])
def test_every_mutation_of_the_word_tables_changes_a_corpus_reading(name: str, grammar: headers.Grammar) -> None:
    """A word dropped from the tables, or a unit moved to the wrong kind, reads some corpus header otherwise:
    every word is needed by some header of the corpus, so no mutation goes unseen."""
    assert any(reading_of(header, grammar) != expected for header, expected in CORPUS), name


# --- end to end: each silent overpayment of the issue, now read right or refused -----------------------

HEAD = "Nr.;Vārds;Piešķirtās (h);Decembris;Janvāris;Februāris;Izmantots marts (h);Izmantots jūnijs (h)"
ROW = "1;Anna;35;40;50;30;18;48"


def run(tmp_path: Path, text: str, *args: str, name: str = "r.csv") -> Result:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(app, ["batch", str(path), "-q", "--to", "ndjson", "--lang", "en", *args])


def months(result: Result) -> dict[str, dict[str, object]]:
    return {row["month"]: row for row in map(json.loads, result.stdout.splitlines())}


def test_euro_written_eiro_is_money_never_hours(tmp_path: Path) -> None:
    result = run(tmp_path, f"{HEAD};Izmaksāts aprīlis (eiro)\n{ROW};120,00\n", "--rate", "3")
    april = months(result)["2020-04"]
    assert (april["paid_hours"], april["paid_euro"], april["verdict"]) == (None, 120, "within")
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("extra", "cells", "named"),
    [
        ("Izmantotas 03.2020", "5", "'Izmantots marts (h)', 'Izmantotas 03.2020'"),
        ("Apmaksāts aprīlis (h);Aprīlis apmaksāts (h)", "40;50", "'Apmaksāts aprīlis (h)', 'Aprīlis apmaksāts (h)'"),
        ("2019-12;2020-01;2020-02", "40;50;3", "'Decembris', '2019-12'"),
        ("Izmantots decembris 2019 (h)", "41", "'Decembris', 'Izmantots decembris 2019 (h)'"),
    ],
)
def test_two_columns_of_one_month_s_figure_are_named_never_one_dropped(
    tmp_path: Path, extra: str, cells: str, named: str
) -> None:
    result = run(tmp_path, f"{HEAD};{extra}\n{ROW};{cells}\n")
    assert result.exit_code == 2 and not result.stdout
    assert f"columns {named} are both read as" in result.stderr


@pytest.mark.parametrize(
    "header", ["Piešķirtais apjoms nedēļā (h)", "Piešķirts nedēļā, h", "Piešķirtās h/nedēļā", "Nedēļas limits (h)"]
)
def test_granted_weekly_hours_in_the_office_s_words_cap_the_weeks(tmp_path: Path, header: str) -> None:
    head = HEAD.replace("Piešķirtās (h)", header)
    found = months(run(tmp_path, f"{head}\n1;Anna;10;40;50;300;0;48\n"))
    assert found["2020-03"]["weekly_cap"] == 10
    assert found["2020-03"]["payable_hours"] == 40  # 10 h in each of the four weeks, not 128 h under 40 h a week


def test_no_weekly_column_but_one_that_could_be_is_refused_not_40_hours(tmp_path: Path) -> None:
    head = HEAD.replace("Piešķirtās (h)", "Apjoms (h)")
    result = run(tmp_path, f"{head}\n1;Anna;10;40;50;300;0;48\n")
    assert result.exit_code == 2 and not result.stdout
    assert "column 'Apjoms (h)'" in result.stderr and "--column" in result.stderr


@pytest.mark.parametrize(
    ("header", "key", "value"),
    [
        ("Samaksāts aprīlis (h)", "paid_hours", 40),
        ("Apmaksāts apr. (h)", "paid_hours", 40),
        ("Aprīlis apmaksāts (h)", "paid_hours", 40),
        ("Samaksāts aprīlis (EUR)", "paid_euro", 120),
        ("Summa aprīlis EUR", "paid_euro", 120),
    ],
)
def test_payments_in_the_office_s_words_are_audited(tmp_path: Path, header: str, key: str, value: int) -> None:
    cell = "40" if key == "paid_hours" else "120"
    april = months(run(tmp_path, f"{HEAD};{header}\n{ROW};{cell}\n", "--rate", "3"))["2020-04"]
    assert april[key] == value and april["verdict"] == "within"


@pytest.mark.parametrize("header", ["Atsākta darbība maijs", "Maijs atsākts"])
def test_resumed_in_the_office_s_words_is_read(tmp_path: Path, header: str) -> None:
    text = f"{HEAD};Izmantots maijs (h);{header}\n{ROW};60;jā\n"
    may = months(run(tmp_path, text))["2020-05"]
    assert may["limited_by"] == ["resumed"] and may["payable_hours"] == 0


@pytest.mark.parametrize("header", ["paid 2020-13", "used 2020-00", "used 0000-03"])
def test_an_impossible_month_is_a_usage_error_with_the_column_that_maps_it(tmp_path: Path, header: str) -> None:
    result = run(tmp_path, f"{HEAD};{header}\n{ROW};5\n")
    assert result.exit_code == 2 and not result.stdout
    assert f"column '{header}' names a month that does not exist" in result.stderr
    assert f"--column 'note={header}'" in result.stderr


def test_an_average_beside_the_months_is_checked_not_refused(tmp_path: Path) -> None:
    text = f"{HEAD};Vidēji (h)\n1;A;35;40;50;31;18;48;40,3333333333333\n2;B;35;40;50;31;18;48;40,33\n"
    text += "3;C;35;40;50;31;18;48;40,34\n"
    result = run(tmp_path, text)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["ok"] * 8 + ["error"] * 4
    assert "'Decembris' 40 + 'Janvāris' 50 + 'Februāris' 31" in rows[8]["error"]


def test_a_month_column_is_mapped_with_column(tmp_path: Path) -> None:
    head = HEAD.replace("Izmantots marts (h)", "IM (h)")
    refused = run(tmp_path, f"{head}\n{ROW}\n")
    assert refused.exit_code == 2 and "column 'IM (h)'" in refused.stderr
    mapped = run(tmp_path, f"{head}\n{ROW}\n", "--column", "used 2020-03=IM (h)")
    assert months(mapped)["2020-03"]["payable_hours"] == 22


def test_a_month_without_its_hours_used_column_is_a_usage_error(tmp_path: Path) -> None:
    head = HEAD.rsplit(";", 1)[0] + ";Piezīmes"
    result = run(tmp_path, f"{head}\n1;Anna;35;40;50;30;18;x\n")
    assert result.exit_code == 2 and not result.stdout
    assert "no column for hours used in 2020-06" in result.stderr and "'Piezīmes'" in result.stderr


def test_hours_used_in_a_month_before_the_emergency_are_that_month(tmp_path: Path) -> None:
    head = HEAD.replace("Decembris", "Izmantots decembris 2019 (h)")
    assert months(run(tmp_path, f"{head}\n{ROW}\n"))["2020-03"]["payable_hours"] == 22


def test_a_json_key_given_twice_is_an_error_row_naming_it(tmp_path: Path) -> None:
    text = '[{"avg": 80, "used": 48, "avg": 90}, {"avg": 80, "used": 48}]'
    result = run(tmp_path, text, name="r.json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["error", "ok"]
    assert "avg '80 / 90': is given twice" in rows[0]["error"]


def test_a_sum_row_in_a_workbook_is_totals_and_keeps_fail_on_over(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Nr.", "Vārds", "Vidēji", "Izmantotās", "Nedēļā", "Apmaksāts (h)"])
    sheet.write_row(1, 0, [1, "Anna", 80, 48, 35, 40])  # 32 h allowed: 8 h over
    sheet.write_row(2, 0, [2, "Jānis", 80, 48, 35, 30])
    for col in (2, 3, 5):
        letter = "ABCDEF"[col]
        sheet.write_formula(3, col, f"=SUM({letter}2:{letter}3)", None, "")  # saved with no value
    book.close()
    result = CliRunner().invoke(app, ["batch", str(path), "-q", "--to", "ndjson", "--fail-on-over"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "ok", "totals"]
    assert result.exit_code == 3  # months over the rules: the totals row hides nothing


def test_paid_hours_and_euro_that_disagree_are_not_within(tmp_path: Path) -> None:
    text = "Nr.;Vārds;Vidēji;Izmantotās;Nedēļā;Apmaksāts (h);Izmaksāts (EUR)\n1;A;80;48;35;0;12\n2;B;80;48;35;10;30\n"
    rows = [json.loads(line) for line in run(tmp_path, text, "--rate", "3").stdout.splitlines()]
    assert [r["verdict"] for r in rows] == ["disagree", "within"]


def test_a_euro_formula_with_no_saved_value_is_an_error_not_a_skipped_check(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, [*HEAD.split(";"), "Izmaksāts aprīlis (EUR)"])
    sheet.write_row(1, 0, [1, "Anna", 35, 40, 50, 30, 18, 48])
    sheet.write_formula(1, 8, "=40*3", None, "")
    book.close()
    result = CliRunner().invoke(app, ["batch", str(path), "-q", "--to", "ndjson", "--rate", "3"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(r["status"] == "error" and "'I2': holds a formula with no value" in r["error"] for r in rows)
    assert result.exit_code == 1


# --- asistents columns, and a column map ---------------------------------------------------------------


def columns(*args: str) -> Result:
    return CliRunner().invoke(app, ["columns", *args, "--lang", "en"])


def test_columns_shows_each_column_and_its_reading(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"{HEAD};Izmaksāts aprīlis (eiro);Piezīmes\n{ROW};120;x\n", encoding="utf-8")
    shown = columns(str(path), "--json")
    assert shown.exit_code == 0, shown.stderr
    document = json.loads(shown.stdout)
    by_header = {c["header"]: (c["field"], c["month"], c["unit"]) for c in document["columns"]}
    assert by_header["Izmaksāts aprīlis (eiro)"] == ("paid_eur", "2020-04", "eur")
    assert by_header["Decembris"] == ("month", "2019-12", None)
    assert by_header["Piezīmes"] == (None, None, None)
    assert document["emergency"] == 1 and document["problems"] == []
    table = columns(str(path))
    assert "Izmaksāts aprīlis (eiro)" in table.stdout and "paid_eur" in table.stdout


def test_columns_names_the_problems_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"{HEAD};Vidēji (EUR)\n{ROW};5\n", encoding="utf-8")
    shown = columns(str(path), "--json")
    assert shown.exit_code == 2
    document = json.loads(shown.stdout)
    (avg,) = [c for c in document["columns"] if c["header"] == "Vidēji (EUR)"]
    assert "money is never hours" in avg["note"]
    assert document["problems"] and "column 'Vidēji (EUR)'" in document["problems"][0]
    assert [c["header"] for c in document["columns"] if c["in_doubt"]] == ["Vidēji (EUR)"]


def test_a_saved_map_reads_the_register_and_guards_it(tmp_path: Path) -> None:
    register = tmp_path / "r.csv"
    register.write_text(f"{HEAD.replace('Izmantots marts (h)', 'IM (h)')}\n{ROW}\n", encoding="utf-8")
    saved = tmp_path / "map.json"
    refused = columns(str(register), "--save", str(saved))
    assert refused.exit_code == 2 and not saved.exists()  # a column is in doubt: no map
    made = columns(str(register), "--column", "used 2020-03=IM (h)", "--save", str(saved))
    assert made.exit_code == 0, made.stderr
    assert json.loads(saved.read_text("utf-8"))["columns"]["IM (h)"] == "used 2020-03"
    ok = CliRunner().invoke(app, ["batch", str(register), "--columns", str(saved), "-q", "--to", "ndjson"])
    assert months(ok)["2020-03"]["payable_hours"] == 22
    # A new column that could be a figure, or a column of the map the file lacks: refused by name.
    register.write_text(f"{HEAD.replace('Izmantots marts (h)', 'IM (h)')};Apmaksāts maijs (h)\n{ROW};1\n", "utf-8")
    new = CliRunner().invoke(app, ["batch", str(register), "--columns", str(saved), "-q"])
    assert new.exit_code == 2 and "'Apmaksāts maijs (h)' is not in the map" in new.stderr
    register.write_text(f"{HEAD}\n{ROW}\n", "utf-8")
    gone = CliRunner().invoke(app, ["batch", str(register), "--columns", str(saved), "-q"])
    assert gone.exit_code == 2 and "the map's column 'IM (h)' is not in the file" in gone.stderr
    # The map is an input: never written over.
    over = CliRunner().invoke(app, ["batch", str(register), "--columns", str(saved), "-o", str(saved)])
    assert over.exit_code == 2 and json.loads(saved.read_text("utf-8"))["columns"]


def test_a_map_that_is_no_map_is_a_usage_error(tmp_path: Path) -> None:
    register = tmp_path / "r.csv"
    register.write_text("avg;used\n80;48\n", encoding="utf-8")
    for text in ("[]", '{"asistents": "column map", "columns": {"avg": "nonsense"}}', "{"):
        bad = tmp_path / "map.json"
        bad.write_text(text, "utf-8")
        result = CliRunner().invoke(app, ["batch", str(register), "--columns", str(bad)])
        assert result.exit_code == 2 and f"--columns '{bad}'" in result.stderr, text
    fifo = tmp_path / "fifo"
    import os

    os.mkfifo(fifo)
    result = CliRunner().invoke(app, ["batch", str(register), "--columns", str(fifo)])
    assert result.exit_code == 2 and "not a regular file" in result.stderr


# --- what an independent review found, each now read right or refused ------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Piešķirtās stundas mēnesī (h)",
        "Piešķirtais apjoms (h/mēn.)",
        "Piešķirtās stundas gadā",
        "Hours granted per month",
    ],
)
def test_a_grant_per_month_or_year_is_no_weekly_figure(tmp_path: Path, header: str) -> None:
    result = run(tmp_path, f"Nr.;Vidēji (h);Izmantotas (h);{header}\n1;130;18;30\n")
    assert result.exit_code == 2 and not result.stdout and f"column '{header}'" in result.stderr


@pytest.mark.parametrize("header", ["1. mēnesis (EUR)", "m1, EUR", "Mēneši (EUR)", "Izmantots marts (%)"])
def test_money_or_a_share_never_feeds_the_months_or_hours(tmp_path: Path, header: str) -> None:
    result = run(tmp_path, f"Nr.;{header};Izmantotas (h)\n1;400;5\n")
    assert result.exit_code == 2 and f"column '{header}'" in result.stderr
    assert f"--column 'FIELD={header}'" in result.stderr  # never the hours field as the way out


def test_ndjson_keys_are_read_like_a_header(tmp_path: Path) -> None:
    text = '{"id": 1, "avg": 100, "used": 10}\n{"id": 2, "avg": 100, "used": 10, "Piešķirts nedēļā (EUR)": 10}\n'
    result = run(tmp_path, text, name="r.ndjson")
    assert result.exit_code == 2 and not result.stdout and "'Piešķirts nedēļā (EUR)'" in result.stderr
    shown = columns(str(tmp_path / "r.ndjson"), "--json")
    assert shown.exit_code == 2
    assert [c["header"] for c in json.loads(shown.stdout)["columns"]] == ["id", "avg", "used", "Piešķirts nedēļā (EUR)"]


def test_a_map_matches_the_euro_sign(tmp_path: Path) -> None:
    register = tmp_path / "r.csv"
    register.write_text("Nr.;Vidēji;Izmantotās;Nedēļā;Apmaksāts (€)\n1;80;48;35;40\n", encoding="utf-8")
    saved = tmp_path / "map.json"
    saved.write_text(
        json.dumps({"asistents": "column map", "columns": {"Nr.": "id", "Vidēji": "avg", "Izmantotās": "used",
                    "Nedēļā": "weekly", "Apmaksāts": "paid"}}), "utf-8")  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(register), "--columns", str(saved), "-q"])
    assert result.exit_code == 2 and "the map's column 'Apmaksāts' is not in the file" in result.stderr


@pytest.mark.parametrize(
    ("months", "start"), [("2019-12;2020-01;2020-02", None), ("Decembris;Janvāris;Februāris", None)]
)
def test_three_month_columns_must_be_the_three_before_the_period(
    tmp_path: Path, months: str, start: str | None
) -> None:
    text = f"Nr.;{months};Izmantotas (h)\n1;40;50;30;5\n"
    refused = run(tmp_path, text)
    assert refused.exit_code == 2 and "not the three before the period 2020-06-01" in refused.stderr
    march = run(tmp_path, text, "--start", "2020-03-12", "--end", "2020-03-31")
    (row,) = [json.loads(line) for line in march.stdout.splitlines()]
    assert row["average_months"] == ["2019-12", "2020-01", "2020-02"] and row["payable_hours"] == 35


def test_three_month_columns_in_any_order_are_in_calendar_order(tmp_path: Path) -> None:
    """Maijs, Aprīlis, Marts: m1 is March. A different order of the same figures gives the same row."""
    shuffled = run(tmp_path, "Nr.;Maijs;Aprīlis;Marts;Izmantotas\n1;40;50;31;5\n", "--start", "2020-06-01")
    ordered = run(tmp_path, "Nr.;Marts;Aprīlis;Maijs;Izmantotas\n1;31;50;40;5\n", "--start", "2020-06-01")
    (a,), (b,) = (list(map(json.loads, r.stdout.splitlines())) for r in (shuffled, ordered))
    keep = ("average_hours", "entitlement", "payable_hours", "days")
    assert [a[k] for k in keep] == [b[k] for k in keep]
    assert columns(str(tmp_path / "r.csv"), "--json").exit_code == 0


@pytest.mark.parametrize("header", ["Brīvdienas", "Vēsture", "Weekends"])
def test_a_yes_no_column_without_its_without_word_is_refused(tmp_path: Path, header: str) -> None:
    result = run(tmp_path, f"Nr.;Vidēji;Izmantotas;{header}\n1;80;48;jā\n")
    assert result.exit_code == 2 and f"column '{header}'" in result.stderr


def test_euro_paid_as_the_cell_stores_the_product_agrees(tmp_path: Path) -> None:
    text = "Nr.;Vidēji;Izmantotas;Apmaksāts (h);Izmaksāts (EUR)\n"
    text += "1;130;18;30;80,625\n2;130;18;30;80,63\n3;130;18;30;80,62\n"
    rows = [json.loads(line) for line in run(tmp_path, text, "--rate", "2.6875").stdout.splitlines()]
    assert [r["verdict"] for r in rows] == ["within", "within", "disagree"]


def test_a_claims_register_s_map_reads_back(tmp_path: Path) -> None:
    example = Path(__file__).parent.parent / "examples" / "claims.csv"
    saved = tmp_path / "map.json"
    assert columns(str(example), "--save", str(saved)).exit_code == 0
    assert json.loads(saved.read_text("utf-8"))["columns"]["01.06."] == "claimed"
    direct = CliRunner().invoke(app, ["batch", str(example), "-q", "--to", "ndjson"])
    mapped = CliRunner().invoke(app, ["batch", str(example), "--columns", str(saved), "-q", "--to", "ndjson"])
    assert mapped.stdout == direct.stdout and mapped.exit_code == direct.exit_code


def test_the_result_marks_are_the_output_s_own_headers() -> None:
    """RESULT_MARKS and RESULT_MONTH say where the tool's own results begin in a file it wrote: they must be
    its output's headers, as CSV/JSON name them and as each language's workbook does."""
    from asistents.core.fields import RESULT_MARKS, RESULT_MONTH
    from asistents.i18n import LANGS, text
    from asistents.io.columns import header_key
    from asistents.register.row import MONTH_COLUMN
    from asistents.render.cells import COMPUTED_COLUMNS

    written = {tuple(COMPUTED_COLUMNS[:3])} | {
        tuple(header_key(text(lang, f"x_{c}")) for c in COMPUTED_COLUMNS[:3]) for lang in LANGS
    }
    assert written == set(RESULT_MARKS)
    months = {MONTH_COLUMN} | {header_key(text(lang, "x_month")) for lang in LANGS}
    assert months == set(RESULT_MONTH)
