"""The rollup as a background job (see jobs.services): a region's thousand schools in seconds,
with progress, for the coordinator who started it."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from accounts.access import coordinated_organizations
from accounts.models import AcademicYear
from core.spreadsheets import XLSX_CONTENT_TYPE
from jobs.models import Job
from jobs.services import JobOutput, Progress
from monitoring.rollup.export import rollup_document, rollup_filename, rollup_workbook
from monitoring.rollup.tables import municipality_table, school_table


def build_rollup(job: Job, progress: Progress) -> JobOutput:
    year = AcademicYear.objects.get(start_year=job.params["year"])
    fmt = job.params["format"]
    today = datetime.date.fromisoformat(job.params["today"])  # the day it was asked for
    progress(10, _("Считаем школы"))
    table = school_table(coordinated_organizations(job.created_by), year, today=today)
    municipalities, total = municipality_table(table)
    progress(50, _("Составляем таблицы"))
    if fmt == "pdf":
        content = rollup_document(
            table, municipalities, total, year=year, today=today, made_by=job.created_by
        )
        content_type = "application/pdf"
    else:
        content = rollup_workbook(table, municipalities, total)
        content_type = XLSX_CONTENT_TYPE
    return JobOutput(content, rollup_filename(year, fmt), content_type)
