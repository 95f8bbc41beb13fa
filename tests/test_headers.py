"""How headers are read (README "How headers are read"): the grammar over a corpus of headers as offices
write them, mutations of its word tables, and the silent overpayments it ends, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from asistents.cli.app import app
from asistents.io import headers
from asistents.io.columns import map_header, read_column

DATA = Path(__file__).parent / "data"


def corpus() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "header_corpus.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            header, reading = line.split("\t")
            rows.append((header, reading))
    return rows


CORPUS = corpus()


def reading_of(header: str, grammar: headers.Grammar = headers.GRAMMAR) -> str:
    key, reading = read_column(header, grammar)
    return f"refused:{reading.problem}" if reading.problem else (key or "-")


def test_the_corpus_is_large_and_has_every_kind() -> None:
    readings = [reading for _, reading in CORPUS]
    assert len(CORPUS) >= 150
    assert len({header for header, _ in CORPUS}) == len(CORPUS)
    for kind in ("used@", "paid@", "paid_eur@", "resumed@", "month@", "refused:", "weekly", "avg", "-"):
        assert any(reading.startswith(kind) for reading in readings), kind


@pytest.mark.parametrize(("header", "expected"), CORPUS, ids=[h for h, _ in CORPUS])
def test_each_header_reads_as_the_corpus_says(header: str, expected: str) -> None:
    assert reading_of(header) == expected


def _mutants() -> list[tuple[str, headers.Grammar]]:
    """Grammars with one word dropped, or one unit word moved to the other kind of unit."""
    found: list[tuple[str, headers.Grammar]] = []
    for sense, words in headers.SENSES.items():
        for word in words:
            senses = {**headers.SENSES, sense: tuple(w for w in words if w != word)}
            found.append((f"sense {sense} without {word}", headers.Grammar(senses=senses)))
    for number, words in headers.MONTH_WORDS.items():
        for word in words:
            months = {**headers.MONTH_WORDS, number: tuple(w for w in words if w != word)}
            found.append((f"month {number} without {word}", headers.Grammar(months=months)))
    for unit, words in headers.UNITS.items():
        other = "eur" if unit == "h" else "h"
        for word in words:
            kept = tuple(w for w in words if w != word)
            dropped = {**headers.UNITS, unit: kept}
            moved = {unit: kept, other: (*headers.UNITS[other], word)}  # type: ignore[index]
            found.append((f"unit {unit} without {word}", headers.Grammar(units=dropped)))
            found.append((f"unit {word} moved to {other}", headers.Grammar(units=moved)))  # type: ignore[arg-type]
    for word in headers.FILLERS:
        fillers = tuple(w for w in headers.FILLERS if w != word)
        found.append((f"filler {word} dropped", headers.Grammar(fillers=fillers)))
    for i, words in enumerate(headers.FIELD_WORDS):
        fields = headers.FIELD_WORDS[:i] + headers.FIELD_WORDS[i + 1 :]
        found.append((f"field words of {words.field} #{i} dropped", headers.Grammar(fields=fields)))
    return found


MUTANTS = _mutants()


@pytest.mark.parametrize(("name", "grammar"), MUTANTS, ids=[name for name, _ in MUTANTS])
def test_every_mutation_of_the_word_tables_changes_a_corpus_reading(name: str, grammar: headers.Grammar) -> None:
    """A word dropped from the tables, or a unit moved to the wrong kind, reads some corpus header otherwise:
    every word is needed by some header of the corpus, so no mutation goes unseen."""
    assert any(reading_of(header, grammar) != expected for header, expected in CORPUS), name
