"""The deputy's semester report: the hand-written parts, the PDF built in the background."""

from __future__ import annotations

from io import BytesIO

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from accounts.access import has_role, role_required
from accounts.jobs import job_start
from accounts.models import AcademicYear, Job, Role
from accounts.spreadsheets import safe_cell, xlsx_response
from monitoring.models import SemesterReport
from monitoring.report import report_data
from registry.models import Person

REPORT_ROLES = (Role.DEPUTY, Role.DIRECTOR, Role.CURATOR)
WRITERS = (Role.DEPUTY, Role.CURATOR)
JOB_KIND = "semester_report"


class NewReportForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=gettext_lazy("Учебный год"), queryset=AcademicYear.objects.order_by("-start_year")
    )
    half = forms.TypedChoiceField(
        label=gettext_lazy("Полугодие"), choices=SemesterReport.Half.choices, coerce=int
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = SemesterReport
        fields = ["conclusions", "plans", "authors"]
        widgets = {
            "conclusions": forms.Textarea(attrs={"rows": 5}),
            "plans": forms.Textarea(attrs={"rows": 4}),
            "authors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = (
            Person.objects.in_organization(organization)
            .filter(
                user__memberships__organization=organization,
                user__memberships__roles__role__in=[Role.DEPUTY, Role.DIRECTOR, Role.CURATOR],
            )
            .distinct()
        )


def _report(request: HttpRequest, pk: int) -> SemesterReport:
    return get_object_or_404(
        SemesterReport.objects.for_user(request.user).select_related("academic_year"),
        pk=pk,
        organization=request.organization,
    )


@role_required(*REPORT_ROLES)
def report_list(request: HttpRequest) -> HttpResponse:
    form = NewReportForm(request.POST or None)
    if request.method == "POST":
        if not has_role(request, *WRITERS):
            return redirect("monitoring:reports")
        if form.is_valid():
            report, _created = SemesterReport.objects.get_or_create(
                organization=request.organization,
                academic_year=form.cleaned_data["academic_year"],
                half=form.cleaned_data["half"],
            )
            return redirect("monitoring:report", pk=report.pk)
    reports = SemesterReport.objects.in_organization(request.organization).select_related(
        "academic_year"
    )
    return render(request, "monitoring/report_list.html", {"reports": reports, "form": form})


@role_required(*REPORT_ROLES)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    can_write = has_role(request, *WRITERS)
    form = ReportForm(request.POST or None, instance=report, organization=request.organization)
    if request.method == "POST" and can_write and form.is_valid():
        form.save()
        messages.success(request, _("Выводы и подписи справки сохранены."))
        return redirect("monitoring:report", pk=pk)
    jobs = Job.objects.in_organization(request.organization).filter(
        kind=JOB_KIND, params__report=report.pk
    )[:10]
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "report": report,
            "form": form,
            "can_write": can_write,
            "jobs": jobs,
            "data": report_data(request.organization, report.academic_year, report.half),
        },
    )


@require_POST
@role_required(*REPORT_ROLES)
def report_generate(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    job = job_start(
        organization=request.organization,
        user=request.user,
        kind=JOB_KIND,
        params={"report": report.pk},
        title=_("Справка по итогам %(half)s, %(year)s")
        % {"half": report.get_half_display(), "year": report.academic_year},
    )
    messages.info(request, _("Справка формируется: это займёт несколько секунд."))
    return redirect(f"{redirect('monitoring:report', pk=pk).url}#job-{job.pk}")


@role_required(*REPORT_ROLES)
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    data = report_data(request.organization, report.academic_year, report.half)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Формы")
    sheet.append(
        [_("Форма наставничества"), _("Пар"), _("Групп"), _("Наставников"), _("Наставляемых")]
    )
    for f in data.forms:
        sheet.append([f.name, f.pairs, f.groups, f.mentors, f.mentees])
    coverage = book.create_sheet(_("Охват"))
    coverage.append([_("Категория"), _("Всего"), _("Вовлечено"), _("Доля, %")])
    for c in [*data.coverage, data.trained]:
        coverage.append([c.label, c.total, c.involved, c.percent])
    roadmap = book.create_sheet(_("Дорожная карта"))
    roadmap.append(["№", _("Задача"), _("Мероприятия"), _("Отметка о выполнении")])
    for row in data.roadmap:
        roadmap.append(
            [safe_cell(v) for v in (row.number, row.task, "\n".join(row.events), row.mark)]
        )
    buffer = BytesIO()
    book.save(buffer)
    return xlsx_response(
        buffer.getvalue(), f"Справка {report.half} полугодие {report.academic_year} — цифры.xlsx"
    )
