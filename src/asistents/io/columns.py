"""Input columns: the documented English names and their Latvian aliases.

Headers are matched case-insensitively and without regard to diacritics, spaces,
dashes or trailing dots ("Vidēji", "VIDEJI" and "videji" are the same column).
``--column avg=Header`` maps any header to a field and wins over the aliases.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: field -> accepted header names (English first, then Latvian).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "nr", "numurs", "klienta_nr", "kods"),
    "name": ("name", "vards", "vards_uzvards", "klients", "persona"),
    "avg": ("avg", "average", "videji", "videjais", "videjas_stundas"),
    "m1": ("m1", "month1", "men1", "menesis1"),
    "m2": ("m2", "month2", "men2", "menesis2"),
    "m3": ("m3", "month3", "men3", "menesis3"),
    "used": ("used", "izmantotas", "izmantots", "izmantotas_stundas"),
    "weekly": ("weekly", "nedela", "nedelas_stundas", "pieskirtas"),
    "used_week_before": ("used_week_before", "izmantotas_pirms", "pirms"),
    "used_week_after": ("used_week_after", "izmantotas_pec", "pec"),
    "daily_max": ("daily_max", "dienas_max", "dienas_limits"),
    "step": ("step", "solis"),
    "start": ("start", "sakums"),
    "end": ("end", "beigas"),
    "exclude_weekends": ("exclude_weekends", "bez_brivdienam"),
    "resumed": ("resumed", "atsakts", "atsakta"),
    "no_history": ("no_history", "bez_vestures"),
    "rate": ("rate", "likme"),
}
FIELDS: tuple[str, ...] = tuple(ALIASES)


def normalise(header: str) -> str:
    """Lower case, no diacritics; spaces, dashes, dots and commas as one underscore."""
    decomposed = unicodedata.normalize("NFKD", header.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "_".join(plain.replace("-", " ").replace(".", " ").replace(",", " ").split())


_LOOKUP: dict[str, str] = {normalise(alias): name for name, aliases in ALIASES.items() for alias in aliases}


class ColumnMappingError(ValueError):
    """A ``--column`` option that cannot be used (a usage error)."""


def parse_column_options(options: Sequence[str]) -> dict[str, str]:
    """``["avg=Vidēji"]`` -> ``{"avg": "Vidēji"}``."""
    mapping: dict[str, str] = {}
    for option in options:
        name, sep, header = option.partition("=")
        name = name.strip()
        if not sep or not header.strip():
            raise ColumnMappingError(f"--column '{option}': write it as FIELD=Header, e.g. avg=Vidēji")
        if name not in ALIASES:
            raise ColumnMappingError(f"--column '{option}': unknown field '{name}'; fields: {', '.join(FIELDS)}")
        mapping[name] = header
    return mapping


@dataclass(frozen=True)
class HeaderMap:
    """Which cell index holds which field, and what could not be matched."""

    index: dict[str, int]
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)


def map_header(header: Sequence[str], explicit: Mapping[str, str] | None = None) -> HeaderMap:
    """Match the header cells to fields; ``explicit`` (``--column``) wins."""
    explicit = explicit or {}
    by_header = {normalise(h): name for name, h in explicit.items()}
    index: dict[str, int] = {}
    seen: dict[str, list[str]] = {}
    unknown: list[str] = []
    for i, cell in enumerate(header):
        key = normalise(cell)
        name = by_header.get(key) or (None if key in by_header else _LOOKUP.get(key))
        if name is None or (name in explicit and normalise(explicit[name]) != key):
            if cell.strip():
                unknown.append(cell)
            continue
        seen.setdefault(name, []).append(cell)
        index.setdefault(name, i)
    duplicates = {name: cells for name, cells in seen.items() if len(cells) > 1}
    return HeaderMap(index=index, duplicates=duplicates, unknown=unknown)
