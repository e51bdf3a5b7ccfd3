from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers, patch_cache_control

from accounts.models import Membership

SESSION_KEY = "organization_id"
SEEN_KEY = "_seen_at"


class HtmxLoginMiddleware:
    """An htmx request whose session has expired is sent to the login page as a whole page
    (HX-Redirect), back to the page it came from: never is the login page swapped into a
    fragment of the page. (Errors — 403, 404, 500 — are not swapped by htmx; portal.js says
    them in Russian.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code != 302:
            return response
        login = resolve_url(settings.LOGIN_URL)
        target = response.get("Location", "")
        if urlsplit(target).path != login:
            return response
        came_from = urlsplit(request.headers.get("HX-Current-URL", ""))
        page = (came_from.path or "/") + (f"?{came_from.query}" if came_from.query else "")
        answer = HttpResponse(status=200)
        answer["HX-Redirect"] = f"{login}?{urlencode({'next': page})}"
        return answer


class SessionActivityMiddleware:
    """Keeps a signed-in session alive while it is used, without a write on every request.

    A session expires SESSION_COOKIE_AGE after it was last saved. Saving it on every request
    (SESSION_SAVE_EVERY_REQUEST) costs a database write per page; here the time of the last
    activity is stored, and so the session saved, only when it is SESSION_REFRESH_SECONDS
    old. A session therefore ends between an hour and an hour minus a minute after the last
    page, never later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[SEEN_KEY] = now
        return response


class CurrentOrganizationMiddleware:
    """Puts the user's current organization and roles there on the request.

    A user who belongs to several organizations picks one (kept in the session); every
    role check and every list is about that organization.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.membership = None
        request.organization = None
        request.roles = frozenset()
        if request.user.is_authenticated:
            memberships = Membership.objects.of_user(request.user)
            request.memberships = memberships
            request.user._organization_ids = frozenset(m.organization_id for m in memberships)
            if memberships:
                chosen = request.session.get(SESSION_KEY)
                current = next(
                    (m for m in memberships if m.organization_id == chosen), memberships[0]
                )
                request.membership = current
                request.organization = current.organization
                request.roles = current.role_codes
        return self.get_response(request)


class PrivatePagesNoStoreMiddleware:
    """Pages shown to a signed-in user carry personal data: never cache them anywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
