"""The curator forms a pair from a suggestion; a teacher marks a plan event done."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, pick_suggested_mentor


def test_curator_picks_a_suggested_mentor_and_sees_the_new_pair(page, demo):
    login(page, "curator")
    pick_suggested_mentor(page)


def test_teacher_marks_a_plan_event_done(page, demo):
    login(page, "teacher")
    panel = page.get_by_test_id("panel-my-assignments")
    expect(panel).to_contain_text("Соловьёв")
    panel.get_by_role("row").filter(has_text="Соловьёв").get_by_role("link").first.click()
    progress = page.get_by_test_id("plan-progress")
    before = int(re.search(r"Выполнено мероприятий: (\d+)", progress.inner_text()).group(1))
    event = (
        page.get_by_test_id("plan-event")
        .filter(has=page.get_by_role("button", name="Выполнено"))
        .first
    )
    event_id = event.get_attribute("id")
    event.get_by_label("Отметка").fill("обсудили на встрече")
    event.get_by_role("button", name="Выполнено").click()
    marked = page.locator(f"#{event_id}")
    expect(marked.get_by_test_id("event-done")).to_contain_text("выполнено")
    expect(marked).to_contain_text("обсудили на встрече")
    expect(progress).to_contain_text(f"Выполнено мероприятий: {before + 1} из")


def test_curator_accepts_the_cohort_proposal_with_one_row_dropped(page, demo):
    login(page, "curator")
    page.goto("/mentoring/matching/cohort/")
    rows = page.get_by_test_id("cohort").locator("tbody tr")
    proposed = [rows.nth(i).locator("select").input_value() for i in range(rows.count())]
    chosen = sum(1 for value in proposed if value)
    assert chosen >= 2
    first = next(i for i, value in enumerate(proposed) if value)
    rows.nth(first).locator("select").select_option("")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Принять и создать черновики").click()
    expect(page.locator("main")).to_contain_text(f"Создано черновиков пар: {chosen - 1}.")
