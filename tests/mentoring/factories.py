"""Factories for mentoring: assignments are built through the service so the rules hold."""

from __future__ import annotations

import datetime
from decimal import Decimal

from accounts.models import AcademicYear
from mentoring.deadlines import parse_deadline
from mentoring.models import Assignment, Roadmap
from mentoring.roadmap_services import deadline_fields
from mentoring.services import assignment_create
from registry.models import MentoringForm
from tests.factories import MenteeProfileFactory, MentorProfileFactory, PersonFactory


def year_round(roadmap: Roadmap) -> dict:
    """The deadline fields of an item due «в течение года» in the roadmap, for rows a test
    writes itself."""
    return deadline_fields(parse_deadline("в течение года"), roadmap.span())


def year_2021() -> AcademicYear:
    year, _ = AcademicYear.objects.get_or_create(
        start_year=2021, defaults=AcademicYear.standard_dates(2021)
    )
    return year


def make_mentor(organization, *, capacity=2, forms=("teacher-teacher",), **person):
    person.setdefault("experience_years", Decimal(15))
    return MentorProfileFactory(
        person=PersonFactory(organization=organization, **person),
        capacity=capacity,
        forms=list(forms),
    )


def make_mentee(organization, **person):
    person.setdefault("experience_years", Decimal(1))
    return MenteeProfileFactory(person=PersonFactory(organization=organization, **person))


def make_pair(organization, *, mentor=None, mentee=None, status=None, by=None) -> Assignment:
    """A draft pair in учитель – учитель for 01.09.2021–31.05.2022; `status` is then set
    directly (test data). «действует» is what an order stores; the pair reads «завершена» on
    days after 31.05.2022 (ask for "finished" to have it end on 31.12.2021 instead)."""
    year = year_2021()
    assignment = assignment_create(
        organization=organization,
        academic_year=year,
        form=MentoringForm.objects.get(code="teacher-teacher"),
        mentors=[mentor or make_mentor(organization)],
        mentees=[mentee or make_mentee(organization)],
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
        by=by,
    )
    if status == "finished":
        Assignment.objects.filter(pk=assignment.pk).update(
            status="active", ends_on=datetime.date(2021, 12, 31)
        )
    elif status:
        Assignment.objects.filter(pk=assignment.pk).update(status=status)
    if status:
        assignment.refresh_from_db()
        assignment.mentee_links.update(in_preparation=assignment.in_preparation)
    return assignment
