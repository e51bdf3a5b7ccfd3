"""A region in one database (#27): does a school's work stay its own when 99 others share the
database?

On a fresh PostgreSQL database, set up as deploy/postgresql.conf sets the server, the demo is
seeded and copied (the school alone), then `seed_region` makes the original 100 schools of the
demo school's size. The two databases are measured in the same moments, request by request in
turn (a measurement before the seeding and another after it put a minute of the machine's
noise between them: a page read 1.2× for nothing):
- every main page of the demo school (bench/load.py's PAGES), rendered in full (its figures
  of the old version, as after a change in the school): the same query count, and its p95
  within 1.2× of the p95 alone (the median of its rounds' ratios: five rounds, or two that
  both read ≤ 1.1×, bench/common.enough_rounds);
- the coordinator's rollup of the municipality's schools from live data: ≤ 1 s;
- the import of 5 000 people into a new school: ≤ 1.5× its time alone.
"""

from __future__ import annotations

import io
import re
import statistics
import sys
import time

from common import (
    ROOT,
    Result,
    collector_paused,
    enough_rounds,
    percentile,
    postgres_database,
    print_table,
    setup_django,
)
from import_people import workbook
from load import PAGES

SCHOOLS = 100
REQUESTS = 60
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


class Databases:
    """The demo school alone and the region, both open at once: Django's default connection
    is pointed at one or the other between two requests (the test client keeps it open)."""

    def __init__(self, alone: str) -> None:
        import copy

        from django.db import connections

        self.region = connections["default"]
        settings = copy.deepcopy(self.region.settings_dict)
        settings["NAME"] = alone
        self.alone = self.region.__class__(settings, "default")

    def use(self, wrapper) -> None:
        from django.db import connections

        connections["default"] = wrapper

    def close(self) -> None:
        for wrapper in (self.alone, self.region):
            wrapper.close()
        self.use(self.region)


def pages(databases: Databases) -> dict[tuple[str, str], tuple[float, int, float, int]]:
    """Each page's p95 with the region as a multiple of its p95 alone, taken request by request
    in turn in the two databases (so that a slower minute of the machine falls on both; one
    measured before `seed_region` and the other after it, a page once read 1.2× for nothing):
    the median of the rounds' ratios; and its query count in each.

    Returns (ratio, queries with the region, p95 alone in ms, queries alone)."""
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.freshness import _bump, school_version
    from accounts.models import Organization, SchoolDataVersion, User

    both = (databases.alone, databases.region)
    clients = {}
    for wrapper in both:
        databases.use(wrapper)
        # the figures' cache keys hold the school's version: the two databases' never meet
        if wrapper is databases.alone:
            for organization in Organization.objects.all():
                school_version(organization)  # its row, made the first time it is asked for
            SchoolDataVersion.objects.update(value=F("value") + 10**6)
        for role in PAGES:
            clients[wrapper, role] = Client()
            clients[wrapper, role].force_login(User.objects.get(username=role))
    out = {}
    for role, paths in PAGES.items():
        for path in paths:
            ratios, alone_p95 = [], []
            for wrapper in both:
                databases.use(wrapper)
                clients[wrapper, role].get(path)  # warm: templates compiled
            while not enough_rounds(ratios, P95_RATIO):
                timings: dict[object, list[float]] = {wrapper: [] for wrapper in both}
                with collector_paused():
                    for k in range(REQUESTS):  # in turn, each going first every other time
                        for wrapper in both if k % 2 else both[::-1]:
                            databases.use(wrapper)
                            timings[wrapper].append(timed_ms(clients[wrapper, role], path))
                alone = percentile(timings[databases.alone], 95)
                ratios.append(percentile(timings[databases.region], 95) / alone)
                alone_p95.append(alone)
            queries = []
            for wrapper in both:
                databases.use(wrapper)
                _bump()
                with CaptureQueriesContext(connection) as captured:
                    clients[wrapper, role].get(path)
                queries.append(len(captured))
            out[(role, path)] = (statistics.median(ratios), queries[1], min(alone_p95), queries[0])
    databases.use(databases.region)
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


def import_seconds(databases: Databases, content: bytes) -> tuple[float, float]:
    """5 000 people into a new school, alone and with the region in turn, the best of two
    each (each import into a school of its own)."""
    from django.utils import timezone

    from accounts.models import Organization
    from registry.importing import apply_plan, plan_import, read_rows

    timings: dict[object, list[float]] = {databases.alone: [], databases.region: []}
    for n in range(2):
        for wrapper in timings:
            databases.use(wrapper)
            main = Organization.objects.get(slug="school-19")
            school = Organization.objects.create(
                municipality=main.municipality,
                slug=f"import-{n}",
                short_name=f"Школа import-{n}",
                full_name=f"Школа import-{n}",
            )
            started = time.perf_counter()
            apply_plan(plan_import(school, read_rows(content), timezone.localdate()))
            timings[wrapper].append(time.perf_counter() - started)
    databases.use(databases.region)
    return min(timings[databases.alone]), min(timings[databases.region])


def schools_count() -> int:
    from accounts.models import Organization

    return Organization.objects.count()


def run() -> list[Result]:
    # as the server is set up
    url, drop = postgres_database("bench_region", deployed_settings(), demo=True)
    drop_alone = None
    databases = None
    try:
        setup_django(url, demo=True)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connections

        settings.ALLOWED_HOSTS = ["testserver"]
        content = workbook()
        before_schools = schools_count()
        connections.close_all()  # a template database must have no session open
        alone, drop_alone = postgres_database(
            "bench_region_alone", deployed_settings(), copy_of=url.rsplit("/", 1)[1]
        )
        started = time.perf_counter()
        call_command("seed_region", "--schools", str(SCHOOLS), stdout=io.StringIO())
        seeded = time.perf_counter() - started
        after_schools = schools_count()
        databases = Databases(alone.rsplit("/", 1)[1])
        measured = pages(databases)
        before_import, after_import = import_seconds(databases, content)
        rollup = rollup_seconds()
    finally:
        if databases is not None:
            databases.close()
        if drop_alone is not None:
            drop_alone()
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
    for page, (ratio, queries, alone_ms, was_queries) in measured.items():
        role, path = page
        results.append(
            Result(
                f"region: {role} {path} p95",
                ratio,
                P95_RATIO,
                "×",
                f"p95 alone {alone_ms:.1f} ms (lowest of the rounds), in turn with the region",
            )
        )
        results.append(
            Result(
                f"region: {role} {path} queries",
                queries,
                was_queries,
                "",
                f"{queries} with the region, {was_queries} alone",
            )
        )
    results.append(Result("region: coordinator's rollup", rollup, ROLLUP_SECONDS, "s", region))
    results.append(
        Result(
            "region: import of 5 000 people",
            after_import / before_import,
            IMPORT_RATIO,
            "×",
            f"{after_import:.1f} s with the region, {before_import:.1f} s alone",
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
