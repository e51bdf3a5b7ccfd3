"""Finalised semester reports (утверждённая справка) and their corrected editions.

Finalising stores the figures as plain JSON (`report_figures`) beside the PDF rendered once
from them and its SHA-256; from then on the report's PDF is those bytes. The figures are
recomputed on the report's page and compared with the stored ones (`figure_changes`), so the
deputy sees what past data was corrected since, and may issue a corrected edition.

A second-half report also stores its school's row of the municipal rollup for the whole
academic year (its «year» figures): the rollup of a closed year reads them from there.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear, Organization, User
from documents.russian import date_short
from monitoring.models import ReportVersion, SemesterReport
from monitoring.reports.semester import ReportData, report_data, report_pdf
from monitoring.rollup.tables import school_table
from registry.models import MentoringForm

HALF_NOT_ENDED = _("Полугодие ещё не закончилось: справку можно утвердить после %(date)s.")
ALREADY_FINALISED = _(
    "Справка уже утверждена. Чтобы учесть изменившиеся данные, выпустите исправленную редакцию."
)
NOT_FINALISED = _("Справка ещё не утверждена: исправленная редакция выпускается к утверждённой.")
REASON_REQUIRED = _("Укажите основание исправленной редакции.")
NOTHING_CHANGED = _("Данные за период не изменились: исправлять нечего.")
REPORT_FROZEN = _("Справка утверждена: выводы, задачи и подписи больше не меняются.")


def _decimal(value) -> str | None:
    return None if value is None else str(value).replace(".", ",")


def report_figures(data: ReportData, year_row=None) -> dict:
    """Every figure and row the report prints, as plain JSON values (lists, never tuples, so
    that what comes back from the database compares equal)."""
    if data.trained is None:
        raise ValueError("report_figures needs the report's data computed in full")
    trained = data.trained
    behaviour = data.behaviour
    figures = {
        "orders": list(data.orders),
        "forms": [
            {
                "name": f.name,
                "pairs": f.pairs,
                "groups": f.groups,
                "mentors": f.mentors,
                "mentees": f.mentees,
            }
            for f in data.forms
        ],
        "coverage": [
            {"label": c.label, "involved": c.involved, "total": c.total} for c in data.coverage
        ],
        "trained": {"involved": trained.involved, "total": trained.total},
        "categories": [
            {"label": c.label, "involved": c.involved, "total": c.total} for c in data.categories
        ],
        "incentives": [
            {"kind": r.kind, "mentors": r.mentors, "amount": r.amount} for r in data.incentives
        ],
        "roadmap": [
            {"number": r.number, "task": r.task, "events": list(r.events), "mark": r.mark}
            for r in data.roadmap
        ],
        "roadmap_kept": data.roadmap_kept,
        "reaction": list(data.reaction),
        "learning": list(data.learning),
        "behaviour": {
            "observed": len(behaviour.rows) if behaviour else 0,
            "compared": len(behaviour.compared) if behaviour else 0,
            "improved": behaviour.improved if behaviour else 0,
            "average_first": _decimal(behaviour.average_first if behaviour else None),
            "average_last": _decimal(behaviour.average_last if behaviour else None),
        },
        "results": [
            {
                "name": r.name,
                "unit": r.unit,
                "value": _decimal(r.value),
                "previous": _decimal(r.previous),
            }
            for r in data.results
        ],
    }
    if year_row is not None:
        figures["year"] = {
            "pairs": dict(year_row.pairs),
            "teachers": year_row.teachers,
            "trained": year_row.trained,
        }
    return figures


def current_figures(report: SemesterReport, data: ReportData | None = None) -> dict:
    """The report's figures computed from today's data (`data` when already computed)."""
    if data is None:
        data = report_data(report.organization, report.academic_year, report.half)
    year_row = None
    if report.half == 2:
        organizations = Organization.objects.filter(pk=report.organization_id)
        year_row = school_table(organizations, report.academic_year).rows[0]
    return report_figures(data, year_row)


# --- What moved since: the stored figures against today's ---


def _shown(value) -> str:
    return "—" if value is None or value == "" else str(value)


def _number(label: str, before, now) -> list[str]:
    if _shown(before) == _shown(now):  # no figure and an empty one read the same
        return []
    return [f"{label}: было {_shown(before)}, сейчас {_shown(now)}"]


def _lines(label: str, before: list[str], now: list[str]) -> list[str]:
    return [f"{label}: добавлено «{x}»" for x in now if x not in before] + [
        f"{label}: больше нет «{x}»" for x in before if x not in now
    ]


def _keyed(rows: list[dict], *keys: str) -> dict:
    return {" ".join(str(r[k]) for k in keys): r for r in rows}


def _rows(before: list[dict], now: list[dict], *keys: str) -> list[tuple[str, dict, dict]]:
    """Rows of both lists matched by `keys`, today's order first; a missing row is {}."""
    old, new = _keyed(before, *keys), _keyed(now, *keys)
    return [(key, old.get(key, {}), new.get(key, {})) for key in new | old]


