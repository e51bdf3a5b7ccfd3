"""A draft assignment order's package: the table of what each participant needs, consents
entered at once, every agreement prepared in one step, all blanks in one PDF, the order sent
with its agreements and signed with them in one action."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from core.declension import Case, person_name
from documents import services
from documents.models import Document
from mentoring.models import AssignmentStatus
from registry.models import Consent, MenteeProfile
from tests.documents.factories import DAY, assignment_order, pair_awaiting_order, sign_as_shown
from tests.documents.test_orders import text_of
from tests.factories import ConsentFactory, StudentFactory
from tests.pages import visible_text as page_text

pytestmark = pytest.mark.django_db

TERMS = {
    "payment": "2500",
    "duties": "Наставничество молодых педагогов.",
    "expected": "Адаптация наставляемых.",
    "conditions": "Посещение уроков.",
}


@pytest.fixture
def today(the_day_is):
    the_day_is(DAY)
    return DAY


def give_every_consent(order):
    """Every consent the order's package asks for, given on its day."""
    for row in services.order_package(order, DAY).rows:
        for cell in row.consents:
            ConsentFactory(person=row.person, kind=cell.kind, given_on=DAY)


def sent_with_agreements(order, curator):
    services.package_prepare_agreements(document=order, by=curator, day=DAY, **TERMS)
    return services.document_send(document=order, today=DAY)


def minor_pair(school):
    """A pair whose mentee is a pupil of 14 on the order's day."""
    pair = pair_awaiting_order(school)
    pupil = StudentFactory(organization=school, birth_date=datetime.date(2007, 5, 1))
    pair.mentee_links.update(mentee=MenteeProfile.objects.create(person=pupil))
    return pair, pupil


def test_the_package_lists_each_participant_with_what_is_on_file_and_what_is_not(
    client, school, curator, today
):
    pair = pair_awaiting_order(school)
    mentor, mentee = pair.mentors[0].person, pair.mentees[0].person
    ConsentFactory(person=mentee, kind=Consent.Kind.PERSONAL_DATA, given_on=DAY)
    order = assignment_order(school, [pair])
    client.force_login(curator)
    page = page_text(client.get(reverse("documents:detail", args=[order.pk])))
    assert "Пакет документов к приказу" in page
    assert "Не хватает: согласий — 3; соглашений — 1." in page
    assert f"{mentor.full_name} наставник" in page
    assert "Согласие наставника на дополнительную работу бланк" in page
    assert f"✓ Согласие на обработку персональных данных от {DAY:%d.%m.%Y}" in page
    assert "нужно подготовить" in page
    assert "Распечатать все бланки (3)" in page
    # nothing is sent while anything is missing
    html = client.get(reverse("documents:detail", args=[order.pk])).content.decode()
    assert 'disabled data-testid="package-send"' in html


def test_consents_ticked_in_the_package_are_entered_at_once_and_the_table_redraws(
    client, school, curator, today
):
    pair, pupil = minor_pair(school)
    mentor = pair.mentors[0].person
    order = assignment_order(school, [pair])
    client.force_login(curator)
    response = client.post(
        reverse("documents:package-consents", args=[order.pk]),
        {
            "given_on": "2021-08-30",
            "received": [
                f"{mentor.pk}:mentor_work",
                f"{mentor.pk}:personal_data",
                f"{pupil.pk}:representative",
            ],
            f"name-{pupil.pk}": "Петрова Ольга Ивановна",
            f"relation-{pupil.pk}": "мать",
        },
        HTTP_HX_REQUEST="true",
    )
    text = page_text(response)
    assert "Внесено согласий: 3." in text
    assert "✓ Согласие законного представителя от 30.08.2021 (Петрова Ольга Ивановна)" in text
    assert "<html" not in response.content.decode()  # the table alone, for htmx to swap in
    kinds = set(
        Consent.objects.filter(given_on=datetime.date(2021, 8, 30)).values_list(
            "person_id", "kind", "representative_relation"
        )
    )
    assert kinds == {
        (mentor.pk, "mentor_work", ""),
        (mentor.pk, "personal_data", ""),
        (pupil.pk, "representative", "мать"),
    }


