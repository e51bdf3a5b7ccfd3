"""A region in one database (#27): does a school's work stay its own when 99 others share the
database?

On a fresh PostgreSQL database, set up as deploy/postgresql.conf sets the server, the demo is
seeded and measured, then `seed_region` makes it 100 schools of the demo school's size, and the
same is measured again:
- every main page of the demo school (bench/load.py's PAGES), rendered in full (its figures
  of the old version, as after a change in the school): the same query count,
  and its p95 within 1.2× — each p95 taken as a multiple of the login page's in the same
  rounds, so that a slower minute of the machine does not read as the region's cost;
- the coordinator's rollup of the municipality's schools from live data: ≤ 1 s;
- the import of 5 000 people into a new school: ≤ 1.5× its time before the region.
"""

from __future__ import annotations

import io
import re
import statistics
import sys
import time

from common import ROOT, Result, percentile, postgres_database, print_table, setup_django
from import_people import workbook
from load import PAGES

SCHOOLS = 100
REQUESTS = 60
ROUNDS = 5
P95_RATIO = 1.2
ROLLUP_SECONDS = 1.0
IMPORT_RATIO = 1.5


def timed_ms(client, path: str) -> float:
    from accounts.freshness import _bump

    _bump()  # the school changed: its figures are built anew
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return elapsed


def pages() -> dict[tuple[str, str], tuple[float, int]]:
    """Each page's p95 as a multiple of the login page's (the median of the rounds: the lowest
    round's ratio was at times one whose login requests met a slow moment), and its query
    count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.freshness import _bump
    from accounts.models import User

    anonymous = Client()
    clients = {}
    for role in PAGES:
        clients[role] = Client()
        clients[role].force_login(User.objects.get(username=role))
    ratios: dict[tuple[str, str], list[float]] = {}
    for _ in range(ROUNDS):
        for role, paths in PAGES.items():
            for path in paths:
                clients[role].get(path)  # warm: templates compiled
                page, login = [], []
                for _ in range(REQUESTS):
                    page.append(timed_ms(clients[role], path))
                    started = time.perf_counter()
                    anonymous.get("/login/")
                    login.append((time.perf_counter() - started) * 1000)
                ratio = percentile(page, 95) / percentile(login, 95)
                ratios.setdefault((role, path), []).append(ratio)
    out = {}
    for (role, path), values in ratios.items():
        _bump()
        with CaptureQueriesContext(connection) as queries:
            clients[role].get(path)
        out[(role, path)] = (statistics.median(values), len(queries))
    return out


def rollup_seconds() -> float:
    from django.test import Client

    from accounts.freshness import _bump
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    client.get("/monitoring/rollup/")
    timings = []
    for _ in range(3):
        _bump()
        started = time.perf_counter()
        response = client.get("/monitoring/rollup/")
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"rollup: HTTP {response.status_code}")
    return min(timings)


def import_seconds(content: bytes, slug: str) -> float:
    """5 000 people into a new school, the best of two (each into its own new school)."""
    from django.utils import timezone

    from accounts.models import Organization
    from registry.importing import apply_plan, plan_import, read_rows

    main = Organization.objects.get(slug="school-19")
    timings = []
    for n in range(2):
        school = Organization.objects.create(
            municipality=main.municipality,
            slug=f"{slug}-{n}",
            short_name=f"Школа {slug}-{n}",
            full_name=f"Школа {slug}-{n}",
        )
        started = time.perf_counter()
        apply_plan(plan_import(school, read_rows(content), timezone.localdate()))
        timings.append(time.perf_counter() - started)
    return min(timings)


def schools_count() -> int:
    from accounts.models import Organization

    return Organization.objects.count()


def run() -> list[Result]:
    # as the server is set up
    url, drop = postgres_database("bench_region", deployed_settings())
    try:
        setup_django(url)
        from django.conf import settings
        from django.core.management import call_command

        settings.ALLOWED_HOSTS = ["testserver"]
        call_command("seed_demo", stdout=io.StringIO())
        content = workbook()
        before_pages = pages()
        before_import = import_seconds(content, "before")
        before_schools = schools_count()
        started = time.perf_counter()
        call_command("seed_region", "--schools", str(SCHOOLS), stdout=io.StringIO())
        seeded = time.perf_counter() - started
        after_pages = pages()
        after_import = import_seconds(content, "after")
        rollup = rollup_seconds()
        after_schools = schools_count()
    finally:
        drop()
    region = f"{after_schools} organizations (before: {before_schools})"
    results = [
        Result(
            f"region: seed_region --schools {SCHOOLS}",
            seeded,
            300.0,
            "s",
            region,
        )
    ]
    for page, (ratio, queries) in after_pages.items():
        was_ratio, was_queries = before_pages[page]
        role, path = page
        results.append(
            Result(
                f"region: {role} {path} p95",
                ratio / was_ratio,
                P95_RATIO,
                "×",
                f"p95 {ratio:.1f}× the login page's with the region, {was_ratio:.1f}× before",
            )
        )
        results.append(
            Result(
                f"region: {role} {path} queries",
                queries,
                was_queries,
                "",
                f"{queries} with the region, {was_queries} before",
            )
        )
    results.append(Result("region: coordinator's rollup", rollup, ROLLUP_SECONDS, "s", region))
    results.append(
        Result(
            "region: import of 5 000 people",
            after_import / before_import,
            IMPORT_RATIO,
            "×",
            f"{after_import:.1f} s with the region, {before_import:.1f} s before",
        )
    )
    return results


def deployed_settings() -> dict[str, str]:
    """deploy/postgresql.conf, which docs/operations.md installs on the server."""
    text = (ROOT / "deploy" / "postgresql.conf").read_text(encoding="utf-8")
    return dict(
        re.fullmatch(r"(\w+) = (\S+)", line).groups()
        for line in text.splitlines()
        if line[:1].isalpha()
    )


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
