"""Orders as the director signs them: basis checks, numbering, frozen PDFs, effects on pairs."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from documents import services
from documents.models import SIGNED_IS_FROZEN, Document
from mentoring.models import AssignmentStatus
from mentoring.services import RESTORE_CLASHES
from registry.models import MentoringForm
from tests.documents.factories import (
    DAY,
    assignment_order,
    give_basis,
    introduction,
    pair_awaiting_order,
)
from tests.factories import PersonFactory, StudentFactory
from tests.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", raw.replace("\xa0", " "))


def sign(document, signer, day=DAY):
    services.document_send(document=document, today=day)
    return services.document_sign(document=document, by=signer, today=day)


def test_introduction_order_reads_as_the_sample(school, signer):
    curator = PersonFactory(
        organization=school, last_name="Сидорова", first_name="Светлана", middle_name="Сергеевна"
    )
    order = sign(
        introduction(
            school, curator=curator, council_date=datetime.date(2021, 8, 30), council_protocol="1"
        ),
        signer,
    )
    text = text_of(bytes(order.pdf))
    assert "П Р И К А З" in text
    assert "«01» сентября 2021 г." in text and f"№ {order.number}" in text
    assert "назначить куратором" in text.lower() or "Назначить куратором" in text
    assert "наставничества, учителя С.С. Сидорову." in text
    assert "от «30» августа 2021 г. (протокол № 1)" in text
    assert "Директор" in text and "И.И. Иванов" in text
    assert "Лист ознакомления" in text and "Сидорова С.С." in text


def test_an_introduction_names_only_the_annexes_it_has_and_every_teacher_acknowledges_it(
    school, signer
):
    """#25: without a roadmap the order approves «прилагаемое Положение … (приложение)» and
    names no roadmap; with one it is «приложение 2» and attached; the roadmap's agreeing day
    is printed only when it is not later than the order's. The acknowledgement sheet lists
    every teacher on the roll on the order's day («всего педагогического коллектива»)."""
    from mentoring.models import Roadmap
    from tests.mentoring.factories import year_2021

    stayed = PersonFactory(organization=school, last_name="Остаётся", first_name="Анна")
    PersonFactory(
        organization=school, last_name="Ушедшая", first_name="Вера",
        left_on=datetime.date(2021, 6, 30),
    )  # fmt: skip
    PersonFactory(
        organization=school, last_name="Принятая", first_name="Галина",
        joined_on=datetime.date(2021, 10, 1),
    )  # fmt: skip
    StudentFactory(organization=school, last_name="Ученикова")
    text = text_of(bytes(sign(introduction(school), signer).pdf))
    assert (
        "Утвердить и ввести в действие с «01» сентября 2021 г.: 1.1. прилагаемое Положение" in text
    )
    assert "Дорожн" not in text and "Приложение к приказу" in text
    sheet = text[text.rindex("Лист ознакомления") :]
    assert f"{stayed.last_name} А." in sheet
    assert "Ушедшая" not in sheet and "Принятая" not in sheet and "Ученикова" not in sheet

    Roadmap.objects.create(
        organization=school, academic_year=year_2021(), title="Дорожная карта на 2021 год",
        agreed_on=datetime.date(2021, 9, 2),
    )  # fmt: skip
    text = text_of(bytes(sign(introduction(school), signer).pdf))
    assert "1.2. Дорожную карту (план мероприятий) по реализации Положения" in text
    assert "(приложение 2)" in text and "Приложение 2 к приказу" in text
    assert "Приложение 1 к приказу" in text
    agreed = text[text.index("Согласовано") :]
    assert "«02» сентября 2021 г." not in agreed and "«__» __________ 20__ г." in agreed


def test_assignment_order_cannot_go_for_signature_without_its_basis(school, signer):
    pair = pair_awaiting_order(
        school,
        mentor={"last_name": "Фёдорова", "first_name": "Ольга", "middle_name": "Николаевна"},
        mentee={
            "last_name": "Соловьёв",
            "first_name": "Артём",
            "middle_name": "Дмитриевич",
            "gender": "m",
        },
    )
    order = assignment_order(school, [pair])
    missing = {p.person.last_name: p.missing for p in services.document_missing(order, DAY)}
    assert [str(m) for m in missing["Фёдорова"]] == [
        "согласие наставника на дополнительную работу",
        "согласие на обработку персональных данных",
        "подписанное дополнительное соглашение к трудовому договору",
    ]
    assert [str(m) for m in missing["Соловьёв"]] == [
        "согласие наставляемого на закрепление наставника",
        "согласие на обработку персональных данных",
    ]
    with pytest.raises(ValidationError, match="Не хватает документов-оснований"):
        services.document_send(document=order, today=DAY)
    order.refresh_from_db()
    assert order.status == Document.Status.DRAFT


