"""Personas: one user per role in a school, and a second school nobody in the first may see."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

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
from tests.once import built_once


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


def the_year():
    year, _ = AcademicYear.objects.get_or_create(
        start_year=2021, defaults=AcademicYear.standard_dates(2021)
    )
    return year


def first_school():
    return OrganizationFactory(short_name="МБОУ «СШ № 19»", slug="school-a")


def second_school():
    """A school of another municipality: nothing of it may show to the first school's people."""
    return OrganizationFactory(short_name="МБОУ «СШ № 7»", slug="school-b")


def built_for_the_module(request, name: str):
    """In a module that uses `people_once` (`pytestmark = pytest.mark.usefixtures(
    "people_once")`), the schools and personas are built once for all its tests: the fixture
    `name` of them; None elsewhere."""
    if "people_once" not in request.fixturenames:
        return None
    return getattr(request.getfixturevalue("people_once"), name)


@pytest.fixture
def academic_year(db, request):
    return built_for_the_module(request, "academic_year") or the_year()


@pytest.fixture
def school(db, request):
    return built_for_the_module(request, "school") or first_school()


@pytest.fixture
def other_school(db, request):
    return built_for_the_module(request, "other_school") or second_school()


def member(organization, username: str, *roles: str, **user_fields):
    user = UserFactory(username=username, **user_fields)
    MembershipFactory(user=user, organization=organization, roles=list(roles))
    return user


def make_curator(school):
    return member(school, "curator_a", Role.CURATOR, last_name="Сидорова", first_name="Светлана")


@pytest.fixture
def curator(school, request):
    return built_for_the_module(request, "curator") or make_curator(school)


def make_director(school):
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
def director(school, request):
    return built_for_the_module(request, "director") or make_director(school)


def make_deputy(school):
    return member(school, "deputy_a", Role.DEPUTY, last_name="Петрова", first_name="Анна")


@pytest.fixture
def deputy(school, request):
    return built_for_the_module(request, "deputy") or make_deputy(school)


def make_psychologist(school):
    return member(school, "psychologist_a", Role.PSYCHOLOGIST, last_name="Морозова")


@pytest.fixture
def psychologist(school, request):
    return built_for_the_module(request, "psychologist") or make_psychologist(school)


def make_teacher(school):
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
def teacher(school, request):
    return built_for_the_module(request, "teacher") or make_teacher(school)


def make_mentee(school):
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
def mentee(school, request):
    return built_for_the_module(request, "mentee") or make_mentee(school)


def make_coordinator(school):
    user = UserFactory(username="coordinator_a", last_name="Кузнецова")
    CoordinatorFactory(user=user, municipality=school.municipality)
    return user


@pytest.fixture
def coordinator(school, request):
    return built_for_the_module(request, "coordinator") or make_coordinator(school)


def make_other_curator(other_school):
    return member(other_school, "curator_b", Role.CURATOR, last_name="Орлова")


@pytest.fixture
def other_curator(other_school, request):
    return built_for_the_module(request, "other_curator") or make_other_curator(other_school)


MAKE_PERSONA = {
    "curator": make_curator,
    "director": make_director,
    "deputy": make_deputy,
    "psychologist": make_psychologist,
    "teacher": make_teacher,
    "mentee": make_mentee,
    "coordinator": make_coordinator,
}


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


@pytest.fixture(scope="module")
def people_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The schools and personas, built once for a module that uses this fixture for all its
    tests (each runs in a savepoint over them, as in Django's TestCase.setUpTestData): the
    access, URL, fuzz and mass-assignment tables built them again for each of their ~600
    tests. Used by the module (usefixtures), it is set up before any test's own transaction."""
    with built_once(django_db_blocker, tmp_path_factory, as_test_case=True):
        school, other_school = first_school(), second_school()
        yield SimpleNamespace(
            academic_year=the_year(),
            school=school,
            other_school=other_school,
            other_curator=make_other_curator(other_school),
            **{name: make(school) for name, make in MAKE_PERSONA.items()},
        )


@pytest.fixture
def the_day_is(monkeypatch):
    """`the_day_is(day)`: the portal's «today» (timezone.localdate, read at the edge by every
    view and command) is `day` for the rest of the test."""

    def set_today(day):
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)

    return set_today
