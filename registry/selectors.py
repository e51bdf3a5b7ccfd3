"""Reads of the registry, scoped to one organization."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Value
from django.utils.translation import gettext_lazy

from accounts.models import Organization
from registry.models import MenteeProfile, MentorProfile, Person, PersonCategory


def contains(field: str, text: str) -> Q:
    """Case-insensitive on every database (SQLite folds only Latin letters itself)."""
    variants = {text, text.lower(), text.capitalize(), text.upper()}
    query = Q()
    for variant in variants:
        query |= Q(**{f"{field}__contains": variant})
    return query


def name_search(queryset, text: str, prefix: str = ""):
    """Rows whose surname, name or patronymic (of `prefix`: "person__") holds every word."""
    for word in text.split():
        queryset = queryset.filter(
            contains(f"{prefix}last_name", word)
            | contains(f"{prefix}first_name", word)
            | contains(f"{prefix}middle_name", word)
        )
    return queryset


def participants_without_consent(organization: Organization, day: datetime.date):
    """Mentors and mentees on the roll on `day` with no personal-data consent in force then."""
    return (
        Person.objects.in_organization(organization)
        .on_roll(day)
        .filter(Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False))
        .without_personal_data_consent(day)
    )


def registers_of(person_ids: list[int]) -> dict[int, set[str]]:
    """The registers each of these people is on («mentor», «mentee»), in one query by their
    ids: a list page asks for its page's rows only (joined to the whole list before its page
    was cut, PostgreSQL read every school's profiles: bench/region.py)."""
    mentors = MentorProfile.objects.filter(person_id__in=person_ids).annotate(
        register=Value("mentor")
    )
    mentees = MenteeProfile.objects.filter(person_id__in=person_ids).annotate(
        register=Value("mentee")
    )
    found: dict[int, set[str]] = {}
    for person_id, register in mentors.values_list("person_id", "register").union(
        mentees.values_list("person_id", "register"), all=True
    ):
        found.setdefault(person_id, set()).add(register)
    return found


def registry_counts(organization: Organization, day: datetime.date) -> dict[str, int]:
    people = Person.objects.in_organization(organization).on_roll(day)
    counts = people.aggregate(
        teachers=Count("pk", filter=Q(category=PersonCategory.TEACHER)),
        students=Count("pk", filter=Q(category=PersonCategory.STUDENT)),
    )
    # The profiles of people on the roll that day: one whose card says «выбыл(а)» is no longer
    # the school's mentor or mentee, whatever the profile's status still says.
    counts["mentors"] = (
        MentorProfile.objects.filter(person__in=people)
        .exclude(status=MentorProfile.Status.LEFT)
        .count()
    )
    counts["mentees_waiting"] = (
        MenteeProfile.objects.filter(person__in=people)
        .in_status_on(MenteeProfile.Status.WAITING, day)
        .count()
    )
    counts["without_consent"] = participants_without_consent(organization, day).count()
    return counts


# Stored fields a person reads as one thing: the class (cohort and letter), the experience.
HISTORY_LABELS = {
    "class_cohort": gettext_lazy("класс"),
    "class_letter": gettext_lazy("класс"),
    "experience_since": gettext_lazy("педагогический стаж"),
}


def card_history(history, sensitive: bool) -> list[dict]:
    """Each change: when, who, and which fields changed (sensitive ones only to those who
    may see them)."""
    rows = []
    records = list(history)
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if older is None:
            changed = [str(gettext_lazy("карточка создана"))]
        else:
            changed = list(
                dict.fromkeys(
                    str(HISTORY_LABELS.get(c.field) or _field_label(c.field))
                    for c in newer.diff_against(older).changes
                    if sensitive or c.field not in Person.SENSITIVE_FIELDS
                )
            )
        rows.append({"when": newer.history_date, "who": newer.history_user, "changed": changed})
    return rows


def _field_label(name: str) -> str:
    return str(getattr(Person._meta.get_field(name), "verbose_name", name))
