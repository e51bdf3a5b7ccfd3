"""The municipal coordinator has the rollup built in the background and downloads it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import download_pdf_text, login


def test_coordinator_builds_the_rollup_pdf_and_goes_back_to_it(page, demo):
    login(page, "coordinator")
    page.get_by_role("link", name="Мониторинг муниципалитета").first.click()
    page.get_by_test_id("rollup-build").get_by_role("button", name="Сформировать PDF").click()
    link = page.get_by_test_id("job-download")
    expect(link).to_be_visible(timeout=20_000)
    text = download_pdf_text(page, link)
    assert "Реализация целевой модели наставничества" in text and "ИТОГО:" in text
    page.get_by_role("link", name="К своду").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Мониторинг наставничества в муниципалитете"
    )
