"""Reads of the mentoring app, scoped to one organization or one person."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import NamedTuple

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
from mentoring.models.plan import last_meeting
from registry.models import Person, class_label_on, short_name_of

STALE_AFTER_DAYS = 30


# What a list's row of pairs and groups reads (their people: show_people)
LIST_COLUMNS = ("kind", "title", "form__name", "organization_id", "starts_on", "ends_on", "status")


# The rows of the pairs list before a school is chosen: built once (see SHOWN_MENTORS)
LISTED = (
    Assignment.objects.select_related("form").only(*LIST_COLUMNS).order_by("-created_at", "-pk")
)


def assignment_list(organization: Organization) -> QuerySet[Assignment]:
    """The pairs and groups a school's list shows (its own and the network ones it takes part
    in), newest first; a page's people: show_people, its last meetings: show_last_meetings."""
    return LISTED.visible_in(organization)


def show_last_meetings(assignments: Sequence[Assignment]) -> Sequence[Assignment]:
    """Sets `last_meeting` (models.plan.last_meeting: the day of the last meeting held, or None)
    on each of a page's pairs and groups, in one query by their ids: annotated on the list, it
    was worked out for every pair of every year before the page was cut (bench/five_years.py)."""
    held = dict(
        Assignment.objects.filter(pk__in=[a.pk for a in assignments])
        .annotate(last=last_meeting())
        .values_list("pk", "last")
        .order_by()
    )
    for a in assignments:
        a.last_meeting = held.get(a.pk)  # type: ignore[attr-defined]
    return assignments


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
        .annotate(last_meeting=last_meeting())
        .filter(Q(last_meeting__isnull=True) | Q(last_meeting__lt=since))
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
    """A teacher's own pairs and groups (as mentor or mentee), newest first (their people:
    show_people)."""
    return (
        Assignment.objects.of_person(person)
        .select_related("plan", "form")
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


def schools_sharing_pairs(schools: set[int]) -> set[int]:
    """The other schools whose pages show pairs and groups of `schools`, or whose people take
    part in them (network pairs): a change in one school's pairs or people changes theirs too
    (accounts.freshness)."""
    mentors = AssignmentMentor.objects.exclude(
        mentor__person__organization=F("assignment__organization")
    )
    mentees = AssignmentMentee.objects.exclude(
        mentee__person__organization=F("assignment__organization")
    )
    found = (
        mentors.filter(assignment__organization__in=schools)
        .values_list("mentor__person__organization_id")
        .union(
            mentors.filter(mentor__person__organization__in=schools).values_list(
                "assignment__organization_id"
            ),
            mentees.filter(assignment__organization__in=schools).values_list(
                "mentee__person__organization_id"
            ),
            mentees.filter(mentee__person__organization__in=schools).values_list(
                "assignment__organization_id"
            ),
        )
    )
    return {school for (school,) in found} - schools


class ShownPerson(NamedTuple):
    """A mentor or mentee as a row of a list names them."""

    short_name: str
    school: str  # a network mentor's school; "" for the pair's own
    school_class: str  # a pupil's class on the day; "" otherwise


# The columns a row shows of its mentors and mentees, in the links' order. Built once: their
# joins set up here, not again for every page (a third of each query's cost); each page
# filters a copy (querysets are never changed in place).
SHOWN_MENTORS = AssignmentMentor.objects.order_by("pk").values_list(
    "assignment_id",
    "mentor__person__last_name",
    "mentor__person__first_name",
    "mentor__person__middle_name",
    "mentor__person__organization_id",
)
SHOWN_MENTEES = AssignmentMentee.objects.order_by("pk").values_list(
    "assignment_id",
    "mentee__person__last_name",
    "mentee__person__first_name",
    "mentee__person__middle_name",
    "mentee__person__class_cohort",
    "mentee__person__class_letter",
)


def show_people(assignments: Sequence[Assignment], day: datetime.date) -> Sequence[Assignment]:
    """Sets `people_shown` = (mentors, mentees) on each of a page's pairs and groups, as the
    row shows them on `day`, in two queries of the columns shown (a third, rare, names the
    schools of network mentors): a list of 25 spent more time loading the people's whole
    cards than on the rest of its work."""
    ids = [a.pk for a in assignments]
    own = {a.pk: a.organization_id for a in assignments}
    mentors: dict[int, list[ShownPerson]] = {pk: [] for pk in ids}
    mentees: dict[int, list[ShownPerson]] = {pk: [] for pk in ids}
    found = list(SHOWN_MENTORS.filter(assignment__in=ids))
    network = {school for assignment, *_name, school in found if school != own[assignment]}
    schools = (
        dict(Organization.objects.filter(pk__in=network).values_list("pk", "short_name"))
        if network
        else {}
    )
    for assignment, last, first, middle, school in found:
        shown = ShownPerson(
            short_name_of(last, first, middle),
            "" if school == own[assignment] else schools[school],
            "",
        )
        mentors[assignment].append(shown)
    for assignment, last, first, middle, cohort, letter in SHOWN_MENTEES.filter(assignment__in=ids):
        shown = ShownPerson(
            short_name_of(last, first, middle), "", class_label_on(cohort, letter, day)
        )
        mentees[assignment].append(shown)
    for a in assignments:
        a.people_shown = (mentors[a.pk], mentees[a.pk])  # type: ignore[attr-defined]
    return assignments
