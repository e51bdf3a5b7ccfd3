"""Demo data, documents: the school's orders № 144 and № 145 of 01.09.2021 (as in seed 000),
the mentors' supplementary agreements, a pair ready for the next order and an agreement waiting
for the director's signature."""

from __future__ import annotations

import datetime
import random

from django.core.exceptions import ValidationError

from accounts.demo import DemoContext
from documents import basis, services
from documents.models import Document
from mentoring.models import Assignment, AssignmentStatus
from mentoring.services import assignment_transition
from registry.models import Consent, MentoringForm, Person, PersonCategory

ORDERS_DAY = datetime.date(2021, 9, 1)
CONSENTS_DAY = datetime.date(2021, 8, 27)


def seed(ctx: DemoContext) -> None:
    org = ctx.main
    if Document.objects.filter(organization=org).exists():
        return
    director, curator = ctx.users["director"], ctx.users["curator"]
    year = ctx.years[2021]
    active = list(
        Assignment.objects.in_organization(org)
        .filter(status=AssignmentStatus.ACTIVE, academic_year=year)
        .order_by("pk")
    )

    intro = services.document_create_introduction(
        organization=org,
        by=curator,
        starts_on=ORDERS_DAY,
        curator=Person.objects.get(user=curator),
        forms=list(
            MentoringForm.objects.filter(assignments__in=active)
            .distinct()
            .values_list("name", flat=True)
        ),
        council_date=datetime.date(2021, 8, 30),
        council_protocol="1",
    )
    services.document_register_signed(document=intro, number=144, signed_on=ORDERS_DAY, by=director)

    mentors = sorted(
        {
            link.mentor.person
            for a in active
            for link in a.mentor_links.select_related("mentor__person__organization")
            if link.mentor.person.category == PersonCategory.TEACHER
        },
        key=lambda p: p.pk,
    )
    numbers: dict[int, int] = {}
    for person in mentors:
        # A network mentor's agreement is with his own school, numbered in its journal.
        employer = person.organization
        numbers[employer.pk] = numbers.get(employer.pk, 0) + 1
        services.document_register_signed(
            document=_agreement(employer, curator, person),
            number=numbers[employer.pk],
            signed_on=datetime.date(2021, 8, 31),
            by=director,
        )
    _consents_collected(ctx, active)

    order = Document.objects.create(
        organization=org,
        kind=Document.Kind.ASSIGNMENT,
        title="О закреплении наставнических пар и групп",
        created_by=curator,
        params={"controller_id": Person.objects.get(user=ctx.users["deputy"]).pk},
    )
    order.assignments.set(active)
    services.document_register_signed(document=order, number=145, signed_on=ORDERS_DAY, by=director)

    _pair_ready_for_an_order(org, year, curator, director)


def _agreement(org, curator, person) -> Document:
    return services.document_create_agreement(
        organization=org,
        by=curator,
        person=person,
        starts_on=ORDERS_DAY,
        ends_on=datetime.date(2022, 5, 31),
        payment="3000,00",
        duties="Наставничество: методическая поддержка молодого педагога (стаж менее трёх лет).",
        expected="Профессиональная адаптация наставляемого, преодоление его дефицитов.",
        volume="1 наставляемый",
    )


def _pair_ready_for_an_order(org, year, curator, director) -> None:
    """A draft teacher pair moved on to «ожидает приказа» with every basis on file, and one more
    mentor's agreement on the director's desk."""
    drafts = Assignment.objects.in_organization(org).filter(
        status=AssignmentStatus.DRAFT, academic_year=year, form__code="teacher-teacher"
    )
    for pair in drafts:
        try:
            assignment_transition(
                assignment=pair, to=AssignmentStatus.AWAITING_CONSENTS, by=curator
            )
            assignment_transition(assignment=pair, to=AssignmentStatus.AWAITING_ORDER, by=curator)
        except ValidationError:
            continue
        for profile in pair.mentors:
            _consent(profile.person, Consent.Kind.MENTOR_WORK)
            if not Document.objects.filter(person=profile.person, kind="agreement").exists():
                agreement = _agreement(org, curator, profile.person)
                services.document_send(document=agreement, today=ORDERS_DAY)
                services.document_sign(document=agreement, by=director, today=ORDERS_DAY)
        for profile in pair.mentees:
            _consent(profile.person, Consent.Kind.MENTEE)
        break
    waiting = (
        Person.objects.in_organization(org)
        .filter(category=PersonCategory.TEACHER, mentor_profile__isnull=False)
        .exclude(documents__kind=Document.Kind.AGREEMENT)
        .order_by("pk")
        .first()
    )
    if waiting is not None:
        services.document_send(document=_agreement(org, curator, waiting), today=ORDERS_DAY)


def _consents_collected(ctx: DemoContext, active) -> None:
    """Before the order of 01.09.2021 the curator collected every consent its pairs need on
    that day (a pupil's from the legal representative); the registry's own demo leaves some
    people without consents, and those are the ones still waiting for a pair."""
    rng = random.Random("consents-collected")
    female = dict(ctx.names["surnames"])
    assignments = basis.prefetch_people(Assignment.objects.filter(pk__in=[a.pk for a in active]))
    for participant in basis.participants(assignments, ORDERS_DAY):
        person = participant.person
        for kind in participant.needs:
            extra = {}
            if kind == Consent.Kind.REPRESENTATIVE:
                extra = {
                    "representative_name": " ".join(
                        (
                            female.get(person.last_name, person.last_name),
                            rng.choice(ctx.names["female_first"]),
                            rng.choice(ctx.names["patronymics"])[1],
                        )
                    ),
                    "representative_relation": "мать",
                }
            if not Consent.objects.in_force(ORDERS_DAY).filter(person=person, kind=kind).exists():
                Consent.objects.create(person=person, kind=kind, given_on=CONSENTS_DAY, **extra)


def _consent(person, kind) -> None:
    Consent.objects.get_or_create(person=person, kind=kind, defaults={"given_on": ORDERS_DAY})
