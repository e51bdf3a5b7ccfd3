"""The registry in the browser: the people list and the import from Excel with a preview."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.models import Role
from registry.forms import ImportUploadForm, PeopleFilterForm
from registry.importing import ImportFileError, apply_plan, plan_import, read_rows
from registry.models import YOUNG_SPECIALIST_YEARS, Person, PersonCategory

READERS = (Role.CURATOR, Role.PSYCHOLOGIST, Role.DIRECTOR, Role.DEPUTY)
SESSION_KEY = "people_import"
EXPIRED = _("Загрузите файл ещё раз: предварительный просмотр устарел.")


def _contains(field: str, text: str) -> Q:
    """Case-insensitive on every database (SQLite folds only Latin letters itself)."""
    variants = {text, text.lower(), text.capitalize(), text.upper()}
    query = Q()
    for variant in variants:
        query |= Q(**{f"{field}__contains": variant})
    return query


@role_required(*READERS)
def people_list(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET or None)
    people = Person.objects.in_organization(request.organization).filter(is_active=True)
    if form.is_valid():
        data = form.cleaned_data
        for word in data["q"].split():
            people = people.filter(
                _contains("last_name", word)
                | _contains("first_name", word)
                | _contains("middle_name", word)
            )
        if data["category"]:
            people = people.filter(category=data["category"])
        if data["school_class"]:
            people = people.filter(school_class__iexact=data["school_class"].replace(" ", ""))
        if data["subject"]:
            people = people.filter(_contains("subject", data["subject"]))
        if data["young"]:
            people = people.filter(
                category=PersonCategory.TEACHER, experience_years__lt=YOUNG_SPECIALIST_YEARS
            )
    people = people.select_related("mentor_profile", "mentee_profile").order_by(
        "last_name", "first_name", "middle_name", "pk"
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "registry/people_list.html", {"form": form, "page_obj": page})


def _stored_upload(request: HttpRequest) -> bytes | None:
    stored = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if (
        not stored
        or stored.get("token") != token
        or stored.get("organization") != request.organization.pk
    ):
        return None
    if not default_storage.exists(stored["path"]):
        return None
    with default_storage.open(stored["path"], "rb") as handle:
        return handle.read()


@role_required(Role.CURATOR)
def people_import(request: HttpRequest) -> HttpResponse:
    """Upload → every problem listed, or a preview of what will be created and updated."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            plan = plan_import(request.organization, read_rows(content, upload.name))
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context["plan"] = plan
            if not plan.errors:
                token = uuid.uuid4().hex
                path = default_storage.save(f"imports/{token}.upload", ContentFile(content))
                request.session[SESSION_KEY] = {
                    "token": token,
                    "path": path,
                    "organization": request.organization.pk,
                }
                context["token"] = token
    return render(request, "registry/people_import.html", context)


@require_POST
@role_required(Role.CURATOR)
def people_import_confirm(request: HttpRequest) -> HttpResponse:
    content = _stored_upload(request)
    if content is None:
        messages.error(request, EXPIRED)
        return redirect("registry:people-import")
    plan = plan_import(request.organization, read_rows(content))
    if plan.errors:
        messages.error(request, _("Данные в школе изменились: проверьте файл ещё раз."))
        return redirect("registry:people-import")
    apply_plan(plan)
    stored = request.session.pop(SESSION_KEY)
    default_storage.delete(stored["path"])
    messages.success(
        request,
        _("Загружено: добавлено %(created)s, обновлено %(updated)s, без изменений %(same)s.")
        % {"created": len(plan.create), "updated": len(plan.update), "same": plan.unchanged},
    )
    return redirect("registry:people")
