from __future__ import annotations

import datetime

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from accounts.feedback import form_error_texts
from accounts.http import PortalRequest
from accounts.policy import allowed, can
from core.fields import parse_id
from core.links import portal_url
from documents import forms, printables, services
from documents.filters import DocumentFilter
from documents.models import Document
from documents.package import order_package
from documents.rendering import pdf_response
from registry.models import Consent, Person


def _document(request: PortalRequest, pk: int) -> Document:
    queryset = Document.objects.for_request(request).select_related(
        "organization", "person", "cancels", "signed_by"
    )
    return get_object_or_404(queryset, pk=pk)


@allowed("documents.view")
def document_list(request: PortalRequest) -> HttpResponse:
    document_filter = DocumentFilter(
        request.GET or None,
        Document.objects.for_request(request).select_related("person"),
    )
    page = Paginator(document_filter.qs.defer("pdf"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/document_list.html",
        {"page_obj": page, "filter_form": document_filter.form},
    )


@allowed("documents.sign")
def inbox(request: PortalRequest) -> HttpResponse:
    documents = (
        Document.objects.for_request(request)
        .on_signature()
        .select_related("person", "created_by")
        .defer("pdf")
        .order_by("sent_at", "pk")
    )
    return render(request, "documents/inbox.html", {"documents": documents})


def _package_context(request: PortalRequest, document: Document, today) -> dict:
    """The package table of a draft or sent assignment order, with its forms."""
    if document.kind != Document.Kind.ASSIGNMENT or document.status not in (
        Document.Status.DRAFT,
        Document.Status.ON_SIGNATURE,
    ):
        return {"package": None}
    package = order_package(document, today)
    editable = document.status == Document.Status.DRAFT and can(request, "documents.prepare")
    return {
        "package": package,
        "package_editable": editable,
        "consents_form": forms.ConsentsReceivedForm(initial={"given_on": today})
        if editable
        else None,
        "terms_form": forms.AgreementTermsForm(organization=request.organization)
        if editable and package.agreements_to_prepare
        else None,
    }


@allowed("documents.view")
def document_detail(request: PortalRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            **_package_context(request, document, today),
            "late_starts": services.document_late_starts(document, today)
            if document.status in (Document.Status.DRAFT, Document.Status.ON_SIGNATURE)
            else [],
            "today": today,
            "can_prepare": can(request, "documents.prepare"),
            "can_sign": can(request, "documents.sign"),
            # what the director is shown now is what his signature will cover
            "content_hash": services.package_content_hash(document, today)
            if document.status == Document.Status.ON_SIGNATURE and can(request, "documents.sign")
            else "",
            "return_form": forms.ReturnForm(),
            "scan_form": forms.ScanForm()
            if document.is_frozen and not document.scan and can(request, "documents.keep_scan")
            else None,
            "roadmap_form": forms.RoadmapMarkForm(organization=request.organization)
            if document.status == Document.Status.SIGNED and document.is_order
            else None,
            "assignments": document.assignments.with_people().with_status_on(today),
            "cancellation_mark": services.cancellation_mark(document),
            # an ending order's package: the agreements ending the extra work it causes
            "papers": document.package_documents.select_related("person").order_by("pk")
            if document.kind == Document.Kind.ENDING
            else [],
        },
    )


def _pdf_response(document: Document, *, attachment: bool) -> HttpResponse:
    return pdf_response(
        services.document_preview(document, timezone.localdate()),
        document.filename,
        attachment=attachment,
    )


@allowed("documents.view")
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})  # type: ignore[arg-type]  # typed for argless views
def document_pdf(request: PortalRequest, pk: int) -> HttpResponse:
    """The PDF shown inside the document's page (framed by our own origin only)."""
    return _pdf_response(_document(request, pk), attachment=False)


@allowed("documents.view")
def document_download(request: PortalRequest, pk: int) -> HttpResponse:
    return _pdf_response(_document(request, pk), attachment=True)


