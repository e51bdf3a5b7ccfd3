"""The municipal rollup: which forms each school runs, pairs per form, teachers trained.

Laid out as seed 002's regional tables. "Runs a form" means: has a pair or group in that form
that is in force («действует») or has run its course («завершена») in the academic year.
Every figure comes from a handful of grouped queries, whatever the number of schools.

A closed academic year (its last day has passed) is counted from each school's finalised
second-half report (the latest edition's «year» figures, see monitoring.reports.versions),
so corrections made later to past data do not move it; schools without one are counted
from the data and named under the tables.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import AcademicYear, Municipality, Organization
from core.russian import percent
from mentoring.models import Assignment
from monitoring.models import ReportVersion
from registry.models import MentoringForm, MentorProfile, Person

# Seed 002 counts these two forms in schools only; the others in schools and in
# institutions of additional education separately.
SCHOOLS_ONLY_FORMS = {"employer-student", "college-student"}


@dataclass
class SchoolRow:
    organization: Organization
    pairs: dict[str, int]  # form code → pairs and groups running
    teachers: int = 0
    trained: int = 0
    number: int = 0  # its № п/п where the rows are grouped by municipality

    @property
    def runs(self) -> dict[str, int]:
        return {code: int(n > 0) for code, n in self.pairs.items()}

    @property
    def forms_count(self) -> int:
        return sum(self.runs.values())

    @property
    def total_pairs(self) -> int:
        return sum(self.pairs.values())

    @property
    def trained_percent(self) -> str:
        return percent(self.trained, self.teachers)


@dataclass
class SchoolTable:
    year: AcademicYear
    forms: list[MentoringForm]
    rows: list[SchoolRow]
    totals: SchoolRow = field(init=False)
    closed: bool = False  # counted from finalised reports where there are
    unfinalised: list[Organization] = field(default_factory=list)

    def __post_init__(self):
        totals = SchoolRow(organization=None, pairs=dict.fromkeys(self.codes, 0))
        for row in self.rows:
            for code in self.codes:
                totals.pairs[code] += row.pairs[code]
            totals.teachers += row.teachers
            totals.trained += row.trained
        self.totals = totals

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.forms]

    @property
    def schools_running(self) -> dict[str, int]:
        """The ИТОГО row of the 1/0 columns: how many schools run each form."""
        return {code: sum(r.runs[code] for r in self.rows) for code in self.codes}


@dataclass
class SchoolGroup:
    """The schools of one municipality in the school table, with its subtotal row."""

    municipality: Municipality
    rows: list[SchoolRow]

    @property
    def schools_running(self) -> dict[str, int]:
        codes = self.rows[0].pairs.keys() if self.rows else ()
        return {code: sum(r.runs[code] for r in self.rows) for code in codes}

    @property
    def total_pairs(self) -> int:
        return sum(r.total_pairs for r in self.rows)


def school_groups(table: SchoolTable) -> list[SchoolGroup]:
    """The school rows grouped under their municipalities (by name), as a regional rollup
    lists them with a subtotal each."""
    groups: dict[int, SchoolGroup] = {}
    for row in table.rows:
        org = row.organization
        groups.setdefault(org.municipality_id, SchoolGroup(org.municipality, [])).rows.append(row)
    ordered = sorted(groups.values(), key=lambda g: g.municipality.name)
    for number, row in enumerate((r for g in ordered for r in g.rows), start=1):
        row.number = number
    return ordered


@dataclass
class MunicipalityRow:
    municipality: Municipality
    # form code → (schools running it, institutions of additional education running it)
    running: dict[str, tuple[int, int]]
    teachers: int = 0
    trained: int = 0

    @property
    def cells(self) -> list[tuple[int, ...]]:
        """Per form: (schools, institutions of additional education), or (schools,) for the
        forms seed 002 counts in schools only."""
        return [
            (schools,) if code in SCHOOLS_ONLY_FORMS else (schools, extra)
            for code, (schools, extra) in self.running.items()
        ]

    @property
    def trained_percent(self) -> str:
        return percent(self.trained, self.teachers)


def _pairs_by_school(organizations, year: AcademicYear) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Assignment.objects.fixed_by_order()
        .filter(organization__in=organizations, academic_year=year)
        .values("organization_id", "form__code")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["organization_id"]][row["form__code"]] = row["n"]
    return counts


def _teachers_by_school(organizations, year: AcademicYear) -> dict[int, tuple[int, int]]:
    """Teachers on the roll during the academic year, and those trained by its end."""
    trained = Q(mentor_profile__in=MentorProfile.objects.trained_by(year.ends_on))
    rows = (
        Person.objects.filter(organization__in=organizations)
        .teachers()
        .on_roll_during(year.starts_on, year.ends_on)
        .values("organization_id")
        .annotate(
            teachers=Count("pk", distinct=True),
            trained=Count("pk", filter=trained, distinct=True),
        )
    )
    return {r["organization_id"]: (r["teachers"], r["trained"]) for r in rows}


def _finalised_years(organizations, year: AcademicYear) -> dict[int, dict]:
    """The year figures stored with each school's latest finalised second-half report."""
    editions = (
        ReportVersion.objects.filter(
            report__organization__in=organizations, report__academic_year=year, report__half=2
        )
        .order_by("number")
        .values_list("report__organization_id", "figures")
    )
    return {org: figures["year"] for org, figures in editions if "year" in figures}