def figure_changes(before: dict, now: dict) -> list[str]:
    """Each figure that differs, in Russian: «Педагогические работники, всего: было 10, сейчас
    9». Empty when the data of the period has not changed."""
    old_orders, new_orders = before["orders"], now["orders"]
    changes = [f"Приказы: добавлен {x}" for x in new_orders if x not in old_orders]
    changes += [f"Приказы: больше не входит {x}" for x in old_orders if x not in new_orders]
    for name, old, new in _rows(before["forms"], now["forms"], "name"):
        for field, word in (
            ("pairs", "пар"),
            ("groups", "групп"),
            ("mentors", "наставников"),
            ("mentees", "наставляемых"),
        ):
            changes += _number(f"Форма «{name}», {word}", old.get(field, 0), new.get(field, 0))
    # a version finalised before a section existed did not record it: nothing to compare
    coverage = [
        *_rows(before["coverage"], now["coverage"], "label"),
        *_rows(before.get("categories", now["categories"]), now["categories"], "label"),
    ]
    for label, old, new in coverage:
        changes += _number(f"{label.capitalize()}, всего", old.get("total"), new.get("total"))
        changes += _number(
            f"{label.capitalize()}, вовлечено", old.get("involved"), new.get("involved")
        )
    changes += _number(
        "Наставники, которым нужно обучение",
        before["trained"]["total"],
        now["trained"]["total"],
    )
    changes += _number(
        "Наставники, прошедшие обучение",
        before["trained"]["involved"],
        now["trained"]["involved"],
    )
    for _key, old, new in _rows(before["roadmap"], now["roadmap"], "number", "task"):
        item = f"п. {(new or old)['number']} «{(new or old)['task']}»"
        if not old:
            changes.append(f"Дорожная карта: добавлен {item}")
        elif not new:
            changes.append(f"Дорожная карта: больше не входит {item}")
        else:
            if old["mark"] != new["mark"]:
                changes.append(
                    f"Дорожная карта, {item}: отметка была «{old['mark']}», сейчас «{new['mark']}»"
                )
            if old["events"] != new["events"]:
                changes.append(f"Дорожная карта, {item}: изменились мероприятия")
    if before["roadmap_kept"] != now["roadmap_kept"]:
        kept = {True: "ведётся", False: "не ведётся"}
        changes.append(
            f"Дорожная карта на учебный год: было «{kept[before['roadmap_kept']]}», "
            f"сейчас «{kept[now['roadmap_kept']]}»"
        )
    for kind, old, new in _rows(
        before.get("incentives", now["incentives"]), now["incentives"], "kind"
    ):
        changes += _number(
            f"Поощрения «{kind}», наставников", old.get("mentors"), new.get("mentors")
        )
        changes += _number(f"Поощрения «{kind}», сумма", old.get("amount"), new.get("amount"))
    changes += _lines("Реакция", before["reaction"], now["reaction"])
    changes += _lines("Обучение", before["learning"], now["learning"])
    for field, label in (
        ("observed", "Поведение, наставляемых под наблюдением"),
        ("compared", "Поведение, сравнены наблюдения"),
        ("improved", "Поведение, улучшили показатель"),
        ("average_first", "Поведение, в среднем в начале, %"),
        ("average_last", "Поведение, в среднем в конце, %"),
    ):
        changes += _number(label, before["behaviour"][field], now["behaviour"][field])
    for name, old, new in _rows(before["results"], now["results"], "name"):
        changes += _number(f"Результаты, «{name}»", old.get("value"), new.get("value"))
        changes += _number(
            f"Результаты, «{name}», прошлое полугодие", old.get("previous"), new.get("previous")
        )
    if "year" in before or "year" in now:
        changes += _year_changes(before.get("year", {}), now.get("year", {}))
    return changes


