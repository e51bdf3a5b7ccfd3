"""Context builders: plain values (declined names, formatted dates) for the document templates.

The templates stay dumb; everything Russian grammar needs is decided here.
"""

from __future__ import annotations

import datetime

from accounts.models import Organization
from documents import basis
from documents.models import Document
from documents.russian import (
    Case,
    date_long,
    date_short,
    order_citation,
    person_name,
    signature_name,
)
from registry.models import Person, PersonCategory

TEMPLATES = {
    Document.Kind.INTRODUCTION: "documents/pdf/order_introduction.html",
    Document.Kind.ASSIGNMENT: "documents/pdf/order_assignment.html",
    Document.Kind.ENDING: "documents/pdf/order_ending.html",
    Document.Kind.CANCELLATION: "documents/pdf/order_cancellation.html",
    Document.Kind.AGREEMENT: "documents/pdf/agreement.html",
}


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def role_line(person: Person, day: datetime.date) -> str:
    """How an order of `day` names a participant's position: «учитель», «обучающаяся 7А
    класса» (the class of that day's academic year)."""
    if person.category == PersonCategory.STUDENT:
        who = "обучающийся" if person.gender == "m" else "обучающаяся"
        school_class = person.class_on(day)
        return f"{who} {school_class} класса" if school_class else who
    if person.category in (PersonCategory.COLLEGE_STUDENT, PersonCategory.EMPLOYER):
        place = f" ({person.employer_name})" if person.employer_name else ""
        return f"{person.get_category_display()}{place}"
    return person.position or person.get_category_display()


def _director(organization: Organization) -> dict:
    director = organization.director
    if director is None:
        return {"signature": "", "position": "Директор", "genitive": ""}
    return {
        "signature": signature_name(director.last_name, director.first_name, director.middle_name),
        "position": "Директор",
        "genitive": person_name(director, Case.GENITIVE),
    }


def _introduction_order(organization: Organization) -> Document | None:
    return (
        Document.objects.signed()
        .filter(organization=organization, kind=Document.Kind.INTRODUCTION)
        .order_by("-signed_on", "-number")
        .first()
    )


def keep_together(text: str) -> str:
    """No line break inside «№ 19» or «г. Хабаровск»."""
    return text.replace("№ ", "№\u00a0").replace("г. ", "г.\u00a0")


def common(document: Document, *, number=None, signed_on=None) -> dict:
    org = document.organization
    number = number or document.number
    signed_on = signed_on or document.signed_on
    return {
        "document": document,
        "organization": keep_together(org.full_name),
        "organization_short": keep_together(org.short_name),
        "locality": keep_together(org.locality),
        "municipality": org.municipality.name,
        "title": document.title,
        "date": date_long(signed_on) if signed_on else "«__» __________ 20__ г.",
        "number": number or "____",
        "director": _director(org),
        "draft": number is None,
    }


def introduction(document: Document, day: datetime.date) -> dict:
    p = document.params
    curator = Person.objects.filter(pk=p.get("curator_id")).first()
    council = _date(p.get("council_date"))
    return {
        "starts_on": date_long(_date(p["starts_on"])),
        "council": date_long(council) if council else "",
        "council_protocol": p.get("council_protocol", ""),
        "forms": p.get("forms", []),
        "curator_accusative": person_name(curator, Case.ACCUSATIVE) if curator else "",
        "acquainted": [person_name(curator, short=True)] if curator else [],
    }


def _with_period(text: str) -> str:
    return text if text.endswith(".") else f"{text}."


def _assignment_blocks(document: Document, day: datetime.date) -> tuple[list[dict], list[str]]:
    from mentoring.models import Assignment

    assignments = basis.prefetch_people(
        Assignment.objects.filter(pk__in=document.assignments.values("pk")).order_by("pk")
    )
    blocks, acquainted = [], []
    for assignment in assignments:
        people = basis.participants([assignment], day)
        lines = [
            f"{role_line(p.person, day)} {person_name(p.person, short=True)} "
            f"({'наставник' if p.role == 'mentor' else 'наставляемый'})"
            for p in people
        ]
        acquainted += [person_name(p.person, short=True) for p in people]
        blocks.append(
            {
                "kind": "наставническую пару" if assignment.is_pair else "наставническую группу",
                "kind_genitive": "паре" if assignment.is_pair else "группе",
                "form": assignment.form.name,
                "starts_on": date_long(assignment.starts_on),
                "ends_on": date_long(assignment.ends_on),
                "lines": lines,
                "basis": _with_period(basis.basis_line(people)),
                "retroactive": _with_period(assignment.retroactive_reason)
                if assignment.retroactive_reason and assignment.starts_on < day
                else "",
            }
        )
    return blocks, list(dict.fromkeys(acquainted))


def assignment_order(document: Document, day: datetime.date) -> dict:
    intro = _introduction_order(document.organization)
    controller = Person.objects.filter(pk=document.params.get("controller_id")).first()
    blocks, acquainted = _assignment_blocks(document, day)
    return {
        "blocks": blocks,
        "regulation": f"приказом от {date_short(intro.signed_on)} № {intro.number}"
        if intro
        else "",
        "controller": person_name(controller, Case.ACCUSATIVE, short=True) if controller else "",
        "acquainted": acquainted,
    }


def ending_order(document: Document, day: datetime.date) -> dict:
    blocks, acquainted = _assignment_blocks(document, day)
    ends = _date(document.params.get("ends_on")) or day
    return {
        "blocks": blocks,
        "ends_on": date_long(ends),
        "reason": document.params.get("reason", ""),
        "acquainted": acquainted,
    }


def cancellation_order(document: Document, day: datetime.date) -> dict:
    cancelled = document.cancels
    return {
        "cancelled": (
            f"{order_citation(cancelled.signed_on, cancelled.number)} «{cancelled.title}»"
            if cancelled
            else ""
        ),
        "reason": document.params.get("reason", ""),
        "acquainted": [],
    }


def agreement(document: Document, day: datetime.date) -> dict:
    p = document.params
    person = document.person
    return {
        "employee": person_name(person),
        "employee_signature": signature_name(
            person.last_name, person.first_name, person.middle_name
        ),
        "called": "именуемый" if person.gender == "m" else "именуемая",
        "employee_position": person.position,
        "contract": p.get("contract", ""),
        "duties": p.get("duties", ""),
        "expected": p.get("expected", ""),
        "volume": p.get("volume", ""),
        "payment": p.get("payment", ""),
        "starts_on": date_long(_date(p["starts_on"])),
        "ends_on": date_long(_date(p["ends_on"])),
        "address": document.organization.address,
        "acquainted": [],
    }


BUILDERS = {
    Document.Kind.INTRODUCTION: introduction,
    Document.Kind.ASSIGNMENT: assignment_order,
    Document.Kind.ENDING: ending_order,
    Document.Kind.CANCELLATION: cancellation_order,
    Document.Kind.AGREEMENT: agreement,
}


def build_context(document: Document, *, day: datetime.date, number=None, signed_on=None) -> dict:
    """The document as of `day`: its signing date, or for a draft the day it is looked at.
    Who is a minor, which consents count and each pupil's class are decided on that day."""
    return common(document, number=number, signed_on=signed_on) | BUILDERS[document.kind](
        document, day
    )
