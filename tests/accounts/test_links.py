"""#18 item 12: what a person types as a document's address becomes a link only when it leads
into the portal or to a web site with a visible host."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.links import safe_link, validate_link

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
