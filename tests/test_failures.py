"""Every failure is a clean message and nothing is lost: streams, files, signals, hostile JSON.

Real processes where the behaviour lives outside the Typer app (the entry point, signals,
closed streams); ``CliRunner`` elsewhere. No root and no mounts: ``/dev/full`` stands in
for a full disk, a FIFO for a special file, monkeypatching for a read-only folder.
"""

from __future__ import annotations

import csv
import io
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

runner = CliRunner()
REGISTER = b"id,avg,used\n1,80,48\n2,130,18\n"
ENV = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"}


def batch(*args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, ["batch", *args], input=stdin, catch_exceptions=False)


def process(*args: str, stdin: bytes | None = None, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "asistents", *args], input=stdin, capture_output=True, env=ENV, **kwargs
    )


def one_line(stderr: bytes | str) -> str:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert text.count("\n") == 1 and text.startswith("asistents: "), text
    assert "Traceback" not in text
    return text


# --- 1. nested JSON -----------------------------------------------------------------------------


def test_deeply_nested_ndjson_is_an_error_row() -> None:
    data = b'{"id": "1", "avg": 80, "used": 48}\n' + b"[" * 100_000 + b"\n"
    result = batch("-", "--from", "ndjson", "--to", "ndjson", "-q", stdin=data)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "error"]
    assert "nested too deeply" in rows[1]["error"]


def test_deeply_nested_json_array_is_one_file_error(tmp_path: Path) -> None:
    source = tmp_path / "deep.json"
    source.write_bytes(b"[" * 100_000)
    result = batch(str(source), "-q")
    assert result.exit_code == 1
    assert "nested too deeply" in one_line(result.stderr)


@pytest.mark.parametrize("to", ["csv", "ndjson", "json"])
def test_a_nested_cell_is_an_error_row_in_every_format(to: str) -> None:
    data = b'{"id": [1, [2, [3]]], "avg": 80, "used": 48}\n{"id": "2", "avg": 80, "used": 48}\n'
    result = batch("-", "--from", "ndjson", "--to", to, "-q", stdin=data)
    assert result.exit_code == 1
    assert "id '[1,[2,[3]]]': is a list or an object" in result.stdout.replace('""', '"')


# --- 2. big numbers keep their digits -----------------------------------------------------------


def test_pass_through_numbers_keep_their_own_digits_in_csv() -> None:
    data = (
        b'{"id": 123456789012345678901234567890123, "n": 1e28, "f": 0.1234567890123456789012345678901,'
        b' "avg": 80, "used": 48}\n'
    )
    result = batch("-", "--from", "ndjson", "--to", "csv", "-q", stdin=data)
    assert result.exit_code == 0
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["id"] == "123456789012345678901234567890123"
    assert row["n"] == "1E+28"
    assert row["f"] == "0.1234567890123456789012345678901"


# --- 3. encodings that cannot read text ---------------------------------------------------------


@pytest.mark.parametrize("encoding", ["idna", "undefined", "punycode", "unicode_escape", "rot13"])
def test_encodings_that_cannot_decode_text_are_usage_errors(encoding: str) -> None:
    result = batch("-", "--encoding", encoding, stdin=REGISTER)
    assert result.exit_code == 2
    assert f"--encoding '{encoding}'" in one_line(result.stderr)


# --- 4. output failures -------------------------------------------------------------------------


def test_disk_full_with_o_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    result = process("batch", "-", "-o", "/dev/full", "-q", stdin=REGISTER)
    assert result.returncode == 1
    assert "-o '/dev/full': cannot be written (No space left on device)" in one_line(result.stderr)


def test_disk_full_on_stdout_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        for args in (["batch", "-", "-q"], ["calc", "--avg", "80", "--used", "48", "--json"]):
            result = subprocess.run(
                [sys.executable, "-m", "asistents", *args], input=REGISTER, stdout=full, stderr=subprocess.PIPE, env=ENV
            )
            assert result.returncode == 1
            assert "stdout: cannot be written (No space left on device)" in one_line(result.stderr)


def test_a_read_only_folder_is_one_line_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = batch("-", "-o", str(target), "-q", stdin=REGISTER)
    assert result.exit_code == 1
    assert f"-o '{target}': cannot be written (Permission denied)" in one_line(result.stderr)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_an_output_whose_parent_is_a_file(tmp_path: Path) -> None:
    parent = tmp_path / "file.txt"
    parent.write_text("x")
    result = batch("-", "-o", str(parent / "out.csv"), "-q", stdin=REGISTER)
    assert result.exit_code == 1
    assert "(Not a directory)" in one_line(result.stderr)


