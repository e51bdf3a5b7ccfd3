"""The municipal rollup as an .xlsx workbook: seed 002's tables, one sheet each."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.russian import percent_value
from core.spreadsheets import share_cells, workbook_bytes
from documents.rendering import render_pdf
from documents.russian import date_long
from monitoring.rollup.tables import (
    SCHOOLS_ONLY_FORMS,
    MunicipalityRow,
    SchoolTable,
    school_groups,
    source_note,
)

BOLD = Font(bold=True)
ROLLUP_KIND = "rollup"
ROLLUP_FORMATS = ("pdf", "xlsx")


def rollup_filename(year, fmt: str) -> str:
    return f"Мониторинг наставничества {year}.{fmt}"


def _header(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def rollup_workbook(
    table: SchoolTable, municipalities: list[MunicipalityRow], total: MunicipalityRow
) -> bytes:
    book = Workbook()
    forms_sheet = book.active
    forms_sheet.title = _("Формы по ОО")
    _header(
        forms_sheet,
        ["№", _("Образовательная организация")]
        + [f"«{f.name}»" for f in table.forms]
        + [_("Количество форм"), _("Пар и групп")],
    )
    for n, row in enumerate(table.rows, start=1):
        forms_sheet.append(
            [
                n,
                row.organization.short_name,
                *row.runs.values(),
                row.forms_count,
                row.total_pairs,
            ]
        )
    forms_sheet.append(
        ["", _("ИТОГО:"), *table.schools_running.values(), "", table.totals.total_pairs]
    )

    trained = book.create_sheet(_("Обучение наставничеству"))
    _header(
        trained,
        [
            _("Образовательная организация"),
            _("Численность педработников, чел."),
            _("Численность педработников, прошедших курсы, чел."),
            _("Доля педработников, прошедших курсы, %"),
        ],
    )
    for row in [*table.rows, table.totals]:
        name = row.organization.short_name if row.organization else _("ИТОГО:")
        trained.append([name, row.teachers, row.trained, percent_value(row.trained, row.teachers)])
    share_cells(trained, 4)

    if len(municipalities) > 1:
        regional = book.create_sheet(_("По муниципалитетам"))
        head = ["№", _("МО")]
        for form in table.forms:
            head.append(f"«{form.name}»: " + _("школы"))
            if form.code not in SCHOOLS_ONLY_FORMS:
                head.append(f"«{form.name}»: " + _("учреждения доп. образования"))
        _header(regional, head)
        for n, mo in enumerate([*municipalities, total], start=1):
            last = mo is total
            cells = ["" if last else n, _("ИТОГО:") if last else mo.municipality.name]
            regional.append(cells + [value for form_cells in mo.cells for value in form_cells])
    note = source_note(table)
    if note:
        source = book.create_sheet(_("Источник цифр"))
        source.append([note])
        for org in table.unfinalised:
            source.append([org.short_name])
    return workbook_bytes(book)


def executor(user) -> dict:
    """«Исполнитель» of a rollup: the coordinator who made it, with the position and phone
    entered on the rollup page (blanks to fill by hand where there are none)."""
    from accounts.models import Coordinator
    from documents.russian import person_name, signature_name

    details = (
        Coordinator.objects.filter(user=user).exclude(position="", phone="").order_by("pk").first()
    )
    return {
        "name": person_name(user) if user.last_name else user.get_username(),
        "signature": signature_name(user.last_name, user.first_name, user.middle_name)
        if user.last_name
        else "",
        "position": details.position if details else "",
        "phone": details.phone if details else "",
    }


def rollup_document(
    table: SchoolTable,
    municipalities: list[MunicipalityRow],
    total: MunicipalityRow,
    *,
    year,
    today: datetime.date,
    made_by,
) -> bytes:
    """Seed 002's tables on landscape A4: per municipality (always, one row when the
    coordinator has one), per school — grouped under their municipalities with a subtotal
    each when there are several —, the teachers trained in mentoring courses, and the
    coordinator who made it as «Исполнитель» with a signature line."""
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
            "today": today,
            "today_long": date_long(today),
            "source_note": source_note(table),
            "groups": school_groups(table) if several else [],
            "executor": executor(made_by),
        },
    )
    return content
