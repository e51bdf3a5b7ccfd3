"""The menu offers each role only what it may open: every entry a role sees answers 200."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def menu_links(html: str) -> list[str]:
    nav = html.split('aria-label="Главное меню"')[1].split("</nav>")[0]
    return [href for href in re.findall(r'href="(/[^"#]*)"', nav) if "admin" not in href]


def test_every_menu_entry_opens_for_the_role_that_sees_it(client, personas, academic_year):
    opened = 0
    for role, user in personas.items():
        client.force_login(user)
        for href in menu_links(client.get(reverse("home")).content.decode()):
            status = client.get(href).status_code
            assert status == 200, f"{role}: the menu's {href} answers {status}"
            opened += 1
    assert opened >= 20  # the walk saw the menus


def test_my_questionnaires_is_not_offered_to_someone_without_a_card(client, director, teacher):
    client.force_login(director)
    assert reverse("monitoring:my-questionnaires") not in menu_links(
        client.get(reverse("home")).content.decode()
    )
    client.force_login(teacher)
    assert reverse("monitoring:my-questionnaires") in menu_links(
        client.get(reverse("home")).content.decode()
    )


def test_the_rollup_is_offered_to_the_coordinator_without_a_query_of_its_own(
    client, coordinator, curator
):
    """Whether the user coordinates a municipality comes with the user (accounts.backends):
    the menu asks the coordinators' table nothing more on any page."""
    rollup = reverse("monitoring:rollup")
    for user, offered in ((coordinator, True), (curator, False)):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("home")).content.decode()
        assert (rollup in menu_links(html)) is offered, user.username
        own = [
            q["sql"]
            for q in queries
            if q["sql"].startswith('SELECT 1 AS "a" FROM "accounts_coordinator"')
        ]
        assert not own, own