def test_a_long_output_name_works_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 250 + ".csv")
    result = batch("-", "-o", str(target), "-q", stdin=REGISTER)
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_failure_mid_write_keeps_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asistents.cli.streams as streams

    target = tmp_path / "out.csv"
    target.write_text("old\n")
    real = streams._Guarded.write

    def full(self: object, data: bytes) -> int:
        raise streams.OutputError(28, "No space left on device")

    monkeypatch.setattr(streams._Guarded, "write", full)
    result = batch("-", "-o", str(target), "-q", stdin=REGISTER)
    monkeypatch.setattr(streams._Guarded, "write", real)
    assert result.exit_code == 1
    assert "No space left on device" in one_line(result.stderr)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


# --- 5, 6. links and special files --------------------------------------------------------------


def test_a_symlinked_target_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "results.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = batch("-", "-o", str(link), "-q", stdin=REGISTER)
    assert result.exit_code == 0
    assert link.is_symlink()
    assert real.read_text().startswith("id,avg,used,line,status")
    assert sorted(p.name for p in real_dir.iterdir()) == ["results.csv"]


def test_a_fifo_target_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = process("batch", "-", "-o", str(fifo), "-q", stdin=REGISTER)
    out, _ = reader.communicate(timeout=30)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo()
    assert out.startswith(b"id,avg,used,line")


def test_dev_null_is_never_replaced() -> None:
    before = os.stat("/dev/null")
    result = process("batch", "-", "-o", "/dev/null", "-q", stdin=REGISTER)
    assert result.returncode == 0
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_o_dev_stdout_writes_to_stdout() -> None:
    result = process("batch", "-", "-o", "/dev/stdout", "-q", stdin=REGISTER)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"id,avg,used,line")


# --- 7. stdin is the output -------------------------------------------------------------------


def test_stdin_that_is_the_output_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(REGISTER)
    with source.open("rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "asistents", "batch", "-", "-o", str(source)],
            stdin=stdin,
            capture_output=True,
            env=ENV,
        )
    assert result.returncode == 2
    assert "that is the input file" in one_line(result.stderr)
    assert source.read_bytes() == REGISTER


# --- 8. closed streams ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["calc", "--avg", "80", "--used", "48", "--json"], ["batch", "-", "-q"]])
def test_a_closed_stdout_is_one_line_with_exit_1(args: list[str]) -> None:
    """``>&-``: the shell closes stdout before the program starts."""
    command = [sys.executable, "-m", "asistents", *args]
    result = subprocess.run(["sh", "-c", '"$@" >&-', "sh", *command], input=REGISTER, stderr=subprocess.PIPE, env=ENV)
    assert result.returncode == 1
    assert "stdout: cannot be written" in one_line(result.stderr)


@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_a_usage_error_keeps_exit_2_whatever_stderr_is(stderr: str) -> None:
    args = [sys.executable, "-m", "asistents", "calc", "--avg", "abc"]
    if stderr == "closed":
        result = subprocess.run(
            args, capture_output=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, close_fds=True
        )
        closed = subprocess.run(["sh", "-c", '"$@" 2>&-', "sh", *args], env=ENV)
        assert closed.returncode == 2
    else:
        with open("/dev/full", "wb") as full:
            result = subprocess.run(args, stderr=full, env=ENV)
    assert result.returncode == 2


