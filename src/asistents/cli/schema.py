"""``asistents schema [calc|batch]``: the JSON Schema of what ``calc --json`` or ``batch --to json`` writes."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer


class SchemaOf(str, Enum):
    calc = "calc"
    batch = "batch"


def schema(what: Annotated[SchemaOf, typer.Argument()] = SchemaOf.calc) -> None:
    """The schema is generated from the same model that writes the output, so it cannot drift from it.

    Plain ``asistents schema`` prints the schema of ``calc --json`` (as the first release did).
    """
    if what == SchemaOf.batch:
        from asistents.render.cells import BatchRow

        generated = BatchRow.model_json_schema(mode="serialization")
    else:
        from asistents.core.models import CalcResult

        generated = CalcResult.model_json_schema(mode="serialization")
    typer.echo(json.dumps(generated, indent=2, ensure_ascii=False))