def test_a_representative_consent_without_a_name_enters_nothing(client, school, curator, today):
    pair, pupil = minor_pair(school)
    mentor = pair.mentors[0].person
    order = assignment_order(school, [pair])
    client.force_login(curator)
    response = client.post(
        reverse("documents:package-consents", args=[order.pk]),
        {
            "given_on": "2021-08-30",
            "received": [f"{mentor.pk}:mentor_work", f"{pupil.pk}:representative"],
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Укажите ФИО законного представителя." in page_text(response)
    assert not Consent.objects.exists()  # all or nothing


def test_a_consent_the_order_does_not_need_or_dated_ahead_is_refused(
    client, school, curator, today, other_school
):
    order = assignment_order(school, [pair_awaiting_order(school)])
    stranger = pair_awaiting_order(other_school).mentors[0].person
    client.force_login(curator)
    url = reverse("documents:package-consents", args=[order.pk])
    answer = client.post(
        url, {"given_on": "2021-08-30", "received": [f"{stranger.pk}:mentor_work"]}
    )
    assert answer.status_code == 302
    assert "не требуется для этого приказа" in page_text(client.get(answer.url))
    mentor = order.assignments.get().mentors[0].person
    client.post(url, {"given_on": "2021-09-02", "received": [f"{mentor.pk}:mentor_work"]})
    assert not Consent.objects.exists()


def test_every_agreement_is_prepared_in_one_step_for_the_pairs_period(
    client, school, curator, today
):
    first, second = pair_awaiting_order(school), pair_awaiting_order(school)
    order = assignment_order(school, [first, second])
    client.force_login(curator)
    response = client.post(
        reverse("documents:package-agreements", args=[order.pk]), TERMS, HTTP_HX_REQUEST="true"
    )
    assert "Подготовлено дополнительных соглашений: 2." in page_text(response)
    agreements = Document.objects.filter(kind=Document.Kind.AGREEMENT, for_order=order)
    assert {a.person_id for a in agreements} == {
        first.mentors[0].person_id,
        second.mentors[0].person_id,
    }
    for agreement in agreements:
        assert agreement.status == Document.Status.DRAFT
        assert agreement.params["payment"] == "2500,00"
        assert agreement.params["starts_on"] == f"{first.starts_on:%Y-%m-%d}"
        assert agreement.params["ends_on"] == f"{first.ends_on:%Y-%m-%d}"
        assert agreement.params["volume"] == "1 наставляемый"
    again = client.post(reverse("documents:package-agreements", args=[order.pk]), TERMS)
    assert "уже подготовлены" in page_text(client.get(again.url))
    assert agreements.count() == 2


def test_the_blanks_of_every_missing_consent_print_as_one_pdf(client, school, curator, today):
    pair, pupil = minor_pair(school)
    mentor = pair.mentors[0].person
    order = assignment_order(school, [pair])
    client.force_login(curator)
    response = client.get(reverse("documents:package-blanks", args=[order.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    # the mentor's to the work, to the processing of data, the representative's
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 3
    assert text.count("Согласие") >= 3
    assert "на обработку персональных данных" in text
    assert person_name(mentor, Case.GENITIVE) in text  # «от Кузнецовой Марии Ивановны»
    assert pupil.short_name in text or person_name(pupil, Case.GENITIVE) in text


def test_the_order_goes_with_its_agreements_and_the_director_signs_them_all_at_once(
    client, school, curator, signer, today
):
    pair = pair_awaiting_order(school)
    order = assignment_order(school, [pair])
    give_every_consent(order)
    client.force_login(curator)
    client.post(reverse("documents:package-agreements", args=[order.pk]), TERMS)
    client.post(reverse("documents:send", args=[order.pk]))
    agreement = Document.objects.get(for_order=order)
    order.refresh_from_db()
    agreement.refresh_from_db()
    assert (order.status, agreement.status) == ("on_signature", "on_signature")

    client.force_login(signer)
    page = client.get(reverse("documents:detail", args=[order.pk])).content.decode()
    short = pair.mentors[0].person.short_name
    assert f"Подписать пакет: дополнительные соглашения (1: {short}), затем приказ?" in page
    assert "Подписать соглашения (1) и приказ" in page
    sign_as_shown(client, order)
    order.refresh_from_db()
    agreement.refresh_from_db()
    pair.refresh_from_db()
    assert order.status == agreement.status == Document.Status.SIGNED
    assert agreement.number == 1 and order.number == 1
    assert agreement.signed_at <= order.signed_at  # the agreement first: the order rests on it
    assert pair.status == AssignmentStatus.ACTIVE
    genitive = person_name(pair.mentors[0].person, Case.GENITIVE, short=True)
    assert f"дополнительное соглашение к трудовому договору {genitive}" in text_of(bytes(order.pdf))


def test_a_package_changed_after_the_director_opened_it_is_not_signed(
    client, school, curator, signer, today
):
    pair = pair_awaiting_order(school)
    order = assignment_order(school, [pair])
    give_every_consent(order)
    sent_with_agreements(order, curator)
    seen = services.package_content_hash(order, DAY)
    agreement = Document.objects.get(for_order=order)
    agreement.params = {**agreement.params, "payment": "9999,00"}
    agreement.save()
    with pytest.raises(Exception, match="изменился"):
        services.package_sign(document=order, by=signer, today=DAY, seen=seen)
    assert not Document.objects.filter(status=Document.Status.SIGNED).exists()


def test_returning_the_order_returns_its_agreements(school, curator, signer):
    pair = pair_awaiting_order(school)
    order = assignment_order(school, [pair])
    give_every_consent(order)
    sent_with_agreements(order, curator)
    services.document_return(document=order, comment="Уточните доплату.")
    agreement = Document.objects.get(for_order=order)
    assert agreement.status == Document.Status.DRAFT
    assert agreement.return_comment == "Уточните доплату."


@pytest.mark.parametrize("pairs", [1, 6])
def test_the_package_page_costs_the_same_for_one_pair_and_for_six(
    client, school, curator, today, pairs, django_assert_max_num_queries
):
    order = assignment_order(school, [pair_awaiting_order(school) for _ in range(pairs)])
    for pair in order.assignments.all():
        ConsentFactory(person=pair.mentors[0].person, kind="mentor_work", given_on=DAY)
    services.package_prepare_agreements(document=order, by=curator, day=DAY, **TERMS)
    client.force_login(curator)
    with django_assert_max_num_queries(40):
        page = page_text(client.get(reverse("documents:detail", args=[order.pk])))
    assert page.count("черновик") >= pairs


def test_an_agreement_never_goes_for_signature_without_its_contract(
    client, school, curator, the_day_is
):
    """#24: the package lists the mentors whose cards lack the contract's date or number and
    takes them at once; until then sending is refused, naming the mentor."""
    the_day_is(DAY)
    pair = pair_awaiting_order(
        school, mentor={"last_name": "Бездоговорная", "contract_date": None, "contract_number": ""}
    )
    order = assignment_order(school, [pair])
    give_every_consent(order)
    services.package_prepare_agreements(document=order, by=curator, day=DAY, **TERMS)
    mentor = pair.mentors[0].person
    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[order.pk])).content.decode()
    assert 'data-testid="package-contracts"' in page and f"contract-number-{mentor.pk}" in page
    with pytest.raises(ValidationError) as refused:
        services.document_send(document=order, today=DAY)
    assert refused.value.messages == [str(services.CONTRACT_MISSING) % {"name": mentor.short_name}]
    client.post(
        reverse("documents:package-contracts", args=[order.pk]),
        {f"contract-date-{mentor.pk}": "2012-08-30", f"contract-number-{mentor.pk}": "18"},
    )
    mentor.refresh_from_db()
    assert (mentor.contract_date, mentor.contract_number) == (datetime.date(2012, 8, 30), "18")
    agreement = services.package_agreements(order).get()
    assert agreement.params["contract_number"] == "18"
    page = client.get(reverse("documents:detail", args=[order.pk])).content.decode()
    assert 'data-testid="package-contracts"' not in page
    services.document_send(document=order, today=DAY)
    text = text_of(services.document_preview(agreement, DAY))
    assert "к трудовому договору от «30» августа 2012 г. № 18" in " ".join(text.split())
