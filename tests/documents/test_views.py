"""The curator prepares and sends, the director signs or returns, in the browser's terms."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from documents.models import Document
from mentoring.models import AssignmentStatus
from tests.documents.factories import (
    DAY,
    PAIRS_ORDER_TITLE,
    give_basis,
    introduction,
    pair_awaiting_order,
    sign_as_shown,
)
from tests.documents.test_orders import text_of

pytestmark = pytest.mark.django_db


def test_curator_prepares_an_assignment_order_and_sees_what_is_missing(client, school, curator):
    pair = pair_awaiting_order(school, mentor={"last_name": "Фёдорова"})
    client.force_login(curator)
    form = client.get(reverse("documents:new-assignment")).content.decode()
    assert str(pair) in form
    response = client.post(reverse("documents:new-assignment"), {"assignments": [pair.pk]})
    document = Document.objects.get(kind=Document.Kind.ASSIGNMENT)
    assert response.url == reverse("documents:detail", args=[document.pk])
    page = client.get(response.url).content.decode()
    assert "Пакет документов к приказу" in page and "нужно подготовить" in page
    assert "Отправить можно, когда все согласия получены и соглашения подготовлены." in page
    client.post(reverse("documents:send", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT


def test_director_signs_from_the_inbox_and_the_pairs_start(
    client, school, curator, signer, the_day_is
):
    the_day_is(DAY)  # the school works on its first day of the pairs' year
    pair = pair_awaiting_order(school)
    give_basis(pair, signer)
    client.force_login(curator)
    client.post(reverse("documents:new-assignment"), {"assignments": [pair.pk]})
    document = Document.objects.get(kind=Document.Kind.ASSIGNMENT)
    client.post(reverse("documents:send", args=[document.pk]))

    client.force_login(signer)
    home = client.get(reverse("home")).content.decode()
    assert "Документы на подпись" in home and PAIRS_ORDER_TITLE in home
    inbox = client.get(reverse("documents:inbox")).content.decode()
    assert reverse("documents:detail", args=[document.pk]) in inbox
    detail = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert reverse("documents:pdf", args=[document.pk]) in detail
    sign_as_shown(client, document)
    document.refresh_from_db()
    pair.refresh_from_db()
    assert document.status == Document.Status.SIGNED and document.number
    assert pair.status == AssignmentStatus.ACTIVE
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert document.sha256 in page
    assert f"№ {document.number}" in page


def test_only_the_director_signs(client, school, curator, signer):
    document = introduction(school)
    client.force_login(curator)
    client.post(reverse("documents:send", args=[document.pk]))
    assert client.post(reverse("documents:sign", args=[document.pk])).status_code == 403
    assert client.get(reverse("documents:sign", args=[document.pk])).status_code == 405
    document.refresh_from_db()
    assert document.status == Document.Status.ON_SIGNATURE


def test_director_returns_with_a_comment(client, school, curator, signer):
    document = introduction(school)
    client.force_login(curator)
    client.post(reverse("documents:send", args=[document.pk]))
    client.force_login(signer)
    client.post(reverse("documents:return", args=[document.pk]), {"comment": "Уточните дату"})
    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Директор вернул документ" in page and "Уточните дату" in page


def test_pdf_preview_may_be_framed_by_the_portal_only(client, school, curator):
    document = introduction(school)
    client.force_login(curator)
    response = client.get(reverse("documents:pdf", args=[document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "inline" in response["Content-Disposition"]
    assert "О внедрении целевой модели наставничества" in text_of(response.content)


def test_download_has_a_russian_file_name(client, school, curator, signer):
    document = introduction(school)
    client.force_login(curator)
    client.post(reverse("documents:send", args=[document.pk]))
    client.force_login(signer)
    sign_as_shown(client, document)
    document.refresh_from_db()
    response = client.get(reverse("documents:download", args=[document.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert (
        "filename*=utf-8''" in disposition and "%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7" in disposition
    )
    assert response.content == bytes(document.pdf)


def test_teacher_sees_no_documents(client, school, teacher):
    client.force_login(teacher)
    assert client.get(reverse("documents:list")).status_code == 403
    assert client.get(reverse("documents:inbox")).status_code == 403


def test_document_list_runs_a_constant_number_of_queries(
    client, school, curator, django_assert_max_num_queries
):
    for _ in range(3):
        introduction(school)
    client.force_login(curator)
    with django_assert_max_num_queries(12):
        client.get(reverse("documents:list"))
    for _ in range(30):
        introduction(school)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("documents:list")).content.decode()
    assert page.count("О внедрении целевой модели наставничества") == 25


def test_roadmap_mark_cites_and_links_the_signed_order(client, school, curator, signer):
    from mentoring.models import Roadmap, RoadmapItem
    from tests.mentoring.factories import year_2021

    document = introduction(school)
    client.force_login(curator)
    client.post(reverse("documents:send", args=[document.pk]))
    client.force_login(signer)
    sign_as_shown(client, document)
    document.refresh_from_db()
    roadmap = Roadmap.objects.create(organization=school, academic_year=year_2021(), title="ДК")
    item = RoadmapItem.objects.create(
        roadmap=roadmap,
        order=1,
        number="1",
        task="Приказ",
        deadline_kind=RoadmapItem.DeadlineKind.WHOLE,
        deadline_starts=datetime.date(2021, 9, 1),
        deadline_ends=datetime.date(2022, 5, 31),
    )
    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Отметить выполнение пункта дорожной карты" in page
    client.post(reverse("documents:mark-roadmap", args=[document.pk]), {"item": item.pk})
    item.refresh_from_db()
    assert item.mark_status == "done"
    assert item.mark_text == f"приказ от {document.signed_on:%d.%m.%Y} № {document.number}"
    assert item.document_ref == reverse("documents:detail", args=[document.pk])


def test_agreement_takes_the_contract_from_the_card_and_counts_the_mentors_mentees(
    client, school, curator
):
    from mentoring.models import Assignment, AssignmentStatus
    from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021

    year_2021()
    mentor = make_mentor(school, capacity=4, contract_date=None, contract_number="")
    for _ in range(3):
        make_pair(school, mentor=mentor, mentee=make_mentee(school))
    ended = make_pair(school, mentor=mentor, mentee=make_mentee(school))
    Assignment.objects.filter(pk=ended.pk).update(
        status=AssignmentStatus.TERMINATED, status_reason="по заявлению"
    )
    person = mentor.person
    client.force_login(curator)
    form = {
        "person": person.pk,
        "starts_on": "2021-09-01",
        "ends_on": "2022-05-31",
        "duties": "Наставничество",
        "expected": "Адаптация",
        "conditions": "Посещение уроков",
        "payment": "3000",
        "contract_date": "2015-09-01",
        "contract_number": "47",
    }
    client.post(reverse("documents:new-agreement"), form)
    person.refresh_from_db()
    assert (person.contract_date, person.contract_number) == (datetime.date(2015, 9, 1), "47")
    client.post(
        reverse("documents:new-agreement"), form | {"contract_date": "", "contract_number": ""}
    )
    latest = Document.objects.filter(kind=Document.Kind.AGREEMENT).latest("pk")
    text = text_of(client.get(reverse("documents:pdf", args=[latest.pk])).content)
    assert "к трудовому договору от «01» сентября 2015 г. № 47" in text
    # the terminated pair's mentee is not counted (the table cell hyphenates the word)
    assert latest.params["volume"] == "3 наставляемых" and "3 настав" in text
    assert "3 000 (три тысячи) рублей 00 копеек в месяц" in text


def test_the_curator_prepares_an_amendment_from_the_signed_orders_page(
    client, school, curator, director, the_day_is
):
    """«Внести изменения (приказ)»: a field set per pair of the order (what changes), pairs
    awaiting an order to add; the draft carries exactly what was chosen."""
    the_day_is(datetime.date(2021, 10, 1))
    from documents import services
    from mentoring.models import AssignmentStatus
    from tests.documents.factories import assignment_order, give_basis, pair_awaiting_order
    from tests.documents.test_orders import sign
    from tests.mentoring.factories import make_mentor

    school.director = director
    school.save()
    pair = pair_awaiting_order(school)
    give_basis(pair, director)
    order = sign(assignment_order(school, [pair]), director)
    waiting = pair_awaiting_order(school)
    newcomer = make_mentor(school, last_name="Новая")
    client.force_login(curator)
    page = client.get(reverse("documents:detail", args=[order.pk])).content.decode()
    link = f"{reverse('documents:new-amendment')}?order={order.pk}"
    assert link in page.replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert str(pair) in form and f'name="action-{pair.pk}"' in form
    assert f'value="{newcomer.pk}"' in form and f'value="{waiting.pk}"' in form
    refused = client.post(link, {"reason": "заявлением", f"action-{pair.pk}": "mentor"})
    assert "Выберите нового наставника." in refused.content.decode()
    response = client.post(
        link,
        {
            "reason": "заявлением наставника",
            f"action-{pair.pk}": "mentor",
            f"mentor-{pair.pk}": newcomer.pk,
            "add": [waiting.pk],
        },
    )
    amendment = services.Document.objects.get(kind="amendment")
    assert response.url == reverse("documents:detail", args=[amendment.pk])
    assert amendment.amends == order and amendment.params["add"] == [waiting.pk]
    assert amendment.params["changes"][0] | {} == {
        "assignment": pair.pk, "action": "mentor", "starts_on": None, "ends_on": None,
        "mentor": newcomer.pk,
    }  # fmt: skip
    assert waiting.status == AssignmentStatus.AWAITING_ORDER
