"""#17, 152-ФЗ: the personal data of people who left is removed after the term the school sets
when no consent of theirs is in force — by the same daily command and deletion act as a
withdrawal — and «Состояние программы» names who is next."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.periods import years_before
from registry.models import Consent, DeletionAct, Person
from tests.factories import ConsentFactory, PersonFactory
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


def left(school, name: str, on: datetime.date, consent_until: datetime.date | None = None):
    person = PersonFactory(organization=school, last_name=name, left_on=on)
    ConsentFactory(
        person=person,
        kind=Consent.Kind.PERSONAL_DATA,
        given_on=on - datetime.timedelta(days=400),
        valid_until=consent_until or on,
    )
    return person


def test_the_term_after_leaving_runs_out_and_the_card_is_made_nameless(school):
    today = timezone.localdate()
    term = school.retention_years
    due = left(school, "Давнишняя", years_before(today, term) - datetime.timedelta(days=1))
    recent = left(school, "Недавняя", years_before(today, term - 1))
    keeps_consent = left(
        school,
        "Согласная",
        years_before(today, term + 1),
        consent_until=today + datetime.timedelta(days=90),
    )
    out = io.StringIO()
    call_command("purge_withdrawn_consents", stdout=out)
    assert "по истечении срока хранения: 1" in out.getvalue()
    assert Person.objects.get(pk=due.pk).last_name.startswith("Обезличено")
    assert Person.objects.get(pk=recent.pk).last_name == "Недавняя"
    assert Person.objects.get(pk=keeps_consent.pk).last_name == "Согласная"
    act = DeletionAct.objects.get(person=due)
    assert "истёк срок хранения" in act.basis and f"срок {term} лет" in act.basis
    call_command("purge_withdrawn_consents", stdout=io.StringIO())
    assert DeletionAct.objects.count() == 1  # once


def test_the_health_page_names_who_is_made_nameless_next(client, school, curator):
    today = timezone.localdate()
    term = school.retention_years
    soon = left(school, "Скорова", years_before(today, term) + datetime.timedelta(days=20))
    left(school, "Нескорова", years_before(today, term) + datetime.timedelta(days=60))
    client.force_login(curator)
    page = visible_text(client.get(reverse("monitoring:health")).content.decode())
    assert "Персональные данные выбывших, которые будут обезличены в ближайшие 30 дней" in page
    assert soon.short_name in page and "Нескорова" not in page


def test_the_school_sets_its_term(client, school, director):
    client.force_login(director)
    data = {
        "full_name": school.full_name, "short_name": school.short_name, "address": "",
        "locality": "", "director": director.pk, "signature": "electronic",
        "retention_years": "3",
    }  # fmt: skip
    client.post(reverse("organization"), data)
    school.refresh_from_db()
    assert school.retention_years == 3
    refused = client.post(reverse("organization"), {**data, "retention_years": "0"})
    assert "Убедитесь, что это значение больше либо равно 1." in refused.content.decode()