@allowed("documents.view")
def document_original(request: PortalRequest, pk: int) -> HttpResponse:
    """A cancelled document's stored bytes as signed, without the cancellation mark."""
    document = _document(request, pk)
    if not document.is_frozen or not document.pdf:
        raise Http404
    name = document.filename.removesuffix(".pdf") + " (подлинник).pdf"
    return pdf_response(bytes(document.pdf), name, attachment=True)


def _create(
    request, form_class, template: str, create, initial=None, **form_kwargs
) -> HttpResponse:
    form = form_class(
        request.POST or None, organization=request.organization, initial=initial, **form_kwargs
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = create(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Черновик документа подготовлен."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, template, {"form": form})


def _parse_day(value: str | None) -> datetime.date | None:
    try:
        return parse_date(value or "")
    except ValueError:  # «2022-02-30»: well formed, no such day
        return None


@allowed("documents.prepare")
def new_introduction(request: PortalRequest) -> HttpResponse:
    return _create(
        request,
        forms.IntroductionForm,
        "documents/new_introduction.html",
        lambda data: services.document_create_introduction(
            organization=request.organization,
            by=request.user,
            starts_on=data["starts_on"],
            curator=data["curator"],
            forms=[f.name for f in data["mentoring_forms"]],
            council_date=data["council_date"],
            council_protocol=data["council_protocol"],
            union_date=data.get("union_date"),
            union_protocol=data.get("union_protocol", ""),
        ),
    )


@allowed("documents.prepare")
def new_local_acts(request: PortalRequest) -> HttpResponse:
    """The order adopting the simple electronic signature's Положение and the personal-data
    policy, naming the person responsible for the processing."""
    today = timezone.localdate()
    return _create(
        request,
        forms.LocalActsForm,
        "documents/new_local_acts.html",
        lambda data: services.document_create_local_acts(
            organization=request.organization,
            by=request.user,
            acts=data["acts"],
            responsible=data["responsible"],
            today=today,
        ),
        initial={"acts": ["esign", "privacy"]},
        today=today,
    )


@allowed("documents.prepare")
def new_assignment_order(request: PortalRequest) -> HttpResponse:
    return _create(
        request,
        forms.AssignmentOrderForm,
        "documents/new_assignment_order.html",
        lambda data: services.document_create_assignment_order(
            organization=request.organization,
            by=request.user,
            assignments=list(data["assignments"]),
            controller=data["controller"],
        ),
        # the pairs list's «подготовить приказ» opens the form with its pairs ticked
        initial={
            "assignments": [i for i in map(parse_id, request.GET.getlist("assignments")) if i]
        },
    )


@allowed("documents.prepare")
def new_ending_order(request: PortalRequest) -> HttpResponse:
    return _create(
        request,
        forms.EndingOrderForm,
        "documents/new_ending_order.html",
        lambda data: services.document_create_ending_order(
            organization=request.organization,
            by=request.user,
            assignments=list(data["assignments"]),
            ends_on=data["ends_on"],
            reason=data["reason"],
            grounds=data["grounds"],
        ),
        # a pair's page «прекратить досрочно» opens the form with the pair ticked; the
        # health page's «выбыл(а)» item with the day of leaving too
        initial={
            "assignments": [i for i in map(parse_id, request.GET.getlist("assignments")) if i],
            "ends_on": _parse_day(request.GET.get("ends_on")),
        },
        today=timezone.localdate(),
    )


@allowed("documents.prepare")
def new_amendment(request: PortalRequest) -> HttpResponse:
    """«Внести изменения в приказ» from a signed assignment order's page (?order=)."""
    today = timezone.localdate()
    order = get_object_or_404(
        Document.objects.for_request(request),
        pk=parse_id(request.GET.get("order")),
        kind=Document.Kind.ASSIGNMENT,
        status=Document.Status.SIGNED,
    )
    form = forms.AmendmentForm(
        request.POST or None,
        organization=request.organization,
        pairs=services.amended_pairs(order, today),
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create_amendment(
                organization=request.organization,
                by=request.user,
                amends=order,
                changes=form.changes,
                add=list(form.cleaned_data["add"]),
                reason=form.cleaned_data["reason"],
                day=today,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Черновик документа подготовлен."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/new_amendment.html", {"form": form, "order": order})


@allowed("documents.prepare")
def new_cancellation(request: PortalRequest) -> HttpResponse:
    return _create(
        request,
        forms.CancellationForm,
        "documents/new_cancellation.html",
        lambda data: services.document_create_cancellation(
            organization=request.organization,
            by=request.user,
            cancels=data["cancels"],
            reason=data["reason"],
        ),
    )


@allowed("documents.prepare")
def new_agreement(request: PortalRequest) -> HttpResponse:
    return _create(
        request,
        forms.AgreementForm,
        "documents/new_agreement.html",
        lambda data: services.document_create_agreement(
            organization=request.organization,
            by=request.user,
            person=data["person"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            payment=forms.AgreementTermsForm.payment_text(data["payment"]),
            duties=data["duties"],
            expected=data["expected"],
            volume=data["volume"],
            conditions=data["conditions"],
            contract_date=data["contract_date"],
            contract_number=data["contract_number"],
        ),
    )


@allowed("documents.prepare")
def new_award(request: PortalRequest) -> HttpResponse:
    """A thanks or a certificate for a mentor, opened from the mentor's card with the mentor
    chosen (?person=) and the academic year of their latest pair, else for this year."""
    from accounts.models import AcademicYear

    person_id = parse_id(request.GET.get("person"))
    year = services.award_year(request.organization, person_id) or AcademicYear.objects.current(
        timezone.localdate()
    )
    initial: dict = {"person": person_id}
    if year is not None:  # a period that is over: what the mentor has done
        initial |= {"starts_on": year.starts_on, "ends_on": min(year.ends_on, timezone.localdate())}
    return _create(
        request,
        forms.AwardForm,
        "documents/new_award.html",
        lambda data: services.document_create_award(
            organization=request.organization,
            by=request.user,
            kind=data["kind"],
            person=data["person"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            today=timezone.localdate(),
            thanks_for=data["thanks_for"],
        ),
        initial=initial,
    )


@allowed("documents.prepare")
def new_nomination(request: PortalRequest) -> HttpResponse:
    """A mentor nominated for an award, opened from the mentor's card (?person=)."""
    return _create(
        request,
        forms.NominationForm,
        "documents/new_nomination.html",
        lambda data: services.document_create_nomination(
            organization=request.organization,
            by=request.user,
            person=data["person"],
            award=data["award"],
            award_of=data["award_of"],
            addressee=data["addressee"],
            merits=data["merits"],
            characteristic=data["characteristic"],
            today=timezone.localdate(),
        ),
        initial={"person": parse_id(request.GET.get("person"))},
    )


@allowed("documents.prepare")
def new_cooperation(request: PortalRequest) -> HttpResponse:
    """An agreement on cooperation (network interaction) with a college, an employer or
    another school."""
    return _create(
        request,
        forms.CooperationForm,
        "documents/new_cooperation.html",
        lambda data: services.document_create_cooperation(
            organization=request.organization,
            by=request.user,
            partner_kind=data["partner_kind"],
            partner={key: data[key] for key in services.PARTNER_FIELDS},
            forms=[f.name for f in data["mentoring_forms"]],
            mentors=list(data["mentors"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        ),
        initial={"partner_kind": "employer"},
    )


def _act(request: PortalRequest, pk: int, action, success: str) -> HttpResponse:
    document = _document(request, pk)
    try:
        action(document)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("documents:detail", pk=document.pk)


@allowed("organization.view")
def privacy_policy(request: PortalRequest) -> HttpResponse:
    """The school's personal-data policy for its mentoring programme (152-ФЗ, ст. 18.1), from
    its own details, to adopt by an order and publish."""
    return pdf_response(
        printables.privacy_policy_pdf(request.organization),
        "Политика обработки персональных данных.pdf",
    )


@require_POST
@allowed("documents.prepare")
def document_confirm_retroactive(request: PortalRequest, pk: int, assignment: int) -> HttpResponse:
    """On a draft assignment order: the curator confirms, with a reason, that one of its pairs
    has worked since a start earlier than the order."""
    from mentoring.services import assignment_confirm_retroactive

    document = _document(request, pk)
    if document.status != Document.Status.DRAFT:
        raise Http404
    pair = get_object_or_404(document.assignments.all(), pk=assignment)
    try:
        assignment_confirm_retroactive(
            assignment=pair, reason=request.POST.get("reason", ""), day=timezone.localdate()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Начало до приказа подтверждено: %s.") % pair)
    return redirect("documents:detail", pk=document.pk)


@require_POST
@allowed("documents.keep_scan")
def document_scan_upload(request: PortalRequest, pk: int) -> HttpResponse:
    """The scan of a document signed by hand («подпись на бумаге»)."""
    document = _document(request, pk)
    form = forms.ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("documents:detail", pk=document.pk)
    return _act(
        request,
        pk,
        lambda d: services.document_attach_scan(document=d, scan=form.cleaned_data["scan"]),
        _("Скан подписанного документа сохранён."),
    )


@allowed("documents.view")
def document_scan(request: PortalRequest, pk: int) -> FileResponse:
    document = _document(request, pk)
    if not document.scan:
        raise Http404
    extension = document.scan.name.rsplit(".", 1)[-1]
    stem = document.filename.removesuffix(".pdf")
    return FileResponse(
        document.scan.open("rb"), as_attachment=True, filename=f"{stem} (скан).{extension}"
    )


@allowed("documents.view")
def esign_regulation(request: PortalRequest) -> HttpResponse:
    """The local act that makes the portal's simple electronic signature valid (63-ФЗ, ст. 9),
    from the school's own details, to adopt by an order."""
    return pdf_response(
        printables.esign_regulation_pdf(request.organization, portal_url(request)),
        "Положение об использовании простой электронной подписи.pdf",
    )


@require_POST
@allowed("documents.prepare")
def document_send(request: PortalRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda d: services.document_send(document=d, today=timezone.localdate()),
        _("Документ отправлен директору на подпись."),
    )


@require_POST
@allowed("documents.sign")
def document_sign(request: PortalRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda d: services.package_sign(
            document=d,
            by=request.user,
            today=timezone.localdate(),
            seen=request.POST.get("seen", ""),
            portal=portal_url(request),
        ),
        _("Документ подписан, ему присвоен номер."),
    )


@require_POST
@allowed("documents.sign")
def document_return(request: PortalRequest, pk: int) -> HttpResponse:
    form = forms.ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, services.COMMENT_REQUIRED)
        return redirect("documents:detail", pk=_document(request, pk).pk)
    return _act(
        request,
        pk,
        lambda d: services.document_return(document=d, comment=form.cleaned_data["comment"]),
        _("Документ возвращён куратору с замечаниями."),
    )


@require_POST
@allowed("documents.prepare")
def document_delete(request: PortalRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    try:
        services.document_delete_draft(document=document)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("documents:detail", pk=document.pk)
    messages.success(request, _("Черновик удалён."))
    return redirect("documents:list")


@allowed("documents.prepare")
def person_forms(request: PortalRequest, pk: int) -> HttpResponse:
    """The consents a person signs by hand, ready to print for each of their pairs and
    groups (chosen, never guessed by the dates) or without one."""
    person = get_object_or_404(Person.objects.for_request(request), pk=pk)
    return render(
        request,
        "documents/person_forms.html",
        {
            "person": person,
            "forms": printables.forms_for(person, timezone.localdate()),
            "assignments": printables.blank_assignments(person),
        },
    )


@allowed("documents.prepare")
def person_form(request: PortalRequest, pk: int, kind: str) -> HttpResponse:
    """A blank for the person: for their pairs of a draft order (?order=, on the order's
    day: today), for one chosen pair (?assignment=), or for none."""
    person = get_object_or_404(Person.objects.for_request(request), pk=pk)
    today = timezone.localdate()
    if kind not in dict(printables.forms_for(person, today)):
        raise Http404
    assignments: list = []
    if order_id := parse_id(request.GET.get("order")):
        order = get_object_or_404(Document.objects.for_request(request), pk=order_id)
        row = next((r for r in order_package(order, today).rows if r.person.pk == person.pk), None)
        if row is None:
            raise Http404
        assignments = row.assignments
    elif assignment_id := parse_id(request.GET.get("assignment")):
        assignments = [get_object_or_404(printables.blank_assignments(person), pk=assignment_id)]
    label = str(Consent.Kind(kind).label).capitalize()
    return pdf_response(
        printables.person_form_pdf(person, kind, today, assignments),
        f"{label} — {person.short_name}.pdf",
    )


@allowed("documents.prepare")
def consent_withdrawal(request: PortalRequest, pk: int) -> HttpResponse:
    """The blank to withdraw a consent on file (not one withdrawn already), from the card."""
    consent = get_object_or_404(
        Consent.objects.filter(
            person__in=Person.objects.for_request(request), withdrawn_on__isnull=True
        ).select_related("person__organization__director"),
        pk=pk,
    )
    return pdf_response(
        printables.withdrawal_pdf(consent, timezone.localdate()),
        f"Отзыв: {consent.get_kind_display()} — {consent.person.short_name}.pdf",
    )


def plan_pdf(request: PortalRequest, pk: int) -> HttpResponse:
    """The personal plan of a pair or group: for whoever may open the pair's page."""
    from mentoring.views.common import assignment_for

    assignment, _access = assignment_for(request, pk)
    if not hasattr(assignment, "plan"):
        raise Http404
    return pdf_response(
        printables.plan_pdf(assignment), f"Персонализированная программа — {assignment}.pdf"
    )


@require_POST
@allowed("documents.prepare")
def document_mark_roadmap(request: PortalRequest, pk: int) -> HttpResponse:
    _document(request, pk)  # another school's document is a 404 before the form is read
    form = forms.RoadmapMarkForm(request.POST, organization=request.organization)
    if not form.is_valid():
        messages.error(request, _("Выберите пункт дорожной карты."))
        return redirect("documents:detail", pk=pk)
    return _act(
        request,
        pk,
        lambda d: services.roadmap_mark_with_order(
            item=form.cleaned_data["item"], document=d, url=d.get_absolute_url()
        ),
        _("Отметка о выполнении в дорожной карте ссылается на этот приказ."),
    )


def _draft_order(request: PortalRequest, pk: int) -> Document:
    document = _document(request, pk)
    if document.kind != Document.Kind.ASSIGNMENT:
        raise Http404
    return document


def _package_answer(
    request: PortalRequest, document: Document, errors=(), notice=""
) -> HttpResponse:
    """htmx: the package table again, with the outcome above it; otherwise back to the page."""
    if not request.htmx:
        for message in errors:
            messages.error(request, message)
        if notice:
            messages.success(request, notice)
        return redirect("documents:detail", pk=document.pk)
    document.refresh_from_db()
    context = {
        "document": document,
        **_package_context(request, document, timezone.localdate()),
        "package_errors": errors,
        "package_notice": notice,
    }
    return render(request, "documents/includes/_package.html", context)


def _received(request: PortalRequest) -> list[tuple[int, str, str, str]]:
    """The ticked cells of the package table: «person id:consent kind», with the legal
    representative's name and relation typed in the row."""
    received = []
    for value in request.POST.getlist("received"):
        person, _sep, kind = value.partition(":")
        if not person.isdigit() or kind not in Consent.Kind.values:
            continue
        received.append(
            (
                int(person),
                kind,
                request.POST.get(f"name-{person}", "")[:300],
                request.POST.get(f"relation-{person}", "")[:100],
            )
        )
    return received


@require_POST
@allowed("documents.prepare")
def package_consents(request: PortalRequest, pk: int) -> HttpResponse:
    """The consents ticked in a draft order's package, received on one day, entered at once."""
    document = _draft_order(request, pk)
    form = forms.ConsentsReceivedForm(request.POST)
    if not form.is_valid():
        return _package_answer(request, document, errors=[_("Укажите дату согласий.")])
    try:
        count = services.package_record_consents(
            document=document,
            received=_received(request),
            given_on=form.cleaned_data["given_on"],
            today=timezone.localdate(),
        )
    except ValidationError as error:
        return _package_answer(request, document, errors=error.messages)
    return _package_answer(request, document, notice=_("Внесено согласий: %d.") % count)


@require_POST
@allowed("documents.prepare")
def package_agreements(request: PortalRequest, pk: int) -> HttpResponse:
    """«Подготовить все соглашения»: a draft agreement for each mentor of the order who needs
    one, on the terms typed once."""
    document = _draft_order(request, pk)
    form = forms.AgreementTermsForm(request.POST, organization=request.organization)
    if not form.is_valid():
        return _package_answer(request, document, errors=form_error_texts(form))
    data = form.cleaned_data
    try:
        created = services.package_prepare_agreements(
            document=document,
            by=request.user,
            day=timezone.localdate(),
            payment=form.payment_text(data["payment"]),
            duties=data["duties"],
            expected=data["expected"],
            conditions=data["conditions"],
        )
    except ValidationError as error:
        return _package_answer(request, document, errors=error.messages)
    return _package_answer(
        request, document, notice=_("Подготовлено дополнительных соглашений: %d.") % len(created)
    )


@require_POST
@allowed("documents.prepare")
def package_contracts(request: PortalRequest, pk: int) -> HttpResponse:
    """The employment contracts (date, number) of the order's mentors whose cards lack them,
    typed at once: kept on the cards and in the agreements being prepared."""
    document = _draft_order(request, pk)
    contracts, errors = {}, []
    for key in request.POST:
        person_id = (
            parse_id(key.removeprefix("contract-number-"))
            if key.startswith("contract-number-")
            else None
        )
        if person_id is None:
            continue
        raw_date = request.POST.get(f"contract-date-{person_id}", "")
        try:
            signed_on = datetime.date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            errors.append(_("Дата трудового договора указана неверно."))
            continue
        contracts[person_id] = (signed_on, request.POST.get(key, "")[:50])
    if errors:
        return _package_answer(request, document, errors=errors)
    try:
        count = services.package_record_contracts(
            document=document, contracts=contracts, day=timezone.localdate()
        )
    except ValidationError as error:
        return _package_answer(request, document, errors=error.messages)
    return _package_answer(
        request, document, notice=_("Реквизиты трудовых договоров внесены: %d.") % count
    )


@allowed("documents.prepare")
def package_blanks(request: PortalRequest, pk: int) -> HttpResponse:
    """«Распечатать все бланки»: every consent the order still lacks, in one PDF."""
    document = _draft_order(request, pk)
    pdf = printables.package_blanks_pdf(order_package(document, timezone.localdate()))
    if pdf is None:
        messages.info(request, _("Все согласия для этого приказа получены: печатать нечего."))
        return redirect("documents:detail", pk=document.pk)
    return pdf_response(pdf, f"Бланки согласий к приказу — {document.title}.pdf")


@login_not_required
def verify(request) -> HttpResponse:
    """Anyone with the paper (no login) checks a document signed in the portal by the code on
    its stamp, typed or read from its QR code: the kind, number, date, school, signer and
    whether it stands — nothing else (documents.verification)."""
    from documents.russian import signature_name_in
    from documents.verification import normalized_code, signed_by_code, standing

    raw = request.GET.get("code", "")[:100]
    code = normalized_code(raw) if raw else None
    document = signed_by_code(code) if code else None
    response = render(
        request,
        "documents/verify.html",
        {
            "raw": raw,
            "code": code,
            "found": document,
            "standing": standing(document) if document else "",
            "signer": signature_name_in(document.signed_by) if document else "",
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
