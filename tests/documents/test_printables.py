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
    pair = make_pair(school, mentor=mentor, mentee=mentee)
    client.force_login(curator)
    page = client.get(reverse("documents:person-forms", args=[mentee.person.pk])).content.decode()
    assert "согласие наставляемого на закрепление наставника" in page.lower()
    link = reverse("documents:person-form", args=[mentee.person.pk, "mentee"])
    assert f"{link}?assignment={pair.pk}" in page  # a blank for the pair chosen on the card
    response = client.get(link, {"assignment": pair.pk})
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
    # #25: the representative declined in the header, the relation as the law's role, and
    # the items of 152-ФЗ ст. 9 ч. 4: addresses, identity documents, the authority, the term
    assert "от Зайцевой Ольги Ивановны Согласие законного представителя" in text
    assert "Я, Зайцева Ольга Ивановна, проживающая по адресу: ____" in text
    assert "паспорт: серия ______ № __________, выдан ____" in text
    assert (
        "являясь матерью (законным представителем) несовершеннолетнего Зайцева Павла Львовича"
        in text
    )
    assert "дата рождения «05» января 2012 г., проживающего по адресу: ____" in text
    assert "свидетельство о рождении (паспорт): серия ______" in text
    assert "на основании ____" in text and "(документ, подтверждающий полномочия" in text
    assert "даю согласие на его участие в программе наставничества" in text
    assert "даю согласие оператору — муниципальному" in text
    assert "Согласие действует с «" in text
    assert "уничтожаются в срок, не превышающий 30 дней" in text


@pytest.mark.parametrize(
    "relation, name, expected",
    [
        ("отец", "Зайцев Лев Петрович", "от Зайцева Льва Петровича"),
        ("Опекун", "Ким Елена Борисовна", "являясь опекуном (законным представителем)"),
        ("тётя", "Павлова Нина Ивановна", "законным представителем (тётя)"),
        ("", "Павлова Нина Ивановна", "проживающая по адресу"),
    ],
)
def test_a_representative_is_named_by_the_relation_and_the_gender_the_name_tells(
    school, relation, name, expected
):
    from documents.printables import person_form_pdf

    child = StudentFactory(organization=school, gender="f", birth_date=datetime.date(2012, 1, 5))
    ConsentFactory(
        person=child,
        kind=Consent.Kind.REPRESENTATIVE,
        representative_name=name,
        representative_relation=relation,
    )
    text = text_of(person_form_pdf(child, Consent.Kind.REPRESENTATIVE, datetime.date(2021, 9, 1)))
    assert expected in text


def test_a_pupil_coming_of_age_in_the_pair_signs_from_the_birthday_the_representative_before(
    school,
):
    """#24/#25: the representative's consent covers the pair up to the day before the 18th
    birthday; the pupil's own personal-data consent starts on it."""
    from documents.printables import person_form_pdf

    pair = make_pair(school)
    pupil = StudentFactory(organization=school, gender="f", birth_date=datetime.date(2004, 1, 15))
    text = text_of(person_form_pdf(pupil, Consent.Kind.REPRESENTATIVE, pair.starts_on, [pair]))
    assert (
        "Согласие действует с «01» сентября 2021 г. по «14» января 2022 г., до достижения ею "
        "совершеннолетия." in text
    )
    text = text_of(
        person_form_pdf(pupil, Consent.Kind.PERSONAL_DATA, datetime.date(2022, 1, 15), [pair])
    )
    assert "Согласие действует с «15» января 2022 г. до окончания моего участия" in text


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
        client.get(
            reverse("documents:person-form", args=[mentee.person.pk, "mentee"]),
            {"assignment": pair.pk},
        ).content
    )
    assert "Директору МБОУ «СШ № 19»" in text
    assert "от Гусевой Ирины Ильиничны, учителя МБОУ «СШ № 19»" in text
    period = f"с «{pair.starts_on:%d}» сентября 2021 г. по «{pair.ends_on:%d}» мая 2022 г."
    assert f"закрепление за мной {period}" in text
    assert "Фёдоровой Ольги Николаевны, учителя МБОУ «СШ № 19»" in text
    # seed 002's table: № / Вид наставничества / Ожидаемый результат / Условия / Сроки
    assert "следующего вида наставничества: № п/п" in text and "Условия Сроки 1." in text


