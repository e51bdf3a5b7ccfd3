"""#18 item 12: what a person types as a document's address becomes a link only when it leads
into the portal or to a web site with a visible host."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.links import safe_link, validate_link

SAFE = ["/documents/12/", "https://school19.ru/docs/prikaz.pdf", "http://example.ru"]
UNSAFE = [
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "https://user@evil.example/",
    "http://",
    "data:text/html,<b>x</b>",
    "https://evil.example/\u0000",
    "ftp://files.example/x",
]
TEXT = ["приказ от 01.09.2021 № 144", "протокол педсовета № 2", ""]


@pytest.mark.parametrize("value", SAFE)
def test_portal_pages_and_web_sites_are_links(value):
    assert safe_link(value) == value
    validate_link(value)


@pytest.mark.parametrize("value", UNSAFE)
def test_anything_else_is_refused_and_never_a_link(value):
    assert safe_link(value) is None
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.parametrize("value", TEXT)
def test_plain_text_stays_text(value):
    assert safe_link(value) is None
    validate_link(value)


@pytest.mark.parametrize(
    "name",
    ["registry:person", "mentoring:assignment-detail", "documents:detail", "monitoring:report"],
)
def test_a_rows_link_is_the_one_django_reverses(name):
    """core.links.row_url keeps a view's URL around the key; the row's key goes in."""
    from django.urls import reverse

    from core.links import row_url

    for pk in (1, 7, 2_147_480, 10**12):
        assert row_url(name, pk) == reverse(name, args=[pk])


def test_kept_links_follow_the_script_prefix():
    """Behind a path (SCRIPT_NAME=/portal) the links carry it: the kept URL is per prefix."""
    from django.urls import get_script_prefix, reverse, set_script_prefix

    from core.links import page_url, row_url

    before = get_script_prefix()
    assert row_url("registry:person", 5) == "/registry/people/5/"
    try:
        set_script_prefix("/portal/")
        assert (
            row_url("registry:person", 5)
            == "/portal/registry/people/5/"
            == reverse("registry:person", args=[5])
        )
        assert page_url("mentoring:assignment-list") == "/portal/mentoring/assignments/"
    finally:
        set_script_prefix(before)
    assert page_url("mentoring:assignment-list") == "/mentoring/assignments/"