def test_signed_assignment_order_has_the_basis_line_and_activates_the_pair(school, signer):
    pair = pair_awaiting_order(
        school,
        mentor={"last_name": "Фёдорова", "first_name": "Ольга", "middle_name": "Николаевна"},
        mentee={
            "last_name": "Соловьёв",
            "first_name": "Артём",
            "middle_name": "Дмитриевич",
            "gender": "m",
        },
    )
    give_basis(pair, signer)
    sign(introduction(school), signer)
    order = sign(assignment_order(school, [pair]), signer)
    pair.refresh_from_db()
    assert pair.status == AssignmentStatus.ACTIVE
    text = text_of(bytes(order.pdf))
    assert (
        "Основание: согласие Фёдоровой О.Н., дополнительное соглашение к трудовому договору "
        "Фёдоровой О.Н., согласие Соловьёва А.Д." in text
    )
    assert "Закрепить с «01» сентября 2021 г. по «31» мая 2022 г. наставническую пару" in text
    assert "Фёдорова О.Н. (наставник)" in text and "Соловьёв А.Д. (наставляемый)" in text
    assert "утверждённым приказом от «01» сентября 2021 г. № 1" in text
    assert order.number == 2  # the introduction order took № 1 of the year's order journal


def test_a_minor_needs_a_legal_representatives_consent(school, signer):
    mentor = {"last_name": "Орлова", "first_name": "Нина", "middle_name": "Павловна"}
    pair = pair_awaiting_order(school, mentor=mentor)
    student = StudentFactory(
        organization=school,
        last_name="Зайцев",
        first_name="Павел",
        middle_name="Львович",
        gender="m",
        birth_date=datetime.date(2011, 3, 1),
    )
    pair.mentee_links.update(
        mentee=student.mentee_profile if hasattr(student, "mentee_profile") else _mentee(student)
    )
    order = assignment_order(school, [pair])
    missing = {
        p.person.last_name: [str(m) for m in p.missing]
        for p in services.document_missing(order, DAY)
    }
    assert missing["Зайцев"] == ["согласие законного представителя"]
    # a minor signs no order: the acknowledgement sheet has a line for the representative
    draft = text_of(services.document_preview(order, DAY))
    assert "________________ (законный представитель Зайцева П.Л.)" in draft
    give_basis(pair, signer)
    signed = sign(order, signer)
    text = text_of(bytes(signed.pdf))
    assert "согласие законного представителя Зайцева П.Л." in text
    sheet = text.split("Лист ознакомления")[1]
    assert "Петрова О.И. (законный представитель Зайцева П.Л.)" in sheet
    assert "Орлова Н.П." in sheet and "Зайцев П.Л." not in sheet.replace("Зайцева", "")


def test_a_girl_or_a_woman_is_named_mentee_in_the_feminine(school, signer):
    pair = pair_awaiting_order(
        school,
        mentee={"last_name": "Лебедева", "first_name": "Дарья", "middle_name": "Олеговна",
                "gender": "f"},
    )  # fmt: skip
    give_basis(pair, signer)
    text = text_of(bytes(sign(assignment_order(school, [pair]), signer).pdf))
    assert "Лебедева Д.О. (наставляемая)" in text and "(наставляемый)" not in text


def _mentee(person):
    from registry.models import MenteeProfile

    return MenteeProfile.objects.create(person=person)


def test_numbers_are_consecutive_per_year_and_restart_next_year(school, signer):
    first = sign(introduction(school), signer, DAY)
    second = sign(introduction(school), signer, DAY)
    next_year = sign(introduction(school), signer, datetime.date(2022, 1, 10))
    assert (first.number, second.number, next_year.number) == (1, 2, 1)


def test_signed_document_is_frozen_and_its_bytes_never_change(school, signer):
    curator = PersonFactory(
        organization=school, last_name="Сидорова", first_name="Светлана", middle_name="Сергеевна"
    )
    order = sign(introduction(school, curator=curator), signer)
    stored = bytes(order.pdf)
    assert hashlib.sha256(stored).hexdigest() == order.sha256
    curator.last_name = "Иванова"
    curator.save()
    order.refresh_from_db()
    assert bytes(order.pdf) == stored
    assert bytes(services.document_preview(order, DAY)) == stored
    assert "Сидорову" in text_of(stored)
    order.title = "Другое"
    with pytest.raises(ValidationError, match=str(SIGNED_IS_FROZEN)):
        order.save()
    with pytest.raises(ValidationError):
        services.document_sign(document=order, by=signer, today=DAY)


def test_returned_document_goes_back_to_draft_with_the_comment(school, signer):
    order = introduction(school)
    services.document_send(document=order, today=DAY)
    with pytest.raises(ValidationError, match="Напишите"):
        services.document_return(document=order, comment="  ")
    order = services.document_return(document=order, comment="Исправьте дату совета")
    assert order.status == Document.Status.DRAFT
    assert order.return_comment == "Исправьте дату совета"
    assert order.number is None


