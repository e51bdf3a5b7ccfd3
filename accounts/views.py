import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import NO_ROLE, organization_ids_for
from accounts.calendar import entries_for, feed_issue, feed_revoke, ics, live_feed
from accounts.fields import parse_id
from accounts.forms import OrganizationForm
from accounts.freshness import cached_page, cached_value, changes_no_data
from accounts.http import PortalRequest
from accounts.jobs import job_kind, jobs_fail_orphaned, worker_alive
from accounts.links import portal_url
from accounts.middleware import SESSION_KEY
from accounts.models import CalendarFeed, Job
from accounts.navigation import panels_for
from accounts.notices import Notice, notices_for, notices_seen, unread
from accounts.policy import allowed, can


@cached_page
def home(request: PortalRequest) -> HttpResponse:
    """Each person's start page: what they have to do next, by their roles."""
    return render(request, "accounts/home.html", {"panels": panels_for(request)})


def _next_url(request: PortalRequest, default: str) -> str:
    """The page to go back to: a path of this site posted as `next`, else `default`'s URL."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@changes_no_data
@require_POST
def organization_switch(request: PortalRequest) -> HttpResponse:
    membership = get_object_or_404(
        request.user.memberships.filter(is_active=True).select_related("organization"),
        organization_id=parse_id(request.POST.get("organization")),
    )
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(
        request, _("Вы работаете в организации «%s».") % membership.organization.short_name
    )
    return redirect(_next_url(request, "home"))


LOW_VISION_COOKIE = "low_vision"


@changes_no_data
@require_POST
@login_not_required
def low_vision_toggle(request: PortalRequest) -> HttpResponse:
    """«Версия для слабовидящих» on or off (ГОСТ Р 52872-2019), for this browser, signed in
    or not; base.html reads the cookie and sets the page's class."""
    response = redirect(_next_url(request, "home" if request.user.is_authenticated else "login"))
    if request.COOKIES.get(LOW_VISION_COOKIE):
        response.delete_cookie(LOW_VISION_COOKIE)
    else:
        response.set_cookie(
            LOW_VISION_COOKIE,
            "1",
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    return response


def _visible_job(request: PortalRequest, pk: int) -> Job:
    """A job the user's role lets them see now (JobKind.action in the school they work in, or
    may_see for a job of no school), whoever started it: a curator moved to another role, or
    whose membership ended, no longer reaches the people-import protocol they started."""
    job = get_object_or_404(
        Job.objects.filter(
            Q(organization__in=organization_ids_for(request.user))
            | Q(organization=None, created_by=request.user)
        ).select_related("organization"),
        pk=pk,
    )
    spec = job_kind(job.kind)
    if job.organization_id is None:
        allowed = spec.may_see is not None and spec.may_see(request.user)
    else:
        allowed = (
            job.organization_id == getattr(request.organization, "pk", None)
            and bool(spec.action)
            and can(request, spec.action)
        )
    if not allowed:
        raise Http404
    return job


def job_status(request: PortalRequest, pk: int) -> HttpResponse:
    """The job's progress; the partial re-polls itself until the job has finished. A job cut
    off with its worker is failed here with a message; one waiting while no worker runs says
    so."""
    job = _visible_job(request, pk)
    now = timezone.now()
    if jobs_fail_orphaned(now, Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    worker_silent = job.status == Job.Status.QUEUED and not worker_alive(now)
    template = "accounts/includes/_job.html" if request.htmx else "accounts/job.html"
    return render(request, template, {"job": job, "worker_silent": worker_silent})


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. A lost database connection (the database restarting, the network
    between the nodes) gets its own Russian page, 503 with Retry-After: a form sent then saved
    nothing, since every write is one transaction, and may be sent again."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        body = render_to_string(
            "database_lost.html", {"changing": request.method not in ("GET", "HEAD")}
        )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(render_to_string("500.html"))


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 «ok» when the database answers and a task worker gave a sign
    of life lately, else 503 naming what failed. Shows no data."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        worker_ok = worker_alive(timezone.now())
    except DatabaseError:
        problems.append("database")
        worker_ok = True  # unknown; the database is the problem
    if not worker_ok:
        problems.append("worker")
    body = "ok" if not problems else "fail: " + ", ".join(problems)
    response = HttpResponse(body, content_type="text/plain", status=503 if problems else 200)
    response["Cache-Control"] = "no-store"
    return response


def job_download(request: PortalRequest, pk: int) -> FileResponse:
    job = _visible_job(request, pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    return FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.content_type or "application/octet-stream",
    )


@allowed("organization.view")
def organization_detail(request: PortalRequest) -> HttpResponse:
    """The current school's details; the director and the curator may correct them."""
    organization = request.organization
    can_edit = can(request, "organization.edit")
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(NO_ROLE)
        if form.is_valid():
            form.save()
            messages.success(request, _("Сведения об организации сохранены."))
            return redirect("organization")
    return render(
        request,
        "accounts/organization.html",
        {"organization": organization, "form": form, "can_edit": can_edit},
    )


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


def _current_notices(request: PortalRequest) -> list[Notice]:
    """The person's notices, kept until the data or the day changes (accounts.freshness);
    which of them are unread is read each time."""
    if not request.organization:
        return []
    return cached_value(request, "notices", lambda: notices_for(request, timezone.localdate()))


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
