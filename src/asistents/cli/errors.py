"""Usage errors as one line on stderr, never a traceback or a framed box.

Exit codes (README, "Exit codes"): 0 ok, 1 rows failed or data errors, 2 usage.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from asistents.cli.entry import exit_code_for, interrupted_line, received_signal, say

if TYPE_CHECKING:
    from asistents.i18n import Lang

USAGE = 2
DATA = 1
#: batch --fail-on-over: a claim or payment above the rules (data errors take precedence: 1).
OVER = 3
INTERRUPTED = 130


def fail(message: str, code: int = USAGE) -> NoReturn:
    """Print ``asistents: error: message`` on stderr and exit with ``code`` (whatever stderr is)."""
    from asistents.render.messages import printable

    say(f"error: {printable(message)}")
    raise typer.Exit(code)


def write_stdout(render: Callable[[TextIO], None], lang: Lang) -> None:
    """``render`` the command's result to stdout; a closed or failing stdout is one line, exit 1."""
    from asistents.i18n import text

    if sys.stdout is None:
        fail(text(lang, "f_stdout_failed", reason="closed"), 1)
    try:
        render(sys.stdout)
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        fail(text(lang, "f_stdout_failed", reason=getattr(error, "strerror", None) or error), 1)


def check_pdf_options(
    pdf: str | None, template: str | None, lang: Lang, inputs: Sequence[tuple[str, str | None]] = ()
) -> None:
    """``--template`` goes with ``--pdf``, and ``--pdf`` writes over no input (the template, ``--rates``)."""
    from asistents.i18n import text

    if template is not None and pdf is None:
        fail(text(lang, "u_template_needs_pdf"))
    refuse_inputs_as_outputs((("--pdf", pdf),), (("--template", template), *inputs), lang)


def refuse_inputs_as_outputs(
    outputs: Sequence[tuple[str, str | None]], inputs: Sequence[tuple[str, str | None]], lang: Lang
) -> None:
    """No output is an input (the template, the ``--rates`` table, the ``--columns`` map), by its path, through
    ``..`` or a link: an input is replaced by no run, ``--force`` or not (README "Bad input and exit codes")."""
    from pathlib import Path

    from asistents.i18n import text
    from asistents.io.atomic import same_file

    for flag, path in outputs:
        for input_flag, given in inputs:
            if path and path != "-" and given and same_file(Path(path), Path(given)):
                if input_flag == "--template":
                    fail(text(lang, "f_output_is_template", flag=flag, path=path))
                fail(text(lang, "f_output_is_an_input", flag=flag, path=path, input=input_flag))


def _before_figures(argv: list[str]) -> str | None:
    """``emergency --before 40 50 --used …``: Click reads ``--used`` as the third figure and the rest as extra
    arguments; the message names ``--before`` and its three figures instead (None: not that mistake)."""
    if "emergency" not in argv or "--before" not in argv:
        return None
    at = argv.index("--before")
    figures = list(itertools.takewhile(lambda arg: not arg.startswith("--"), argv[at + 1 : at + 4]))
    if len(figures) >= 3:
        return None
    from asistents.cli.localise import lang_from_args
    from asistents.i18n import text

    return text(lang_from_args(argv), "u_before_three", given=" ".join(figures) or "-")


class OneLineErrors(TyperGroup):
    """A Typer group whose usage errors are one line on stderr with exit code 2."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        from asistents.cli.localise import lang_from_args, localise, wants_help

        given = kwargs.get("args", args[0] if args else None)
        argv = sys.argv[1:] if given is None else list(given)
        localise(self, lang_from_args(argv), for_help=wants_help(argv))
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except typer.Abort:
            say("aborted")
            sys.exit(1)
        except KeyboardInterrupt as interrupt:
            # Ctrl+C, SIGTERM, SIGHUP: files being written were removed (see io.atomic); no traceback.
            say(interrupted_line(interrupt))
            sys.exit(exit_code_for(interrupt))
        except typer.TyperException as error:
            format_message = getattr(error, "format_message", None)
            message = _before_figures(argv) or (format_message() if format_message else str(error))
            message = " ".join(str(message).split())
            if message:  # no arguments: the help was printed, there is nothing more to say
                say(f"error: {message}")
            sys.exit(getattr(error, "exit_code", USAGE))
        if result == INTERRUPTED:  # Typer turns Ctrl+C (and SIGTERM, SIGHUP) into exit code 130
            signum = received_signal()
            say("terminated" if signum else "interrupted")
            sys.exit(128 + signum if signum else INTERRUPTED)
        sys.exit(result if isinstance(result, int) else 0)