def test_cancelling_an_assignment_order_puts_its_pairs_back_to_awaiting_it(school, signer):
    """The order found the pair «ожидает приказа», starting 25.08.2021 (moved to the order's
    day on signing): its cancellation puts back exactly that; the order keeps its bytes; the
    agreement signed in its package is marked cancelled with it."""
    pair = pair_awaiting_order(school)
    pair.starts_on = datetime.date(2021, 8, 25)
    pair.save(update_fields=["starts_on"])
    give_basis(pair, signer)
    order = assignment_order(school, [pair])
    mentor = pair.mentors[0].person
    in_package = services.document_create_agreement(
        organization=school, by=signer, person=mentor, starts_on=DAY,
        ends_on=datetime.date(2022, 5, 31), payment="3000", duties="наставничество",
        expected="адаптация", for_order=order,
    )  # fmt: skip
    services.document_send(document=order, today=DAY)
    services.package_sign(document=order, by=signer, today=DAY)
    pair.refresh_from_db()
    assert (pair.status, pair.starts_on) == (AssignmentStatus.ACTIVE, DAY)
    order.refresh_from_db()
    stored = bytes(order.pdf)
    cancel = services.document_create_cancellation(
        organization=school, by=signer, cancels=order, reason="технической ошибкой"
    )
    assert cancel.title == f"Об отмене приказа от 01.09.2021 № {order.number}"
    cancel = sign(cancel, signer)
    order.refresh_from_db()
    pair.refresh_from_db()
    assert order.status == Document.Status.CANCELLED
    assert bytes(order.pdf) == stored
    assert order.sha256 == hashlib.sha256(bytes(order.pdf)).hexdigest()
    assert (pair.status, pair.starts_on) == (
        AssignmentStatus.AWAITING_ORDER,
        datetime.date(2021, 8, 25),
    )
    assert pair.mentee_links.get().in_preparation
    in_package.refresh_from_db()
    assert in_package.status == Document.Status.CANCELLED
    text = text_of(bytes(cancel.pdf))
    assert f"Отменить приказ от «01» сентября 2021 г. № {order.number}" in text
    assert "В связи с технической ошибкой, п р и к а з ы в а ю" in text


def test_ending_order_finishes_active_pairs(school, signer):
    pair = pair_awaiting_order(school)
    give_basis(pair, signer)
    sign(assignment_order(school, [pair]), signer)
    ending = services.document_create_ending_order(
        organization=school,
        by=signer,
        assignments=[pair],
        ends_on=datetime.date(2022, 5, 31),
        reason="окончанием срока реализации программы",
    )
    ending = sign(ending, signer)
    pair.refresh_from_db()
    assert pair.status == AssignmentStatus.ACTIVE and pair.ends_on == datetime.date(2022, 5, 31)
    assert f"№ {ending.number}" in pair.status_reason
    assert "Прекратить с «31» мая 2022 г. наставничество в паре" in text_of(bytes(ending.pdf))


def test_an_ending_order_cites_the_regulation_and_its_grounds(
    client, school, signer, curator, the_day_is
):
    """#25: «В соответствии с Положением …, утверждённым приказом от … №, в связи с …» and
    «Основание:» the paper it is issued on; the form asks for it and offers the usual ones."""
    intro = sign(introduction(school), signer)
    pair = pair_awaiting_order(school)
    give_basis(pair, signer)
    sign(assignment_order(school, [pair]), signer)
    the_day_is(datetime.date(2022, 1, 20))
    client.force_login(curator)
    url = reverse("documents:new-ending")
    data = {"assignments": [pair.pk], "ends_on": "2022-01-20", "reason": "переездом наставляемого"}
    page = client.post(url, data).content.decode()
    assert "Укажите основание приказа" in page
    assert '<option value="заявление наставника">' in page  # offered on the form
    assert not Document.objects.filter(kind=Document.Kind.ENDING).exists()
    data["grounds"] = "  заявление наставляемого   Петрова П.П. от 19.01.2022. "
    assert client.post(url, data).status_code == 302
    ending = Document.objects.get(kind=Document.Kind.ENDING)
    ending = sign(ending, signer, datetime.date(2022, 1, 20))
    text = text_of(bytes(ending.pdf))
    assert (
        "В соответствии с Положением о системе наставничества в МБОУ «СШ № 19», утверждённым "
        f"приказом от «01» сентября 2021 г. № {intro.number}, в связи с "
        "переездом наставляемого," in text
    )
    assert "Основание: заявление наставляемого Петрова П.П. от 19.01.2022. " in text
    # one date style within a sentence: the order the pair was fixed by is cited as its dates
    assert (
        "Прекратить с «20» января 2022 г. наставничество в паре, закреплённой приказом от "
        "«01» сентября 2021 г. № " in text
    )


def ended_early(school, signer):
    """A pair fixed by an order for 01.09.2021–31.05.2022, ended by an order of 20.12.2021
    naming 24.12.2021."""
    pair = pair_awaiting_order(school)
    give_basis(pair, signer)
    sign(assignment_order(school, [pair]), signer)
    ending = services.document_create_ending_order(
        organization=school,
        by=signer,
        assignments=[pair],
        ends_on=datetime.date(2021, 12, 24),
        reason="заявлением наставника",
    )
    ending = sign(ending, signer, datetime.date(2021, 12, 20))
    pair.refresh_from_db()
    return pair, ending


