"""Who may do what: the one table that the view decorators, the menu, the home panels and the
templates all read («one policy for roles», issue #16).

An action is «area.verb». A view says which action it needs (`@allowed("documents.sign")`), a
menu item which action shows it (`NavItem(action=...)`), a template asks `{% if can.documents.
sign %}` and Python code `can(request, "documents.sign")`. tests/test_access_table.py holds the
statuses this table gives every URL for every role; tests/accounts/test_menu.py that the menu
never offers a page that refuses its role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.access import NO_ROLE, has_role
from accounts.http import PortalRequest
from accounts.models import Role

CURATOR, DIRECTOR, DEPUTY = Role.CURATOR, Role.DIRECTOR, Role.DEPUTY
PSYCHOLOGIST, TEACHER = Role.PSYCHOLOGIST, Role.TEACHER
SCHOOL_STAFF = frozenset({CURATOR, DIRECTOR, DEPUTY})

POLICY: dict[str, frozenset[str]] = {
    # the school's card
    "organization.view": SCHOOL_STAFF,
    "organization.edit": frozenset({DIRECTOR, CURATOR}),
    # people and registries
    "registry.view": SCHOOL_STAFF | {PSYCHOLOGIST},
    "registry.sensitive": frozenset({CURATOR, PSYCHOLOGIST}),  # pupils' flags, consent scans
    "registry.edit_card": frozenset({CURATOR}),  # create cards, names, e-mail, dates, contract
    "registry.edit_flags": frozenset({CURATOR, PSYCHOLOGIST}),  # a pupil's sensitive flags
    "registry.manage": frozenset({CURATOR}),
    # pairs, groups, programs, roadmap, plans
    "mentoring.view": SCHOOL_STAFF,
    "mentoring.take_part": SCHOOL_STAFF | {TEACHER},  # a pair's page, plan and meetings
    "mentoring.mine": frozenset({TEACHER}),
    "mentoring.manage": frozenset({CURATOR}),
    # orders, agreements, consents' blanks
    "documents.view": SCHOOL_STAFF,
    "documents.prepare": frozenset({CURATOR}),
    "documents.sign": frozenset({DIRECTOR}),
    "documents.keep_scan": frozenset({CURATOR, DIRECTOR}),
    # questionnaires
    "questionnaires.view": SCHOOL_STAFF | {PSYCHOLOGIST},
    "questionnaires.manage": frozenset({CURATOR}),
    "questionnaires.answer": frozenset(Role.values),  # own questionnaires (with a card)
    # Kirkpatrick's evaluation
    "evaluation.view": SCHOOL_STAFF | {PSYCHOLOGIST},
    "evaluation.observe": SCHOOL_STAFF | {TEACHER},  # a pair's observations (its mentor)
    "evaluation.manage": frozenset({CURATOR}),
    # semester reports
    "reports.view": SCHOOL_STAFF,
    "reports.write": frozenset({DEPUTY, CURATOR}),
    "reports.finalise": frozenset({DEPUTY, DIRECTOR}),
    # what needs attention
    "health.view": SCHOOL_STAFF,
    # home-page panels that are not a page's own action
    "home.registry_counts": SCHOOL_STAFF,
    "home.health": frozenset({CURATOR}),
}


def can(request: PortalRequest, action: str) -> bool:
    """Whether the user may do `action` in the organization they work in now."""
    return has_role(request, *POLICY[action])


def allowed(action: str) -> Callable:
    """View decorator: the user must be allowed `action` in the current organization."""
    POLICY[action]  # a KeyError names a typo when the views are imported

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request, action):
                raise PermissionDenied(NO_ROLE)
            return view(request, *args, **kwargs)

        wrapped.action = action
        return wrapped

    return decorator


class Can:
    """`{{ can.documents.sign }}` in templates (accounts.context_processors.shell)."""

    def __init__(self, request: PortalRequest, area: str = ""):
        self._request, self._area = request, area

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if not self._area:
            return Can(self._request, name)
        return can(self._request, f"{self._area}.{name}")

    def __getitem__(self, name: str):
        return self.__getattr__(name)
