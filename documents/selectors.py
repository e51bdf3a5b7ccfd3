from __future__ import annotations

from documents.models import Document


def director_inbox_panel(request) -> dict:
    waiting = list(
        Document.objects.in_organization(request.organization)
        .on_signature()
        .select_related("person")
        .defer("pdf")
        .order_by("sent_at", "pk")[:10]
    )
    return {"documents": waiting}
