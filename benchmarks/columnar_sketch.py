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

With ``--emergency`` it does a whole emergency's register so (the second emergency's, as
``bench_batch.py`` makes it: each person's weekly hours, the three months before, hours used in the months
with other days, payments in hours): each block of persons' cells as columns, then the chain's months in
order over arrays (the three months averaged from the figures the chain made, no history when all three are
0, the week a month shares with the month before holding that month's hours), with the project's own formulas
(:func:`~asistents.core.weeks.week_caps`, :func:`~asistents.core.block.split_block`,
:func:`~asistents.core.limits.limited_by`), each month's rows written a column at a time, a payment's check
columns, and the words: each figure's cell checked against its bound once for each distinct text, and each row's
warnings and reasons said by the tool's own :func:`~asistents.render.messages.notice_line` and
:func:`~asistents.render.messages.reason_line`, once for each distinct list (the weekly hours not given, a
shared week's hours reaching them, the last week's days after the emergency, a month below the no-history
rule, a payment above what is allowed). On such a register it writes the very bytes the tool writes
(``--out``: keep them to compare). Its floor is the benchmark's for such a register (the input's rows read,
each giving its months' output rows, written again). It still leaves out what such a register may hold
beyond the benchmark's (a bad cell's error row, each person's own limits, resumed months, claimed days,
euro).

Usage (the main register of ``bench_batch.py --keep``, or any ``id,name,avg,used,weekly`` CSV; a whole
emergency's register of ``generate_emergency(path, persons, seed, 2)``)::

    python benchmarks/columnar_sketch.py REGISTER.csv
    python benchmarks/columnar_sketch.py --emergency EMERGENCY_REGISTER.csv [--out SKETCH.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import numpy.typing as npt

from asistents.core import rules
from asistents.core.block import Split, split_block
from asistents.core.calendar import month_text
from asistents.core.chain import EmergencyMonth, emergency_months
from asistents.core.fill import UNLIMITED, water_fill
from asistents.core.limits import limited_by
from asistents.core.models import ClaimReason, Notice
from asistents.core.period import PeriodPlan, plan_period
from asistents.core.person import shown
from asistents.core.weeks import boundary_used, used_up, week_caps
from asistents.render.messages import notice_line, reason_line

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]{1,4})?")
_UNITS = 10_000  # ten-thousandths of an hour
_STEP = 5_000  # 0.5 h
_STATE_MAXIMUM = 40 * _UNITS
_DAILY = 8 * _UNITS
_MONTH_MAXIMUM = 744 * _UNITS


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
                units = units if units <= _MONTH_MAXIMUM else -2  # a figure's bound, checked once a text
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


def shown_texts(totals: npt.NDArray[np.int64], divisor: int) -> list[str]:
    """Ten-thousandths over ``divisor`` as the tool shows them (exact, or to four places), each distinct once."""
    hours, _ = shown(totals, np.full_like(totals, divisor))
    return list(map(str, hours))


#: The computed columns of a whole emergency's register, after the person's own and the month.
_EMERGENCY_COLUMNS = (
    "month", "line", "status", "error", "period_start", "period_end", "average_months", "average_hours",
    "entitlement", "weekly_cap", "daily_limit", "payable_hours", *(f"day_{d:02d}" for d in range(1, 32)),
    "limited_by", "warnings", "amount_eur", "claimed_hours", "paid_hours", "paid_euro", "allowed_hours",
    "allowed_eur", "over_hours", "claim_over_hours", "paid_over_hours", "over_eur", "paid_over_eur",
    "under_hours", "verdict", "check_reasons",
)  # fmt: skip


