from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import PortalRequest
from calendars.feeds import entries_for, feed_issue, feed_revoke, ics, live_feed
from calendars.models import CalendarFeed
from core.links import portal_url


def profile(request: PortalRequest) -> HttpResponse:
    """The signed-in person's own page: their calendar link (and, from the menu, the
    password)."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(
        request,
        "accounts/profile.html",
        {
            "feed_url": (
                portal_url(request) + reverse("calendar-feed", args=[feed.token]) if feed else ""
            ),
            "feed": feed,
        },
    )


@require_POST
def calendar_issue(request: PortalRequest) -> HttpResponse:
    replaced = CalendarFeed.objects.filter(user=request.user).exists()
    feed_issue(user=request.user)
    messages.success(
        request,
        _("Новая ссылка на календарь создана; прежняя больше не работает.")
        if replaced
        else _("Ссылка на календарь создана: добавьте её в свой календарь."),
    )
    return redirect("profile")


@require_POST
def calendar_revoke(request: PortalRequest) -> HttpResponse:
    feed_revoke(user=request.user)
    messages.success(request, _("Ссылка на календарь отключена: по ней больше ничего не видно."))
    return redirect("profile")


@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's calendar (iCalendar) for subscription: whoever holds the secret link;
    an unknown, replaced or disabled link, a blocked user's, one given before the password
    changed, or one of a user who works in no school now, is a 404."""
    feed = live_feed(token)
    if feed is None:
        raise Http404
    user = feed.user
    body = ics(
        entries_for(user, timezone.localdate()),
        name=_("Наставничество — %(name)s") % {"name": user.get_short_name()},
        base=portal_url(request),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nastavnichestvo.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
