"""The deputy opens the semester report, has the PDF built, sees it ready and downloads it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import build_semester_report_pdf, login


def test_deputy_builds_and_downloads_the_semester_report(page, demo):
    login(page, "deputy")
    panel = page.get_by_test_id("panel-reports")
    panel.get_by_role("link", name=re.compile("1 полугодие")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("по итогам 1 полугодия 2021-2022")
    expect(page.get_by_test_id("report-figures")).to_contain_text("пар и групп")
    text = build_semester_report_pdf(page)
    assert "о промежуточных результатах реализации целевой модели наставничества" in text
    assert "приказ от 01.09.2021 № 144" in text
    assert "Отметка о выполнении" in text
