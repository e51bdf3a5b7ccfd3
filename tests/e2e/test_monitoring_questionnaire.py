"""A teacher fills a questionnaire online, on a phone-sized screen, and sends it once."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import answer_mentor_potential_questionnaire, login


def test_teacher_fills_and_sends_a_questionnaire(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "teacher")
    panel = page.get_by_test_id("panel-my-questionnaires")
    panel.get_by_role("link", name="Анкета потенциального наставника").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Анкета потенциального наставника")
    page.get_by_label("да", exact=True).check()
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_role("alert").first).to_contain_text("Черновик сохранён")
    expect(page.get_by_label("да", exact=True)).to_be_checked()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    answer_mentor_potential_questionnaire(page)
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_role("alert").first).to_contain_text("Ваши ответы отправлены")
    expect(page.get_by_test_id("my-questionnaires")).to_contain_text("Отправлено")
