"""Walks every URL pattern of the project, so that a new view without an access check fails.

No persona ever gets a 500; a page about another school's object is a 404 (or 403 where the
role alone already refuses). What each role (and an anonymous visitor: the login page) gets on
its own school's objects is the table in tests/test_access_table.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from jobs.services import heartbeat

# the schools and personas built once for the module
pytestmark = pytest.mark.usefixtures("people_once")


def collect_object_kwargs() -> dict:
    """For a URL with parameters: how to build them for an object of the *other* school.

    Each app's tests declare theirs in `tests/<app>/url_samples.py` as
    `OBJECT_KWARGS = {"app:url-name": lambda other_school: {"pk": ...}}`; a new
    parametrised view without an entry fails this test and says so.
    """
    found = {}
    for app in ("accounts", "registry", "mentoring", "documents", "monitoring", "privacy"):
        module = f"tests.{app}.url_samples"
        if find_spec(f"tests.{app}") and find_spec(module):
            found.update(import_module(module).OBJECT_KWARGS)
    return found


OBJECT_KWARGS = collect_object_kwargs()


def iter_url_names(patterns=None, namespace: str | None = None) -> Iterator[tuple[str, URLPattern]]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or entry.namespace == "admin":
                continue  # Django admin checks staff status itself
            ns = entry.namespace or namespace
            yield from iter_url_names(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


ALL_URLS = sorted(dict(iter_url_names()).items())


def has_params(pattern: URLPattern) -> bool:
    return bool(pattern.pattern.regex.groupindex)


@pytest.fixture
def other_world(other_school, other_curator):
    """The other school (with its curator) whose objects the URL samples are built in; a task
    worker running (else /healthz answers 503, as it should)."""
    heartbeat("worker", timezone.now())
    return other_school


def url_for(name: str, pattern: URLPattern, school) -> str:
    """The URL, on a sample object built in `school` when it takes parameters."""
    if not has_params(pattern):
        return reverse(name)
    assert name in OBJECT_KWARGS, (
        f"Add sample parameters for URL '{name}' to tests/<app>/url_samples.py"
    )
    return reverse(name, kwargs=OBJECT_KWARGS[name](school))


# Links whose secret parameter is the access (a calendar feed for subscription): whoever holds
# the link reads it; tests/calendars/test_calendar.py holds that a wrong one is a 404.
CAPABILITY_URLS = {"calendar-feed"}


def test_the_walk_finds_the_project_urls():
    names = {name for name, _ in ALL_URLS}
    assert {"home", "login", "logout", "organization-switch"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), ALL_URLS, ids=[n for n, _ in ALL_URLS])
def test_every_persona_gets_no_error_and_no_other_school(
    client, personas, name, pattern, other_world
):
    url = url_for(name, pattern, other_world)
    for role, user in personas.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code < 500, (role, response.status_code)
        if has_params(pattern) and name not in CAPABILITY_URLS:
            assert response.status_code in (403, 404, 405), (role, url, response.status_code)
    if has_params(pattern):
        client.force_login(other_world.memberships.first().user)
        assert client.get(url).status_code in (200, 302, 405), "the sample object must be reachable"
