"""``asistents schema [calc|batch]``: the JSON Schema of what ``calc --json`` or ``batch --to json`` writes."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def schema(what: Annotated[str, typer.Argument(metavar="calc|batch")] = "calc") -> None:
    """The schema is generated from the same model that writes the output, so it cannot drift from it.

    Plain ``asistents schema`` prints the schema of ``calc --json`` (as the first release did).
    """
    if what not in ("calc", "batch"):
        from asistents.cli.errors import fail
        from asistents.i18n import detect_lang, text

        fail(text(detect_lang(), "u_schema", value=what))
    if what == "batch":
        from asistents.render.cells import BatchRow

        generated = BatchRow.model_json_schema(mode="serialization")
    else:
        from asistents.core.models import CalcResult

        generated = CalcResult.model_json_schema(mode="serialization")
    typer.echo(json.dumps(generated, indent=2, ensure_ascii=False))
