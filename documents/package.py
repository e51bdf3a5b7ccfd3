"""An assignment order's package: what each of its participants needs on the order's day, what
is on file, and the supplementary agreements that go to the director with the order.

The draft order's page shows it as a table (participants × consents and agreement) and acts on
it in place; `documents.services` does the writes (package_*)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from documents import basis
from documents.models import Document
from registry.models import Consent


@dataclass
class ConsentCell:
    kind: str
    consent: Consent | None  # the one in force on the order's day

    @property
    def label(self) -> str:
        return str(Consent.Kind(self.kind).label)

    @property
    def is_representative(self) -> bool:
        return self.kind == Consent.Kind.REPRESENTATIVE


@dataclass
class Row:
    participant: basis.Participant
    assignments: list = field(default_factory=list)
    consents: list[ConsentCell] = field(default_factory=list)
    agreement: Document | None = None  # signed by the order's day, or in the package

    @property
    def person(self):
        return self.participant.person

    @property
    def missing_consents(self) -> list[ConsentCell]:
        return [cell for cell in self.consents if cell.consent is None]

    @property
    def needs_agreement(self) -> bool:
        return self.participant.needs_agreement and self.agreement is None


@dataclass
class Package:
    order: Document
    day: datetime.date
    rows: list[Row]
    agreements: list[Document]  # prepared for the order, not yet signed

    @property
    def missing_consents(self) -> int:
        return sum(len(row.missing_consents) for row in self.rows)

    @property
    def agreements_to_prepare(self) -> list[Row]:
        return [row for row in self.rows if row.needs_agreement]

    @property
    def contracts_missing(self) -> list[Row]:
        """Employed mentors whose agreement is still to be signed and whose card lacks the
        date or number of the employment contract it amends (asked for in one form)."""
        return [
            row
            for row in self.rows
            if row.participant.needs_agreement
            and not (row.agreement is not None and row.agreement.number)
            and not (row.person.contract_date and row.person.contract_number)
        ]

    @property
    def complete(self) -> bool:
        return (
            not self.missing_consents
            and not self.agreements_to_prepare
            and not self.contracts_missing
        )


def package_agreements(order: Document):
    """The agreements prepared for the order that are still to be signed: an assignment
    order's supplementary agreements, an ending order's agreements ending the extra work."""
    return Document.objects.filter(
        for_order=order,
        kind__in=Document.AGREEMENTS,
        status__in=[Document.Status.DRAFT, Document.Status.ON_SIGNATURE],
    )


def order_package(order: Document, day: datetime.date) -> Package:
    """The package of an assignment order of `day`, in a fixed number of queries."""
    from mentoring.models import Assignment

    assignments = list(basis.prefetch_people(Assignment.objects.filter(documents=order)))
    participants = basis.participants(assignments, day)
    in_force, signed = basis.on_file((p.person.pk for p in participants), day)
    pending = list(package_agreements(order).select_related("person").order_by("pk"))
    agreements = {a.person_id: a for a in pending} | signed  # a signed one wins over a pending one
    of_person: dict[int, list] = {}
    for assignment in assignments:
        for profile in [*assignment.mentors, *assignment.mentees]:
            of_person.setdefault(profile.person_id, []).append(assignment)
    rows = [
        Row(
            participant=p,
            assignments=of_person.get(p.person.pk, []),
            consents=[ConsentCell(kind, in_force.get((p.person.pk, kind))) for kind in p.needs],
            agreement=agreements.get(p.person.pk) if p.needs_agreement else None,
        )
        for p in participants
    ]
    return Package(order=order, day=day, rows=rows, agreements=pending)
