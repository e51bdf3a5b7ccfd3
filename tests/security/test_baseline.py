"""The security baseline every page stands on (issue 8's checks that need no feature)."""

from __future__ import annotations

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "registry", "mentoring", "documents", "monitoring", "config"]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_on_production_settings_has_no_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example",
        DJANGO_PORTAL_URL="https://portal.example",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_the_portal_address_warns_at_start_and_in_the_check():
    result = manage(
        "check",
        "--deploy",
        "--settings=config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert "DJANGO_PORTAL_URL is not set" in result.stderr
    assert "(portal.W001)" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", "--settings=config.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


@pytest.mark.django_db
def test_csrf_is_enforced_on_state_changes(curator, school):
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    response = client.post(reverse("organization-switch"), {"organization": school.pk})
    assert response.status_code == 403
    assert "Запрос отклонён" in response.content.decode()


@pytest.mark.parametrize("password", ["12345678901", "password123", "qwertyuiop"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.django_db
def test_session_expires_after_an_hour_of_inactivity(client, curator):
    client.post(reverse("login"), {"username": "curator_a", "password": "correct-horse-battery"})
    assert client.session.get_expiry_age() <= 3600
    assert client.session.get_expire_at_browser_close()


@pytest.mark.django_db
def test_working_keeps_the_session_alive_with_at_most_one_write_a_minute(
    client, curator, monkeypatch
):
    from django.contrib.sessions.models import Session

    from accounts import middleware

    clock = [1_800_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.force_login(curator)
    key = client.session.session_key

    def expiry_after_a_page(seconds_later: float):
        clock[0] += seconds_later
        assert client.get(reverse("home")).status_code == 200
        return Session.objects.get(session_key=key).expire_date

    first = expiry_after_a_page(0)
    assert expiry_after_a_page(30) == first  # half a minute later: nothing written
    moved = expiry_after_a_page(31)  # a minute since the last write: the hour starts again
    assert moved > first
    assert client.session.session_key == key


@pytest.mark.django_db
def test_failed_logins_do_not_write_the_username_to_logs(client, curator, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(reverse("login"), {"username": "curator_a", "password": "wrong-password"})
    assert caplog.records, "the failure is logged"
    assert "curator_a" not in caplog.text
    assert "wrong-password" not in caplog.text


def test_bandit_finds_no_high_severity_issue():
    result = subprocess.run(  # noqa: S603 - bandit on our own tree
        [sys.executable, "-m", "bandit", "-r", *APPS, "-lll", "-f", "json", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    high = [r for r in report["results"] if r["issue_severity"] == "HIGH"]
    assert high == [], high


@pytest.mark.django_db
def test_oversized_ids_in_a_multiple_choice_are_a_form_error():
    from accounts.models import Organization
    from core.fields import SafeModelMultipleChoiceField

    field = SafeModelMultipleChoiceField(queryset=Organization.objects.all())
    with pytest.raises(ValidationError):
        field.clean(["9" * 40])
    with pytest.raises(ValidationError):
        field.clean(["-" + "9" * 30])
