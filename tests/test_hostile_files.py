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
