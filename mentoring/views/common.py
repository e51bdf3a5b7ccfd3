"""Access helpers shared by the mentoring views."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.http import PortalRequest
from accounts.models import AcademicYear
from accounts.policy import can
from mentoring.models import Assignment
from mentoring.selectors import person_of

NO_YEAR = _("В портале не задан учебный год: обратитесь к администратору.")
NOT_YOUR_ASSIGNMENT = _("Изменять пару или группу может только куратор школы, которая её создала.")


@dataclass(frozen=True)
class Access:
    manage: bool  # the curator: people, period, status
    edit_plan: bool  # the curator or a mentor of the assignment
    mark: bool  # the curator, a mentor or a mentee of the assignment


def assignment_for(request: PortalRequest, pk: int) -> tuple[Assignment, Access]:
    """The assignment if the user may see it: staff of the school they work in now, when that
    school sees it (its own, or a network one of its mentors), or a participant. A role held in
    one school never opens another school's pairs (#18 item 2)."""
    assignment = get_object_or_404(
        Assignment.objects.for_user(request.user)
        .with_people()
        .select_related("academic_year", "program"),
        pk=pk,
    )
    person = person_of(request.user)
    is_mentor = person is not None and any(m.person_id == person.pk for m in assignment.mentors)
    is_mentee = person is not None and any(m.person_id == person.pk for m in assignment.mentees)
    staff = (
        can(request, "mentoring.view")
        and Assignment.objects.visible_in(request.organization).filter(pk=assignment.pk).exists()
    )
    if not (staff or is_mentor or is_mentee):
        raise Http404
    # Only the school that formed the pair manages it; a network mentor's school only sees it.
    curator = can(request, "mentoring.manage") and (
        assignment.organization_id == request.organization.pk
    )
    return assignment, Access(
        manage=curator, edit_plan=curator or is_mentor, mark=curator or is_mentor or is_mentee
    )


def managed_assignment(request: PortalRequest, pk: int) -> Assignment:
    """The assignment for a curator's change: only in the school that formed it."""
    assignment, access = assignment_for(request, pk)
    if not access.manage:
        raise PermissionDenied(NOT_YOUR_ASSIGNMENT)
    return assignment


def current_year() -> AcademicYear | None:
    return AcademicYear.objects.current(timezone.localdate())
