"""The curator's pages for pairs and groups: list, detail, create, edit, status changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.feedback import form_errors_as_messages
from accounts.http import PortalRequest
from accounts.policy import allowed, can
from mentoring import selectors, services
from mentoring.filters import AssignmentFilter
from mentoring.forms import (
    AssignmentForm,
    BulkMoveForm,
    EventDoneForm,
    MeetingHeldForm,
    MeetingPlanForm,
    TransitionForm,
)
from mentoring.models import Assignment, AssignmentStatus, Plan
from mentoring.panels import with_progress
from mentoring.views.common import (
    assignment_for,
    current_year,
    managed_assignment,
)
from registry.models import MentoringForm, Person

PAGE_SIZE = 25


@allowed("mentoring.view")
def assignment_list(request: PortalRequest) -> HttpResponse:
    today = timezone.localdate()
    assignment_filter = AssignmentFilter(
        request.GET or None,
        selectors.assignment_list(request.organization),
        today=today,
    )
    page = Paginator(assignment_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.show_last_meetings(selectors.show_people(page.object_list, today))
    for assignment in rows:
        assignment.show_on(today)  # 25 rows: in Python, not a CASE compiled into the query
    return render(
        request,
        "mentoring/assignment_list.html",
        {
            "page_obj": page,
            "filter_form": assignment_filter.form,
            # the bulk form's actions (the form itself, with its queryset of pairs, is built
            # when it is sent)
            "bulk_actions": BulkMoveForm.base_fields["action"].choices
            if can(request, "mentoring.manage")
            else None,
            "movable": services.BULK_MOVABLE,
        },
    )


@require_POST
@allowed("mentoring.manage")
def assignment_bulk(request: PortalRequest) -> HttpResponse:
    """Move the ticked pairs and groups forward at once; «подготовить приказ» moves them to
    «ожидает приказа» and opens the new order with them ticked."""
    back = request.POST.get("back", "")
    back = back if back.startswith("?") else ""
    form = BulkMoveForm(request.POST, organization=request.organization)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect(reverse("mentoring:assignment-list") + back)
    try:
        moved = services.assignments_move(
            assignments=list(form.cleaned_data["assignments"]), to=form.target, by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("mentoring:assignment-list") + back)
    if form.cleaned_data["action"] == form.INTO_ORDER:
        query = urlencode([("assignments", a.pk) for a in moved])
        return redirect(f"{reverse('documents:new-assignment')}?{query}")
    messages.success(
        request,
        _("Переведено в «%(status)s»: %(count)d.")
        % {"status": AssignmentStatus(form.target).label, "count": len(moved)},
    )
    return redirect(reverse("mentoring:assignment-list") + back)


@allowed("mentoring.take_part")
def assignment_detail(request: PortalRequest, pk: int) -> HttpResponse:
    assignment, access = assignment_for(request, pk)
    plan = (
        Plan.objects.filter(assignment=assignment)
        .prefetch_related(
            "tasks__events", "routes__steps", "routes__deficits", "routes__mentee__person"
        )
        .first()
    )
    progress = selectors.plan_progress(plan) if plan else (0, 0)
    return render(
        request,
        "mentoring/assignment_detail.html",
        {
            "assignment": assignment.show_on(timezone.localdate()),
            "access": access,
            "plan": plan,
            "progress": progress,
            "transitions": [
                (s, AssignmentStatus(s).label) for s in services.allowed_transitions(assignment)
            ],
            "meetings": assignment.meetings.held().select_related("created_by")[:50],
            "planned": [
                (meeting, _held_form(meeting))
                for meeting in assignment.meetings.planned().order_by("held_on", "starts_at")
            ],
            "plan_meeting_form": MeetingPlanForm(prefix="plan-meeting")
            if access.edit_plan
            else None,
            "done_form": EventDoneForm(),
            "history": assignment.history.select_related("history_user").order_by("-history_date")[
                :20
            ],
        },
    )


def _assignment_form_view(request, *, kind: str, assignment: Assignment | None = None):
    organization = request.organization
    editing = assignment is not None
    today = timezone.localdate()
    fix_cards: list = []
    if request.method == "POST":
        form = AssignmentForm(
            request.POST, organization=organization, kind=kind, today=today, editing=editing
        )
        if form.is_valid():
            mentors, mentees = form.people
            data = form.cleaned_data
            try:
                if editing:
                    assignment = services.assignment_update(
                        assignment=assignment,
                        mentors=mentors,
                        mentees=mentees,
                        starts_on=data["starts_on"],
                        ends_on=data["ends_on"],
                        title=data.get("title", ""),
                        notes=data["notes"],
                    )
                    messages.success(request, _("Изменения сохранены."))
                else:
                    assignment = services.assignment_create(
                        organization=organization,
                        academic_year=data["academic_year"],
                        form=data["mentoring_form"],
                        kind=kind,
                        title=data.get("title", ""),
                        mentors=mentors,
                        mentees=mentees,
                        starts_on=data["starts_on"],
                        ends_on=data["ends_on"],
                        notes=data["notes"],
                        by=request.user,
                    )
                    messages.success(request, _("Создан черновик: %s.") % assignment)
                return redirect("mentoring:assignment-detail", pk=assignment.pk)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                fix_cards = card_dates_to_fix(exc)
    else:
        year = current_year()
        initial = {"academic_year": year}
        if year:
            initial.update(starts_on=year.starts_on, ends_on=year.ends_on)
        if editing:
            initial = {
                "starts_on": assignment.starts_on,
                "ends_on": assignment.ends_on,
                "title": assignment.title,
                "notes": assignment.notes,
                "mentor": assignment.mentors[0] if assignment.mentors else None,
                "mentee": assignment.mentees[0] if assignment.mentees else None,
                "mentors": assignment.mentors,
                "mentees": assignment.mentees,
            }
        elif request.GET.get("form"):
            initial["mentoring_form"] = MentoringForm.objects.filter(
                code=request.GET["form"]
            ).first()
        form = AssignmentForm(
            initial=initial, organization=organization, kind=kind, today=today, editing=editing
        )
    return render(
        request,
        "mentoring/assignment_form.html",
        {"form": form, "kind": kind, "assignment": assignment, "fix_cards": fix_cards},
    )


def card_dates_to_fix(error: ValidationError) -> list[tuple[Person, str]]:
    """(person, link to the date field of their card) for each refusal over a card's date
    (mentoring.services._off_the_roll)."""
    fields = {"hired_later": "joined_on", "left_earlier": "left_on"}
    wanted = [
        (e.params["person"], fields[e.code])
        for e in getattr(error, "error_list", [])
        if e.code in fields and e.params
    ]
    people = Person.objects.in_bulk([pk for pk, _field in wanted])
    return [
        (people[pk], reverse("registry:person-edit", args=[pk]) + f"#id_{field}")
        for pk, field in wanted
        if pk in people
    ]


@allowed("mentoring.manage")
def assignment_create(request: PortalRequest) -> HttpResponse:
    kind = request.GET.get("kind", Assignment.Kind.PAIR)
    if kind not in Assignment.Kind.values:
        kind = Assignment.Kind.PAIR
    return _assignment_form_view(request, kind=kind)


@allowed("mentoring.manage")
def assignment_edit(request: PortalRequest, pk: int) -> HttpResponse:
    assignment = managed_assignment(request, pk)
    if assignment.status != AssignmentStatus.DRAFT:
        messages.error(request, services.ONLY_DRAFT_EDITABLE)
        return redirect("mentoring:assignment-detail", pk=pk)
    return _assignment_form_view(request, kind=assignment.kind, assignment=assignment)


@require_POST
@allowed("mentoring.manage")
def assignment_transition(request: PortalRequest, pk: int) -> HttpResponse:
    assignment = managed_assignment(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Выберите новый статус."))
        return redirect("mentoring:assignment-detail", pk=pk)
    try:
        assignment = services.assignment_transition(
            assignment=assignment,
            to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, _("Статус: %s.") % assignment.get_status_display())
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("mentoring:assignment-detail", pk=pk)


@require_POST
@allowed("mentoring.manage")
def assignment_delete(request: PortalRequest, pk: int) -> HttpResponse:
    assignment = managed_assignment(request, pk)
    try:
        services.assignment_delete_draft(assignment=assignment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("mentoring:assignment-detail", pk=pk)
    messages.success(request, _("Черновик удалён."))
    return redirect("mentoring:assignment-list")


@allowed("mentoring.view")
def stale_list(request: PortalRequest) -> HttpResponse:
    today = timezone.localdate()
    qs = selectors.assignments_without_meetings(request.organization, today=today)
    page = Paginator(qs.select_related("form"), PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.show_people(page.object_list, today)
    return render(
        request,
        "mentoring/stale_list.html",
        {"page_obj": page, "days": selectors.STALE_AFTER_DAYS},
    )


@allowed("mentoring.mine")
def my_assignments(request: PortalRequest) -> HttpResponse:
    """The teacher's pairs and groups: those not over and those of this academic year; with
    `?all=1` every year's, newest first, a page at a time (so five years of them cost what one
    year does)."""
    person = selectors.person_of(request.user)
    assignments = selectors.assignments_of(person) if person else Assignment.objects.none()
    every_year = request.GET.get("all") == "1"
    year = current_year()
    today = timezone.localdate()
    if not every_year and year is not None:
        assignments = assignments.open_on(today) | assignments.overlapping(
            year.starts_on, year.ends_on
        )
    assignments = assignments.with_status_on(today)
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/my_assignments.html",
        {
            "rows": with_progress(page.object_list, today),
            "page_obj": page,
            "every_year": every_year,
        },
    )


def _held_form(meeting) -> MeetingHeldForm:
    initial = {"held_on": meeting.held_on, "duration_minutes": meeting.duration_minutes}
    return MeetingHeldForm(prefix=f"held-{meeting.pk}", initial=initial)
