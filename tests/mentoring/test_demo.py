"""seed_demo builds the mentoring part of the demo school, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from mentoring.models import Assignment, Meeting, PlanEvent, Program, RoadmapItem
from mentoring.selectors import assignments_of
from tests.once import built_once, seeded_demo

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    models = [Program, Assignment, Meeting, PlanEvent, RoadmapItem]
    return {m.__name__: m.objects.count() for m in models}


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_once(django_db_blocker, tmp_path_factory):
        seeded_demo()
        yield


@pytest.fixture
def seeded(db, _seeded):
    """The demo, seeded once for the module (tests.once)."""


def test_demo_has_pairs_groups_plans_and_a_roadmap(seeded):
    pairs = Assignment.objects.filter(kind="pair", organization__slug="school-19")
    groups = Assignment.objects.filter(kind="group", organization__slug="school-19")
    assert 38 <= pairs.count() <= 42
    assert groups.count() == 3
    assert pairs.filter(status="active").count() > pairs.exclude(status="active").count() > 0
    assert pairs.values("form").distinct().count() >= 4
    assert PlanEvent.objects.filter(done_on__isnull=False).exists()
    assert RoadmapItem.objects.filter(mark_text="приказ от 01.09.2021 № 144").exists()

    network = [a for a in Assignment.objects.with_people() if a.is_network]
    assert network and network[0].mentors[0].person.organization.slug == "school-4"

    teacher = User.objects.get(username="teacher").person
    mentee = User.objects.get(username="mentee").person
    own = list(assignments_of(teacher))
    assert len(own) >= 2
    assert any(mentee.mentee_profile in a.mentees for a in own)


def test_seed_demo_twice_creates_nothing_new(seeded):
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
