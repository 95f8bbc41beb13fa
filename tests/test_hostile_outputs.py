"""Files replaced, written outside, left behind; templates as code from elsewhere.

README "Bad input and exit codes"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from asistents.cli.app import app

REGISTER = Path(__file__).resolve().parent.parent / "examples" / "register.csv"
TEMPLATE = Path(__file__).resolve().parent.parent / "src" / "asistents" / "templates" / "timesheet.typ"
pytest.importorskip("typst")


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "forma.typ"
    path.write_bytes(TEMPLATE.read_bytes())
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("calc", "--avg", "130", "--used", "18", "--pdf", "{t}", "--template", "{t}"),
        ("batch", str(REGISTER), "-o", "{t}", "--to", "csv", "--template", "{t}", "--timesheets", "{d}", "--force"),
        ("batch", str(REGISTER), "--timesheets-pdf", "{t}", "--template", "{t}", "--force"),
    ],
)
def test_the_template_is_an_input_never_replaced(template: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    before = template.read_bytes()
    result = invoke(*(a.format(t=template, d=tmp_path / "lapas") for a in args))
    assert result.exit_code == 2 and "template" in result.stderr  # type: ignore[attr-defined]
    assert template.read_bytes() == before


def test_outputs_of_one_run_never_replace_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "ts"
    result = invoke("batch", str(REGISTER), "-o", str(folder / "2-Liga-Berzina.pdf"), "--to", "csv", "-q",
                    "--timesheets", str(folder), "--timesheets-pdf", str(folder / "3-Janis-Kalnins.pdf"))  # fmt: skip
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert (folder / "2-Liga-Berzina.pdf").read_bytes().startswith(b"\xef\xbb\xbfNr.p.k.;")  # the CSV
    assert len(PdfReader(folder / "3-Janis-Kalnins.pdf").pages) == 3  # the one PDF of all pages
    assert "another output of this run" in result.stderr  # type: ignore[attr-defined]


def test_no_page_is_written_through_a_link_out_of_the_folder(tmp_path: Path) -> None:
    folder, outside = tmp_path / "ts", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "1-Peteris-Ozols.pdf").symlink_to(outside / "x.pdf")  # dangling
    invoke("batch", str(REGISTER), "--to", "csv", "-q", "--timesheets", str(folder))
    assert not (outside / "x.pdf").exists()
    (outside / "x.pdf").write_bytes(b"mine")
    result = invoke("batch", str(REGISTER), "--to", "csv", "-q", "--timesheets", str(folder), "--force")
    assert (outside / "x.pdf").read_bytes() == b"mine"
    assert (folder / "1-Peteris-Ozols.pdf").is_symlink()
    assert "a link" in result.stderr  # type: ignore[attr-defined]


def test_strict_with_timesheets_writes_no_page_when_a_row_is_bad(tmp_path: Path) -> None:
    folder = tmp_path / "ts"
    result = invoke("batch", str(REGISTER), "--to", "csv", "-q", "--strict", "--timesheets", str(folder))
    assert result.exit_code == 1 and "nothing written" in result.stderr  # type: ignore[attr-defined]
    assert list(folder.iterdir()) == []


def _calc_with(template: Path, tmp_path: Path) -> object:
    return invoke("calc", "--avg", "130", "--used", "18", "--template", str(template), "--pdf", str(tmp_path / "o.pdf"))


def test_a_template_reads_nothing_outside_its_folder(tmp_path: Path) -> None:
    evil = tmp_path / "evil.typ"
    evil.write_text('#read("/etc/hostname")\n#read("../x")\n', encoding="utf-8")
    result = _calc_with(evil, tmp_path)
    assert result.exit_code == 2 and "does not compile" in result.stderr  # type: ignore[attr-defined]
    (tmp_path / "host.txt").symlink_to("/etc/hostname")
    evil.write_text('#read("host.txt")\n', encoding="utf-8")
    assert _calc_with(evil, tmp_path).exit_code == 2  # type: ignore[attr-defined]  # a link beside it: not its


def test_a_template_reads_the_files_beside_it(tmp_path: Path) -> None:
    (tmp_path / "logo.txt").write_text("Rīgas Sociālais dienests", encoding="utf-8")
    form = tmp_path / "form.typ"
    form.write_text('#read("logo.txt")\n', encoding="utf-8")
    result = _calc_with(form, tmp_path)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "Rīgas Sociālais dienests" in PdfReader(tmp_path / "o.pdf").pages[0].extract_text()


@pytest.mark.parametrize("content", [b"\xff\xfe#set page()", None])
def test_a_template_that_is_not_utf8_text_or_not_a_file_is_one_line(tmp_path: Path, content: bytes | None) -> None:
    if content is None:
        path = Path(os.devnull) if os.path.exists("/dev/zero") is False else Path("/dev/zero")
    else:
        path = tmp_path / "bad.typ"
        path.write_bytes(content)
    result = _calc_with(path, tmp_path)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and ("UTF-8" in stderr or "regular file" in stderr)


def test_a_name_going_onto_a_page_is_bounded(tmp_path: Path) -> None:
    result = invoke("calc", "--avg", "130", "--used", "18", "--name", "Ā" * 1_000_000, "--pdf", str(tmp_path / "o.pdf"))
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    text = PdfReader(tmp_path / "o.pdf").pages[0].extract_text()
    assert 150 < text.count("Ā") <= 200 and "…" in text
