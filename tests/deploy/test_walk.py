# ruff: noqa: S603, S607, S310 - the walk runs our own commands and opens our own https URLs
"""The deployment the operations guide describes, walked for real: deploy/nginx.conf in front
of gunicorn (production settings) and the task worker, as in deploy/*.service, with a
self-signed certificate. A curator logs in over HTTPS, opens a page, starts a job the worker
runs and downloads its file; nginx serves the static files, sends HTTP to HTTPS, refuses an
upload over the portal's cap; an X-Forwarded-For a client makes up does not move the login
lockout off the client's real address.

Runs where nginx is installed (`make test` installs Debian's nginx-light as root).
"""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "nastavnichestvo.test"

pytestmark = [
    pytest.mark.deploy,
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_config(tmp: Path, ports: dict[str, int]) -> str:
    """deploy/nginx.conf as an operator installs it: their server name, certificate paths and
    directories; ports free on this machine."""
    site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    for old, new in {
        "nastavnichestvo.school.example": HOST,
        "/etc/ssl/certs/nastavnichestvo.pem": str(tmp / "cert.pem"),
        "/etc/ssl/private/nastavnichestvo.key": str(tmp / "key.pem"),
        "/var/log/nginx/": f"{tmp}/",
        "/opt/nastavnichestvo/staticfiles/": f"{tmp}/static/",
        "127.0.0.1:8000": f"127.0.0.1:{ports['gunicorn']}",
        "listen 80;": f"listen 127.0.0.1:{ports['http']};",
        "listen [::]:80;": "",
        "listen 443 ssl": f"listen 127.0.0.1:{ports['https']} ssl",
        "listen [::]:443 ssl": "# listen [::]:443 ssl",
        "return 301 https://$host$request_uri;": (
            f"return 301 https://$host:{ports['https']}$request_uri;"
        ),
    }.items():
        assert old in site, f"deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    # the walk's files sit in the test's private temporary directory: the workers read them as
    # the user running the test (a real install gives www-data its static directory)
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    {site}
}}
"""


def exec_start(unit: str) -> list[str]:
    """The command a systemd unit of deploy/ runs, for this checkout."""
    text = (ROOT / "deploy" / unit).read_text(encoding="utf-8")
    line = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
    return line.replace("/opt/nastavnichestvo/.venv/bin/", f"{sys.prefix}/bin/").split()


class Browser:
    """A client over TLS that trusts the walk's certificate and keeps its cookies."""

    def __init__(self, base: str, cafile: Path):
        context = ssl.create_default_context(cafile=str(cafile))
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.jar),
        )
        self.base = base

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def open(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        request.add_header("Referer", self.base + path)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers, error.url
        return response.status, response.read(), response.headers, response.url

    def login(self, username: str, password: str, headers: dict | None = None):
        self.open("/login/")
        return self.open(
            "/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf()},
            headers,
        )


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("deploy")
    ports = {name: free_port() for name in ("http", "https", "gunicorn")}
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
         "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_PORTAL_URL": f"https://{HOST}:{ports['https']}",
        "DJANGO_PROXY_COUNT": "1",
        "DJANGO_LOGIN_FAILURE_LIMIT": "3",
    }
    manage = [sys.executable, "manage.py"]

    def run(*args, settings="config.settings.production"):
        subprocess.run(
            [*manage, *args, f"--settings={settings}"], cwd=ROOT, env=env, check=True,
            capture_output=True,
        )  # fmt: skip

    # collectstatic (compressing every file: ~20 s) beside migrate and the demo's seed
    collecting = subprocess.Popen(
        [*manage, "collectstatic", "--no-input", "--settings=config.settings.production"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    run("migrate", "--no-input")
    run("seed_demo", settings="config.settings.local")  # the demo is refused in production
    assert collecting.wait(timeout=300) == 0, collecting.stderr.read().decode()
    (tmp / "nginx.conf").write_text(site_config(tmp, ports), encoding="utf-8")
    production = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    web = exec_start("nastavnichestvo-web.service")
    web[web.index("--bind") + 1] = f"127.0.0.1:{ports['gunicorn']}"
    web[web.index("--workers") + 1] = "2"
    processes = [
        subprocess.Popen(web, cwd=ROOT, env=production, stderr=subprocess.DEVNULL),
        subprocess.Popen(
            exec_start("nastavnichestvo-worker.service"),
            cwd=ROOT,
            env=production,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [NGINX, "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        ),
    ]
    base = f"https://{HOST}:{ports['https']}"
    # the walk's host name points here, as a school's DNS would
    original = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        return original("127.0.0.1" if host == HOST else host, *args, **kwargs)

    socket.getaddrinfo = resolve
    try:
        # up when /healthz says «ok» through nginx: gunicorn answering, the worker alive (an
        # answer alone was not enough: nginx's 502 before gunicorn was up failed a CI run)
        deadline = time.monotonic() + 60
        while True:
            assert processes[2].poll() is None, processes[2].stderr.read().decode()
            try:
                status = Browser(base, tmp / "cert.pem").open("/healthz")[0]
            except OSError as error:
                status = error
            if status == 200:
                break
            assert time.monotonic() < deadline, f"/healthz through nginx: {status}"
            time.sleep(0.3)
        yield {"base": base, "cert": tmp / "cert.pem", "ports": ports, "tmp": tmp}
    finally:
        socket.getaddrinfo = original
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def test_a_curator_logs_in_opens_a_page_starts_a_job_and_downloads_its_file(deployment):
    browser = Browser(deployment["base"], deployment["cert"])
    status, _, headers, url = browser.login("curator", "demo")
    assert status == 200 and url == deployment["base"] + "/", url
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    status, body, _, _ = browser.open("/registry/people/")
    page = body.decode()
    assert status == 200 and "Люди" in page
    person = re.search(r'href="/registry/people/(\d+)/"', page).group(1)
    status, body, _, url = browser.open(
        f"/privacy/people/{person}/subject/",
        {
            "received_on": time.strftime("%Y-%m-%d"),
            "requested_by": "Заявитель Иван Иванович",
            "address": "",
            "csrfmiddlewaretoken": browser.csrf(),
        },
    )
    assert status == 200 and "/jobs/" in url, body.decode()[:500]
    job = re.search(r"/jobs/(\d+)/", url).group(1)
    deadline = time.monotonic() + 60
    while True:  # the page polls; the worker under its systemd command runs the job
        status, body, _, _ = browser.open(f"/jobs/{job}/")
        if "Скачать" in body.decode():
            break
        assert time.monotonic() < deadline, body.decode()[:2000]
        time.sleep(0.5)
    status, content, headers, _ = browser.open(f"/jobs/{job}/download/")
    assert status == 200 and headers["Content-Type"] == "application/zip"
    assert "Сведения.pdf" in zipfile.ZipFile(io.BytesIO(content)).namelist()


def test_nginx_serves_static_files_redirects_http_and_caps_uploads(deployment):
    browser = Browser(deployment["base"], deployment["cert"])
    status, body, _, _ = browser.open("/login/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', body.decode()).group(1)
    status, _, headers, _ = browser.open(stylesheet)
    assert status == 200 and headers["Server"].startswith("nginx")
    assert "max-age=2592000" in headers.get("Cache-Control", "")  # expires 30d: nginx's own
    plain = urllib.request.build_opener(urllib.request.HTTPHandler())
    request = urllib.request.Request(f"http://127.0.0.1:{deployment['ports']['http']}/login/")
    request.add_header("Host", HOST)

    class Stop(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as moved:
        urllib.request.build_opener(Stop()).open(request, timeout=10)
    assert moved.value.code == 301
    assert moved.value.headers["Location"] == deployment["base"] + "/login/"
    del plain
    big = {"file": "x" * (13 * 1024 * 1024)}
    status, _, _, _ = browser.open("/login/", big)
    assert status == 413  # nginx's cap, before the portal reads a byte


def test_a_made_up_forwarded_address_does_not_move_the_lockout(deployment):
    """Failures from one client, each claiming another address in X-Forwarded-For: nginx sets
    the header to the real one, so they add up — the third (DJANGO_LOGIN_FAILURE_LIMIT) locks
    the account for this client, and the right password from it is refused too."""
    outcomes = []
    for n in range(3):
        attacker = Browser(deployment["base"], deployment["cert"])
        status, body, _, _ = attacker.login(
            "director", "wrong", {"X-Forwarded-For": f"203.0.113.{n + 1}"}
        )
        outcomes.append((status, "Неверное имя пользователя или пароль." in body.decode()))
    assert outcomes == [(200, True), (200, True), (429, False)]
    again = Browser(deployment["base"], deployment["cert"])
    status, body, _, _ = again.login("director", "demo", {"X-Forwarded-For": "198.51.100.7"})
    assert status == 429 and "Вход временно заблокирован" in body.decode(), status
