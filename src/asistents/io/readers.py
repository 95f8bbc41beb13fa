"""Reading a register of recipients: CSV, a JSON array or NDJSON, from any stream.

Readers take a binary stream (a file or stdin alike) and return the records lazily
plus what they detected (as sqlite-utils' ``rows_from_file``), so tests need no
temporary files. Every data row of the input becomes exactly one
:class:`Record`: a row that cannot be used carries its error instead of values,
so no row is lost and the order is kept.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, BinaryIO

from asistents.core.errors import InputError
from asistents.io.columns import HEADER_SEARCH_ROWS, map_header
from asistents.io.dialect import sniff
from asistents.io.encoding import EncodingProblem, detect_encoding, first_undecodable
from asistents.io.errors import InputFileError
from asistents.io.formats import WORKBOOK_FORMATS, Format, check_is_text, format_from_name, guess_format, workbook_kind
from asistents.io.source import Detected, HeaderMap, Record, blank_record

_SAMPLE = 64 * 1024

# A single cell may be as large as the stream (a 10 MB field must not crash us).
#: The longest cell, and the longest line, a CSV register may have (README "Bad input and exit codes"): a name
#: or a note is far shorter; longer is one error row, read in bounded memory (a 1 GB cell is never held).
CELL_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(CELL_LIMIT)


class _Prefixed(io.RawIOBase):
    """A stream that first gives back the bytes already read from it."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _text_encoding(stream: BinaryIO, sample: bytes, encoding: str | None) -> tuple[str, bool]:
    """The text's encoding (the one given, or detected) and whether it starts with a BOM; a byte it
    cannot decode is reported before any row is read, not after."""
    if encoding is None:
        check_is_text(sample)
    has_bom = False
    try:
        if encoding is None:
            encoding, has_bom = detect_encoding(stream, sample)
            checked = encoding == "utf-8-sig" and not has_bom  # read to the end as UTF-8 already
        else:
            checked = False
        bad = None if checked else first_undecodable(stream, sample, encoding)
    except EncodingProblem as problem:
        raise InputFileError(
            problem.code, encoding=problem.encoding, line=problem.line, reason=problem.reason
        ) from None
    except LookupError:
        raise InputFileError("f_unknown_encoding", encoding=encoding) from None
    if bad is not None:
        raise InputFileError("f_not_encoding_line", encoding=encoding, line=bad[0], reason=bad[1])
    return encoding, has_bom


