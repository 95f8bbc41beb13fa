"""Every input guarded like the register (README "Bad input and exit codes"): the rates table, the template
and the column map are inputs no output replaces; files read whole are bounded and only regular files; a
template's compile is bounded and ends on a signal; and what a newcomer hit on a whole emergency."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from asistents.cli.app import app

EXAMPLES = Path(__file__).parent.parent / "examples"
RATES = "2020-03;2,5\n2020-04;2,5\n2020-05;2,5\n2020-06;2,5\n"
EMERGENCY = ["emergency", "--before", "40", "50", "30", "--used", "2020-03=18", "--used", "2020-06=48"]


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)


def one_line(result: Result) -> str:
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("asistents: "), result.stderr
    assert "a bug" not in result.stderr
    return result.stderr


@pytest.fixture
def rates(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    path = tmp_path / "in" / "rates.csv"
    path.write_text(RATES, encoding="utf-8")
    return path


def test_the_rates_table_is_never_an_output(tmp_path: Path, rates: Path) -> None:
    register = tmp_path / "in" / "r.csv"
    register.write_bytes((EXAMPLES / "register.csv").read_bytes())
    link = tmp_path / "out" / "l.pdf"
    link.symlink_to(rates)
    cases = [
        ["batch", str(register), "--rates", str(rates), "-o", str(rates)],
        ["batch", str(register), "--rates", str(rates), "-q", "-o", str(tmp_path / "x.csv"),
         "--timesheets-pdf", str(tmp_path / "out" / ".." / "in" / "rates.csv")],
        [*EMERGENCY, "--rates", str(rates), "--pdf", str(link)],
        ["calc", "--avg", "80", "--used", "48", "--rates", str(rates), "--pdf", str(rates)],
    ]  # fmt: skip
    for args in cases:
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert "given with --rates, an input, which is never overwritten" in one_line(result)
        assert rates.read_text("utf-8") == RATES


def test_an_xlsx_output_on_a_full_disk_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = invoke("batch", str(EXAMPLES / "register.csv"), "--to", "xlsx", "-o", "/dev/full", "-q")
    assert result.exit_code == 1
    assert "-o '/dev/full': cannot be written (No space left on device)" in one_line(result)


@pytest.mark.parametrize(
    "args", [["--used", "0000-03=18"], ["--used", "03.0000=1"], ["--used", "2020-03=18", "--resumed", "0000-03"]]
)
def test_the_year_0000_is_no_month_of_the_emergency(args: list[str]) -> None:
    result = invoke("emergency", "--before", "40", "50", "30", *args, "--used", "2020-06=48")
    assert result.exit_code == 2 and "is not a month of this emergency" in one_line(result)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2020-03;" + "1" * 300_000 + "\n", "larger than 256 KiB"),
        ("2020-03;" + "1" * 150_000 + "\n", "(line 1)"),
        ("2020-06;2,5\n" + "#" * 200_000 + "\n", "(line 2)"),
        ("[" * 100_000, "(line 1)"),
    ],
)
def test_a_rates_file_beyond_its_bounds_is_one_line(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(text, encoding="utf-8")
    result = invoke("calc", "--avg", "80", "--used", "48", "--rates", str(path))
    assert result.exit_code == 2 and said in one_line(result)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_never_read_as_rates(device: str) -> None:
    started = time.monotonic()
    result = invoke("calc", "--avg", "80", "--used", "48", "--rates", device)
    assert result.exit_code == 2 and "is not a regular file" in one_line(result)
    assert time.monotonic() - started < 5


def test_a_fifo_is_never_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for args in (["--rates", str(fifo)], ["--pdf", str(tmp_path / "x.pdf"), "--template", str(fifo)]):
        done = subprocess.run([sys.executable, "-m", "asistents", "calc", "--avg", "80", "--used", "48", *args],
                              capture_output=True, timeout=30, check=False)  # fmt: skip
        assert done.returncode == 2 and b"not a regular file" in done.stderr, done.stderr
    pytest.importorskip("typst")
    done = subprocess.run([sys.executable, "-m", "asistents", "calc", "--avg", "80", "--used", "48", "--pdf",
                           str(fifo)], capture_output=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1 and b"cannot be written" in done.stderr, done.stderr


def test_a_long_csv_cell_on_stdin_is_one_error_row() -> None:
    data = b"id,avg,used\n1,80,48\n" + b"x" * (17 * 1024 * 1024) + b",80,48\n3,80,48\n"
    result = invoke("batch", "-", "--to", "ndjson", "-q", stdin=data)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "error", "ok"]
    assert "longer than 16 MiB" in rows[1]["error"]


def test_a_sheet_whose_xml_unpacks_beyond_the_bound_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from asistents.io import workbook

    monkeypatch.setattr(workbook, "SHEET_XML_LIMIT", 1024)
    result = invoke("batch", str(EXAMPLES / "recipients.xlsx"), "-q", "-o", os.devnull)
    assert result.exit_code == 1 and "unpacks to more than 0 MiB of XML" in one_line(result)


def test_a_hostile_template_is_ended_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("typst")
    from asistents.cli import pdf_part

    monkeypatch.setattr(pdf_part, "PART_MEMORY", 512 * 1024**2)
    template = tmp_path / "evil.typ"
    template.write_text('#let s = "ab"\n#for i in range(40) { s = s + s }\n#s.len()\n', encoding="utf-8")
    result = invoke(
        "calc", "--avg", "80", "--used", "48", "--pdf", str(tmp_path / "e.pdf"), "--template", str(template)
    )
    assert result.exit_code == 2 and "needed more than a page may take" in one_line(result)
    assert not (tmp_path / "e.pdf").exists()


def test_a_signal_during_the_one_pdf_leaves_no_private_folder(tmp_path: Path) -> None:
    pytest.importorskip("typst")
    temp = tmp_path / "tmp"
    temp.mkdir()
    template = tmp_path / "slow.typ"
    template.write_text('#let s = "ab"\n#for i in range(40) { s = s + s }\n#s.len()\n', encoding="utf-8")
    args = [sys.executable, "-m", "asistents", "batch", str(EXAMPLES / "register.csv"), "-q", "-o", os.devnull,
            "--timesheets-pdf", str(tmp_path / "all.pdf"), "--template", str(template)]  # fmt: skip
    child = subprocess.Popen(args, env={**os.environ, "TMPDIR": str(temp)}, stderr=subprocess.PIPE)
    time.sleep(2.5)
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 128 + signal.SIGTERM and b"terminated" in stderr
    assert list(temp.iterdir()) == []


def test_official_rates_on_a_whole_emergency_give_its_hours() -> None:
    result = invoke("emergency", "--emergency", "2", "--before", "60", "70", "65", "--used", "2020-11=20",
                    "--used", "2021-04=30", "--weekly", "20", "--rate", "official", "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [m["payable_hours"] for m in document["months"]] == [45, 66.5, 65.5, 65.5, 65.5, 30]
    assert [m["amount_eur"] is None for m in document["months"]] == [True, True, False, False, False, False]
    assert document["amount_eur"] is None  # a partial sum is never the emergency's amount


def test_before_with_two_figures_names_before() -> None:
    for args in (["--before", "40", "50", "--used", "2020-03=18"], ["--before", "40", "--used", "2020-03=18"]):
        result = invoke("emergency", *args)
        assert result.exit_code == 2 and "--before" in one_line(result) and "three months" in result.stderr


def test_hours_before_a_monday_emergency_are_refused_not_ignored() -> None:
    result = invoke("emergency", "--emergency", "2", "--before", "60", "70", "65", "--used", "2020-11=20",
                    "--used", "2021-04=30", "--used-week-before", "5")  # fmt: skip
    assert result.exit_code == 2 and "has no days before it" in one_line(result)


def test_a_shared_week_names_the_previous_month_s_hours() -> None:
    args = ["emergency", "--before", "140", "150", "130", "--used", "2020-03=18", "--used", "2020-06=48"]
    report = " ".join(invoke(*args, "--weekly", "20").stdout.split())
    assert "− 16 h of measure 7 for the previous month's days of this week)" in report
    latvian = " ".join(invoke(*args, "--weekly", "20", "--lang", "lv").stdout.split())
    assert "iepriekšējā mēneša šīs nedēļas dienās" in latvian and "citās dienās izmantotās" not in latvian


def test_the_latvian_workbook_names_the_month_column(tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    out = tmp_path / "e.xlsx"
    invoke("batch", str(EXAMPLES / "emergency_register.csv"), "-o", str(out), "-q", "--lang", "lv")
    header = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()[0]
    assert "Mēnesis" in header and "month" not in header


def test_a_hostile_template_is_ended_for_a_folder_of_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("typst")
    from asistents.cli import pdf_part

    monkeypatch.setattr(pdf_part, "PART_MEMORY", 512 * 1024**2)
    template = tmp_path / "evil.typ"
    template.write_text('#let s = "ab"\n#for i in range(40) { s = s + s }\n#s.len()\n', encoding="utf-8")
    folder = tmp_path / "pages"
    result = invoke("batch", str(EXAMPLES / "register.csv"), "-q", "-o", os.devnull, "--timesheets", str(folder),
                    "--template", str(template))  # fmt: skip
    assert result.exit_code == 2 and "needed more than a page may take" in one_line(result)
    assert list(folder.iterdir()) == []


def test_a_folder_s_pages_are_each_one_page_numbered_1(tmp_path: Path) -> None:
    pytest.importorskip("typst")
    from pypdf import PdfReader

    folder = tmp_path / "pages"
    invoke("batch", str(EXAMPLES / "emergency_register.csv"), "-q", "-o", os.devnull, "--timesheets", str(folder))
    files = sorted(folder.iterdir())
    assert len(files) == 46
    for path in files:
        (page,) = PdfReader(path).pages
        assert page.extract_text().rstrip().endswith("1"), path.name


def test_a_register_that_is_a_device_or_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        done = subprocess.run([sys.executable, "-m", "asistents", "batch", path, "-q", "-o", os.devnull],
                              capture_output=True, timeout=30, check=False)  # fmt: skip
        assert done.returncode == 2 and b"is not a regular file" in done.stderr, done.stderr


def test_a_json_array_beyond_its_bound_is_one_file_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from asistents.io import readers

    monkeypatch.setattr(readers, "JSON_LIMIT", 100)
    path = tmp_path / "r.json"
    path.write_text("[" + ",".join(['{"avg": 80, "used": 48}'] * 10) + "]", encoding="utf-8")
    result = invoke("batch", str(path), "-q", "-o", os.devnull)
    assert result.exit_code == 1 and "write the register as NDJSON" in one_line(result)


def test_stdin_beyond_its_bound_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from asistents.cli import streams

    monkeypatch.setattr(streams, "STDIN_LIMIT", 10)
    result = invoke("batch", "-", "-q", stdin=b"avg,used\n80,48\n80,48\n")
    assert result.exit_code == 1 and "stdin: more than" in one_line(result)


def test_the_progress_bar_counts_rows_and_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from asistents.cli import streams

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("COLUMNS", "100")
    source = io.BytesIO(b"x" * 1000)
    with streams.progress(source, 1000, "en", "s_progress_persons") as advance:  # type: ignore[arg-type]
        for n in range(400):
            source.read(2)
            advance()
            if n % 100 == 99:
                time.sleep(0.05)  # rows over time: the speed the time left is estimated from
        time.sleep(0.3)  # Rich draws from its own thread
    shown = screen.getvalue()
    assert "400 persons" in shown and "0:00:0" in shown  # persons done, and the time left