def _year_changes(before: dict, now: dict) -> list[str]:
    names = dict(MentoringForm.objects.values_list("code", "name"))
    changes = []
    old_pairs, new_pairs = before.get("pairs", {}), now.get("pairs", {})
    for code in new_pairs | old_pairs:
        changes += _number(
            f"За учебный год, пар и групп в форме «{names.get(code, code)}»",
            old_pairs.get(code, 0),
            new_pairs.get(code, 0),
        )
    changes += _number(
        "За учебный год, педагогических работников", before.get("teachers"), now.get("teachers")
    )
    changes += _number(
        "За учебный год, прошли курсы по наставничеству", before.get("trained"), now.get("trained")
    )
    return changes


# --- Services ---


def _issue(
    report: SemesterReport, data: ReportData, figures: dict, *, by: User, number: int, reason: str
) -> ReportVersion:
    finalised_at = timezone.now()
    edition = ""
    if number > 1:
        edition = (
            f"Исправленная редакция № {number} от "
            f"{date_short(timezone.localdate(finalised_at))}; основание: {reason}"
        )
    pdf = report_pdf(data, report, edition)
    return ReportVersion.objects.create(
        report=report,
        number=number,
        figures=figures,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        finalised_at=finalised_at,
        finalised_by=by,
        reason=reason,
    )


def _locked(report: SemesterReport) -> SemesterReport:
    return (
        SemesterReport.objects.select_for_update()
        .select_related("organization", "academic_year")
        .get(pk=report.pk)
    )


def report_get_or_create(
    *, organization: Organization, academic_year: AcademicYear, half: int
) -> SemesterReport:
    report, _created = SemesterReport.objects.get_or_create(
        organization=organization, academic_year=academic_year, half=half
    )
    return report


@transaction.atomic
def report_texts_save(
    *, report: SemesterReport, conclusions: str, plans: str, authors
) -> SemesterReport:
    """The hand-written parts of a report not yet approved (an approved one is frozen: its
    corrected editions carry figures only)."""
    report = _locked(report)
    if report.versions.exists():
        raise ValidationError(REPORT_FROZEN)
    report.conclusions, report.plans = conclusions, plans
    report.save(update_fields=["conclusions", "plans", "updated_at"])
    report.authors.set(authors)
    return report


@transaction.atomic
def report_finalise(*, report: SemesterReport, by: User, today: datetime.date) -> ReportVersion:
    """Approve the report of a half that has ended: its figures and PDF are stored as version 1
    and its conclusions, plans and authors are frozen."""
    report = _locked(report)
    if report.versions.exists():
        raise ValidationError(ALREADY_FINALISED)
    _starts_on, ends_on = report.academic_year.half_bounds(report.half)
    if ends_on >= today:
        raise ValidationError(HALF_NOT_ENDED % {"date": date_short(ends_on)})
    data = report_data(report.organization, report.academic_year, report.half)
    return _issue(report, data, current_figures(report, data), by=by, number=1, reason="")


@transaction.atomic
def report_correct(*, report: SemesterReport, by: User, reason: str) -> ReportVersion:
    """Issue a corrected edition of a finalised report with today's figures, when they differ
    from the latest edition's; the earlier editions stay as they were."""
    report = _locked(report)
    latest = report.versions.order_by("-number").first()
    if latest is None:
        raise ValidationError(NOT_FINALISED)
    reason = reason.strip()
    if not reason:
        raise ValidationError(REASON_REQUIRED)
    data = report_data(report.organization, report.academic_year, report.half)
    figures = current_figures(report, data)
    if not figure_changes(latest.figures, figures):
        raise ValidationError(NOTHING_CHANGED)
    return _issue(report, data, figures, by=by, number=latest.number + 1, reason=reason)
