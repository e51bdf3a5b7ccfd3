"""A mentor's and a responsible's notifications (notices.registry): their pairs and groups
without a meeting for 30 days, the roadmap items they answer for that are overdue."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.http import PortalRequest
from mentoring.selectors import assignments_without_meetings, overdue_roadmap_items, person_of
from notices.registry import Notice


def my_pairs_without_meetings(request: PortalRequest, today: datetime.date) -> list[Notice]:
    person = person_of(request.user)
    if person is None:
        return []
    stale = assignments_without_meetings(request.organization, today=today).filter(
        mentor_links__mentor__person=person
    )
    return [
        Notice(
            "stale",
            _("Пары и группы без встреч больше 30 дней"),
            tuple(sorted({a.pk for a in stale})),
            reverse("mentoring:my-assignments"),
        )
    ]


def my_overdue_roadmap_items(request: PortalRequest, today: datetime.date) -> list[Notice]:
    """Overdue by the one rule of the roadmap (RoadmapItem.is_overdue)."""
    person = person_of(request.user)
    if person is None:
        return []
    year, overdue = overdue_roadmap_items(request.organization, today, responsible=person)
    if year is None:
        return []
    return [
        Notice(
            "roadmap",
            _("Просроченные пункты дорожной карты"),
            tuple(sorted(item.pk for item in overdue)),
            f"{reverse('mentoring:roadmap')}?year={year.start_year}",
        )
    ]
