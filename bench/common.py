"""Shared bits of the benchmarks: Django set-up on a throw-away database and the result table.

Every benchmark compares against a baseline measured in the same run, because these machines
are noisy: a target is a ratio to the baseline or an absolute bound, as its issue states.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gc
import io
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The PostgreSQL server the benchmarks that need one make their databases on
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")


# `make bench` migrates and seeds once (run_all.py, `prepared_databases`) and hands each script
# the names of those databases here; a script run alone builds its own.
TEMPLATES = "BENCH_TEMPLATES"
EMPTY, DEMO = "empty", "demo"
# Databases this process made from a prepared one: migrated (and seeded) already
_READY: set[str] = set()


def _template(engine: str, kind: str) -> str | None:
    return json.loads(os.environ.get(TEMPLATES, "{}")).get(engine, {}).get(kind)


def setup_django(database_url: str | None = None, *, demo: bool = False) -> None:
    """Configure Django on `database_url` (or a fresh temporary SQLite database), migrated and,
    with `demo`, seeded by `seed_demo` — copied from the prepared database when `make bench`
    made one, else built here."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    elif "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        template = _template("sqlite", DEMO if demo else EMPTY)
        if template:
            copy_sqlite(template, str(path))
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        if template:
            _READY.add(os.environ["DATABASE_URL"])
    import django
    from django.core.management import call_command

    django.setup()
    if os.environ["DATABASE_URL"] in _READY:
        return
    call_command("migrate", verbosity=0)
    if demo:
        call_command("seed_demo", stdout=io.StringIO())


def copy_sqlite(source: str, target: str) -> None:
    """A consistent copy of a SQLite database (its write-ahead log included)."""
    import sqlite3

    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    original.close()
    copy.close()


def ready(database_url: str) -> bool:
    """Whether the database was made from a prepared one (migrated, seeded as asked)."""
    return database_url in _READY


def manage_py(env: dict[str, str], settings: str, *args: str) -> None:
    """`manage.py <args>` in a process of its own, with `env` and config.settings.<settings>."""
    subprocess.run(  # noqa: S603 - our manage.py
        [sys.executable, "manage.py", *args, f"--settings=config.settings.{settings}"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def postgres_database(
    prefix: str,
    settings: dict[str, str] | None = None,
    *,
    demo: bool | None = None,
    copy_of: str | None = None,
) -> tuple[str, Callable[[], None]]:
    """A fresh PostgreSQL database on BENCH_PG_URL, with `settings` of its own, and how to drop
    it (this process's Django connections closed first, anyone else's cut). With `demo` True
    (seeded) or False (migrated) it is a copy of the database `make bench` prepared so, when
    there is one (`ready` says whether it was); with `copy_of`, a copy of that database as it
    is now (no session may be open on it)."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    template = copy_of
    if demo is not None:
        template = _template("postgres", DEMO if demo else EMPTY)
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        for setting, value in (settings or {}).items():
            conn.execute(f'ALTER DATABASE "{name}" SET {setting} = {value}')
    if template and demo is not None:
        _READY.add(f"{PG}/{name}")

    def drop() -> None:
        from django.apps import apps

        if apps.ready:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{PG}/{name}", drop


@contextlib.contextmanager
def prepared_databases() -> Iterator[dict[str, dict[str, str]]]:
    """Each engine's database migrated, and a copy seeded by `seed_demo`, made once for every
    script of `make bench` (migrating and seeding took 15–21 s a script). The PostgreSQL pair
    is seeded as the servers run (local settings: their password hasher, as a login checks
    it); the SQLite pair as the in-process scripts run (test settings). Dropped at the end."""
    work = Path(tempfile.mkdtemp(prefix="bench-templates-"))
    names = {EMPTY: f"bench_tpl_empty_{secrets.token_hex(4)}"}
    names[DEMO] = names[EMPTY].replace("empty", "demo")
    sqlite = {EMPTY: str(work / "empty.sqlite3"), DEMO: str(work / "demo.sqlite3")}

    def manage(url: str, settings: str, *args: str) -> None:
        environment = {**os.environ, "DATABASE_URL": url}
        environment.pop(TEMPLATES, None)
        manage_py(environment, settings, *args)

    import psycopg

    def postgres() -> None:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{names[EMPTY]}"')
        manage(f"{PG}/{names[EMPTY]}", "local", "migrate", "-v0")
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{names[DEMO]}" TEMPLATE "{names[EMPTY]}"')
        manage(f"{PG}/{names[DEMO]}", "local", "seed_demo")
        # the planner's statistics, as autovacuum gathers them on a server within a minute:
        # a copy inherits the template's, but its own activity counters start at zero, so
        # autovacuum would not analyze it until it had changed as much again (a load test
        # on a copy without them read p95 133 ms instead of ≈ 75)
        with psycopg.connect(f"{PG}/{names[DEMO]}", autocommit=True) as conn:
            conn.execute("ANALYZE")

    def sqlite_files() -> None:
        manage(f"sqlite:///{sqlite[EMPTY]}", "test", "migrate", "-v0")
        copy_sqlite(sqlite[EMPTY], sqlite[DEMO])
        manage(f"sqlite:///{sqlite[DEMO]}", "test", "seed_demo")

    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:  # one engine on each core
            for done in [pool.submit(postgres), pool.submit(sqlite_files)]:
                done.result()
        yield {"postgres": names, "sqlite": sqlite}
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


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


# A page compared with a baseline is timed in rounds (in turn with it, 60 requests a side), a
# round giving one ratio of their p95s; its verdict is the median of its rounds' ratios. One
# round's ratio swings by ≈ 0.05 either way (bench/RESULTS.md, session 17), so a page stops
# after two rounds that both read at least CLEAR under the target — a page truly at the
# target reads so about once in 900 — and takes five otherwise.
ROUNDS_AT_LEAST, ROUNDS_AT_MOST, CLEAR = 2, 5, 0.1


def enough_rounds(ratios: list[float], target: float) -> bool:
    """Whether the rounds measured so far (their ratios) settle the page's verdict."""
    if len(ratios) >= ROUNDS_AT_MOST:
        return True
    return len(ratios) >= ROUNDS_AT_LEAST and max(ratios) <= target - CLEAR


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
