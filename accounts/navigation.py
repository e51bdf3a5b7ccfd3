"""The shell's menu and home-page panels, contributed by each app in its AppConfig.ready().

An app describes what it offers and to which roles; accounts never imports the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.access import is_coordinator
from accounts.freshness import school_figures
from accounts.http import PortalRequest
from accounts.policy import can
from core.links import page_url

StrOrPromise = str | Promise  # a label marked for translation (gettext_lazy)


@dataclass(frozen=True)
class NavItem:
    label: StrOrPromise
    url_name: str
    action: str = ""  # accounts.policy: who sees the item
    coordinator: bool = False
    order: int = 100
    group: str = ""  # items of one group share a drop-down named so (MENU_GROUPS)
    needs_card: bool = False  # only for users with a person card (their own pages)

    def visible_to(self, request: PortalRequest) -> bool:
        if self.needs_card and request.user.card is None:
            return False
        if self.coordinator and is_coordinator(request.user):
            return True
        return bool(self.action) and can(request, self.action)


# Whose figures a home panel keeps (HomePanel.kept)
SCHOOL, PERSON = "school", "person"

# The drop-downs of the menu, so that a role sees a short one
MENTORING, MONITORING = "mentoring", "monitoring"
MENU_GROUPS = {MENTORING: _("Наставничество"), MONITORING: _("Мониторинг")}


@dataclass(frozen=True)
class HomePanel:
    """A block of the home page: `build(request)` returns its context, or None to hide it."""

    template: str
    build: Callable[[PortalRequest], dict | None]
    action: str = ""  # accounts.policy: who sees the panel
    coordinator: bool = False
    order: int = 100
    # SCHOOL or PERSON: what `build` gives is kept (accounts.freshness.school_figures) — the
    # school's, or each person's in the school — until the school's data or the day changes
    kept: str = ""

    def visible_to(self, request: PortalRequest) -> bool:
        if self.coordinator and is_coordinator(request.user):
            return True
        return bool(self.action) and can(request, self.action)

    def context(self, request: PortalRequest) -> dict | None:
        if not self.kept or request.organization is None:
            return self.build(request)
        name = self.template if self.kept == SCHOOL else f"{self.template}:{request.user.pk}"
        return school_figures(
            request.organization, timezone.localdate(), name, lambda: self.build(request)
        )


_menu: list[NavItem] = []
_panels: list[HomePanel] = []


def register_menu(*items: NavItem) -> None:
    _menu.extend(i for i in items if i not in _menu)
    _menu.sort(key=lambda i: i.order)


def register_panels(*panels: HomePanel) -> None:
    _panels.extend(p for p in panels if p not in _panels)
    _panels.sort(key=lambda p: p.order)


def menu_for(request: PortalRequest) -> list[dict]:
    """The menu entries the user's roles see, in order; the items of a group become one
    drop-down entry ({"label", "children", "active"}) where the group has two or more."""
    path = request.path
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for item in _menu:
        if not item.visible_to(request):
            continue
        url = page_url(item.url_name)
        active = path == url if url == "/" else path.startswith(url)
        entry = {"label": item.label, "url": url, "active": active}
        if not item.group:
            entries.append(entry)
            continue
        if item.group not in groups:
            groups[item.group] = {
                "label": MENU_GROUPS[item.group],
                "id": f"menu-{item.group}",
                "children": [],
                "active": False,
            }
            entries.append(groups[item.group])
        groups[item.group]["children"].append(entry)
        groups[item.group]["active"] |= active
    return [e["children"][0] if len(e.get("children", ())) == 1 else e for e in entries]


def panels_for(request: PortalRequest) -> list[dict]:
    shown = []
    for panel in _panels:
        if panel.visible_to(request):
            context = panel.context(request)
            if context is not None:
                shown.append({"template": panel.template, **context})
    return shown
