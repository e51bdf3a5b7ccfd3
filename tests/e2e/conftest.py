"""Browser tests: Playwright for Python driving Debian's Chromium against a live server."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.documents.factories import PAIRS_ORDER_TITLE
from tests.documents.test_orders import text_of
from tests.once import seeded_demo

# Playwright's sync API runs an event loop in this thread; the live server's database
# access from here is still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=LAUNCH_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(locale="ru-RU", base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The seed_demo data set, as `make run` shows it (tests.once.seeded_demo: seeded once in
    this process, its rows put back for each next test, whose flush emptied the tables)."""
    seeded_demo()


DEMO_PASSWORD = "demo"


def login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(re.compile(r".*/$"))


def logout(page) -> None:
    """Sign out through the menu under one's own name."""
    page.locator("nav .dropdown-toggle").last.click()
    page.get_by_role("button", name="Выйти").click()
    expect(page.get_by_role("heading", name="Вход в портал")).to_be_visible()


def download_pdf_text(page, link) -> str:
    """Click a download link and return the text of the PDF it gives."""
    with page.expect_download() as download:
        link.click()
    return text_of(download.value.path().read_bytes())


# --- steps more than one story takes ------------------------------------------------------


def go_to(page, *labels: str) -> None:
    """Through the main menu: `go_to(page, "Наставничество", "Пары и группы")` opens the
    drop-down, then follows the item; one label is a top-level link."""
    nav = page.get_by_role("navigation", name="Главное меню")
    toggler = nav.get_by_role("button", name="Открыть меню")
    if toggler.is_visible():  # a phone: the menu is collapsed behind its button
        toggler.click()
    if len(labels) == 2:
        nav.get_by_role("button", name=labels[0]).click()
    nav.get_by_role("link", name=labels[-1], exact=True).click()


def pick_suggested_mentor(page) -> tuple[str, str]:
    """The curator takes the first pupil waiting for a teacher mentor and the best suggested
    mentor, and sees the draft pair of the two. Returns the mentee's and the mentor's full names.
    (The demo's pupil mentors of 2021 have finished school since, so pupils who want one of
    them wait with no suggestion today.)"""
    go_to(page, "Наставничество", "Пары и группы")
    page.get_by_role("link", name="Подбор наставников").click()
    row = (
        page.get_by_test_id("waiting")
        .locator("tbody tr")
        .filter(has=page.get_by_role("cell", name="учитель – ученик", exact=True))
        .first
    )
    mentee_name = row.locator("td").first.inner_text()
    row.get_by_role("link", name="Подобрать наставника").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(mentee_name)
    best = page.get_by_test_id("candidate").first
    expect(best).to_contain_text("Дефициты")
    mentor_name = best.locator("h2").inner_text()
    best.get_by_role("button", name=re.compile("^Выбрать")).click()
    expect(page.get_by_test_id("status")).to_have_text("черновик")
    expect(page.get_by_test_id("mentors")).to_contain_text(mentor_name)
    expect(page.get_by_test_id("mentees")).to_contain_text(mentee_name)
    return mentee_name, mentor_name


def send_assignment_order(page, pair: str | None = None) -> str:
    """The curator prepares the order assigning `pair` (the first pair awaiting an order when
    None), finds no basis document missing and sends it to the director. Returns the pair."""
    page.get_by_role("link", name="Документы").click()
    page.get_by_role("button", name="Подготовить документ").click()
    page.get_by_role("link", name="Приказ о закреплении пар и групп").click()
    if pair is None:
        choice = page.locator("input[name=assignments]").first
        pair = page.locator(f"label[for='{choice.get_attribute('id')}']").inner_text().strip()
    page.get_by_label(pair, exact=True).check()
    page.get_by_role("button", name="Подготовить черновик").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PAIRS_ORDER_TITLE)
    expect(page.get_by_test_id("missing")).to_have_count(0)
    page.get_by_role("button", name="Отправить на подпись").click()
    expect(page.get_by_role("alert").first).to_contain_text("отправлен директору на подпись")
    return pair


