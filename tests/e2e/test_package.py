"""Issue #15's measure: five teacher–teacher pairs go from the registry to a signed order in a
few form submissions and confirmations (each legally needed step, none repeated per pair)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import AcademicYear, Role
from core.periods import academic_year_start
from documents.models import Document
from mentoring.models import Assignment, AssignmentStatus
from tests.conftest import member
from tests.factories import OrganizationFactory
from tests.mentoring.factories import make_mentee, make_mentor

PASSWORD = "correct-horse-battery"
PAIRS = 5
# Counts every form a person sends (page loads, htmx posts, GET filters) and every dialog
COUNT_SUBMITS = """
document.addEventListener("submit", () => {
  sessionStorage.submits = String(Number(sessionStorage.submits || 0) + 1);
}, true);
"""


def school_with_waiting_teachers():
    school = OrganizationFactory(short_name="МБОУ «СШ № 19»")
    member(school, "curator-e2e", Role.CURATOR, last_name="Сидорова")
    director = member(school, "director-e2e", Role.DIRECTOR, last_name="Иванов", gender="m")
    school.director = director
    school.save()
    start = academic_year_start(timezone.localdate())
    AcademicYear.objects.get_or_create(
        start_year=start, defaults=AcademicYear.standard_dates(start)
    )
    for _ in range(PAIRS):
        make_mentor(school, capacity=1, experience_years=Decimal(20))
        make_mentee(school)
    return school


def open_as(browser, live_server, username):
    context = browser.new_context(locale="ru-RU", base_url=live_server.url)
    context.set_default_timeout(15_000)
    context.add_init_script(COUNT_SUBMITS)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.goto("/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page, dialogs


def submits(page) -> int:
    return int(page.evaluate("Number(sessionStorage.submits || 0)"))


def test_five_pairs_from_the_registry_to_a_signed_order(browser, live_server, transactional_db):
    school_with_waiting_teachers()

    curator, curator_dialogs = open_as(browser, live_server, "curator-e2e")
    curator.goto("/mentoring/matching/cohort/")
    curator.get_by_role("button", name="Принять и создать черновики").click()
    expect(curator.get_by_role("alert").first).to_contain_text(f"Создано черновиков пар: {PAIRS}")

    curator.get_by_label("Отметить все на странице").check()
    curator.get_by_label("Действие с отмеченными").select_option(
        label="подготовить приказ о закреплении"
    )
    curator.get_by_role("button", name="Выполнить").click()
    expect(curator.locator("input[name=assignments]:checked")).to_have_count(PAIRS)
    curator.get_by_role("button", name="Подготовить черновик").click()

    package = curator.get_by_test_id("package")
    expect(package).to_contain_text(f"соглашений — {PAIRS}")
    package.get_by_label("Согласия (отметить все полученные)").check()
    package.get_by_role("button", name="Внести отмеченные согласия").click()
    expect(package).to_contain_text(f"Внесено согласий: {4 * PAIRS}.")
    package.get_by_label("Доплата, рублей в месяц").fill("3000")
    package.get_by_role("button", name="Подготовить все соглашения").click()
    expect(package).to_contain_text(f"Подготовлено дополнительных соглашений: {PAIRS}.")
    package.get_by_role(
        "button", name=f"Отправить на подпись вместе с соглашениями ({PAIRS})"
    ).click()
    expect(curator.get_by_role("alert").first).to_contain_text("отправлен директору на подпись")

    director, director_dialogs = open_as(browser, live_server, "director-e2e")
    director.get_by_test_id("panel-inbox").get_by_role("link").filter(
        has_text="О назначении наставников"
    ).click()
    director.wait_for_load_state("load")  # the preview's PDF loaded (see sign_assignment_order)
    director.get_by_role("button", name=f"Подписать соглашения ({PAIRS}) и приказ").click()
    expect(director.get_by_role("alert").first).to_contain_text("Документ подписан")

    total = submits(curator) + submits(director)
    confirmations = len(curator_dialogs) + len(director_dialogs)
    print(
        f"{PAIRS} pairs to a signed order: {total} form submissions, "
        f"{confirmations} confirmation(s)"
    )
    assert total <= 15 and confirmations <= 3
    assert director_dialogs and f"дополнительные соглашения ({PAIRS}:" in director_dialogs[0]
    signed = Document.objects.filter(status=Document.Status.SIGNED)
    assert signed.filter(kind=Document.Kind.AGREEMENT).count() == PAIRS
    assert signed.filter(kind=Document.Kind.ASSIGNMENT).count() == 1
    assert Assignment.objects.filter(status=AssignmentStatus.ACTIVE).count() == PAIRS
