"""Answers of a questionnaire as .xlsx: a row per sent response, a column per question."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.spreadsheets import date_cells, workbook_bytes
from monitoring.models import Answer, Questionnaire, Response


def answers_workbook(questionnaire: Questionnaire) -> bytes:
    questions = list(questionnaire.questions.all())
    responses = list(
        Response.objects.filter(questionnaire=questionnaire, sent_at__isnull=False)
        .select_related("person")
        .order_by("sent_at", "pk")
    )
    cells: dict[tuple[int, int], list] = defaultdict(list)
    for response_id, question_id, choice, number, text in Answer.objects.filter(
        response__in=responses
    ).values_list("response_id", "question_id", "choice__text", "number", "text"):
        value = choice if choice is not None else (_number(number) if number is not None else text)
        cells[(response_id, question_id)].append(value)

    book = Workbook()
    sheet = book.active
    sheet.title = _("Ответы")
    header = ([] if questionnaire.anonymous else [_("ФИО")]) + [_("Отправлено")]
    header += [f"{q.order}. {q.text}" for q in questions]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows = []
    for response in responses:
        row: list[object] = (
            []
            if questionnaire.anonymous
            else [response.person.full_name if response.person else ""]
        )
        row.append(timezone.localtime(response.sent_at).date())
        row += [_cell(cells.get((response.pk, q.pk), [])) for q in questions]
        rows.append(row)
    if questionnaire.anonymous:  # in no order that follows who answered when
        rows.sort(key=lambda row: [str(value) for value in row])
    for row in rows:
        sheet.append(row)
    date_cells(sheet)
    return workbook_bytes(book)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _cell(values: list):
    """One answer as itself (a number stays a number); several choices joined by «; »."""
    if len(values) == 1:
        return values[0]
    return "; ".join(str(v) for v in values)
