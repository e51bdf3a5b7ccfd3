"""A data subject's request: recorded, answered with the package built in the background."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.http import PortalRequest
from accounts.policy import allowed
from privacy.forms import SubjectRequestForm
from privacy.models import SubjectRequest
from privacy.services import subject_request_record
from registry.models import Person
from registry.services import ANSWER_WORKING_DAYS


@allowed("registry.manage")
def subject_request(request: PortalRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_request(request), pk=pk)
    today = timezone.localdate()
    form = SubjectRequestForm(
        request.POST or None,
        today=today,
        initial={"received_on": today, "requested_by": person.full_name},
    )
    if request.method == "POST" and form.is_valid():
        entry = subject_request_record(
            organization=request.organization,
            person=person,
            received_on=form.cleaned_data["received_on"],
            requested_by=form.cleaned_data["requested_by"],
            address=form.cleaned_data["address"],
            by=request.user,
            today=today,
        )
        return redirect("job-status", pk=entry.job_id)
    return render(
        request,
        "privacy/subject_request.html",
        {
            "person": person,
            "form": form,
            "requests": SubjectRequest.objects.for_request(request)
            .filter(person=person)
            .select_related("job", "created_by", "reply"),
            "answer_days": ANSWER_WORKING_DAYS,
        },
    )
