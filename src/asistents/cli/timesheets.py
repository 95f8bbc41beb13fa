"""Writing timesheets (PDF) for ``calc --pdf`` and ``batch --timesheets`` / ``--timesheets-pdf``.

Each file is written atomically; in a folder, file names come from the row's id and
name, made safe for every file system and unique; an existing file is kept unless
``--force``. The layout is :mod:`asistents.render.timesheet`'s.
"""

from __future__ import annotations

import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

from asistents.about import program_version, source_date
from asistents.cli.errors import DATA, fail
from asistents.core.calendar import month_text
from asistents.core.models import CalcResult
from asistents.i18n import Lang, text
from asistents.io.atomic import atomic_binary_file, atomic_file_in, same_file
from asistents.register.row import RegisterRow
from asistents.render.timesheet import (
    PERSON_FIELDS,
    PERSONAL_CODE,
    PdfUnavailable,
    TemplateError,
    check_pdf_ready,
    document,
    person_page,
)

#: Names Windows keeps for devices, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(*parts: object, limit: int = 80) -> str:
    """``101``, ``Pēteris Ozols`` -> ``101-Peteris-Ozols``: ASCII letters, digits, ``.``, ``_`` and ``-``.

    Safe on every file system (no separators, no reserved names, no leading dot,
    not too long); ``timesheet`` when nothing usable is left.
    """
    joined = " ".join(str(p) for p in parts if p is not None and str(p).strip())
    folded = "".join(c for c in unicodedata.normalize("NFKD", joined) if not unicodedata.combining(c))
    name = _UNSAFE.sub("-", folded).strip("-._")[:limit].strip("-._")
    if not name or name.split(".")[0].lower() in _RESERVED:
        name = f"timesheet-{name}" if name else "timesheet"
    return name


