"""System checks of the installation (`manage.py check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def portal_url_set(app_configs, **kwargs):
    """The address links in e-mails and calendar feeds start with (DJANGO_PORTAL_URL)."""
    if settings.PORTAL_URL:
        return []
    return [
        Warning(
            "DJANGO_PORTAL_URL is not set.",
            hint="Set it to the address people open the portal at, e.g. "
            "https://nastavnichestvo.school19.ru: e-mailed links use it.",
            id="portal.W001",
        )
    ]
