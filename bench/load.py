"""Load test: the demo school's main pages at 20 concurrent users, served by gunicorn.

Bounded and local: gunicorn on 127.0.0.1 with production settings on a seeded temporary
SQLite database; 20 users (threads) log in as the demo roles and each makes a fixed number
of requests to their main pages. Target: p95 < 100 ms and no errors. The baseline is the
static login page fetched by the same clients in the same run.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT, Result, percentile, print_table

USERS = 20
REQUESTS_PER_USER = 40
# role → the pages that person opens every day
PAGES = {
    "curator": ["/"],
    "director": ["/"],
    "deputy": ["/"],
    "teacher": ["/"],
    "mentee": ["/"],
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
        started = time.perf_counter()
        with self.opener.open(self.base + path, timeout=30) as response:
            response.read()
            status = response.status
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


def run() -> list[Result]:
    db = Path(tempfile.mkdtemp(prefix="load-")) / "load.sqlite3"
    db_url = f"sqlite:///{db}"
    prepare(db_url)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env(db_url),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login/", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        roles = list(PAGES)
        pages, baseline, errors = [], [], []
        lock = threading.Lock()

        def user(n: int) -> None:
            role = roles[n % len(roles)]
            browser = Browser(base)
            anonymous = Browser(base)
            try:
                browser.login(role)
                for i in range(REQUESTS_PER_USER):
                    status, seconds = browser.get(PAGES[role][i % len(PAGES[role])])
                    _, login_seconds = anonymous.get("/login/")
                    with lock:
                        if status == 200:
                            pages.append(seconds)
                        else:
                            errors.append(f"HTTP {status}")
                        baseline.append(login_seconds)
            except Exception as exc:
                with lock:
                    errors.append(repr(exc))

        threads = [threading.Thread(target=user, args=(n,)) for n in range(USERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
    p95 = percentile(pages, 95) * 1000
    base_p95 = percentile(baseline, 95) * 1000
    return [
        Result(
            f"load: main pages p95, {USERS} users, {len(pages)} requests",
            p95,
            100,
            "ms",
            f"login page p95 {base_p95:.1f} ms",
        ),
        Result("load: errors", float(len(errors)), 0, "", str(errors[0])[:80] if errors else ""),
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
