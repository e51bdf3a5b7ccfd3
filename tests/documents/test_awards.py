"""«Благодарность наставнику» and the certificate of participation: prepared by the curator
from the mentor's card, signed by the director, numbered in their own journal, listed among
the mentor's incentives."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import services
from documents.models import Document
from registry.models import Incentive
from tests.documents.test_orders import text_of
from tests.mentoring.factories import make_mentor

pytestmark = pytest.mark.django_db

SIGNED_ON = datetime.date(2022, 6, 10)
PERIOD = {"starts_on": "2021-09-01", "ends_on": "2022-05-31"}


def test_the_curator_prepares_a_thanks_from_the_card_and_the_director_signs_it(
    client, curator, director, school, mentor_with_three
):
    person = mentor_with_three.person
    client.force_login(curator)
    card = client.get(reverse("registry:person", args=[person.pk])).content.decode()
    link = f"{reverse('documents:new-award')}?person={person.pk}"
    assert link.replace("&", "&amp;") in card or link in card
    form = client.get(link).content.decode()
    assert f'<option value="{person.pk}" selected>' in form
    # the year of the mentor's latest pair, not this year in which they have none
    assert 'value="2021-09-01"' in form and 'value="2022-05-31"' in form
    response = client.post(
        reverse("documents:new-award"),
        {"kind": Document.Kind.THANKS, "person": person.pk, **PERIOD, "thanks_for": ""},
    )
    document = Document.objects.get(kind=Document.Kind.THANKS)
    assert response.url == reverse("documents:detail", args=[document.pk])
    assert document.series == Document.Series.AWARD and document.person == person
    assert document.assignments.count() == 3  # the draft pair never worked
    detail = client.get(response.url).content.decode()
    assert "Пары и группы в документе" in detail and "в приказе" not in detail

    draft = text_of(services.document_preview(document, SIGNED_ON))
    assert "БЛАГОДАРНОСТЬ" in draft
    assert "выражает благодарность Фёдоровой Ольге Ивановне, учителю математики, за " in draft
    assert "профессионализм, терпение и личный вклад в развитие наставляемых" in draft
    for name in ("Петров П.", "Сомова А.", "Лисин О."):
        assert name in draft
    assert "Черновикова" not in draft

    services.document_send(document=document, today=SIGNED_ON)
    signed = services.document_sign(document=document, by=director, today=SIGNED_ON)
    assert signed.number == 1 and signed.status == Document.Status.SIGNED
    # #25: the date and the register number under the school's name, as a letter has them
    assert "БЛАГОДАРНОСТЬ" in text_of(bytes(signed.pdf)).split("«10» июня 2022 г. № 1 ")[1]
    incentive = Incentive.objects.get(mentor=mentor_with_three)
    assert incentive.kind == Incentive.Kind.AWARD and incentive.granted_on == SIGNED_ON
    assert incentive.description == "Благодарность наставнику от 10.06.2022 № 1"
    card = client.get(reverse("registry:person", args=[person.pk])).content.decode()
    assert "Благодарность наставнику от 10.06.2022 № 1" in card


def test_awards_have_their_own_journal(school, director, mentor_with_three, curator):
    """The thanks journal starts at 1 whatever the orders' journal has reached."""
    from tests.documents.factories import introduction

    order = services.document_send(document=introduction(school), today=SIGNED_ON)
    assert services.document_sign(document=order, by=director, today=SIGNED_ON).number == 1
    numbers = []
    for kind in (Document.Kind.CERTIFICATE, Document.Kind.THANKS):
        award = services.document_create_award(
            organization=school, by=curator, kind=kind, person=mentor_with_three.person,
            starts_on=datetime.date(2021, 9, 1), ends_on=datetime.date(2022, 5, 31),
            today=SIGNED_ON,
        )  # fmt: skip
        services.document_send(document=award, today=SIGNED_ON)
        numbers.append(services.document_sign(document=award, by=director, today=SIGNED_ON))
    assert [d.number for d in numbers] == [1, 2]
    assert numbers[0].filename == "Сертификат № 1 от 10.06.2022.pdf"


def test_the_certificate_reads_in_the_mentors_gender(school, curator, mentor_with_three):
    certificate = services.document_create_award(
        organization=school, by=curator, kind=Document.Kind.CERTIFICATE,
        person=mentor_with_three.person, starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31), today=SIGNED_ON,
    )  # fmt: skip
    text = text_of(services.document_preview(certificate, SIGNED_ON))
    assert "СЕРТИФИКАТ" in text and "участника программы наставничества" in text
    assert "Настоящий сертификат выдан Фёдоровой Ольге Ивановне, учителю математики" in text
    assert "она участвовала в реализации целевой модели наставничества" in text