def emergency_sketch(source: Path, target: Path) -> int:
    """A whole emergency's register (the second emergency) a block of persons at a time, every step a column."""
    months = emergency_months(rules.EMERGENCIES[1])
    plans = [plan_period(m.start, m.end, False) for m in months]
    rows = persons = 0
    with source.open(newline="") as given, target.open("w", newline="") as out:
        reader, writer = csv.reader(given), csv.writer(out, lineterminator="\r\n")
        header = next(reader)
        at = {name: i for i, name in enumerate(header)}
        writer.writerow([*header, *_EMERGENCY_COLUMNS])
        while block := [row for _, row in zip(range(512), reader, strict=False)]:
            n = len(block)
            columns = list(zip(*block, strict=True))
            history = [parse_column(columns[at[month_text(m)]]) for m in months[0].averaged]
            measure7 = [figure == 0 for figure in history]  # which figures are only the chain's measure-7 hours
            weekly = parse_column(columns[at["weekly"]])
            cap = np.where(weekly < 0, _STATE_MAXIMUM, weekly)
            carried = np.zeros(n, dtype=np.int64)
            by_month = []
            for index, (month, plan) in enumerate(zip(months, plans, strict=True)):
                by_month.append(
                    _emergency_month(
                        month, plan, columns, at, history, measure7, (cap, weekly < 0), carried, index, persons + 2
                    )
                )
                carried = by_month[-1][1]
            writer.writerows([*row, *by_month[m][0][k]] for k, row in enumerate(block) for m in range(len(months)))
            rows += n * len(months)
            persons += n
    return rows


def _emergency_month(
    month: EmergencyMonth,
    plan: PeriodPlan,
    columns: list[tuple[str, ...]],
    at: dict[str, int],
    history: list[npt.NDArray[np.int64]],
    measure7: list[npt.NDArray[np.bool_]],
    weekly: tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]],
    carried: npt.NDArray[np.int64],
    index: int,
    line: int,
) -> tuple[list[list[str]], npt.NDArray[np.int64]]:
    """One month of a block of persons: its figures, the split, and its rows' computed cells."""
    cap, not_given = weekly
    n, after_first = cap.size, index > 0
    used_at = at.get(f"used {month.name}")
    used = np.zeros(n, dtype=np.int64) if used_at is None else np.maximum(parse_column(columns[used_at]), 0)
    total = history[-3] + history[-2] + history[-1]
    no_history = total == 0
    exact = np.maximum(total - 3 * used, 0)
    steps = np.where(no_history, UNLIMITED, exact // (3 * _STEP))
    before = carried if after_first and not month.starts_week else np.zeros(n, dtype=np.int64)
    used_other = boundary_used(before, np.zeros(n, dtype=np.int64), len(plan.weeks))
    ten = np.full(n, 10 * _UNITS, dtype=np.int64)
    caps, ten_binds = week_caps(cap, used_other, no_history, ten)
    none = np.zeros(n, dtype=bool)
    split = split_block(plan, caps // _STEP, np.full(n, _DAILY // _STEP, dtype=np.int64), steps, none, ten // _STEP)
    placed, payable = split.placed * _STEP, split.payable * _STEP
    chain_only = measure7[-3] & measure7[-2] & measure7[-1]
    history.append(used + payable)
    measure7.append(used == 0)
    up = used_up(cap, used_other)
    words = _warnings(month, plan, (not_given, up[:, 0], used_other[:, 0]), chain_only, split, index == 5)
    why = limited_by(none, not plan.split_days, ~no_history & (split.payable == steps), split.week_limit, ten_binds)
    paid_at = at.get(f"paid {month.name}")
    paid = np.full(n, -1, dtype=np.int64) if paid_at is None else parse_column(columns[paid_at])
    has_paid = paid >= 0
    blank = [""] * n

    def if_paid(units: npt.NDArray[np.int64]) -> list[str]:
        return np.where(has_paid, texts(units), "").tolist()

    days = [blank] * (month.start.day - 1) + [texts(placed[:, d]) for d in range(placed.shape[1])]
    over = np.maximum(paid - payable, 0)
    cells = zip(
        [month.name] * n, [str(line + k) for k in range(n)], ["ok"] * n, blank, [plan.days[0].isoformat()] * n,
        [plan.days[-1].isoformat()] * n, [" | ".join(plan.average_month_names)] * n, shown_texts(total, 3),
        np.where(no_history, "", shown_texts(exact, 3)).tolist(), texts(cap), ["8"] * n, texts(payable),
        *days, *[blank] * (31 - len(days)), [" | ".join(w) for w in why], words, blank, blank,
        if_paid(np.maximum(paid, 0)), blank, if_paid(np.minimum(np.maximum(paid, 0), payable)), blank, if_paid(over),
        blank, if_paid(over), blank, blank, if_paid(np.maximum(payable - np.maximum(paid, 0), 0)),
        np.where(has_paid, np.where(over > 0, "over", "within"), "").tolist(), _reasons(paid, payable), strict=True,
    )  # fmt: skip
    last = np.asarray(plan.day_week) == len(plan.weeks) - 1
    return [list(row) for row in cells], placed[:, last].sum(axis=1)


def _warnings(
    month: EmergencyMonth,
    plan: PeriodPlan,
    weekly: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.int64]],
    chain_only: npt.NDArray[np.bool_],
    split: Split,
    last: bool,
) -> list[str]:
    """Each row's warnings in words (the tool's words, :func:`notice_line`), each distinct list of them once:
    the weekly hours not given, the first week's hours used on other days reaching them, the last week's days
    after the emergency not given, and a month below the no-history rule (an average of the chain's own)."""
    not_given, up, up_hours = weekly
    below = chain_only & (split.no_history > split.payable)
    after = (month.end + timedelta(days=1), plan.weeks[-1].sunday) if last and not month.ends_week else None
    keys = zip(
        not_given.tolist(),
        np.where(up, up_hours, -1).tolist(),
        np.where(below, split.payable, -1).tolist(),
        np.where(below, split.no_history, -1).tolist(),
        strict=True,
    )
    table: dict[tuple[bool, int, int, int], str] = {}
    found = []
    for key in keys:
        line = table.get(key)
        if line is None:
            given, used, payable, no_history = key
            said = [Notice(code="weekly_not_given", params={"maximum": Decimal(40)})] if given else []
            if used >= 0:
                said.append(
                    Notice(code="week_used_up", params={"week_start": plan.weeks[0].monday, "used": _hours(used)})
                )
            if after is not None:
                said.append(Notice(code="used_week_after_assumed_zero", params={"from": after[0], "to": after[1]}))
            if payable >= 0:
                params = {"payable": _hours(payable * _STEP), "no_history": _hours(no_history * _STEP)}
                said.append(Notice(code="chain_below_no_history", params=params))
            line = table[key] = " | ".join(notice_line(notice, "en") for notice in said)
        found.append(line)
    return found


