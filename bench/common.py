"""Shared bits of the benchmarks: Django set-up on a throw-away database and the result table.

Every benchmark compares against a baseline measured in the same run, because these machines
are noisy: a target is a ratio to the baseline or an absolute bound, as its issue states.
"""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The PostgreSQL server the benchmarks that need one make their databases on
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")


def setup_django(database_url: str | None = None) -> None:
    """Configure Django on a fresh temporary SQLite database (or DATABASE_URL) and migrate."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    elif "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def postgres_database(
    prefix: str, settings: dict[str, str] | None = None
) -> tuple[str, Callable[[], None]]:
    """A fresh PostgreSQL database on BENCH_PG_URL, with `settings` of its own, and how to drop
    it (this process's Django connections closed first, anyone else's cut)."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        for setting, value in (settings or {}).items():
            conn.execute(f'ALTER DATABASE "{name}" SET {setting} = {value}')

    def drop() -> None:
        from django.apps import apps

        if apps.ready:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{PG}/{name}", drop


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in seconds: the least disturbed by other work."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return min(timings)


def best_of_interleaved(
    measured: Callable[[], object], baseline: Callable[[], object], repeat: int = 9
) -> tuple[float, float]:
    """The fastest of `repeat` runs of each, in seconds, the two taken in turn: a slow moment
    of the machine falls on both rather than on one side of the ratio."""
    ours, bare = [], []
    for _ in range(repeat):
        for fn, timings in ((measured, ours), (baseline, bare)):
            started = time.perf_counter()
            fn()
            timings.append(time.perf_counter() - started)
    return min(ours), min(bare)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held back while requests are timed, and run once
    after: a collection (tens of ms with Django loaded) falls on whichever request happens to
    allocate past the threshold, and one such request among 60 is their p95. Two sides
    compared in turn are then timed doing their own work."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


@dataclass
class Result:
    subject: str
    measured: float
    target: float
    unit: str  # "s", "ms", "×" (ratio to the baseline)
    baseline: str = ""

    @property
    def ok(self) -> bool:
        return self.measured <= self.target


def print_table(results: list[Result]) -> bool:
    width = max([len("subject"), *(len(r.subject) for r in results)])
    print(f"| {'subject':<{width}} | {'measured':>10} | {'target':>8} | ok  | baseline")
    print("|" + "-" * (width + 2) + "|" + "-" * 12 + "|" + "-" * 10 + "|-----|----------")
    for r in results:
        measured = f"{r.measured:.3f} {r.unit}"
        target = f"≤ {r.target:g} {r.unit}"
        mark = "yes" if r.ok else "NO"
        print(f"| {r.subject:<{width}} | {measured:>10} | {target:>8} | {mark:<3} | {r.baseline}")
    return all(r.ok for r in results)