def test_a_blank_printed_for_an_order_is_about_that_orders_pair(
    client, school, curator, the_day_is
):
    """#24: the mentee has a pair running now (with Фёдорова) and the next one in a draft
    order (with Лебедева, from 10.01.2022): the order's blanks name the order's pair and its
    dates, whatever runs by the dates; the card's blank is for the pair chosen."""
    from mentoring.models import Assignment, AssignmentStatus
    from mentoring.services import assignment_create
    from registry.models import MentoringForm
    from tests.documents.factories import assignment_order

    the_day_is(datetime.date(2021, 12, 1))
    year_2021()
    mentee = make_mentee(school, last_name="Гусева", first_name="Ирина", middle_name="Ильинична")
    running = make_pair(school, mentee=mentee, status=AssignmentStatus.ACTIVE,
                        mentor=make_mentor(school, last_name="Фёдорова", first_name="Ольга",
                                           middle_name="Николаевна"))  # fmt: skip
    Assignment.objects.filter(pk=running.pk).update(ends_on=datetime.date(2021, 12, 31))
    next_mentor = make_mentor(
        school, last_name="Лебедева", first_name="Анна", middle_name="Юрьевна"
    )
    later = assignment_create(
        organization=school, academic_year=year_2021(),
        form=MentoringForm.objects.get(code="teacher-teacher"), mentors=[next_mentor],
        mentees=[mentee], starts_on=datetime.date(2022, 1, 10), ends_on=datetime.date(2022, 5, 31),
    )  # fmt: skip
    Assignment.objects.filter(pk=later.pk).update(status=AssignmentStatus.AWAITING_ORDER)
    order = assignment_order(school, [later])
    client.force_login(curator)
    detail = client.get(reverse("documents:detail", args=[order.pk])).content.decode()
    link = reverse("documents:person-form", args=[mentee.person.pk, "mentee"])
    assert f"{link}?order={order.pk}" in detail
    text = text_of(client.get(link, {"order": order.pk}).content)
    assert "Лебедевой Анны Юрьевны" in text and "Фёдоровой" not in text
    assert "с «10» января 2022 г. по «31» мая 2022 г." in text
    blanks = text_of(client.get(reverse("documents:package-blanks", args=[order.pk])).content)
    assert "Лебедевой Анны Юрьевны" in blanks and "Фёдоровой" not in blanks
    chosen = text_of(client.get(link, {"assignment": running.pk}).content)
    assert "Фёдоровой Ольги Николаевны" in chosen and "Лебедевой" not in chosen


def test_a_mentors_consent_to_extra_work_is_the_mentors_side_and_then_the_agreements_words(
    school, director
):
    """#25: the consent names the work with the mentees («совместная работа с наставляемыми»,
    never the mentee's «встречи с наставником») and the result for them; once an agreement is
    prepared for the period, the consent's table is the agreement's, word for word."""
    from documents.printables import person_form_pdf
    from tests.documents.factories import signed_agreement

    school.director = director
    school.save()
    pair = make_pair(school)
    mentor = pair.mentors[0].person
    day = datetime.date(2021, 8, 31)
    text = text_of(person_form_pdf(mentor, Consent.Kind.MENTOR_WORK, day, [pair]))
    assert "Наставничество (форма «учитель – учитель»): совместная работа с наставляемыми" in text
    assert "Профессиональная адаптация наставляемых, освоение ими профессиональных" in text
    assert "Встречи с наставником" not in text
    assert "1 наставляемый" in text and "________ рублей в месяц" in text

    agreement = signed_agreement(mentor, director)
    text = text_of(person_form_pdf(mentor, Consent.Kind.MENTOR_WORK, day, [pair]))
    p = agreement.params
    row = f"1. {p['duties']} {p['expected']} {p['volume']} "
    assert row in text, text
    assert "совместная работа с наставляемыми" not in text
    assert "3 000 (три тысячи) рублей 00 копеек в месяц" in text


