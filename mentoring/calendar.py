"""What mentoring puts in a person's calendar feed (calendars.feeds): the meetings of their
pairs and groups, the events of their personal plans with dated «сроки», the roadmap deadlines
they answer for, and for a curator the school's whole roadmap and its programs' start and
end."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.policy import organizations_allowing
from calendars.feeds import CalendarEntry, calendar_person
from mentoring.deadlines import Calendar, Span, parse_deadline
from mentoring.models import Assignment, Meeting, PlanEvent, Program, RoadmapItem
from mentoring.models.assignment import of_person_q

# A feed carries the last year and what is ahead: calendars keep what they have seen.
KEPT = datetime.timedelta(days=366)


def meetings(user: User, today: datetime.date):
    person = calendar_person(user)
    if person is None:
        return []
    rows = (
        Meeting.objects.filter(of_person_q(person, "assignment__"), held_on__gte=today - KEPT)
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
    person = calendar_person(user)
    mine = Q(responsible_person=person) if person is not None else Q(pk__in=[])
    schools = organizations_allowing(user, "mentoring.manage")
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


def plan_events(user: User, today: datetime.date):
    """The events of the person's personal plans (as mentor or mentee) not done yet, whose
    «сроки реализации» read as dates in the pair's academic year («октябрь», «I полугодие»,
    «до 15.10»); a text that names none («по запросу») stays off the calendar."""
    person = calendar_person(user)
    if person is None:
        return []
    events = (
        PlanEvent.objects.filter(
            of_person_q(person, "task__plan__assignment__"),
            done_on__isnull=True,
            task__plan__assignment__ends_on__gte=today - KEPT,
        )
        .exclude(due="")
        .select_related("task__plan__assignment__academic_year")
        .order_by("pk")
    )
    calendar = Calendar.load()
    entries = []
    for event in events:
        assignment = event.task.plan.assignment
        year = assignment.academic_year.start_year
        try:
            period = parse_deadline(event.due).period(Span(year, year, calendar))
        except ValueError:
            continue
        if period is None:
            continue
        entries.append(
            CalendarEntry(
                uid=f"plan-event-{event.pk}",
                title=_("План наставничества: %(event)s") % {"event": event.title},
                starts=period.starts,
                ends=period.ends if period.ends != period.starts else None,
                description=_("Сроки: %(due)s. %(pair)s")
                % {"due": event.due, "pair": assignment.title or assignment.get_kind_display()},
                path=reverse("mentoring:assignment-detail", args=[assignment.pk]),
            )
        )
    return entries


def program_dates(user: User, today: datetime.date):
    """For a curator: the start and the end of each program of their schools."""
    programs = Program.objects.filter(
        organization__in=organizations_allowing(user, "mentoring.manage"), ends_on__gte=today - KEPT
    ).order_by("starts_on", "pk")
    entries = []
    for program in programs:
        for edge, day, title in (
            ("start", program.starts_on, _("Начало программы наставничества «%(title)s»")),
            ("end", program.ends_on, _("Окончание программы наставничества «%(title)s»")),
        ):
            entries.append(
                CalendarEntry(
                    uid=f"program-{program.pk}-{edge}",
                    title=title % {"title": program.title},
                    starts=day,
                    description=program.goal,
                    path=reverse("mentoring:program-edit", args=[program.pk]),
                )
            )
    return entries
