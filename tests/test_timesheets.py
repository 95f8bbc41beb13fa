"""The filled-in timesheet (PDF): what is on the page, a file per person, templates, reproducibility."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from asistents.cli.app import app
from asistents.cli.timesheets import safe_name

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LATVIAN = "Āķis Čēģīļņšūž Ōlafs"  # every Latvian letter with a diacritic: ā č ē ģ ī ķ ļ ņ š ū ž
LIGA = ["calc", "--avg", "130", "--used", "18", "--weekly", "35"]


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_calc_pdf_has_the_person_every_day_the_total_and_measure_7(tmp_path: Path) -> None:
    out = tmp_path / "liga.pdf"
    name = LATVIAN + " ākčēģīķļņšūž"
    result = invoke(*LIGA, "--name", name, "--id", "000000-00002", "--assistant", "Jānis Liepa",
                    "--service", "Rīgas Sociālais dienests", "--pdf", str(out), "--lang", "lv")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"Pārskats uzrakstīts: {out}" in result.stderr
    text, pages = pdf_text(out)
    assert pages == 1
    for expected in (name, "000000-00002", "Jānis Liepa", "Rīgas Sociālais dienests", "7. pasākums", "Kopā"):
        assert expected in text, expected
    hours = ["5"] * 7 + ["8", "8"]
    for day in range(1, 10):
        assert f"0{day}.06.2020." in text
    lines = [line.split() for line in text.splitlines() if line.startswith("0") and ".06.2020." in line]
    day_rows = [row for row in lines if len(row) >= 4 and row[1].endswith("diena")]
    assert [row[2] for row in day_rows] == hours and all(row[3] == "7" for row in day_rows)
    assert "51" in text and "130 − 18 = 112 h" in text
    assert "Asistents (paraksts, atšifrējums)" in text and "Datums" in text


def test_typst_markup_in_a_name_is_printed_not_run(tmp_path: Path) -> None:
    out = tmp_path / "markup.pdf"
    name = '#set page(width: 1cm) $x^2$ *bold* _it_ [x] \\ @ref <l> #panic("no")'
    result = invoke(*LIGA, "--name", name, "--pdf", str(out))
    assert result.exit_code == 0, result.stderr
    text, pages = pdf_text(out)
    assert pages == 1
    assert "#set page(width: 1cm)" in text and "$x^2$" in text and "*bold*" in text and '#panic("no")' in text


def test_a_31_day_month_fits_one_page(tmp_path: Path) -> None:
    out = tmp_path / "march.pdf"
    # A whole month: no other days, so no hours used on them.
    args = ["calc", "--months", "40", "50", "31.5", "--used", "0", "--start", "2021-01-01", "--end", "2021-01-31"]
    assert invoke(*args, "--weekly", "12", "--rate", "3.125", "--pdf", str(out)).exit_code == 0
    text, pages = pdf_text(out)
    assert pages == 1 and "2021-01-31" in text


def test_batch_writes_one_file_per_computed_row_and_one_pdf_of_all(tmp_path: Path) -> None:
    folder, single = tmp_path / "lapas", tmp_path / "all.pdf"
    result = invoke("batch", str(EXAMPLES / "register.csv"), "--timesheets", str(folder),
                    "--timesheets-pdf", str(single), "-q", "--lang", "en")  # fmt: skip
    assert result.exit_code == 1  # the register holds an error row and a totals row on purpose
    names = sorted(p.name for p in folder.iterdir())
    # Ēriks has 0 h payable: nothing to sign, no page (README "Timesheets"), and stderr says so.
    assert names == ["1-Peteris-Ozols.pdf", "2-Liga-Berzina.pdf", "3-Janis-Kalnins.pdf"]
    assert f"Timesheets written: 3 in {folder}" in result.stderr
    assert (
        "No page for rows with nothing to sign (0 h payable, or resumed; --all-pages writes them): 1" in result.stderr
    )
    text, pages = pdf_text(single)
    assert pages == 3 and "Pēteris Ozols" in text and "Marta" not in text and "Ēriks" not in text
    liga, _ = pdf_text(folder / "2-Liga-Berzina.pdf")
    assert "Līga Bērziņa" in liga and "Jānis Liepa" in liga  # the register's own "Asistents" column


def test_all_pages_writes_a_page_for_a_row_with_nothing_to_sign(tmp_path: Path) -> None:
    folder = tmp_path / "lapas"
    result = invoke("batch", str(EXAMPLES / "register.csv"), "--timesheets", str(folder), "-q", "--all-pages")
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["1-Peteris-Ozols.pdf", "2-Liga-Berzina.pdf", "3-Janis-Kalnins.pdf", "5-Eriks-Zarins.pdf"]
    assert "No page" not in result.stderr


def test_the_service_option_names_the_social_service_where_the_register_has_none(tmp_path: Path) -> None:
    single = tmp_path / "all.pdf"
    invoke("batch", str(EXAMPLES / "register.csv"), "--timesheets-pdf", str(single), "-q", "--service", "Rīgas SD")
    text, _ = pdf_text(single)
    assert text.count("Rīgas SD") == 3


def test_existing_files_are_kept_unless_force(tmp_path: Path) -> None:
    folder = tmp_path / "lapas"
    folder.mkdir()
    (folder / "1-Peteris-Ozols.pdf").write_bytes(b"mine")
    kept = invoke("batch", str(EXAMPLES / "register.csv"), "--timesheets", str(folder), "-q")
    assert (folder / "1-Peteris-Ozols.pdf").read_bytes() == b"mine"
    assert "not written because the file exists (give --force to replace): 1" in kept.stderr
    assert kept.exit_code == 1
    forced = invoke("batch", str(EXAMPLES / "register.csv"), "--timesheets", str(folder), "--force", "-q")
    assert (folder / "1-Peteris-Ozols.pdf").read_bytes().startswith(b"%PDF")
    assert "Timesheets written: 3" in forced.stderr


def test_file_names_are_safe_and_unique(tmp_path: Path) -> None:
    data = "id,name,avg,used\n7,Anna Ā,80,48\n7,Anna Ā,80,48\n,../../etc/passwd,80,48\nCON,,80,48\n".encode()
    folder = tmp_path / "out"
    result = runner.invoke(app, ["batch", "-", "--timesheets", str(folder), "-q"], input=data, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "7-Anna-A-2.pdf",
        "7-Anna-A.pdf",
        "etc-passwd.pdf",
        "timesheet-CON.pdf",
    ]


@pytest.mark.parametrize(
    ("parts", "name"),
    [(("101", "Pēteris Ozols"), "101-Peteris-Ozols"), (("", "..."), "timesheet"), (("nul.txt",), "timesheet-nul.txt")],
)
def test_safe_name(parts: tuple[str, ...], name: str) -> None:
    assert safe_name(*parts) == name


def test_a_template_that_does_not_compile_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "forma.typ"
    bad.write_text("#let x = (\n")
    result = invoke(*LIGA, "--pdf", str(tmp_path / "x.pdf"), "--template", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"asistents: error: --template '{bad}': does not compile: ")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_a_municipality_template_gets_every_field(tmp_path: Path) -> None:
    own = tmp_path / "own.typ"
    own.write_text(
        "#let data = json(bytes(sys.inputs.data))\n"
        "#for p in data.people [#p.name / #p.id / #p.assistant / #p.service / #p.period / #p.total / "
        "#p.days.len() / #p.reasoning.len() / #data.labels.title / #data.lang]\n"
    )
    out = tmp_path / "own.pdf"
    args = ("--name", "Līga", "--id", "2", "--personal-code", "010101-12345", "--pdf", str(out), "--template", str(own))
    assert invoke(*LIGA, *args).exit_code == 0
    text, _ = pdf_text(out)
    assert "Līga / 010101-12345 /" in text and "/ 51 / 9 /" in text and "/ en" in text


def test_a_row_number_is_no_identity_on_the_page(tmp_path: Path) -> None:
    """Nr.p.k. 2 is not the person's identity: the page shows the personal code, or nothing."""
    own = tmp_path / "own.typ"
    own.write_text("#let data = json(bytes(sys.inputs.data))\n#for p in data.people [id=(#p.id)]\n")
    out = tmp_path / "own.pdf"
    assert invoke(*LIGA, "--id", "2", "--pdf", str(out), "--template", str(own)).exit_code == 0
    assert "id=()" in pdf_text(out)[0]
    assert invoke(*LIGA, "--id", "010101-12345", "--pdf", str(out), "--template", str(own)).exit_code == 0
    assert "id=(010101-12345)" in pdf_text(out)[0]  # an id that is a personal code is one


