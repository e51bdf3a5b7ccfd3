"""Creating and editing a card: server-side validation, sensitive flags by role, and two people
editing the same card — the second save is refused instead of overwriting."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Person
from registry.services import STALE_CARD
from tests.factories import PersonFactory, StudentFactory

pytestmark = pytest.mark.django_db

CARD = {
    "last_name": "Новикова", "first_name": "Ирина", "middle_name": "", "gender": "f",
    "category": "teacher", "position": "учитель", "subject": "биология", "school_class": "",
    "birth_date": "", "experience_years": "2", "email": "novikova@school.example", "phone": "",
    "employer_name": "",
}  # fmt: skip


def test_curator_adds_a_person(client, school, curator):
    client.force_login(curator)
    response = client.post(reverse("registry:person-new"), {**CARD, "version": 0})
    person = Person.objects.get(email="novikova@school.example")
    assert response.url == reverse("registry:person", args=[person.pk])
    assert person.organization == school
    assert person.is_young_specialist_on(timezone.localdate())
    assert person.history.count() == 1


def test_duplicate_email_and_bad_values_are_russian_messages(client, school, curator):
    PersonFactory(organization=school, email="novikova@school.example")
    client.force_login(curator)
    page = client.post(
        reverse("registry:person-new"), {**CARD, "experience_years": "100", "version": 0}
    ).content.decode()
    assert "Человек с такой электронной почтой уже есть в школе." in page
    assert "Убедитесь, что это значение меньше либо равно 70." in page
    assert Person.objects.count() == 1


def test_second_save_of_the_same_card_is_refused(client, school, curator, psychologist):
    person = PersonFactory(
        organization=school,
        **{k: v for k, v in CARD.items() if k in ("last_name", "first_name", "email")},
    )
    started = person.version
    client.force_login(curator)
    client.post(
        reverse("registry:person-edit", args=[person.pk]),
        {**CARD, "subject": "химия", "version": started},
    )
    client.force_login(psychologist)
    page = client.post(
        reverse("registry:person-edit", args=[person.pk]),
        {**CARD, "subject": "физика", "version": started},
    ).content.decode()
    assert str(STALE_CARD) in page
    person.refresh_from_db()
    assert person.subject == "химия" and person.version == started + 1


def test_sensitive_flags_are_edited_only_by_the_curator_and_psychologist(
    client, school, curator, psychologist
):
    student = StudentFactory(organization=school)
    client.force_login(psychologist)
    page = client.get(reverse("registry:person-edit", args=[student.pk])).content.decode()
    assert "Сирота" in page
    data = {
        **CARD,
        "category": "student",
        "email": "",
        "experience_years": "",
        "school_class": "7А",
        "is_orphan": "on",
        "version": student.version,
    }
    client.post(reverse("registry:person-edit", args=[student.pk]), data)
    student.refresh_from_db()
    assert student.is_orphan


def test_director_cannot_edit_cards(client, school, director):
    person = PersonFactory(organization=school)
    client.force_login(director)
    assert client.get(reverse("registry:person-edit", args=[person.pk])).status_code == 403
