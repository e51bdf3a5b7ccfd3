"""The files docs/operations.md tells a person to install (deploy/) agree with the portal, and
the docs' links lead somewhere. (Starting nginx, gunicorn and the worker from them is the
deployment walk's business; this catches a renamed command or setting at once.)"""

from __future__ import annotations

import datetime
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from core.uploads import SCAN_MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def test_nginx_takes_the_portals_largest_upload_and_sets_the_clients_address():
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    size = int(re.search(r"client_max_body_size (\d+)m;", site).group(1)) * 1024 * 1024
    assert size == settings.DATA_UPLOAD_MAX_MEMORY_SIZE and size > SCAN_MAX_BYTES
    # set, never appended to what the client sent: the lockout counts the real address
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    assert "$proxy_add_x_forwarded_for" not in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    static = re.search(r"location /static/ \{\s*alias (\S+);", site).group(1)
    assert Path(static.rstrip("/")).name == Path(settings.STATIC_ROOT).name
    # the access log leaves out the query string (a search for a name)
    log_format = re.search(r"log_format \w+ ([^;]+);", site).group(1)
    assert "$uri" in log_format and "$request_uri" not in log_format
    assert "$request " not in log_format and "$args" not in log_format


def test_the_services_and_cron_run_commands_that_exist():
    commands = get_commands()
    worker = (DEPLOY / "nastavnichestvo-worker.service").read_text(encoding="utf-8")
    assert re.search(r"^ExecStart=.* manage\.py run_worker$", worker, re.M)
    web = (DEPLOY / "nastavnichestvo-web.service").read_text(encoding="utf-8")
    wsgi = re.search(r"gunicorn (\S+) ", web).group(1)
    assert (ROOT / (wsgi.replace(".", "/") + ".py")).exists()
    cron = (DEPLOY / "cron").read_text(encoding="utf-8")
    named = re.findall(r"manage\.sh (\w+)", cron)
    assert {"purge_withdrawn_consents", "send_reminders"} <= set(named)
    assert set(named) <= set(commands) and "run_worker" in commands


@pytest.mark.django_db
def test_the_cron_forgets_sign_ins_after_ninety_days():
    """The sign-in record (django-axes' AccessLog: who, from which address, with which
    browser) is personal data: the cron's own command line keeps 90 days of it."""
    from axes.models import AccessLog
    from django.core.management import call_command
    from django.utils import timezone

    cron = (DEPLOY / "cron").read_text(encoding="utf-8")
    line = re.search(r"manage\.sh (axes_reset_logs[^>\n]*)", cron).group(1).split()
    now = timezone.now()
    for days in (89, 91):
        AccessLog.objects.create(
            username=f"teacher{days}", ip_address="10.0.0.1", user_agent="Firefox"
        )
        AccessLog.objects.filter(username=f"teacher{days}").update(
            attempt_time=now - datetime.timedelta(days=days)
        )
    call_command(*line, stdout=io.StringIO())
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["teacher89"]


def test_the_example_settings_are_the_ones_the_portal_reads():
    read = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        read |= set(re.findall(r"""environ(?:\.get)?\(\s*["'](\w+)["']""", path.read_text()))
        read |= set(re.findall(r"""environ\[["'](\w+)["']\]""", path.read_text()))
        read |= set(re.findall(r"""env_\w+\(\s*["'](\w+)["']""", path.read_text()))
    example = (DEPLOY / "env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^(\w+)=", example, re.M))
    assert names - {"DJANGO_SETTINGS_MODULE"} <= read, names - read
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"} <= names


@pytest.mark.parametrize("script", ["manage.sh", "upgrade.sh"])
def test_the_scripts_parse(script):
    assert subprocess.run(["sh", "-n", str(DEPLOY / script)], check=False).returncode == 0  # noqa: S603, S607


def test_the_operations_guide_names_every_file_it_installs():
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for path in DEPLOY.iterdir():
        assert f"deploy/{path.name}" in guide or path.name in guide, path.name


def test_every_link_of_the_docs_leads_to_a_file():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert broken == []


def test_the_user_guide_shows_each_screenshot_the_browser_tests_take():
    """tests/e2e/test_guide_screenshots.py takes the pictures (GUIDE_SCREENSHOTS=1 writes them
    here); the guide shows each one under its caption, and no picture is left unused."""
    from tests.guide_screenshots import IMAGES, SHOTS

    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    for _role, _path, name, caption, _heading in SHOTS:
        assert (IMAGES / name).stat().st_size > 10_000, name
        assert f"![{caption}](img/{name})" in guide, name
    assert {p.name for p in IMAGES.iterdir()} == {shot[2] for shot in SHOTS}


@pytest.mark.django_db
def test_the_postgresql_settings_are_ones_postgresql_takes():
    from django.db import connection, transaction

    lines = (DEPLOY / "postgresql.conf").read_text(encoding="utf-8").splitlines()
    found = dict(
        re.fullmatch(r"(\w+) = (\S+)", line).groups() for line in lines if line[:1].isalpha()
    )
    assert found == {"random_page_cost": "1.1"}
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for name, value in found.items():
            cursor.execute(f"SET LOCAL {name} = {value}")
            cursor.execute(f"SHOW {name}")
            assert cursor.fetchone()[0] == value
