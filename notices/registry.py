"""Notifications in the portal's header: what each person has to act on now, unread until
they open the menu. E-mail reminders (`send_reminders`) stay optional; a school without mail
still sees these.

Apps register sources in their `AppConfig.ready()`:

    register_notice_source(documents_to_sign)  # (request, today) -> iterable of Notice

The header loads them after the page (htmx), so no page pays for them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from accounts.http import PortalRequest
from accounts.models import User
from notices.models import NoticeSeen


@dataclass(frozen=True)
class Notice:
    kind: str  # "sign", "stale", …
    title: str  # «Документы на подпись»
    ids: tuple[int, ...]  # what it counts: one not seen yet makes the notice unread
    path: str  # where to act

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def item_keys(self) -> set[str]:
        return {f"{self.kind}:{pk}" for pk in self.ids}


Source = Callable[[PortalRequest, datetime.date], Iterable[Notice]]
_sources: list[Source] = []


def register_notice_source(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def notices_for(request: PortalRequest, today: datetime.date) -> list[Notice]:
    """What the person has to act on in the school they work in now (roles as the policy
    gives them there)."""
    return [n for source in _sources for n in source(request, today) if n.ids]


def unread(user: User, notices: list[Notice]) -> set[str]:
    """The kinds of the notices with something the user has not seen in the menu yet (a thing
    done and gone makes nothing unread; a new one does)."""
    keys = set().union(*(n.item_keys for n in notices))
    seen = set(NoticeSeen.objects.filter(user=user, key__in=keys).values_list("key", flat=True))
    return {n.kind for n in notices if n.item_keys - seen}


def notices_seen(*, user: User, notices: list[Notice]) -> None:
    NoticeSeen.objects.bulk_create(
        [NoticeSeen(user=user, key=key) for n in notices for key in n.item_keys],
        ignore_conflicts=True,
    )
