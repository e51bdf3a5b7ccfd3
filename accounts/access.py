"""The one access layer: which organizations a user reaches, and role checks for views."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.http import PortalRequest
from accounts.models import Coordinator, Organization

NO_ROLE = "У вас нет роли, дающей доступ к этой странице."
NOT_COORDINATOR = "Страница доступна только муниципальному координатору."


def organization_ids_for(user) -> frozenset[int]:
    """Organizations where the user has an active membership (cached on the user object)."""
    cached = getattr(user, "_organization_ids", None)
    if cached is None:
        cached = frozenset(
            user.memberships.filter(is_active=True).values_list("organization_id", flat=True)
        )
        user._organization_ids = cached
    return cached


def coordinated_organizations(user):
    """Organizations of the municipalities the user coordinates (read-only scope)."""
    return Organization.objects.filter(municipality__coordinators__user=user)


def coordinator_rows(user):
    """The user's rows as a municipality's coordinator (`user` may be an OuterRef): whether
    there is one is whether the user coordinates."""
    return Coordinator.objects.filter(user=user)


def is_coordinator(user) -> bool:
    """Read from the user's own query when the backend loaded it (accounts.backends)."""
    cached = getattr(user, "_is_coordinator", None)
    if cached is None:
        cached = user.is_authenticated and coordinator_rows(user).exists()
        user._is_coordinator = cached
    return cached


def has_role(request: PortalRequest, *roles: str) -> bool:
    return bool(set(getattr(request, "roles", ())) & set(roles))


def coordinator_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied(NOT_COORDINATOR)
        return view(request, *args, **kwargs)

    return wrapped
