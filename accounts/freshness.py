"""A school's computed figures, kept until that school's data changes (ADR 0004).

A home panel's counts, a teacher's pairs, the header's notices: what `school_figures` builds
is kept in Django's cache under a key that holds the school, the school's data version
(`SchoolDataVersion`, read with the membership on every request), the day and the figure's
name — never a page, never across schools. Nothing is invalidated by hand: a new version
makes new keys, and the old ones expire.

A school's version grows after the commit (never before: a figure built from the old data
meanwhile is stored under the old version, which nobody asks for any more):

- when a model of the portal's apps is saved or deleted (signals; the access log, read marks
  of notifications, worker heartbeats and jobs do not count);
- after every POST (and other unsafe request) of a view not marked `@changes_no_data`: it
  covers `QuerySet.update()` and `bulk_create()`, which send no signals;
- for the school whose request it is (`DataChangeMiddleware`) and the schools that share
  network pairs with it (`register_partners`); for every school when the change comes from
  a command, a job or the admin site (`data_changed()` outside a school's request).

Each process keeps its own cache (LocMemCache by default); every node reads the versions from
the database, so several nodes never disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps as global_apps
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

if TYPE_CHECKING:
    from accounts.models import Organization

T = TypeVar("T")
_MISSING = object()

# The apps whose data the figures count (jobs, notices and calendar links count for none: a
# job's end calls data_changed() itself)
PORTAL_APPS = frozenset({"accounts", "registry", "mentoring", "documents", "monitoring", "privacy"})
# What changes no figure: the access log of cards (written by a GET), the versions themselves
IGNORED_MODELS = frozenset({"registry.cardview", "accounts.schooldataversion"})
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# The school whose request is being served (DataChangeMiddleware): what its writes change.
_school: ContextVar[int | None] = ContextVar("school", default=None)
# Functions an app registers (mentoring: network pairs) that name the schools whose pages show
# data of the given schools: a change in one is a change in those too.
_partners: list[Callable[[set[int]], set[int]]] = []


def register_partners(find: Callable[[set[int]], set[int]]) -> None:
    if find not in _partners:
        _partners.append(find)


def _bump(school: int | None = None) -> None:
    """A new version of one school's data (and of the schools sharing data with it), or of
    every school's when `school` is None."""
    from accounts.models import SchoolDataVersion

    versions = SchoolDataVersion.objects.all()
    if school is not None:
        schools = {school}
        for find in _partners:
            schools |= find({school})
        versions = versions.filter(organization_id__in=schools)
    versions.update(value=F("value") + 1)  # a school without its row has no figures kept


class _Bump:
    """The bump run when the transaction commits, once per transaction and school."""

    def __init__(self, school: int | None) -> None:
        self.school = school

    def __call__(self) -> None:
        _bump(self.school)


def _under_test_case() -> bool:
    """Inside Django's TestCase, whose transaction never commits: there the version grows at
    once, as it would at the commit the test stands for."""
    blocks = connection.atomic_blocks
    return bool(blocks) and getattr(blocks[0], "_from_testcase", False)


def data_changed(school: int | None = None) -> None:
    """The portal's data changed (or will, when the current transaction commits): the figures
    kept for `school` are built anew — by default the school of the request being served,
    else (a command, a job, the admin site) every school's."""
    school = school if school is not None else _school.get()
    if connection.in_atomic_block and not _under_test_case():
        if any(isinstance(entry[1], _Bump) and entry[1].school in (school, None)
               for entry in connection.run_on_commit):  # fmt: skip
            return
        transaction.on_commit(_Bump(school))
    else:
        _bump(school)


def _counts(sender: type[Model]) -> bool:
    """A model whose rows the figures count — not a migration's historical model: a
    migration's writes are counted once, when `migrate` ends (_after_migrate)."""
    meta = sender._meta
    return (
        meta.apps is global_apps
        and meta.app_label in PORTAL_APPS
        and meta.label_lower not in IGNORED_MODELS
    )


def _on_save(sender: type[Model], update_fields=None, **kwargs: Any) -> None:
    if _counts(sender) and update_fields != frozenset({"last_login"}):
        data_changed()


def _on_change(sender: type[Model], **kwargs: Any) -> None:
    if _counts(sender):
        data_changed()


def _on_m2m(sender: type, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and _counts(kwargs["instance"].__class__):
        data_changed()


def _after_migrate(sender, app_config=None, plan=None, **kwargs: Any) -> None:
    """Migrations applied (an upgrade) may have rewritten any school's data: every school's
    figures are counted anew. Once per `migrate`, when accounts' turn comes."""
    if app_config is not None and app_config.label == "accounts" and plan:
        _bump(None)


def connect_signals() -> None:
    post_migrate.connect(_after_migrate, dispatch_uid="freshness-migrate")
    post_save.connect(_on_save, dispatch_uid="freshness-save")
    post_delete.connect(_on_change, dispatch_uid="freshness-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="freshness-m2m")


def changes_no_data(view: Callable) -> Callable:
    """A POST view that writes nothing a figure counts (signing in, the low-vision switch, the
    notification menu's read marks): it leaves the school's figures be."""
    view.changes_no_data = True  # type: ignore[attr-defined]
    return view


class DataChangeMiddleware:
    """After an unsafe request (POST…), the data may have changed by means that send no
    signal (`QuerySet.update()`, `bulk_create()`): a new version of the school's data."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _school.set(request.organization.pk if request.organization else None)
        try:
            response = self.get_response(request)
            if request.method in UNSAFE and not getattr(request, "_changes_no_data", False):
                data_changed()
        finally:
            _school.reset(token)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:
        request._changes_no_data = getattr(view_func, "changes_no_data", False)
        if view_func.__module__.startswith("django.contrib.admin"):
            _school.set(None)  # the admin site edits any school's rows: every school's changed


FIGURES_TIMEOUT = 6 * 60 * 60


def school_version(organization: Organization) -> int:
    """The number of the school's data now (its row made the first time it is asked for)."""
    from accounts.models import SchoolDataVersion

    try:
        return organization.data_version.value
    except SchoolDataVersion.DoesNotExist:
        version, _created = SchoolDataVersion.objects.get_or_create(organization=organization)
        organization.data_version = version
        return version.value


def school_figures(
    organization: Organization, day: datetime.date, name: str, build: Callable[[], T]
) -> T:
    """What `build()` computes from one school's data as of `day` (a home panel's counts), kept
    until that school's data changes or the day turns: a figure, never a page (ADR 0004). The
    key holds the school, so no school is ever shown another's; `name` says what the figure
    is and whose (`f"teacher:{person.pk}"`)."""
    key = f"figures:{organization.pk}:{school_version(organization)}:{day.isoformat()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, FIGURES_TIMEOUT)
    return value
