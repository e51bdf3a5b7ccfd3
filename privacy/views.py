"""A data subject's request: recorded, answered with the package built in the background."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.http import PortalRequest
from accounts.jobs import job_start
from accounts.policy import allowed
from privacy.forms import SubjectRequestForm
from privacy.models import SubjectRequest
from privacy.package import SUBJECT_KIND
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
        entry = form.save(commit=False)
        entry.organization, entry.person, entry.created_by = (
            request.organization,
            person,
            request.user,
        )
        entry.save()
        entry.job = job_start(
            organization=request.organization,
            user=request.user,
            kind=SUBJECT_KIND,
            params={"request": entry.pk, "today": today.isoformat()},
            title=_("Сведения о субъекте ПДн: %(name)s") % {"name": person.short_name},
        )
        entry.save(update_fields=["job"])
        return redirect("job-status", pk=entry.job.pk)
    return render(
        request,
        "privacy/subject_request.html",
        {
            "person": person,
            "form": form,
            "requests": SubjectRequest.objects.for_request(request)
            .filter(person=person)
            .select_related("job", "created_by"),
            "answer_days": ANSWER_WORKING_DAYS,
        },
    )
