"""The registry in the browser: the people list and the import from Excel with a preview."""

from __future__ import annotations

import csv
import datetime
import io
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.feedback import form_errors_as_messages
from accounts.http import PortalRequest
from accounts.models import AcademicYear
from accounts.policy import allowed, can
from core.spreadsheets import XLSX_CONTENT_TYPE, csv_value, dataset_xlsx, xlsx_response
from jobs.services import job_start
from registry import resources, services
from registry.filters import PeopleFilter
from registry.forms import (
    ConsentForm,
    ImportJoinedForm,
    ImportUploadForm,
    PersonForm,
    SensitiveFlagsForm,
    WithdrawForm,
)
from registry.importing import ImportFileError, plan_import, read_rows
from registry.importing import template as import_template
from registry.jobs import IMPORT_KIND
from registry.models import (
    CardView,
    Consent,
    MenteeProfile,
    MentorProfile,
    Person,
    PersonCategory,
    TrainingRecord,
)
from registry.profile_views import registry_entries
from registry.selectors import card_history, registers_of
from registry.services import person_save

SESSION_KEY = "people_import"
EXPIRED = _("Загрузите файл ещё раз: предварительный просмотр устарел.")


# What a row of the people list reads (the name, the class or position, the subject, the
# experience and the young specialist's badge, the consent a minor needs); the registers the
# page's people are on are read after it (selectors.registers_of)
PEOPLE_LIST_COLUMNS = (
    "last_name", "first_name", "middle_name", "category", "class_cohort", "class_letter",
    "position", "subject", "experience_since", "birth_date",
)  # fmt: skip
REGISTERS = (("mentor", _("наставник")), ("mentee", _("наставляемый")))


