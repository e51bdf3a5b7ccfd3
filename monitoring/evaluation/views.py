"""Kirkpatrick's four levels in the browser: the overview, observations, the checklist and the
school's indicators."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import PortalRequest
from accounts.models import AcademicYear
from accounts.policy import allowed
from mentoring.models import AssignmentMentee
from mentoring.views.common import assignment_for
from monitoring.evaluation import kirkpatrick
from monitoring.evaluation.forms import (
    BaseIndicatorFormSet,
    CriterionForm,
    IndicatorFormSet,
    ObservationForm,
    PeriodForm,
)
from monitoring.models import Criterion, Observation
from registry.models import MenteeProfile

NO_YEARS = _("В портале не задан ни один учебный год: обратитесь к администратору.")


def _period(request: PortalRequest) -> PeriodForm:
    """The chosen half-year; by default the one that contains today."""
    data = request.GET.copy()
    if "academic_year" not in data:
        today = timezone.localdate()
        year = (
            AcademicYear.objects.current(today)
            or AcademicYear.objects.order_by("-start_year").first()
        )
        if year is not None:
            data["academic_year"] = str(year.start_year)
            data["half"] = "1" if today <= year.half_bounds(1)[1] else "2"
    return PeriodForm(data, organization=request.organization)


@allowed("evaluation.view")
def overview(request: PortalRequest) -> HttpResponse:
    """The four levels for a half-year, for the whole school or one program."""
    form = _period(request)
    context: dict = {"form": form}
    if form.is_valid():
        year, half = form.cleaned_data["academic_year"], form.cleaned_data["half"]
        program = form.cleaned_data["program"]
        starts_on, ends_on = year.half_bounds(half)
        people = None
        if program is not None:
            people = set(
                AssignmentMentee.objects.filter(assignment__program=program).values_list(
                    "mentee__person_id", flat=True
                )
            )
        reaction, learning = kirkpatrick.reaction_and_learning(
            request.organization, starts_on, ends_on, people
        )
        context.update(
            year=year,
            half=half,
            program=program,
            starts_on=starts_on,
            ends_on=ends_on,
            reaction=reaction,
            learning=learning,
            behaviour=kirkpatrick.behaviour(request.organization, starts_on, ends_on, program),
            results=kirkpatrick.results(request.organization, year, half),
            max_score=kirkpatrick.MAX_SCORE,
        )
    return render(request, "monitoring/kirkpatrick.html", context)


@allowed("evaluation.observe")
def observation_new(request: PortalRequest, pk: int) -> HttpResponse:
    """A mentor (or the curator) records an observation of a mentee against the checklist."""
    assignment, access = assignment_for(request, pk)
    if not access.edit_plan:
        raise PermissionDenied(_("Наблюдения вносят наставник этой пары или группы и куратор."))
    criteria = kirkpatrick.criteria_for(assignment.organization)
    mentees = MenteeProfile.objects.filter(assignment_links__assignment=assignment).select_related(
        "person"
    )
    form = ObservationForm(request.POST or None, mentees=mentees, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            kirkpatrick.observation_record(
                assignment=assignment,
                mentee=form.cleaned_data["mentee"],
                observer=request.user,
                observed_on=form.cleaned_data["observed_on"],
                note=form.cleaned_data["note"],
                scores=form.scores,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Наблюдение внесено."))
            return redirect("monitoring:observation-new", pk=assignment.pk)
    observations = (
        Observation.objects.filter(assignment=assignment)
        .select_related("mentee__person", "observer")
        .prefetch_related("scores__criterion")
        .order_by("-observed_on", "-pk")
    )
    return render(
        request,
        "monitoring/observation_form.html",
        {
            "assignment": assignment,
            "form": form,
            "observations": observations,
            "criteria": criteria,
        },
    )


@allowed("evaluation.manage")
def criteria(request: PortalRequest) -> HttpResponse:
    """The school's observation checklist: add a line or take one out."""
    current = kirkpatrick.criteria_for(request.organization)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kirkpatrick.criterion_add(
                organization=request.organization, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Пункт добавлен в чек-лист."))
            return redirect("monitoring:criteria")
    return render(request, "monitoring/criteria.html", {"criteria": current, "form": form})


@require_POST
@allowed("evaluation.manage")
def criterion_remove(request: PortalRequest, pk: int) -> HttpResponse:
    """Take a line out of the checklist; the observations already scored on it keep it."""
    criterion = get_object_or_404(Criterion.objects.for_request(request), pk=pk, is_active=True)
    kirkpatrick.criterion_remove(criterion=criterion)
    messages.success(request, _("Пункт убран из чек-листа: прежние наблюдения его сохраняют."))
    return redirect("monitoring:criteria")


@allowed("evaluation.manage")
def indicators(request: PortalRequest) -> HttpResponse:
    """The curator enters the school's indicators for a half-year (the results level)."""
    period = _period(request)
    if not period.is_valid():
        messages.error(request, NO_YEARS)
        return redirect("monitoring:kirkpatrick")
    year, half = period.cleaned_data["academic_year"], period.cleaned_data["half"]
    initial = [
        {"name": name, "unit": unit, "value": value}
        for name, unit, value in kirkpatrick.indicator_names(request.organization, year, half)
    ]
    formset = IndicatorFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        kirkpatrick.indicators_save(
            organization=request.organization,
            year=year,
            half=half,
            rows=cast(BaseIndicatorFormSet, formset).rows,
        )
        messages.success(request, _("Показатели школы сохранены."))
        return redirect(
            f"{reverse('monitoring:kirkpatrick')}?academic_year={year.start_year}&half={half}"
        )
    return render(
        request,
        "monitoring/indicators.html",
        {"formset": formset, "year": year, "half": half},
    )