def _reasons(paid: npt.NDArray[np.int64], payable: npt.NDArray[np.int64]) -> list[str]:
    """A payment above the payable hours, in words (the tool's), each distinct pair once."""
    table: dict[tuple[int, int], str] = {}
    found = []
    for key in zip(paid.tolist(), payable.tolist(), strict=True):
        line = table.get(key)
        if line is None:
            over = key[0] > key[1]
            params = {"paid": _hours(key[0]), "allowed": _hours(key[1])}
            line = table[key] = reason_line(ClaimReason(code="paid_above", params=params), "en") if over else ""
        found.append(line)
    return found


def _hours(units: int) -> Decimal:
    return Decimal(units).scaleb(-4).normalize() if units % _UNITS else Decimal(units // _UNITS)


def floor(source: Path, output: Path, target: Path, months: int = 0) -> None:
    """``bench_batch.py``'s output-shaped floor: the input and the output read in lockstep, the output written
    (``months`` output rows for each input row: a whole emergency's)."""
    with source.open(newline="") as given, output.open(newline="") as made, target.open("w", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        inputs, done = csv.reader(given), csv.reader(made)
        if not months:  # a row for each row
            for row in done:
                next(inputs, None)
                writer.writerow(row)
            return
        writer.writerow(next(done))  # a whole emergency: each person's row gives their months' rows
        next(inputs)
        for _ in inputs:
            for _ in range(months):
                writer.writerow(next(done))


def main() -> None:
    parser = argparse.ArgumentParser(description="A register's mechanics a column at a time, beside its floor.")
    parser.add_argument("register", type=Path)
    parser.add_argument("--emergency", action="store_true", help="a whole emergency's register (the second)")
    parser.add_argument("--out", type=Path, help="keep the sketch's output here")
    args = parser.parse_args()
    emergency, source = args.emergency, args.register
    with tempfile.TemporaryDirectory() as folder:
        made, copied = args.out or Path(folder) / "sketch.csv", Path(folder) / "floor.csv"
        start = time.perf_counter()
        rows = emergency_sketch(source, made) if emergency else sketch(source, made)
        took = time.perf_counter() - start
        start = time.perf_counter()
        floor(source, made, copied, len(emergency_months(rules.EMERGENCIES[1])) if emergency else 0)
        floor_took = time.perf_counter() - start
    print(f"{rows:,} rows: the sketch {took / rows * 1e6:.1f} us a row, its output-shaped floor "
          f"{floor_took / rows * 1e6:.1f} us a row: {took / floor_took:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
