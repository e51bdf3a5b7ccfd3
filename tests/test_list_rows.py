"""The two long lists write their rows in Python ({% people_rows %}, {% assignment_rows %}):
whatever a person typed — a name, a position, a subject, a group's title, another school's
name — is shown as text, never as markup."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring.models import AssignmentStatus
from tests.factories import OrganizationFactory, PersonFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair

pytestmark = pytest.mark.django_db

HOSTILE = '<img src=x onerror="alert(1)">'
SHOWN = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"


def test_the_people_list_shows_typed_text_as_text(client, school, curator):
    PersonFactory(
        organization=school,
        last_name=f"Ли{HOSTILE}",
        category="teacher",
        position=f"учитель {HOSTILE}",
        subject=f"физика {HOSTILE}",
    )
    client.force_login(curator)
    page = client.get(reverse("registry:people")).content.decode()
    assert HOSTILE not in page
    assert page.count(SHOWN) == 3  # the name, the position, the subject


def test_the_pairs_list_shows_typed_text_as_text(client, school, curator):
    network = OrganizationFactory(
        municipality=school.municipality, short_name=f"СШ {HOSTILE}", slug="network"
    )
    mentor = make_mentor(network, last_name=f"Ким{HOSTILE}")
    mentor.network_ready = True
    mentor.save()
    mentee = make_mentee(school, last_name=f"Лис{HOSTILE}")
    pair = make_pair(school, mentor=mentor, mentee=mentee, status=AssignmentStatus.DRAFT)
    pair.title = f"Группа {HOSTILE}"
    pair.save()
    client.force_login(curator)
    page = client.get(reverse("mentoring:assignment-list")).content.decode()
    assert HOSTILE not in page
    # the mentor's and the mentee's names, the network school's name (the badge's title) and
    # the name of the pair in the tick box's label
    assert page.count(SHOWN) >= 4
    assert (
        f'id="pick-{pair.pk}"' in page
        and f"{reverse('mentoring:assignment-list')}{pair.pk}/" in page
    )
