"""Forms printed for signing by hand — the consents of seed 002 — and the personal plan.

They are not numbered or signed in the portal: the signed paper is recorded as a consent in the
registry (with an optional scan)."""

from __future__ import annotations

import datetime

from accounts.models import AcademicYear
from documents.contexts import keep_together
from documents.rendering import render_pdf
from documents.russian import Case, date_long, person_name
from registry.models import Consent, Person, PersonCategory

FORMS = {
    Consent.Kind.MENTOR_WORK: "documents/pdf/consent_mentor_work.html",
    Consent.Kind.MENTEE: "documents/pdf/consent_mentee.html",
    Consent.Kind.REPRESENTATIVE: "documents/pdf/consent_representative.html",
    Consent.Kind.PERSONAL_DATA: "documents/pdf/consent_personal_data.html",
}


def forms_for(person: Person, day: datetime.date) -> list[tuple[str, str]]:
    """The printable forms that make sense for this person on `day`: (consent kind, label)."""
    kinds = [Consent.Kind.PERSONAL_DATA]
    if hasattr(person, "mentor_profile") and person.category == PersonCategory.TEACHER:
        kinds.append(Consent.Kind.MENTOR_WORK)
    if hasattr(person, "mentee_profile"):
        kinds.append(Consent.Kind.MENTEE)
    if person.is_minor_on(day):
        kinds.append(Consent.Kind.REPRESENTATIVE)
    return [(k, Consent.Kind(k).label) for k in kinds]


def _mentor_of(person: Person) -> Person | None:
    from mentoring.models import OPEN_STATUSES, AssignmentMentor

    link = (
        AssignmentMentor.objects.filter(
            assignment__mentee_links__mentee__person=person,
            assignment__status__in=OPEN_STATUSES,
        )
        .select_related("mentor__person")
        .order_by("-assignment__starts_on")
        .first()
    )
    return link.mentor.person if link else None


def person_form_pdf(person: Person, kind: str, day: datetime.date) -> bytes:
    """A blank printed on `day`: the class and the academic year are those of that day."""
    org = person.organization
    year = AcademicYear.objects.current(day)
    representative = (
        Consent.objects.filter(person=person, kind=Consent.Kind.REPRESENTATIVE)
        .exclude(representative_name="")
        .order_by("-given_on")
        .first()
    )
    mentor = _mentor_of(person) if kind == Consent.Kind.MENTEE else None
    context = {
        "organization": keep_together(org.full_name),
        "organization_short": keep_together(org.short_name),
        "person": person_name(person),
        "person_genitive": person_name(person, Case.GENITIVE),
        "position": person.position or person.get_category_display(),
        "school_class": person.class_on(day),
        "starts_on": date_long(year.starts_on) if year else "«__» __________ 20__ г.",
        "ends_on": date_long(year.ends_on) if year else "«__» __________ 20__ г.",
        "mentor_genitive": person_name(mentor, Case.GENITIVE) if mentor else "",
        "mentor_position": mentor.position if mentor else "",
        "representative": representative.representative_name if representative else "",
        "relation": representative.representative_relation if representative else "",
        "today": date_long(day),
    }
    return render_pdf(FORMS[kind], context)


def plan_pdf(assignment) -> bytes:
    plan = assignment.plan
    org = assignment.organization
    return render_pdf(
        "documents/pdf/plan.html",
        {
            "organization": keep_together(org.full_name),
            "form": assignment.form.name,
            "kind": "группы" if assignment.kind == "group" else "пары",
            "mentors": [person_name(m.person) for m in assignment.mentors],
            "mentees": [person_name(m.person) for m in assignment.mentees],
            "starts_on": date_long(assignment.starts_on),
            "ends_on": date_long(assignment.ends_on),
            "goal": plan.goal,
            "tasks": [
                {
                    "title": task.title,
                    "events": [
                        {
                            "title": e.title,
                            "due": e.due,
                            "expected": e.expected_result,
                            "done": f"выполнено {e.done_on:%d.%m.%Y}" if e.done_on else "",
                        }
                        for e in task.events.all()
                    ],
                }
                for task in plan.tasks.prefetch_related("events")
            ],
        },
    )
