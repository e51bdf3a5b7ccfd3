"""The coordinator's municipal rollup: on screen and as .xlsx."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import coordinated_organizations, coordinator_required
from accounts.http import PortalRequest
from accounts.models import AcademicYear, Coordinator
from core.spreadsheets import xlsx_response
from documents.rendering import pdf_response
from jobs.services import job_start
from monitoring.rollup.export import (
    ROLLUP_FORMATS,
    ROLLUP_KIND,
    rollup_document,
    rollup_filename,
    rollup_workbook,
)
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
    context: dict[str, object] = {
        "year": year,
        "years": AcademicYear.objects.order_by("-start_year"),
        "executor_form": _executor_form(request),
    }
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
    """Seed 002's tables on landscape A4 (monitoring.rollup.export.rollup_document)."""
    year = _year(request)
    if year is None:
        raise Http404
    content = rollup_document(
        *_tables(request, year), year=year, today=timezone.localdate(), made_by=request.user
    )
    return pdf_response(content, rollup_filename(year, "pdf"))


@coordinator_required
def rollup_xlsx(request: PortalRequest) -> HttpResponse:
    year = _year(request)
    if year is None:
        raise Http404
    content = rollup_workbook(*_tables(request, year))
    return xlsx_response(content, rollup_filename(year, "xlsx"))


class ExecutorForm(forms.ModelForm):
    """The coordinator's position and phone, printed as «Исполнитель» under the rollup."""

    class Meta:
        model = Coordinator
        fields = ["position", "phone"]
        labels = {"position": _("Должность"), "phone": _("Телефон")}
        widgets = {
            "position": forms.TextInput(
                attrs={
                    "class": "form-control",
                    "placeholder": _("главный специалист управления образования"),
                }
            ),
            "phone": forms.TextInput(attrs={"class": "form-control"}),
        }


def _executor_form(request: PortalRequest, data=None) -> ExecutorForm:
    current = Coordinator.objects.filter(user=request.user).order_by("pk").first()
    return ExecutorForm(data, instance=current, auto_id="executor_%s")


@require_POST
@coordinator_required
def rollup_executor(request: PortalRequest) -> HttpResponse:
    """Save the coordinator's position and phone for every municipality they coordinate."""
    form = _executor_form(request, request.POST)
    if form.is_valid():
        Coordinator.objects.filter(user=request.user).update(
            position=" ".join(form.cleaned_data["position"].split()),
            phone=" ".join(form.cleaned_data["phone"].split()),
        )
        messages.success(request, _("Сведения об исполнителе сохранены: они войдут в PDF свода."))
    else:
        messages.error(request, _("Сведения об исполнителе не сохранены: проверьте поля."))
    return redirect("monitoring:rollup")


@require_POST
@coordinator_required
def rollup_build(request: PortalRequest) -> HttpResponse:
    """The rollup as a file built in the background (a region of a thousand schools takes
    seconds): the page shows its progress and offers the file."""
    year = _year(request)
    if year is None:
        raise Http404
    fmt = request.POST.get("format", "")
    if fmt not in ROLLUP_FORMATS:
        messages.error(request, _("Выберите, в каком виде сформировать свод: PDF или .xlsx."))
        return redirect("monitoring:rollup")
    job = job_start(
        organization=None,
        user=request.user,
        kind=ROLLUP_KIND,
        params={"year": year.start_year, "format": fmt, "today": timezone.localdate().isoformat()},
        title=rollup_filename(year, fmt),
    )
    return redirect("job-status", pk=job.pk)
