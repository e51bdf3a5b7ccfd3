from tests.documents.factories import introduction
from tests.factories import PersonFactory


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
    "documents:plan": _plan,
    "documents:confirm-retroactive": _late_pair_in_a_draft_order,
}
