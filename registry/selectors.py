"""Reads of the registry, scoped to one organization."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

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


def registry_counts(organization: Organization, day: datetime.date) -> dict[str, int]:
    people = Person.objects.in_organization(organization).on_roll(day)
    counts = people.aggregate(
        teachers=Count("pk", filter=Q(category=PersonCategory.TEACHER)),
        students=Count("pk", filter=Q(category=PersonCategory.STUDENT)),
    )
    counts["mentors"] = (
        MentorProfile.objects.filter(person__organization=organization)
        .exclude(status=MentorProfile.Status.LEFT)
        .count()
    )
    counts["mentees_waiting"] = MenteeProfile.objects.filter(
        person__organization=organization, status=MenteeProfile.Status.WAITING
    ).count()
    counts["without_consent"] = participants_without_consent(organization, day).count()
    return counts
