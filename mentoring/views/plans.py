"""Personal plans, their events and the meetings log of a pair or group."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.feedback import form_errors_as_messages
from accounts.http import PortalRequest
from accounts.policy import allowed
from calendars.feeds import ics
from core.links import portal_url
from mentoring import selectors, services
from mentoring.calendar import meeting_entry
from mentoring.forms import (
    EventDoneForm,
    MeetingForm,
    MeetingHeldForm,
    MeetingPlanForm,
    PlanEventForm,
    PlanGoalForm,
    PlanTaskFormSet,
    RouteForm,
    RouteStepFormSet,
)
from mentoring.models import IndividualRoute, Meeting, Plan, PlanEvent, PlanTask
from mentoring.views.common import assignment_for

CANNOT_EDIT_PLAN = gettext_lazy("План могут изменять куратор и наставник этой пары или группы.")
CANNOT_MARK = gettext_lazy("Отмечать мероприятия могут участники этой пары или группы и куратор.")


def _event_for(request: PortalRequest, pk: int, event_pk: int):
    assignment, access = assignment_for(request, pk)
    event = get_object_or_404(
        PlanEvent.objects.select_related("task__plan"),
        pk=event_pk,
        task__plan__assignment=assignment,
    )
    return assignment, access, event


@require_POST
@allowed("mentoring.take_part")
def plan_create(request: PortalRequest, pk: int) -> HttpResponse:
    assignment, access = assignment_for(request, pk)
    if not access.edit_plan:
        raise PermissionDenied(CANNOT_EDIT_PLAN)
    try:
        services.plan_create_from_template(assignment=assignment)
        messages.success(request, _("План создан по шаблону: пять задач с мероприятиями."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("mentoring:assignment-detail", pk=pk)


def _render_event(request, assignment, access, event, form=None):
    done, total = selectors.plan_progress(event.task.plan)
    return render(
        request,
        "mentoring/includes/_plan_event.html",
        {
            "assignment": assignment,
            "access": access,
            "event": event,
            "done_form": form or EventDoneForm(),
            "progress": (done, total),
            "oob_progress": True,
        },
    )


@require_POST
@allowed("mentoring.take_part")
def event_done(request: PortalRequest, pk: int, event_pk: int) -> HttpResponse:
    assignment, access, event = _event_for(request, pk, event_pk)
    if not access.mark:
        raise PermissionDenied(CANNOT_MARK)
    form = EventDoneForm(request.POST)
    if form.is_valid():
        try:
            services.plan_event_mark_done(
                event=event,
                done_on=form.cleaned_data["done_on"],
                today=timezone.localdate(),
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("done_on", exc.messages[0])
    if request.htmx:
        return _render_event(request, assignment, access, event, form if form.errors else None)
    form_errors_as_messages(request, form)
    return redirect("mentoring:assignment-detail", pk=pk)


@require_POST
@allowed("mentoring.take_part")
def event_reopen(request: PortalRequest, pk: int, event_pk: int) -> HttpResponse:
    assignment, access, event = _event_for(request, pk, event_pk)
    if not access.mark:
        raise PermissionDenied(CANNOT_MARK)
    services.plan_event_reopen(event=event)
    if request.htmx:
        return _render_event(request, assignment, access, event)
    return redirect("mentoring:assignment-detail", pk=pk)


@allowed("mentoring.take_part")
def event_edit(request: PortalRequest, pk: int, event_pk: int) -> HttpResponse:
    assignment, access, event = _event_for(request, pk, event_pk)
    if not access.edit_plan:
        raise PermissionDenied(CANNOT_EDIT_PLAN)
    form = PlanEventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        services.plan_event_save(event=form.save(commit=False))
        messages.success(request, _("Мероприятие сохранено."))
        return redirect("mentoring:assignment-detail", pk=pk)
    return render(
        request,
        "mentoring/event_form.html",
        {"form": form, "assignment": assignment, "task": event.task},
    )


@allowed("mentoring.take_part")
def event_add(request: PortalRequest, pk: int, task_pk: int) -> HttpResponse:
    assignment, access = assignment_for(request, pk)
    if not access.edit_plan:
        raise PermissionDenied(CANNOT_EDIT_PLAN)
    task = get_object_or_404(PlanTask, pk=task_pk, plan__assignment=assignment)
    form = PlanEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.plan_event_save(event=form.save(commit=False), task=task)
        messages.success(request, _("Мероприятие добавлено."))
        return redirect("mentoring:assignment-detail", pk=pk)
    return render(
        request,
        "mentoring/event_form.html",
        {"form": form, "assignment": assignment, "task": task},
    )


@require_POST
@allowed("mentoring.take_part")
def event_delete(request: PortalRequest, pk: int, event_pk: int) -> HttpResponse:
    _assignment, access, event = _event_for(request, pk, event_pk)
    if not access.edit_plan:
        raise PermissionDenied(CANNOT_EDIT_PLAN)
    services.plan_event_delete(event=event)
    messages.success(request, _("Мероприятие удалено."))
    return redirect("mentoring:assignment-detail", pk=pk)


def _form_then_service(request: PortalRequest, pk: int, form, act, done: str) -> HttpResponse:
    """A pair page's small form: if valid, the service acts on its data; its refusal or the
    form's errors come back as messages on the pair's page."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
            messages.success(request, done)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    else:
        form_errors_as_messages(request, form)
    return redirect("mentoring:assignment-detail", pk=pk)


