"""Home-page panels of the mentoring app."""

from __future__ import annotations

from accounts.http import PortalRequest
from mentoring import selectors


def teacher_panel(request: PortalRequest, limit: int | None = 10) -> dict | None:
    """A mentor's or mentee's own pairs with plan progress; hidden for other teachers."""
    person = selectors.person_of(request.user)
    if person is None:
        return None
    assignments = list(selectors.assignments_of(person)[:limit])
    if not assignments:
        return None
    progress = selectors.plans_progress(a.plan.pk for a in assignments if hasattr(a, "plan"))
    rows = [(a, progress.get(a.plan.pk) if hasattr(a, "plan") else None) for a in assignments]
    return {"rows": rows}
