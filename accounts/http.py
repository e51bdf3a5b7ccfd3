"""The request the portal's views receive, typed: what our middleware and django-htmx add."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from accounts.models import Organization, User


class PortalRequest(HttpRequest):
    """A signed-in user's request (LoginRequiredMiddleware lets no other reach a view),
    with the organization they work in and their roles there
    (accounts.middleware.OrganizationMiddleware) and django-htmx's details."""

    user: User
    organization: Organization
    roles: frozenset[str]
    htmx: HtmxDetails
