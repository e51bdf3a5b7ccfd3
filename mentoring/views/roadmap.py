"""The roadmap page: items with completion marks, sample, upload, export, agreement."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import (
    coordinated_organizations,
    coordinator_required,
)
from accounts.http import PortalRequest
from accounts.models import AcademicYear
from accounts.policy import allowed, can
from core.periods import academic_year_last_day, academic_year_of
from core.spreadsheets import xlsx_response
from mentoring import roadmap_services as service
from mentoring.deadlines import Period
from mentoring.forms import RoadmapImportForm, RoadmapItemForm
from mentoring.models import Roadmap, RoadmapItem
from mentoring.models.roadmap import ItemStatus
from mentoring.views.common import NO_YEAR, current_year

MAX_UPLOAD = 5 * 1024 * 1024

REAGREE = gettext_lazy(
    "Содержание согласованной дорожной карты изменилось: согласование координатора снято, "
    "её нужно согласовать заново."
)


@dataclass(frozen=True)
class ItemRow:
    """An item as the page shows it: its period in the page's year (a recurring item's
    occurrence that year) and its status on the page's day."""

    item: RoadmapItem
    period: Period | None
    status: ItemStatus


def _year_from(request: PortalRequest) -> AcademicYear | None:
    value = request.GET.get("year") or request.POST.get("year")
    if value and value.isdigit():
        return AcademicYear.objects.filter(start_year=int(value)).first() or current_year()
    return current_year()


def _required_year(request: PortalRequest) -> AcademicYear:
    """The chosen academic year; without any year in the portal there is nothing to edit."""
    year = _year_from(request)
    if year is None:
        raise Http404(NO_YEAR)
    return year


def _to_roadmap(year: AcademicYear) -> HttpResponse:
    return redirect(f"{reverse('mentoring:roadmap')}?year={year.start_year}")


def _page_context(roadmap: Roadmap | None, start_year: int) -> dict:
    """The roadmap's items as seen in the academic year starting in `start_year`, with their
    statuses today, or on the year's last day (31 August) when the year is over."""
    on = min(timezone.localdate(), academic_year_last_day(start_year))
    items = []
    if roadmap is not None:
        items = list(
            roadmap.items.select_related(
                "responsible_person", "roadmap__academic_year"
            ).prefetch_related("events")
        )
    return {
        "roadmap": roadmap,
        "items": [ItemRow(i, i.period_in(start_year), i.status_on(on)) for i in items],
        "shown_year": start_year,
        "on": on,
        "done": sum(1 for i in items if i.mark_status == "done"),
        "overdue": sum(1 for i in items if i.is_overdue(on)),
    }


@allowed("mentoring.view")
def roadmap_detail(request: PortalRequest) -> HttpResponse:
    year = _year_from(request)
    context: dict[str, object] = {
        "year": year,
        "years": AcademicYear.objects.all(),
        "roadmap": None,
        "items": [],
    }
    if year is not None:
        roadmap = (
            Roadmap.objects.for_request(request)
            .covering(year.start_year)
            .select_related("academic_year", "agreed_by")
            .first()
        )
        context |= _page_context(roadmap, year.start_year)
    return render(request, "mentoring/roadmap.html", context)


@require_POST
@allowed("mentoring.manage")
def roadmap_sample(request: PortalRequest) -> HttpResponse:
    year = _required_year(request)
    service.roadmap_start_from_sample(organization=request.organization, academic_year=year)
    messages.success(
        request, _("Дорожная карта заполнена по образцу: отредактируйте её под школу.")
    )
    return _to_roadmap(year)


@allowed("mentoring.manage")
def roadmap_template(request: PortalRequest) -> HttpResponse:
    """«Скачать шаблон»: a blank of the roadmap import with an example row."""
    return xlsx_response(service.roadmap_template(), "Шаблон дорожной карты.xlsx")


@allowed("mentoring.manage")
def roadmap_upload(request: PortalRequest) -> HttpResponse:
    year = _required_year(request)
    errors: list[str] = []
    form = RoadmapImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        first, last = form.cleaned_data["years"] or (year.start_year, None)
        first_year = AcademicYear.objects.filter(start_year=first).first()
        if upload.size > MAX_UPLOAD:
            errors = [_("Файл больше 5 МБ.")]
        elif first_year is None:
            errors = [_("В портале нет учебного года %s.") % f"{first}–{first + 1}"]
        else:
            roadmap, errors = service.roadmap_import(
                organization=request.organization,
                academic_year=first_year,
                content=upload.read(),
                filename=upload.name,
                last_year=last,
            )
            if not errors and roadmap is not None:
                messages.success(
                    request, _("Загружено пунктов дорожной карты: %s.") % roadmap.items.count()
                )
                return _to_roadmap(first_year)
    return render(
        request,
        "mentoring/roadmap_upload.html",
        {"form": form, "errors": errors, "year": year, "columns": service.COLUMNS},
    )


