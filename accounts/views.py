import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import NO_ROLE
from accounts.forms import OrganizationForm
from accounts.freshness import changes_no_data
from accounts.http import PortalRequest
from accounts.middleware import SESSION_KEY
from accounts.navigation import panels_for
from accounts.policy import allowed, can
from core.fields import parse_id


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
