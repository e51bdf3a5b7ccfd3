"""The curator sends the assignment order for signature; the director previews and signs it in
the inbox; the pair it names starts («действует»)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, logout, send_assignment_order, sign_assignment_order


def test_director_signs_the_assignment_order(page, demo):
    login(page, "curator")
    pair = send_assignment_order(page)
    logout(page)

    login(page, "director")
    sign_assignment_order(page)
    page.get_by_role("link", name=pair).click()
    expect(page.get_by_test_id("status")).to_have_text("действует")
