"""Suggested matches: for one waiting mentee, and «подобрать всем» for the whole cohort."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.http import PortalRequest
from accounts.policy import allowed
from mentoring import matching, services
from mentoring.forms import mentor_choices
from mentoring.views.common import NO_YEAR, current_year
from registry.models import MenteeProfile

PICK_A_MENTOR = gettext_lazy("Выберите наставника из предложенных.")
NO_DESIRED_FORM = gettext_lazy(
    "У наставляемого не указана желаемая форма наставничества: укажите её в карточке."
)


@allowed("mentoring.manage")
def waiting_list(request: PortalRequest) -> HttpResponse:
    qs = matching.waiting_mentees(request.organization, timezone.localdate())
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "mentoring/waiting_list.html", {"page_obj": page})


def _mentee_for(request, pk: int) -> MenteeProfile:
    return get_object_or_404(
        MenteeProfile.objects.for_request(request)
        .select_related("person", "desired_form")
        .prefetch_related("deficits"),
        pk=pk,
    )


@allowed("mentoring.manage")
def mentee_match(request: PortalRequest, pk: int) -> HttpResponse:
    mentee = _mentee_for(request, pk)
    year = current_year()
    today = timezone.localdate()
    if request.method == "POST":
        picked = request.POST.get("mentor", "")
        mentor = (
            mentor_choices(request.organization, today).filter(pk=int(picked)).first()
            if picked.isdigit()
            else None
        )
        if mentor is None:
            messages.error(request, PICK_A_MENTOR)
        elif year is None:
            messages.error(request, NO_YEAR)
        elif mentee.desired_form is None:
            messages.error(request, NO_DESIRED_FORM)
        else:
            try:
                pair = services.assignment_create(
                    organization=request.organization,
                    academic_year=year,
                    form=mentee.desired_form,
                    mentors=[mentor],
                    mentees=[mentee],
                    starts_on=year.starts_on,
                    ends_on=year.ends_on,
                    by=request.user,
                )
                messages.success(request, _("Создан черновик пары: %s.") % pair)
                return redirect("mentoring:assignment-detail", pk=pair.pk)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
    candidates = matching.candidates_for(mentee, request.organization, today)
    return render(
        request,
        "mentoring/mentee_match.html",
        {"mentee": mentee, "candidates": candidates, "year": year},
    )


@allowed("mentoring.manage")
def cohort(request: PortalRequest) -> HttpResponse:
    organization = request.organization
    year = current_year()
    today = timezone.localdate()
    rows = matching.cohort_proposal(organization, today)
    errors: list[str] = []
    if request.method == "POST":
        chosen = []
        mentees = {
            m.pk: m
            for m in matching.waiting_mentees(organization, today).filter(
                pk__in=[r.mentee.id for r in rows]
            )
        }
        mentors = {
            m.pk: m
            for m in mentor_choices(organization, today).select_related("person__organization")
        }
        for row in rows:
            value = request.POST.get(f"mentee-{row.mentee.id}", "")
            if value.isdigit() and int(value) in mentors:
                chosen.append((mentees[row.mentee.id], mentors[int(value)]))
        if year is None:
            errors.append(str(NO_YEAR))
        elif not chosen:
            errors.append(_("Не выбрано ни одной пары."))
        else:
            try:
                created = services.cohort_accept(
                    organization=organization,
                    academic_year=year,
                    rows=chosen,
                    starts_on=year.starts_on,
                    ends_on=year.ends_on,
                    by=request.user,
                )
                messages.success(request, _("Создано черновиков пар: %s.") % len(created))
                return redirect("mentoring:assignment-list")
            except ValidationError as exc:
                errors.extend(exc.messages)
        posted = {k: v for k, v in request.POST.items() if k.startswith("mentee-")}
    else:
        posted = {}
    table = []
    for row in rows:
        selected = posted.get(f"mentee-{row.mentee.id}") if posted else None
        if selected is None:
            selected = str(row.mentor.id) if row.mentor else ""
        table.append({"row": row, "selected": selected})
    total = sum(r.score.total for r in rows if r.score)
    return render(
        request,
        "mentoring/cohort.html",
        {"table": table, "errors": errors, "total": total, "year": year},
    )
