"""The people import as a background job (see jobs.services): the curator confirms the
preview, the worker checks the file again against the registry as it is now and writes it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from core.spreadsheets import XLSX_CONTENT_TYPE
from jobs.models import Job
from jobs.services import JobOutput, Progress
from registry.importing import (
    import_people_locked,
    plan_summary,
    protocol_workbook,
    read_rows,
)

IMPORT_KIND = "people_import"
# The protocol lists names and rows of the file: deleted from disk a month after the import
IMPORT_RESULT_KEEP_DAYS = 30
CHANGED_SINCE_PREVIEW = _(
    "Данные в школе изменились после проверки файла: загрузите его ещё раз и проверьте."
)
UPLOAD_GONE = _("Файл загрузки больше не хранится: загрузите его ещё раз.")


def import_people(job: Job, progress: Progress) -> JobOutput:
    """Read the stored upload, plan it as of the day it was confirmed, write it, and give the
    protocol of what was added and changed. The upload (names, phones) is deleted whatever
    happens."""
    path = job.params["path"]
    try:
        progress(5, _("Читаем файл"))
        try:
            with default_storage.open(path, "rb") as handle:
                content = handle.read()
        except FileNotFoundError as gone:
            raise ValidationError(UPLOAD_GONE) from gone
        rows = read_rows(content, job.params.get("name", ""))
        progress(30, _("Проверяем строки"))
        today = datetime.date.fromisoformat(job.params["today"])
        if job.organization is None:  # started from a school's page: never
            raise RuntimeError("A people import belongs to a school")
        progress(60, _("Записываем в реестр"))
        joined = job.params.get("joined_on")
        joined_on = datetime.date.fromisoformat(joined) if joined else None
        plan = import_people_locked(job.organization, rows, today, joined_on)
        if plan.errors:
            raise ValidationError(CHANGED_SINCE_PREVIEW)
        progress(90, _("Составляем протокол"))
        return JobOutput(
            protocol_workbook(plan),
            _("Протокол загрузки людей.xlsx"),
            XLSX_CONTENT_TYPE,
            summary=plan_summary(plan),
        )
    finally:
        default_storage.delete(path)