def test_a_consent_on_the_card_has_its_withdrawal_blank(client, school, curator, director):
    """#25: «Заявление об отзыве согласия» from the card: the person (or the representative
    who gave it) withdraws that consent by its kind and date and asks for destruction under
    ст. 21 ч. 5; a mentor's consent to extra work is ended by refusing the work (ст. 60.2)."""
    school.director = director
    school.save()
    child = StudentFactory(
        organization=school, last_name="Зайцева", first_name="Алла", middle_name="Львовна",
        gender="f", birth_date=datetime.date(2012, 1, 5),
    )  # fmt: skip
    given = ConsentFactory(
        person=child, kind=Consent.Kind.REPRESENTATIVE, given_on=datetime.date(2021, 8, 30),
        representative_name="Зайцев Лев Петрович", representative_relation="отец",
    )  # fmt: skip
    client.force_login(curator)
    card = client.get(reverse("registry:person", args=[child.pk])).content.decode()
    link = reverse("documents:consent-withdrawal", args=[given.pk])
    assert f'href="{link}"' in card
    text = text_of(client.get(link).content)
    assert "от Зайцева Льва Петровича Заявление об отзыве согласия" in text
    assert (
        "Я, Зайцев Лев Петрович, являясь отцом (законным представителем) несовершеннолетней "
        "Зайцевой Аллы Львовны" in text
    )
    assert "отзываю согласие законного представителя от «30» августа 2021 г." in text
    assert "Прошу прекратить обработку её персональных данных" in text
    assert "уничтожить их в срок, не превышающий 30 дней" in text
    assert "(дата)" in text

    mentor = make_mentor(school, last_name="Фёдорова", first_name="Ольга", middle_name="Ивановна")
    work = ConsentFactory(person=mentor.person, kind=Consent.Kind.MENTOR_WORK)
    text = text_of(client.get(reverse("documents:consent-withdrawal", args=[work.pk])).content)
    assert "Заявление об отказе от выполнения дополнительной работы" in text
    assert "частью 4 статьи 60.2 Трудового кодекса" in text and "дала согласие" in text

    # a withdrawn consent has no blank left to print
    given.withdrawn_on = datetime.date(2022, 1, 10)
    given.save()
    assert client.get(link).status_code == 404
    assert (
        f'href="{link}"'
        not in client.get(reverse("registry:person", args=[child.pk])).content.decode()
    )


def test_a_groups_plan_speaks_of_its_mentees_in_the_plural_and_their_representatives_sign_it(
    db,
):
    """#25: a group's plan from the template says «обучающимся», «обучающихся»; each minor
    mentee's representative acknowledges the program («С программой ознакомлена законный
    представитель наставляемой …»), named from the consent on file, else a line to fill."""
    from documents.printables import plan_pdf
    from tests.documents import golden_school

    school = golden_school.build()
    group = golden_school.plan_for(school)
    pupil = school.pupil
    ConsentFactory(
        person=pupil, kind=Consent.Kind.REPRESENTATIVE, given_on=datetime.date(2021, 8, 27),
        representative_name="Алексеева Ольга Петровна", representative_relation="мать",
    )  # fmt: skip
    text = text_of(plan_pdf(group))
    assert "Помочь обучающимся раскрыть способности" in text
    assert "Знакомство и наблюдение за адаптацией обучающихся" in text
    assert "обучающемуся" not in text and "обучающегося" not in text
    assert (
        "С программой ознакомлена законный представитель наставляемой Алексеевой Ж.С. "
        "О.П. Алексеева" in text
    )
    others = [m.person for m in group.mentees if m.person != pupil]
    whose = "наставляемого" if others[0].gender == "m" else "наставляемой"
    assert f"С программой ознакомлен(а) законный представитель {whose}" in text

    pair = make_pair(school.org)
    plan = plan_create_from_template(assignment=pair)
    assert "молодому специалисту" in plan.goal  # one mentee: the singular
