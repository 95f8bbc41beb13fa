"""Damaged and hostile files, as real processes: one line, exit 1, never a traceback, a panic or an abort.

README "Bad input and exit codes". A workbook is read in a child process with a memory bound
(io/sheet_reader.py): a Rust panic or an allocation of tens of gigabytes ends that child, never the run.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter

XLS = Path(__file__).parent / "data" / "recipients.xls"  # examples/recipients.xlsx saved by LibreOffice as .xls


def run(*args: str, stdin: bytes = b"", timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "asistents", *args], input=stdin, capture_output=True,
                          timeout=timeout, check=False)  # fmt: skip


def assert_one_line(done: subprocess.CompletedProcess[bytes], code: int, *words: str) -> str:
    stderr = done.stderr.decode()
    assert done.returncode == code, stderr
    assert stderr.count("\n") == 1 and stderr.startswith("asistents: error: "), stderr
    assert "a bug" not in stderr and "panicked" not in stderr and "Traceback" not in stderr
    for word in words:
        assert word in stderr, stderr
    return stderr


def test_the_xls_fixture_reads() -> None:
    done = run("batch", str(XLS), "--to", "ndjson", "-q")
    assert done.returncode == 1 and done.stdout.count(b"\n") >= 5  # its error and totals rows on purpose


@pytest.mark.parametrize("percent", [60, 83, 86, 91, 99])
def test_a_cut_xls_is_one_line_not_a_panic(tmp_path: Path, percent: int) -> None:
    data = XLS.read_bytes()
    cut = tmp_path / "cut.xls"
    cut.write_bytes(data[: len(data) * percent // 100])
    assert_one_line(run("batch", str(cut), "--to", "ndjson"), 1, "cut.xls", "cannot be read as a workbook")


def _workbook() -> bytes:
    sink = io.BytesIO()
    book = xlsxwriter.Workbook(sink, {"in_memory": True})
    sheet = book.add_worksheet("Saraksts")
    for r, row in enumerate([["id", "name", "avg", "used"], [1, "A", 130, 18]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return sink.getvalue()


def _patched(change: Callable[[str, bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for item in source.infolist():
            book.writestr(item, change(item.filename, source.read(item.filename)))
    return out.getvalue()


def _in_sheet(old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    return lambda name, data: data.replace(old, new) if name.endswith("sheet1.xml") else data


HOSTILE = {
    "a cell at D99999999999999": _in_sheet(b'<c r="D2"', b'<c r="D99999999999999"'),
    "cells at A1 and XFD1048576": _in_sheet(b'<c r="D2"', b'<c r="XFD1048576"'),
    "a row at 20,000,000": lambda name, data: re.sub(rb'r="([A-D]?)2"', rb'r="\g<1>20000000"', data)
    if name.endswith("sheet1.xml") else data,
}  # fmt: skip


def test_a_shared_string_table_declaring_4294967295_strings_is_read_as_it_is(tmp_path: Path) -> None:
    """calamine does not believe the declared count: the two strings there are are read, quickly."""
    path = tmp_path / "sst.xlsx"
    count = re.compile(rb'(unique)?[cC]ount="\d+"')
    path.write_bytes(_patched(lambda name, data: count.sub(rb'\g<1>count="4294967295"', data)
                              if name.endswith("sharedStrings.xml") else data))  # fmt: skip
    done = run("batch", str(path), "--to", "ndjson", "-q", timeout=30)
    assert done.returncode == 0 and b'"payable_hours"' in done.stdout, done.stderr


@pytest.mark.parametrize("case", HOSTILE)
def test_a_workbook_declaring_huge_sizes_is_one_line_in_bounded_memory(tmp_path: Path, case: str) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(_patched(HOSTILE[case]))
    assert len(path.read_bytes()) < 10_000
    started = time.monotonic()
    done = run("batch", str(path), "--to", "ndjson", "-q")
    assert time.monotonic() - started < 30  # not the 52 s (and 3 GB) of reading it in full
    assert_one_line(done, 1, "hostile.xlsx", "cannot be read as a workbook")


def test_a_hidden_first_sheet_is_not_read_by_default(tmp_path: Path) -> None:
    sink = io.BytesIO()
    book = xlsxwriter.Workbook(sink, {"in_memory": True})
    hidden = book.add_worksheet("Vecais")
    hidden.write_row(0, 0, ["id", "name", "avg", "used"])
    hidden.write_row(1, 0, [1, "Vecs", 10, 0])
    hidden.hide()
    shown = book.add_worksheet("Saraksts")
    shown.write_row(0, 0, ["id", "name", "avg", "used"])
    shown.write_row(1, 0, [1, "Jauns", 130, 18])
    shown.activate()
    book.close()
    path = tmp_path / "two.xlsx"
    path.write_bytes(sink.getvalue())
    done = run("batch", str(path), "--to", "ndjson", "-q")
    assert b"Jauns" in done.stdout and b"Vecs" not in done.stdout
    assert b"Vecs" in run("batch", str(path), "--to", "ndjson", "-q", "--sheet", "Vecais").stdout


def test_an_ignored_hangup_stays_ignored(tmp_path: Path) -> None:
    """``nohup asistents batch …``: SIGHUP was ignored when it started, so it does not end the run."""
    child = subprocess.Popen(
        [sys.executable, "-m", "asistents", "batch", "-", "--to", "ndjson", "-q"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )  # fmt: skip
    assert child.stdin is not None
    child.stdin.write(b"avg,used\n")
    child.stdin.flush()
    time.sleep(1.5)  # started and waiting for the rest of its input
    os.kill(child.pid, signal.SIGHUP)
    out, err = child.communicate(b"80,48\n", timeout=30)
    assert child.returncode == 0, err
    assert b'"payable_hours":32' in out


# --- every output format, one line, never "a bug" -------------------------------------------------------


def batch(tmp_path: Path, data: bytes, name: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    path = tmp_path / name
    path.write_bytes(data)
    return run("batch", str(path), *args)


@pytest.mark.parametrize("to", ["ndjson", "json", "csv", "xlsx"])
def test_a_lone_surrogate_is_an_error_row_shown_escaped_in_every_format(tmp_path: Path, to: str) -> None:
    data = b'{"id":1,"name":"A\\ud800","avg":130,"used":18}\n{"id":2,"name":"B","avg":130,"used":18}\n'
    out = tmp_path / f"out.{to}"
    done = batch(tmp_path, data, "in.ndjson", "--to", to, "-o", str(out), "-q")
    assert done.returncode == 1 and b"a bug" not in done.stderr, done.stderr
    assert out.exists()
    if to == "csv":
        text = out.read_text(encoding="utf-8-sig")
        assert "A\\ud800" in text and "lone UTF-16 surrogate" in text
    if to == "ndjson":
        import json

        first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
        assert first["name"] == "A\\ud800" and "lone UTF-16 surrogate" in first["error"]


def _nan_workbook() -> bytes:
    def change(name: str, data: bytes) -> bytes:
        if not name.endswith("sheet1.xml"):
            return data
        return data.replace(b'<c r="D2"><v>18</v>', b'<c r="D2"><v>NaN</v>')

    return _patched(change)


@pytest.mark.parametrize("to", ["ndjson", "json", "csv", "xlsx"])
def test_a_nan_number_cell_is_an_error_row_and_every_output_is_valid(tmp_path: Path, to: str) -> None:
    import json

    out = tmp_path / f"out.{to}"
    done = batch(tmp_path, _nan_workbook(), "nan.xlsx", "--to", to, "-o", str(out), "-q")
    assert done.returncode == 1 and b"a bug" not in done.stderr, done.stderr
    if to == "json":
        (row,) = json.loads(out.read_text(encoding="utf-8"))
        assert row["status"] == "error" and row["used"] == "NaN" and "finite" in row["error"]
    if to == "ndjson":
        assert json.loads(out.read_text(encoding="utf-8"))["used"] == "NaN"


def test_a_number_beyond_a_sheet_s_is_written_as_its_digits(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "out.xlsx"
    done = batch(tmp_path, b'{"id":1,"name":"A","avg":130,"used":18,"note":1e400}\n', "in.ndjson", "-o", str(out),
                 "-q")  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.cell(2, 5).value == "1E+400"


def test_a_sheet_named_by_a_superscript_digit_is_one_line(tmp_path: Path) -> None:
    done = batch(tmp_path, _workbook(), "in.xlsx", "--sheet", "²", "--to", "ndjson")
    assert_one_line(done, 1, "²")


@pytest.mark.parametrize(("encoding", "bom"), [("utf-32", True), ("utf-16-le", False), ("utf-16-be", False)])
def test_utf32_and_utf16_without_a_bom_are_read_as_what_they_are(tmp_path: Path, encoding: str, bom: bool) -> None:
    text = "id,name,avg,used\r\n1,Līga Bērziņa,130,18\r\n"
    done = batch(tmp_path, text.encode(encoding), "in.csv", "--to", "ndjson", "-q")
    assert done.returncode == 0, done.stderr
    assert "Līga Bērziņa" in done.stdout.decode() and '"payable_hours":32' not in done.stdout.decode()[:0]


def _ods(rows_xml: bytes) -> bytes:
    """A minimal ODS with these table rows."""
    content = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               b'<office:body><office:spreadsheet><table:table table:name="Saraksts">' + rows_xml +
               b"</table:table></office:spreadsheet></office:body></office:document-content>")  # fmt: skip
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                b'<manifest:file-entry manifest:full-path="/" '
                b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                b"</manifest:manifest>")  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
        book.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def _row(*cells: str, repeated: int = 1) -> bytes:
    attribute = f' table:number-rows-repeated="{repeated}"'.encode() if repeated > 1 else b""
    cell = b'<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
    shown = b"".join(cell % c.encode() for c in cells)
    return b"<table:table-row" + attribute + b">" + (shown or b"<table:table-cell/>") + b"</table:table-row>"


def test_an_ods_row_repeated_a_billion_times_is_one_line(tmp_path: Path) -> None:
    data = _ods(_row("id", "name", "avg", "used") + _row("1", "A", "130", "18", repeated=1_000_000_000))
    started = time.monotonic()
    assert_one_line(batch(tmp_path, data, "in.ods", "--to", "ndjson"), 1, "repeated more than 1000 times")
    assert time.monotonic() - started < 30


def test_an_empty_ods_row_repeated_a_billion_times_is_nothing(tmp_path: Path) -> None:
    data = _ods(_row("id", "name", "avg", "used") + _row("1", "A", "130", "18") + _row(repeated=1_000_000_000))
    done = batch(tmp_path, data, "in.ods", "--to", "ndjson", "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"\n") == 1


@pytest.mark.parametrize("case", ["columns", "cell"])
def test_what_a_sheet_cannot_hold_is_an_error_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    if case == "columns":
        header = ["id", "name", "avg", "used"] + [f"c{i}" for i in range(20_000)]
        data = (",".join(header) + "\n" + ",".join(["1", "A", "130", "18"] + ["x"] * 20_000) + "\n").encode()
    else:
        data = ("id,name,avg,used\n1," + "A" * 40_000 + ",130,18\n").encode()
    out = tmp_path / "out.xlsx"
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    argv = [sys.executable, "-m", "asistents", "batch", "-", "-o", str(out), "-q"]
    done = subprocess.run(argv, input=data, capture_output=True, env=env, check=False)
    assert_one_line(done, 1, "nothing was written")
    assert not out.exists()
    assert list((tmp_path / "tmp").iterdir()) == []  # XlsxWriter's row files went with it


DAMAGED = {
    "a boolean cell of 2": _in_sheet(b'<c r="D2"><v>18</v>', b'<c r="D2" t="b"><v>2</v>'),
    "a shared string out of range": _in_sheet(b'<c r="B2" t="s"><v>4</v>', b'<c r="B2" t="s"><v>999</v>'),
    "an error value #GARBAGE!": _in_sheet(b'<c r="D2"><v>18</v>', b'<c r="D2" t="e"><v>#GARBAGE!</v>'),
    "a cell at A0": _in_sheet(b'<c r="D2"', b'<c r="A0"'),
    "a garbage dimension": _in_sheet(b'<dimension ref="A1:D2"/>', b'<dimension ref="ZZZ:!!"/>'),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_workbook_is_one_line_naming_the_file(tmp_path: Path, case: str) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(_patched(DAMAGED[case]))
    assert_one_line(run("batch", str(path), "--to", "ndjson", "-q"), 1, "damaged.xlsx")


def test_a_workbook_without_its_sheet_part_is_one_line(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for item in source.infolist():
            if not item.filename.endswith("sheet1.xml"):
                book.writestr(item, source.read(item.filename))
    path = tmp_path / "partless.xlsx"
    path.write_bytes(out.getvalue())
    assert_one_line(run("batch", str(path), "--to", "ndjson", "-q"), 1, "partless.xlsx")
