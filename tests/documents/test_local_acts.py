"""The order adopting the school's local acts on the simple electronic signature and on
personal data (63-ФЗ; 152-ФЗ, ст. 18.1, 22.1): prepared from «Документы», the acts as its
annexes, the person responsible for the processing named; once signed, each printed act's
«УТВЕРЖДЕНО» grif carries its date and number, and the policy names the responsible person —
until the order is cancelled."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import services
from documents.models import Document
from tests.documents.factories import DAY
from tests.documents.test_orders import sign, text_of
from tests.factories import PersonFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def responsible(school):
    return PersonFactory(
        organization=school, last_name="Петрова", first_name="Анна", middle_name="Сергеевна",
        gender="f", position="заместитель директора по учебно-воспитательной работе",
    )  # fmt: skip


@pytest.fixture
def headed(school, director):
    school.director = director
    school.save()
    return school


def test_the_curator_prepares_the_order_in_the_browser_and_the_acts_are_its_annexes(
    client, headed, curator, director, responsible, the_day_is
):
    the_day_is(DAY)
    client.force_login(curator)
    assert "Приказ об утверждении положения о ПЭП" in client.get(reverse("documents:list")).text
    form = client.get(reverse("documents:new-local-acts")).context["form"]
    assert form.initial["acts"] == ["esign", "privacy"]
    page = client.post(reverse("documents:new-local-acts"), {"acts": ["esign", "privacy"]}).text
    assert "выберите работника школы" in page  # the policy needs its responsible person
    response = client.post(
        reverse("documents:new-local-acts"),
        {"acts": ["esign", "privacy"], "responsible": responsible.pk},
    )
    order = Document.objects.get(kind=Document.Kind.LOCAL_ACTS)
    assert response.url == reverse("documents:detail", args=[order.pk])
    assert order.title == (
        "Об утверждении Положения об использовании простой электронной подписи, Политики "
        "обработки персональных данных участников программы наставничества и назначении "
        "ответственного за организацию обработки персональных данных"
    )
    detail = client.get(response.url).text
    assert "Черновик документа подготовлен." in detail and "назначении ответственного" in detail
    signed = sign(order, director)
    assert "Об утверждении Положения" in client.get(response.url).text
    text = text_of(bytes(signed.pdf))
    assert (
        "2. Назначить ответственным за организацию обработки персональных данных заместителя "
        "директора по учебно-воспитательной работе А.С. Петрову." in text
    )
    assert "3. Заместителю директора по учебно-воспитательной работе А.С. Петровой" in text
    for annex in (1, 2):
        grif = f"Приложение {annex} к приказу МБОУ «СШ № 19» от «01» сентября 2021 г."
        assert f"{grif} № {signed.number}" in text
    assert "ПОЛОЖЕНИЕ об использовании простой электронной подписи" in text
    assert "ПОЛИТИКА обработки персональных данных" in text
    assert (
        "ответственного за организацию обработки персональных данных — заместитель директора по "
        "учебно-воспитательной работе А.С. Петрова (назначена настоящим приказом)"
    ) in text


def test_a_signed_order_fills_the_acts_grif_and_names_the_responsible_until_cancelled(
    client, headed, curator, director, responsible
):
    client.force_login(curator)
    blank_policy = text_of(client.get(reverse("documents:privacy-policy")).content)
    assert "от «__» __________ 20__ г. № _____" in blank_policy
    prepare = f'утвердите приказом (<a href="{reverse("documents:new-local-acts")}">подготовить'
    assert prepare in client.get(reverse("organization")).text

    order = sign(
        services.document_create_local_acts(
            organization=headed, by=curator, acts=["privacy"], responsible=responsible, today=DAY
        ),
        director,
    )
    policy = text_of(client.get(reverse("documents:privacy-policy")).content)
    assert f"УТВЕРЖДЕНА приказом МБОУ «СШ № 19» от «01» сентября 2021 г. № {order.number}" in policy
    assert (
        "— заместитель директора по учебно-воспитательной работе А.С. Петрова "
        f"(назначена приказом от «01» сентября 2021 г. № {order.number})"
    ) in policy
    page = client.get(reverse("organization")).text
    assert f"утверждена приказом от «01» сентября 2021 г. № {order.number}" in page
    # the esign act was not in this order: its grif stays blank
    regulation = text_of(client.get(reverse("documents:esign-regulation")).content)
    assert "УТВЕРЖДЕНО приказом МБОУ «СШ № 19» от «__» __________ 20__ г. № _____" in regulation

    sign(
        services.document_create_cancellation(
            organization=headed, by=curator, cancels=order, reason="ошибкой в выборе ответственного"
        ),
        director,
        DAY + datetime.timedelta(days=1),
    )
    policy = text_of(client.get(reverse("documents:privacy-policy")).content)
    assert "от «__» __________ 20__ г. № _____" in policy and "Петрова" not in policy


@pytest.mark.parametrize(
    ("acts", "who", "refusal"),
    [
        ([], None, services.NO_LOCAL_ACT),
        (["privacy"], None, services.RESPONSIBLE_REQUIRED),
        (["esign", "privacy"], "pupil", services.RESPONSIBLE_NOT_STAFF),
        (["privacy"], "left", services.RESPONSIBLE_NOT_STAFF),
    ],
)
def test_each_refusal_names_its_rule(headed, curator, acts, who, refusal):
    people = {
        "pupil": lambda: StudentFactory(organization=headed, last_name="Гусев", first_name="Иван"),
        "left": lambda: PersonFactory(
            organization=headed, last_name="Гусев", left_on=DAY - datetime.timedelta(days=1)
        ),
    }
    person = people[who]() if who else None
    with pytest.raises(ValidationError) as refused:
        services.document_create_local_acts(
            organization=headed, by=curator, acts=acts, responsible=person, today=DAY
        )
    expected = str(refusal) % {"name": person.short_name} if person else str(refusal)
    assert refused.value.messages == [expected]
    assert not Document.objects.exists()


def test_an_esign_only_order_names_no_responsible(headed, curator, director, responsible):
    order = services.document_create_local_acts(
        organization=headed, by=curator, acts=["esign"], responsible=responsible, today=DAY
    )
    assert order.title == "Об утверждении Положения об использовании простой электронной подписи"
    assert order.params["responsible_id"] is None
    text = text_of(bytes(sign(order, director).pdf))
    assert "Утвердить и ввести в действие со дня подписания настоящего приказа прилагаемое " in text
    assert "(приложение)." in text and "Приложение к приказу" in text
    assert "Политик" not in text and "ответственн" not in text
