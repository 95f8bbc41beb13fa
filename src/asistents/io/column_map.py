"""A column map: which header feeds which field, kept in a file (``asistents columns --save``,
``batch --columns FILE``; README "How headers are read").

The map is JSON, one entry per header of the register, its field written as ``--column`` writes
it::

    {"asistents": "column map", "columns": {"Nr.p.k.": "id", "Izm. marts (h)": "used 2020-03",
                                            "Piezīmes": "note"}}

A map is matched by header text (as ``--column`` matches it). It is read whole, so it is bounded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from asistents.io.columns import ColumnMappingError, option_column, option_text
from asistents.io.readers import Repeated, json_pairs

#: The most bytes a column map may have (a register of 16,000 columns fits in far less).
MAP_LIMIT = 1024 * 1024
_KIND = "column map"


def read_column_map(data: bytes) -> dict[str, str]:
    """Header -> register column, from a map's bytes; raises :class:`ColumnMappingError` (``u_map_…``)."""
    try:  # a header given twice in a map is no map: json_pairs marks such an object (Repeated)
        found = json.loads(data.decode("utf-8-sig"), object_pairs_hook=json_pairs)
    except (UnicodeDecodeError, ValueError):
        raise ColumnMappingError("u_map_not_a_map") from None
    columns = found.get("columns") if isinstance(found, dict) and found.get("asistents") == _KIND else None
    if not isinstance(columns, dict) or isinstance(columns, Repeated) or isinstance(found, Repeated):
        raise ColumnMappingError("u_map_not_a_map")
    if not all(isinstance(v, str) for v in columns.values()):
        raise ColumnMappingError("u_map_not_a_map")
    return {header: option_column(f"{value}={header}", " ".join(value.split())) for header, value in columns.items()}


def column_map_json(columns: Mapping[str, str]) -> str:
    """A map's text: header -> register column (``used@2020-03`` written ``used 2020-03``)."""
    shown = {header: option_text(column) for header, column in columns.items()}
    return json.dumps({"asistents": _KIND, "columns": shown}, ensure_ascii=False, indent=2) + "\n"
