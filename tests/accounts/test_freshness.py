"""Cached pages (accounts.freshness): served while nothing they show changed, never after."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import freshness
from accounts.freshness import generation
from accounts.jobs import job_run
from accounts.models import Job, Role
from registry.models import Person
from tests.conftest import member
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_page_seen_again_is_served_from_the_cache(client, curator, django_assert_max_num_queries):
    client.force_login(curator)
    PersonFactory(organization=curator.memberships.get().organization, last_name="Первова")
    first = client.get(reverse("registry:people")).content.decode()
    assert "Первова" in first
    # session, user, memberships with roles, the generation: nothing of the page's own work
    with django_assert_max_num_queries(5):
        again = client.get(reverse("registry:people")).content.decode()
    assert again == first


def test_a_saved_record_shows_at_once(client, curator, school):
    client.force_login(curator)
    assert "Вторая" not in client.get(reverse("registry:people")).content.decode()
    PersonFactory(organization=school, last_name="Вторая")
    assert "Вторая" in client.get(reverse("registry:people")).content.decode()


def test_an_update_without_signals_in_a_post_shows_at_once(client, curator, school):
    """QuerySet.update() sends no signal: the POST itself starts a new generation."""
    person = PersonFactory(organization=school, last_name="Старова")
    client.force_login(curator)
    assert "Старова" in client.get(reverse("registry:people")).content.decode()
    Person.objects.filter(pk=person.pk).update(last_name="Новова")  # as a service might
    before = generation()
    client.post(reverse("mentoring:assignment-bulk"), {})  # any POST of a view that writes
    assert generation() > before
    text = client.get(reverse("registry:people")).content.decode()
    assert "Новова" in text and "Старова" not in text


def test_posts_that_write_nothing_keep_the_cache(client, curator):
    client.force_login(curator)
    before = generation()
    client.post(reverse("notices-read"))
    client.post(reverse("low-vision"), {"next": "/"})
    client.get(reverse("home"))  # a card view or a page view writes nothing that counts
    assert generation() == before


def test_each_person_gets_their_own_page(client, curator, school):
    other = member(school, "curator_b", Role.CURATOR, first_name="Галина")
    client.force_login(curator)
    assert "Здравствуйте, Светлана" in client.get(reverse("home")).content.decode()
    client.force_login(other)
    text = client.get(reverse("home")).content.decode()
    assert "Здравствуйте, Галина" in text and "Светлана" not in text


def test_a_message_is_shown_once_and_never_cached(client, curator, school):
    client.force_login(curator)
    client.get(reverse("home"))  # the page is cached without a message
    client.post(reverse("low-vision"), {"next": "/"})  # nothing changes, but…
    client.post(reverse("organization-switch"), {"organization": school.pk, "next": "/"})
    with_message = client.get(reverse("home")).content.decode()
    assert "Вы работаете в организации" in with_message
    assert "Вы работаете в организации" not in client.get(reverse("home")).content.decode()


def test_the_next_day_is_a_new_page(client, curator, monkeypatch):
    client.force_login(curator)
    client.get(reverse("home"))
    keys = []
    original = freshness._key

    def spy(request, scope):
        keys.append(original(request, scope))
        return keys[-1]

    monkeypatch.setattr(freshness, "_key", spy)
    client.get(reverse("home"))
    tomorrow = freshness.timezone.localdate() + datetime.timedelta(1)
    monkeypatch.setattr(freshness.timezone, "localdate", lambda: tomorrow)
    client.get(reverse("home"))
    assert keys[0] != keys[1]


def test_a_job_ending_starts_a_new_generation(curator, school):
    job = Job.objects.create(organization=school, kind="nothing", created_by=curator)
    before = generation()
    job_run(job.pk)  # an unknown kind fails: its end counts all the same
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
    assert generation() > before


def test_a_command_that_writes_starts_a_new_generation(school):
    before = generation()
    call_command("purge_withdrawn_consents", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert generation() > before


@pytest.mark.django_db(transaction=True)
def test_the_generation_grows_after_the_commit_once():
    """Never before the commit (a page built meanwhile is of the old data and keyed so), and
    once for a transaction however much it writes."""
    from django.db import transaction

    from tests.factories import OrganizationFactory

    school = OrganizationFactory()
    before = generation()
    with transaction.atomic():
        PersonFactory(organization=school)
        PersonFactory(organization=school)
        assert generation() == before
    assert generation() == before + 1


def test_the_header_notices_follow_the_data(client, director, school):
    from tests.accounts.test_notices import on_signature

    client.force_login(director)
    assert "Документы на подпись" not in client.get(reverse("notices")).content.decode()
    on_signature(school)
    assert "Документы на подпись" in client.get(reverse("notices")).content.decode()
