"""#17: the header's notifications — what each person has to act on, unread until the menu is
opened, unread again when something new comes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from registry.models import PersonCategory
from tests.documents.factories import introduction
from tests.mentoring.factories import make_pair
from tests.monitoring.factories import open_questionnaire
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


def on_signature(organization) -> Document:
    document = introduction(organization)
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.ON_SIGNATURE, sent_at=timezone.now()
    )
    return document


def menu(client) -> str:
    return visible_text(client.get(reverse("notices")).content.decode())


def test_the_director_sees_the_documents_to_sign_unread_until_the_menu_opens(
    client, school, director, other_school
):
    on_signature(school)
    on_signature(school)
    on_signature(other_school)  # another school's desk
    client.force_login(director)
    assert 'hx-get="/notices/"' in client.get(reverse("home")).content.decode()
    shown = menu(client)
    assert "Документы на подпись: 2" in shown and "Уведомления 1 новых" in shown
    assert client.post(reverse("notices-read")).status_code == 204
    assert "новых" not in menu(client) and "Документы на подпись: 2" in menu(client)
    on_signature(school)
    assert "Документы на подпись: 3" in menu(client) and "Уведомления 1 новых" in menu(client)


def test_a_mentor_sees_pairs_without_meetings_and_questionnaires_to_answer(
    client, school, teacher, curator, the_day_is
):
    the_day_is(datetime.date(2021, 11, 15))  # the pairs run
    make_pair(school, mentor=teacher.person.mentor_profile, status="active")
    make_pair(school, status="active")  # someone else's pair
    open_questionnaire(school, audience_category=PersonCategory.TEACHER)
    client.force_login(teacher)
    shown = menu(client)
    assert "Пары и группы без встреч больше 30 дней: 1" in shown
    assert "Анкеты, которые нужно заполнить: 1" in shown
    assert "Документы на подпись" not in shown
    client.force_login(curator)
    assert "Делать сейчас ничего не нужно" in menu(client)
