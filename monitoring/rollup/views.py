"""The coordinator's municipal rollup: on screen and as .xlsx."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import coordinated_organizations, coordinator_required
from accounts.http import PortalRequest
from accounts.models import AcademicYear
from accounts.spreadsheets import xlsx_response
from documents.rendering import pdf_response, render_pdf
from monitoring.rollup.export import rollup_workbook
from monitoring.rollup.tables import (
    SCHOOLS_ONLY_FORMS,
    municipality_table,
    school_table,
    source_note,
)


def _year(request: PortalRequest) -> AcademicYear | None:
    value = request.GET.get("year", "")
    if value.isdigit():
        chosen = AcademicYear.objects.filter(start_year=int(value)).first()
        if chosen:
            return chosen
    return AcademicYear.objects.current(timezone.localdate())


def _tables(request: PortalRequest, year: AcademicYear):
    table = school_table(coordinated_organizations(request.user), year, today=timezone.localdate())
    municipalities, total = municipality_table(table)
    return table, municipalities, total


@coordinator_required
def rollup(request: PortalRequest) -> HttpResponse:
    year = _year(request)
    context = {"year": year, "years": AcademicYear.objects.order_by("-start_year")}
    if year is not None:
        table, municipalities, total = _tables(request, year)
        context |= {
            "table": table,
            "municipalities": municipalities,
            "municipal_total": total,
            "schools_only": SCHOOLS_ONLY_FORMS,
            "source_note": source_note(table),
        }
    return render(request, "monitoring/rollup.html", context)


@coordinator_required
def rollup_pdf(request: PortalRequest) -> HttpResponse:
    """Seed 002's tables on landscape A4: per municipality (always, one row when the
    coordinator has one), per school, and the teachers trained in mentoring courses."""
    year = _year(request)
    if year is None:
        raise Http404
    table, municipalities, total = _tables(request, year)
    several = len(municipalities) > 1
    if several:
        trained_rows = [
            {"name": mo.municipality.name, "teachers": mo.teachers, "trained": mo.trained,
             "trained_percent": mo.trained_percent}
            for mo in municipalities
        ]  # fmt: skip
        area = _("муниципальные образования региона")
    else:
        trained_rows = [
            {"name": row.organization.short_name, "teachers": row.teachers,
             "trained": row.trained, "trained_percent": row.trained_percent}
            for row in table.rows
        ]  # fmt: skip
        area = municipalities[0].municipality.name if municipalities else _("муниципалитет")
    content = render_pdf(
        "monitoring/pdf/rollup.html",
        {
            "year": year,
            "table": table,
            "municipalities": municipalities,
            "municipal_total": total,
            "schools_only": SCHOOLS_ONLY_FORMS,
            "trained_rows": trained_rows,
            "trained_by_municipality": several,
            "area": area,
            "today": timezone.localdate(),
            "source_note": source_note(table),
        },
    )
    return pdf_response(content, f"Мониторинг наставничества {year}.pdf")


@coordinator_required
def rollup_xlsx(request: PortalRequest) -> HttpResponse:
    year = _year(request)
    if year is None:
        raise Http404
    content = rollup_workbook(*_tables(request, year))
    return xlsx_response(content, f"Мониторинг наставничества {year}.xlsx")
