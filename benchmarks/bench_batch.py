"""Benchmark ``asistents batch`` and the cold start of ``asistents calc``.

Why it looks like this:

* Absolute seconds mean little: they change with the machine, its load and the
  Python build. So every figure that matters is a *ratio* against a floor measured
  in the same run, on the same file: an *output-shaped* floor, a plain Python child
  that reads the input with ``csv.reader`` and, in lockstep, the tool's own output of
  the same run, and writes that output again: exactly the bytes the tool must write,
  nothing computed. For NDJSON and a JSON array the floor parses each line (each
  element: the tool writes one per line) with ``json.loads`` and writes it again with
  ``json.dumps``, compact and ``ensure_ascii=False`` as the tool writes it, so it writes
  the same bytes. Tool and floor run alternately; the medians of the pairs count.
* A plain line copy of the JSON output (read a line, write it) is reported beside
  them as the physical limit of the machine: not a target, only for orientation.
* Two registers: the *main* one (``id,name,avg,used,weekly``, decimals and empty
  weekly caps) and a *plain* one (``id,avg,used,weekly``, small whole numbers,
  about half the rows with nothing payable). The plain register's output rows are
  short, so its floor is cheap and the per-row cost of the tool shows more: the
  harder case. It is measured CSV to CSV exactly as the main register is.
* Each measurement is a whole separate process (``sys.executable -m asistents``),
  started the way a user starts it, so interpreter start-up, imports, the Typer
  layer and the output flush are all counted. Peak memory is the child's own
  ``ru_maxrss`` from :func:`os.wait4` (``RUSAGE_CHILDREN`` deltas would mix the
  children together), taken by a tiny launcher process (see :data:`LAUNCHER`)
  so that this script's own memory does not leak into the figure.
* Running at N and at N/10 shows whether memory grows with the number of rows
  (streaming should keep it flat) and whether the per-row cost is constant.
* This is a script, never a timed test: timings in a test suite are flaky on
  shared CI machines, and a regression here is a reason to look, not a red build.

Usage::

    python benchmarks/bench_batch.py                 # 1,000,000 rows (a long while)
    python benchmarks/bench_batch.py --rows 100000   # quicker
    python benchmarks/bench_batch.py --pairs 1       # one pair per format
    python benchmarks/bench_batch.py --keep          # keep the generated files
    python benchmarks/bench_batch.py --skip-documents  # no workbooks, no timesheets

Only the standard library is used; ``asistents`` must be installed in the
interpreter that runs this script.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import os
import platform
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CALC_ARGS = ("calc", "--avg", "130", "--used", "18", "--weekly", "35", "--json")
IMPORTS_SCRIPT = "import typer, pydantic, rich"


@dataclass(frozen=True)
class Run:
    """One child process: what ran, how long, how much memory, how it ended."""

    label: str
    argv: tuple[str, ...]
    seconds: float
    max_rss_kib: int
    exit_code: int
    stderr_tail: str

    @property
    def peak_mib(self) -> float:
        return self.max_rss_kib / 1024


#: Starts one measured child and reports its wall time, peak RSS and exit code.
#:
#: Why a launcher: on Linux a child's ``ru_maxrss`` is never below the peak RSS of
#: the process it was spawned from (``exec`` carries the old address space's
#: high-water mark over, and ``vfork``/``posix_spawn`` share the parent's). Spawned
#: from this script, which has generated a million rows, every child would seem to
#: need at least this script's peak. Spawned from a fresh ``python -I -S`` that
#: imports nothing, the inherited figure is a bare interpreter's few MiB.
LAUNCHER = """
import os, sys, time
err, argv = sys.argv[1], sys.argv[2:]
actions = [
    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
    (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_child(label: str, argv: Sequence[str], *, ok_codes: Sequence[int] = (0,)) -> Run:
    """Run ``argv`` as a child; its wall time and its own peak RSS (``wait4``, via :data:`LAUNCHER`)."""
    with tempfile.TemporaryDirectory() as tmp:
        err = Path(tmp) / "stderr"
        launcher = subprocess.run(
            [sys.executable, "-I", "-S", "-c", LAUNCHER, str(err), *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        tail = err.read_bytes()[-2000:].decode("utf-8", errors="replace") if err.exists() else ""
    try:
        seconds_text, rss_text, code_text = launcher.stdout.split()
        seconds, max_rss_kib, code = float(seconds_text), int(rss_text), int(code_text)
    except ValueError:
        seconds, max_rss_kib, code = float("nan"), 0, -1
        tail = f"the launcher failed ({launcher.returncode}): {launcher.stderr[-2000:]}"
    run = Run(label, tuple(argv), seconds, max_rss_kib, code, tail)
    if code not in ok_codes:
        print(f"FAILED: {label}: exit code {code}\n  {shlex.join(argv)}\n{tail}", file=sys.stderr)
    return run


def generate(path: Path, rows: int, seed: int) -> None:
    """A deterministic register: ``id,name,avg,used,weekly``, comma-delimited UTF-8."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("id,name,avg,used,weekly\r\n")
        lines: list[str] = []
        for n in range(1, rows + 1):
            # Averages 0-160 h, a third of them with one decimal; hours used 0-120,
            # some in halves; weekly caps 10-40, empty (no cap) for about a fifth.
            avg = f"{rng.randint(0, 1599) / 10:.1f}" if rng.random() < 1 / 3 else str(rng.randint(0, 160))
            used = f"{rng.randint(0, 239) / 2:g}"
            weekly = "" if rng.random() < 0.2 else str(rng.randint(10, 40))
            lines.append(f"{n},Recipient {n},{avg},{used},{weekly}\r\n")
            if len(lines) >= 10_000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


def generate_plain(path: Path, rows: int, seed: int) -> None:
    """A deterministic plain register: ``id,avg,used,weekly``, small whole numbers.

    Averages 0-60 h and hours used 0-60 h, drawn independently, so the hours used
    reach the average (nothing payable) in about half the rows; weekly caps 5-20.
    """
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("id,avg,used,weekly\r\n")
        lines: list[str] = []
        for n in range(1, rows + 1):
            lines.append(f"{n},{rng.randint(0, 60)},{rng.randint(0, 60)},{rng.randint(5, 20)}\r\n")
            if len(lines) >= 10_000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


#: Each emergency's register, as the benchmark writes it: the months before it, the months with other days
#: (their hours used), the months whose payment is audited, and how many month rows a person gives.
EMERGENCY_REGISTERS = {
    1: (("2019-12", "2020-01", "2020-02"), ("2020-03", "2020-06"), ("2020-04", "2020-05"), 4),
    2: (("2020-08", "2020-09", "2020-10"), ("2020-11", "2021-04"), ("2020-12", "2021-01"), 6),
}


def generate_emergency(path: Path, persons: int, seed: int, number: int = 1) -> None:
    """A deterministic register of emergency ``number``, one row per person: the three months before it,
    the hours used on the other days of its first and last months, and what was paid for two of its
    months (the audit)."""
    before_months, used_months, paid_months = EMERGENCY_REGISTERS[number][:3]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(["id", "name", "weekly", *before_months, *(f"used {m}" for m in used_months),
                            *(f"paid {m}" for m in paid_months)]) + "\r\n")  # fmt: skip
        lines: list[str] = []
        for n in range(1, persons + 1):
            before = ",".join(str(rng.randint(0, 160)) for _ in range(3))
            weekly = "" if rng.random() < 0.2 else str(rng.randint(10, 40))
            used = f"{rng.randint(0, 60)},{rng.randint(0, 120)}"
            lines.append(f"{n},Recipient {n},{weekly},{before},{used},{rng.randint(0, 100)},{rng.randint(0, 100)}\r\n")
            if len(lines) >= 10_000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


def best_of(label: str, argv: Sequence[str], times: int) -> tuple[Run, list[Run]]:
    runs = [run_child(label, argv) for _ in range(times)]
    return min(runs, key=lambda run: run.seconds), runs


def rich_on_path(python: str) -> tuple[bool, list[str], float]:
    """Whether ``rich`` is imported by ``calc --json``: ``-X importtime`` lists every import.

    Returns the answer, the rich modules seen, and the cumulative import time of
    ``asistents``-related top-level imports in milliseconds (for orientation).
    """
    proc = subprocess.run(
        [python, "-X", "importtime", "-m", "asistents", *CALC_ARGS],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"-X importtime calc failed with exit code {proc.returncode}: {proc.stderr[-2000:]}")
    rich_modules: list[str] = []
    total_us = 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        cumulative, name = int(parts[1]), parts[2].removeprefix(" ")
        module = name.strip()
        if module == "rich" or module.startswith("rich."):
            rich_modules.append(module)
        if name == module:  # top level (not indented): counts once in the total
            total_us += cumulative
    return bool(rich_modules), rich_modules, total_us / 1000


@contextlib.contextmanager
def work_dir(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="asistents-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"\nkept: {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def source_fingerprint() -> str:
    """A short hash of the installed ``asistents`` sources (without importing them).

    Printed at the start and checked at the end: the code under test must not
    change while the benchmark runs (an editable install picks up every edit).
    """
    spec = importlib.util.find_spec("asistents")
    if spec is None or not spec.submodule_search_locations:
        return "?"
    digest = hashlib.sha256()
    for location in spec.submodule_search_locations:
        for path in sorted(Path(location).rglob("*.py")):
            digest.update(path.relative_to(location).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load() -> str:
    """The 1/5/15-minute load averages: other work on the machine skews every timing."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def header(args: argparse.Namespace, fingerprint: str) -> None:
    try:
        from importlib.metadata import version

        asistents_version = version("asistents")
    except Exception:  # pragma: no cover - only informative
        asistents_version = "?"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=Path(__file__).resolve().parent,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    print("command:  ", shlex.join([sys.executable, *sys.argv]))
    print("python:   ", sys.version.replace("\n", " "))
    print("platform: ", platform.platform(), f"({os.cpu_count()} CPUs)")
    print("asistents:", asistents_version, f"(git {commit or '?'}, sources {fingerprint})")
    print(f"rows: {args.rows:,}   seed: {args.seed}   cold-start runs: {args.runs}   load: {load()}")


#: The output-shaped floor: read the input and, in lockstep, the tool's own output of the
#: same run, and write that output again: exactly the bytes the tool must write, nothing computed.
#: CSV rows go through ``csv.reader`` and ``csv.writer``; JSON values through ``json.loads`` and
#: ``json.dumps`` (compact, ``ensure_ascii=False``: as the tool writes them, so the same bytes).
SHAPED_FLOOR = {
    "csv": """
import csv, sys
src = open(sys.argv[1], newline="", encoding="utf-8")
out = open(sys.argv[2], newline="", encoding="utf-8-sig")
dst = open(sys.argv[3], "w", newline="", encoding="utf-8")
with src, out, dst:
    writer = csv.writer(dst, lineterminator="\\r\\n")
    writer.writerow(next(csv.reader(out)))
    for row, done in zip(csv.reader(src), csv.reader(out)):
        writer.writerow(done)
""",
    "ndjson": """
import csv, json, sys
loads, dumps = json.loads, json.dumps
src = open(sys.argv[1], newline="", encoding="utf-8")
out = open(sys.argv[2], encoding="utf-8")
dst = open(sys.argv[3], "w", encoding="utf-8")
with src, out, dst:
    rows = csv.reader(src)
    next(rows)
    for row, line in zip(rows, out):
        dst.write(dumps(loads(line), ensure_ascii=False, separators=(",", ":")) + "\\n")
""",
    # The tool writes a JSON array one element a line: "[", "{...},", ..., "{...}", "]" ("[]" when empty).
    "json": """
import csv, json, sys
loads, dumps = json.loads, json.dumps
src = open(sys.argv[1], newline="", encoding="utf-8")
out = open(sys.argv[2], encoding="utf-8")
dst = open(sys.argv[3], "w", encoding="utf-8")
with src, out, dst:
    rows = csv.reader(src)
    next(rows)
    if next(out).rstrip() == "[]":
        dst.write("[]\\n")
    else:
        sep = "[\\n"
        for row, line in zip(rows, out):
            if line.startswith("]"):
                break
            dst.write(sep + dumps(loads(line.rstrip().removesuffix(",")), ensure_ascii=False, separators=(",", ":")))
            sep = ",\\n"
        dst.write("\\n]\\n")
""",
}

#: A whole emergency's register: the CSV floor, each input row (after the header) giving its month rows
#: (``MONTHS`` is put in its place: four for the first emergency, six for the second).
SHAPED_FLOOR["csv emergency"] = """
import csv, sys
src = open(sys.argv[1], newline="", encoding="utf-8")
out = open(sys.argv[2], newline="", encoding="utf-8-sig")
dst = open(sys.argv[3], "w", newline="", encoding="utf-8")
with src, out, dst:
    writer = csv.writer(dst, lineterminator="\\r\\n")
    done = csv.reader(out)
    writer.writerow(next(done))
    rows = csv.reader(src)
    next(rows)
    for row in rows:
        for _ in range(MONTHS):
            writer.writerow(next(done))
"""

#: The xlsx floor: XlsxWriter in constant-memory mode writing the cells the tool writes (read from the
#: tool's CSV output of the same register): a number where the cell reads as one, else its text.
XLSX_FLOOR = """
import csv, sys, xlsxwriter
cells = open(sys.argv[1], newline="", encoding="utf-8-sig")
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet()
with cells:
    for r, row in enumerate(csv.reader(cells)):
        for c, text in enumerate(row):
            if not text:
                continue
            try:
                sheet.write_number(r, c, float(text))
            except ValueError:
                sheet.write_string(r, c, text)
book.close()
"""

#: The physical limit, reported and not targeted: read the input and, in lockstep, the tool's
#: output line by line, and copy each line as it is (then whatever follows: a JSON array's end).
COPY_FLOOR = """
import csv, sys
src = open(sys.argv[1], newline="", encoding="utf-8")
out = open(sys.argv[2], encoding="utf-8")
dst = open(sys.argv[3], "w", encoding="utf-8")
with src, out, dst:
    rows = csv.reader(src)
    next(rows)
    for row, line in zip(rows, out):
        dst.write(line)
    dst.write(out.read())
"""

#: Batch time as a multiple of the output-shaped floor, per format; peak RSS, growth, cold start.
TARGETS = {
    "csv": 2.0,
    "ndjson": 1.0,
    "json": 1.0,
    "plain csv": 2.0,
    "rss_mib": 40.0,
    "rss_growth": 1.1,
    "cold": 1.3,
    "emergency": 2.5,
    "emergency_rss_mib": 60.0,
}


@dataclass
class Pairs:
    """Alternating runs of the tool and its floor (and the line copy): the median of each, and their ratio."""

    tool: list[Run]
    floor: list[Run]
    copy: list[Run] = field(default_factory=list)
    #: Bytes written by the last run of each: the floors must write as many as the tool.
    sizes: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def median(runs: list[Run]) -> float:
        values = sorted(run.seconds for run in runs)
        return values[len(values) // 2]

    @property
    def ratio(self) -> float:
        return self.median(self.tool) / self.median(self.floor)

    @property
    def copy_ratio(self) -> float:
        return self.median(self.tool) / self.median(self.copy)


def measure_pairs(
    python: str, fmt: str, src: Path, tmp: Path, pairs: int, *, copy: bool = False, floor: str | None = None
) -> Pairs:
    """``pairs`` times: the tool, then its output-shaped floor (then, with ``copy``, the line copy)."""
    out = tmp / f"batch-{src.stem}.{fmt}"
    floor_out = tmp / f"floor-{src.stem}.{fmt}"
    copy_out = tmp / f"copy-{src.stem}.{fmt}"
    tool_argv = [python, "-m", "asistents", "batch", str(src), "--to", fmt, "-o", str(out), "--quiet"]
    floor_argv = [python, "-c", SHAPED_FLOOR[floor or fmt], str(src), str(out), str(floor_out)]
    copy_argv = [python, "-c", COPY_FLOOR, str(src), str(out), str(copy_out)]
    result = Pairs([], [])
    for _ in range(pairs):
        result.tool.append(run_child(f"batch {fmt} {src.name}", tool_argv, ok_codes=(0, 1)))
        result.floor.append(run_child(f"floor {fmt} {src.name}", floor_argv))
        if copy:
            result.copy.append(run_child(f"line copy {fmt} {src.name}", copy_argv))
    result.sizes = {name: path.stat().st_size for name, path in
                    (("tool", out), ("floor", floor_out), ("copy", copy_out)) if path.exists()}  # fmt: skip
    return result


def xlsx_pairs(python: str, src: Path, tmp: Path, pairs: int) -> Pairs:
    """``batch --to xlsx`` of ``src`` against :data:`XLSX_FLOOR` writing the same cells, alternately."""
    cells = tmp / f"cells-{src.stem}.csv"
    run_child("batch csv (the cells)", [python, "-m", "asistents", "batch", str(src), "-o", str(cells), "-q"],
              ok_codes=(0, 1))  # fmt: skip
    out, floor_out = tmp / f"batch-{src.stem}.xlsx", tmp / f"floor-{src.stem}.xlsx"
    tool_argv = [python, "-m", "asistents", "batch", str(src), "--to", "xlsx", "-o", str(out), "--quiet"]
    result = Pairs([], [])
    for _ in range(pairs):
        result.tool.append(run_child(f"batch xlsx {src.name}", tool_argv, ok_codes=(0, 1)))
        result.floor.append(run_child("floor xlsx", [python, "-c", XLSX_FLOOR, str(cells), str(floor_out)]))
    return result


def as_workbook(src: Path, target: Path) -> None:
    """The CSV register as an xlsx sheet (XlsxWriter comes with asistents), numbers as numbers."""
    import csv

    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = book.add_worksheet("Register")
    with src.open(encoding="utf-8", newline="") as stream:
        for r, row in enumerate(csv.reader(stream)):
            for c, cell in enumerate(row):
                try:
                    sheet.write_number(r, c, float(cell)) if r and c != 1 and cell else sheet.write_string(r, c, cell)
                except ValueError:
                    sheet.write_string(r, c, cell)
    book.close()


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def table_row(
    register: str, fmt: str, floor: str, tool: list[Run], floor_runs: list[Run], rows: int, target: str
) -> None:
    """One line of the batch table: the tool's median against one floor's median."""
    tool_s, floor_s = Pairs.median(tool), Pairs.median(floor_runs)
    peak = max(run.peak_mib for run in tool)
    print(f"  {register:<8} {fmt:<6} {floor:<11} {tool_s:>8.2f} {floor_s:>8.2f} {tool_s / floor_s:>6.2f}x "
          f"{tool_s / rows * 1e6:>7.1f} {peak:>8.1f}  {target}")  # fmt: skip


def documents(python: str, tmp: Path, rows: int) -> None:
    """Workbook read and write, and timesheets, reported beside the CSV figures."""
    src = tmp / f"register-{rows}.csv"
    written = tmp / f"results-{rows}.xlsx"
    argv = [python, "-m", "asistents", "batch", str(src), "-o", str(written), "-q"]
    write = run_child("xlsx write", argv, ok_codes=(0, 1))
    register = tmp / f"register-{rows}.xlsx"
    as_workbook(src, register)  # the same register as the CSV, as a workbook (not the results, which hold more)
    argv = [python, "-m", "asistents", "batch", str(register), "--to", "csv", "-o", str(tmp / "x.csv"), "-q"]
    read = run_child("xlsx read", argv, ok_codes=(0, 1))
    print(f"  xlsx write ({rows:,} rows CSV -> xlsx): {rows / write.seconds:,.0f} rows/s, {write.peak_mib:.1f} MiB")
    print(f"  xlsx read  ({rows:,} rows xlsx -> CSV): {rows / read.seconds:,.0f} rows/s, {read.peak_mib:.1f} MiB")
    if importlib.util.find_spec("typst") is None:
        print("  timesheets: skipped (pip install 'asistents[pdf]')")
        return
    small = tmp / "register-1000.csv"
    generate(small, 1000, 1)
    folder = tmp / "timesheets"
    sheets = run_child(
        "timesheets", [python, "-m", "asistents", "batch", str(small), "--timesheets", str(folder), "-o",
                       str(tmp / "t.csv"), "-q"], ok_codes=(0, 1),
    )  # fmt: skip
    pdfs = len(list(folder.glob("*.pdf")))
    print(f"  timesheets: {pdfs:,} PDFs in {sheets.seconds:.1f} s = {pdfs / sheets.seconds:,.0f}/s, "
          f"{sheets.peak_mib:.1f} MiB")  # fmt: skip
    for pages in (1000, 10_000):  # one PDF of every page: compiled in parts, joined (peak: with its children)
        register = tmp / f"pages-{pages}.csv"
        generate(register, pages, 2)
        argv = [python, "-m", "asistents", "batch", str(register), "--timesheets-pdf", str(tmp / f"all-{pages}.pdf"),
                "--all-pages", "-o", str(tmp / "t.csv"), "-q"]  # fmt: skip
        single = run_child("timesheets-pdf", argv, ok_codes=(0, 1))
        print(f"  timesheets-pdf: {pages:,} pages in {single.seconds:.1f} s = {pages / single.seconds:,.0f} pages/s, "
              f"{single.peak_mib:.1f} MiB at the peak")  # fmt: skip


def emergency_register(python: str, tmp: Path, persons: int, seed: int, pairs: int, number: int) -> dict[str, bool]:
    """``batch`` of emergency ``number``'s register (its months a person) against its CSV floor."""
    src = tmp / f"emergency{number}-{persons}.csv"
    generate_emergency(src, persons, seed, number)
    months = EMERGENCY_REGISTERS[number][3]
    rows = months * persons
    print(f"\nwhole emergency {number}, {persons:,} persons ({rows:,} month rows), median of {pairs} pairs:")
    floor = f"csv emergency {months}"
    SHAPED_FLOOR[floor] = SHAPED_FLOOR["csv emergency"].replace("MONTHS", str(months))
    measured = measure_pairs(python, "csv", src, tmp, pairs, floor=floor)
    peak = max(run.peak_mib for run in measured.tool)
    target = TARGETS["emergency"]
    ok = measured.ratio <= target
    table_row(f"emerg. {number}", "csv", "csv rows", measured.tool, measured.floor, months * persons,
              f"<= {target}x {verdict(ok)}")  # fmt: skip
    if measured.sizes.get("floor") != measured.sizes.get("tool"):
        print(f"  WARNING: the floor wrote {measured.sizes.get('floor', 0):,} bytes, the tool "
              f"{measured.sizes.get('tool', 0):,}: that floor is not output-shaped")  # fmt: skip
    return {
        f"whole emergency {number} CSV <= {target}x its output-shaped floor": ok,
        f"whole emergency {number} peak RSS <= {TARGETS['emergency_rss_mib']:.0f} MiB": peak
        <= TARGETS["emergency_rss_mib"],
    }


def registers(python: str, tmp: Path, args: argparse.Namespace, met: dict[str, bool]) -> bool:
    """The one-month registers (main, plain; CSV, NDJSON, JSON, xlsx) against their floors; True if a run failed."""
    failed = False
    big, small = args.rows, args.rows // 10
    for rows in (big, small):
        generate(tmp / f"register-{rows}.csv", rows, args.seed)
    generate_plain(tmp / f"plain-{big}.csv", big, args.seed)
    print(f"\nbatch against its floors, {big:,} rows, median of {args.pairs} alternating pairs:")
    print(f"  {'register':<8} {'format':<6} {'floor':<11} {'batch s':>8} {'floor s':>8} {'ratio':>7} "
          f"{'us/row':>7} {'peak MiB':>8}  target")  # fmt: skip
    notes: list[str] = []
    main_csv: Pairs | None = None
    cases = [("main", "register", fmt) for fmt in ("csv", "ndjson", "json")] + [("plain", "plain", "csv")]
    for register, stem, fmt in cases:
        pairs = measure_pairs(python, fmt, tmp / f"{stem}-{big}.csv", tmp, args.pairs, copy=fmt != "csv")
        failed |= any(run.exit_code not in (0, 1) for run in pairs.tool)
        failed |= any(run.exit_code != 0 for run in pairs.floor + pairs.copy)
        peak = max(run.peak_mib for run in pairs.tool)
        target = TARGETS[f"plain {fmt}" if register == "plain" else fmt]
        ok = pairs.ratio <= target
        floor_name = "csv rows" if fmt == "csv" else "json values"
        table_row(register, fmt, floor_name, pairs.tool, pairs.floor, big, f"<= {target}x {verdict(ok)}")
        if pairs.copy:
            table_row(register, fmt, "line copy", pairs.tool, pairs.copy, big, "physical limit, no target")
        what = f"{fmt.upper()} <= {target}x its output-shaped floor"
        met[f"plain register {what}" if register == "plain" else what] = ok
        for name in ("floor", "copy"):
            if name in pairs.sizes and pairs.sizes[name] != pairs.sizes.get("tool"):
                notes.append(f"WARNING: {register} {fmt}: the {name} wrote {pairs.sizes[name]:,} bytes, the "
                             f"tool {pairs.sizes.get('tool', 0):,}: that floor is not output-shaped")  # fmt: skip
        if register == "main" and fmt == "csv":
            main_csv = pairs
            met[f"peak RSS <= {TARGETS['rss_mib']:.0f} MiB"] = peak <= TARGETS["rss_mib"]
    xlsx = xlsx_pairs(python, tmp / f"register-{small}.csv", tmp, args.pairs)
    failed |= any(run.exit_code not in (0, 1) for run in xlsx.tool)
    table_row("main", "xlsx", "xlsx cells", xlsx.tool, xlsx.floor, small, "reported, no target")
    if main_csv is not None:
        smaller = run_child(
            "batch small", [python, "-m", "asistents", "batch", str(tmp / f"register-{small}.csv"), "-o",
                            str(tmp / "small.csv"), "-q"], ok_codes=(0, 1),
        )  # fmt: skip
        growth = max(run.max_rss_kib for run in main_csv.tool) / smaller.max_rss_kib
        print(f"  memory, main register CSV, {big:,} rows / {small:,} rows: {growth:.2f}x")
        met[f"{big:,}-row RSS <= {TARGETS['rss_growth']}x the {small:,}-row run"] = growth <= TARGETS["rss_growth"]
    for note in notes:
        print(f"  {note}")
    return failed


def cold_starts(python: str, runs: int, met: dict[str, bool]) -> bool:
    """``calc``'s cold start against the imports it cannot avoid; True if a run failed."""
    failed = False
    print(f"\ncold start, best of {runs} (wall s, peak MiB):")
    cold = [
        ("python -c pass", [python, "-c", "pass"]),
        ("python -c 'import typer, pydantic, numpy'", [python, "-c", "import typer, pydantic, numpy"]),
        ("python -c 'import typer, pydantic, rich, numpy'", [python, "-c", "import typer, pydantic, rich, numpy"]),
        ("asistents " + " ".join(CALC_ARGS), [python, "-m", "asistents", *CALC_ARGS]),
        ("asistents calc (the table)", [python, "-m", "asistents", *CALC_ARGS[:-1]]),
        ("asistents calc --help", [python, "-m", "asistents", "calc", "--help"]),
    ]
    bests: list[Run] = []
    for label, child in cold:
        best, tries = best_of(label, child, runs)
        failed |= any(run.exit_code != 0 for run in tries)
        bests.append(best)
        print(f"  {best.seconds:7.3f} s {best.peak_mib:7.1f} MiB  {label}")
    json_ratio = bests[3].seconds / bests[1].seconds
    table_ratio = bests[4].seconds / bests[2].seconds
    print(f"  calc --json / import typer, pydantic, numpy: {json_ratio:.2f}x; calc table / import typer, pydantic, "
          f"rich, numpy: "
          f"{table_ratio:.2f}x; --help {bests[5].seconds:.3f} s")  # fmt: skip
    met[f"calc --json cold start <= {TARGETS['cold']}x typer+pydantic+numpy"] = json_ratio <= TARGETS["cold"]
    met[f"calc table cold start <= {TARGETS['cold']}x typer+pydantic+rich+numpy"] = table_ratio <= TARGETS["cold"]
    try:
        imported, modules, import_ms = rich_on_path(python)
    except RuntimeError as error:
        print(f"  rich imported on the calc --json path: unknown ({error})")
        failed = True
    else:
        shown = f" ({len(modules)} modules, e.g. {', '.join(modules[:4])})" if imported else ""
        print(f"  rich imported on the calc --json path: {'yes' if imported else 'no'}{shown}")
        print(f"  -X importtime: top-level imports total {import_ms:.0f} ms")
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the large register (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=942, help="random seed of the generated registers")
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs; the best one counts (default 5)")
    parser.add_argument("--pairs", type=int, default=3, help="alternating tool/floor pairs; medians count (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and outputs")
    parser.add_argument(
        "--skip-documents", action="store_true", help="skip the workbook and timesheet figures (quicker)"
    )
    parser.add_argument(
        "--persons", type=int, default=100_000, help="persons in the whole-emergency register (default 100,000)"
    )
    parser.add_argument("--only-emergency", action="store_true", help="measure the whole-emergency registers only")
    parser.add_argument(
        "--emergency", type=int, choices=(1, 2), action="append",
        help="which emergency's register (default both; the issue's size is the second: 600,000 month rows)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.rows < 10:
        parser.error("--rows: give at least 10")
    python = sys.executable
    fingerprint = source_fingerprint()
    header(args, fingerprint)
    failed = False
    met: dict[str, bool] = {}

    with work_dir(args.keep) as tmp:
        for number in args.emergency or (2, 1):
            met.update(emergency_register(python, tmp, args.persons, args.seed, args.pairs, number))
        if args.only_emergency:
            print("\ntargets:")
            for name, ok in met.items():
                print(f"  {verdict(ok):<8} {name}")
            return 0
        failed |= registers(python, tmp, args, met)
        if args.skip_documents:
            print("\ndocuments: skipped (--skip-documents)")
        else:
            print("\ndocuments:")
            documents(python, tmp, args.rows // 10)

    failed |= cold_starts(python, args.runs, met)
    print("\ntargets:")
    for name, ok in met.items():
        print(f"  {verdict(ok):<8} {name}")
    print(f"\nload at the end: {load()} ({os.cpu_count()} CPUs)")
    if source_fingerprint() != fingerprint:
        print(f"\nWARNING: the asistents sources changed during the run ({fingerprint} -> {source_fingerprint()});")
        print("the figures above may mix two versions of the code")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
