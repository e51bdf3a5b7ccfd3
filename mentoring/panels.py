"""Home-page panels of the mentoring app."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.http import PortalRequest
from mentoring import selectors

HOME_ROWS = 10


def teacher_panel(request: PortalRequest) -> dict | None:
    """A mentor's or mentee's pairs that are not over, with plan progress (the finished ones
    of earlier years are on «Мои пары и группы», page by page); hidden when there are none."""
    person = selectors.person_of(request.user)
    if person is None:
        return None
    today = timezone.localdate()
    assignments = list(
        selectors.assignments_of(person).open_on(today).with_status_on(today)[:HOME_ROWS]
    )
    if not assignments:
        return None
    return {"rows": with_progress(assignments, today)}


def with_progress(assignments, day: datetime.date) -> list[tuple]:
    """The rows of a teacher's table of pairs: (assignment, (done, total) of its plan or None),
    their people as on `day` (selectors.show_people), in three queries."""
    assignments = selectors.show_people(list(assignments), day)
    progress = selectors.plans_progress(a.plan.pk for a in assignments if hasattr(a, "plan"))
    return [(a, progress.get(a.plan.pk) if hasattr(a, "plan") else None) for a in assignments]
