"""Documents for tests: orders prepared through the services, as the curator does."""

from __future__ import annotations

import datetime

from documents import services
from documents.models import Document
from mentoring.models import AssignmentStatus
from registry.models import Consent
from tests.factories import ConsentFactory, PersonFactory, UserFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair

DAY = datetime.date(2021, 9, 1)
# What an assignment order of pairs only is titled (seed 000)
PAIRS_ORDER_TITLE = "О назначении наставников и формировании наставнических пар"


def author(organization):
    user = UserFactory(username=f"author-{organization.slug}")
    return user


def introduction(organization, **kwargs) -> Document:
    curator = kwargs.pop("curator", None) or PersonFactory(organization=organization)
    return services.document_create_introduction(
        organization=organization,
        by=author(organization),
        starts_on=DAY,
        curator=curator,
        forms=["учитель – учитель"],
        **kwargs,
    )


def signed_agreement(person, by, day=DAY) -> Document:
    document = services.document_create_agreement(
        organization=person.organization,
        by=by,
        person=person,
        starts_on=DAY,
        ends_on=datetime.date(2022, 5, 31),
        payment="3000,00",
        duties="наставничество",
        expected="адаптация",
        volume="1 наставляемый",
    )
    services.document_send(document=document, today=day)
    return services.document_sign(document=document, by=by, today=day)


def give_basis(assignment, by, day=DAY) -> None:
    """Every consent an order of `day` needs (as documents.basis asks for them), and the
    mentors' signed agreements."""
    from documents import basis

    for participant in basis.participants([assignment], day):
        for kind in participant.needs:
            extra = (
                {"representative_name": "Петрова Ольга Ивановна"}
                if kind == Consent.Kind.REPRESENTATIVE
                else {}
            )
            ConsentFactory(person=participant.person, kind=kind, **extra)
        if participant.needs_agreement:
            signed_agreement(participant.person, by, day)


def pair_awaiting_order(organization, **people):
    mentor = make_mentor(organization, **people.get("mentor", {}))
    mentee = make_mentee(organization, **people.get("mentee", {}))
    return make_pair(
        organization, mentor=mentor, mentee=mentee, status=AssignmentStatus.AWAITING_ORDER
    )


def assignment_order(organization, assignments=None) -> Document:
    assignments = assignments or [pair_awaiting_order(organization)]
    return services.document_create_assignment_order(
        organization=organization, by=author(organization), assignments=assignments, controller=None
    )


def signed_pair_order(organization, by, day):
    """(pair, its signed assignment order): a pair with its whole basis, ordered on `day`."""
    pair = pair_awaiting_order(organization)
    give_basis(pair, by, day)
    order = services.document_send(document=assignment_order(organization, [pair]), today=day)
    return pair, services.document_sign(document=order, by=by, today=day)


def sign_as_shown(client, document):
    """The director signs from the document's page: the form posts the text's hash the page
    was shown with (documents.services.document_content_hash)."""
    import re

    from django.urls import reverse

    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    seen = re.search(r'name="seen" value="([0-9a-f]*)"', page).group(1)
    return client.post(reverse("documents:sign", args=[document.pk]), {"seen": seen})
