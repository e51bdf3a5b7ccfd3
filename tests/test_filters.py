"""The list filters (django-filter): each field narrows the rows a person sees, a value that
does not validate narrows nothing and breaks nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from documents.models import Document
from registry.models import Consent, PersonCategory
from tests.documents.factories import introduction
from tests.factories import MenteeProfileFactory, PersonFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair
from tests.pages import visible_text

pytestmark = pytest.mark.django_db

JUNK = "\x00<b>" + "9" * 30


def shown(client, name: str, query: dict) -> str:
    return visible_text(client.get(reverse(name), query).content.decode())


def test_people_by_category_class_young_and_consent(client, curator, school):
    client.force_login(curator)
    PersonFactory(organization=school, last_name="Учительская", experience_years=Decimal(20))
    PersonFactory(organization=school, last_name="Молодцова", experience_years=Decimal(1))
    PersonFactory(
        organization=school,
        last_name="Ученикова",
        category=PersonCategory.STUDENT,
        position="",
        subject="",
        school_class="7Б",
    )
    MenteeProfileFactory(person__organization=school, person__last_name="Бессогласная")

    students = shown(client, "registry:people", {"category": PersonCategory.STUDENT})
    assert "Ученикова" in students and "Учительская" not in students
    assert "Ученикова" in shown(client, "registry:people", {"school_class": "7Б"})
    assert "Ученикова" not in shown(client, "registry:people", {"school_class": "5А"})
    young = shown(client, "registry:people", {"young": "on"})
    assert "Молодцова" in young and "Учительская" not in young
    no_consent = shown(client, "registry:people", {"no_consent": "on"})
    assert "Бессогласная" in no_consent and "Молодцова" not in no_consent
    assert not Consent.objects.exists()

    everyone = shown(client, "registry:people", {"category": JUNK})
    assert all(n in everyone for n in ("Учительская", "Молодцова", "Ученикова"))


def test_mentors_and_mentees_by_status_form_and_source(client, curator, school):
    client.force_login(curator)
    make_mentor(school, last_name="Учителева", forms=("teacher-teacher",))
    make_mentor(school, last_name="Студентова", forms=("student-student",))
    by_form = shown(client, "registry:mentors", {"mentoring_form": _form_pk("student-student")})
    assert "Студентова" in by_form and "Учителева" not in by_form
    assert "Учителева" in shown(client, "registry:mentors", {"mentoring_form": JUNK})

    make_mentee(school, last_name="Запросова")
    mentee = make_mentee(school, last_name="Психологова")
    mentee.source = mentee.Source.PSYCHOLOGIST
    mentee.save()
    by_source = shown(client, "registry:mentees", {"source": mentee.Source.PSYCHOLOGIST})
    assert "Психологова" in by_source and "Запросова" not in by_source


def test_pairs_by_kind_and_documents_by_status(client, curator, school):
    client.force_login(curator)
    make_pair(school, mentor=make_mentor(school, last_name="Парная"))
    assert "Парная" in shown(client, "mentoring:assignment-list", {"kind": "pair"})
    assert "Парная" not in shown(client, "mentoring:assignment-list", {"kind": "group"})
    assert "Парная" in shown(client, "mentoring:assignment-list", {"form": JUNK, "kind": JUNK})

    draft = introduction(school)
    drafts = shown(client, "documents:list", {"status": Document.Status.DRAFT})
    signed = shown(client, "documents:list", {"status": Document.Status.SIGNED})
    assert draft.title in drafts and draft.title not in signed


def _form_pk(code: str) -> int:
    from registry.models import MentoringForm

    return MentoringForm.objects.get(code=code).pk
