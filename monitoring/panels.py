from __future__ import annotations

from monitoring.selectors import my_questionnaires


def my_questionnaires_panel(request) -> dict | None:
    """Open questionnaires waiting for the signed-in person; hidden when there are none."""
    person = getattr(request.user, "person", None)
    if person is None or person.organization_id != request.organization.pk:
        return None
    waiting = [item for item in my_questionnaires(person) if not item["sent"]]
    return {"items": waiting} if waiting else None
