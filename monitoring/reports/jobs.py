"""The semester report as a background job (see jobs.services)."""

from __future__ import annotations

from jobs.models import Job
from jobs.services import JobOutput
from monitoring.models import SemesterReport
from monitoring.reports.semester import report_filename, semester_report_pdf


def build_semester_report(job: Job, progress) -> JobOutput:
    report = SemesterReport.objects.select_related("academic_year", "organization").get(
        pk=job.params["report"], organization=job.organization
    )
    pdf = semester_report_pdf(report.organization, report.academic_year, report.half, progress)
    return JobOutput(pdf, report_filename(report.academic_year, report.half), "application/pdf")
