"""tests.once: the seeded demo put back after the tables were emptied."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import Organization
from registry.models import Person
from tests.factories import PersonFactory
from tests.once import seeded_demo


@pytest.mark.django_db(transaction=True)
def test_a_row_made_after_the_demo_is_put_back_takes_a_new_id():
    """A `flush` (or a migration run backwards and forwards) restarts PostgreSQL's id
    sequences; the demo's rows come back with their own ids, and the next row a page makes
    must not take one of them (a browser test after such a test once failed on it)."""
    seeded_demo()
    call_command("flush", interactive=False, verbosity=0)
    seeded_demo()
    taken = max(Person.objects.values_list("pk", flat=True))
    person = PersonFactory(organization=Organization.objects.get(slug="school-19"))
    assert person.pk > taken
