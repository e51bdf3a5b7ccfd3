from __future__ import annotations

from documents.models import Document


def adopting_order(organization, act: str) -> Document | None:
    """The signed order in force that adopted a local act («esign», «privacy»): the latest,
    a cancelled one left out. Its date and number go into the act's «УТВЕРЖДЕНО» grif."""
    orders = Document.objects.signed().filter(
        organization=organization, kind=Document.Kind.LOCAL_ACTS
    )  # a school has a handful: JSON lookups differ between databases
    return next(
        (d for d in orders.order_by("-signed_on", "-number") if act in d.params.get("acts", [])),
        None,
    )


def director_inbox_panel(request) -> dict:
    waiting = list(
        Document.objects.for_request(request)
        .on_signature()
        .select_related("person")
        .defer("pdf")
        .order_by("sent_at", "pk")[:10]
    )
    return {"documents": waiting}
