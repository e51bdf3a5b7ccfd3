"""The mentor and mentee registries in the browser, and the young specialists' page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.feedback import form_errors_as_messages
from accounts.http import PortalRequest
from accounts.policy import allowed
from registry import services
from registry.filters import MenteeFilter, MentorFilter
from registry.forms import (
    IncentiveForm,
    MenteeProfileForm,
    MentorProfileForm,
    TrainingForm,
)
from registry.models import (
    Incentive,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    TrainingRecord,
)

PAGE_SIZE = 50


def _person(request: PortalRequest, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.for_request(request).select_related("mentor_profile", "mentee_profile"),
        pk=pk,
        anonymized_at__isnull=True,
    )


def _mentor(request: PortalRequest, pk: int) -> MentorProfile:
    return get_object_or_404(
        MentorProfile.objects.for_request(request).select_related("person"), pk=pk
    )


@allowed("registry.view")
def mentor_list(request: PortalRequest) -> HttpResponse:
    """База наставников: status, forms, load against capacity, training, network readiness."""
    mentor_filter = MentorFilter(
        request.GET or None,
        MentorProfile.objects.for_request(request),
        today=timezone.localdate(),
        organization=request.organization,
    )
    mentors = mentor_filter.qs
    mentors = (
        mentors.select_related("person")
        .prefetch_related("forms", "competencies", "trainings")
        .with_load(timezone.localdate())
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )
    counts = MentorProfile.objects.for_request(request).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in MentorProfile.Status.values}
    )
    return render(
        request,
        "registry/mentor_list.html",
        {
            "form": mentor_filter.form,
            "page_obj": Paginator(mentors, PAGE_SIZE).get_page(request.GET.get("page")),
            "status_counts": [
                (label, counts[value]) for value, label in MentorProfile.Status.choices
            ],
        },
    )


@allowed("registry.view")
def mentee_list(request: PortalRequest) -> HttpResponse:
    """База наставляемых: request, deficits, where the request came from, desired form."""
    mentee_filter = MenteeFilter(
        request.GET or None,
        MenteeProfile.objects.for_request(request),
        today=timezone.localdate(),
        organization=request.organization,
    )
    mentees = mentee_filter.qs
    mentees = (
        mentees.with_status_on(mentee_filter.today)
        .select_related("person", "desired_form")
        .prefetch_related("deficits")
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )
    return render(
        request,
        "registry/mentee_list.html",
        {
            "form": mentee_filter.form,
            "page_obj": Paginator(mentees, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@allowed("registry.view")
def young_specialists(request: PortalRequest) -> HttpResponse:
    """Teachers with under three years of experience, and whether each has a mentor now."""
    from mentoring.models.assignment import takes_place, takes_place_q  # builds on registry

    today = timezone.localdate()
    now = takes_place_q(today, today, "mentee_profile__assignment_links__assignment__")
    people = Person.objects.for_request(request).on_roll(today).young_specialists_on(today)
    counts = people.aggregate(
        total=Count("pk", distinct=True),
        mentored=Count("pk", filter=now, distinct=True),
    )
    people = people.select_related("mentee_profile", "mentor_profile").prefetch_related(
        "mentee_profile__assignment_links__assignment__mentor_links__mentor__person"
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    statuses = dict(
        MenteeProfile.objects.filter(person__in=[p.pk for p in page])
        .with_status_on(today)
        .values_list("pk", "day_status")
    )
    for person in page:
        profile = getattr(person, "mentee_profile", None)
        if profile is not None:
            profile.day_status = statuses[profile.pk]
        links = profile.assignment_links.all() if profile else []
        person.mentors_now = [
            link.mentor.person
            for mentee_link in links
            if takes_place(
                mentee_link.assignment.status,
                mentee_link.assignment.starts_on,
                mentee_link.assignment.ends_on,
                today,
                today,
            )
            for link in mentee_link.assignment.mentor_links.all()
        ]
    return render(
        request,
        "registry/young_specialists.html",
        {
            "page_obj": page,
            "today": today,
            "total": counts["total"],
            "mentored": counts["mentored"],
            "without": counts["total"] - counts["mentored"],
        },
    )


def _profile_edit(request, person, profile, form_class, title, **form_kwargs):
    form = form_class(request.POST or None, instance=profile, person=person, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(
                profile=form.save(commit=False),
                version=form.cleaned_data.get("version"),
                save_m2m=form.save_m2m,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Запись в реестре сохранена."))
            return redirect("registry:person", pk=person.pk)
    return render(
        request,
        "registry/profile_edit.html",
        {"form": form, "person": person, "profile": profile, "registry_title": title},
    )


@allowed("registry.manage")
def mentor_edit(request: PortalRequest, pk: int) -> HttpResponse:
    """Add a person to the mentor registry (as a candidate) or edit their entry."""
    person = _person(request, pk)
    profile = getattr(person, "mentor_profile", None)
    load = 0
    if profile is None:
        profile = MentorProfile(person=person)
    else:
        load = services.mentor_open_mentees(profile, timezone.localdate())
    return _profile_edit(
        request, person, profile, MentorProfileForm, _("База наставников"), load=load
    )


@allowed("registry.manage")
def mentee_edit(request: PortalRequest, pk: int) -> HttpResponse:
    """Add a person to the mentee registry or edit their request and deficits."""
    person = _person(request, pk)
    profile = getattr(person, "mentee_profile", None) or MenteeProfile(person=person)
    return _profile_edit(request, person, profile, MenteeProfileForm, _("База наставляемых"))


@require_POST
@allowed("registry.manage")
def mentor_status(request: PortalRequest, pk: int) -> HttpResponse:
    mentor = _mentor(request, pk)
    target = request.POST.get("to", "")
    if target not in MentorProfile.Status.values:
        messages.error(request, _("Выберите статус из списка."))
    else:
        try:
            mentor = services.mentor_transition(
                mentor=mentor, to=target, today=timezone.localdate()
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("Статус наставника: %(status)s.") % {"status": mentor.get_status_display()},
            )
    return redirect("registry:person", pk=mentor.person_id)


def _add_to_mentor(request: PortalRequest, pk: int, form, done: str) -> HttpResponse:
    mentor = _mentor(request, pk)
    if form.is_valid():
        services.mentor_record_add(mentor=mentor, record=form.save(commit=False))
        messages.success(request, done)
    else:
        form_errors_as_messages(request, form)
    return redirect("registry:person", pk=mentor.person_id)


@require_POST
@allowed("registry.manage")
def training_add(request: PortalRequest, pk: int) -> HttpResponse:
    form = TrainingForm(request.POST, today=timezone.localdate())
    return _add_to_mentor(request, pk, form, _("Обучение внесено в реестр."))


@require_POST
@allowed("registry.manage")
def incentive_add(request: PortalRequest, pk: int) -> HttpResponse:
    return _add_to_mentor(
        request, pk, IncentiveForm(request.POST), _("Поощрение внесено в реестр.")
    )


def _delete_from_mentor(request: PortalRequest, model, pk: int, done: str) -> HttpResponse:
    row = get_object_or_404(
        model.objects.filter(mentor__in=MentorProfile.objects.for_request(request)).select_related(
            "mentor"
        ),
        pk=pk,
    )
    person_id = row.mentor.person_id
    services.mentor_record_delete(record=row)
    messages.success(request, done)
    return redirect("registry:person", pk=person_id)


@require_POST
@allowed("registry.manage")
def training_delete(request: PortalRequest, pk: int) -> HttpResponse:
    return _delete_from_mentor(request, TrainingRecord, pk, _("Запись об обучении удалена."))


@require_POST
@allowed("registry.manage")
def incentive_delete(request: PortalRequest, pk: int) -> HttpResponse:
    return _delete_from_mentor(request, Incentive, pk, _("Запись о поощрении удалена."))


def registry_entries(person: Person, today) -> dict:
    """What the person's card shows of their registry entries, as of `today`."""
    mentor = getattr(person, "mentor_profile", None)
    forms = list(MentoringForm.objects.all())
    context: dict = {
        "mentor": mentor,
        "mentee": getattr(person, "mentee_profile", None),
        "can_mentor": any(form.admits_mentor(person.category) for form in forms),
        "can_be_mentee": any(form.admits_mentee(person.category) for form in forms),
    }
    if context["mentee"] is not None:
        context["mentee"].show_on(today)
        context["mentee_deficits"] = context["mentee"].deficits.all()
    if mentor is not None:
        context.update(
            mentor_forms=mentor.forms.all(),
            mentor_competencies=mentor.competencies.all(),
            trainings=mentor.trainings.all(),
            incentives=mentor.incentives.all(),
            load=services.mentor_open_mentees(mentor, today),
            transitions=[
                (value, MentorProfile.Status(value).label)
                for value in services.MENTOR_TRANSITIONS[mentor.status]
            ],
            training_form=TrainingForm(auto_id="training_%s", today=timezone.localdate()),
            incentive_form=IncentiveForm(auto_id="incentive_%s"),
        )
    return context
