"""The municipal rollup as an .xlsx workbook: seed 002's tables, one sheet each."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from accounts.spreadsheets import workbook_bytes
from monitoring.rollup.tables import SCHOOLS_ONLY_FORMS, MunicipalityRow, SchoolTable, source_note

BOLD = Font(bold=True)


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
        trained.append([name, row.teachers, row.trained, row.trained_percent])

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
