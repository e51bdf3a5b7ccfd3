"""Personas: one user per role in a school, and a second school nobody in the first may see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import AcademicYear, Role
from tests.factories import (
    CoordinatorFactory,
    MembershipFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _quick_pdfs(request):
    """Real WeasyPrint layouts only in tests marked `pdf` (tests.quick_pdf says why)."""
    if request.node.get_closest_marker("pdf") is not None:
        yield
        return
    from tests.quick_pdf import quick_pdfs

    with quick_pdfs():
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """A school's figures (accounts.freshness) kept by one test never show in another: the
    database is rolled back between tests, and with it the versions the keys hold."""
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    """Uploads and generated files of a test go to a temporary folder, never the tree."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture
def academic_year(db):
    year, _ = AcademicYear.objects.get_or_create(
        start_year=2021, defaults=AcademicYear.standard_dates(2021)
    )
    return year


@pytest.fixture
def school(db):
    return OrganizationFactory(short_name="МБОУ «СШ № 19»", slug="school-a")


@pytest.fixture
def other_school(db):
    """A school of another municipality: nothing of it may show to the first school's people."""
    return OrganizationFactory(short_name="МБОУ «СШ № 7»", slug="school-b")


def member(organization, username: str, *roles: str, **user_fields):
    user = UserFactory(username=username, **user_fields)
    MembershipFactory(user=user, organization=organization, roles=list(roles))
    return user


@pytest.fixture
def curator(school):
    return member(school, "curator_a", Role.CURATOR, last_name="Сидорова", first_name="Светлана")


@pytest.fixture
def director(school):
    return member(
        school,
        "director_a",
        Role.DIRECTOR,
        last_name="Иванов",
        first_name="Иван",
        middle_name="Иванович",
        gender="m",
    )


@pytest.fixture
def deputy(school):
    return member(school, "deputy_a", Role.DEPUTY, last_name="Петрова", first_name="Анна")


@pytest.fixture
def psychologist(school):
    return member(school, "psychologist_a", Role.PSYCHOLOGIST, last_name="Морозова")


@pytest.fixture
def teacher(school):
    """A teacher who is a mentor: user, person and mentor-registry entry."""
    user = member(school, "teacher_a", Role.TEACHER, last_name="Фёдорова", first_name="Ольга")
    person = PersonFactory(
        organization=school,
        user=user,
        last_name="Фёдорова",
        first_name="Ольга",
        middle_name="Николаевна",
    )
    MentorProfileFactory(person=person)
    return user


@pytest.fixture
def mentee(school):
    """A young teacher waiting for a mentor."""
    user = member(
        school, "mentee_a", Role.TEACHER, last_name="Соловьёв", first_name="Артём", gender="m"
    )
    person = PersonFactory(
        organization=school,
        user=user,
        last_name="Соловьёв",
        first_name="Артём",
        middle_name="Дмитриевич",
        gender="m",
    )
    MenteeProfileFactory(person=person)
    return user


@pytest.fixture
def coordinator(school):
    user = UserFactory(username="coordinator_a", last_name="Кузнецова")
    CoordinatorFactory(user=user, municipality=school.municipality)
    return user


@pytest.fixture
def other_curator(other_school):
    return member(other_school, "curator_b", Role.CURATOR, last_name="Орлова")


@dataclass
class Personas:
    curator: object
    director: object
    deputy: object
    teacher: object
    mentee: object
    psychologist: object
    coordinator: object

    def items(self):
        return vars(self).items()


@pytest.fixture
def personas(curator, director, deputy, teacher, mentee, psychologist, coordinator):
    return Personas(curator, director, deputy, teacher, mentee, psychologist, coordinator)


@pytest.fixture
def the_day_is(monkeypatch):
    """`the_day_is(day)`: the portal's «today» (timezone.localdate, read at the edge by every
    view and command) is `day` for the rest of the test."""

    def set_today(day):
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)

    return set_today
