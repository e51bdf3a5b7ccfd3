"""Consents: recorded with a scan checked by content, withdrawn with a reason; 30 days after a
withdrawal the person's data is anonymised by a command with a deletion act."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registry.models import Consent, DeletionAct, Person
from tests.factories import ConsentFactory, PersonFactory, StudentFactory
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db
SCAN = pdf_bytes("согласие")


def upload(content: bytes, name: str = "скан.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_curator_records_a_consent_with_a_real_pdf_scan(client, school, curator, psychologist):
    person = PersonFactory(organization=school)
    client.force_login(curator)
    client.post(
        reverse("registry:consent-add", args=[person.pk]),
        {
            "kind": "personal_data",
            "given_on": "2021-09-01",
            "scan": upload(SCAN),
        },
    )
    consent = Consent.objects.get(person=person)
    assert consent.scan.name.endswith(".pdf")
    client.force_login(psychologist)
    response = client.get(reverse("registry:consent-scan", args=[consent.pk]))
    assert b"".join(response.streaming_content) == SCAN


def test_a_scan_is_checked_by_content_not_by_name(client, school, curator):
    person = PersonFactory(organization=school)
    client.force_login(curator)
    page = client.post(
        reverse("registry:consent-add", args=[person.pk]),
        {
            "kind": "personal_data",
            "given_on": "2021-09-01",
            "scan": upload(b"MZ\x90\x00 an executable", "согласие.pdf"),
        },
        follow=True,
    ).content.decode()
    assert not Consent.objects.exists()
    label = Consent._meta.get_field("scan").verbose_name
    assert f"{str(label).capitalize()}: Скан должен быть PDF, JPEG или PNG." in page


def test_a_minors_representative_consent_needs_the_representative(client, school, curator):
    child = StudentFactory(organization=school)
    client.force_login(curator)
    page = client.post(
        reverse("registry:consent-add", args=[child.pk]),
        {"kind": "representative", "given_on": "2021-09-01"},
        follow=True,
    ).content.decode()
    assert "Укажите ФИО законного представителя." in page
    assert not Consent.objects.exists()


def test_a_consents_period_runs_forward_in_russian(client, school, curator):
    """The rule is the database's constraint; the form shows its own Russian message."""
    person = PersonFactory(organization=school)
    client.force_login(curator)
    page = client.post(
        reverse("registry:consent-add", args=[person.pk]),
        {"kind": "personal_data", "given_on": "2021-09-01", "valid_until": "2021-08-01"},
        follow=True,
    ).content.decode()
    assert "Срок действия не может закончиться раньше даты согласия." in page
    assert not Consent.objects.exists()


def test_withdrawal_then_purge_after_30_days_with_a_deletion_act(client, school, curator):
    person = PersonFactory(organization=school, last_name="Отзывова", email="o@school.example")
    consent = ConsentFactory(person=person)
    client.force_login(curator)
    today = timezone.localdate()
    client.post(
        reverse("registry:consent-withdraw", args=[consent.pk]),
        {"withdrawn_on": (today - datetime.timedelta(days=10)).isoformat(), "reason": "заявление"},
    )
    consent.refresh_from_db()
    assert consent.withdrawal_reason == "заявление"
    call_command("purge_withdrawn_consents", stdout=io.StringIO())
    assert Person.objects.get(pk=person.pk).last_name == "Отзывова"  # not yet: 10 days

    Consent.objects.filter(pk=consent.pk).update(withdrawn_on=today - datetime.timedelta(days=31))
    out = io.StringIO()
    call_command("purge_withdrawn_consents", stdout=out)
    person.refresh_from_db()
    assert "Обезличено карточек: 1 (по отзыву согласия: 1" in out.getvalue()
    assert person.last_name.startswith("Обезличено") and person.email == ""
    assert person.anonymized_at is not None
    act = DeletionAct.objects.get(person=person)
    assert "Отзывова" not in act.removed and "электронная почта" in act.removed
    assert not Person.history.filter(id=person.pk, last_name="Отзывова").exists()
    call_command("purge_withdrawn_consents", stdout=out)
    assert DeletionAct.objects.count() == 1


def test_another_consent_in_force_keeps_the_data(school):
    from registry.services import people_to_purge

    person = PersonFactory(organization=school)
    today = timezone.localdate()
    ConsentFactory(person=person, withdrawn_on=today - datetime.timedelta(days=40))
    ConsentFactory(person=person, kind=Consent.Kind.PARTICIPATION)
    assert person not in people_to_purge(today)


def test_a_withdrawal_is_dated_between_the_consent_and_today(client, school, curator):
    """#18 item 11: a date before the consent would purge the card at once; a future date is
    no withdrawal yet. Both are refused with a message, the consent stays in force."""
    person = PersonFactory(organization=school)
    consent = ConsentFactory(person=person, given_on=datetime.date(2021, 9, 1))
    client.force_login(curator)
    today = timezone.localdate()
    for day in (datetime.date(2020, 1, 1), today + datetime.timedelta(days=1)):
        page = client.post(
            reverse("registry:consent-withdraw", args=[consent.pk]),
            {"withdrawn_on": day.isoformat(), "reason": "заявление"},
            follow=True,
        ).content.decode()
        assert "от даты согласия до сегодняшнего дня" in page
        consent.refresh_from_db()
        assert consent.withdrawn_on is None


