"""Each demo login reaches its own home page in a real browser."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize("username", list(HOME))
def test_demo_login_reaches_home(page, demo, username):
    login(page, username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")
    roles = page.get_by_test_id("roles")
    for text in HOME[username]:
        expect(page.locator("main")).to_contain_text(text)
    expect(roles).to_be_visible()
    logout(page)


def test_curator_switches_between_her_two_schools(page, demo):
    login(page, "curator")
    page.get_by_test_id("organization-switcher").click()
    page.get_by_role("button", name="МБОУ «СШ № 4»").click()
    expect(page.get_by_role("alert")).to_contain_text("МБОУ «СШ № 4»")
    expect(page.get_by_test_id("organization-switcher")).to_have_text("МБОУ «СШ № 4»")


def test_wrong_password_is_refused_in_russian(page, demo):
    page.goto("/login/")
    page.get_by_label("Имя пользователя").fill("curator")
    page.get_by_label("Пароль").fill("nope")
    page.get_by_role("button", name="Войти").click()
    expect(page.locator("form")).to_contain_text("Неверное имя пользователя или пароль.")
