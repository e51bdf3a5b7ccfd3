"""152-ФЗ ст. 14: a data subject's request is answered by a letter with the items of ч. 7 —
prepared with the request, signed through the usual flow, numbered in the outgoing letters'
journal, the package of the subject's data its annex."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from documents import services
from documents.models import Document
from privacy.models import SubjectRequest
from tests.documents.test_orders import sign, text_of
from tests.factories import PersonFactory, StudentFactory

pytestmark = pytest.mark.django_db

RECEIVED = datetime.date(2021, 11, 8)
TODAY = datetime.date(2021, 11, 10)


@pytest.fixture
def headed(school, director):
    school.director = director
    school.address = "680000, г. Хабаровск, ул. Школьная, д. 19"
    school.save()
    return school


def ask(client, person, requested_by, address=""):
    response = client.post(
        reverse("privacy:subject-request", args=[person.pk]),
        {"received_on": RECEIVED.isoformat(), "requested_by": requested_by, "address": address},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return SubjectRequest.objects.get(person=person)


def test_a_request_brings_a_reply_letter_the_director_signs(
    client, headed, curator, director, the_day_is
):
    the_day_is(TODAY)
    teacher = PersonFactory(
        organization=headed, last_name="Фёдорова", first_name="Ольга", middle_name="Николаевна",
        gender="f",
    )  # fmt: skip
    client.force_login(curator)
    request = ask(
        client, teacher, "Фёдорова Ольга Николаевна", "680001, г. Хабаровск, ул. Лесная, 5"
    )
    letter = request.reply
    assert letter.kind == Document.Kind.SUBJECT_REPLY and letter.status == Document.Status.DRAFT
    assert letter.person == teacher
    page = client.get(reverse("privacy:subject-request", args=[teacher.pk])).text
    assert f'href="{reverse("documents:detail", args=[letter.pk])}">черновик</a>' in page
    assert "Об обработке персональных данных" in client.get(letter.get_absolute_url()).text

    signed = sign(letter, director, TODAY)
    assert signed.series == Document.Series.LETTER and signed.number == 1
    assert signed.filename == "Письмо № 1 от 10.11.2021.pdf"
    text = text_of(bytes(signed.pdf))
    for expected in (
        "Фёдоровой Ольге Николаевне",
        "680001, г. Хабаровск, ул. Лесная, 5",
        "«10» ноября 2021 г. № 1",
        "на № б/н от 08.11.2021",
        "Уважаемая Ольга Николаевна!",
        "В ответ на Ваш запрос от 08.11.2021 в соответствии с частью 7 статьи 14",
        "1. Оператор обрабатывает Ваши персональные данные: фамилия, имя, отчество; пол;",
        "Источник их получения — Вы сами",
        "Трудовой кодекс Российской Федерации",
        "Трансграничная передача персональных данных не осуществляется",
        "после выбытия — 5 лет",
        "Приложение: сведения о субъекте персональных данных, подготовленные 10.11.2021",
    ):
        assert expected in text, expected
    page = client.get(reverse("privacy:subject-request", args=[teacher.pk])).text
    assert "исх. № 1 от 10.11.2021" in page


def test_a_representatives_request_speaks_of_the_child_and_cites_the_adopted_policy(
    client, headed, curator, director, the_day_is
):
    the_day_is(TODAY)
    deputy = PersonFactory(
        organization=headed, last_name="Петрова", first_name="Анна", middle_name="Сергеевна",
        gender="f", position="заместитель директора",
    )  # fmt: skip
    policy = sign(
        services.document_create_local_acts(
            organization=headed, by=curator, acts=["privacy"], responsible=deputy, today=TODAY
        ),
        director,
        TODAY,
    )
    pupil = StudentFactory(
        organization=headed, last_name="Гусев", first_name="Иван", middle_name="Ильич", gender="m"
    )
    client.force_login(curator)
    letter = ask(client, pupil, "Гусева Мария Петровна").reply
    text = text_of(bytes(sign(letter, director, TODAY).pdf))
    for expected in (
        "Гусевой Марии Петровне",
        "Уважаемая Мария Петровна!",
        "обрабатывает персональные данные Гусева Ивана Ильича, законным представителем "
        "которого Вы являетесь: фамилия, имя, отчество; пол; дата рождения; класс;",
        "Источник их получения — Вы как законный представитель",
        "Политика обработки персональных данных утверждена приказом от «10» ноября 2021 г. "
        f"№ {policy.number}",
        "ответственный за организацию обработки персональных данных — заместитель директора "
        "А.С. Петрова",
        "составленных только в отношении Гусева Ивана Ильича",
    ):
        assert expected in text, expected
    assert "Трудовой кодекс" not in text
