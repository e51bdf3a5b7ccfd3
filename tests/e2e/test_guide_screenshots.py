"""The user guide's screenshots, taken over the demo as each role sees the page: every page
of tests.guide_screenshots.SHOTS opens for its role with its heading; with
GUIDE_SCREENSHOTS=1 the pictures are written to docs/img/ (JPEG, 1366 × 800)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, logout
from tests.guide_screenshots import IMAGES, SHOTS

pytestmark = pytest.mark.e2e


def test_the_guides_screenshots_are_taken_as_each_role_sees_the_page(demo, page, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 800})
    out = IMAGES if os.environ.get("GUIDE_SCREENSHOTS") == "1" else tmp_path
    signed_in = None
    for role, path, name, _caption, heading in SHOTS:
        if role != signed_in:
            if signed_in:
                logout(page)
            login(page, role)
            signed_in = role
        page.goto(path)
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        page.wait_for_load_state("networkidle")  # the header's notifications are in
        page.screenshot(path=str(out / name), type="jpeg", quality=70)
        assert (out / name).stat().st_size > 10_000, name