def test_a_mentor_with_no_pair_in_the_period_gets_a_russian_refusal(
    client, curator, school, mentor_with_three
):
    client.force_login(curator)
    page = client.post(
        reverse("documents:new-award"),
        {"kind": Document.Kind.THANKS, "person": mentor_with_three.person.pk,
         "starts_on": "2024-09-01", "ends_on": "2025-05-31"},
    ).content.decode()  # fmt: skip
    assert "нет пар и групп, действовавших по приказу в этот период" in page
    backwards = client.post(
        reverse("documents:new-award"),
        {"kind": Document.Kind.THANKS, "person": mentor_with_three.person.pk,
         "starts_on": "2022-05-31", "ends_on": "2021-09-01"},
    ).content.decode()  # fmt: skip
    assert "Окончание не может быть раньше начала." in backwards
    assert not Document.objects.exists()


def test_only_a_mentor_of_the_school_and_only_the_curator(
    client, curator, teacher, school, other_school
):
    stranger = make_mentor(other_school, last_name="Чужая")
    client.force_login(curator)
    page = client.post(
        reverse("documents:new-award"),
        {"kind": Document.Kind.THANKS, "person": stranger.person.pk, **PERIOD},
    ).content.decode()
    assert "Выберите корректный вариант" in page
    assert not Document.objects.exists()
    client.force_login(teacher)
    assert client.get(reverse("documents:new-award")).status_code == 403


def test_an_award_is_for_a_period_over_by_its_date_and_for_pairs_that_ran(
    school, curator, director, mentor_with_three
):
    """#24: «участвовала» is past tense. A period that ends after the day is refused; a pair
    whose order was cancelled after the draft was made stops the signing, named."""
    person = mentor_with_three.person
    with pytest.raises(ValidationError) as refused:
        services.document_create_award(
            organization=school, by=curator, kind=Document.Kind.THANKS, person=person,
            starts_on=datetime.date(2021, 9, 1), ends_on=datetime.date(2022, 5, 31),
            today=datetime.date(2022, 3, 1),
        )  # fmt: skip
    assert refused.value.messages == [
        str(services.AWARD_PERIOD_AHEAD) % {"end": "31.05.2022", "day": "01.03.2022"}
    ]
    award = services.document_create_award(
        organization=school, by=curator, kind=Document.Kind.THANKS, person=person,
        starts_on=datetime.date(2021, 9, 1), ends_on=datetime.date(2022, 5, 31), today=SIGNED_ON,
    )  # fmt: skip
    services.document_send(document=award, today=SIGNED_ON)
    with pytest.raises(ValidationError, match="позже даты документа"):
        services.document_sign(document=award, by=director, today=datetime.date(2022, 5, 20))
    gone = award.assignments.order_by("pk").first()
    gone.status = "awaiting_order"  # as a cancelled assignment order leaves it
    gone.save(update_fields=["status"])
    with pytest.raises(ValidationError) as refused:
        services.document_sign(document=award, by=director, today=SIGNED_ON)
    assert refused.value.messages == [str(services.AWARD_PAIR_GONE) % {"name": gone}]


def test_a_mentor_from_an_employer_is_thanked_with_the_employers_name(db, monkeypatch):
    """#25: «выражает благодарность Архипову Ярославу Яковлевичу, инженеру АО „Хабаровская
    горэлектросеть“» — a mentor from outside the school is named with the organisation."""
    from django.utils import timezone

    from registry.models import Person
    from tests.documents import golden_school

    school = golden_school.build()
    signed_at = datetime.datetime(2021, 9, 1, 10, 15, tzinfo=timezone.get_current_timezone())
    monkeypatch.setattr(timezone, "now", lambda: signed_at)
    golden_school.documents(school)
    engineer = Person.objects.get(last_name="Архипов")
    thanks = services.document_create_award(
        organization=school.org, by=school.director, kind=Document.Kind.THANKS,
        person=engineer, starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31), today=datetime.date(2022, 6, 10),
        thanks_for="за помощь в профессиональной ориентации обучающихся",
    )  # fmt: skip
    text = text_of(services.document_preview(thanks, datetime.date(2022, 6, 10)))
    assert (
        "выражает благодарность Архипову Ярославу Яковлевичу, инженеру АО «Хабаровская "
        "горэлектросеть», за помощь" in text
    )
