"""The semester report (справка по итогам полугодия), computed from the portal's data.

`report_data` gathers every figure as plain values; `render_report_pdf` prints them in the
school's document style. The deputy's page runs it as a background job; the
`semester_report` command runs the same code synchronously."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum

from accounts.models import AcademicYear, Organization
from core.periods import academic_year_first_day, academic_year_last_day, year_halves
from core.russian import percent, quoted, year_range
from documents.models import Document
from documents.rendering import render_pdf
from documents.russian import date_short, order_citation, signature_name
from mentoring.models import (
    Assignment,
    AssignmentMentee,
    AssignmentMentor,
    Program,
    Roadmap,
    RoadmapItem,
)
from monitoring.evaluation import kirkpatrick
from monitoring.models import ReportVersion, SemesterReport, report_heading
from registry.models import Incentive, MentoringForm, MentorProfile, Person, PersonCategory

TARGET_COVERAGE = 70
HALF_NAMES = {1: "1 полугодия", 2: "2 полугодия"}


@dataclass
class FormRow:
    name: str
    pairs: int
    groups: int
    mentors: int
    mentees: int


@dataclass
class Coverage:
    label: str
    involved: int
    total: int

    @property
    def percent(self) -> str:
        return percent(self.involved, self.total)

    @property
    def share(self) -> float:
        return self.involved / self.total if self.total else 0.0

    @property
    def reached(self) -> bool:
        return self.total > 0 and self.involved * 100 >= TARGET_COVERAGE * self.total

    @property
    def gap(self) -> int:
        """How many more people the target of 70 % needs (0 once it is reached)."""
        needed = -(-self.total * TARGET_COVERAGE // 100)  # rounded up
        return max(0, needed - self.involved)


@dataclass
class ProgramRow:
    form: str
    goal: str
    expected: str


@dataclass
class IncentiveRow:
    kind: str
    mentors: int
    amount: str  # «3 000» or "" for awards without a sum


@dataclass
class RoadmapRow:
    number: str
    task: str
    events: list[str]
    mark: str


@dataclass
class ReportData:
    organization: Organization
    year: AcademicYear
    half: int
    starts_on: datetime.date
    ends_on: datetime.date
    orders: list[str] = field(default_factory=list)
    forms: list[FormRow] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    # pupils needing support by category (seed 003): ОВЗ, одарённые, …
    categories: list[Coverage] = field(default_factory=list)
    programs: list[ProgramRow] = field(default_factory=list)
    incentives: list[IncentiveRow] = field(default_factory=list)
    trained: Coverage | None = None
    roadmap: list[RoadmapRow] = field(default_factory=list)
    roadmap_kept: bool = False  # a roadmap covers the year, whether or not items fall in the half
    reaction: list[str] = field(default_factory=list)
    learning: list[str] = field(default_factory=list)
    behaviour: kirkpatrick.Behaviour | None = None
    results: list[kirkpatrick.IndicatorRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (
            "о промежуточных результатах реализации целевой модели наставничества в "
            f"{self.organization.short_name} по итогам {HALF_NAMES[self.half]} "
            f"{year_range(self.year.start_year)} учебного года"
        )

    @property
    def total_pairs(self) -> int:
        return sum(f.pairs + f.groups for f in self.forms)


def _orders(organization, year, ends_on, running) -> list[str]:
    """The orders the half stands on, signed up to its end: those of its academic year, those
    about the pairs and groups running in it (an order signed in August for pairs starting in
    September), and the orders introducing the model (in force year after year). Last year's
    pair and ending orders are not cited."""
    about_running = Document.assignments.through.objects.filter(
        document=OuterRef("pk"), assignment__in=running
    )
    orders = (
        Document.objects.in_organization(organization)
        .filter(series=Document.Series.ORDER, status=Document.Status.SIGNED, signed_on__lte=ends_on)
        .filter(
            Q(signed_on__gte=year.starts_on)
            | Q(kind=Document.Kind.INTRODUCTION)
            | Exists(about_running)
        )
        .defer("pdf")
        .order_by("signed_on", "number")
    )
    return [f"{order_citation(o.signed_on, o.number)} {quoted(o.title)}" for o in orders]


def _running(organization, starts_on, ends_on):
    return Assignment.objects.in_organization(organization).running_during(starts_on, ends_on)


def _forms(running) -> list[FormRow]:
    counts = {
        r["form_id"]: r
        for r in running.values("form_id").annotate(
            pairs=Count("pk", filter=Q(kind=Assignment.Kind.PAIR), distinct=True),
            groups=Count("pk", filter=Q(kind=Assignment.Kind.GROUP), distinct=True),
        )
    }
    mentors = dict(
        AssignmentMentor.objects.filter(assignment__in=running)
        .values("assignment__form_id")
        .annotate(n=Count("mentor", distinct=True))
        .values_list("assignment__form_id", "n")
    )
    mentees = dict(
        AssignmentMentee.objects.filter(assignment__in=running)
        .values("assignment__form_id")
        .annotate(n=Count("mentee", distinct=True))
        .values_list("assignment__form_id", "n")
    )
    return [
        FormRow(
            f.name,
            counts[f.pk]["pairs"],
            counts[f.pk]["groups"],
            mentors.get(f.pk, 0),
            mentees.get(f.pk, 0),
        )
        for f in MentoringForm.objects.filter(pk__in=counts).order_by("order")
    ]


def _participants(running) -> set[int]:
    return set(
        AssignmentMentor.objects.filter(assignment__in=running).values_list(
            "mentor__person_id", flat=True
        )
    ) | set(
        AssignmentMentee.objects.filter(assignment__in=running).values_list(
            "mentee__person_id", flat=True
        )
    )


def _coverage(organization, running, starts_on, ends_on) -> list[Coverage]:
    """Participants of the half against the staff and pupils on the roll during it (people
    admitted or gone since do not move a closed half's figures)."""
    involved = _participants(running)
    people = Person.objects.in_organization(organization).on_roll_during(starts_on, ends_on)
    rows = []
    for category, label in (
        (PersonCategory.TEACHER, "педагогические работники"),
        (PersonCategory.STUDENT, "обучающиеся"),
    ):
        ids = set(people.filter(category=category).values_list("pk", flat=True))
        rows.append(Coverage(label, len(ids & involved), len(ids)))
    return rows


# Seed 003's categories of pupils who need support, as the card keeps them
PUPIL_CATEGORIES = (
    ("has_disability", "обучающиеся с ОВЗ"),
    ("is_gifted", "одарённые обучающиеся"),
    ("difficult_situation", "обучающиеся в трудной жизненной ситуации"),
    ("low_income", "обучающиеся из малоимущих семей"),
    ("is_orphan", "дети-сироты и оставшиеся без попечения родителей"),
)


def _categories(organization, running, starts_on, ends_on) -> list[Coverage]:
    """Pupils of each category on the roll during the half, and how many had a mentor (only
    categories the school has pupils in)."""
    involved = set(
        AssignmentMentee.objects.filter(assignment__in=running).values_list(
            "mentee__person_id", flat=True
        )
    )
    pupils = (
        Person.objects.in_organization(organization)
        .on_roll_during(starts_on, ends_on)
        .filter(category=PersonCategory.STUDENT)
    )
    flags = [flag for flag, _label in PUPIL_CATEGORIES]
    marked = list(pupils.values_list("pk", *flags))  # one query for every category
    rows = []
    for n, (_flag, label) in enumerate(PUPIL_CATEGORIES, start=1):
        ids = {row[0] for row in marked if row[n]}
        if ids:
            rows.append(Coverage(label, len(ids & involved), len(ids)))
    return rows


def _programs(organization, year, running) -> list[ProgramRow]:
    """The goal and expected results of the year's program of each form in use."""
    forms = running.values("form_id")
    programs = (
        Program.objects.filter(organization=organization, academic_year=year, form__in=forms)
        .select_related("form")
        .order_by("form__order", "pk")
    )
    return [ProgramRow(p.form.name, p.goal, p.expected_results) for p in programs]


def _incentives(organization, starts_on, ends_on) -> list[IncentiveRow]:
    """Mentors of the school encouraged in the half, by kind, with the sums paid."""
    rows = (
        Incentive.objects.filter(
            mentor__person__organization=organization, granted_on__range=(starts_on, ends_on)
        )
        .values("kind")
        .annotate(mentors=Count("mentor", distinct=True), amount=Sum("amount"))
        .order_by("kind")
    )
    labels = dict(Incentive.Kind.choices)
    return [
        IncentiveRow(
            str(labels[r["kind"]]),
            r["mentors"],
            f"{int(r['amount']):,}".replace(",", "\u00a0") if r["amount"] else "",
        )
        for r in rows
    ]


def _trained(running, ends_on) -> Coverage:
    """Mentors of the running pairs who had finished a mentors' course by the half's end, out
    of those a course is for (MentorProfile.objects.needing_training: pupils who mentor pupils
    need none)."""
    mentors = MentorProfile.objects.needing_training().filter(
        pk__in=AssignmentMentor.objects.filter(assignment__in=running).values("mentor_id")
    )
    return Coverage(
        "наставники, прошедшие обучение",
        mentors.trained_by(ends_on).count(),
        mentors.count(),
    )


def _roadmap(organization, year, ends_on) -> list[RoadmapRow]:
    """The items of the roadmap covering the year that are due in the half: their period (a
    recurring item's occurrence this year) meets the half — the first runs from the year's
    start, the second to 31 August, so no item of the year falls between them — or they have
    no deadline. «Просрочено» when the period ended by the half's end."""
    year_end = academic_year_last_day(year.start_year)
    first, second = year_halves(
        min(year.starts_on, academic_year_first_day(year.start_year)),
        year.first_half_ends,
        max(ends_on, year_end),
    )
    window = (first[0], ends_on) if ends_on <= year.first_half_ends else second
    # The day after the half, but inside its academic year, whose occurrences the report shows.
    after_half = min(ends_on + datetime.timedelta(days=1), year_end)
    items = (
        RoadmapItem.objects.filter(roadmap__organization=organization)
        .covering(year.start_year)
        .select_related("roadmap__academic_year")
        .prefetch_related("events")
        .order_by("order", "pk")
    )
    rows = []
    for item in items:
        period = item.period_in(year.start_year)
        if period is not None and not period.intersects(*window):
            continue
        if item.mark_status == "done" and item.mark_text:
            mark = item.mark_text
        elif item.mark_status == "done":
            mark = f"выполнено{f' {date_short(item.mark_date)}' if item.mark_date else ''}"
        elif item.is_overdue(after_half):
            mark = "не выполнено (просрочено)"
        else:
            mark = item.get_mark_status_display() + (
                f": {item.mark_text}" if item.mark_text else ""
            )
        rows.append(RoadmapRow(item.number, item.task, [e.text for e in item.events.all()], mark))
    return rows


def report_data(
    organization: Organization,
    year: AcademicYear,
    half: int,
    progress: Callable[[int, str], None] = lambda percent, stage: None,
) -> ReportData:
    starts_on, ends_on = year.half_bounds(half)
    data = ReportData(organization, year, half, starts_on, ends_on)
    running = _running(organization, starts_on, ends_on)
    progress(10, "Приказы")
    data.orders = _orders(organization, year, ends_on, running)
    progress(25, "Пары и группы по формам")
    data.forms = _forms(running)
    progress(45, "Охват и обучение наставников")
    data.coverage = _coverage(organization, running, starts_on, ends_on)
    data.trained = _trained(running, ends_on)
    data.categories = _categories(organization, running, starts_on, ends_on)
    data.programs = _programs(organization, year, running)
    data.incentives = _incentives(organization, starts_on, ends_on)
    progress(60, "Дорожная карта")
    data.roadmap = _roadmap(organization, year, ends_on)
    data.roadmap_kept = (
        bool(data.roadmap)
        or Roadmap.objects.in_organization(organization).covering(year.start_year).exists()
    )
    progress(70, "Оценка по Киркпатрику")
    data.reaction, data.learning = kirkpatrick.reaction_and_learning(
        organization, starts_on, ends_on
    )
    data.behaviour = kirkpatrick.behaviour(organization, starts_on, ends_on)
    data.results = kirkpatrick.results(organization, year, half)
    return data


def _authors(report: SemesterReport | None) -> list[dict]:
    if report is None:
        return []
    return [
        {
            "position": p.position or "заместитель директора",
            "name": signature_name(p.last_name, p.first_name, p.middle_name),
            "female": p.gender != "m",
        }
        for p in report.authors.order_by("last_name")
    ]


def report_pdf(data: ReportData, report: SemesterReport | None, edition: str = "") -> bytes:
    """Print `data` with the report's hand-written parts; `edition` names a corrected edition
    under the title."""
    return render_pdf(
        "monitoring/pdf/semester_report.html",
        {
            "data": data,
            "report": report,
            "authors": _authors(report),
            "edition": edition,
            "target": TARGET_COVERAGE,
            "chart_forms": [(f.name, f.pairs + f.groups) for f in data.forms],
            "max_pairs": max([f.pairs + f.groups for f in data.forms], default=0) or 1,
        },
    )


def render_report_pdf(
    organization: Organization,
    year: AcademicYear,
    half: int,
    progress: Callable[[int, str], None] = lambda percent, stage: None,
) -> bytes:
    """The report computed from today's data."""
    data = report_data(organization, year, half, progress)
    report = SemesterReport.objects.filter(
        organization=organization, academic_year=year, half=half
    ).first()
    progress(80, "Печать PDF")
    return report_pdf(data, report)


def semester_report_pdf(
    organization: Organization,
    year: AcademicYear,
    half: int,
    progress: Callable[[int, str], None] = lambda percent, stage: None,
) -> bytes:
    """The report a person downloads: once finalised, the latest edition's stored bytes,
    whatever changed in the data since; before that, computed from today's data."""
    latest = (
        ReportVersion.objects.filter(
            report__organization=organization, report__academic_year=year, report__half=half
        )
        .order_by("-number")
        .values_list("pdf", flat=True)
        .first()
    )
    if latest is not None:
        return bytes(latest)
    return render_report_pdf(organization, year, half, progress)


def report_filename(year: AcademicYear, half: int) -> str:
    return f"{report_heading(year, half)}.pdf"