def test_an_ending_order_sets_the_last_day_and_the_pair_reads_finished_after_it(school, signer):
    pair, _ending = ended_early(school, signer)
    assert pair.ends_on == datetime.date(2021, 12, 24)
    assert pair.status_on(datetime.date(2021, 12, 24)) == AssignmentStatus.ACTIVE
    assert pair.status_on(datetime.date(2021, 12, 25)) == AssignmentStatus.FINISHED
    mentee = pair.mentees[0]
    assert mentee.status_on(datetime.date(2021, 12, 25)) == "finished"


def test_cancelling_an_ending_order_gives_the_pair_back_its_end(school, signer):
    pair, ending = ended_early(school, signer)
    cancel = services.document_create_cancellation(
        organization=school, by=signer, cancels=ending, reason="ошибкой"
    )
    sign(cancel, signer, datetime.date(2021, 12, 27))
    pair.refresh_from_db()
    assert pair.ends_on == datetime.date(2022, 5, 31) and pair.status_reason == ""
    assert pair.status_on(datetime.date(2022, 1, 10)) == AssignmentStatus.ACTIVE


def test_an_order_changed_by_a_later_one_is_cancelled_after_it(school, signer):
    """The assignment order cannot be cancelled while the ending order that ended its pair
    stands: the refusal names that order; once it is cancelled, the first can be."""
    pair, ending = ended_early(school, signer)
    order = Document.objects.get(kind=Document.Kind.ASSIGNMENT, assignments=pair)
    with pytest.raises(ValidationError) as exc:
        services.document_create_cancellation(
            organization=school, by=signer, cancels=order, reason="ошибкой"
        )
    later = f"приказом от 20.12.2021 № {ending.number}"
    assert exc.value.messages == [str(services.CHANGED_BY_LATER_ORDER) % {"order": later}]
    cancel = services.document_create_cancellation(
        organization=school, by=signer, cancels=ending, reason="ошибкой"
    )
    cancel = sign(cancel, signer, datetime.date(2021, 12, 27))
    with pytest.raises(ValidationError) as exc:
        services.document_create_cancellation(
            organization=school, by=signer, cancels=cancel, reason="ошибкой"
        )
    assert exc.value.messages == [str(services.CANCELLATION_NOT_CANCELLED)]
    again = services.document_create_cancellation(
        organization=school, by=signer, cancels=order, reason="ошибкой"
    )
    sign(again, signer, datetime.date(2021, 12, 28))
    pair.refresh_from_db()
    assert (pair.status, pair.ends_on) == (
        AssignmentStatus.AWAITING_ORDER,
        datetime.date(2022, 5, 31),
    )


def test_an_ending_order_names_a_day_of_the_pairs_period(school, signer):
    pair = pair_awaiting_order(school)
    give_basis(pair, signer)
    sign(assignment_order(school, [pair]), signer)
    with pytest.raises(ValidationError) as exc:
        services.document_create_ending_order(
            organization=school,
            by=signer,
            assignments=[pair],
            ends_on=datetime.date(2022, 6, 15),
            reason="окончанием года",
        )
    assert "дата прекращения 15.06.2022 должна лежать в её периоде" in exc.value.messages[0]


def test_user_text_is_printed_as_text(school, signer):
    curator = PersonFactory(
        organization=school,
        last_name="<script>alert(1)</script>",
        first_name="Анна",
        middle_name="",
        position="учитель & «Ко»",
    )
    order = sign(introduction(school, curator=curator), signer)
    text = text_of(bytes(order.pdf))
    assert "<script>alert(1)</script>" in text
    assert "учителя & «Ко»" in text


def test_agreement_names_both_parties_in_their_cases(school, signer):
    from tests.documents.factories import signed_agreement

    person = PersonFactory(
        organization=school, last_name="Фёдорова", first_name="Ольга", middle_name="Николаевна"
    )
    agreement = signed_agreement(person, signer)
    text = text_of(bytes(agreement.pdf))
    assert f"ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № {agreement.number}" in text
    assert "в лице директора Иванова Ивана Ивановича" in text
    assert "и Фёдорова Ольга Николаевна, именуемая в дальнейшем «Работник»" in text
    assert "3 000 (три тысячи) рублей 00 копеек в месяц" in text


