"""No page is kept (#27): a page is built from the data every time it is opened. What is kept
are a school's figures (tests/accounts/test_figures.py), under a version of the school's data
that grows with every change — by any means — and only after the commit."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Organization
from jobs.models import Job
from jobs.services import job_run
from registry.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def version(school: Organization) -> int:
    from accounts.models import SchoolDataVersion

    return SchoolDataVersion.objects.get_or_create(organization=school)[0].value


def test_a_page_shows_a_change_made_by_any_means_at_once(client, curator, school):
    """An update that sends no signal and comes from no request (a shell, a script) shows on
    the next view: the page is not kept."""
    person = PersonFactory(organization=school, last_name="Старова")
    client.force_login(curator)
    assert "Старова" in client.get(reverse("registry:people")).content.decode()
    Person.objects.filter(pk=person.pk).update(last_name="Новова")
    text = client.get(reverse("registry:people")).content.decode()
    assert "Новова" in text and "Старова" not in text


def test_an_update_without_signals_in_a_post_is_a_new_version(client, curator, school):
    """QuerySet.update() sends no signal: the POST itself raises the school's version."""
    before = version(school)
    client.force_login(curator)
    client.post(reverse("mentoring:assignment-bulk"), {})  # any POST of a view that writes
    assert version(school) > before


def test_posts_that_write_nothing_keep_the_version(client, curator, school):
    before = version(school)
    client.force_login(curator)
    client.post(reverse("notices-read"))
    client.post(reverse("low-vision"), {"next": "/"})
    client.get(reverse("home"))  # a card view or a page view writes nothing that counts
    assert version(school) == before


def test_a_job_ending_is_a_new_version_of_every_school(curator, school, other_school):
    before = version(school), version(other_school)
    job = Job.objects.create(organization=school, kind="nothing", created_by=curator)
    job_run(job.pk)  # an unknown kind fails: its end counts all the same
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
    assert version(school) > before[0] and version(other_school) > before[1]


def test_a_command_that_writes_is_a_new_version_of_every_school(school, other_school):
    before = version(school), version(other_school)
    call_command("purge_withdrawn_consents", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert version(school) > before[0] and version(other_school) > before[1]


@pytest.mark.django_db(transaction=True)
def test_the_version_grows_after_the_commit_once():
    """Never before the commit (a figure built meanwhile is of the old data and keyed so), and
    once for a transaction however much it writes."""
    from django.db import transaction

    from tests.factories import OrganizationFactory

    school = OrganizationFactory()
    before = version(school)
    with transaction.atomic():
        PersonFactory(organization=school)
        PersonFactory(organization=school)
        assert version(school) == before
    assert version(school) == before + 1


def test_the_header_notices_follow_the_data(client, director, school):
    from tests.notices.test_notices import on_signature

    client.force_login(director)
    assert "Документы на подпись" not in client.get(reverse("notices")).content.decode()
    on_signature(school)
    assert "Документы на подпись" in client.get(reverse("notices")).content.decode()


def test_a_migrate_that_applied_migrations_is_a_new_version_of_every_school(school, other_school):
    """An upgrade's migrations may rewrite any school's rows (their historical models send no
    change of their own): when migrate ends having applied some, every school's figures are
    counted anew; a migrate with nothing to apply changes nothing."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    accounts = apps.get_app_config("accounts")
    before = version(school), version(other_school)
    post_migrate.send(sender=accounts, app_config=accounts, plan=[])
    assert (version(school), version(other_school)) == before
    post_migrate.send(sender=accounts, app_config=accounts, plan=[("a migration", False)])
    assert version(school) > before[0] and version(other_school) > before[1]