@allowed("registry.view")
def people_list(request: PortalRequest) -> HttpResponse:
    today = timezone.localdate()
    people_filter = PeopleFilter(
        request.GET or None,
        Person.objects.for_request(request).on_roll(today),
        today=today,
        organization=request.organization,
    )
    people = people_filter.qs.only(*PEOPLE_LIST_COLUMNS).order_by(
        "last_name", "first_name", "middle_name", "pk"
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    on = registers_of([person.pk for person in page])
    labels = [(register, str(label)) for register, label in REGISTERS]
    for person in page:
        found = on.get(person.pk, ())
        person.registers = [label for register, label in labels if register in found]
    return render(
        request,
        "registry/people_list.html",
        {
            "form": people_filter.form,
            "page_obj": page,
            "today": today,
            "no_consent": people_filter.value("no_consent"),
            "exports": [(what, title) for what, (title, _qs) in EXPORTS.items()],
        },
    )


def _stored_upload(request: PortalRequest, token: str) -> tuple[bytes, str] | None:
    """The file this user uploaded for `token` (kept between the upload, its preview and the
    confirmation), with its name; None when it is gone or not theirs."""
    stored = request.session.get(SESSION_KEY)
    if (
        not stored
        or not token
        or stored.get("token") != token
        or stored.get("organization") != request.organization.pk
    ):
        return None
    if not default_storage.exists(stored["path"]):
        return None
    with default_storage.open(stored["path"], "rb") as handle:
        return handle.read(), stored.get("name", "")


def _forget_upload(request: PortalRequest) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if stored:
        default_storage.delete(stored["path"])


UPLOAD_KEPT = datetime.timedelta(days=1)


def drop_stale_uploads(now: datetime.datetime) -> int:
    """Delete previewed but never confirmed uploads older than a day (they hold names and
    phones); returns how many went."""
    try:
        _dirs, files = default_storage.listdir("imports")
    except FileNotFoundError:
        return 0
    dropped = 0
    for name in files:
        path = f"imports/{name}"
        if now - default_storage.get_modified_time(path) > UPLOAD_KEPT:
            default_storage.delete(path)
            dropped += 1
    return dropped


@allowed("registry.manage")
def people_import(request: PortalRequest) -> HttpResponse:
    """Upload → (redirect) → every problem listed, or a preview of what will be created and
    updated. The upload is kept under a token, so Back and Reload on the preview are safe."""
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            _forget_upload(request)
            drop_stale_uploads(timezone.now())
            # a file that fails its checks is answered at once and never kept on disk
            try:
                rows = read_rows(content, upload.name)
            except ImportFileError as error:
                form.add_error("file", str(error))
                return render(request, "registry/people_import.html", {"form": form})
            plan = plan_import(request.organization, rows, timezone.localdate())
            if plan.errors:
                return render(
                    request,
                    "registry/people_import.html",
                    {"form": ImportUploadForm(), "plan": plan, "token": ""},
                )
            token = uuid.uuid4().hex
            path = default_storage.save(f"imports/{token}.upload", ContentFile(content))
            request.session[SESSION_KEY] = {
                "token": token,
                "path": path,
                "name": upload.name,
                "organization": request.organization.pk,
            }
            return redirect(f"{reverse('registry:people-import')}?preview={token}")
        return render(request, "registry/people_import.html", {"form": form})
    form = ImportUploadForm()
    context = {"form": form}
    token = request.GET.get("preview", "")
    if token:
        stored = _stored_upload(request, token)
        if stored is None:
            messages.error(request, EXPIRED)
            return redirect("registry:people-import")
        content, name = stored
        today = timezone.localdate()
        joined_form = ImportJoinedForm(
            request.GET if "joined" in request.GET else None,
            today=today,
            initial={"joined": today},
        )
        joined = joined_form.cleaned_data["joined"] if joined_form.is_valid() else None
        try:
            plan = plan_import(request.organization, read_rows(content, name), today, joined)
        except ImportFileError as error:  # the file itself cannot be read: upload another
            _forget_upload(request)
            messages.error(request, str(error))
            return redirect("registry:people-import")
        context |= {
            "plan": plan,
            "token": token if not plan.errors else "",
            "joined_form": joined_form,
            "joined": joined,
            "year_start": getattr(AcademicYear.objects.current(today), "starts_on", None),
        }
    return render(request, "registry/people_import.html", context)


@allowed("registry.manage")
def people_import_template(request: PortalRequest) -> HttpResponse:
    """«Скачать шаблон»: a blank of the people import with its drop-down lists."""
    return xlsx_response(import_template(), "Шаблон загрузки людей.xlsx")


@require_POST
@allowed("registry.manage")
def people_import_confirm(request: PortalRequest) -> HttpResponse:
    stored = _stored_upload(request, request.POST.get("token", ""))
    if stored is None:
        messages.error(request, EXPIRED)
        return redirect("registry:people-import")
    today = timezone.localdate()
    joined_form = ImportJoinedForm(request.POST, today=today)
    joined = joined_form.cleaned_data["joined"] if joined_form.is_valid() else None
    upload = request.session.pop(SESSION_KEY)  # the job owns the file from here
    job = job_start(
        organization=request.organization,
        user=request.user,
        kind=IMPORT_KIND,
        params={
            "path": upload["path"],
            "name": upload.get("name", ""),
            "today": today.isoformat(),
            "joined_on": joined.isoformat() if joined else None,
        },
    )
    return redirect("job-status", pk=job.pk)


@allowed("registry.view")
def person_card(request: PortalRequest, pk: int) -> HttpResponse:
    """A person's card; opening a student's card is written to the access log."""
    from mentoring.selectors import assignments_outliving_people  # builds on registry

    person = get_object_or_404(
        Person.objects.for_request(request).select_related(
            "mentor_profile", "mentee_profile__desired_form"
        ),
        pk=pk,
    )
    if person.category == PersonCategory.STUDENT:
        CardView.objects.create(person=person, viewer=request.user)
    sensitive = can(request, "registry.sensitive")
    history = person.history.select_related("history_user").order_by("-history_date")[:20]
    today = timezone.localdate()
    consents = list(person.consents.order_by("-given_on"))
    for consent in consents:  # each its own withdrawal form, with ids of its own
        consent.withdraw_form = WithdrawForm(auto_id=f"withdraw{consent.pk}_%s")
    return render(
        request,
        "registry/person_card.html",
        {
            "person": person,
            "show_sensitive": sensitive and person.category == PersonCategory.STUDENT,
            "show_scans": sensitive,
            "sensitive": [
                (Person._meta.get_field(name).verbose_name, getattr(person, name))
                for name in Person.SENSITIVE_FIELDS
            ],
            "history": card_history(history, sensitive),
            "views": person.card_views.select_related("viewer")[:20]
            if can(request, "registry.manage")
            else [],
            "consents": consents,
            # a list of what is missing links here with the consent to enter (?consent=kind)
            "consent_form": ConsentForm(
                auto_id="consent_%s",
                initial={"kind": kind}
                if (kind := request.GET.get("consent")) in Consent.Kind.values
                else {},
            )
            if can(request, "registry.manage")
            else None,
            # pairs under an order that run past the day the person leaves
            "outliving": list(
                assignments_outliving_people(request.organization, today=today, person=person)
            )
            if person.left_on
            else [],
            **registry_entries(person, today),
        },
    )


EXPORTS = {
    "people": (
        "Люди",
        lambda org, today: Person.objects.in_organization(org).on_roll(today),
    ),
    "mentors": (
        "База наставников",
        lambda org, today: (
            MentorProfile.objects.filter(person__organization=org)
            .select_related("person")
            .prefetch_related("forms", "competencies", "trainings")
        ),
    ),
    "mentees": (
        "База наставляемых",
        lambda org, today: (
            MenteeProfile.objects.filter(person__organization=org)
            .with_status_on(today)
            .select_related("person", "desired_form")
            .prefetch_related("deficits")
        ),
    ),
    "consents": (
        "Согласия",
        lambda org, today: Consent.objects.filter(person__organization=org).select_related(
            "person"
        ),
    ),
    "training": (
        "Обучение наставников",
        lambda org, today: TrainingRecord.objects.filter(
            mentor__person__organization=org
        ).select_related("mentor__person"),
    ),
}
RESOURCES = {
    "people": resources.PersonResource,
    "mentors": resources.MentorResource,
    "mentees": resources.MenteeResource,
    "consents": resources.ConsentResource,
    "training": resources.TrainingResource,
}


@allowed("registry.manage")
def registry_export(request: PortalRequest) -> HttpResponse:
    """A registry as .xlsx, or as .csv the way Russian Excel saves it (`;`, UTF-8 with BOM)."""
    what = request.GET.get("what", "people")
    fmt = request.GET.get("format", "xlsx")
    if what not in EXPORTS or fmt not in ("xlsx", "csv"):
        raise Http404
    title, queryset = EXPORTS[what]
    today = timezone.localdate()
    resource = RESOURCES[what](today=today, guard_formulas=fmt == "csv")
    dataset = resource.export(queryset(request.organization, today))
    if fmt == "xlsx":
        content = dataset_xlsx(dataset, title)
        content_type = XLSX_CONTENT_TYPE
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(dataset.headers)
        writer.writerows([csv_value(value) for value in row] for row in dataset)
        content = buffer.getvalue().encode("utf-8-sig")
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{title}.{fmt}"
    )
    return response


