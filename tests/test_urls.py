"""Walks every URL pattern of the project, so that a new view without an access check fails.

Anonymous visitors get the login page (or 404); no persona ever gets a 500; a page about
another school's object is a 404 (or 403 where the role alone already refuses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PersonFactory

# Views reached without signing in.
PUBLIC = {"login"}

# For a URL with parameters: how to build them for an object of the *other* school.
# A new parametrised view must be added here, or this test fails and says so.
OBJECT_KWARGS: dict[str, Callable[[dict], dict]] = {}


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
    """Objects of the other school for OBJECT_KWARGS builders."""
    return {"school": other_school, "person": PersonFactory(organization=other_school)}


def url_for(name: str, pattern: URLPattern, world: dict | None) -> str:
    if not has_params(pattern):
        return reverse(name)
    assert name in OBJECT_KWARGS, f"Add sample parameters for URL '{name}' to OBJECT_KWARGS"
    return reverse(name, kwargs=OBJECT_KWARGS[name](world))


def test_the_walk_finds_the_project_urls():
    names = {name for name, _ in ALL_URLS}
    assert {"home", "login", "logout", "organization-switch"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), ALL_URLS, ids=[n for n, _ in ALL_URLS])
def test_anonymous_gets_login_or_404(client, name, pattern, other_world):
    response = client.get(url_for(name, pattern, other_world))
    if name in PUBLIC:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 404, 405), response.status_code
        if response.status_code == 302:
            assert response.url.startswith(reverse("login"))


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
        if has_params(pattern):
            assert response.status_code in (403, 404, 405), (role, url, response.status_code)
    if has_params(pattern):
        client.force_login(other_world["school"].memberships.first().user)
        assert client.get(url).status_code in (200, 302, 405), "the sample object must be reachable"
