"""The deputy's semester report: the hand-written parts, the PDF built in the background."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from accounts.http import PortalRequest
from accounts.policy import allowed, can
from core.russian import percent_value
from core.spreadsheets import share_cells, workbook_bytes, xlsx_response
from documents.rendering import pdf_response
from jobs.models import Job
from jobs.services import job_start
from monitoring.models import ReportVersion, SemesterReport
from monitoring.reports.forms import CorrectionForm, NewReportForm, ReportForm
from monitoring.reports.semester import report_data, report_filename
from monitoring.reports.versions import (
    current_figures,
    figure_changes,
    report_correct,
    report_finalise,
    report_get_or_create,
    report_texts_save,
)

# The curator prepares the report; the deputy (its author) or the director approves it.
JOB_KIND = "semester_report"


def _report(request: PortalRequest, pk: int) -> SemesterReport:
    return get_object_or_404(
        SemesterReport.objects.for_request(request).select_related("academic_year"), pk=pk
    )


@allowed("reports.view")
def report_list(request: PortalRequest) -> HttpResponse:
    form = NewReportForm(request.POST or None)
    if request.method == "POST":
        if not can(request, "reports.write"):
            return redirect("monitoring:reports")
        if form.is_valid():
            report = report_get_or_create(
                organization=request.organization,
                academic_year=form.cleaned_data["academic_year"],
                half=form.cleaned_data["half"],
            )
            return redirect("monitoring:report", pk=report.pk)
    reports = (
        SemesterReport.objects.for_request(request)
        .select_related("academic_year")
        .annotate(finalised=Exists(ReportVersion.objects.filter(report=OuterRef("pk"))))
    )
    return render(request, "monitoring/report_list.html", {"reports": reports, "form": form})


@allowed("reports.view")
def report_detail(request: PortalRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    can_write = can(request, "reports.write")
    form = ReportForm(request.POST or None, instance=report, organization=request.organization)
    if request.method == "POST" and can_write and form.is_valid():
        try:
            report_texts_save(report=report, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Выводы и подписи справки сохранены."))
            return redirect("monitoring:report", pk=pk)
    data = report_data(request.organization, report.academic_year, report.half)
    versions = list(report.versions.defer("pdf").select_related("finalised_by"))
    latest = versions[-1] if versions else None
    _starts_on, ends_on = report.academic_year.half_bounds(report.half)
    context = {
        "report": report,
        "form": form,
        "can_write": can_write and latest is None,
        "can_finalise": can(request, "reports.finalise"),
        "half_ended": ends_on < timezone.localdate(),
        "half_ends_on": ends_on,
        "data": data,
        "versions": versions,
        "latest": latest,
    }
    if latest is None:
        context["jobs"] = Job.objects.for_request(request).filter(
            kind=JOB_KIND, params__report=report.pk
        )[:10]
    else:
        context["changes"] = figure_changes(latest.figures, current_figures(report, data))
        context["correction_form"] = CorrectionForm()
    return render(request, "monitoring/report_detail.html", context)


@require_POST
@allowed("reports.finalise")
def report_finalise_view(request: PortalRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        report_finalise(report=report, by=request.user, today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Справка утверждена: её PDF и цифры сохранены."))
    return redirect("monitoring:report", pk=pk)


@require_POST
@allowed("reports.finalise")
def report_correct_view(request: PortalRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = CorrectionForm(request.POST)
    try:
        version = report_correct(
            report=report,
            by=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Выпущена исправленная редакция № %(number)s.") % {"number": version.number},
        )
    return redirect("monitoring:report", pk=pk)


@allowed("reports.view")
def report_version_pdf(request: PortalRequest, pk: int, number: int) -> HttpResponse:
    """A finalised edition's PDF: the bytes stored when it was issued."""
    version = get_object_or_404(
        ReportVersion.objects.for_request(request).select_related("report__academic_year"),
        report__pk=pk,
        number=number,
    )
    report = version.report
    filename = report_filename(report.academic_year, report.half)
    if version.is_correction:
        filename = filename.replace(".pdf", f", редакция {version.number}.pdf")
    return pdf_response(bytes(version.pdf), filename)


@require_POST
@allowed("reports.view")
def report_generate(request: PortalRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    job = job_start(
        organization=request.organization,
        user=request.user,
        kind=JOB_KIND,
        params={"report": report.pk},
        title=report.heading,
    )
    messages.info(request, _("Справка формируется: это займёт несколько секунд."))
    return redirect(f"{redirect('monitoring:report', pk=pk).url}#job-{job.pk}")


@allowed("reports.view")
def report_xlsx(request: PortalRequest, pk: int) -> HttpResponse:
    """The report's figures: the latest finalised edition's once approved, else today's."""
    report = _report(request, pk)
    latest = report.versions.order_by("-number").values_list("figures", flat=True).first()
    figures = latest if latest is not None else current_figures(report)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Формы")
    sheet.append(
        [_("Форма наставничества"), _("Пар"), _("Групп"), _("Наставников"), _("Наставляемых")]
    )
    for f in figures["forms"]:
        sheet.append([f["name"], f["pairs"], f["groups"], f["mentors"], f["mentees"]])
    coverage = book.create_sheet(_("Охват"))
    coverage.append([_("Категория"), _("Всего"), _("Вовлечено"), _("Доля, %")])
    trained = {"label": _("наставники, прошедшие обучение"), **figures["trained"]}
    for c in [*figures["coverage"], trained]:
        coverage.append(
            [c["label"], c["total"], c["involved"], percent_value(c["involved"], c["total"])]
        )
    share_cells(coverage, 4)
    roadmap = book.create_sheet(_("Дорожная карта"))
    roadmap.append(["№", _("Задача"), _("Мероприятия"), _("Отметка о выполнении")])
    for row in figures["roadmap"]:
        roadmap.append([row["number"], row["task"], "\n".join(row["events"]), row["mark"]])
    return xlsx_response(
        workbook_bytes(book), f"Справка {report.half} полугодие {report.academic_year} — цифры.xlsx"
    )
