"""What an order assigning pairs rests on: each participant's consent, each employed mentor's
supplementary agreement. Lists the basis documents for the order's «Основание» line and, before
it goes for signature, exactly what is missing per person."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from documents.models import Document
from documents.russian import Case, person_name
from registry.models import Consent, Person, PersonCategory


@dataclass
class Participant:
    person: Person
    role: str  # "mentor" / "mentee"
    needs: list[str] = field(default_factory=list)  # consent kinds required
    needs_agreement: bool = False
    missing: list[str] = field(default_factory=list)


def required_consent(person: Person, role: str, day: datetime.date) -> str:
    """The consent to take part a participant needs for an order of `day`: a pupil under 18
    that day needs the legal representative's, whatever their age today."""
    if person.is_minor_on(day):
        return Consent.Kind.REPRESENTATIVE
    if role == "mentee":
        return Consent.Kind.MENTEE
    if person.category == PersonCategory.TEACHER:
        return Consent.Kind.MENTOR_WORK
    return Consent.Kind.PARTICIPATION


def required_consents(person: Person, role: str, day: datetime.date) -> list[str]:
    """Every consent a participant needs on `day`: to take part, and to have their data
    processed (one form for a minor: the representative's covers both)."""
    kinds = [required_consent(person, role, day), Consent.personal_data_kind(person, day)]
    return list(dict.fromkeys(kinds))


def participants(assignments: Iterable, day: datetime.date) -> list[Participant]:
    """Everyone in the assignments, each once, mentors first, with what they need on `day`
    (the order's date)."""
    seen: dict[int, Participant] = {}
    for assignment in assignments:
        for role, profiles in (("mentor", assignment.mentors), ("mentee", assignment.mentees)):
            for profile in profiles:
                if profile.person.pk not in seen:
                    seen[profile.person.pk] = participant(profile.person, role, day)
    return list(seen.values())


def participant(person: Person, role: str, day: datetime.date) -> Participant:
    """A mentor or mentee with what an order of `day` needs of them."""
    employed = role == "mentor" and person.category == PersonCategory.TEACHER
    return Participant(
        person=person,
        role=role,
        needs=required_consents(person, role, day),
        needs_agreement=employed and not person.is_minor_on(day),
    )


def on_file(
    person_ids: Iterable[int], day: datetime.date
) -> tuple[dict[tuple[int, str], Consent], dict[int, Document]]:
    """What the basis of an order of `day` finds for these people: the consents in force that
    day by (person, kind), the latest of a kind winning, and each person's latest
    supplementary agreement in force then (agreements_in_force)."""
    ids = list(person_ids)
    consents = {
        (c.person_id, c.kind): c
        for c in Consent.objects.in_force(day).filter(person_id__in=ids).order_by("given_on")
    }
    return consents, agreements_in_force(ids, day)


def agreements_in_force(person_ids: Iterable[int], day: datetime.date) -> dict[int, Document]:
    """Each person's latest supplementary agreement in force on `day`: signed by then (and
    not cancelled), its period not over, its extra work not ended by a signed agreement
    ending it earlier (documents.services.document_create_agreement_end)."""
    ids = list(person_ids)
    signed = Document.objects.filter(status=Document.Status.SIGNED, person_id__in=ids).defer("pdf")
    ended = {
        e.params.get("agreement_id"): datetime.date.fromisoformat(e.params["ends_on"])
        for e in signed.filter(kind=Document.Kind.AGREEMENT_END, signed_on__lte=day)
    }
    in_force = {}
    for agreement in signed.filter(kind=Document.Kind.AGREEMENT, signed_on__lte=day).order_by(
        "signed_on", "pk"
    ):
        last_day = min(
            datetime.date.fromisoformat(agreement.params["ends_on"]),
            ended.get(agreement.pk, datetime.date.max),
        )
        if last_day >= day:
            in_force[agreement.person_id] = agreement
    return in_force


def check(
    assignments: Iterable, day: datetime.date, *, coming: Iterable[int] = ()
) -> list[Participant]:
    """Participants with `missing` filled in: consents in force on `day` (the order's date)
    and agreements signed by then. `coming`: people whose agreement goes to the director in
    the order's package, to be signed before it (counted as there when sending)."""
    return check_participants(participants(assignments, day), day, coming=coming)


def check_participants(
    people: list[Participant], day: datetime.date, *, coming: Iterable[int] = ()
) -> list[Participant]:
    """`check` for participants already listed (an amending order's new mentors too)."""
    in_force, agreements = on_file((p.person.pk for p in people), day)
    coming = set(coming)
    for p in people:
        for kind in p.needs:
            if (p.person.pk, kind) not in in_force:
                p.missing.append(str(Consent.Kind(kind).label))
        if p.needs_agreement and p.person.pk not in agreements.keys() | coming:
            p.missing.append(_("подписанное дополнительное соглашение к трудовому договору"))
    return people


def basis_line(people: list[Participant]) -> str:
    """«согласие Сидоровой С.С., дополнительное соглашение к трудовому договору Сидоровой С.С.»"""
    parts = []
    for p in people:
        genitive = person_name(p.person, Case.GENITIVE, short=True)
        if p.needs[0] == Consent.Kind.REPRESENTATIVE:
            parts.append(_("согласие законного представителя %s") % genitive)
        else:
            parts.append(_("согласие %s") % genitive)
        if p.needs_agreement:
            parts.append(_("дополнительное соглашение к трудовому договору %s") % genitive)
    return ", ".join(parts)


def prefetch_people(queryset):
    """The assignments with their people, as `participants` reads them."""
    from mentoring.models import AssignmentMentee, AssignmentMentor

    return queryset.select_related("form", "academic_year").prefetch_related(
        Prefetch(
            "mentor_links",
            queryset=AssignmentMentor.objects.select_related(
                "mentor__person__organization"
            ).order_by("pk"),
        ),
        Prefetch(
            "mentee_links",
            queryset=AssignmentMentee.objects.select_related("mentee__person").order_by("pk"),
        ),
    )
