"""Links people type into the portal (a roadmap item's document): a page of the portal
(«/documents/12/») or a web address with a visible host («https://school19.ru/…»). Nothing
else becomes a link: not «//evil.example» (another site that looks like a path), «/\\evil»,
«javascript:…», or an address with a user name before its host."""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

BAD_LINK = _(
    "Ссылка должна вести на страницу портала (начинаться с «/») или на сайт "
    "(начинаться с «http://» или «https://»)."
)


def portal_url(request=None) -> str:
    """The portal's address for absolute links: DJANGO_PORTAL_URL when set; else the address
    the request came in on (its host as Django's ALLOWED_HOSTS accept it); without a request
    (a command) the local one."""
    from django.conf import settings

    if settings.PORTAL_URL:
        return settings.PORTAL_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.LOCAL_PORTAL_URL


def safe_link(value: str) -> str | None:
    """The value if it may be shown as a link, else None."""
    value = value.strip()
    if not value or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return None
    if value.startswith("/"):
        return value if not value.startswith(("//", "/\\")) else None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    return value


def validate_link(value: str) -> None:
    """For a field that holds a link or plain text: text that looks like a link must be one we
    would show («приказ от 01.09.2021 № 144» is fine as text)."""
    looks_like_link = value.strip().startswith(("/", "\\")) or ":" in value.split(" ", 1)[0]
    if looks_like_link and safe_link(value) is None:
        raise ValidationError(BAD_LINK, code="bad_link")


# The portal's own pages, reversed once. Django's reverse() takes 25–30 µs: the menu reverses
# a dozen names on every page and a list links each of its 25–50 rows to its page. A URL is
# a function of the name, the script prefix and the URLconf, so it is kept per those.

_KEY = 2_147_480_001  # a whole number no URL of ours holds otherwise


@functools.lru_cache(maxsize=256)
def _reversed(viewname: str, with_key: bool, _prefix: str, _urlconf: str) -> tuple[str, str]:
    if not with_key:
        return reverse(viewname), ""
    head, _key, tail = reverse(viewname, args=[_KEY]).partition(str(_KEY))
    return head, tail


def _parts(viewname: str, with_key: bool) -> tuple[str, str]:
    return _reversed(
        viewname, with_key, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )


def page_url(viewname: str) -> str:
    """reverse(viewname) of a page that takes no arguments."""
    return _parts(viewname, False)[0]


def row_url(viewname: str, pk: int) -> str:
    """reverse(viewname, args=[pk]) of a page whose only argument is a whole-number key."""
    return row_urls(viewname)(pk)


def row_urls(viewname: str) -> Callable[[int], str]:
    """row_url for many rows: `url = row_urls("registry:person")`, then `url(pk)` for each."""
    head, tail = _parts(viewname, True)
    return lambda pk: f"{head}{int(pk)}{tail}"
