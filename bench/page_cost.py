"""The main pages' server time against the login page's (#18, #27: ≤ 5×).

The demo school, Django's test client in one process (no network, no other users): the
lowest of a page's medians of warm requests over seven rounds against the lowest of the
anonymous login page's medians in the same rounds (timed just before the page in each), so
that a slow moment of the machine falls on both and both sides are the best of as many.

No page is kept (#27, ADR 0004): every request renders the page in full from the data. What
may be kept are a school's figures (home panels' counts, accounts.freshness.school_figures)
until that school changes. Gated: the page as it is opened after another school wrote
(rendered in full, the school's figures kept). Printed beside it, so that the work stays in
sight: the page after a change in the school itself (its figures counted anew).
"""

from __future__ import annotations

import functools
import statistics
import sys
import time

from common import Result, print_table, setup_django
from load import PAGES  # the pages each role opens every day, as the load test opens them

TARGET_RATIO = 5.0
REQUESTS = 25
ROUNDS = 7


HERE, ELSEWHERE = "here", "elsewhere"


def median_ms(client, path: str, change: str = "") -> float:
    from accounts.freshness import _bump

    timings = []
    for _ in range(REQUESTS):
        if change:
            _bump(other_school() if change == ELSEWHERE else None)
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return statistics.median(timings) * 1000


@functools.cache
def other_school() -> int:
    """A demo school that shares no pair with the main one: its writes are another school's."""
    from accounts.models import Organization
    from demo.accounts import MAIN_SLUG
    from mentoring.selectors import schools_sharing_pairs

    main = Organization.objects.get(slug=MAIN_SLUG).pk
    return (
        Organization.objects.exclude(pk__in={main} | schools_sharing_pairs({main}))
        .values_list("pk", flat=True)
        .first()
    )


def measure() -> dict[tuple[str, str], tuple[float, float, int, float]]:
    """Each page's lowest median over the rounds, after a change elsewhere and in the school,
    its query count, and the login page's lowest median over the same rounds (each round
    times the login page just before the page: the best of as many rounds on both sides —
    the best of all 105 login medians against a page's best of 7 read ≈ 10 % dearer)."""
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
    for role, pages in PAGES.items():  # warm: templates compiled, figures kept
        for page in pages:
            for _ in range(3):
                clients[role].get(page)
    for _ in range(3):
        anonymous.get("/login/")
    login: dict[tuple[str, str], list[float]] = {}
    elsewhere: dict[tuple[str, str], list[float]] = {}
    here: dict[tuple[str, str], list[float]] = {}
    for _ in range(ROUNDS):
        for role, paths in PAGES.items():
            for path in paths:
                page = (role, path)
                login.setdefault(page, []).append(median_ms(anonymous, "/login/"))
                elsewhere.setdefault(page, []).append(median_ms(clients[role], path, ELSEWHERE))
                here.setdefault(page, []).append(median_ms(clients[role], path, HERE))
    out = {}
    for page, rounds in elsewhere.items():
        clients[page[0]].get(page[1])  # the school's figures built
        _bump(other_school())
        with CaptureQueriesContext(connection) as queries:
            clients[page[0]].get(page[1])
        out[page] = (min(rounds), min(here[page]), len(queries), min(login[page]))
    return out


def run() -> list[Result]:
    setup_django(demo=True)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    pages = measure()
    return [
        Result(
            f"page cost: {role} {path}",
            ms / login,
            TARGET_RATIO,
            "×",
            f"{ms:.1f} ms, {queries} queries; after a change in the school {here:.1f} ms "
            f"({here / login:.1f}×); login page {login:.1f} ms",
        )
        for (role, path), (ms, here, queries, login) in pages.items()
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