@pytest.mark.pdf  # reads the layout
def test_agreement_wording_agrees_with_the_director_and_the_school_and_prints_its_requisites(
    school, director
):
    """#25: a woman director is «действующей»; a school named from a feminine noun is
    «именуемая»; the employer's requisites start with a capital and carry the phone and ИНН
    entered on «Организация», «М.П.» and the agreement's date under the director's line."""
    from tests.documents.factories import signed_agreement

    director.gender, director.last_name = "f", "Петрова-Водкина"
    director.first_name, director.middle_name = "Анна", "Сергеевна"
    director.save()
    school.director = director
    school.full_name = "государственная некоммерческая образовательная организация «Школа № 3»"
    school.phone, school.inn = "8 (4212) 45-67-89", "2721012341"
    school.save()
    agreement = signed_agreement(PersonFactory(organization=school, gender="m"), director)
    text = text_of(bytes(agreement.pdf))
    assert "в лице директора Петровой-Водкиной Анны Сергеевны, действующей на основании" in text
    assert "именуемая в дальнейшем «Работодатель»" in text
    requisites = text[text.index("Работодатель: Работник:") :]
    assert requisites.split("Работник: ")[1].startswith("Государственная некоммерческая")
    assert "Телефон: 8 (4212) 45-67-89" in requisites
    assert "ИНН: 2721012341" in requisites
    assert "М.П." in requisites
    # the employer's date line is the agreement's; the employee dates his own signature
    signed = f"«{agreement.signed_on:%d}»"
    assert requisites.count(signed) == 1
    assert "«__» __________ 20__ г." in requisites


@pytest.mark.parametrize(
    "name, called",
    [
        ("муниципальное бюджетное общеобразовательное учреждение «СШ № 4»", "именуемое"),
        ("Муниципальная автономная организация «Гимназия № 1»", "именуемая"),
        ("государственный колледж № 2", "именуемый"),
        ("Лицей № 7 г. Хабаровска", "именуемый"),
        ("Школа № 5", "именуемая"),
        ("«Средняя школа № 19»", "именуемая"),
        ("ООО «Ромашка»", "именуемое"),
    ],
)
def test_the_employer_is_called_in_the_gender_of_its_name(name, called):
    from documents.russian import called_after

    assert called_after(name) == called


def test_a_pair_starting_before_its_order_starts_on_the_orders_day_unless_confirmed(
    client, school, signer, curator
):
    late, confirmed = pair_awaiting_order(school), pair_awaiting_order(school)
    for pair in (late, confirmed):
        give_basis(pair, signer)
    order = assignment_order(school, [late, confirmed])
    signing_day = datetime.date(2021, 10, 4)  # the pairs start on 01.09.2021
    assert services.document_late_starts(order, signing_day) == [late, confirmed]

    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[order.pk])).content.decode()
    assert "Начало раньше даты приказа" in page and "Основание начала до приказа" in page
    client.post(
        reverse("documents:confirm-retroactive", args=[order.pk, confirmed.pk]),
        {"reason": "работа пары начата по решению педагогического совета"},
    )
    confirmed.refresh_from_db()
    assert confirmed.retroactive_reason == "работа пары начата по решению педагогического совета"
    assert services.document_late_starts(order, signing_day) == [late]

    services.document_send(document=order, today=signing_day)
    signed = services.document_sign(document=order, by=signer, today=signing_day)
    late.refresh_from_db()
    confirmed.refresh_from_db()
    assert late.starts_on == signing_day and confirmed.starts_on == datetime.date(2021, 9, 1)
    text = text_of(bytes(signed.pdf))
    assert "Закрепить с «04» октября 2021 г. по «31» мая 2022 г." in text
    assert "Закрепить с «01» сентября 2021 г. по «31» мая 2022 г." in text
    assert (
        "Наставническая деятельность осуществляется с «01» сентября 2021 г., до издания "
        "настоящего приказа: работа пары начата по решению педагогического совета." in text
    )


def test_a_retroactive_start_needs_a_reason(school, signer):
    pair = pair_awaiting_order(school)
    from mentoring.services import RETROACTIVE_REASON_REQUIRED, assignment_confirm_retroactive

    with pytest.raises(ValidationError, match=str(RETROACTIVE_REASON_REQUIRED)):
        assignment_confirm_retroactive(assignment=pair, reason="  ", day=datetime.date(2021, 10, 4))


def test_introduction_cites_the_federal_acts_the_regions_act_and_the_union(
    client, school, signer, curator
):
    client.force_login(signer)
    client.post(
        reverse("organization"),
        {
            "full_name": school.full_name,
            "short_name": school.short_name,
            "locality": "г. Хабаровск",
            "director": signer.pk,
            "regional_acts": "  Приказ министерства образования и науки Хабаровского края от "
            "12.08.2021 № 34 «О внедрении целевой модели наставничества»\n\n",
            "has_union": "on",
            "signature": "electronic",
            "retention_years": "5",
        },
    )
    school.refresh_from_db()
    assert school.has_union and school.regional_acts.startswith("Приказ министерства")
    client.force_login(curator)
    form = {
        "starts_on": "2021-09-01",
        "mentoring_forms": [MentoringForm.objects.get(code="teacher-teacher").pk],
    }
    refused = client.post(reverse("documents:new-introduction"), form)
    assert "укажите дату и номер протокола" in refused.content.decode()
    client.post(
        reverse("documents:new-introduction"),
        form | {"union_date": "2021-08-27", "union_protocol": "3"},
    )
    order = Document.objects.get(kind=Document.Kind.INTRODUCTION)
    text = text_of(sign(order, signer).pdf)
    assert "В соответствии с распоряжением Правительства Российской Федерации от 31.12.2019" in text
    assert "распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р" in text
    assert "приказом министерства образования и науки Хабаровского края от 12.08.2021" in text
    assert (
        "с учётом мнения первичной профсоюзной организации (протокол от «27» августа 2021 г. № 3)"
        in text
    )


