"""Every page each demo role can reach, on a 1366 px screen and on a 375 px phone (issue #15):
no page is wider than the phone (tables scroll in their own box), axe-core finds no serious or
critical accessibility violation, no two elements of a page share an id, and nothing moves
when the header's notifications arrive (cumulative layout shift under 0.1 at 1366 px, read
with a PerformanceObserver once they have loaded).

The walk follows the links each role sees from its home page over the seed_demo data (one
page per URL shape: /documents/15/ stands for every document), so a new page is checked as
soon as a link leads to it."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import login

ROLES = ("curator", "director", "deputy", "teacher", "mentee", "psychologist", "coordinator")
PHONE, DESKTOP = 375, 1366
# Not pages: downloads, file exports, PDF frames, signing out, the admin (Django's own)
SKIP = re.compile(r"/(logout|admin)/|\.(pdf|xlsx|csv|ics)$|/(pdf|download|xlsx|csv|export|scan)/")
BLOCKING = {"serious", "critical"}
MAX_PAGES = 120
DUPLICATE_IDS = """() => {
  const seen = {};
  document.querySelectorAll("[id]").forEach((el) => { seen[el.id] = (seen[el.id] || 0) + 1; });
  return Object.keys(seen).filter((id) => seen[id] > 1);
}"""
LINKS = "els => els.map(e => e.getAttribute('href'))"
RUN_AXE = "axe.run(document, {resultTypes: ['violations']})"
MAX_SHIFT = 0.1  # "good" cumulative layout shift (web.dev/cls)
OBSERVE_SHIFTS = """window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});"""
# the shifts of the frames painted so far
READ_SHIFT = """() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => done(window.__shift))))"""


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(page, base: str):
    """Yield each page a role reaches by links from its home page, once per URL shape."""
    queue, queued, shapes = ["/"], {"/"}, set()
    while queue and len(shapes) < MAX_PAGES:
        path = queue.pop(0)
        if shape(path) in shapes:
            continue
        shapes.add(shape(path))
        response = page.goto(path)
        if response is None or response.status != 200:
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        yield path
        for href in page.eval_on_selector_all("a[href]", LINKS):
            url = urlparse(urljoin(base + path, href))
            if url.netloc != urlparse(base).netloc or SKIP.search(url.path):
                continue
            if url.path not in queued:
                queued.add(url.path)
                queue.append(url.path)


def check_role(browser, live_server, role: str) -> tuple[list[str], list[str]]:
    """(pages visited, problems found) for one demo login."""
    context = browser.new_context(
        locale="ru-RU",
        base_url=live_server.url,
        viewport={"width": DESKTOP, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    context.add_init_script(OBSERVE_SHIFTS)
    # axe-core loaded by the browser with each page rather than sent over for each check
    # (half a megabyte of script: a fifth of a page's check)
    context.add_init_script(Axe().axe_script)
    page = context.new_page()
    problems, visited = [], []
    try:
        login(page, role)
        for path in walk(page, live_server.url):
            visited.append(path)
            if page.locator("#notices").count():
                page.wait_for_selector("[data-testid=notices]")  # loaded by htmx
            shift = page.evaluate(READ_SHIFT)
            if shift >= MAX_SHIFT:
                problems.append(f"{role} {path}: layout shift {shift:.3f} at {DESKTOP} px")
            for violation in page.evaluate(RUN_AXE)["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [n["target"] for n in violation["nodes"][:3]]
                    problems.append(
                        f"{role} {path}: axe {violation['id']} ({violation['impact']}) {targets}"
                    )
            duplicates = page.evaluate(DUPLICATE_IDS)
            if duplicates:
                problems.append(f"{role} {path}: duplicate ids {duplicates}")
            page.set_viewport_size({"width": PHONE, "height": 800})
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE:
                problems.append(f"{role} {path}: {width} px wide on a {PHONE} px phone")
            page.set_viewport_size({"width": DESKTOP, "height": 900})
    finally:
        context.close()
    return visited, problems


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_fits_a_phone_and_passes_axe(browser, live_server, demo, role):
    """One role per test, so that the roles' walks run side by side (pytest-xdist)."""
    visited, problems = check_role(browser, live_server, role)
    print(f"{role}: {len(visited)} pages checked at {DESKTOP} and {PHONE} px")
    assert len(visited) >= 5, (role, visited)  # the walk itself works
    assert not problems, "\n".join(problems)