def send_agreement(page, employee: str, today: datetime.date) -> None:
    """The curator prepares a mentor's supplementary agreement from `today` to the end of
    May and sends it to the director."""
    page.get_by_role("link", name="Документы").click()
    page.get_by_role("button", name="Подготовить документ").click()
    page.get_by_role("link", name="Дополнительное соглашение с наставником").click()
    page.get_by_label("Работник (наставник)").select_option(label=employee)
    page.locator("#id_starts_on").fill(today.isoformat())
    page.locator("#id_ends_on").fill(datetime.date(today.year + 1, 5, 31).isoformat())
    page.get_by_label("Доплата, рублей в месяц").fill("3000")
    page.get_by_role("button", name="Подготовить черновик").click()
    page.get_by_role("button", name="Отправить на подпись").click()
    expect(page.get_by_role("alert").first).to_contain_text("отправлен директору на подпись")


def confirm_click(page, button, attempts: int = 3) -> None:
    """Click a button whose form asks «…?» (portal.js: data-confirm) and answer yes.

    Under load, Chromium sometimes closes the question by itself before it can be answered —
    seen with a PDF preview loading in the page's frame: the answer then fails with «No dialog
    is showing», confirm() returns false and the form is not sent. Then the button is clicked
    again; a form that was sent is never sent twice (the answer succeeded, nothing is
    repeated)."""
    from playwright.sync_api import Error

    for _ in range(attempts):
        answered: list[bool] = []

        def answer(dialog, answered=answered) -> None:
            try:
                dialog.accept()
                answered.append(True)
            except Error:  # closed before the answer: the form stays unsent
                pass

        page.once("dialog", answer)
        button.click()
        if answered:
            return
    raise AssertionError(f"the confirmation closed before it was answered, {attempts} times")


def sign_assignment_order(page, title: str = PAIRS_ORDER_TITLE, inbox: str = "panel-inbox") -> None:
    """The director opens the document in the inbox (the home page's panel, or the inbox page:
    `inbox="inbox"`), sees its preview and signs it; it gets a number, a date and the PDF's
    checksum."""
    page.get_by_test_id(inbox).get_by_role("link", name=re.compile(re.escape(title))).click()
    preview = page.get_by_test_id("pdf-preview")
    expect(preview).to_be_visible()
    assert "/pdf/" in preview.get_attribute("src")
    page.wait_for_load_state("load")
    started = time.monotonic()
    confirm_click(page, page.get_by_role("button", name=re.compile("^Подписать")))
    # signing renders and stores the PDF: on a loaded 2-core machine it may take seconds
    expect(page.get_by_role("alert").first).to_contain_text("Документ подписан", timeout=20_000)
    print(f"signing «{title}» took {time.monotonic() - started:.1f} s")
    number = page.get_by_test_id("document-number")
    expect(number).to_contain_text(re.compile(r"№ \d+ от \d\d\.\d\d\.\d{4}"))
    expect(page.get_by_test_id("document-hash")).to_contain_text("SHA-256")


def answer_mentor_potential_questionnaire(page) -> None:
    """Answers every question of the standard «Анкета потенциального наставника»."""
    page.get_by_label("да", exact=True).check()
    page.get_by_label("учитель – учитель").check()
    page.get_by_label("планирование и анализ уроков").check()
    page.get_by_label("4. Скольких наставляемых вы могли бы вести одновременно?").fill("2")
    page.get_by_label("5", exact=True).check()


def build_semester_report_pdf(page) -> str:
    """On a semester report's page: has the PDF built, waits for it and returns its text."""
    before = page.get_by_test_id("job").count()
    page.get_by_role("button", name="Сформировать PDF").click()
    expect(page.get_by_role("alert").first).to_contain_text("Справка формируется")
    expect(page.get_by_test_id("job")).to_have_count(before + 1)
    link = page.get_by_test_id("job-download").first
    expect(link).to_be_visible(timeout=20_000)
    return download_pdf_text(page, link)