def test_agreements_are_numbered_per_employees_contract(school, signer):
    """Two teachers' first agreements are both № 1; a teacher's second is № 2, whatever the
    year (while orders keep their own journal)."""
    import datetime as dt

    from tests.documents.factories import signed_agreement

    first = PersonFactory(organization=school, last_name="Фёдорова")
    second = PersonFactory(organization=school, last_name="Бережная")
    assert signed_agreement(first, signer).number == 1
    assert signed_agreement(second, signer).number == 1
    assert signed_agreement(first, signer, dt.date(2022, 9, 1)).number == 2
    order = sign(introduction(school), signer)
    assert order.number == 1  # the order journal is not the agreements' count


def test_an_order_is_cancelled_once(school, signer):
    """#18 item 9: a second cancellation of the same order is refused when prepared, and one
    prepared before (by a race) is refused at signing: one number, one cancellation."""
    order = sign(introduction(school), signer)
    first = services.document_create_cancellation(
        organization=school, by=signer, cancels=order, reason="ошибкой"
    )
    with pytest.raises(ValidationError, match="уже подготовлен"):
        services.document_create_cancellation(
            organization=school, by=signer, cancels=order, reason="ошибкой"
        )
    raced = Document.objects.create(
        organization=school, kind=Document.Kind.CANCELLATION, title="Об отмене", cancels=order
    )
    sign(first, signer)
    services.document_send(document=raced, today=DAY)
    with pytest.raises(ValidationError, match="уже отменён"):
        services.document_sign(document=raced, by=signer, today=DAY)
    raced.refresh_from_db()
    assert raced.number is None
    assert (
        Document.objects.filter(kind=Document.Kind.CANCELLATION, number__isnull=False).count() == 1
    )


@pytest.mark.pdf  # reads the layout
def test_a_cancelled_order_is_given_with_its_mark_and_its_original_beside(
    client, school, signer, curator
):
    """Its stored bytes never change; the page and the download give a copy marked «Отменён
    приказом от … № …» on every page; «Подлинник без отметки» gives the stored bytes."""
    _pair, ending = ended_early(school, signer)
    stored = bytes(ending.pdf)
    cancel = services.document_create_cancellation(
        organization=school, by=signer, cancels=ending, reason="ошибкой"
    )
    cancel = sign(cancel, signer, datetime.date(2021, 12, 27))
    ending.refresh_from_db()
    assert bytes(ending.pdf) == stored and ending.sha256 == hashlib.sha256(stored).hexdigest()
    mark = f"Отменён приказом от 27.12.2021 № {cancel.number}"
    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[ending.pk])).content.decode()
    assert mark in page and reverse("documents:original", args=[ending.pk]) in page
    marked = client.get(reverse("documents:download", args=[ending.pk])).content
    reader = PdfReader(io.BytesIO(marked))
    assert len(reader.pages) == len(PdfReader(io.BytesIO(stored)).pages)
    for page_ in reader.pages:
        assert " ".join(page_.extract_text().split()).endswith(mark.upper())  # drawn last
    assert "Прекратить с «24» декабря 2021 г." in " ".join(text_of(marked).split())
    original = client.get(reverse("documents:original", args=[ending.pk]))
    assert original.content == stored
    assert "подлинник" in unquote(original["Content-Disposition"])


