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


def test_second_save_of_the_same_card_is_refused(client, school, curator):
    from accounts.models import Role
    from tests.factories import MembershipFactory, UserFactory

    colleague = UserFactory(username="second_curator")
    MembershipFactory(user=colleague, organization=school, roles=[Role.CURATOR])
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
    client.force_login(colleague)
    page = client.post(
        reverse("registry:person-edit", args=[person.pk]),
        {**CARD, "subject": "физика", "version": started},
    ).content.decode()
    assert str(STALE_CARD) in page
    person.refresh_from_db()
    assert person.subject == "химия" and person.version == started + 1


def test_the_psychologist_edits_a_pupils_flags_and_nothing_else_of_the_card(
    client, school, curator, psychologist
):
    """#24: the psychologist's part of a card is the pupil's sensitive flags; names, e-mail,
    dates and contract, and new cards, are the curator's."""
    student = StudentFactory(organization=school, last_name="Орлова")
    client.force_login(psychologist)
    card = client.get(reverse("registry:person", args=[student.pk])).content.decode()
    assert reverse("registry:person-flags", args=[student.pk]) in card
    assert reverse("registry:person-edit", args=[student.pk]) not in card
    page = client.get(reverse("registry:person-flags", args=[student.pk])).content.decode()
    assert "Сирота" in page and "Фамилия" not in page
    client.post(
        reverse("registry:person-flags", args=[student.pk]),
        {"is_orphan": "on", "last_name": "Подменённая", "version": student.version},
    )
    student.refresh_from_db()
    assert student.is_orphan and student.last_name == "Орлова"
    edit = {**CARD, "category": "student", "email": "", "version": student.version}
    response = client.post(reverse("registry:person-edit", args=[student.pk]), edit)
    assert response.status_code == 403
    assert client.post(reverse("registry:person-new"), {**CARD, "version": 0}).status_code == 403
    teacher_card = PersonFactory(organization=school)
    url = reverse("registry:person-flags", args=[teacher_card.pk])
    assert client.get(url).status_code == 404  # flags are pupils' only


def test_director_cannot_edit_cards(client, school, director):
    person = PersonFactory(organization=school)
    client.force_login(director)
    assert client.get(reverse("registry:person-edit", args=[person.pk])).status_code == 403
