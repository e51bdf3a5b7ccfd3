"""Two nodes, one database: the smoke test of a horizontal deployment.

Two gunicorn nodes on different ports and one task worker (`run_worker`) share one
PostgreSQL database and one file storage (DJANGO_MEDIA_ROOT, a shared volume in production).
A user signs in on one node and works on the other; a report the worker builds downloads from
either; a consent scan uploaded on one opens on the other; the login lockout holds across
both; /healthz answers on both. Each check is a row: 0 = held, 1 = broken.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from common import ROOT, Result, postgres_database, print_table
from load import Browser, free_port, prepare, server_env, wait_up


def _scan() -> bytes:
    """A one-page PDF, unique to the run: an upload is parsed (pypdf, pages), not sniffed."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"two nodes {os.urandom(8).hex()}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SCAN = _scan()


class Client(Browser):
    """A browser that may talk to either node with the same cookies."""

    def on(self, base: str) -> Client:
        self.base = base
        return self

    def fetch(self, path: str, data: bytes | None = None, headers: dict | None = None):
        # the page posted from is on the node posted to (CSRF checks the Referer under HTTPS)
        referer = {"Referer": self.base.replace("http://", "https://") + path}
        request = urllib.request.Request(  # noqa: S310 - our own node over http
            self.base + path, data=data, headers={**referer, **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.url, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read()

    def token(self, path: str) -> str:
        _status, _url, html = self.fetch(path)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()

    def post(self, path: str, fields: dict, files: dict | None = None, form: str = ""):
        """Post to `path` with the CSRF token of the page holding the form (`form`, else the
        path itself)."""
        fields = {"csrfmiddlewaretoken": self.token(form or path), **fields}
        if not files:
            return self.fetch(path, urllib.parse.urlencode(fields).encode())
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                .encode()
            )  # fmt: skip
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                + content + b"\r\n"
            )  # fmt: skip
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.fetch(path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def sql(db_url: str, query: str, *params):
    import psycopg

    with psycopg.connect(db_url) as conn:
        return conn.execute(query, params).fetchone()


def checks(a: str, b: str, db_url: str) -> list[tuple[str, bool, str]]:
    out = []
    curator = Client(a)
    curator.login("curator")
    status, url, _ = curator.on(b).fetch("/")
    out.append(("signed in on A, works on B", status == 200 and "/login/" not in url, url))

    # a consent scan uploaded on A opens on B
    person_id = sql(
        db_url,
        "SELECT p.id FROM registry_person p JOIN accounts_organization o"
        " ON o.id = p.organization_id"
        " WHERE o.slug = 'school-19' AND p.category = 'teacher' ORDER BY p.id LIMIT 1",
    )[0]
    card = f"/registry/people/{person_id}/"
    curator.on(a).post(
        f"/registry/people/{person_id}/consents/",
        {"kind": "personal_data", "given_on": "2021-09-01"},
        {"scan": ("Согласие.pdf", SCAN)},
        form=card,
    )
    consent_id = sql(
        db_url, "SELECT id FROM registry_consent WHERE person_id = %s ORDER BY id DESC", person_id
    )[0]
    status, _url, body = curator.on(b).fetch(f"/registry/consents/{consent_id}/scan/")
    out.append(("scan uploaded on A opens on B", status == 200 and body == SCAN, f"HTTP {status}"))

    # a report started on A, built by the worker, downloads from A and from B
    deputy = Client(a)
    deputy.login("deputy")
    year_id = sql(db_url, "SELECT id FROM accounts_academicyear WHERE start_year = 2021")[0]
    deputy.post("/monitoring/reports/", {"academic_year": year_id, "half": 1})
    report_id = sql(db_url, "SELECT id FROM monitoring_semesterreport ORDER BY id DESC")[0]
    report = f"/monitoring/reports/{report_id}/"
    deputy.post(f"{report}generate/", {}, form=report)
    job_id = sql(db_url, "SELECT id FROM accounts_job ORDER BY id DESC")[0]
    state = ""
    for _ in range(240):
        state = sql(db_url, "SELECT status FROM accounts_job WHERE id = %s", job_id)[0]
        if state in ("done", "failed"):
            break
        time.sleep(0.5)
    pdfs = [deputy.on(node).fetch(f"/jobs/{job_id}/download/")[2][:5] for node in (a, b)]
    out.append(("report built by the worker, from A and B", pdfs == [b"%PDF-"] * 2, state))

    # five wrong passwords on A lock the same user and address on B
    anonymous = Client(a)
    for _ in range(5):
        anonymous.on(a).post("/login/", {"username": "teacher", "password": "wrong"})
    status, _url, _ = anonymous.on(b).post("/login/", {"username": "teacher", "password": "demo"})
    out.append(("lockout on A holds on B", status == 429, f"HTTP {status}"))

    health = [Client(node).fetch("/healthz")[:1] for node in (a, b)]
    out.append(("/healthz ok on both", health == [(200,), (200,)], str(health)))
    return out


def run() -> list[Result]:
    db_url, drop = postgres_database("two_nodes", demo=True)
    media = Path(tempfile.mkdtemp(prefix="two-nodes-media-"))
    env = {**server_env(db_url), "DJANGO_MEDIA_ROOT": str(media)}
    processes = []
    try:
        os.environ["DJANGO_MEDIA_ROOT"] = str(media)
        prepare(db_url)
        ports = [free_port(), free_port()]
        for port in ports:
            node = ["-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind",
                    f"127.0.0.1:{port}", "--log-level", "warning",
                    "--no-control-socket"]  # fmt: skip
            processes.append(subprocess.Popen([sys.executable, *node], cwd=ROOT, env=env))  # noqa: S603
        worker = ["manage.py", "run_worker", "--interval", "0.2",
                  "--settings=config.settings.production"]  # fmt: skip
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        processes.append(subprocess.Popen([sys.executable, *worker], cwd=ROOT, env=env, **quiet))  # noqa: S603
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        wait_up(a)
        wait_up(b)
        time.sleep(1)  # the worker's first heartbeat
        results = checks(a, b, db_url)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        drop()
    return [
        Result(f"two nodes: {label}", 0.0 if held else 1.0, 0, "", detail[:60])
        for label, held, detail in results
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
