"""`make backup` / `make restore` on PostgreSQL: the restore drill. A backup restored into a
fresh database and a fresh file storage holds every table and every file byte for byte (a
consent's scan included), and the semester report built from it is the same PDF."""

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
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from demo.accounts import MAIN_SLUG
from registry.models import Consent

ROOT = Path(__file__).resolve().parents[2]
SCAN = b"%PDF-1.4\n% a consent signed on paper\n" + os.urandom(2048) + b"\n%%EOF\n"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups are pg_dump/pg_restore: PostgreSQL only"
)


def url_for(dbname: str) -> str:
    s = connection.settings_dict
    host, port = s.get("HOST") or "127.0.0.1", s.get("PORT") or 5432
    return f"postgresql://{s.get('USER') or 'postgres'}@{host}:{port}/{dbname}"


def tables(conn: psycopg.Connection) -> list[str]:
    """The database's tables (the portal's, Django's and the packages')."""
    return [
        name
        for (name,) in conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        )
    ]


def fingerprint(url: str) -> dict[str, str]:
    """Every table of the database: its rows, in a fixed order, hashed."""
    with psycopg.connect(url) as conn:
        return {
            table: hashlib.sha256(
                repr(sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"')))).encode()  # noqa: S608
            ).hexdigest()
            for table in tables(conn)
        }


def files(root: Path) -> dict[str, str]:
    """Every file the school owns under the storage root, by path: its bytes hashed."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] != "imports"
    }


def manage(url: str, *args: str) -> str:
    """`manage.py *args` on the database at `url` (local settings); its output."""
    done = subprocess.run(  # noqa: S603 - our manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def semester_report(url: str, output: Path) -> bytes:
    """The demo school's report for the first half of 2021–22, built by the command."""
    manage(url, "semester_report", "--organization", MAIN_SLUG, "--year", "2021", "--half", "1",
           "--output", str(output))  # fmt: skip
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
def test_backup_restores_into_a_fresh_database_and_storage(tmp_path, settings):
    call_command("seed_demo", stdout=io.StringIO())
    consent = Consent.objects.filter(person__organization__slug=MAIN_SLUG).first()
    consent.scan.save("Согласие.pdf", ContentFile(SCAN))
    media = Path(settings.MEDIA_ROOT)
    source = url_for(connection.settings_dict["NAME"])
    dump = (
        make("backup", f"DATABASE_URL={source}", f"BACKUP_DIR={tmp_path}", f"MEDIA_ROOT={media}")
        .strip()
        .splitlines()[-1]
    )
    assert Path(dump).stat().st_size > 0
    restored_media = tmp_path / "restored-media"

    fresh = f"restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        make(
            "restore", f"DATABASE_URL={url_for(fresh)}", f"FILE={dump}",
            f"MEDIA_ROOT={restored_media}",
        )  # fmt: skip
        assert fingerprint(url_for(fresh)) == fingerprint(source)
        assert files(restored_media) == files(media)
        assert (restored_media / consent.scan.name).read_bytes() == SCAN
        before = semester_report(source, tmp_path / "before.pdf")
        after = semester_report(url_for(fresh), tmp_path / "after.pdf")
        assert before.startswith(b"%PDF") and len(before) > 10_000
        assert after == before
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
