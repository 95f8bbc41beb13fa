"""A form's fields or a JSON body as the commands' figures, and back as the command line that gives the same.

The names are the commands' own long options with ``_`` (``avg``, ``daily_max``): the registry's field names
(:mod:`asistents.core.fields`), so the page, the API and the command line cannot name a figure differently. A
value is text as typed: a JSON number keeps its own digits (``35.50`` is read as ``--weekly 35.50`` would be).
An empty form field is a figure not given; on the command line an empty value is a typo, and the API keeps
that (``"avg": ""`` is the command line's error).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from asistents.core.fields import BY_NAME, FIELDS, InputField
from asistents.i18n import LANGS, Lang
from asistents.io.command_values import CHAIN_FIELDS, FieldValue, FieldValues, Uploaded
from asistents.io.readers import Repeated, json_pairs

#: ``calc``'s fields in the order its help lists them (``rounded`` is the workbook reader's, never typed).
CALC_FIELDS: tuple[InputField, ...] = tuple(f for f in FIELDS if f.calc)
#: ``emergency``'s fields besides its own (``emergency``, ``before``, ``used``, ``resumed``).
EMERGENCY_FIELDS: tuple[InputField, ...] = tuple(f for f in FIELDS if f.name in CHAIN_FIELDS)


class BodyError(Exception):
    """A JSON body that is no request: ``code`` is a web catalogue key (``w_api_body``, ``w_api_key``)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def form_values(form: Mapping[str, str], fields: Iterable[InputField]) -> FieldValues:
    """A page's fields (every value text; a ticked box ``on``) as the figures given; empty ones not given."""
    values: FieldValues = {}
    for field in fields:
        if field.kind == "months":
            parts = tuple(form.get(column.name, "").strip() for column in field.columns[:3])
            values[field.name] = parts if any(parts) else None
        elif field.kind == "flag":
            values[field.name] = form.get(field.name, "") in ("on", "1", "true")
        elif field.kind == "claims":
            values[field.name] = form.get(field.name, "").split() or None
        elif field.kind == "rates":
            continue  # a file: see page_rates
        else:
            text = form.get(field.name, "").strip()
            values[field.name] = text or None
    return values


def page_rates(form: Mapping[str, str], upload: Uploaded | None) -> FieldValue:
    """The rates table of a page: the file chosen, else the table the page carried (kept while its box is
    ticked), else a table typed into the one-month page's field."""
    if upload is not None and upload.data:
        return upload
    carried = form.get("rates_text", "")
    if not carried or ("rates_name" in form and form.get("keep_rates") != "on"):
        return None
    return Uploaded(form.get("rates_name") or "rates", carried.encode("utf-8"))


def json_text(value: object) -> str:
    """A JSON value as typed text: a number as its own digits (parsed with ``parse_float=Decimal``)."""
    if isinstance(value, (bool, list, dict)) or value is None:
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def body_object(body: bytes) -> dict[str, object]:
    """A request's JSON object, its numbers as typed (never a float); a key given twice anywhere is refused
    (JSON would keep the last value and drop the other silently)."""
    try:
        found = json.loads(body, parse_float=Decimal, object_pairs_hook=json_pairs)
    except ValueError:
        raise BodyError("w_api_body") from None
    if not isinstance(found, dict):
        raise BodyError("w_api_body")
    _no_repeats(found)
    return found


def _no_repeats(value: object) -> None:
    if isinstance(value, Repeated):
        raise BodyError("w_api_repeated", name=value.repeated, value=value.given)
    for inner in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        _no_repeats(inner)


def body_values(body: Mapping[str, object], fields: Sequence[InputField], own: Iterable[str] = ()) -> FieldValues:
    """A JSON body's figures (keys the fields' names, ``lang`` and the request's ``own`` keys aside); a field
    not in the body is not given, as an option left out of the command line."""
    by_name = {field.name: field for field in fields}
    values: FieldValues = dict.fromkeys(by_name)
    for key, value in body.items():
        if key == "lang" or key in own:
            continue
        field = by_name.get(key)
        if field is None:
            raise BodyError("w_api_key", name=key)
        values[key] = _body_value(field, value)
    return values


def _body_value(field: InputField, value: object) -> FieldValue:
    if value is None:
        return None
    if field.kind == "flag":
        if not isinstance(value, bool):  # "true", 1, "yes": not read as false by guess
            raise BodyError("w_api_flag", name=field.name, value=json.dumps(value, default=str, ensure_ascii=False))
        return value
    if field.kind in ("months", "claims"):
        items = value if isinstance(value, list) else [value]
        texts = [json_text(item) for item in items]
        if field.kind == "months" and len(texts) != 3:
            raise BodyError("w_api_months", value=json_text(value))
        return tuple(texts) if field.kind == "months" else texts
    if field.kind == "rates":  # the table's text, never a path (nothing from a request names a file)
        return Uploaded("rates", json_text(value).encode("utf-8"))
    return json_text(value)


def request_lang(given: object, accept: str | None) -> Lang:
    """The request's language: ``lang`` when it is one, else the browser's first choice of ours, else Latvian."""
    if given in LANGS:
        return given
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return "lv"


@dataclass(frozen=True)
class CommandLine:
    """The command line that gives what a page computed, for the child that writes its PDF."""

    args: list[str]
    inputs: dict[str, bytes]


def command_line(values: FieldValues) -> CommandLine:
    """The figures as options: ``--avg=130`` (a value never read as an option), ``--months A B C`` (figures
    already checked when the page computed them), a rates table as a file of the child's folder."""
    args: list[str] = []
    inputs: dict[str, bytes] = {}
    for name, value in values.items():
        flag = BY_NAME[name].flag
        if value is None or value is False:
            continue
        if value is True:
            args.append(flag)
        elif isinstance(value, Uploaded):
            inputs["rates.csv"] = value.data
            args.append(f"{flag}=rates.csv")
        elif isinstance(value, str):
            args.append(f"{flag}={value}")
        else:
            args += [flag, *value]
    return CommandLine(args, inputs)
