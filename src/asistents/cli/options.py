"""Options shared by the commands, derived from the field registry.

:func:`field_options` adds one Typer option per input field (its flag, type and
default from :mod:`asistents.core.fields`) to a command, so ``calc`` and
``batch`` never spell the inputs out; :func:`output_options` is the one ``--to`` /
``--json`` / ``-o`` choice of every command, from the output format registry
(:mod:`asistents.render.registry`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Optional

import typer

from asistents.cli.errors import fail
from asistents.core.errors import InputError
from asistents.core.fields import FIELDS, InputField
from asistents.i18n import LANGS, Lang, detect_lang, text
from asistents.render.registry import BATCH_FORMATS, CALC_DEFAULT, CALC_FORMATS, FormatSpec


def path(value: str) -> str:
    """A file argument as given (``-``: standard input); checked where it is opened.

    Typer shows an argument's type in help by its parser's name: ``FILE <path>``.
    """
    return value


def command(value: str) -> str:
    """A command's name as given; checked by the command itself, in the user's language (``<command>`` in help)."""
    return value


_METAVARS = {
    "hours": "HOURS",
    "euro": "EUR|official",
    "date": "DATE",
    "text": "TEXT",
    "claims": "H H …",
    "rates": "FILE",
}


#: ``--lang``: checked by :func:`choose_lang`, so that a wrong value is refused in the user's language.
LangChoice = Optional[str]  # noqa: UP045  (Typer needs Optional for options with no default)

# The options calc and emergency share, declared once (Typer needs Optional for options with no default).
LangOption = Annotated[LangChoice, typer.Option("--lang", metavar="lv|en", show_default=False)]
JsonFlag = Annotated[bool, typer.Option("--json", metavar="")]
PdfOption = Annotated[Optional[str], typer.Option("--pdf", metavar="FILE", show_default=False)]  # noqa: UP045
TemplateOption = Annotated[Optional[str], typer.Option("--template", metavar="FILE", show_default=False)]  # noqa: UP045


def choose_lang(choice: str | None) -> Lang:
    """``--lang`` when given, else the environment's language; another value is a usage error."""
    if choice is None:
        return detect_lang()
    if choice not in LANGS:
        language = detect_lang()
        fail(text(language, "u_lang", value=choice, langs=", ".join(LANGS)))
    return choice


@dataclass(frozen=True)
class OutputOptions:
    """The output options ``calc`` and ``batch`` share, checked: ``--lang``, ``--to`` / ``--json``, ``-o``."""

    lang: Lang
    #: None: ``batch`` takes it from ``-o``'s suffix, else from the input's format.
    format: FormatSpec | None
    #: ``-o FILE``; None or ``-``: stdout.
    path: str | None = None

    @property
    def to_stdout(self) -> bool:
        return self.path in (None, "-")


def output_options(
    to: str | None,
    json_flag: bool,
    lang: Lang,
    formats: Sequence[FormatSpec],
    default: FormatSpec | None = None,
    path: str | None = None,
) -> OutputOptions:
    """The one output record of every command: the language (``--lang``, chosen first by
    :func:`choose_lang`), ``--to`` / ``--json`` among the command's ``formats`` (:func:`choose_output`)
    and ``-o``'s path."""
    return OutputOptions(lang, choose_output(to, json_flag, formats, default, lang), path)


def choose_output(
    to: str | None, json_flag: bool, allowed: Sequence[FormatSpec], default: FormatSpec | None, lang: Lang
) -> FormatSpec | None:
    """``--json`` is ``--to json``; two different outputs, or one the command lacks, is a usage error
    naming the formats this command writes."""
    if json_flag and to not in (None, "json"):
        fail(text(lang, "u_json_and_to", to=to))
    chosen = "json" if json_flag else to
    by_name = {spec.name: spec for spec in allowed}
    if chosen is not None and chosen not in by_name:
        fail(text(lang, "u_to", value=chosen, formats=", ".join(by_name)))
    return by_name[chosen] if chosen is not None else default


