"""Each demo login reaches its own home page in a real browser; a wrong password is refused;
the curator of two schools switches between them."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, logout

HOME = {
    "curator": ["Куратор", "Реестры школы"],
    "director": ["Директор", "Реестры школы"],
    "deputy": ["Заместитель директора", "Реестры школы"],
    "teacher": ["Педагог"],
    "mentee": ["Педагог"],
    "psychologist": ["Психолог"],
    "coordinator": ["Муниципальный координатор"],
}


def test_every_demo_login_reaches_its_home(page, demo):
    """One seeded database for all seven logins (seeding is most of a browser test's time)."""
    for username, texts in HOME.items():
        login(page, username)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")
        for text in texts:
            expect(page.locator("main")).to_contain_text(text)
        expect(page.get_by_test_id("roles")).to_be_visible()
        logout(page)


def test_wrong_password_is_refused_in_russian(page, demo):
    page.goto("/login/")
    page.get_by_label("Имя пользователя").fill("curator")
    page.get_by_label("Пароль").fill("nope")
    page.get_by_role("button", name="Войти").click()
    expect(page.locator("main form")).to_contain_text("Неверное имя пользователя или пароль.")
    login(page, "curator")  # and the right one still works after a failure
    page.get_by_test_id("organization-switcher").click()
    page.get_by_role("button", name="МБОУ «СШ № 4»").click()
    expect(page.get_by_role("alert")).to_contain_text("МБОУ «СШ № 4»")
    expect(page.get_by_test_id("organization-switcher")).to_have_text("МБОУ «СШ № 4»")