def open_records(
    stream: BinaryIO,
    fmt: Format | None = None,
    *,
    name: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> tuple[Iterator[Record], Detected]:
    """Open ``stream`` and return its records (lazily) and what was detected.

    A workbook (by ``fmt``, by the file name, or by its bytes when no format was
    given) is read with :mod:`asistents.io.workbook`; ``stream`` must then be seekable.
    """
    start = stream.tell() if stream.seekable() else 0
    sample = stream.read(_SAMPLE)
    named = format_from_name(name)
    kind = workbook_kind(sample)
    wanted = fmt or named
    if wanted in WORKBOOK_FORMATS or (kind is not None and fmt is None):
        from asistents.io.workbook import open_workbook_records

        stream.seek(start)
        chosen: Format = wanted if wanted in WORKBOOK_FORMATS else kind  # type: ignore[assignment]
        records, detected = open_workbook_records(stream, chosen, sheet=sheet, columns=columns)
        return records, detected
    encoding, has_bom = _text_encoding(stream, sample, encoding)
    buffered = io.BufferedReader(_Prefixed(sample, stream), buffer_size=_SAMPLE)
    text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
    try:
        sample_text = sample.decode(encoding, errors="replace")
    except LookupError:
        raise InputFileError("f_unknown_encoding", encoding=encoding) from None
    if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-16"):
        sample_text = sample_text.lstrip("\ufeff")
    fmt = fmt or format_from_name(name) or guess_format(sample_text)
    detected = Detected(format=fmt, encoding=encoding, bom=has_bom)
    if fmt == "csv":
        dialect = sniff(sample_text, delimiter, decimal, lambda row: len(map_header(row, columns).index))
        detected.delimiter, detected.decimal = dialect.delimiter, dialect.decimal
        return _csv_records(text, detected, columns), detected
    detected.decimal = decimal or "."
    if fmt == "json":
        return _json_records(text, detected, columns), detected
    return _ndjson_records(text, detected, columns), detected


def _decode_error(error: UnicodeError, detected: Detected) -> InputFileError:
    reason = getattr(error, "reason", str(error))
    return InputFileError("f_not_encoding", encoding=detected.encoding, reason=reason)


def _decode_guard(records: Iterator[Record], detected: Detected) -> Iterator[Record]:
    try:
        yield from records
    except UnicodeError as error:  # also "UTF-16 stream does not start with BOM"
        raise _decode_error(error, detected) from None


def _csv_records(text: io.TextIOWrapper, detected: Detected, columns: Mapping[str, str] | None) -> Iterator[Record]:
    """Read the header now (so ``detected`` is complete), the data rows lazily."""
    assert detected.delimiter is not None
    reader = csv.reader(_bounded_lines(text, detected.delimiter), delimiter=detected.delimiter, strict=False)
    rows = _tolerant(reader)
    header, leftover = _find_header(reader, rows, detected, columns)
    if header is None:
        return iter(())
    header_map = detected.header = map_header(header, columns)
    names = detected.columns = tuple(header)
    headers = {column: header[i] for column, i in header_map.index.items()}

    width, places = len(header), tuple(header_map.index.items())
    usual = not header_map.duplicates

    def records() -> Iterator[Record]:
        # One generator over the csv reader (this is the loop a register's rows go through).
        blanks: list[Record] = []  # blank rows come back only when a person follows them
        for line, row in leftover:  # lines read while looking for a header that was not found
            if not "".join(row).strip():
                blanks.append(blank_record(line, names, [""] * width, headers))
                continue
            yield from blanks
            blanks.clear()
            yield _csv_record(line, names, row, header_map, headers)
        last_line = reader.line_num
        while True:
            try:
                for row in reader:
                    first_line, last_line = last_line + 1, reader.line_num
                    if not "".join(row).strip():  # blank: every cell empty or spaces
                        blanks.append(blank_record(first_line, names, [""] * width, headers))
                        continue
                    if blanks:
                        yield from blanks
                        blanks.clear()
                    if usual and len(row) == width:  # the usual row
                        yield Record(first_line, {name: row[i] for name, i in places}, None, names, row, headers)
                    else:
                        yield _csv_record(first_line, names, row, header_map, headers)
                return
            except csv.Error as error:  # a row the csv module cannot read: an error row, then on
                first_line, last_line = last_line + 1, reader.line_num
                yield _csv_record(first_line, names, [_CSV_ERROR, str(error)], header_map, headers)
            except UnicodeError as error:  # also "UTF-16 stream does not start with BOM"
                raise _decode_error(error, detected) from None

    return records()


def _find_header(
    reader: Any, rows: Iterator[list[str]], detected: Detected, columns: Mapping[str, str] | None
) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    """The header, and the lines read past it that are rows after all (when no header was found).

    Excel saves a sheet with a title as a CSV whose first lines are the title, a date and an empty
    line: the header is the first line within the first 20 that names two known columns, when the
    lines above it name none (title lines); otherwise the first non-empty line.
    """
    looked_at: list[tuple[int, list[str]]] = []
    non_blank: list[int] = []  # positions in looked_at of lines with text (as read: a lone BOM is text)
    try:
        for row in rows:
            cells = [cell.lstrip("\ufeff") for cell in row]
            looked_at.append((reader.line_num, row))  # as read: the rows after the header keep their cells
            if any(cell.strip() for cell in row):
                non_blank.append(len(looked_at) - 1)
                named = len(map_header(cells, columns).index)
                if named >= 2:
                    detected.header_row = reader.line_num
                    return cells, []
                if named:  # a line naming a known column is no title: the first line is the header
                    break
            if reader.line_num >= HEADER_SEARCH_ROWS:
                break
    except UnicodeError as error:
        raise _decode_error(error, detected) from None
    if not non_blank:
        return None, []
    at = non_blank[0]
    (detected.header_row, header), leftover = looked_at[at], looked_at[at + 1 :]
    return [cell.lstrip("\ufeff") for cell in header], leftover


def _tolerant(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The reader's rows; a row the csv module cannot read becomes an error marker."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield [_CSV_ERROR, str(error)]


_CSV_ERROR = "\x00asistents-csv-error"
#: The most characters a JSON array register may have: it is parsed whole (NDJSON is read a line at a time).
JSON_LIMIT = 512 * 1024**2


def _bounded_lines(text: io.TextIOWrapper, delimiter: str) -> Iterator[str]:
    """The text's lines, none longer than :data:`CELL_LIMIT`: the rest of a longer line is read in chunks and
    dropped, and the line comes to the csv reader as an error marker (one error row, memory bounded)."""
    while line := text.readline(CELL_LIMIT + 1):
        if len(line) <= CELL_LIMIT or line.endswith(("\n", "\r")):
            yield line
            continue
        while (rest := text.readline(CELL_LIMIT)) and not rest.endswith(("\n", "\r")):
            pass
        yield f"{_CSV_ERROR}{delimiter}line longer than {CELL_LIMIT // 1024**2} MiB\n"


def _csv_record(
    line: int, header: tuple[str, ...], row: list[str], header_map: HeaderMap, headers: Mapping[str, str]
) -> Record:
    if len(row) == 2 and row[0] == _CSV_ERROR:
        return Record(line, {}, InputError("row", row[1], "bad_csv"), header, (), headers)
    values = {name: row[i] for name, i in header_map.index.items() if i < len(row)}
    extra = row[len(header) :]
    if len(row) < len(header) or any(cell.strip() for cell in extra):
        error = InputError("row", len(row), "ragged_row", found=len(row), expected=len(header))
        return Record(line, values, error, header, row, headers)
    if header_map.duplicates:
        name, cells = next(iter(header_map.duplicates.items()))
        return Record(line, values, InputError(name, " / ".join(cells), "duplicate_column"), header, row, headers)
    return Record(line, values, None, header, row, headers)


def _scalar(value: object) -> bool:
    return not isinstance(value, (list, dict))


def _as_text(value: object) -> str:
    """A nested value as compact JSON text, for the output (it is never computed)."""
    try:
        return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":"))
    except (RecursionError, ValueError):
        return "[...]"