def timestamp() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible PDFs), else now."""
    return source_date() or datetime.now(tz=timezone.utc).replace(microsecond=0)


def pdf_ready(flag: str, template: str | None, lang: Lang) -> None:
    """Typst is installed and the template is one, before anything is computed; a usage error otherwise."""
    try:
        check_pdf_ready(Path(template) if template else None)
    except PdfUnavailable:
        fail(text(lang, "f_pdf_unavailable", flag=flag))
    except TemplateError as error:
        fail(text(lang, "f_template", template=error.template, message=error.message))


def compile_in_child(
    part: Path, template: str | None, data: dict[str, Any], flag: str, where: object, lang: Lang
) -> None:
    """A document compiled to ``part`` in a child process bounded in memory and time (:mod:`.pdf_part`); a
    template at fault is a usage error, any other failure a data error naming ``flag`` and ``where``."""
    from asistents.cli.pdf_part import PartFailed, compile_part

    try:
        compile_part(part, template, timestamp(), data)
    except PartFailed as error:
        if error.template:
            fail(text(lang, "f_template", template=template or "timesheet.typ", message=error.message))
        fail(text(lang, "f_write_failed", flag=flag, path=where, reason=error.message), DATA)


def compile_apart(flag: str, template: str | None, pages: list[dict[str, Any]], lang: Lang) -> bytes:
    """``pages`` as one PDF compiled in a bounded child, in a private folder removed however the run ends."""
    with tempfile.TemporaryDirectory(prefix="asistents-") as folder:
        part = Path(folder) / "part.pdf"
        compile_in_child(part, template, document(pages, lang, program_version()), flag, "-", lang)
        return part.read_bytes()


@contextmanager
def writing(path: Path, flag: str, lang: Lang) -> Iterator[None]:
    """A failure to write ``path`` is one line naming the flag and the file (a missing folder: usage, exit 2)."""
    try:
        yield
    except FileNotFoundError:
        fail(text(lang, "f_output_no_folder", flag=flag, path=path))
    except OSError as error:
        fail(text(lang, "f_write_failed", flag=flag, path=path, reason=error.strerror or str(error)), DATA)


def write_file(path: Path, data: bytes, flag: str, lang: Lang) -> None:
    """Atomically (:func:`~asistents.io.atomic.atomic_binary_file`), a failure as one line."""
    with writing(path, flag, lang), atomic_binary_file(path) as stream:
        stream.write(data)


def calc_pdf(path: str, template: str | None, result: CalcResult, person: dict[str, Any], lang: Lang) -> None:
    """``calc --pdf FILE``: one page."""
    pdf_ready("--pdf", template, lang)
    data = compile_apart("--pdf", template, [person_page(result, person, lang)], lang)
    write_file(Path(path), data, "--pdf", lang)


def emergency_pdf(
    path: str, template: str | None, results: Sequence[CalcResult], person: Mapping[str, Any], lang: Lang
) -> None:
    """``emergency --pdf FILE``: one page a month, in order."""
    pdf_ready("--pdf", template, lang)
    data = compile_apart("--pdf", template, [person_page(result, dict(person), lang) for result in results], lang)
    write_file(Path(path), data, "--pdf", lang)


class Timesheets:
    """``batch``'s timesheets: a file per computed row in a folder, and/or one PDF of all pages.

    The one PDF is compiled in parts of :data:`PART_PAGES` pages and joined at the end, so memory
    stays bounded however many pages it has.
    """

    def __init__(
        self,
        folder: str | None,
        single: str | None,
        template: str | None,
        force: bool,
        lang: Lang,
        protected: tuple[Path, ...] = (),
        *,
        service: str | None = None,
        all_pages: bool = False,
        strict: bool = False,
    ) -> None:
        self.lang = lang
        self.template = template
        #: ``--service``: the social service's name, where a row has none.
        self.service = service
        #: ``--all-pages``: also a page for a row with nothing to sign (0 h payable, or resumed).
        self.all_pages = all_pages
        #: Rows with nothing to sign, left without a page.
        self.left_out = 0
        #: ``--strict``: the folder's pages are written only when every row was read (a bad row writes nothing).
        self._deferred: list[tuple[RegisterRow, dict[str, Any]]] | None = [] if strict else None
        #: The input and the -o output: never written over, --force or not.
        self.protected = tuple(p for p in protected if p.exists())
        #: This run's other outputs (-o, --timesheets-pdf, the template), existing or not: no page takes their place.
        self._outputs = {p.absolute() for p in protected} | ({Path(single).absolute()} if single else set())
        #: Pages not written because their name is another output, a link, a folder or a device.
        self.refused = 0
        self.folder = Path(folder) if folder else None
        self.single = Path(single) if single else None
        self.force = force
        self.written = 0
        self.skipped = 0
        self._names: set[str] = set()
        #: The one PDF's pages not compiled yet, the parts compiled so far, and the next part's first page.
        self._pages: list[dict[str, Any]] = []
        self._parts: tempfile.TemporaryDirectory[str] | None = None
        self._part_files: list[Path] = []
        self._part_count = 0
        self._first_page = 1
        #: The folder's pages named and waiting to be compiled: (file name, page).
        self._folder_pages: list[tuple[str, dict[str, Any]]] = []
        flag = "--timesheets" if folder else "--timesheets-pdf"
        #: Any PDF asked for (checked now: Typst is there, the template is one).
        self._wanted = bool(folder or single)
        if self._wanted:
            pdf_ready(flag, template, lang)
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                fail(text(lang, "f_timesheets_folder", path=folder, reason=error.strerror or str(error)))

    @property
    def wanted(self) -> bool:
        return self._wanted

    def add(self, row: RegisterRow) -> None:
        if not self._wanted or row.outcome is None:
            return
        result = row.outcome.result()
        if not self.all_pages and (result.status == "resumed" or not result.payable_hours):
            self.left_out += 1  # nothing to sign: no measure-7 hours (README "Timesheets")
            return
        person = {field: row.values.get(field) for field in PERSON_FIELDS}
        if self.service and not str(person.get("service") or "").strip():
            person["service"] = self.service
        page = person_page(result, person, self.lang)
        if self.single is not None:
            self._add_page(page)
        if self.folder is not None and self._deferred is not None:
            self._deferred.append((row, page))
        elif self.folder is not None:
            self._write_one(row, page)

    def _write_one(self, row: RegisterRow, page: dict[str, Any]) -> None:
        assert self.folder is not None
        # A personal code is personal data: never in a file name (the row's number and name only).
        number = row.values.get("id")
        if number is None or PERSONAL_CODE.fullmatch(str(number).strip()):
            number = row.line
        month = month_text(row.month) if row.month is not None else None  # a whole emergency: a page a month
        base = safe_name(number, row.values.get("name"), month) or f"line-{row.line}"
        name, n = f"{base}.pdf", 1
        while name.lower() in self._names:
            n += 1
            name = f"{base}-{n}.pdf"
        self._names.add(name.lower())
        target = self.folder / name
        try:
            found = target.lstat()  # the entry itself: a link is not followed
        except FileNotFoundError:
            found = None
        except OSError:
            self.refused += 1
            return
        clash = target.absolute() in self._outputs or any(same_file(target, p) for p in self.protected)
        if clash or (found is not None and not stat.S_ISREG(found.st_mode)):
            self.refused += 1  # another output of this run, or a link, folder or device: never written
            return
        if found is not None and not self.force:
            self.skipped += 1
            return
        self._folder_pages.append((name, page))
        if len(self._folder_pages) >= PART_PAGES:
            self._write_folder_pages()

    def _write_folder_pages(self) -> None:
        """The folder's pages waiting: compiled together in a bounded child (:func:`_compile_apart`), then each
        page written as a file of its own."""
        if not self._folder_pages:
            return
        from pypdf import PdfReader
        from pypdf import PdfWriter as PageWriter

        assert self.folder is not None
        part = self._compile_apart([page for _, page in self._folder_pages], "--timesheets", page_each=True)
        reader = PdfReader(part)
        for (name, _), one in zip(self._folder_pages, reader.pages, strict=True):
            writer = PageWriter()
            writer.add_page(one)
            if reader.metadata is not None:
                writer.add_metadata(dict(reader.metadata))
            with writing(self.folder / name, "--timesheets", self.lang), atomic_file_in(self.folder, name) as stream:
                writer.write(stream)
            self.written += 1
        part.unlink()
        self._folder_pages = []

    def _add_page(self, page: dict[str, Any]) -> None:
        """A page of the one PDF: compiled with the pages before it in parts of :data:`PART_PAGES`, each
        kept in a private temporary folder until :meth:`finish` joins them."""
        self._pages.append(page)
        if len(self._pages) >= PART_PAGES:
            self._compile_part()

    def _compile_part(self) -> None:
        """The pages not compiled yet, as a part of the one PDF."""
        self._part_files.append(self._compile_apart(self._pages, "--timesheets-pdf", first_page=self._first_page))
        self._first_page += len(self._pages)
        self._pages = []

    def _compile_apart(
        self, pages: list[dict[str, Any]], flag: str, *, first_page: int = 1, page_each: bool = False
    ) -> Path:
        """``pages`` compiled in a child process bounded in memory and time (:mod:`asistents.cli.pdf_part`),
        into the run's private folder, removed however the run ends."""
        if self._parts is None:
            self._parts = tempfile.TemporaryDirectory(prefix="asistents-")  # removed however the run ends
        self._part_count += 1
        part = Path(self._parts.name) / f"{self._part_count:06d}.pdf"
        data = document(pages, self.lang, program_version(), first_page=first_page, page_each=page_each)
        where = self.single if flag == "--timesheets-pdf" else self.folder
        compile_in_child(part, self.template, data, flag, where, self.lang)
        return part

    def finish(self) -> None:
        try:
            for row, page in self._deferred or ():
                self._write_one(row, page)
            self._deferred = [] if self._deferred is not None else None
            self._write_folder_pages()
            if self.single is None:
                return
            if self._pages or not self._part_files:
                self._compile_part()  # in a child, bounded, as every part
            if len(self._part_files) == 1:  # one part: written as compiled
                write_file(self.single, self._part_files[0].read_bytes(), "--timesheets-pdf", self.lang)
                return
            with writing(self.single, "--timesheets-pdf", self.lang), atomic_binary_file(self.single) as stream:
                join_pdfs(self._part_files, stream)
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the parts compiled so far, with the template's private folders in them (the run failed, or
        is done)."""
        if self._parts is not None:
            self._parts.cleanup()
            self._parts = None
            self._part_files = []


#: Pages compiled at once into the one PDF: Typst holds a document's whole layout while it compiles
#: (0.7 MB a page), so a register's thousands of pages are compiled in parts and joined (README "Timesheets").
PART_PAGES = 200


def join_pdfs(parts: Sequence[Path], stream: BinaryIO) -> None:
    """The parts' pages, in order, as one PDF (pypdf: its pages are copied, not re-rendered)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for number, part in enumerate(parts):
        reader = PdfReader(part)
        if number == 0 and reader.metadata is not None:
            writer.add_metadata(dict(reader.metadata))
        writer.append(reader)
    writer.write(stream)


def report_timesheets(sheets: Timesheets, folder: str | None, single: str | None, lang: Lang) -> None:
    """On stderr, even with --quiet: how many timesheets were written, and where."""
    from asistents.cli.entry import say

    if folder is not None:
        say(text(lang, "s_timesheets", count=sheets.written, path=folder))
    if sheets.skipped:
        say(text(lang, "s_timesheets_skipped", count=sheets.skipped))
    if sheets.refused:
        say(text(lang, "s_timesheets_refused", count=sheets.refused))
    if sheets.left_out:
        say(text(lang, "s_timesheets_left_out", count=sheets.left_out))
    if single is not None:
        say(text(lang, "s_timesheet_file", path=single))
