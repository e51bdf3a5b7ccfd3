"""Links people type into the portal (a roadmap item's document): a page of the portal
(«/documents/12/») or a web address with a visible host («https://school19.ru/…»). Nothing
else becomes a link: not «//evil.example» (another site that looks like a path), «/\\evil»,
«javascript:…», or an address with a user name before its host."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
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
