"""Agreements on cooperation in mentoring with a partner organisation (seed 002 asks for them
in «студент – ученик», «работодатель – ученик» and network forms): both parties' requisites,
subject, duties and term, the partner's mentors named; signed by hand by both heads; the
assignment order's «Основание» cites it for a partner's mentor."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import services
from documents.models import Document
from mentoring.models import AssignmentStatus
from mentoring.services import assignment_create
from registry.models import MentoringForm, PersonCategory
from tests.documents.factories import DAY, give_basis
from tests.documents.test_orders import sign, text_of
from tests.factories import StudentFactory
from tests.mentoring.factories import make_mentee, make_mentor, year_2021

pytestmark = pytest.mark.django_db

PARTNER = {
    "partner_kind": "employer",
    "name": 'Акционерное общество "Горэлектросеть"',
    "short": 'АО "Горэлектросеть"',
    "head": "Соколов Андрей Петрович",
    "head_position": "генеральный директор",
    "basis": "Устав",
    "address": "680000, г. Хабаровск, ул. Промышленная, д. 3",
    "inn": "2721000001",
    "phone": "+7 4212 00-00-00",
    "starts_on": "2021-09-01",
    "ends_on": "2022-06-30",
}


@pytest.fixture
def engineer(school, director):
    school.director = director
    school.save()
    return make_mentor(
        school, forms=("employer-student",), category=PersonCategory.EMPLOYER,
        last_name="Кравцов", first_name="Олег", middle_name="Игоревич", gender="m",
        position="инженер", employer_name='АО "Горэлектросеть"',
    )  # fmt: skip


def test_the_curator_prepares_an_agreement_and_the_order_cites_it(
    client, school, curator, director, engineer
):
    client.force_login(curator)
    assert (
        "Соглашение о сотрудничестве с организацией" in client.get(reverse("documents:list")).text
    )
    form = client.get(reverse("documents:new-cooperation")).context["form"]
    assert list(form.fields["mentors"].queryset) == [engineer.person]  # no school teacher
    employer_student = MentoringForm.objects.get(code="employer-student")
    response = client.post(
        reverse("documents:new-cooperation"),
        {**PARTNER, "mentoring_forms": [employer_student.pk], "mentors": [engineer.person.pk]},
    )
    agreement = Document.objects.get(kind=Document.Kind.COOPERATION)
    assert response.url == reverse("documents:detail", args=[agreement.pk])
    assert 'с АО "Горэлектросеть"' in client.get(response.url).text.replace("&quot;", '"')
    signed = sign(agreement, director, DAY)
    assert not signed.signed_electronically  # the partner's head signs by hand too
    assert signed.series == Document.Series.CONTRACT
    assert signed.filename == f"Соглашение о сотрудничестве № {signed.number} от 01.09.2021.pdf"
    text = text_of(bytes(signed.pdf))
    for expected in (
        f"СОГЛАШЕНИЕ № {signed.number} о сотрудничестве в реализации целевой модели наставничества",
        "в дальнейшем «Школа», в лице директора Иванова Ивана Ивановича, действующего на "
        "основании Устава",
        "Акционерное общество «Горэлектросеть», именуемое в дальнейшем «Партнёр», в лице "
        "генерального директора Соколова Андрея Петровича, действующего на основании Устава",
        "в формах «работодатель – ученик»: работники Партнёра выступают наставниками",
        "1) Кравцов Олег Игоревич, инженер АО «Горэлектросеть».",
        "Соглашение действует с «01» сентября 2021 г. по «30» июня 2022 г.",
        "ИНН: 2721000001",
        "Генеральный директор ____________ А.П. Соколов",
    ):
        assert expected in text, expected

    pair = assignment_create(
        organization=school,
        academic_year=year_2021(),
        form=employer_student,
        mentors=[engineer],
        mentees=[make_mentee(school, category=PersonCategory.STUDENT, last_name="Гусев")],
        starts_on=DAY,
        ends_on=datetime.date(2022, 5, 31),
    )
    type(pair).objects.filter(pk=pair.pk).update(status=AssignmentStatus.AWAITING_ORDER)
    pair.refresh_from_db()
    pair.mentee_links.update(in_preparation=True)
    give_basis(pair, director, DAY)
    order = services.document_create_assignment_order(
        organization=school, by=curator, assignments=[pair], controller=None
    )
    order_text = text_of(bytes(sign(order, director, DAY).pdf))
    assert (
        f"соглашение о сотрудничестве с АО «Горэлектросеть» от 01.09.2021 № {signed.number}."
        in order_text
    )


def test_a_school_teacher_is_not_a_partners_mentor_and_a_partner_needs_its_head(
    school, curator, engineer
):
    teacher = make_mentor(school, last_name="Свой")
    base = {
        "organization": school, "by": curator, "partner_kind": "employer", "forms": [],
        "starts_on": DAY, "ends_on": datetime.date(2022, 6, 30),
    }  # fmt: skip
    partner = {"name": "АО Горэлектросеть", "head": "Соколов Андрей Петрович"}
    with pytest.raises(ValidationError) as refused:
        services.document_create_cooperation(**base, partner=partner, mentors=[teacher.person])
    assert refused.value.messages == [
        str(services.COOPERATION_MENTOR_INSIDE) % {"name": teacher.person.short_name}
    ]
    with pytest.raises(ValidationError) as refused:
        services.document_create_cooperation(
            **base, partner={"name": "АО Горэлектросеть"}, mentors=[engineer.person]
        )
    assert refused.value.messages == [str(services.PARTNER_REQUIRED)]
    pupil = StudentFactory(organization=school)
    with pytest.raises(ValidationError):
        services.document_create_cooperation(**base, partner=partner, mentors=[pupil])
    assert not Document.objects.exists()