def test_without_the_pdf_extra_it_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # as if not installed
    result = invoke(*LIGA, "--pdf", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == "asistents: error: --pdf: PDF timesheets need the optional part: pip install 'asistents[pdf]'\n"
    )


def test_source_date_epoch_gives_byte_identical_pdfs(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1591920000"}
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    invoke(*LIGA, "--name", "Līga", "--pdf", str(first), env=env)
    invoke(*LIGA, "--name", "Līga", "--pdf", str(second), env=env)
    assert first.read_bytes() == second.read_bytes()


def test_timesheets_never_replace_the_input_or_the_results(tmp_path: Path) -> None:
    register = tmp_path / "reg.csv"
    register.write_bytes((EXAMPLES / "register.csv").read_bytes())
    same = invoke("batch", str(register), "--timesheets-pdf", str(register), "-o", str(tmp_path / "o.csv"))
    assert same.exit_code == 2 and "--timesheets-pdf" in same.stderr
    assert register.read_bytes() == (EXAMPLES / "register.csv").read_bytes()
    both = invoke("batch", str(register), "-o", str(tmp_path / "x.csv"), "--timesheets-pdf", str(tmp_path / "x.csv"))
    assert both.exit_code == 2 and "both name" in both.stderr
    missing = invoke(
        "batch", str(register), "--timesheets-pdf", str(tmp_path / "no" / "a.pdf"), "-o", str(tmp_path / "r.csv")
    )
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1
    assert not (tmp_path / "r.csv").exists()  # nothing committed


def test_a_long_pdf_is_compiled_in_parts_and_joined_numbered_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts of two pages (the register's three pages to sign make two parts): one PDF, pages in order,
    numbered on across the parts, nothing left in the temporary folder, byte-identical when reproducible."""
    import asistents.cli.timesheets as module

    monkeypatch.setattr(module, "PART_PAGES", 2)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    outputs = []
    for n in (1, 2):
        single = tmp_path / f"all-{n}.pdf"
        result = runner.invoke(app, ["batch", str(EXAMPLES / "register.csv"), "--timesheets-pdf", str(single), "-q"],
                               env={"SOURCE_DATE_EPOCH": "1591920000"})  # fmt: skip
        assert result.exit_code == 1, result.stderr  # the register's error and totals rows
        outputs.append(single.read_bytes())
    reader = PdfReader(tmp_path / "all-1.pdf")
    names = [page.extract_text() for page in reader.pages]
    assert len(names) == 3
    persons = ("Pēteris Ozols", "Līga Bērziņa", "Jānis Kalniņš")
    for number, (page, person) in enumerate(zip(names, persons, strict=True), 1):
        assert person in page and page.rstrip().endswith(str(number))
    assert outputs[0] == outputs[1]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_row_that_cannot_be_written_stops_the_run_before_any_page_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A block of rows is written before its rows are counted and paged: a row that cannot be written (a
    cell too long for Excel) is the error reported, under --strict too, and no page is made for a row after it."""
    import asistents.cli.timesheets as timesheets

    monkeypatch.setattr(timesheets, "PART_PAGES", 2)  # pages are written in parts: two at a time here
    lines = ["id,name,avg,used,note"] + [f"{n},P{n},80,48," for n in range(1, 4)]
    lines += ["4,Long,80,48," + "a" * 40_000] + [f"{n},P{n},80,48," for n in range(5, 9)]
    source = tmp_path / "register.csv"
    source.write_text("\n".join(lines) + "\n")
    folder = tmp_path / "lapas"
    result = invoke("batch", str(source), "--column", "note=note", "-o", str(tmp_path / "out.xlsx"),
                    "--timesheets", str(folder), "-q", "--lang", "en")  # fmt: skip
    assert result.exit_code == 1 and "32767" in result.stderr
    made = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert not [name for name in made if name.split("-")[0] in {"4", "5", "6", "7", "8"}]
    strict = ["batch", str(source), "--column", "note=note", "-o", str(tmp_path / "strict.xlsx"), "--strict", "-q"]
    source.write_text("\n".join([*lines[:5], "x,Bad,abc,1,", *lines[5:]]) + "\n")
    result = invoke(*strict, "--lang", "en")
    assert result.exit_code == 1 and "32767" in result.stderr and "abc" not in result.stderr
    assert not (tmp_path / "strict.xlsx").exists()
