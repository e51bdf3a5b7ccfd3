from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.freshness import changes_no_data, school_figures
from accounts.http import PortalRequest
from notices.registry import Notice, notices_for, notices_seen, unread


def _current_notices(request: PortalRequest) -> list[Notice]:
    """The person's notices, kept until the school's data or the day changes
    (accounts.freshness.school_figures); which of them are unread is read each time."""
    if not request.organization:
        return []
    today = timezone.localdate()
    return school_figures(
        request.organization,
        today,
        f"notices:{request.user.pk}",
        lambda: notices_for(request, today),
    )


def notices(request: PortalRequest) -> HttpResponse:
    """The header's notifications (loaded by htmx after the page): what to act on, with the
    unread ones counted."""
    found = _current_notices(request)
    fresh = unread(request.user, found)
    return render(
        request,
        "accounts/includes/_notices.html",
        {"notices": [(n, n.kind in fresh) for n in found], "unread": len(fresh)},
    )


@changes_no_data
@require_POST
def notices_read(request: PortalRequest) -> HttpResponse:
    """The menu was opened: what it shows is read now."""
    if request.organization:
        notices_seen(user=request.user, notices=_current_notices(request))
    return HttpResponse(status=204)
