from tests.documents.factories import introduction
from tests.factories import ConsentFactory, PersonFactory


def _plan(school):
    from mentoring.services import plan_create_from_template
    from tests.mentoring.factories import make_pair

    pair = make_pair(school)
    plan_create_from_template(assignment=pair)
    return {"pk": pair.pk}


def _late_pair_in_a_draft_order(school):
    """A draft assignment order whose pair starts before today (its retroactive start is to be
    confirmed)."""
    from tests.documents.factories import assignment_order, pair_awaiting_order

    pair = pair_awaiting_order(school)
    return {"pk": assignment_order(school, [pair]).pk, "assignment": pair.pk}


def _draft_assignment_order(school):
    """A draft assignment order whose package lacks every consent and agreement."""
    from tests.documents.factories import assignment_order, pair_awaiting_order

    return {"pk": assignment_order(school, [pair_awaiting_order(school)]).pk}


def _signed_with_scan(school):
    """A signed introduction order with the scan of its paper copy."""
    from django.core.files.base import ContentFile

    from documents import services
    from tests.documents.factories import DAY, author

    document = services.document_register_signed(
        document=introduction(school), number=1, signed_on=DAY, by=author(school)
    )
    document.scan.save("document.pdf", ContentFile(b"%PDF-1.4 scan"), save=False)
    document.save(update_fields=["scan"])
    return {"pk": document.pk}


OBJECT_KWARGS = {
    **{
        f"documents:{name}": lambda school: {"pk": introduction(school).pk}
        for name in (
            "detail",
            "pdf",
            "download",
            "send",
            "sign",
            "return",
            "delete",
            "mark-roadmap",
        )
    },
    "documents:person-forms": lambda school: {"pk": PersonFactory(organization=school).pk},
    "documents:person-form": lambda school: {
        "pk": PersonFactory(organization=school).pk,
        "kind": "personal_data",
    },
    "documents:consent-withdrawal": lambda school: {
        "pk": ConsentFactory(person=PersonFactory(organization=school)).pk
    },
    "documents:plan": _plan,
    "documents:scan": _signed_with_scan,
    "documents:original": _signed_with_scan,
    "documents:scan-upload": _signed_with_scan,
    "documents:confirm-retroactive": _late_pair_in_a_draft_order,
    "documents:package-consents": _draft_assignment_order,
    "documents:package-agreements": _draft_assignment_order,
    "documents:package-blanks": _draft_assignment_order,
    "documents:package-contracts": _draft_assignment_order,
}