# Seed 002's column order: «учитель – учитель», «учитель – ученик», «ученик – ученик»,
# «работодатель – ученик», «студент – ученик»; a form added later goes after them
SEED_COLUMNS = ["teacher-teacher", "teacher-student", "student-student", "employer-student",
                "college-student"]  # fmt: skip


def seed_column(form: MentoringForm) -> tuple[int, int]:
    code = form.code
    return (SEED_COLUMNS.index(code) if code in SEED_COLUMNS else len(SEED_COLUMNS), form.order)


def school_table(
    organizations, year: AcademicYear, *, today: datetime.date | None = None
) -> SchoolTable:
    """One row per school (ordered by name) with the forms it runs and its trained teachers.
    With `today` past the year's last day, the year is closed: a school with a finalised
    second-half report is counted from it, and the others are listed in `unfinalised`."""
    organizations = list(organizations.select_related("municipality").order_by("short_name"))
    forms = sorted(MentoringForm.objects.all(), key=seed_column)
    pairs = _pairs_by_school(organizations, year)
    teachers = _teachers_by_school(organizations, year)
    closed = today is not None and year.ends_on < today
    finalised = _finalised_years(organizations, year) if closed else {}
    rows = []
    for org in organizations:
        if org.pk in finalised:
            stored = finalised[org.pk]
            counts, total, trained = stored["pairs"], stored["teachers"], stored["trained"]
        else:
            counts = pairs.get(org.pk, {})
            total, trained = teachers.get(org.pk, (0, 0))
        rows.append(
            SchoolRow(
                organization=org,
                pairs={f.code: counts.get(f.code, 0) for f in forms},
                teachers=total,
                trained=trained,
            )
        )
    unfinalised = [org for org in organizations if closed and org.pk not in finalised]
    return SchoolTable(year=year, forms=forms, rows=rows, closed=closed, unfinalised=unfinalised)


def source_note(table: SchoolTable) -> str:
    """Printed under the tables of a closed year: where its figures come from."""
    if not table.closed:
        return ""
    note = _(
        "Учебный год закончился: цифры организаций взяты из утверждённых справок по итогам "
        "2 полугодия (последней редакции)."
    )
    if not table.unfinalised:
        return f"{note} " + _("Утверждённые справки есть у всех организаций.")
    names = ", ".join(org.short_name for org in table.unfinalised)
    return f"{note} " + _(
        "Нет утверждённой справки за 2 полугодие (цифры по данным портала на сегодня): %(names)s."
    ) % {"names": names}


def municipality_table(table: SchoolTable) -> tuple[list[MunicipalityRow], MunicipalityRow]:
    """Seed 002's regional table, from the school rows: per municipality and ИТОГО."""
    by_municipality: dict[int, MunicipalityRow] = {}
    for row in table.rows:
        org = row.organization
        entry = by_municipality.setdefault(
            org.municipality_id,
            MunicipalityRow(org.municipality, dict.fromkeys(table.codes, (0, 0))),
        )
        additional = org.kind == Organization.Kind.ADDITIONAL
        for code, runs in row.runs.items():
            schools, extra = entry.running[code]
            entry.running[code] = (schools + runs * (not additional), extra + runs * additional)
        entry.teachers += row.teachers
        entry.trained += row.trained
    rows = sorted(by_municipality.values(), key=lambda r: r.municipality.name)
    total = MunicipalityRow(None, dict.fromkeys(table.codes, (0, 0)))
    for row in rows:
        for code, (schools, extra) in row.running.items():
            s, e = total.running[code]
            total.running[code] = (s + schools, e + extra)
        total.teachers += row.teachers
        total.trained += row.trained
    return rows, total
