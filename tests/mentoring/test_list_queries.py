"""Every list page keeps the same number of queries with 10 and with 200 rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring.models import RoadmapEvent, RoadmapItem
from mentoring.roadmap_services import roadmap_get_or_create
from mentoring.services import plan_create_from_template
from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021, year_round

pytestmark = pytest.mark.django_db
SIZES = [10, 200]


@pytest.mark.parametrize("rows", SIZES)
def test_waiting_list(client, curator, school, rows, django_assert_max_num_queries):
    for _ in range(rows):
        make_mentee(school)
    client.force_login(curator)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("mentoring:waiting-list"))
    assert len(response.context["page_obj"]) == min(rows, 25)


@pytest.mark.parametrize("rows", SIZES)
def test_roadmap_page(client, curator, school, rows, django_assert_max_num_queries):
    roadmap = roadmap_get_or_create(organization=school, academic_year=year_2021())
    deadline = year_round(roadmap)
    items = RoadmapItem.objects.bulk_create(
        RoadmapItem(roadmap=roadmap, order=n, number=str(n), task=f"Задача {n}", **deadline)
        for n in range(rows)
    )
    RoadmapEvent.objects.bulk_create(RoadmapEvent(item=i, text="мероприятие") for i in items)
    client.force_login(curator)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("mentoring:roadmap"), {"year": 2021})
    assert len(response.context["items"]) == rows


@pytest.mark.parametrize("rows", SIZES)
def test_my_assignments(client, teacher, school, rows, django_assert_max_num_queries):
    mentor = teacher.person.mentor_profile
    mentor.capacity = 30
    mentor.save()
    for n in range(min(rows, 30)):
        pair = make_pair(school, mentor=mentor)
        if n % 2:
            plan_create_from_template(assignment=pair)
    client.force_login(teacher)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("mentoring:my-assignments"))
    page_size = response.context["page_obj"].paginator.per_page
    assert len(response.context["rows"]) == min(rows, 30, page_size)
    assert response.context["page_obj"].paginator.count == min(rows, 30)


@pytest.mark.parametrize("rows", SIZES)
def test_cohort_page(client, curator, school, rows, django_assert_max_num_queries):
    year_2021()
    for _ in range(rows // 10):
        make_mentor(school, capacity=5)
    for _ in range(rows):
        make_mentee(school)
    client.force_login(curator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("mentoring:cohort"))
    assert len(response.context["table"]) == rows
