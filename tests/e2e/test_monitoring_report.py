"""The deputy opens the demo's finalised report, downloads its stored PDF, and has the PDF of a
report not yet finalised built in the background."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import build_semester_report_pdf, download_pdf_text, go_to, login


def test_deputy_downloads_the_finalised_report_and_builds_another(page, demo):
    login(page, "deputy")
    panel = page.get_by_test_id("panel-reports")
    panel.get_by_role("link", name=re.compile("1 полугодие")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("по итогам 1 полугодия 2021–2022")
    expect(page.get_by_test_id("report-finalised")).to_contain_text(
        re.compile(r"Утверждена \d\d\.\d\d\.\d{4}, Петрова Анна Сергеевна, SHA-256 [0-9a-f]{16}")
    )
    expect(page.get_by_test_id("report-changes")).to_contain_text("Данные за период не изменились")
    text = download_pdf_text(page, page.get_by_test_id("report-pdf"))
    assert "о промежуточных результатах реализации целевой модели наставничества" in text
    assert "приказ от 01.09.2021 № 144" in text
    assert "Отметка о выполнении" in text

    go_to(page, "Мониторинг", "Справки")
    page.get_by_label("Учебный год").select_option(label="2021–2022")
    page.get_by_label("Полугодие").select_option(label="2 полугодие")
    page.get_by_role("button", name="Открыть справку").click()
    text = build_semester_report_pdf(page)
    assert "по итогам 2 полугодия 2021–2022 учебного года" in text
