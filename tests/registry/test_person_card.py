"""A person's card: sensitive flags for the curator and psychologist only, an access-log row
for every opening of a student's card, and who changed what."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import CardView
from tests.factories import PersonFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orphan(school):
    return StudentFactory(
        organization=school, last_name="Котова", first_name="Вера", is_orphan=True
    )


def test_psychologist_sees_sensitive_flags_and_the_opening_is_logged(client, orphan, psychologist):
    client.force_login(psychologist)
    page = client.get(reverse("registry:person", args=[orphan.pk])).content.decode()
    assert "Особые категории" in page and "сирота: да" in page
    assert CardView.objects.filter(person=orphan, viewer=psychologist).count() == 1


def test_director_does_not_see_sensitive_flags_but_is_logged_too(client, orphan, director):
    client.force_login(director)
    page = client.get(reverse("registry:person", args=[orphan.pk])).content.decode()
    assert "Котова Вера" in page
    assert "Особые категории" not in page and "сирота" not in page
    assert CardView.objects.filter(person=orphan, viewer=director).exists()


def test_curator_sees_who_opened_the_card_and_what_changed(client, orphan, curator, director):
    client.force_login(director)
    client.get(reverse("registry:person", args=[orphan.pk]))
    orphan.set_class("8Б", timezone.localdate())
    orphan.save()
    client.force_login(curator)
    page = client.get(reverse("registry:person", args=[orphan.pk])).content.decode()
    assert "Кто открывал карточку" in page and "Иванов" in page
    assert "класс" in page and "карточка создана" in page


def test_opening_a_teachers_card_is_not_logged(client, school, curator):
    teacher = PersonFactory(organization=school)
    client.force_login(curator)
    client.get(reverse("registry:person", args=[teacher.pk]))
    assert not CardView.objects.exists()


def test_teachers_cannot_open_cards(client, orphan, teacher):
    client.force_login(teacher)
    assert client.get(reverse("registry:person", args=[orphan.pk])).status_code == 403
    assert not CardView.objects.exists()