@allowed("registry.edit_flags")
def person_flags(request: PortalRequest, pk: int) -> HttpResponse:
    """A pupil's sensitive flags (ОВЗ, одарённый, ТЖС, малоимущая семья, сирота): the
    psychologist's part of the card, and the curator's."""
    person = get_object_or_404(
        Person.objects.for_request(request), pk=pk, category=PersonCategory.STUDENT
    )
    form = SensitiveFlagsForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            saved = person_save(
                person=form.save(commit=False),
                organization=request.organization,
                version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Отметки сохранены."))
            return redirect("registry:person", pk=saved.pk)
    return render(request, "registry/person_flags.html", {"form": form, "person": person})


@allowed("registry.edit_card")
def person_edit(request: PortalRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a card: the curator's (the psychologist edits a pupil's flags alone,
    person_flags)."""
    person = (
        get_object_or_404(Person.objects.for_request(request), pk=pk)
        if pk
        else Person(organization=request.organization)
    )
    form = PersonForm(
        request.POST or None,
        instance=person,
        organization=request.organization,
        sensitive=can(request, "registry.sensitive"),
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = person_save(
                person=form.save(commit=False),
                organization=request.organization,
                version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Карточка сохранена."))
            return redirect("registry:person", pk=saved.pk)
    return render(request, "registry/person_edit.html", {"form": form, "person": person})


@require_POST
@allowed("registry.manage")
def consent_add(request: PortalRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_request(request), pk=pk)
    form = ConsentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.consent_record(person=person, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Согласие внесено в реестр."))
    else:
        form_errors_as_messages(request, form)
    return redirect("registry:person", pk=pk)


def _consent(request: PortalRequest, pk: int) -> Consent:
    return get_object_or_404(Consent.objects.for_request(request).select_related("person"), pk=pk)


@allowed("registry.sensitive")
def consent_scan(request: PortalRequest, pk: int) -> FileResponse:
    consent = _consent(request, pk)
    if not consent.scan:
        raise Http404
    extension = consent.scan.name.rsplit(".", 1)[-1]
    return FileResponse(
        consent.scan.open("rb"),
        as_attachment=True,
        filename=f"Согласие — {consent.person.short_name}.{extension}",
    )


@require_POST
@allowed("registry.manage")
def consent_withdraw(request: PortalRequest, pk: int) -> HttpResponse:
    consent = _consent(request, pk)
    form = WithdrawForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(services.WITHDRAWAL_INVALID)
        services.consent_withdraw(
            consent=consent,
            withdrawn_on=form.cleaned_data["withdrawn_on"],
            reason=form.cleaned_data["reason"],
            today=timezone.localdate(),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Согласие отозвано. Через 30 дней данные без другого основания будут обезличены."),
        )
    return redirect("registry:person", pk=consent.person_id)
