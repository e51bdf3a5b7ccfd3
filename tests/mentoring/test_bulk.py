"""The pairs list moves several pairs at once: to «ожидает согласий», to «ожидает приказа», or
into a new assignment order."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mentoring.models import AssignmentStatus as S
from registry.models import MentorProfile
from tests.mentoring.factories import make_mentor, make_pair
from tests.pages import visible_text

pytestmark = pytest.mark.django_db

URL = reverse("mentoring:assignment-bulk")


def test_the_curator_moves_ticked_pairs_forward_in_one_step(client, curator, school):
    drafts = [make_pair(school), make_pair(school)]
    waiting = make_pair(school, status=S.AWAITING_CONSENTS)
    client.force_login(curator)
    response = client.post(
        URL,
        {
            "assignments": [p.pk for p in [*drafts, waiting]],
            "action": "awaiting_order",
            "back": "?status=draft",
        },
    )
    assert response.url == reverse("mentoring:assignment-list") + "?status=draft"
    for pair in [*drafts, waiting]:
        pair.refresh_from_db()
        assert pair.status == S.AWAITING_ORDER
    assert "Переведено в «ожидает приказа»: 3." in visible_text(client.get(response.url))


def test_one_pair_that_cannot_move_keeps_them_all_where_they_were(client, curator, school):
    good = make_pair(school)
    left = make_mentor(school)
    bad = make_pair(school, mentor=left)
    MentorProfile.objects.filter(pk=left.pk).update(status=MentorProfile.Status.LEFT)
    active = make_pair(school, status=S.ACTIVE)
    client.force_login(curator)
    response = client.post(
        URL, {"assignments": [good.pk, bad.pk, active.pk], "action": "awaiting_consents"}
    )
    page = visible_text(client.get(response.url))
    assert f"{active}: Из статуса «действует» нельзя перейти в «ожидает согласий»." in page
    assert f"{bad}:" in page
    for pair, status in [(good, S.DRAFT), (bad, S.DRAFT), (active, S.ACTIVE)]:
        pair.refresh_from_db()
        assert pair.status == status


def test_into_an_order_opens_the_new_order_with_the_pairs_ticked(client, curator, school):
    pairs = [make_pair(school), make_pair(school, status=S.AWAITING_CONSENTS)]
    other = make_pair(school, status=S.AWAITING_ORDER)
    client.force_login(curator)
    response = client.post(URL, {"assignments": [p.pk for p in pairs], "action": "order"})
    assert response.url.startswith(reverse("documents:new-assignment") + "?assignments=")
    html = client.get(response.url).content.decode()
    ticked = {int(pk) for pk in re.findall(r'name="assignments" value="(\d+)"[^>]*checked', html)}
    assert ticked == {p.pk for p in pairs}  # the pair already awaiting is offered, not ticked
    assert f'name="assignments" value="{other.pk}"' in html


def test_another_schools_pairs_cannot_be_ticked(client, curator, school, other_school):
    foreign = make_pair(other_school)
    client.force_login(curator)
    response = client.post(URL, {"assignments": [foreign.pk], "action": "awaiting_consents"})
    foreign.refresh_from_db()
    assert foreign.status == S.DRAFT
    assert "Выберите корректный вариант" in visible_text(client.get(response.url))


def test_only_the_curator_sees_the_checkboxes(client, curator, director, school):
    pair = make_pair(school)
    client.force_login(curator)
    assert (
        f'name="assignments" value="{pair.pk}"'
        in client.get(reverse("mentoring:assignment-list")).content.decode()
    )
    client.force_login(director)
    page = client.get(reverse("mentoring:assignment-list")).content.decode()
    assert 'name="assignments"' not in page and "Действие с отмеченными" not in page
