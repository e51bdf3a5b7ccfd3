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
from accounts.models import MembershipRole, Organization, Role, User

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
    "documents.acknowledge": frozenset({CURATOR, DIRECTOR}),  # sign a local act's sheet
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
    "reports.author": SCHOOL_STAFF,  # may be named among a report's authors
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


def organizations_allowing(user: User, action: str):
    """The organizations where `user` may do `action`: an active membership holding one of
    its roles (a query; the calendar feeds read it)."""
    return Organization.objects.filter(
        memberships__user=user,
        memberships__is_active=True,
        memberships__roles__role__in=POLICY[action],
    ).distinct()


def _live_roles(organization: Organization, roles):
    """The roles among `roles` held in `organization` by active users through live
    memberships: the one rule under users_allowed and users_allowed_by_action."""
    return MembershipRole.objects.filter(
        membership__organization=organization,
        membership__is_active=True,
        membership__user__is_active=True,
        role__in=roles,
    )


def users_allowed(organization: Organization, action: str):
    """The active users who may do `action` in `organization` (a query): who signs there,
    who may be a report's author, who is reminded."""
    return User.objects.filter(
        memberships__roles__in=_live_roles(organization, POLICY[action])
    ).distinct()


def users_allowed_by_action(organization: Organization, *actions: str) -> dict[str, list[User]]:
    """For each of `actions`, the active users who may do it in `organization`, ordered by
    name (one query for them all)."""
    found: dict[str, dict[int, User]] = {action: {} for action in actions}
    rows = (
        _live_roles(organization, frozenset().union(*(POLICY[a] for a in actions)))
        .select_related("membership__user")
        .order_by("membership__user__last_name", "membership__user__pk")
    )
    for row in rows:
        user = row.membership.user
        for action in actions:
            if row.role in POLICY[action]:
                found[action].setdefault(user.pk, user)
    return {action: list(users.values()) for action, users in found.items()}


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
