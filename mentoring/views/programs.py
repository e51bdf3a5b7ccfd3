"""Programs of mentoring (one per form and academic year) kept by the curator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.http import PortalRequest
from accounts.policy import allowed
from mentoring import services
from mentoring.forms import ProgramForm
from mentoring.models import Program
from mentoring.views.common import current_year


@allowed("mentoring.view")
def program_list(request: PortalRequest) -> HttpResponse:
    programs = (
        Program.objects.for_request(request)
        .select_related("form", "academic_year", "curator")
        .order_by("-academic_year__start_year", "form__order")
    )
    return render(request, "mentoring/program_list.html", {"programs": programs})


def _program_form(request: PortalRequest, program: Program) -> HttpResponse:
    form = ProgramForm(request.POST or None, instance=program, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_save(program=form.save(commit=False))
            messages.success(request, _("Программа сохранена."))
            return redirect("mentoring:program-list")
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
    return render(request, "mentoring/program_form.html", {"form": form, "program": program})


@allowed("mentoring.manage")
def program_create(request: PortalRequest) -> HttpResponse:
    year = current_year()
    program = Program(organization=request.organization)
    if request.method == "GET" and year:
        program.academic_year = year
        program.starts_on, program.ends_on = year.starts_on, year.ends_on
    return _program_form(request, program)


@allowed("mentoring.manage")
def program_edit(request: PortalRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.for_request(request), pk=pk)
    return _program_form(request, program)
