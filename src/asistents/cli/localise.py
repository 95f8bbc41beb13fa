"""``--help`` in the user's language.

Typer takes help texts from the code, in one language. So that every text lives in
the message catalogues (:mod:`asistents.i18n`), the commands are declared without
help and this module fills it in, from ``help.<command>.<parameter>`` keys, just
before the command line is parsed. The language is ``--lang`` when it is on the
command line, otherwise the environment's (:func:`asistents.i18n.detect_lang`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from asistents.cli.options import help_values
from asistents.i18n import LANGS, Lang, catalogue, detect_lang, text


def lang_from_args(args: Sequence[str], environ: Mapping[str, str] | None = None) -> Lang:
    """``--lang xx`` or ``--lang=xx`` anywhere on the command line, else the environment."""
    for i, arg in enumerate(args):
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            return value
    return detect_lang(environ)


def help_key(command: str, param: str | None = None) -> str:
    if param == "lang":
        return "help.lang"
    return f"help.{command}" if param is None else f"help.{command}.{param}"


def wants_help(args: Sequence[str]) -> bool:
    return not args or "--help" in args


def localise(group: Any, lang: Lang, *, for_help: bool) -> None:
    """Set the help of ``group``, its commands and all their parameters to ``lang``.

    The help panels' titles live in Typer's Rich module, which is only imported
    when help is shown: ``calc --json`` must not pay for Rich.
    """
    texts = catalogue(lang)
    escape: Callable[[str], str] = _plain
    if for_help:  # help is Rich markup: "[default: …]", "asistents[pdf]" must show as written
        from rich import markup

        escape = markup.escape
    _localise_command(group, "app", lang, texts, escape)
    for name, command in group.commands.items():
        _localise_command(command, name, lang, texts, escape)
    if not for_help:
        return
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = texts["help.panel.arguments"]
    rich_utils.OPTIONS_PANEL_TITLE = texts["help.panel.options"]
    rich_utils.COMMANDS_PANEL_TITLE = texts["help.panel.commands"]
    rich_utils.DEFAULT_STRING = texts["help.default"].replace("%s", "{}")
    rich_utils.REQUIRED_LONG_STRING = texts["help.required"]


def _localise_command(
    command: Any, name: str, lang: Lang, texts: Mapping[str, str], escape: Callable[[str], str]
) -> None:
    values = help_values(name)  # --to's formats, from the output format registry
    command.help = escape(text(lang, help_key(name), **values))
    command.short_help = None
    for param in command.params:
        param.help = escape(text(lang, help_key(name, param.name), **values))
        if param.param_type_name == "argument":
            # Typer shows an argument's Python type ("<str>") beside its metavar; the metavar says it all.
            param.display_type_rich = _no_type
    help_option = command.get_help_option(command.context_class(command))
    if help_option is not None:
        help_option.help = texts["help.option"]
        help_option.metavar = ""  # a flag takes no value: no "<bool>"


def _plain(help_text: str) -> str:
    return help_text


def _no_type(ctx: Any) -> None:
    return None
