"""Consent forms printed for signing by hand, and the personal plan as PDF."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from mentoring.services import plan_create_from_template
from registry.models import Consent
from tests.documents.test_orders import text_of
from tests.factories import ConsentFactory, MenteeProfileFactory, StudentFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021

pytestmark = pytest.mark.django_db


def test_mentee_consent_names_the_mentor_in_the_genitive(client, school, curator):
    year_2021()
    mentor = make_mentor(school, last_name="Фёдорова", first_name="Ольга", middle_name="Николаевна")
    mentee = make_mentee(
        school, last_name="Соловьёв", first_name="Артём", middle_name="Дмитриевич", gender="m"
    )
    make_pair(school, mentor=mentor, mentee=mentee)
    client.force_login(curator)
    page = client.get(reverse("documents:person-forms", args=[mentee.person.pk])).content.decode()
    assert "согласие наставляемого на закрепление наставника" in page.lower()
    response = client.get(reverse("documents:person-form", args=[mentee.person.pk, "mentee"]))
    text = text_of(response.content)
    assert "Настоящим я, Соловьёв Артём Дмитриевич" in text
    assert "в качестве наставника Фёдоровой Ольги Николаевны" in text
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_representative_consent_for_a_minor(client, school, curator):
    child = StudentFactory(
        organization=school,
        last_name="Зайцев",
        first_name="Павел",
        middle_name="Львович",
        gender="m",
        birth_date=datetime.date(2012, 1, 5),
    )
    MenteeProfileFactory(person=child)
    ConsentFactory(
        person=child,
        kind=Consent.Kind.REPRESENTATIVE,
        representative_name="Зайцева Ольга Ивановна",
        representative_relation="мать",
    )
    client.force_login(curator)
    text = text_of(
        client.get(reverse("documents:person-form", args=[child.pk, "representative"])).content
    )
    assert "Я, Зайцева Ольга Ивановна, паспорт:" in text
    assert "являясь законным представителем (мать) несовершеннолетнего Зайцева Павла" in text
    assert "даю согласие на его участие в программе наставничества" in text


def test_a_form_that_does_not_fit_the_person_is_404(client, school, curator):
    adult = make_mentor(school).person
    client.force_login(curator)
    assert (
        client.get(reverse("documents:person-form", args=[adult.pk, "representative"])).status_code
        == 404
    )


def test_personal_plan_pdf_has_its_tasks_and_events(client, school, curator, teacher):
    year_2021()
    pair = make_pair(school, mentor=teacher.person.mentor_profile)
    plan = plan_create_from_template(assignment=pair)
    first = plan.tasks.first().events.first()
    first.done_on = datetime.date(2021, 10, 1)
    first.save()
    client.force_login(teacher)
    text = text_of(client.get(reverse("documents:plan", args=[pair.pk])).content)
    assert "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in text
    assert "по развитию профессиональных навыков молодого специалиста" in text
    assert "Задача 1." in text and "выполнено 01.10.2021" in text
    assert "Фёдорова Ольга Николаевна" in text


def test_a_minor_signs_nothing_and_an_employer_mentor_gets_a_participation_consent(school):
    from documents.printables import forms_for
    from tests.factories import MentorProfileFactory, PersonFactory

    day = datetime.date(2021, 9, 1)
    child = StudentFactory(organization=school, birth_date=datetime.date(2010, 1, 1))
    MenteeProfileFactory(person=child)
    assert [k for k, _ in forms_for(child, day)] == [Consent.Kind.REPRESENTATIVE]
    engineer = PersonFactory(organization=school, category="employer", position="инженер")
    MentorProfileFactory(person=engineer, forms=["employer-student"])
    assert [k for k, _ in forms_for(engineer, day)] == [
        Consent.Kind.PERSONAL_DATA,
        Consent.Kind.PARTICIPATION,
    ]


def test_mentee_consent_is_for_the_pairs_dates_and_declines_the_pupils_gender(
    client, school, curator
):
    year_2021()
    mentor = make_mentor(school, last_name="Фёдорова", first_name="Ольга", middle_name="Николаевна")
    mentee = make_mentee(school, last_name="Гусева", first_name="Ирина", middle_name="Ильинична")
    pair = make_pair(school, mentor=mentor, mentee=mentee)
    client.force_login(curator)
    text = text_of(
        client.get(reverse("documents:person-form", args=[mentee.person.pk, "mentee"])).content
    )
    assert "Директору МБОУ «СШ № 19»" in text
    assert "от Гусевой Ирины Ильиничны, учителя МБОУ «СШ № 19»" in text
    period = f"с «{pair.starts_on:%d}» сентября 2021 г. по «{pair.ends_on:%d}» мая 2022 г."
    assert f"закрепление за мной {period}" in text
    assert "Фёдоровой Ольги Николаевны, учителя МБОУ «СШ № 19»" in text
    # seed 002's table: № / Вид наставничества / Ожидаемый результат / Условия / Сроки
    assert "следующего вида наставничества: № п/п" in text and "Условия Сроки 1." in text
