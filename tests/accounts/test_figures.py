"""A school's computed figures (accounts.freshness.school_figures): a home panel's counts kept
per school and day, until a change in that school — or in a school sharing pairs with it."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import freshness
from accounts.freshness import _bump, school_figures, school_version
from accounts.models import Organization, Role
from registry.models import Person
from tests.conftest import member
from tests.factories import OrganizationFactory, PersonFactory
from tests.mentoring.factories import make_mentor, make_pair

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 7)


def version(school: Organization) -> int:
    return Organization.objects.select_related("data_version").get(pk=school.pk).data_version.value


def registry_count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    return sum("registry_mentorprofile" in q["sql"] for q in queries.captured_queries)


def test_a_figure_is_built_once_per_school_version_and_day(school):
    built = []

    def build():
        built.append(1)
        return len(built)

    assert school_figures(school, DAY, "n", build) == 1
    assert school_figures(school, DAY, "n", build) == 1  # kept
    assert school_figures(school, DAY + datetime.timedelta(1), "n", build) == 2  # the day turned
    school = Organization.objects.get(pk=school.pk)
    _bump(school.pk)
    school = Organization.objects.get(pk=school.pk)
    assert school_figures(school, DAY, "n", build) == 3  # the school's data changed


def test_no_school_is_shown_anothers_figures(school, other_school):
    assert school_figures(school, DAY, "name", lambda: school.short_name) == school.short_name
    got = school_figures(other_school, DAY, "name", lambda: other_school.short_name)
    assert got == other_school.short_name != school.short_name


def test_the_home_counts_are_kept_and_follow_a_change_in_the_school(client, curator, school):
    client.force_login(curator)
    built = registry_count_queries(client)
    assert built > 0
    assert registry_count_queries(client) == 0  # kept
    PersonFactory(organization=school, last_name="Новикова")  # a change (a signal)
    assert registry_count_queries(client) == built


def test_a_post_in_one_school_leaves_another_schools_figures_be(client, curator, school):
    neighbour = OrganizationFactory(municipality=school.municipality)
    school_version(school), school_version(neighbour)  # their rows
    ours, theirs = version(school), version(neighbour)
    client.force_login(curator)
    client.post(reverse("mentoring:assignment-bulk"), {})  # any POST of a view that writes
    assert version(school) > ours
    assert version(neighbour) == theirs


def test_a_change_in_a_network_pair_is_a_change_for_the_mentors_school(client, curator, school):
    """School B's pair has a mentor of school A: A's curator lists it and A's health items
    name it, so a write in B is a write for A too — and for no third school."""
    neighbour = OrganizationFactory(municipality=school.municipality)
    third = OrganizationFactory(municipality=school.municipality)
    mentor = make_mentor(neighbour)
    mentor.network_ready = True
    mentor.save()
    make_pair(school, mentor=mentor)
    for each in (school, neighbour, third):
        school_version(each)
    before = {each.pk: version(each) for each in (school, neighbour, third)}
    client.force_login(curator)
    client.post(reverse("mentoring:assignment-bulk"), {})
    assert version(school) > before[school.pk]
    assert version(neighbour) > before[neighbour.pk]
    assert version(third) == before[third.pk]
    # and the other way round: the mentor's school writing changes the pair's school
    other_curator = member(neighbour, "curator_n", Role.CURATOR)
    client.force_login(other_curator)
    now = version(school), version(third)  # making the user was a change everywhere
    client.post(reverse("mentoring:assignment-bulk"), {})
    assert version(school) > now[0]
    assert version(third) == now[1]


def test_a_write_outside_a_school_changes_every_schools_figures(school, other_school):
    for each in (school, other_school):
        school_version(each)
    before = version(school), version(other_school)
    Person.objects.filter(organization=school).update(last_name="Иванова")
    freshness.data_changed()  # as a command or a job ends
    assert version(school) > before[0] and version(other_school) > before[1]


def test_an_admin_site_write_changes_every_schools_figures(admin_client, school, other_school):
    for each in (school, other_school):
        school_version(each)
    before = version(school), version(other_school)
    person = PersonFactory(organization=school)
    before = version(school), version(other_school)
    admin_client.post(
        reverse("admin:registry_person_delete", args=[person.pk]), {"post": "yes"}, follow=True
    )
    assert not Person.objects.filter(pk=person.pk).exists()
    assert version(school) > before[0] and version(other_school) > before[1]


def test_the_header_notices_are_kept_per_person(client, director, curator, school):
    """One school, two people: each their own notices, both kept after being built."""
    from tests.notices.test_notices import on_signature

    on_signature(school)
    client.force_login(director)
    assert "Документы на подпись" in client.get(reverse("notices")).content.decode()
    client.force_login(curator)
    assert "Документы на подпись" not in client.get(reverse("notices")).content.decode()
    client.force_login(director)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse("notices")).content.decode()
    assert "Документы на подпись" in again
    assert not any("documents_document" in q["sql"] for q in queries.captured_queries)