def test_the_home_warning_leads_to_the_people_without_consent_and_each_to_its_fix(
    client, curator, school
):
    from tests.factories import MenteeProfileFactory
    from tests.pages import visible_text

    covered = MenteeProfileFactory(person=PersonFactory(organization=school)).person
    ConsentFactory(person=covered, kind=Consent.Kind.PERSONAL_DATA)
    missing = MenteeProfileFactory(person=PersonFactory(organization=school)).person
    pupil = StudentFactory(organization=school, birth_date=datetime.date(2015, 1, 1))
    MenteeProfileFactory(person=pupil)
    client.force_login(curator)
    home = client.get(reverse("home")).content.decode()
    link = reverse("registry:people") + "?no_consent=on"
    assert f'href="{link}"' in home
    assert "Нет действующего согласия на обработку персональных данных: 2 участника" in (
        visible_text(home)
    )
    page = client.get(link).content.decode()
    assert missing.full_name in page and pupil.full_name in page
    assert covered.full_name not in page
    card = reverse("registry:person", args=[missing.pk])
    assert f'href="{card}?consent=personal_data#consent-add"' in page
    # a minor's data is covered by the legal representative's consent
    assert f'href="{reverse("registry:person", args=[pupil.pk])}?consent=representative' in page
    assert reverse("documents:person-form", args=[pupil.pk, "representative"]) in page
    form = client.get(f"{card}?consent=personal_data").content.decode()
    assert 'id="consent-add" open' in form
    assert 'value="personal_data" selected' in form


def test_a_mentors_card_with_several_consents_gives_every_element_its_own_id(
    client, curator, school
):
    from tests.factories import MentorProfileFactory
    from tests.pages import duplicate_ids

    mentor = MentorProfileFactory(person=PersonFactory(organization=school)).person
    for kind in (Consent.Kind.PERSONAL_DATA, Consent.Kind.MENTOR_WORK):
        ConsentFactory(person=mentor, kind=kind)
    client.force_login(curator)
    page = client.get(reverse("registry:person", args=[mentor.pk]))
    assert page.content.decode().count("Отозвать согласие") == 2
    assert duplicate_ids(page) == []


def test_the_same_consent_entered_twice_is_one_row_and_one_withdrawal_ends_it(school):
    """#24: «Внести отмеченные согласия» posted twice gave two rows, and withdrawing one left
    its twin in force. Entering it again gives back the one on file; a withdrawal withdraws
    every consent of that kind given by then (an earlier paper too), not a later one."""
    from registry.services import consent_record, consent_withdraw

    person = PersonFactory(organization=school)
    day, today = datetime.date(2021, 8, 25), datetime.date(2021, 12, 1)
    first = consent_record(
        person=person, kind=Consent.Kind.PERSONAL_DATA, given_on=day, today=today
    )
    again = consent_record(
        person=person, kind=Consent.Kind.PERSONAL_DATA, given_on=day, today=today
    )
    assert again.pk == first.pk and person.consents.count() == 1
    earlier = ConsentFactory(person=person, given_on=datetime.date(2020, 9, 1))
    other_kind = ConsentFactory(person=person, kind=Consent.Kind.PARTICIPATION, given_on=day)
    consent_withdraw(consent=first, withdrawn_on=today, reason="заявление", today=today)
    assert (
        not Consent.objects.in_force(today)
        .filter(person=person, kind=Consent.Kind.PERSONAL_DATA)
        .exists()
    )
    earlier.refresh_from_db()
    assert earlier.withdrawn_on == today and earlier.withdrawal_reason == "заявление"
    assert Consent.objects.in_force(today).filter(pk=other_kind.pk).exists()
    renewed = consent_record(
        person=person, kind=Consent.Kind.PERSONAL_DATA, given_on=today, today=today
    )
    assert renewed.pk != first.pk and Consent.objects.in_force(today).filter(pk=renewed.pk).exists()


def test_a_pupil_signs_his_own_consent_from_his_18th_birthday_and_not_before(school):
    """#24: before the 18th birthday the legal representative signs; from it, the pupil."""
    from django.core.exceptions import ValidationError

    from registry.services import consent_record

    pupil = StudentFactory(
        organization=school, last_name="Зайцев", first_name="Павел", middle_name="Львович",
        gender="m", birth_date=datetime.date(2004, 3, 10),
    )  # fmt: skip
    today = datetime.date(2022, 6, 1)
    own = {"person": pupil, "kind": Consent.Kind.PERSONAL_DATA, "today": today}
    with pytest.raises(ValidationError) as refused:
        consent_record(**own, given_on=datetime.date(2022, 3, 9))
    assert refused.value.messages == [
        "Зайцев П.Л. подписывает согласие сам только с 10.03.2022, когда ему исполнится 18 "
        "лет: до этого дня согласие даёт законный представитель."
    ]
    assert consent_record(**own, given_on=datetime.date(2022, 3, 10)).pk
    representative = {
        "person": pupil, "kind": Consent.Kind.REPRESENTATIVE, "today": today,
        "representative_name": "Зайцева Ольга Ивановна", "representative_relation": "мать",
    }  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        consent_record(**representative, given_on=datetime.date(2022, 3, 10))
    assert "На 10.03.2022 Зайцев П.Л. уже совершеннолетний" in refused.value.messages[0]
    assert consent_record(**representative, given_on=datetime.date(2022, 3, 9)).pk
