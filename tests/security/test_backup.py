"""`make backup` / `make restore` on PostgreSQL: a restored database holds the same data, and
the semester report built from it is byte-for-byte the same PDF."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from accounts.demo import MAIN_SLUG

ROOT = Path(__file__).resolve().parents[2]
TABLES = ["accounts_organization", "registry_person", "registry_consent", "registry_mentorprofile"]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups are pg_dump/pg_restore: PostgreSQL only"
)


def url_for(dbname: str) -> str:
    s = connection.settings_dict
    host, port = s.get("HOST") or "127.0.0.1", s.get("PORT") or 5432
    return f"postgresql://{s.get('USER') or 'postgres'}@{host}:{port}/{dbname}"


def fingerprint(url: str) -> dict[str, str]:
    with psycopg.connect(url) as conn:
        return {
            table: hashlib.sha256(
                repr(conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()).encode()  # noqa: S608
            ).hexdigest()
            for table in TABLES
        }


def semester_report(url: str, output: Path) -> bytes:
    """The demo school's report for the first half of 2021–22, built by the command."""
    subprocess.run(  # noqa: S603 - our manage.py
        [sys.executable, "manage.py", "semester_report", "--organization", MAIN_SLUG,
         "--year", "2021", "--half", "1", "--output", str(output)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        capture_output=True,
        timeout=300,
        check=True,
    )  # fmt: skip
    return output.read_bytes()


def make(*args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our Makefile
        ["make", "--no-print-directory", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    source = url_for(connection.settings_dict["NAME"])
    dump = (
        make("backup", f"DATABASE_URL={source}", f"BACKUP_DIR={tmp_path}").strip().splitlines()[-1]
    )
    assert Path(dump).stat().st_size > 0

    fresh = f"restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        make("restore", f"DATABASE_URL={url_for(fresh)}", f"FILE={dump}")
        assert fingerprint(url_for(fresh)) == fingerprint(source)
        before = semester_report(source, tmp_path / "before.pdf")
        after = semester_report(url_for(fresh), tmp_path / "after.pdf")
        assert before.startswith(b"%PDF") and len(before) > 10_000
        assert after == before
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