def test_an_ending_order_comes_with_the_agreements_ending_the_extra_work(
    client, school, signer, curator
):
    """#24: the mentor's extra work (supplementary agreement № 1, to 31.05.2022) ends with the
    pair: the ending order's package holds the agreement ending it (ст. 60.2 ТК РФ), signed
    after the order and citing it; a mentor whose other pair goes on keeps the agreement."""
    pair = pair_awaiting_order(
        school, mentor={"last_name": "Фёдорова", "first_name": "Ольга", "middle_name": "Ивановна"}
    )
    busy = pair_awaiting_order(school)
    give_basis(pair, signer)
    give_basis(busy, signer)
    sign(assignment_order(school, [pair, busy]), signer)
    busy_mentor = busy.mentors[0]
    another = make_pair(school, mentor=busy_mentor, status=AssignmentStatus.ACTIVE)
    assert another.status == AssignmentStatus.ACTIVE
    ending = services.document_create_ending_order(
        organization=school, by=curator, assignments=[pair, busy],
        ends_on=datetime.date(2021, 12, 24), reason="заявлением наставника",
    )  # fmt: skip
    papers = list(ending.package_documents.all())
    assert [(p.kind, p.person) for p in papers] == [
        (Document.Kind.AGREEMENT_END, pair.mentors[0].person)
    ]
    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[ending.pk])).content.decode()
    assert 'data-testid="ending-papers"' in page and "Фёдорова О.И." in page
    day = datetime.date(2021, 12, 20)
    services.document_send(document=ending, today=day)
    order, paper = services.package_sign(document=ending, by=signer, today=day)
    assert order.kind == Document.Kind.ENDING and paper.number == 2  # № 1 is the agreement
    text = " ".join(text_of(bytes(paper.pdf)).split())
    assert "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 2" in text
    assert f"(приказ от «20» декабря 2021 г. № {order.number})" in text
    assert "дополнительным соглашением от «01» сентября 2021 г. № 1" in text
    assert "Последний день выполнения дополнительной работы — «24» декабря 2021 г." in text
    assert "с «25» декабря 2021 г. не начисляется" in text
    assert "ЭЛЕКТРОННОЙ ПОДПИСЬЮ" not in text
    from documents.basis import agreements_in_force

    mentor = pair.mentors[0].person
    assert mentor.pk not in agreements_in_force([mentor.pk], datetime.date(2022, 1, 10))
    cancel = services.document_create_cancellation(
        organization=school, by=curator, cancels=order, reason="ошибкой"
    )
    sign(cancel, signer, datetime.date(2021, 12, 27))
    paper.refresh_from_db()
    assert paper.status == Document.Status.CANCELLED
    assert mentor.pk in agreements_in_force([mentor.pk], datetime.date(2022, 1, 10))


def test_an_amending_order_changes_dates_replaces_a_mentor_and_adds_a_pair_from_its_date(
    school, signer, curator
):
    """#24: «О внесении изменений в приказ от … № …», without cancelling the whole order: the
    amended pairs follow it from its date, and cancelling it puts everything back."""
    from documents.basis import participant
    from mentoring.models import Assignment
    from tests.documents.factories import signed_agreement
    from tests.factories import ConsentFactory
    from tests.mentoring.factories import make_mentor

    shorter = pair_awaiting_order(school, mentor={"last_name": "Сокращённая"})
    replaced = pair_awaiting_order(school, mentor={"last_name": "Прежняя"})
    for pair in (shorter, replaced):
        give_basis(pair, signer)
    order = sign(assignment_order(school, [shorter, replaced]), signer)
    added = pair_awaiting_order(school, mentor={"last_name": "Добавленная"})
    give_basis(added, signer)
    newcomer = make_mentor(school, last_name="Новая", first_name="Вера", middle_name="Ивановна")
    for kind in participant(newcomer.person, "mentor", DAY).needs:
        ConsentFactory(person=newcomer.person, kind=kind)
    signed_agreement(newcomer.person, signer)
    day = datetime.date(2021, 12, 1)
    amendment = services.document_create_amendment(
        organization=school, by=curator, amends=order, reason="заявлением наставника",
        changes=[
            {"assignment": shorter.pk, "action": "dates", "ends_on": "2022-03-31"},
            {"assignment": replaced.pk, "action": "mentor", "mentor": newcomer.pk},
        ],
        add=[added], day=datetime.date(2021, 11, 25),
    )  # fmt: skip
    assert amendment.title == f"О внесении изменений в приказ от 01.09.2021 № {order.number}"
    signed = sign(amendment, signer, day)
    text = " ".join(text_of(bytes(signed.pdf)).split())
    assert (
        f"1. Внести в приказ от «01» сентября 2021 г. № {order.number} «О назначении наставников"
        in text
    )
    assert "1.1. Установить срок работы в наставнической паре" in text
    assert "с «01» сентября 2021 г. по «31» марта 2022 г." in text
    assert "назначить наставником учителя В.И. Новую вместо прежнего наставника" in text
    assert "Дополнить приказ: закрепить с «01» декабря 2021 г." in text
    assert "2. Изменения действуют с «01» декабря 2021 г." in text
    for pair in (shorter, replaced, added):
        pair.refresh_from_db()
    assert shorter.ends_on == datetime.date(2022, 3, 31)
    assert replaced.ends_on == datetime.date(2021, 11, 30)
    assert replaced.status_on(day) == AssignmentStatus.FINISHED
    successor = Assignment.objects.get(mentor_links__mentor=newcomer)
    assert (successor.status, successor.starts_on, successor.ends_on) == (
        AssignmentStatus.ACTIVE, day, datetime.date(2022, 5, 31),
    )  # fmt: skip
    assert successor.mentees == replaced.mentees
    assert (added.status, added.starts_on) == (AssignmentStatus.ACTIVE, day)
    with pytest.raises(ValidationError, match="изменены позже"):
        services.document_create_cancellation(
            organization=school, by=curator, cancels=order, reason="ошибкой"
        )
    cancel = services.document_create_cancellation(
        organization=school, by=curator, cancels=signed, reason="ошибкой"
    )
    sign(cancel, signer, datetime.date(2021, 12, 3))
    for pair in (shorter, replaced, added, successor):
        pair.refresh_from_db()
    assert shorter.ends_on == replaced.ends_on == datetime.date(2022, 5, 31)
    assert successor.status == AssignmentStatus.TERMINATED
    assert "отменён приказом от 03.12.2021" in successor.status_reason
    assert (added.status, added.starts_on) == (AssignmentStatus.AWAITING_ORDER, DAY)


