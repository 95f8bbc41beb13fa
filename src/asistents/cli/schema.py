"""``asistents schema``: the JSON Schema of ``calc --json`` output."""

from __future__ import annotations

import json

import typer


def schema() -> None:
    """Print the JSON Schema of the result that `calc --json` writes.

    It is generated from the same model that produces the output, so it cannot
    drift from it.
    """
    from asistents.core.models import CalcResult

    typer.echo(json.dumps(CalcResult.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False))
