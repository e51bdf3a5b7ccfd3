from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Membership, Organization, User
from demo.registry import SEED_DAY as DEMO_DAY
from monitoring.models import ReportVersion, SemesterReport
from registry.models import Consent, MenteeProfile, MentorProfile, Person
from tests.once import built_once, seeded_demo

pytestmark = pytest.mark.django_db


def run_seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    models = [
        User,
        Organization,
        Membership,
        Person,
        MentorProfile,
        MenteeProfile,
        Consent,
        SemesterReport,
        ReportVersion,
    ]
    return {m.__name__: m.objects.count() for m in models}


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module (tests.once): what it printed."""
    with built_once(django_db_blocker, tmp_path_factory):
        yield seeded_demo()


@pytest.fixture
def seeded(db, _seeded):
    return _seeded


def test_seed_demo_builds_the_demo_school_and_prints_logins(seeded):
    output = seeded
    for username in ("admin", "curator", "director", "deputy", "teacher", "mentee", "coordinator"):
        assert f"  {username} " in output
    assert "пароль у всех: demo" in output
    main = Organization.objects.get(slug="school-19")
    staff = Person.objects.in_organization(main).teachers().count()
    students = Person.objects.in_organization(main).students().count()
    assert 75 <= staff <= 90
    assert 550 <= students <= 650
    assert Person.objects.in_organization(main).young_specialists_on(DEMO_DAY).exists()
    assert MentorProfile.objects.filter(person__organization=main, trainings__isnull=False).exists()
    assert User.objects.get(username="teacher").person.mentor_profile
    assert User.objects.get(username="mentee").person.mentee_profile
    assert User.objects.get(username="director").check_password("demo")
    report = SemesterReport.objects.get(organization=main, academic_year__start_year=2021, half=1)
    (version,) = report.versions.all()
    assert (version.number, version.finalised_by.username) == (1, "deputy")
    assert bytes(version.pdf).startswith(b"%PDF") and len(version.sha256) == 64


def test_seed_demo_is_idempotent(seeded):
    first = snapshot()
    run_seed()
    assert snapshot() == first


def test_seed_demo_leaves_some_participants_without_consent(seeded):
    from registry.selectors import participants_without_consent

    main = Organization.objects.get(slug="school-19")
    missing = participants_without_consent(main, DEMO_DAY).count()
    participants = Person.objects.in_organization(main).filter(mentor_profile__isnull=False).count()
    assert 0 < missing < participants


def test_seed_demo_refuses_production(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        run_seed()


def run_region(schools: int) -> str:
    out = io.StringIO()
    call_command("seed_region", "--schools", str(schools), stdout=out)
    return out.getvalue()


def test_seed_region_copies_the_demo_school_row_for_row(seeded, client):
    from demo.region import school_models

    run_region(3)
    main = Organization.objects.get(slug="school-19")
    copies = list(Organization.objects.filter(slug__in=["school-19-r2", "school-19-r3"]))
    assert len(copies) == 2 and {c.municipality_id for c in copies} == {main.municipality_id}
    owned = school_models()
    paths = {each.model: each.path for each in owned}
    for each in owned:
        rows = each.model._base_manager.filter
        expected = rows(**{each.path: main}).count()
        for copy in copies:
            assert rows(**{each.path: copy}).count() == expected, each.model._meta.label
            for key in each.model._meta.concrete_fields:
                if key.is_relation and key.related_model in paths and key != each.owner:
                    into_main = rows(
                        **{each.path: copy, f"{key.name}__{paths[key.related_model]}": main}
                    )
                    assert not into_main.exists(), (each.model._meta.label, key.name)
    signed_in = client.post("/login/", {"username": "curator-r2", "password": "demo"})
    assert signed_in.status_code == 302  # the copy's staff log in with the demo's password
    text = client.get("/mentoring/assignments/").content.decode()
    assert "МАОУ «СШ № 19» (копия 2)" in text and "Боровой" in text


def test_seed_region_is_idempotent(seeded):
    run_region(2)
    first = snapshot()
    assert "ничего не добавлено" in run_region(2)
    assert snapshot() == first


def test_seed_region_refuses_production(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        run_region(2)
