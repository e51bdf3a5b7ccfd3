"""Every list page (and every role's home) costs the same number of queries with a few rows
and with more than a page of them, and stays within its budget.

One school is filled with a few of everything a list shows — people, mentors with courses,
mentees, pairs in every status, the teacher's own pairs, programs, documents (some waiting in
the director's inbox), questionnaires, semester reports, roadmap items, neighbouring schools of
the municipality with their roadmaps — the queries of every page are counted, then the school
gets many more of each and they are counted again. A query per row shows as a difference.
"""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AcademicYear
from documents import services as documents
from mentoring.models import AssignmentStatus, Program, RoadmapItem
from mentoring.roadmap_services import roadmap_get_or_create, roadmap_start_from_sample
from mentoring.services import plan_create_from_template
from monitoring.evaluation.kirkpatrick import criteria_for
from monitoring.models import ReportVersion, SemesterReport
from registry.models import MentoringForm
from tests.documents.factories import DAY, introduction
from tests.factories import OrganizationFactory, PersonFactory, TrainingRecordFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021, year_round
from tests.monitoring.factories import open_questionnaire
from tests.queries import page_queries

# FEW is more than a home panel's five rows (past it the panel counts the rest); a list page
# holds 25 rows: MANY fills one and starts the next.
FEW, MANY = 6, 30

# (URL name, who opens it, query string, most queries allowed). A school's pairs read their
# network ones' ids first; the pairs list reads its page's last meetings and the people list its
# page's registers after the page is cut (one query each: their cost follows the page, not the
# database: bench/region.py, bench/five_years.py).
# fmt: off
LIST_PAGES = [
    ("home",                         "curator",     {},               18),
    ("home",                         "director",    {},               11),
    ("home",                         "deputy",      {},               10),
    ("home",                         "teacher",     {},               14),
    ("home",                         "mentee",      {},               13),
    ("home",                         "psychologist", {},              4),
    ("home",                         "coordinator", {},               9),
    ("registry:people",              "curator",     {},               7),
    ("registry:mentors",             "curator",     {},               11),
    ("registry:mentees",             "curator",     {},               8),
    # + the mentee entries' statuses on the day, one query for the page
    ("registry:young-specialists",   "curator",     {},               13),
    ("mentoring:assignment-list",    "curator",     {},               11),
    ("mentoring:stale-list",         "curator",     {},               6),
    ("mentoring:waiting-list",       "curator",     {},               7),
    ("mentoring:program-list",       "curator",     {},               5),
    ("mentoring:cohort",             "curator",     {},               10),
    ("mentoring:roadmap",            "curator",     {"year": 2021},   9),
    # + the current year (open pairs and this year's), paginated
    ("mentoring:my-assignments",     "teacher",     {},               11),
    ("mentoring:municipal-roadmaps", "coordinator", {},               5),
    ("documents:list",               "curator",     {},               6),
    ("documents:inbox",              "director",    {},               5),
    ("monitoring:questionnaires",    "curator",     {},               6),
    ("monitoring:my-questionnaires", "teacher",     {},               12),
    ("monitoring:reports",           "deputy",      {},               6),
    # + who is due for removal (retention)
    ("monitoring:health",            "curator",     {},               14),
    ("monitoring:kirkpatrick",       "curator",     {},               13),
    ("monitoring:criteria",          "curator",     {},               5),
    ("monitoring:rollup",            "coordinator", {"year": 2021},   12),  # + the executor
]
# fmt: on

STATUSES = itertools.cycle(
    [
        AssignmentStatus.DRAFT,
        AssignmentStatus.AWAITING_ORDER,
        AssignmentStatus.ACTIVE,
        AssignmentStatus.FINISHED,
    ]
)


