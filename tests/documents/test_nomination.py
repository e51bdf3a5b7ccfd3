"""A mentor nominated for an award (seed 002: «представление к награждению ведомственными
наградами, грамотами/благодарственными письмами»): prepared from the mentor's card, listing
every pair and group led under an order and the incentives on record; signed by the director,
numbered as an outgoing letter; refused while the mentor has led nothing under an order."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import services
from documents.models import Document
from registry.models import Incentive
from tests.documents.test_orders import sign, text_of
from tests.mentoring.factories import make_mentor

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2022, 6, 10)


def test_the_curator_nominates_a_mentor_from_the_card_and_the_director_signs(
    client,
    curator,
    director,
    school,
    mentor_with_three,
    the_day_is,
):
    the_day_is(TODAY)
    person = mentor_with_three.person
    person.experience_since = datetime.date(2009, 9, 1)
    person.save()
    Incentive.objects.create(
        mentor=mentor_with_three, kind=Incentive.Kind.AWARD,
        description="Благодарность наставнику № 3", granted_on=datetime.date(2022, 6, 1),
    )  # fmt: skip
    client.force_login(curator)
    card = client.get(reverse("registry:person", args=[person.pk])).text
    link = f"{reverse('documents:new-nomination')}?person={person.pk}"
    assert f'href="{link}"' in card and "Представить к награждению" in card
    form = client.get(link).context["form"]
    assert form.initial["person"] == person.pk
    response = client.post(
        reverse("documents:new-nomination"),
        {
            "person": person.pk,
            "award": "honour",
            "award_of": "Министерства просвещения Российской Федерации",
            "addressee": "Начальнику управления образования администрации г. Хабаровска",
            "merits": "за значительный вклад в реализацию целевой модели наставничества",
            "characteristic": "Наставник трёх молодых учителей.\nДва наставляемых — призёры.",
        },
    )
    nomination = Document.objects.get(kind=Document.Kind.NOMINATION)
    assert response.url == reverse("documents:detail", args=[nomination.pk])
    assert "О представлении к награждению О.И. Фёдоровой" in client.get(response.url).text
    assert nomination.title == "О представлении к награждению О.И. Фёдоровой"
    assert nomination.assignments.count() == 3  # the draft pair is not under an order

    signed = sign(nomination, director, TODAY)
    assert signed.series == Document.Series.LETTER
    assert signed.filename == f"Представление № {signed.number} от 10.06.2022.pdf"
    text = text_of(bytes(signed.pdf))
    for expected in (
        "Начальнику управления образования администрации г. Хабаровска",
        "ПРЕДСТАВЛЕНИЕ к награждению",
        "МБОУ «СШ № 19» представляет к награждению Почётной грамотой Министерства "
        "просвещения Российской Федерации Фёдорову Ольгу Ивановну, учителя математики, за "
        "значительный вклад в реализацию целевой модели наставничества.",
        "1. Фамилия, имя, отчество Фёдорова Ольга Ивановна",
        "3. Педагогический стаж 12,7 года",
        "наставническая пара (форма «учитель – учитель»",
        "Петров П., ",
        "Благодарность наставнику № 3 (01.06.2022)",
        "Наставник трёх молодых учителей.",
        "Два наставляемых — призёры.",
    ):
        assert expected in text, expected
    assert "Черновикова" not in text


def test_a_mentor_with_nothing_under_an_order_is_not_nominated(school, curator):
    mentor = make_mentor(school)
    with pytest.raises(ValidationError) as refused:
        services.document_create_nomination(
            organization=school, by=curator, person=mentor.person, award="letter",
            award_of="управления образования", addressee="Начальнику управления",
            merits="за наставничество", characteristic="", today=TODAY,
        )  # fmt: skip
    assert refused.value.messages == [str(services.NO_ORDERED_PAIRS)]
    assert not Document.objects.exists()
