"""How fast can a one-month register be when every step is a column? A measurement, not the tool.

The tool computes a block of rows over arrays, but it still reads each row into an input, checks it, and
makes each row's outcome and cells as Python objects; that per-row work is where its time goes (README
"Performance"). This sketch does the same job's mechanics with no per-row objects at all, to see whether
a register computed and written a column at a time can reach the targets:

* the cells of a block of 512 rows are read as columns, each distinct cell text parsed once into whole
  ten-thousandths of an hour;
* the entitlement, each week's cap and the daily limit are integer arrays, and the split is the project's own
  water-fill (:func:`asistents.core.fill.water_fill`) over the block;
* each column's texts come from a table of its distinct values, and the rows are written with one
  ``writerows`` of the zipped columns.

It leaves out what the tool must also do (every check and its words, warnings in words, claims, payments,
euro, other periods in one register), so its time is a lower bound for such a design, not a promise; the
output has the tool's columns but not all of its words. It prints its time a row beside the output-shaped
floor of ``bench_batch.py`` (read the input and this output in lockstep, write the output again), measured
in the same process.

Usage (the main register of ``bench_batch.py --keep``, or any ``id,name,avg,used,weekly`` CSV)::

    python benchmarks/columnar_sketch.py REGISTER.csv
"""

from __future__ import annotations

import csv
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from asistents.core.fill import water_fill
from asistents.core.period import plan_period

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]{1,4})?")
_UNITS = 10_000  # ten-thousandths of an hour
_STEP = 5_000  # 0.5 h
_STATE_MAXIMUM = 40 * _UNITS
_DAILY = 8 * _UNITS


def parse_column(cells: tuple[str, ...]) -> npt.NDArray[np.int64]:
    """Each cell in ten-thousandths (-1 empty, -2 not a number), each distinct text parsed once."""
    parsed: dict[str, int] = {}
    found = np.empty(len(cells), dtype=np.int64)
    for i, cell in enumerate(cells):
        units = parsed.get(cell)
        if units is None:
            text = cell.strip()
            if not text:
                units = -1
            elif _NUMBER.fullmatch(text):
                whole, _, part = text.partition(".")
                units = int(whole) * _UNITS + int((part + "0000")[:4])
            else:
                units = -2
            parsed[cell] = units
        found[i] = units
    return found


def texts(units: npt.NDArray[np.int64]) -> list[str]:
    """Ten-thousandths as plain hours (``36.5``), each distinct value's text made once."""
    table: dict[int, str] = {}
    found = []
    for value in units.tolist():
        text = table.get(value)
        if text is None:
            whole, part = divmod(value, _UNITS)
            text = table[value] = str(whole) if not part else f"{whole}.{part:04d}".rstrip("0")
        found.append(text)
    return found


def sketch(source: Path, target: Path) -> int:
    plan = plan_period(date(2020, 6, 1), date(2020, 6, 9), False)
    day_week = np.asarray(plan.day_week, dtype=np.int64)
    rows = 0
    with source.open(newline="") as given, target.open("w", newline="") as out:
        reader, writer = csv.reader(given), csv.writer(out, lineterminator="\r\n")
        header = next(reader)
        days = [f"hours_{d.isoformat()}" for d in plan.days]
        writer.writerow([*header, "line", "status", "error", "period_start", "period_end", "average_hours",
                         "entitlement", "weekly_cap", "daily_limit", "payable_hours", *days, "limited_by"])  # fmt: skip
        while block := [row for _, row in zip(range(512), reader, strict=False)]:
            n = len(block)
            columns = list(zip(*block, strict=True))
            average, used, weekly = (parse_column(columns[i]) for i in (2, 3, 4))
            bad = (average == -2) | (used == -2) | (weekly == -2)
            steps = np.where(bad, 0, np.maximum(average - used, 0) // _STEP)
            cap = np.where(weekly < 0, _STATE_MAXIMUM, weekly)
            caps = np.repeat((cap // _STEP)[:, None], len(plan.weeks), axis=1)
            placed = water_fill(day_week, caps, np.full(n, _DAILY // _STEP, dtype=np.int64), steps) * _STEP
            payable = placed.sum(axis=1)
            reason = np.where(payable == steps * _STEP, "entitlement", "weekly_cap").tolist()
            lines = [str(rows + 2 + i) for i in range(n)]
            status = np.where(bad, "error", "ok").tolist()
            same = [[text] * n for text in ("", plan.days[0].isoformat(), plan.days[-1].isoformat())]
            day_texts = [texts(placed[:, d]) for d in range(placed.shape[1])]
            writer.writerows(zip(*columns, lines, status, *same, texts(average), texts(steps * _STEP), texts(cap),
                                 ["8"] * n, texts(payable), *day_texts, reason, strict=True))  # fmt: skip
            rows += n
    return rows


def floor(source: Path, output: Path, target: Path) -> None:
    """``bench_batch.py``'s output-shaped floor: the input and the output read in lockstep, the output written."""
    with source.open(newline="") as given, output.open(newline="") as made, target.open("w", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        inputs = csv.reader(given)
        for row in csv.reader(made):
            next(inputs, None)
            writer.writerow(row)


def main() -> None:
    source = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        made, copied = Path(folder) / "sketch.csv", Path(folder) / "floor.csv"
        start = time.perf_counter()
        rows = sketch(source, made)
        took = time.perf_counter() - start
        start = time.perf_counter()
        floor(source, made, copied)
        floor_took = time.perf_counter() - start
    print(f"{rows:,} rows: the sketch {took / rows * 1e6:.1f} us a row, its output-shaped floor "
          f"{floor_took / rows * 1e6:.1f} us a row: {took / floor_took:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