def _roadmap_or_404(request: PortalRequest, *related: str) -> Roadmap:
    """The school's roadmap covering the chosen academic year (404 without one)."""
    year = _required_year(request)
    roadmap = (
        Roadmap.objects.for_request(request)
        .covering(year.start_year)
        .select_related(*related)
        .first()
    )
    if roadmap is None:
        raise Http404
    return roadmap


@allowed("mentoring.view")
def roadmap_export(request: PortalRequest) -> HttpResponse:
    roadmap = _roadmap_or_404(request, "academic_year")
    return xlsx_response(
        service.roadmap_export(roadmap),
        f"Дорожная карта {request.organization.short_name} {roadmap.years_label}.xlsx",
    )


@allowed("mentoring.view")
def roadmap_pdf(request: PortalRequest) -> HttpResponse:
    """The year's roadmap as a paper to approve and file (documents.printables.roadmap_pdf)."""
    from documents.printables import roadmap_pdf as render_roadmap
    from documents.rendering import pdf_response

    roadmap = _roadmap_or_404(request, "organization__director", "agreed_by")
    return pdf_response(
        render_roadmap(roadmap, timezone.localdate()),
        f"Дорожная карта {request.organization.short_name} {roadmap.years_label}.pdf",
    )


def _item_form(request: PortalRequest, item: RoadmapItem) -> HttpResponse:
    form = RoadmapItemForm(
        request.POST or None,
        instance=item,
        organization=request.organization,
        today=timezone.localdate(),
    )
    agreed = bool(item.roadmap.agreed_by_id)
    if request.method == "POST" and form.is_valid():
        service.roadmap_item_save(
            item=form.save(commit=False),
            events=service.split_events(form.cleaned_data["events"]),
            deadline=form.cleaned_data["deadline"],
            today=timezone.localdate(),
        )
        messages.success(request, _("Пункт дорожной карты сохранён."))
        if agreed and not item.roadmap.agreed_by_id:
            messages.warning(request, REAGREE)
        return _to_roadmap(item.roadmap.academic_year)
    return render(request, "mentoring/roadmap_item_form.html", {"form": form, "item": item})


@allowed("mentoring.manage")
def roadmap_item_edit(request: PortalRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        RoadmapItem.objects.for_request(request).select_related(
            "roadmap__academic_year", "responsible_person"
        ),
        pk=pk,
    )
    return _item_form(request, item)


@allowed("mentoring.manage")
def roadmap_item_add(request: PortalRequest) -> HttpResponse:
    year = _required_year(request)
    # the form alone (GET) writes nothing: the roadmap is created with its first item
    roadmap = service.roadmap_covering(request.organization, year, create=request.method == "POST")
    number = str(roadmap.items.count() + 1) if roadmap.pk else "1"
    return _item_form(request, RoadmapItem(roadmap=roadmap, number=number))


@require_POST
@allowed("mentoring.manage")
def roadmap_item_delete(request: PortalRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        RoadmapItem.objects.for_request(request).select_related("roadmap__academic_year"),
        pk=pk,
    )
    year = item.roadmap.academic_year
    agreed = bool(item.roadmap.agreed_by_id)
    service.roadmap_item_delete(item=item)
    messages.success(request, _("Пункт удалён из дорожной карты."))
    if agreed:
        messages.warning(request, REAGREE)
    return _to_roadmap(year)


@coordinator_required
def municipal_roadmaps(request: PortalRequest) -> HttpResponse:
    roadmaps = (
        Roadmap.objects.filter(organization__in=coordinated_organizations(request.user))
        .select_related("organization", "academic_year", "agreed_by")
        .order_by("organization__short_name", "-academic_year__start_year")
    )
    return render(request, "mentoring/municipal_roadmaps.html", {"roadmaps": roadmaps})


def municipal_roadmap_detail(request: PortalRequest, pk: int) -> HttpResponse:
    """A school's roadmap read-only: the municipal coordinator's view before agreeing
    (the school's own staff reach it too)."""
    visible = Q(organization__in=coordinated_organizations(request.user))
    if can(request, "mentoring.view"):  # staff: their school's own, where they hold the role
        visible |= Q(organization=request.organization)
    roadmap = get_object_or_404(
        Roadmap.objects.filter(visible).select_related(
            "organization", "academic_year", "agreed_by"
        ),
        pk=pk,
    )
    this_year = academic_year_of(timezone.localdate())
    shown = min(max(this_year, roadmap.first_year), roadmap.last_year)
    return render(
        request,
        "mentoring/roadmap.html",
        {"year": roadmap.academic_year, "municipal": True, **_page_context(roadmap, shown)},
    )


@require_POST
@coordinator_required
def roadmap_agree(request: PortalRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(
        Roadmap.objects.filter(organization__in=coordinated_organizations(request.user)), pk=pk
    )
    try:
        service.roadmap_agree(roadmap=roadmap, by=request.user, on=timezone.localdate())
        messages.success(request, _("Дорожная карта «%s» согласована.") % roadmap.organization)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("mentoring:municipal-roadmaps")
