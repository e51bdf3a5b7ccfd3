"""Reads of the mentoring app, scoped to one organization or one person."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from accounts.models import AcademicYear, Organization
from mentoring.models import (
    Assignment,
    AssignmentMentee,
    AssignmentMentor,
    MarkStatus,
    Plan,
    RoadmapItem,
)
from mentoring.models.assignment import AssignmentQuerySet
from mentoring.models.plan import LAST_MEETING
from registry.models import Person

STALE_AFTER_DAYS = 30


def assignment_list(organization: Organization) -> QuerySet[Assignment]:
    """The pairs and groups a school's list shows (its own and the network ones it takes part
    in), newest first, with their people and last meeting."""
    qs = Assignment.objects.visible_in(organization).with_people()
    return qs.annotate(last_meeting=LAST_MEETING).order_by("-created_at", "-pk")


def assignments_without_meetings(
    organization: Organization, *, today: datetime.date
) -> QuerySet[Assignment]:
    """Pairs and groups «действует» on `today` that have run for more than 30 days without a
    meeting in the last 30 (or without any). A pair whose period is over reads «завершена»:
    nobody is asked to meet in it any more, however quiet its last month was."""
    since = today - datetime.timedelta(days=STALE_AFTER_DAYS)
    return (
        Assignment.objects.visible_in(organization)
        .active_on(today)
        .filter(starts_on__lt=since)
        .annotate(last_meeting=LAST_MEETING)
        .filter(Q(last_meeting__isnull=True) | Q(last_meeting__lt=since))
        .with_people()
        # The pairs that never met first, on every database (PostgreSQL sorts NULL last).
        .order_by(F("last_meeting").asc(nulls_first=True), "pk")
    )


def assignments_outliving_people(
    organization: Organization, *, today: datetime.date, person: Person | None = None
) -> QuerySet[Assignment]:
    """The school's pairs and groups under an order, not over by `today`, that run past the day
    a mentor or mentee leaves the organization (the card's «Дата выбытия», today's or ahead):
    an ending order should end them by then. A pair over by its own dates asks nothing more.
    With `person`, only those where that person is the one leaving."""
    mentor_leaves = AssignmentMentor.objects.filter(
        assignment=OuterRef("pk"), mentor__person__left_on__lt=OuterRef("ends_on")
    )
    mentee_leaves = AssignmentMentee.objects.filter(
        assignment=OuterRef("pk"), mentee__person__left_on__lt=OuterRef("ends_on")
    )
    if person is not None:
        mentor_leaves = mentor_leaves.filter(mentor__person=person)
        mentee_leaves = mentee_leaves.filter(mentee__person=person)
    return (
        Assignment.objects.in_organization(organization)
        .active_on(today)
        .filter(Exists(mentor_leaves) | Exists(mentee_leaves))
        .with_people()
        .order_by("ends_on", "pk")
    )


def leavers(assignment: Assignment) -> list[Person]:
    """The people of a pair or group (read with_people) who leave before its end."""
    people = [m.person for m in assignment.mentors] + [m.person for m in assignment.mentees]
    return [p for p in people if p.left_on is not None and p.left_on < assignment.ends_on]


def person_of(user) -> Person | None:
    return user.card if user.is_authenticated else None


def person_here(request) -> Person | None:
    """The signed-in user's card when it belongs to the school they work in now: their own
    questionnaires, notices and panels are read there, never another school's."""
    person = person_of(request.user)
    organization = getattr(request, "organization", None)
    if person is None or organization is None or person.organization_id != organization.pk:
        return None
    return person


def assignments_of(person: Person) -> AssignmentQuerySet:
    """A teacher's own pairs and groups (as mentor or mentee), newest first."""
    return (
        Assignment.objects.of_person(person)
        .with_people()
        .select_related("plan")
        .order_by("-starts_on", "-pk")
    )


def plan_progress(plan: Plan) -> tuple[int, int]:
    """(done, total) events of a plan."""
    counts = plan.tasks.aggregate(
        total=Count("events"), done=Count("events", filter=Q(events__done_on__isnull=False))
    )
    return counts["done"], counts["total"]


def plans_progress(plan_ids) -> dict[int, tuple[int, int]]:
    rows = (
        Plan.objects.filter(pk__in=list(plan_ids))
        .with_progress()
        .values("pk", "events_done", "events_total")
    )
    return {r["pk"]: (r["events_done"], r["events_total"]) for r in rows}


def overdue_roadmap_items(
    organization: Organization, today: datetime.date, *, responsible: Person | None = None
) -> tuple[AcademicYear | None, list[RoadmapItem]]:
    """The current academic year's roadmap items not done whose deadline has passed on
    `today` (RoadmapItem.is_overdue), of one responsible person if given; with that year."""
    year = AcademicYear.objects.current(today)
    if year is None:
        return None, []
    items = (
        RoadmapItem.objects.in_organization(organization)
        .covering(year.start_year)
        .exclude(mark_status=MarkStatus.DONE)
        .select_related("roadmap__academic_year", "responsible_person")
    )
    if responsible is not None:
        items = items.filter(responsible_person=responsible)
    return year, [item for item in items if item.is_overdue(today)]
