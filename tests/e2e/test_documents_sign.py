"""The curator sends the assignment order for signature; the director previews and signs it in
the inbox; the pair it names starts («действует»)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login


def test_director_signs_the_assignment_order(page, demo):
    login(page, "curator")
    page.get_by_role("link", name="Документы").click()
    page.get_by_role("button", name="Подготовить документ").click()
    page.get_by_role("link", name="Приказ о закреплении пар и групп").click()
    choice = page.locator("input[name=assignments]").first
    pair_label = page.locator(f"label[for='{choice.get_attribute('id')}']").inner_text()
    choice.check()
    page.get_by_role("button", name="Подготовить черновик").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "О закреплении наставнических пар и групп"
    )
    expect(page.get_by_test_id("missing")).to_have_count(0)
    page.get_by_role("button", name="Отправить на подпись").click()
    expect(page.get_by_role("alert").first).to_contain_text("отправлен директору на подпись")
    page.get_by_role("button", name=re.compile("Сидорова")).click()
    page.get_by_role("button", name="Выйти").click()

    login(page, "director")
    inbox = page.get_by_test_id("panel-inbox")
    inbox.get_by_role("link", name=re.compile("О закреплении наставнических пар и групп")).click()
    preview = page.get_by_test_id("pdf-preview")
    expect(preview).to_be_visible()
    assert "/pdf/" in preview.get_attribute("src")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Подписать").click()
    expect(page.get_by_role("alert").first).to_contain_text("Документ подписан")
    number = page.get_by_test_id("document-number")
    expect(number).to_contain_text(re.compile(r"№ \d+ от \d\d\.\d\d\.\d{4}"))
    expect(page.get_by_test_id("document-hash")).to_contain_text("SHA-256")
    page.get_by_role("link", name=pair_label.strip()).click()
    expect(page.get_by_test_id("status")).to_have_text("действует")
