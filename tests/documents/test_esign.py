"""Electronic sign-off a school can defend: the director signs exactly the text he was shown,
the signed PDF carries the stamp of a simple electronic signature, the school prints the local
act that makes that signature valid, or signs on paper and keeps the scan."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Organization
from documents import services
from documents.models import Document
from tests.documents.factories import DAY, introduction
from tests.documents.test_orders import text_of
from tests.factories import PersonFactory
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_signature(school, director):
    school.director = director
    school.save()
    curator = PersonFactory(
        organization=school, last_name="Сидорова", first_name="Светлана", middle_name="Сергеевна"
    )
    return services.document_send(document=introduction(school, curator=curator), today=DAY)


def test_the_director_signs_the_text_he_saw_and_the_pdf_carries_the_stamp(on_signature, director):
    seen = services.document_content_hash(on_signature, DAY)
    signed = services.document_sign(document=on_signature, by=director, today=DAY, seen=seen)
    text = text_of(bytes(signed.pdf))
    assert "ДОКУМЕНТ ПОДПИСАН ПРОСТОЙ ЭЛЕКТРОННОЙ ПОДПИСЬЮ" in text
    assert "Подписант: И.И. Иванов, директор" in text
    assert f"Код текста (SHA-256): {seen[:16].upper()}" in text
    assert signed.content_sha256 == seen and signed.signed_at is not None
    assert signed.signed_electronically


def test_a_change_after_the_director_opened_the_document_is_not_signed(on_signature, director):
    seen = services.document_content_hash(on_signature, DAY)
    curator = PersonFactory._meta.model.objects.get(last_name="Сидорова")
    curator.last_name = "Петрова"  # the curator mends the card while the director reads
    curator.save()
    with pytest.raises(ValidationError, match="изменился после того, как вы его открыли"):
        services.document_sign(document=on_signature, by=director, today=DAY, seen=seen)
    on_signature.refresh_from_db()
    assert on_signature.status == Document.Status.ON_SIGNATURE and on_signature.number is None


def test_the_sign_button_posts_what_the_page_showed(client, on_signature, director):
    client.force_login(director)
    page = client.get(reverse("documents:detail", args=[on_signature.pk])).content.decode()
    shown = re.search(r'name="seen" value="([0-9a-f]{64})"', page).group(1)
    stale = client.post(reverse("documents:sign", args=[on_signature.pk]), {"seen": shown[::-1]})
    assert "изменился после того" in client.get(stale.url).content.decode()
    on_signature.refresh_from_db()
    assert on_signature.status == Document.Status.ON_SIGNATURE
    client.post(reverse("documents:sign", args=[on_signature.pk]), {"seen": shown})
    on_signature.refresh_from_db()
    assert on_signature.status == Document.Status.SIGNED
    assert on_signature.content_sha256 == shown


def test_a_school_that_signs_on_paper_gets_signature_lines_and_keeps_the_scan(
    client, school, on_signature, director, curator
):
    school.signature = Organization.Signature.PAPER
    school.save()
    signed = services.document_sign(document=on_signature, by=director, today=DAY)
    text = text_of(bytes(signed.pdf))
    assert "ЭЛЕКТРОННОЙ ПОДПИСЬЮ" not in text and "Директор" in text
    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[signed.pk])).content.decode()
    assert "Директор подписывает на бумаге: загрузите скан" in page
    assert "электронной подпис" not in page.replace("простой электронной подписи (PDF)", "")
    assert "собственноручно на бумаге — приложите скан" in page
    school.signature = Organization.Signature.ELECTRONIC  # a later change of the school's mind
    school.save()
    page = client.get(reverse("documents:detail", args=[signed.pk])).content.decode()
    assert "простой электронной подписью" not in page and "собственноручно на бумаге" in page
    junk = SimpleUploadedFile("scan.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.post(reverse("documents:scan-upload", args=[signed.pk]), {"scan": junk})
    signed.refresh_from_db()
    assert not signed.scan
    signed_scan = pdf_bytes("подписан")
    scan = SimpleUploadedFile("скан.pdf", signed_scan, content_type="application/pdf")
    client.post(reverse("documents:scan-upload", args=[signed.pk]), {"scan": scan})
    signed.refresh_from_db()
    assert signed.scan and signed.status == Document.Status.SIGNED
    download = client.get(reverse("documents:scan", args=[signed.pk]))
    assert b"".join(download.streaming_content) == signed_scan
    again = SimpleUploadedFile("other.pdf", pdf_bytes("другой"), content_type="application/pdf")
    response = client.post(reverse("documents:scan-upload", args=[signed.pk]), {"scan": again})
    assert "Скан этого документа уже загружен" in client.get(response.url).content.decode()


def test_the_school_prints_its_local_act_on_the_simple_electronic_signature(
    client, school, director
):
    client.force_login(director)
    page = client.get(reverse("organization")).content.decode()
    assert reverse("documents:esign-regulation") in page
    text = text_of(client.get(reverse("documents:esign-regulation")).content)
    assert "ПОЛОЖЕНИЕ об использовании простой электронной подписи" in text
    assert "Федеральным законом от 06.04.2011 № 63" in text
    assert "МБОУ «СШ № 19»" in text
    assert "Лист ознакомления" in text and "Иванов И.И." in text
    assert "не распространяется на дополнительные соглашения к трудовым договорам" in " ".join(
        text.split()
    )


def test_an_agreement_is_signed_by_hand_whatever_the_school_chose(client, school, director):
    """A supplementary agreement amends a labour contract: no electronic stamp on it, the page
    asks for the scan signed by both parties, in a school that signs orders electronically."""
    from tests.documents.factories import signed_agreement

    school.director = director
    school.save()
    assert school.signature == Organization.Signature.ELECTRONIC
    agreement = signed_agreement(PersonFactory(organization=school), director)
    assert not agreement.signed_electronically
    assert "ЭЛЕКТРОННОЙ ПОДПИСЬЮ" not in text_of(bytes(agreement.pdf))
    client.force_login(director)
    page = client.get(reverse("documents:detail", args=[agreement.pk])).content.decode()
    assert "подписывают обе стороны собственноручно (ст. 22.1–22.3 ТК РФ)" in page
    assert "простой электронной подписью" not in page
