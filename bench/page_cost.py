"""The main pages' server time against the login page's (#18: ≤ 3×).

The demo school, Django's test client in one process (no network, no other users): each
page's median of warm requests against the anonymous login page's median in the same run,
measured in interleaved rounds so that a slow moment of the machine falls on both.

A page seen again while nothing changed comes from the cache (accounts.freshness): that is
what is gated. The first view after a change renders the page — its panels, its rows — and
is printed beside it («after a change»), so that the work a change costs stays in sight.
"""

from __future__ import annotations

import statistics
import sys
import time

from common import Result, print_table, setup_django
from load import PAGES  # the pages each role opens every day, as the load test opens them

TARGET_RATIO = 3.0
REQUESTS = 15
ROUNDS = 5


def median_ms(client, path: str, after_change: bool = False) -> float:
    from accounts.freshness import _bump

    timings = []
    for _ in range(REQUESTS):
        if after_change:
            _bump()  # what any change does: the cached pages are of the old generation
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return statistics.median(timings) * 1000


def measure() -> tuple[float, dict[tuple[str, str], tuple[float, float, int]]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    anonymous = Client()
    clients = {}
    for role in PAGES:
        clients[role] = Client()
        clients[role].force_login(User.objects.get(username=role))
    for role, pages in PAGES.items():  # warm: templates compiled, caches filled
        for page in pages:
            for _ in range(3):
                clients[role].get(page)
    for _ in range(3):
        anonymous.get("/login/")
    login: list[float] = []
    pages: dict[tuple[str, str], list[float]] = {}
    changed: dict[tuple[str, str], list[float]] = {}
    for _ in range(ROUNDS):
        for role, paths in PAGES.items():
            for path in paths:
                login.append(median_ms(anonymous, "/login/"))
                pages.setdefault((role, path), []).append(median_ms(clients[role], path))
                changed.setdefault((role, path), []).append(
                    median_ms(clients[role], path, after_change=True)
                )
    out = {}
    for (role, path), rounds in pages.items():
        with CaptureQueriesContext(connection) as queries:
            clients[role].get(path)
        out[(role, path)] = (min(rounds), min(changed[(role, path)]), len(queries))
    return min(login), out


def run() -> list[Result]:
    setup_django()
    import io

    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("seed_demo", stdout=io.StringIO())
    login, pages = measure()
    return [
        Result(
            f"page cost: {role} {path}",
            ms / login,
            TARGET_RATIO,
            "×",
            f"seen again {ms:.1f} ms; after a change {cold:.1f} ms ({cold / login:.1f}×, "
            f"{queries} queries); login page {login:.1f} ms",
        )
        for (role, path), (ms, cold, queries) in pages.items()
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
