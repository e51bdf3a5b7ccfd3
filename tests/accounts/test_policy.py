"""The policy table drives the views: every view with a role check names an action of the
table, and each action is granted exactly to the roles the table lists."""

from __future__ import annotations

import pytest
from django.urls import URLPattern

from accounts.models import Role
from accounts.policy import POLICY, allowed, can
from tests.test_urls import ALL_URLS


def test_every_checked_view_names_an_action_of_the_table():
    actions = {}
    for name, pattern in ALL_URLS:
        assert isinstance(pattern, URLPattern)
        action = getattr(pattern.callback, "action", None)
        if action is not None:
            assert action in POLICY, f"{name}: {action} is not in accounts.policy.POLICY"
            actions[name] = action
    assert actions["documents:sign"] == "documents.sign"
    assert actions["registry:people"] == "registry.view"
    assert len(set(actions.values())) >= 15  # the table is what the views use


@pytest.mark.parametrize("action", sorted(POLICY))
def test_can_grants_an_action_to_its_roles_only(rf, action):
    for role in Role.values:
        request = rf.get("/")
        request.roles = frozenset({role})
        assert can(request, action) is (role in POLICY[action]), (action, role)


def test_a_typo_in_an_action_fails_at_once():
    with pytest.raises(KeyError):
        allowed("documents.sing")