def test_a_pair_not_started_leaves_the_order_and_waits_for_one_again(school, signer, curator):
    later = pair_awaiting_order(school)
    Assignment = type(later)
    Assignment.objects.filter(pk=later.pk).update(starts_on=datetime.date(2022, 1, 10))
    later.refresh_from_db()
    give_basis(later, signer)
    order = sign(assignment_order(school, [later]), signer)
    amendment = services.document_create_amendment(
        organization=school, by=curator, amends=order, reason="переводом наставляемого",
        changes=[{"assignment": later.pk, "action": "exclude"}], add=[],
        day=datetime.date(2021, 12, 1),
    )  # fmt: skip
    sign(amendment, signer, datetime.date(2021, 12, 1))
    later.refresh_from_db()
    assert later.status == AssignmentStatus.AWAITING_ORDER
    assert later.mentee_links.get().in_preparation
    with pytest.raises(ValidationError) as refused:
        services.document_create_amendment(
            organization=school, by=curator, amends=order, reason="ещё раз",
            changes=[{"assignment": later.pk, "action": "exclude"}], add=[],
            day=datetime.date(2021, 12, 2),
        )  # fmt: skip
    assert "не закреплена изменяемым приказом" in refused.value.messages[0]


def test_a_cancellation_never_gives_a_pair_back_days_its_mentee_has_elsewhere(
    school, signer, curator
):
    """Found by the state machine: a pair ended early, its mentee given a new pair from
    January; cancelling the ending order would have two pairs of one mentee on the same days.
    The cancellation is refused, naming the pair and the rule."""
    from mentoring.models import Assignment
    from mentoring.services import assignment_create
    from tests.mentoring.factories import make_mentor

    pair, ending = ended_early(school, signer)
    later = assignment_create(
        organization=school, academic_year=pair.academic_year, form=pair.form,
        mentors=[make_mentor(school)], mentees=pair.mentees,
        starts_on=datetime.date(2022, 1, 10), ends_on=datetime.date(2022, 5, 31),
    )  # fmt: skip
    cancel = services.document_create_cancellation(
        organization=school, by=signer, cancels=ending, reason="ошибкой"
    )
    with pytest.raises(ValidationError) as refused:
        sign(cancel, signer, datetime.date(2022, 1, 12))
    messages = refused.value.messages
    assert messages[0] == str(RESTORE_CLASHES) % {"name": pair}
    assert "уже есть незавершённая пара или группа" in messages[1]
    pair.refresh_from_db()
    assert pair.ends_on == datetime.date(2021, 12, 24)
    assert Assignment.objects.get(pk=later.pk).status == AssignmentStatus.DRAFT


@pytest.mark.pdf  # reads the layout
def test_an_unsigned_document_says_project_on_every_page_and_the_signed_one_never(school, signer):
    """#25: a draft printed by mistake is never filed as the order."""
    draft = introduction(school, curator=PersonFactory(organization=school))
    pages = PdfReader(io.BytesIO(services.document_preview(draft, DAY))).pages
    assert len(pages) > 1  # the introduction carries its annexes
    assert all("ПРОЕКТ" in page.extract_text() for page in pages)
    signed = sign(draft, signer)
    assert "ПРОЕКТ" not in text_of(bytes(signed.pdf))
    assert "ПРОЕКТ" not in text_of(services.document_preview(signed, DAY))


@pytest.mark.pdf  # reads the layout
def test_a_signed_document_is_archival_pdf_and_describes_itself(school, signer):
    """#25: PDF/A-2b with the kind, number and date in its title, the school as author and
    the signing day as its creation date."""
    school.full_name = "муниципальное автономное общеобразовательное учреждение «Школа № 7»"
    school.save()
    order = sign(introduction(school, curator=PersonFactory(organization=school)), signer)
    reader = PdfReader(io.BytesIO(bytes(order.pdf)))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")2", xmp) and re.search(
        r"pdfaid:conformance(>|=\")B", xmp
    ), xmp
    info = reader.metadata
    number_and_date = f"№ {order.number} от {order.signed_on:%d.%m.%Y}"
    assert info.title.replace("\xa0", " ").startswith(f"Приказ {number_and_date} «")
    assert order.title.split()[0] in info.title
    assert info.author == school.full_name
    assert info.creation_date.date() == order.signed_on
    draft = introduction(school)
    preview = PdfReader(io.BytesIO(services.document_preview(draft, DAY))).metadata
    assert preview.title.startswith("Приказ (проект) «")
