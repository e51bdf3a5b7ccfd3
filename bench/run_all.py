"""`make bench`: every benchmark the issues name, one table of measured against target.

Each bench/<subject>.py exposes `run() -> list[Result]` and runs in its own process (each
sets Django up on its own database, a copy of one migrated, or seeded, here once for all).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"common.py", "run_all.py", "__init__.py"}
# Imported under its own name (not run as a path) so that its functions pickle: the load
# test hands them to a multiprocessing pool.
CHILD = """
import importlib, json, sys
sys.path.insert(0, {here!r})
module = importlib.import_module({name!r})
print("@@RESULTS@@" + json.dumps([r.__dict__ for r in module.run()]))
"""


def scripts(args: list[str]) -> list[str]:
    """The scripts to run: all of them; those named (`run_all.py region load`); or all but
    those named after `--without`."""
    every = [path.stem for path in sorted(HERE.glob("*.py")) if path.name not in SKIP]
    if args[:1] == ["--without"]:
        return [name for name in every if name not in args[1:]]
    return [name for name in every if name in args] if args else every


def main() -> int:
    from common import TEMPLATES, prepared_databases, print_table

    names = scripts(sys.argv[1:])
    started = time.perf_counter()
    with prepared_databases() as templates:
        took = time.perf_counter() - started
        print(f"… databases migrated and seeded {took:.0f} s", file=sys.stderr)
        os.environ[TEMPLATES] = json.dumps(templates)
        if {"load", "two_nodes"} & set(names):
            from common import manage_py
            from load import COLLECT_STATIC, STATIC_COLLECTED, server_env

            args, settings = COLLECT_STATIC  # the servers' static files, once
            manage_py(server_env("sqlite://:memory:"), settings, *args)
            os.environ[STATIC_COLLECTED] = "1"
        results = run_scripts(names)
    return 0 if print_table(results) else 1


def run_scripts(names: list[str]) -> list:
    from common import Result

    results: list[Result] = []
    for name in names:
        print(f"… {name}.py", end="", file=sys.stderr, flush=True)
        code = CHILD.format(here=str(HERE), name=name)
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own benchmark scripts
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        print(f" {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        marker = [line for line in done.stdout.splitlines() if line.startswith("@@RESULTS@@")]
        if done.returncode or not marker:
            print(done.stdout[-2000:], done.stderr[-4000:], file=sys.stderr)
            results.append(Result(f"{name}: FAILED", float("inf"), 0, ""))
            continue
        results.extend(Result(**r) for r in json.loads(marker[0].removeprefix("@@RESULTS@@")))
    return results


if __name__ == "__main__":
    sys.exit(main())
