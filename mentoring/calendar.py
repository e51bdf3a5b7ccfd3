"""What mentoring puts in a person's calendar feed (accounts.calendar): the meetings of their
pairs and groups, the roadmap deadlines they answer for, and for a curator the school's
whole roadmap."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import organizations_where
from accounts.calendar import CalendarEntry
from accounts.models import Role, User
from mentoring.models import Assignment, Meeting, RoadmapItem
from mentoring.selectors import person_of

# A feed carries the last year and what is ahead: calendars keep what they have seen.
KEPT = datetime.timedelta(days=366)


def meetings(user: User, today: datetime.date):
    person = person_of(user)
    if person is None:
        return []
    rows = (
        Meeting.objects.filter(
            Q(assignment__mentor_links__mentor__person=person)
            | Q(assignment__mentee_links__mentee__person=person),
            held_on__gte=today - KEPT,
        )
        .distinct()
        .prefetch_related(Prefetch("assignment", queryset=Assignment.objects.with_people()))
        .order_by("held_on", "pk")
    )
    return [meeting_entry(meeting) for meeting in rows]


def meeting_entry(meeting: Meeting) -> CalendarEntry:
    """A meeting as a calendar event: at its time and place when planned with them."""
    return CalendarEntry(
        uid=f"meeting-{meeting.pk}",
        title=_("Встреча наставничества: %(topic)s") % {"topic": meeting.topic},
        starts=meeting.held_on,
        at=meeting.starts_at,
        minutes=meeting.duration_minutes,
        location=meeting.place,
        description=str(meeting.assignment),
        path=reverse("mentoring:assignment-detail", args=[meeting.assignment_id]),
    )


def roadmap_deadlines(user: User, today: datetime.date):
    """The items whose responsible is the person; a curator's school's items all."""
    person = person_of(user)
    mine = Q(responsible_person=person) if person is not None else Q(pk__in=[])
    schools = organizations_where(user, Role.CURATOR)
    items = (
        RoadmapItem.objects.filter(mine | Q(roadmap__organization__in=schools))
        .filter(deadline_ends__gte=today - KEPT)
        .select_related("roadmap__academic_year")
        .order_by("deadline_ends", "pk")
    )
    return [
        CalendarEntry(
            uid=f"roadmap-item-{item.pk}",
            title=_("Дорожная карта: %(task)s") % {"task": item.task},
            starts=item.deadline_starts,
            ends=item.deadline_ends,
            description=_("Срок: %(deadline)s. Ответственный: %(who)s.")
            % {"deadline": item.deadline_text, "who": item.responsible},
            path=reverse("mentoring:roadmap") + f"?year={item.roadmap.academic_year.start_year}",
        )
        for item in items
        if item.deadline_starts and item.deadline_ends
    ]
