"""The director finds the documents to sign in the header's notifications and signs from there;
the notice is read once the menu has been opened."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, logout, send_assignment_order, sign_assignment_order


def test_director_signs_from_the_notifications_menu(page, demo):
    login(page, "curator")
    send_assignment_order(page)  # the demo's desk had one document: now two
    logout(page)

    login(page, "director")
    notices = page.get_by_test_id("notices")
    expect(notices.get_by_test_id("notices-unread")).to_be_visible()
    notices.get_by_role("button", name="Уведомления").click()
    notices.get_by_role("link", name="Документы на подпись: 2").click()
    sign_assignment_order(page, inbox="inbox")
    page.reload()
    expect(page.get_by_test_id("notices")).to_be_visible()
    expect(page.get_by_test_id("notices-unread")).to_have_count(0)
