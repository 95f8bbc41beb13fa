"""The web page's speed: a register from upload to results page against ``batch`` on the same file.

Measured in one process through Starlette's test client (the page as ``asistents serve`` runs it, without the
network): the upload of a whole emergency's register of ``--persons`` persons (default 1,000; the second
emergency's, six month rows a person) and its results page, against ``asistents batch FILE --to json`` started
as a user starts it, in alternating pairs (medians count; target 1.3×). Also the example register's results page
(target 1 s) and eight uploads at once. Ratios are what matter: seconds change with the machine and its load.

Usage::

    python benchmarks/bench_web.py [--persons 1000] [--pairs 3]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from bench_batch import generate_emergency, run_child

ROOT = Path(__file__).resolve().parent.parent


def page_seconds(client: object, register: Path) -> float:
    """Upload ``register`` and follow to its results page; the wall time, checked to hold the summary."""
    start = time.perf_counter()
    page = client.post(  # type: ignore[attr-defined]
        "/register?lang=en", data={"lang": "en"}, files={"file": (register.name, register.read_bytes())}
    )
    seconds = time.perf_counter() - start
    assert page.status_code == 200 and "summary-title" in page.text, page.text[:500]
    return seconds


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

    from asistents.web.app import create_app

    client = TestClient(create_app(("testserver",)))
    with tempfile.TemporaryDirectory() as folder:
        register = Path(folder) / f"emergency2-{args.persons}.csv"
        generate_emergency(register, args.persons, 942, 2)
        cli = [sys.executable, "-m", "asistents", "batch", str(register), "--to", "json", "-o",
               str(Path(folder) / "out.json"), "--quiet"]  # fmt: skip
        page_seconds(client, register)  # the first request loads the templates
        batch_runs, page_runs = [], []
        for _ in range(args.pairs):
            batch_runs.append(run_child("batch", cli, ok_codes=(0, 1)).seconds)
            page_runs.append(page_seconds(client, register))
        batch, page = statistics.median(batch_runs), statistics.median(page_runs)
        ratio = page / batch
        print(f"whole emergency 2, {args.persons:,} persons: upload to results page {page:.2f} s, "
              f"batch --to json {batch:.2f} s: {ratio:.2f}x (target 1.3x: {verdict(ratio <= 1.3)})")  # fmt: skip
        sample = ROOT / "examples" / "emergency_register.csv"
        example = statistics.median(page_seconds(client, sample) for _ in range(3))
        print(f"the example register's results page: {example:.2f} s (target 1 s: {verdict(example <= 1)})")
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda _: page_seconds(client, ROOT / "examples" / "emergency_register.csv"), range(8)))
        print(f"eight example uploads at once: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
