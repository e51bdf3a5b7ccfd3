"""The program's four flows as one story on the demo school: the curator forms a pair from a
suggested match and sends its order; the director signs it and the order names the pair; a
mentor answers the open questionnaire; the deputy's semester report counts the new pair and
cites the new order."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from core.russian import year_range
from tests.documents.factories import PAIRS_ORDER_TITLE
from tests.e2e.conftest import (
    answer_mentor_potential_questionnaire,
    build_semester_report_pdf,
    download_pdf_text,
    login,
    logout,
    pick_suggested_mentor,
    send_agreement,
    send_assignment_order,
    sign_assignment_order,
)

ORDER_TITLE = PAIRS_ORDER_TITLE


def initials_name(full_name: str) -> str:
    """«Соловьёв В.З.» for «Соловьёв Виктор Захарович»: how the order lists its people."""
    last, *given = full_name.split()
    return f"{last} {''.join(f'{name[0]}.' for name in given)}"


def test_a_suggested_pair_reaches_the_order_and_the_semester_report(page, demo):
    from documents.russian import date_long
    from mentoring.models import Assignment, AssignmentMentee, AssignmentMentor, AssignmentStatus

    # 1. The curator forms a pair from a suggested match and moves it on to await its order.
    login(page, "curator")
    mentee, mentor = pick_suggested_mentor(page)
    pair_pk = int(re.search(r"/assignments/(\d+)/", page.url).group(1))
    created = page.get_by_role("alert").first.inner_text()
    pair = re.search(r"Создан черновик пары: (.+)\.", created).group(1)
    for status in ("ожидает согласий", "ожидает приказа"):
        page.get_by_label("Новый статус").select_option(label=status)
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Изменить статус").click()
        expect(page.get_by_test_id("status")).to_have_text(status)

    # 2. The suggested teacher has no supplementary agreement yet, and an order needs one
    # signed by its own date: the curator prepares it, the director signs it.
    from registry.models import Person

    today = timezone.localdate()
    mentor_person = Person.objects.get(
        pk=AssignmentMentor.objects.get(assignment=pair_pk).mentor.person_id
    )
    from documents.basis import agreements_in_force

    if mentor_person.category == "teacher" and not agreements_in_force([mentor_person.pk], today):
        send_agreement(page, mentor, today)
        logout(page)
        login(page, "director")
        sign_assignment_order(
            page, f"Дополнительное соглашение к трудовому договору — {initials_name(mentor)}"
        )
        logout(page)
        login(page, "curator")

    # 3. She prepares the order assigning that pair and sends it to the director.
    send_assignment_order(page, pair)
    logout(page)

    # 4. The director signs it: the order gets a number and names the pair's two people.
    login(page, "director")
    sign_assignment_order(page)
    number, signed = re.search(
        r"№ (\d+) от (\d\d\.\d\d\.\d{4})", page.get_by_test_id("document-number").inner_text()
    ).groups()
    signed_on = datetime.datetime.strptime(signed, "%d.%m.%Y").date()  # noqa: DTZ007 - a day
    order = download_pdf_text(page, page.get_by_role("link", name="Скачать PDF"))
    assert ORDER_TITLE in order
    assert f"с приказом от {date_long(signed_on)} № {number}" in order
    assert f"{initials_name(mentor)} (наставник)" in order
    assert f"{initials_name(mentee)} (наставляемый)" in order
    page.get_by_role("link", name=pair, exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("действует")
    logout(page)

    # 5. A mentor answers the questionnaire open to the school's teachers. No mentor the
    # matching suggests on the demo data has a login, so the demo mentor Фёдорова answers.
    login(page, "teacher")
    questionnaires = page.get_by_test_id("panel-my-questionnaires")
    questionnaires.get_by_role("link", name="Анкета потенциального наставника").click()
    answer_mentor_potential_questionnaire(page)
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_role("alert").first).to_contain_text("Ваши ответы отправлены")
    expect(page.get_by_test_id("my-questionnaires")).to_contain_text("Отправлено")
    logout(page)

    # 6. The deputy opens the report of the half the order was signed in and downloads it.
    new_pair = Assignment.objects.select_related("academic_year", "form").get(pk=pair_pk)
    year = new_pair.academic_year
    half = 1 if signed_on <= year.first_half_ends else 2
    starts_on, ends_on = year.half_bounds(half)
    running = Assignment.objects.filter(
        organization=new_pair.organization,
        status__in=[AssignmentStatus.ACTIVE, AssignmentStatus.FINISHED],
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    )
    assert running.filter(pk=pair_pk).exists()
    login(page, "deputy")
    page.get_by_test_id("panel-reports").get_by_role("link", name="Все справки").click()
    page.get_by_label("Учебный год").select_option(label=str(year))
    page.get_by_label("Полугодие").select_option(label=f"{half} полугодие")
    page.get_by_role("button", name="Открыть справку").click()
    period = year_range(year.start_year)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"по итогам {half} полугодия {period}"
    )
    figures = page.get_by_test_id("report-figures")
    expect(figures).to_contain_text(f"пар и групп: {running.count()}")
    report = build_semester_report_pdf(page)
    assert f"по итогам {half} полугодия {period} учебного года" in report
    assert f"Действует пар и групп: {running.count()}." in report
    in_form = running.filter(form=new_pair.form)
    row = [
        in_form.filter(kind=Assignment.Kind.PAIR).count(),
        in_form.filter(kind=Assignment.Kind.GROUP).count(),
        AssignmentMentor.objects.filter(assignment__in=in_form).values("mentor").distinct().count(),
        AssignmentMentee.objects.filter(assignment__in=in_form).values("mentee").distinct().count(),
    ]
    assert f"«{new_pair.form.name}» {' '.join(map(str, row))}" in report
    if signed_on <= ends_on:  # an order signed in June–August is cited from the next half on
        assert f"приказа от {signed} № {number} «{ORDER_TITLE}»" in report