# --- 9, 10. signals ------------------------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3])
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(delay: float) -> None:
    started = subprocess.Popen(
        [sys.executable, "-m", "asistents", "batch", "-", "-q"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    time.sleep(delay)
    started.send_signal(signal.SIGINT)
    _, err = started.communicate(timeout=30)
    assert started.returncode == 130, err
    assert one_line(err) == "asistents: interrupted\n"


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_remove_the_temp_file(tmp_path: Path, name: str) -> None:
    signum = getattr(signal, name)
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    started = subprocess.Popen(
        [sys.executable, "-m", "asistents", "batch", "-", "--from", "csv", "-o", str(target), "-q"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert started.stdin is not None
    started.stdin.write(b"id,avg,used\n1,80,48\n")  # stdin stays open: the run waits for the rest
    started.stdin.flush()
    time.sleep(0.6)
    started.send_signal(signum)
    _, err = started.communicate(timeout=30)
    assert started.returncode == 128 + signum, err
    assert one_line(err) == "asistents: terminated\n"
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


# --- 11. injection through any source ----------------------------------------------------------


def test_a_list_cell_never_becomes_a_live_formula() -> None:
    data = json.dumps({"id": [-1, "cmd|' /C calc'!A0"], "months": ["=1+1", 2, 3], "used": 1}).encode() + b"\n"
    result = batch("-", "--from", "ndjson", "--to", "csv", "-q", stdin=data)
    for cell in next(csv.reader(io.StringIO(result.stdout.splitlines()[1]))):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (
            cell.startswith("-") and not cell[1:2].isdigit()
        )


# --- 12, 13. decode errors and mixed files ------------------------------------------------------


def late_bad_byte() -> bytes:
    rows = ["id;name;avg;used", *(f"{i};Anna;80;48" for i in range(1, 5002))]
    return ("\r\n".join(rows) + "\r\n").encode("cp1257").replace(b"5001;Anna", b"5001;An\x81a")


@pytest.mark.parametrize("how", ["file", "stdin", "forced"])
def test_a_decode_error_anywhere_comes_before_any_row(tmp_path: Path, how: str) -> None:
    source = tmp_path / "late.csv"
    source.write_bytes(late_bad_byte())
    if how == "stdin":
        result = batch("-", "-q", stdin=source.read_bytes())
    else:
        result = batch(str(source), "-q", *(["--encoding", "cp1257"] if how == "forced" else []))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "line 5002" in one_line(result.stderr)


def test_utf8_mixed_with_other_bytes_is_a_file_error_naming_the_line() -> None:
    data = "id;name;avg;used\r\n1;Jānis;80;48\r\n".encode() + "2;Ö;1;1\r\n".encode("latin-1")
    result = batch("-", "-q", stdin=data)
    assert result.exit_code == 1
    assert "mixes UTF-8 letters" in one_line(result.stderr)
    assert "line 3" in result.stderr


# --- 14. control characters ---------------------------------------------------------------------


def test_json_escapes_c1_controls_and_bidi_overrides() -> None:
    data = json.dumps({"id": "1", "name": "a\u009bb\u202ec\u2066", "avg": 80, "used": 48}, ensure_ascii=False).encode()
    result = batch("-", "--from", "ndjson", "--to", "ndjson", "-q", stdin=data + b"\n")
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout and "\\u2066" in result.stdout
    assert "\u009b" not in result.stdout and "\u202e" not in result.stdout
    assert json.loads(result.stdout)["name"] == "a\u009bb\u202ec\u2066"  # the same text, escaped
    assert "Jānis" in batch("-", "--to", "ndjson", "-q", stdin="id,name,avg,used\n1,Jānis,80,48\n".encode()).stdout


@pytest.mark.parametrize("to", ["ndjson", "json"])
def test_json_escapes_c1_controls_and_bidi_overrides_of_a_csv_register(to: str) -> None:
    """A CSV register's text cells are written a block's column at a time (a column's members made together):
    escaped all the same, in a block of several rows."""
    name = "a\u009bb\u202ec\u2066"
    text = f"id,name,avg,used\n1,{name},80,48\n2,Anna,80,48\n"
    result = batch("-", "--to", to, "-q", stdin=text.encode())
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout and "\\u2066" in result.stdout
    assert "\u009b" not in result.stdout and "\u202e" not in result.stdout
    rows = json.loads(result.stdout) if to == "json" else [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["name"] for row in rows] == [name, "Anna"]  # the same text, escaped


def test_csv_to_a_terminal_shows_escape_sequences_escaped() -> None:
    from asistents.render.formula import escape_controls

    assert escape_controls("\x1b]0;pwned\x07Anna\u202e") == "\\x1b]0;pwned\\x07Anna\\u202e"
    assert escape_controls("Jānis\tĶ\n") == "Jānis\tĶ\n"
    script = (
        "import sys; from unittest import mock; import asistents.cli.batch_options as b\n"
        "b.is_terminal = lambda stream: True\n"
        "from asistents.cli.app import app\n"
        "sys.argv = ['asistents', 'batch', '-', '-q']\n"
        "app()\n"
    )
    data = b"id,name,avg,used\n1,\x1b]0;pwned\x07Anna,80,48\n"
    result = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, env=ENV)
    assert b"\x1b" not in result.stdout
    assert b"\\x1b]0;pwned\\x07Anna" in result.stdout


# --- 15, 16. help and whitespace ------------------------------------------------------------------


def test_no_arguments_prints_help_and_no_empty_error_line() -> None:
    result = process()
    assert b"Usage" in result.stdout
    assert result.stderr == b""


@pytest.mark.parametrize("value", ["12\n", "\u00a012", " 12 ", "\t12"])
def test_surrounding_whitespace_is_ignored_as_the_readme_says(value: str) -> None:
    result = runner.invoke(app, ["calc", "--avg", value, "--used", "0", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["average"] == 12


# --- the last resort ------------------------------------------------------------------------------

BUG = (
    "import sys; import asistents.core.calculate as c\n"
    "def boom(*a, **k): raise RuntimeError('boom')\n"
    "c.calculate = boom\n"
    "sys.argv = ['asistents', 'calc', '--avg', '80', '--used', '0']\n"
    "from asistents.cli.entry import run; run()\n"
)


def test_an_unexpected_error_is_one_line_with_a_hint_to_report_it() -> None:
    result = subprocess.run([sys.executable, "-c", BUG], capture_output=True, env=ENV)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "unexpected RuntimeError: boom" in line and "report" in line and "ASISTENTS_DEBUG=1" in line


def test_asistents_debug_shows_the_traceback() -> None:
    result = subprocess.run([sys.executable, "-c", BUG], capture_output=True, env={**ENV, "ASISTENTS_DEBUG": "1"})
    assert b"Traceback" in result.stderr and b"RuntimeError: boom" in result.stderr
