"""#25: a document signed in the portal is checked by anyone by the code on its stamp."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from documents import services
from documents.models import Document
from documents.verification import qr_data_uri, verification_url
from tests.documents.factories import DAY, assignment_order, give_basis, pair_awaiting_order
from tests.documents.test_orders import sign

pytestmark = pytest.mark.django_db


def test_the_stamps_code_opens_what_was_signed_and_whether_it_stands(client, school, signer):
    pair = pair_awaiting_order(school)
    give_basis(pair, signer)
    order = sign(assignment_order(school, [pair]), signer)
    code = order.content_sha256[:16].upper()
    url = reverse("verify")

    # anyone, signed in or not, typed as it reads on paper
    page = client.get(url, {"code": f" {code[:8].lower()} {code[8:]} "}).content.decode()
    assert "Документ подписан в портале" in page
    assert "Приказ о закреплении наставнических пар и групп" in page
    assert f"№ {order.number} от {order.signed_on:%d.%m.%Y}" in page
    assert school.full_name[0].upper() + school.full_name[1:] in page
    assert "И.И. Иванов, директор" in page
    assert "Действует" in page
    # nothing else: not the people the order names
    for person in [*pair.mentors, *pair.mentees]:
        assert person.person.last_name not in page

    ending = services.document_create_ending_order(
        organization=school, by=signer, assignments=[pair], ends_on=datetime.date(2022, 1, 20),
        reason="переездом наставляемого",
    )  # fmt: skip
    ending = sign(ending, signer, datetime.date(2022, 1, 20))
    cancellation = services.document_create_cancellation(
        organization=school, by=signer, cancels=ending, reason="ошибкой"
    )
    cancellation = sign(cancellation, signer, datetime.date(2022, 1, 21))
    ending_code = Document.objects.get(pk=ending.pk).content_sha256[:16]
    page = client.get(url, {"code": ending_code}).content.decode()
    assert f"Отменён приказом от 21.01.2022 № {cancellation.number}" in page


def test_a_code_the_portal_never_signed_is_said_so(client):
    page = client.get(reverse("verify"), {"code": "0123456789ABCDEF"}).content.decode()
    assert "Документ с кодом 0123456789ABCDEF в портале не подписывался" in page
    page = client.get(reverse("verify"), {"code": "<script>"}).content.decode()
    assert "Код — 16 знаков" in page and "<script>" not in page
    page = client.get(reverse("verify")).content.decode()
    assert "Проверка документа, подписанного в портале" in page
    assert 'data-testid="verify-result"' not in page


def test_the_stamp_carries_the_qr_code_of_its_check(school, signer, settings):
    settings.PORTAL_URL = "https://nastavnik.example"
    document = services.document_create_introduction(
        organization=school, by=signer, starts_on=DAY, curator=None, forms=[]
    )
    services.document_send(document=document, today=DAY)
    stamps = []
    real = services._stamp

    def keep(*args, **kwargs):
        stamps.append(real(*args, **kwargs))
        return stamps[-1]

    services._stamp = keep
    try:
        signed = services.document_sign(document=document, by=signer, today=DAY)
    finally:
        services._stamp = real
    code = signed.content_sha256[:16].upper()
    expected = verification_url("https://nastavnik.example", code)
    assert expected == f"https://nastavnik.example/verify/?code={code}"
    assert stamps[0]["qr"] == qr_data_uri(expected)
    stamp = render_to_string("documents/pdf/_stamp.html", {"stamp": stamps[0]})
    assert f'<img src="{stamps[0]["qr"]}" alt="QR-код проверки документа">' in stamp


def test_an_amended_order_reads_as_standing_with_its_amendment(client, school, signer, curator):
    pair = pair_awaiting_order(school)
    give_basis(pair, signer)
    order = sign(assignment_order(school, [pair]), signer)
    amendment = services.document_create_amendment(
        organization=school, by=curator, amends=order, reason="заявлением наставника",
        changes=[{"assignment": pair.pk, "action": "dates", "ends_on": "2022-03-31"}],
        add=[], day=datetime.date(2021, 11, 25),
    )  # fmt: skip
    amendment = sign(amendment, signer, datetime.date(2021, 12, 1))
    page = client.get(reverse("verify"), {"code": order.content_sha256[:16]}).content.decode()
    assert (
        f"Действует с изменениями, внесёнными приказом от 01.12.2021 № {amendment.number}" in page
    )