#: A lone UTF-16 surrogate: JSON's ``"\ud800"`` escape reads as one, and no output can encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(value: object) -> object:
    """``value`` with its lone surrogates written as escapes (``\\ud800``): text every output can hold."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(value) else value
    if isinstance(value, (list, dict)):
        shown = _as_text(value)
        return _escaped(shown) if _SURROGATE.search(shown) else value
    return value


def _surrogate_record(line: int, obj: dict[object, object]) -> Record | None:
    """A record with a lone surrogate in a key or a cell: an error row, its text shown escaped."""
    found = next((k for k, v in obj.items() if _SURROGATE.search(str(k)) or _escaped(v) is not v), None)
    if found is None:
        return None
    keys = [str(_escaped(str(k))) for k in obj]
    cells = tuple(_escaped(v) for v in obj.values())
    position = list(obj).index(found)
    return Record(line, {}, InputError(keys[position], cells[position], "lone_surrogate"), keys, cells)


def _object_record(line: int, obj: object, columns: Mapping[str, str] | None) -> Record:
    if not isinstance(obj, dict):
        return Record(line, {}, InputError("record", type(obj).__name__, "not_an_object"))
    damaged = _surrogate_record(line, obj)
    if damaged is not None:
        return damaged
    keys = [str(k) for k in obj]
    cells = tuple(obj.values())
    if isinstance(obj, Repeated):  # README "Bad input": a key given twice is never read by one of its values
        return Record(line, {}, InputError(obj.repeated, obj.given, "key_twice"), keys, cells)
    header_map = map_header(keys, columns)
    # A list or object where the calculation reads a figure is not one (only "months" may be a list of
    # three): an error row, its cells written back as JSON text. Elsewhere (the tool's own output read
    # back: its days, warnings, months averaged) such a cell is only passed through.
    read = sorted({*header_map.index.values(), *(i for i, k in enumerate(keys) if k == "months")})
    nested = next((i for i in read if not _plain_cell(keys[i], cells[i])), None)
    if nested is not None:
        text_cells = tuple(c if _scalar(c) else _as_text(c) for c in cells)
        error = InputError(keys[nested], text_cells[nested], "nested_value")
        return Record(line, {}, error, keys, text_cells)
    values: dict[str, object] = {name: cells[i] for name, i in header_map.index.items()}
    headers = {name: keys[i] for name, i in header_map.index.items()}
    months = obj.get("months")
    if isinstance(months, list) and not any(k in values for k in ("m1", "m2", "m3")):
        if len(months) != 3:
            error = InputError("months", json.dumps(months, default=str), "months_count")
            return Record(line, values, error, keys, cells, headers)
        values.update({"m1": months[0], "m2": months[1], "m3": months[2]})
    if header_map.duplicates:
        name, names = next(iter(header_map.duplicates.items()))
        return Record(line, values, InputError(name, " / ".join(names), "duplicate_column"), keys, cells, headers)
    return Record(line, values, None, keys, cells, headers)


def _plain_cell(key: str, value: object) -> bool:
    if key == "months" and isinstance(value, list):
        return all(_scalar(item) for item in value)
    return _scalar(value)


def _json_records(text: io.TextIOWrapper, detected: Detected, columns: Mapping[str, str] | None) -> Iterator[Record]:
    """A JSON array is parsed whole (now), so its columns are known before the first row."""
    try:
        whole = text.read(JSON_LIMIT + 1)  # a JSON array is parsed whole: bounded (NDJSON streams)
        if len(whole) > JSON_LIMIT:
            raise InputFileError("f_json_too_large", limit=JSON_LIMIT // 1024**2)
        data = json.loads(whole, parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=json_pairs)
    except UnicodeError as error:
        raise _decode_error(error, detected) from None
    except (json.JSONDecodeError, ValueError) as error:
        raise InputFileError("f_not_json", reason=str(error)) from None
    except RecursionError:
        raise InputFileError("f_not_json", reason="nested too deeply") from None
    if not isinstance(data, list):
        raise InputFileError("f_json_not_array")
    detected.columns = tuple(dict.fromkeys(str(_escaped(str(k))) for obj in data if isinstance(obj, dict) for k in obj))
    return (_object_record(position, obj, columns) for position, obj in enumerate(data, start=1))


def ndjson_columns(stream: BinaryIO, encoding: str) -> tuple[str, ...]:
    """The keys of every object in an NDJSON stream, as first seen (a first pass, for CSV output)."""
    keys: dict[str, None] = {}
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        for line in text:
            try:
                obj = json.loads(line, parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=json_pairs)
            except (ValueError, RecursionError):
                continue
            if isinstance(obj, dict):
                keys.update(dict.fromkeys(str(_escaped(str(k))) for k in obj))
    finally:
        text.detach()
    return tuple(keys)


def _ndjson_records(text: io.TextIOWrapper, detected: Detected, columns: Mapping[str, str] | None) -> Iterator[Record]:
    def rows() -> Iterator[Record]:
        for line_number, line in enumerate(text, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line, parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=json_pairs)
            except (json.JSONDecodeError, ValueError, RecursionError) as error:
                reason = "nested too deeply" if isinstance(error, RecursionError) else getattr(error, "msg", str(error))
                yield Record(line_number, {}, InputError("record", line.strip()[:40], "bad_json", reason=reason))
                continue
            yield _object_record(line_number, obj, columns)

    return _decode_guard(rows(), detected)


class Repeated(dict[str, object]):
    """A JSON object that gave a key twice: ``repeated`` is the first such key (JSON keeps only the last value,
    which would drop the other silently)."""

    repeated: str = ""
    #: Every value given for it, in order (``80 / 90``).
    given: str = ""


def json_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object's keys and values; one that gives a key twice is marked (:class:`Repeated`)."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    marked = Repeated(found)
    marked.repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    marked.given = " / ".join(str(value) for key, value in pairs if key == marked.repeated)
    return marked


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")
