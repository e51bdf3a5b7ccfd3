"""Load test: the demo school's main pages under concurrent users, served by gunicorn.

Bounded and local: gunicorn on 127.0.0.1 with production settings on a seeded temporary
database — by default as deployed for a region (#18): two nodes (2 workers each) on one
PostgreSQL database with 50 users, half on each node; with BENCH_LOAD_REGION=0 one node (3
workers) on SQLite with 20 users, for a machine without PostgreSQL. The users (processes) log
in as the demo roles, open each of their pages twice untimed (a fresh worker compiles templates
on first use), wait for each other, arrive spread over one pause, and then each make a fixed
number of timed requests to their main pages, pausing 1–3 s between them as a reader does.
Target: p95 < 100 ms and no errors. The baseline is the anonymous login page fetched by the
same clients in the same run.
"""

from __future__ import annotations

import http.cookiejar
import multiprocessing
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT, Result, percentile, print_table

# A region's set-up (#18): two nodes on PostgreSQL, 50 users. It measured p95 87–101 ms here
# before pages seen again came from the cache (accounts.freshness), 42 ms after; `make bench`
# gates it. BENCH_LOAD_REGION=0: one node on SQLite, 20 users.
REGION = os.environ.get("BENCH_LOAD_REGION", "1") != "0"
NODES = 2 if REGION else 1
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50" if REGION else "20"))
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REQUESTS_PER_USER = int(os.environ.get("BENCH_LOAD_REQUESTS", "25"))
# A person reads a page before opening the next: 1–3 s, locust's customary `between(1, 3)`.
# BENCH_LOAD_THINK="0.25,0.75" (or "0,0") gives the harder figures in RESULTS.md; with no
# pause at all the clients measure gunicorn's queue rather than the pages.
THINK_SECONDS = tuple(float(x) for x in os.environ.get("BENCH_LOAD_THINK", "1,3").split(","))
WARM_UP_ROUNDS = 2
START_LINE = None  # a multiprocessing.Barrier: the users start timing together
# The baseline (the anonymous login page) is fetched after every fifth page: often enough for
# a percentile, rarely enough not to add its own load to what it measures.
BASELINE_EVERY = 5
# role → the pages that person opens every day
PAGES = {
    "curator": [
        "/",
        "/mentoring/assignments/",
        "/registry/people/",
        "/documents/",
        "/monitoring/questionnaires/",
    ],
    "director": ["/", "/documents/inbox/", "/documents/"],
    "deputy": ["/", "/monitoring/reports/"],
    "teacher": ["/", "/mentoring/mine/", "/monitoring/mine/"],
    "mentee": ["/", "/monitoring/mine/"],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def prepare(db_url: str) -> None:
    env = server_env(db_url)
    python = sys.executable
    for args, settings in (
        (["migrate", "-v0"], "local"),
        (["seed_demo"], "local"),
        (["collectstatic", "--noinput", "-v0"], "production"),
    ):
        subprocess.run(  # noqa: S603 - our manage.py
            [python, "manage.py", *args, f"--settings=config.settings.{settings}"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )


class BehindTLSProxy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure; here the client plays the TLS proxy on loopback."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """A signed-in user over HTTP (cookies, CSRF token) as if behind the TLS proxy."""

    def __init__(self, base: str):
        self.base = base
        jar = http.cookiejar.CookieJar(policy=BehindTLSProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.opener.addheaders = [
            ("X-Forwarded-Proto", "https"),
            ("Referer", base.replace("http://", "https://") + "/login/"),
        ]

    def get(self, path: str) -> tuple[int, float]:
        """(status, seconds); a page that sends the user to the login form counts as 401."""
        started = time.perf_counter()
        with self.opener.open(self.base + path, timeout=30) as response:
            response.read()
            status = response.status
            if path != "/login/" and urllib.parse.urlsplit(response.url).path == "/login/":
                status = 401
        return status, time.perf_counter() - started

    def login(self, username: str) -> None:
        with self.opener.open(self.base + "/login/", timeout=30) as response:
            html = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {"username": username, "password": "demo", "csrfmiddlewaretoken": token}
        ).encode()
        with self.opener.open(self.base + "/login/", data=data, timeout=30) as response:
            if "/login/" in response.url:
                raise RuntimeError(f"login failed for {username}")


def user(args: tuple[str, int]) -> dict:
    """One person in their own process (so the clients do not share one interpreter lock):
    signs in, then opens their pages; the anonymous login page is timed alongside."""
    bases, n = args
    base = bases[n % len(bases)]  # the balancer sends each user to one node
    roles = list(PAGES)
    role = roles[n % len(roles)]
    outcome = {"pages": [], "baseline": [], "errors": [], "span": None}
    pause = random.Random(n)
    browser, anonymous = Browser(base), Browser(base)
    try:
        browser.login(role)
        # Untimed warm-up: a fresh gunicorn worker compiles each template and fills its
        # caches on the first request for a page; a server in use has long done that.
        for _ in range(WARM_UP_ROUNDS):
            for path in PAGES[role]:
                browser.get(path)
            anonymous.get("/login/")
        # Signing in hashes the password (PBKDF2, about half a second of a worker's CPU here):
        # the timed part starts once every user is in, so it measures pages, not logins.
        START_LINE.wait(timeout=300)
        # ...and not all in the same instant: people arrive spread over one pause.
        time.sleep(pause.uniform(0, THINK_SECONDS[1]))
        first = time.perf_counter()
        for i in range(REQUESTS_PER_USER):
            path = PAGES[role][i % len(PAGES[role])]
            status, seconds = browser.get(path)
            if status == 200:
                outcome["pages"].append((path, seconds))
            else:
                outcome["errors"].append(f"HTTP {status} {path}")
            if i % BASELINE_EVERY == 0:
                outcome["baseline"].append(anonymous.get("/login/")[1])
            time.sleep(pause.uniform(*THINK_SECONDS))
        outcome["span"] = (first, time.perf_counter())
    except Exception as exc:
        outcome["errors"].append(repr(exc))
        START_LINE.abort()  # the others must not wait for a user who will never come
    return outcome


def wait_up(base: str) -> None:
    """Until the node answers its login page (a fresh gunicorn takes a few seconds)."""
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/login/", timeout=1).read()  # noqa: S310
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


def start_node(db_url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2" if REGION else "3",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         "--no-control-socket"],  # several nodes on one machine
        cwd=ROOT,
        env=server_env(db_url),
    )  # fmt: skip
    return server, f"http://127.0.0.1:{port}"


def database() -> tuple[str, object]:
    """A fresh database and how to drop it: PostgreSQL, or a SQLite file."""
    if NODES == 1:
        db = Path(tempfile.mkdtemp(prefix="load-")) / "load.sqlite3"
        return f"sqlite:///{db}", lambda: None
    import psycopg

    name = f"bench_load_{secrets.token_hex(4)}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{PG}/{name}", drop


def run() -> list[Result]:
    db_url, drop = database()
    servers = []
    try:
        prepare(db_url)
        servers = [start_node(db_url) for _ in range(NODES)]
        bases = [base for _, base in servers]
        for base in bases:
            wait_up(base)
        global START_LINE  # inherited by the forked users
        context = multiprocessing.get_context("fork")
        START_LINE = context.Barrier(USERS)
        with context.Pool(USERS) as pool:
            outcomes = pool.map(user, [(bases, n) for n in range(USERS)])
        timed = [pt for o in outcomes for pt in o["pages"]]
        pages = [t for _, t in timed]
        spans = [o["span"] for o in outcomes if o["span"]]  # perf_counter is system-wide
        elapsed = max(end for _, end in spans) - min(start for start, _ in spans) if spans else 0
        baseline = [t for o in outcomes for t in o["baseline"]]
        errors = [e for o in outcomes for e in o["errors"]]
    finally:
        for server, _base in servers:
            server.terminate()
            server.wait(timeout=10)
        drop()
    if not pages or not baseline:
        return [Result("load: FAILED, no page was timed", float("inf"), 0, "", str(errors)[:80])]
    slowest = max(
        {path for path, _ in timed},
        key=lambda path: percentile([t for p, t in timed if p == path], 95),
    )
    slowest_p95 = percentile([t for p, t in timed if p == slowest], 95) * 1000
    p95 = percentile(pages, 95) * 1000
    base_p50 = percentile(baseline, 50) * 1000
    return [
        Result(
            f"load: main pages p95, {USERS} users on {NODES} node(s), {len(pages)} requests, "
            f"{len(pages) / elapsed:.0f} req/s"
            if elapsed
            else "",
            p95,
            target_ms(base_p50),
            "ms",
            f"login page p50 {base_p50:.1f} ms; slowest page {slowest} p95 {slowest_p95:.1f} ms",
        ),
        Result("load: errors", float(len(errors)), 0, "", str(errors[0])[:80] if errors else ""),
    ]


TARGET_MS = 100
# The machine's speed in this run: the median of the trivial login page (about 6 ms on a
# quiet machine here). A main page costs about ten of them at p95 under this load.
LOGIN_RATIO = 15


def target_ms(login_p50: float) -> float:
    """100 ms at p95, or 15× the login page's median in the same run when the machine is so
    slow that the trivial login page alone takes over 6.7 ms (this shared machine swings by
    2.5× within a day). The median, not the p95, of the baseline: 100 samples give a p95
    that is itself noise (a CI run failed at 100.9 against 5 × p95 = 100.5 ms with nothing
    changed). A page that grows, e.g. by an N+1 query, still fails; query counts are held
    by the tests."""
    return max(TARGET_MS, LOGIN_RATIO * login_p50)


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