#: Each command's ``--to`` formats, and its default (``batch``'s is the input's own format).
COMMAND_FORMATS: dict[str, tuple[FormatSpec, ...]] = {
    "calc": CALC_FORMATS,
    "batch": BATCH_FORMATS,
    "emergency": CALC_FORMATS,
}
COMMAND_DEFAULTS: dict[str, FormatSpec] = {"calc": CALC_DEFAULT, "emergency": CALC_DEFAULT}


def formats_metavar(command: str) -> str:
    """``--to``'s metavar: ``csv|json|ndjson|xlsx``."""
    return "|".join(spec.name for spec in COMMAND_FORMATS[command])


#: ``--to`` of calc and of emergency, their metavar the command's formats.
CalcTo = Annotated[Optional[str], typer.Option("--to", metavar=formats_metavar("calc"), show_default=False)]  # noqa: UP045
EmergencyTo = Annotated[Optional[str], typer.Option("--to", metavar=formats_metavar("emergency"), show_default=False)]  # noqa: UP045


def help_values(command: str) -> dict[str, str]:
    """What a command's help texts name besides the rules: ``{formats}`` (every ``--to`` format),
    ``{default}`` and ``{others}`` (the default format and the rest)."""
    names = [spec.name for spec in COMMAND_FORMATS.get(command, ())]
    default = COMMAND_DEFAULTS[command].name if command in COMMAND_DEFAULTS else ""
    others = [name for name in names if name != default]
    return {"formats": ", ".join(names), "default": default, "others": ", ".join(others)}


def _option(field: InputField) -> inspect.Parameter:
    """The Typer option of one field: flag, type and default from the registry."""
    annotation: Any
    # No default value: a figure not given takes the rule parameter on its own period's first day
    # (core.models.CalcInput.daily_limit); help shows the parameter's value.
    default: Any = None
    if field.kind == "flag":
        annotation = Annotated[bool, typer.Option(field.flag, metavar="")]
        default = False
    elif field.kind == "months":
        option = typer.Option(field.flag, metavar="A B C", show_default=False)
        annotation = Annotated[Optional[tuple[str, str, str]], option]  # noqa: UP045
    else:
        shown = field.default_text
        option = typer.Option(field.flag, metavar=_METAVARS.get(field.kind), show_default=shown or False)
        annotation = Annotated[Optional[str], option]  # noqa: UP045
    return inspect.Parameter(field.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def field_options(
    which: Callable[[InputField], bool], before: str | None = None
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command one option per field that ``which`` selects.

    The command receives them as one :data:`FieldValues` argument ``fields``; its
    own parameters keep their order, with the field options inserted before the
    parameter named ``before`` (at the end when None).
    """
    chosen = [f for f in FIELDS if which(f)]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "fields"]
        names = [p.name for p in own]
        at = names.index(before) if before is not None else len(own)
        params = [*own[:at], *(_option(f) for f in chosen), *own[at:]]

        def run(**kwargs: Any) -> None:
            command(fields={f.name: kwargs.pop(f.name) for f in chosen}, **kwargs)

        run.__name__ = command.__name__
        run.__doc__ = command.__doc__
        run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params]
        )
        run.__annotations__ = {p.name: p.annotation for p in params}
        return run

    return decorate


__all__ = [
    "InputError",
    "LangChoice",
    "OutputOptions",
    "choose_lang",
    "choose_output",
    "field_options",
    "output_options",
]


def emergency_number(value: str | None, lang: Lang) -> int | None:
    """``--emergency 1|2`` (None when not given); anything else is a usage error naming the flag."""
    if value is None:
        return None
    if value.strip() not in ("1", "2"):
        from asistents.render.messages import error_line

        fail(error_line(InputError("--emergency", value, "not_an_emergency"), lang))
    return int(value)
