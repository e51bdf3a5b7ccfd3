"""A closed period reads the same forever: people imported, trained or leaving today do not move
the figures of 2021–22, and an order of 2021 decides on 2021's facts."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents import services
from monitoring.reports.semester import render_report_pdf
from registry.models import Person, TrainingRecord
from tests.documents.factories import DAY, assignment_order, give_basis, pair_awaiting_order
from tests.documents.test_orders import text_of
from tests.factories import StudentFactory
from tests.monitoring.test_rollup import municipality_data  # noqa: F401 - a fixture
from tests.monitoring.test_semester_report import (  # noqa: F401 - a fixture
    known_school,
    teacher_leaves,
)

pytestmark = pytest.mark.django_db

HEADER = "Фамилия;Имя;Отчество;Пол;Категория;Должность;Предмет;Класс;Стаж;Email;Телефон"


def import_ten_teachers_today(tmp_path, school) -> None:
    rows = [
        f"Новенькая{n};Анна;Ивановна;ж;педагог;учитель;химия;;1;new{n}@school.example;"
        for n in range(10)
    ]
    path = tmp_path / "people.csv"
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8-sig")
    call_command("import_people", str(path), "--organization", school.slug, stdout=io.StringIO())
    assert Person.objects.filter(last_name__startswith="Новенькая").count() == 10


def test_importing_teachers_today_leaves_the_2021_report_as_it_was(tmp_path, known_school):  # noqa: F811
    school, year = known_school
    before = text_of(render_report_pdf(school, year, 1))
    assert "10 4 40,0" in before  # teachers on the roll, in the program, percent

    import_ten_teachers_today(tmp_path, school)
    pupil = Person.objects.in_organization(school).students().first()
    pupil.left_on, pupil.left_reason = timezone.localdate(), "перевод в другую школу"
    pupil.save()
    mentor = Person.objects.in_organization(school).filter(mentor_profile__isnull=False).last()
    TrainingRecord.objects.create(
        mentor=mentor.mentor_profile,
        course="Наставничество",
        provider="ИРО",
        hours=36,
        completed_on=timezone.localdate(),
    )

    assert text_of(render_report_pdf(school, year, 1)) == before


def test_importing_teachers_today_leaves_the_2021_rollup_as_it_was(
    tmp_path,
    client,
    municipality_data,  # noqa: F811
    school,
    coordinator,
):
    client.force_login(coordinator)

    def rollup() -> str:
        return text_of(client.get(reverse("monitoring:rollup-pdf"), {"year": 2021}).content)

    before = rollup()
    assert "ИТОГО: 9 1 11,1" in before
    import_ten_teachers_today(tmp_path, school)
    assert rollup() == before


def test_a_teacher_who_left_still_counts_in_the_half_she_worked(known_school):  # noqa: F811
    school, year = known_school
    teacher_leaves(school, datetime.date(2021, 10, 1))
    assert "10 4 40,0" in text_of(render_report_pdf(school, year, 1))
    # … and not in the second half, when she was no longer on the roll.
    second_half = text_of(render_report_pdf(school, year, 2))
    assert "Педагогические работники 9 4 44,4" in second_half
    assert "Мероприятий дорожной карты со сроком в этом полугодии нет." in second_half


def test_an_order_of_2021_treats_a_pupil_who_came_of_age_since_as_the_minor_she_was(
    school, director
):
    school.director = director
    school.save()
    pair = pair_awaiting_order(school)
    pupil = StudentFactory(
        organization=school,
        last_name="Зайцева",
        first_name="Полина",
        middle_name="Львовна",
        birth_date=datetime.date(2004, 3, 1),  # 17 on the order's day, an adult today
    )
    assert pupil.is_minor_on(DAY) and not pupil.is_minor_on(timezone.localdate())
    from registry.models import MenteeProfile

    pair.mentee_links.update(mentee=MenteeProfile.objects.create(person=pupil))
    order = assignment_order(school, [pair])
    missing = {
        p.person.last_name: [str(m) for m in p.missing]
        for p in services.document_missing(order, DAY)
    }
    assert missing["Зайцева"] == ["согласие законного представителя"]
    give_basis(pair, director, DAY)
    services.document_send(document=order, today=DAY)
    signed = services.document_sign(document=order, by=director, today=DAY)
    text = text_of(bytes(signed.pdf))
    assert "согласие законного представителя Зайцевой П.Л." in text
    assert f"обучающаяся {pupil.class_on(DAY)} класса" in text


def test_an_order_is_refused_when_a_consent_was_given_only_after_its_date(school, director):
    school.director = director
    school.save()
    pair = pair_awaiting_order(school)
    give_basis(pair, director, DAY)
    pair.mentees[0].person.consents.update(given_on=DAY + datetime.timedelta(days=1))
    order = assignment_order(school, [pair])
    assert [[str(m) for m in p.missing] for p in services.document_missing(order, DAY)] == [
        [
            "согласие наставляемого на закрепление наставника",
            "согласие на обработку персональных данных",
        ]
    ]
    assert services.document_missing(order, DAY + datetime.timedelta(days=1)) == []