class School:
    """The personas' school, grown row by row."""

    def __init__(self, school, personas):
        self.school = school
        self.personas = personas
        self.mentor = personas.teacher.person.mentor_profile
        self.mentor.capacity = 100
        self.mentor.save()
        self.roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
        criteria_for(school)  # the observation checklist a school gets on its first visit
        # Earlier years for the reports and programs, made up front so that 2021 stays the
        # latest year (the default of the monitoring pages) whatever the size.
        self.past_years = [
            AcademicYear.objects.get_or_create(
                start_year=start, defaults=AcademicYear.standard_dates(start)
            )[0]
            for start in range(2020, 2020 - MANY, -1)
        ]
        self.added = 0

    def grow(self, n: int) -> None:
        school = self.school
        form = MentoringForm.objects.get(code="teacher-teacher")
        for _ in range(n):
            self.added += 1
            PersonFactory(organization=school)
            TrainingRecordFactory(mentor=make_mentor(school))
            make_mentee(school)
            make_pair(school, status=next(STATUSES))
            own = make_pair(school, mentor=self.mentor, status=AssignmentStatus.ACTIVE)
            plan_create_from_template(assignment=own)
            introduction(school)
            documents.document_send(document=introduction(school), today=DAY)
            open_questionnaire(school)
            year = self.past_years[self.added - 1]
            report = SemesterReport.objects.create(organization=school, academic_year=year, half=1)
            if self.added % 2:  # every other report finalised (its PDF stands in here)
                ReportVersion.objects.create(
                    report=report,
                    number=1,
                    figures={},
                    pdf=b"%PDF",
                    sha256="0" * 64,
                    finalised_at=timezone.now(),
                    finalised_by=self.personas.deputy,
                )
            Program.objects.create(  # one per year and form
                organization=school,
                academic_year=year,
                form=form,
                title=f"Программа {self.added}",
                goal="Адаптация молодых педагогов",
                starts_on=year.starts_on,
                ends_on=year.ends_on,
            )
            RoadmapItem.objects.create(
                roadmap=self.roadmap,
                order=100 + self.added,
                number=f"9.{self.added}",
                task=f"Задача {self.added}",
                **year_round(self.roadmap),
            )
            neighbour = OrganizationFactory(municipality=school.municipality)
            roadmap_get_or_create(organization=neighbour, academic_year=year_2021())
            make_pair(neighbour, status=AssignmentStatus.ACTIVE)


def count_queries(client, personas) -> dict[tuple[str, str], int]:
    counts = {}
    for name, role, query, _ in LIST_PAGES:
        client.force_login(getattr(personas, role))
        counts[name, role], response = page_queries(client, reverse(name), query)
        assert response.status_code == 200, (name, role, response.status_code)
    return counts


@pytest.mark.django_db
def test_list_pages_cost_the_same_with_few_and_with_many_rows(client, personas, school):
    world = School(school, personas)
    world.grow(FEW)
    few = count_queries(client, personas)
    world.grow(MANY - FEW)
    many = count_queries(client, personas)
    problems = []
    for name, role, _, most in LIST_PAGES:
        key = (name, role)
        if many[key] != few[key]:
            problems.append(
                f"{name} as {role}: {few[key]} queries with {FEW}, {many[key]} with {MANY}"
            )
        elif many[key] > most:
            problems.append(f"{name} as {role}: {many[key]} queries, budget {most}")
    assert not problems, "\n".join(problems)
    the_pages_measured_show_the_rows(client, personas)


def the_pages_measured_show_the_rows(client, personas) -> None:
    """The counts are of real pages: with many rows each list shows a full page."""
    client.force_login(personas.curator)
    for name in ("registry:people", "mentoring:assignment-list", "documents:list"):
        page = client.get(reverse(name)).context["page_obj"]
        assert len(page) == page.paginator.per_page and page.paginator.num_pages >= 2, name
    client.force_login(personas.director)
    assert client.get(reverse("documents:inbox")).content.decode().count(
        "О внедрении целевой модели наставничества"
    ) >= min(MANY, 25)
    client.force_login(personas.coordinator)
    roadmaps = client.get(reverse("mentoring:municipal-roadmaps")).context["roadmaps"]
    assert len(roadmaps) >= MANY
    client.force_login(personas.deputy)
    reports = client.get(reverse("monitoring:reports")).content.decode()
    assert reports.count(">утверждена</span>") == MANY // 2
    home = client.get(reverse("home")).content.decode()
    assert "· утверждена · " in home
