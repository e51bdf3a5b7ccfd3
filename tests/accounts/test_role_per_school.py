"""#18 item 2: a role held in one school never opens another school's objects where the same
user holds a weaker role (a deputy of one school, a teacher of another)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from mentoring.models import Plan
from mentoring.roadmap_services import roadmap_start_from_sample
from tests.conftest import member
from tests.factories import MembershipFactory, OrganizationFactory
from tests.mentoring.factories import make_pair, year_2021

pytestmark = pytest.mark.django_db


def test_a_deputy_here_is_a_teacher_there(client, school):
    second = OrganizationFactory(short_name="МБОУ «СШ № 4»", municipality=school.municipality)
    user = member(school, "deputy_here", Role.DEPUTY)
    MembershipFactory(user=user, organization=second, roles=[Role.TEACHER])
    theirs = make_pair(second, status="active")
    Plan.objects.get_or_create(assignment=theirs)
    roadmap = roadmap_start_from_sample(organization=second, academic_year=year_2021())
    ours = make_pair(school, status="active")
    client.force_login(user)  # works in the first school, where the role is deputy

    assert client.get(reverse("mentoring:assignment-detail", args=[ours.pk])).status_code == 200
    for url in (
        reverse("mentoring:assignment-detail", args=[theirs.pk]),
        reverse("documents:plan", args=[theirs.pk]),
        reverse("mentoring:municipal-roadmap", args=[roadmap.pk]),
    ):
        assert client.get(url).status_code == 404, url

    client.post(reverse("organization-switch"), {"organization": second.pk})
    # now a teacher there, and no participant of that pair: still nothing of it
    assert client.get(reverse("mentoring:assignment-detail", args=[theirs.pk])).status_code == 404
