"""The school's personal-data policy and the consent texts, from the school's own details."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.documents.test_orders import text_of
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_school_prints_its_personal_data_policy_from_its_details(client, school, director):
    school.address = "680000, г. Хабаровск, ул. Школьная, д. 19"
    school.director = director
    school.retention_years = 3
    school.save()
    client.force_login(director)
    page = client.get(reverse("organization")).content.decode()
    assert reverse("documents:privacy-policy") in page
    text = text_of(client.get(reverse("documents:privacy-policy")).content)
    assert "ПОЛИТИКА обработки персональных данных участников программы наставничества" in text
    assert "частью 2 статьи 18.1 Федерального закона от 27.07.2006 № 152-ФЗ" in text.replace(
        "‑", "-"
    )
    assert f"Оператор персональных данных — {school.full_name}" in text
    assert "адрес: 680000, г. Хабаровск, ул. Школьная, д. 19" in text
    assert "директор Иванов Иван" in text and "И.И. Иванов" in text
    assert "по истечении 3 лет после выбытия" in text
    assert "не превышающий 30 дней" in text
    assert "в течение 10 рабочих дней" in text
    assert "Законные представители несовершеннолетних" in text


def test_a_school_with_one_year_of_retention_reads_in_the_singular(client, school, curator):
    school.retention_years = 1
    school.save()
    client.force_login(curator)
    text = text_of(client.get(reverse("documents:privacy-policy")).content)
    assert "по истечении 1 года после выбытия" in text


def test_the_consent_names_the_operators_address_and_what_is_done_with_the_data(
    client, school, curator
):
    school.address = "680000, г. Хабаровск, ул. Школьная, д. 19"
    school.save()
    person = PersonFactory(organization=school)
    client.force_login(curator)
    text = text_of(
        client.get(reverse("documents:person-form", args=[person.pk, "personal_data"])).content
    )
    assert "(адрес: 680000, г. Хабаровск, ул. Школьная, д. 19)" in text
    assert "сбор, запись, систематизация, накопление, хранение" in text