@require_POST
@allowed("mentoring.take_part")
def meeting_create(request: PortalRequest, pk: int) -> HttpResponse:
    assignment, access = assignment_for(request, pk)
    if not access.mark:
        raise PermissionDenied(CANNOT_MARK)
    return _form_then_service(
        request,
        pk,
        MeetingForm(request.POST),
        lambda data: services.meeting_create(
            assignment=assignment, by=request.user, today=timezone.localdate(), **data
        ),
        _("Встреча записана."),
    )


@allowed("mentoring.take_part")
def plan_edit(request: PortalRequest, pk: int) -> HttpResponse:
    """The plan's goal and its tasks (a task removed takes its events with it)."""
    assignment, access = assignment_for(request, pk)
    if not access.edit_plan:
        raise PermissionDenied(CANNOT_EDIT_PLAN)
    plan = get_object_or_404(Plan, assignment=assignment)
    form = PlanGoalForm(request.POST or None, instance=plan, prefix="plan")
    tasks = PlanTaskFormSet(request.POST or None, instance=plan, prefix="tasks")
    if request.method == "POST" and form.is_valid() and tasks.is_valid():
        with transaction.atomic():
            form.save()
            tasks.save()
        messages.success(request, _("План сохранён."))
        return redirect("mentoring:assignment-detail", pk=pk)
    return render(
        request,
        "mentoring/plan_form.html",
        {"form": form, "tasks": tasks, "assignment": assignment},
    )


@allowed("mentoring.take_part")
def route_edit(request: PortalRequest, pk: int, route_pk: int) -> HttpResponse:
    """An individual route (ИОМ) of a group's mentee: diagnosed deficits and its steps."""
    assignment, access = assignment_for(request, pk)
    if not access.edit_plan:
        raise PermissionDenied(CANNOT_EDIT_PLAN)
    route = get_object_or_404(
        IndividualRoute.objects.select_related("mentee__person"),
        pk=route_pk,
        plan__assignment=assignment,
    )
    form = RouteForm(request.POST or None, instance=route, prefix="route")
    steps = RouteStepFormSet(request.POST or None, instance=route, prefix="steps")
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        with transaction.atomic():
            form.save()
            steps.save()
        messages.success(request, _("Маршрут сохранён."))
        return redirect("mentoring:assignment-detail", pk=pk)
    return render(
        request,
        "mentoring/route_form.html",
        {"form": form, "steps": steps, "assignment": assignment, "route": route},
    )


@require_POST
@allowed("mentoring.take_part")
def meeting_plan(request: PortalRequest, pk: int) -> HttpResponse:
    """The mentor (or the curator) plans a meeting ahead: it shows here and in the calendars
    of the pair's people."""
    assignment, access = assignment_for(request, pk)
    if not access.edit_plan:
        raise PermissionDenied(CANNOT_EDIT_PLAN)
    return _form_then_service(
        request,
        pk,
        MeetingPlanForm(request.POST, prefix="plan-meeting"),
        lambda data: services.meeting_plan(
            assignment=assignment, by=request.user, today=timezone.localdate(), **data
        ),
        _("Встреча запланирована: она появится в календарях участников."),
    )


def _meeting(request: PortalRequest, pk: int, meeting_pk: int):
    assignment, access = assignment_for(request, pk)
    return get_object_or_404(Meeting, pk=meeting_pk, assignment=assignment), access


@require_POST
@allowed("mentoring.take_part")
def meeting_held(request: PortalRequest, pk: int, meeting_pk: int) -> HttpResponse:
    meeting, access = _meeting(request, pk, meeting_pk)
    if not access.mark:
        raise PermissionDenied(CANNOT_MARK)
    return _form_then_service(
        request,
        pk,
        MeetingHeldForm(request.POST, prefix=f"held-{meeting.pk}"),
        lambda data: services.meeting_mark_held(
            meeting=meeting, today=timezone.localdate(), **data
        ),
        _("Встреча отмечена проведённой."),
    )


@allowed("mentoring.take_part")
def meeting_ics(request: PortalRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """One meeting as an .ics file to add to any calendar."""
    meeting, _access = _meeting(request, pk, meeting_pk)
    body = ics([meeting_entry(meeting)], name=_("Встреча наставничества"), base=portal_url(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        content_disposition_header(
            as_attachment=True, filename=f"Встреча {meeting.held_on:%d.%m.%Y}.ics"
        )
        or ""
    )
    return response
