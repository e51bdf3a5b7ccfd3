"""Pages that cost what the login page costs: a signed-in page is rendered once and served
from Django's cache until the portal's data changes, the day changes or the person's
session does.

Generational caching: `DataGeneration` holds one number that grows after every committed
change to the portal's data, and the number is part of every cache key, so nothing is ever
invalidated by hand and a stale page is never shown — only pages of an older generation are
left to expire. The number grows:

- when any model of the portal's apps is saved or deleted (signals; the access log, read
  marks of notifications, worker heartbeats and jobs' progress do not count);
- after every POST (and other unsafe request) of a view not marked `@changes_no_data`: it
  covers `QuerySet.update()` and `bulk_create()`, which send no signals;
- when a background job ends and when a command that writes ends (`data_changed()`).

It grows after the commit, never before: a page built from the old data in the meantime is
stored under the old number, which nobody asks for any more. Each process keeps its own
cache (LocMemCache by default; a shared one — Redis, Memcached — is a CACHES setting away),
and every node reads the one number from the database, so several nodes never disagree.

A cached page is one person's: the key holds the session (the CSRF token in its forms), the
school they work in, the day (dated rules), the path with its query and the low-vision
cookie. A request that carries a message to show, and a response that sets a cookie, is
neither served from nor stored in the cache. Only pages that read and write nothing else are
decorated with `@cached_page` — a card, whose opening is logged, never is.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

from accounts.http import PortalRequest

PORTAL_APPS = frozenset({"accounts", "registry", "mentoring", "documents", "monitoring", "privacy"})
# What changes nothing a cached page shows: the access log of cards (written by a GET), read
# marks of notifications (read live), worker heartbeats, the number itself, jobs (their status
# changes end in data_changed(); their progress is polled uncached).
IGNORED_MODELS = frozenset(
    {"registry.cardview", "accounts.noticeseen", "accounts.workerheartbeat",
     "accounts.datageneration", "accounts.job", "accounts.calendarfeed"}
)  # fmt: skip
TIMEOUT = 15 * 60  # an old generation's pages leave the memory by then at the latest
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def generation() -> int:
    from accounts.models import DataGeneration

    return DataGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def _bump() -> None:
    from accounts.models import DataGeneration

    if not DataGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        try:
            with transaction.atomic():
                DataGeneration.objects.create(pk=1, value=1)
        except IntegrityError:  # created by another process in the meantime
            DataGeneration.objects.filter(pk=1).update(value=F("value") + 1)


def _under_test_case() -> bool:
    """Inside Django's TestCase, whose transaction never commits: there the number grows at
    once, as it would at the commit the test stands for."""
    blocks = connection.atomic_blocks
    return bool(blocks) and getattr(blocks[0], "_from_testcase", False)


def data_changed() -> None:
    """The portal's data changed (or will, when the current transaction commits): cached
    pages of the current generation are no longer shown. Once per transaction."""
    if connection.in_atomic_block and not _under_test_case():
        if any(entry[1] is _bump for entry in connection.run_on_commit):
            return
        transaction.on_commit(_bump)
    else:
        _bump()


def _counts(sender: type[Model]) -> bool:
    meta = sender._meta
    return meta.app_label in PORTAL_APPS and meta.label_lower not in IGNORED_MODELS


def _on_save(sender: type[Model], update_fields=None, **kwargs: Any) -> None:
    if _counts(sender) and update_fields != frozenset({"last_login"}):
        data_changed()


def _on_change(sender: type[Model], **kwargs: Any) -> None:
    if _counts(sender):
        data_changed()


def _on_m2m(sender: type, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and _counts(kwargs["instance"].__class__):
        data_changed()


def connect_signals() -> None:
    post_save.connect(_on_save, dispatch_uid="freshness-save")
    post_delete.connect(_on_change, dispatch_uid="freshness-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="freshness-m2m")


def changes_no_data(view: Callable) -> Callable:
    """A POST view that writes nothing a page shows (signing in, the low-vision switch, the
    notification menu's read marks): it leaves the cached pages be."""
    view.changes_no_data = True  # type: ignore[attr-defined]
    return view


class DataChangeMiddleware:
    """After an unsafe request (POST…), the data may have changed by means that send no
    signal (`QuerySet.update()`, `bulk_create()`): a new generation."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in UNSAFE and not getattr(request, "_changes_no_data", False):
            data_changed()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:
        request._changes_no_data = getattr(view_func, "changes_no_data", False)


def _key(request: PortalRequest, scope: str) -> str | None:
    session_key = getattr(request.session, "session_key", None)
    if not session_key:
        return None
    organization = request.organization.pk if request.organization else 0
    parts = [
        scope,
        str(generation()),
        timezone.localdate().isoformat(),
        hashlib.sha256(session_key.encode()).hexdigest()[:32],
        str(request.user.pk),
        str(organization),
        request.get_full_path(),
        "lv" if request.COOKIES.get("low_vision") else "",
        "hx" if request.headers.get("HX-Request") else "",
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _has_messages(request: PortalRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the page from the cache while nothing it may show has changed (see above)."""

    @functools.wraps(view)
    def wrapped(request: PortalRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or _has_messages(request):
            return view(request, *args, **kwargs)
        key = _key(request, f"{view.__module__}.{view.__qualname__}")
        if key is None:
            return view(request, *args, **kwargs)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _has_messages(request)
        ):
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapped


def cached_value(request: PortalRequest, scope: str, build: Callable[[], Any]) -> Any:
    """A value computed for this person's page (the header's notifications), kept under the
    same key as a page would be."""
    key = _key(request, scope)
    if key is None:
        return build()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
