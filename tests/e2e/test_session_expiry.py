"""#26: a page left open while its session expires: the next htmx request sends the whole page
to the login page, back to where it was — never the login form inside the header's menu."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, login


def test_an_expired_session_sends_the_whole_page_to_login(page, transactional_db, curator):
    curator.set_password(DEMO_PASSWORD)
    curator.save()
    login(page, curator.username)
    notices = page.get_by_test_id("notices")
    expect(notices).to_be_visible()  # the header's notifications, loaded by htmx
    page.context.clear_cookies(name="sessionid")  # the session ends with the page open
    notices.get_by_role("button", name="Уведомления").click()  # an htmx POST
    expect(page).to_have_url(re.compile(r"/login/\?next=%2F$"))
    expect(page.get_by_role("button", name="Войти")).to_be_visible()
    expect(page.locator("nav [data-testid=notices]")).to_have_count(0)
    login(page, curator.username)  # and back to the page it was on
    expect(page.get_by_test_id("notices")).to_be_visible()
