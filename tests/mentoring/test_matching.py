"""Suggested mentors with a readable score, and the cohort optimum against brute force."""

from __future__ import annotations

import datetime
import itertools
import random
from decimal import Decimal

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import matching
from mentoring.models import Assignment
from registry.models import Competency, MenteeProfile
from tests.factories import OrganizationFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_score_parts_explain_the_total(school):
    algebra, geometry, ict = (
        Competency.objects.create(name=n) for n in ("алгебра", "геометрия", "ИКТ")
    )
    mentor = make_mentor(school, capacity=3, subject="математика", experience_years=Decimal(10))
    mentor.competencies.set([algebra, ict])
    mentee = make_mentee(school, subject="математика")
    mentee.deficits.set([algebra, geometry])
    year_2021()

    [best] = matching.candidates_for(mentee, school, TODAY)
    parts = {p.label: p for p in best.parts}
    assert parts["Форма"].points == 20
    assert parts["Предмет"].points == 20
    assert parts["Дефициты"].points == 12  # one of two deficits: 25 * 1/2, rounded
    assert "закрывает 1 из 2 дефицитов: алгебра" in parts["Дефициты"].explanation
    assert parts["Свободные места"].points == 10
    assert parts["Опыт"].points == 8  # 10 of 20 years: 15 * 0.5, rounded half to even
    assert parts["Школа"].points == 10
    assert best.total == sum(p.points for p in best.parts) == 80


def test_candidates_leave_out_full_and_unfit_mentors(school):
    full = make_mentor(school, capacity=1, last_name="Занятая")
    make_pair(school, mentor=full)
    make_mentor(school, forms=["teacher-student"], last_name="Другаяформа")
    free = make_mentor(school, last_name="Свободная")
    mentee = make_mentee(school)
    during = datetime.date(2021, 10, 1)  # within the full mentor's pair
    names = [c.mentor.name for c in matching.candidates_for(mentee, school, during)]
    assert names == [free.person.full_name]


def test_candidates_are_ranked_best_first(school):
    make_mentor(school, subject="история", last_name="Историкова")
    make_mentor(school, subject="математика", last_name="Математикова")
    mentee = make_mentee(school, subject="математика")
    ranked = matching.candidates_for(mentee, school, TODAY)
    assert ranked[0].mentor.name.startswith("Математикова")
    assert ranked[0].total > ranked[1].total


def test_network_mentor_is_suggested_with_fewer_points(school):
    neighbour = OrganizationFactory(municipality=school.municipality)
    remote = make_mentor(neighbour, last_name="Сетевая")
    remote.network_ready = True
    remote.save()
    mentee = make_mentee(school)
    [candidate] = matching.candidates_for(mentee, school, TODAY)
    school_part = candidate.parts[-1]
    assert school_part.points == 0 and neighbour.short_name in school_part.explanation


def brute_force(weights: np.ndarray, capacities: list[int]) -> float:
    n, m = weights.shape
    best = 0.0
    for choice in itertools.product([None, *range(m)], repeat=n):
        used = [0] * m
        total, ok = 0.0, True
        for i, j in enumerate(choice):
            if j is None:
                continue
            if weights[i, j] <= matching.INCOMPATIBLE / 2:
                ok = False
                break
            used[j] += 1
            total += weights[i, j]
        if ok and all(u <= c for u, c in zip(used, capacities, strict=True)):
            best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_cohort_optimum_equals_brute_force(seed):
    rng = random.Random(seed)
    n, m = rng.randint(1, 5), rng.randint(1, 3)
    weights = np.array(
        [
            [rng.choice([matching.INCOMPATIBLE, rng.randint(10, 100)]) for _ in range(m)]
            for _ in range(n)
        ],
        dtype=float,
    )
    capacities = [rng.randint(1, 2) for _ in range(m)]
    chosen = matching.optimal_assignment(weights, capacities)
    for j in range(m):
        assert sum(1 for c in chosen if c == j) <= capacities[j]
    total = sum(weights[i, j] for i, j in enumerate(chosen) if j is not None)
    assert total == brute_force(weights, capacities)


def test_cohort_respects_capacity_and_prefers_the_better_pairs(school):
    maths = make_mentor(school, capacity=1, subject="математика", last_name="Математикова")
    make_mentor(school, capacity=1, subject="история", last_name="Историкова")
    first = make_mentee(school, subject="математика", last_name="Алгебраев")
    second = make_mentee(school, subject="история", last_name="Летописцев")
    rows = {r.mentee.id: r for r in matching.cohort_proposal(school, TODAY)}
    assert rows[first.pk].mentor.id == maths.pk
    assert rows[second.pk].mentor.name.startswith("Историкова")


def test_curator_picks_a_suggested_mentor_and_gets_a_draft_pair(client, curator, school):
    year_2021()
    mentor = make_mentor(school, last_name="Лебедева")
    mentee = make_mentee(school, last_name="Новиков")
    client.force_login(curator)
    page = client.get(reverse("mentoring:mentee-match", args=[mentee.pk])).content.decode()
    assert "Лебедева" in page and "Дефициты" in page
    response = client.post(
        reverse("mentoring:mentee-match", args=[mentee.pk]), {"mentor": mentor.pk}
    )
    pair = Assignment.objects.get()
    assert response.url == reverse("mentoring:assignment-detail", args=[pair.pk])
    assert pair.mentors == [mentor] and pair.status == "draft"


def test_a_mentee_without_a_desired_form_is_sent_to_the_card_not_to_an_error(
    client, curator, school
):
    year_2021()
    mentor = make_mentor(school, last_name="Лебедева")
    mentee = make_mentee(school, last_name="Новиков")
    type(mentee).objects.filter(pk=mentee.pk).update(desired_form=None)
    client.force_login(curator)
    response = client.post(
        reverse("mentoring:mentee-match", args=[mentee.pk]), {"mentor": mentor.pk}, follow=True
    )
    assert "не указана желаемая форма наставничества" in response.content.decode()
    assert not Assignment.objects.exists()


def test_curator_accepts_the_edited_cohort_table_in_one_step(client, curator, school):
    year_2021()
    mentor_a = make_mentor(school, capacity=2)
    mentor_b = make_mentor(school, capacity=2)
    kept, changed, dropped = (make_mentee(school) for _ in range(3))
    client.force_login(curator)
    page = client.get(reverse("mentoring:cohort"))
    assert len(page.context["table"]) == 3
    response = client.post(
        reverse("mentoring:cohort"),
        {
            f"mentee-{kept.pk}": mentor_a.pk,
            f"mentee-{changed.pk}": mentor_b.pk,
            f"mentee-{dropped.pk}": "",
        },
    )
    assert response.status_code == 302
    assert Assignment.objects.count() == 2
    assert dropped.status_on(datetime.date(2021, 9, 1)) == MenteeProfile.Status.WAITING
    assert Assignment.objects.get(mentee_links__mentee=changed).mentors == [mentor_b]


def test_cohort_with_an_overfull_mentor_saves_nothing(client, curator, school):
    year_2021()
    mentor = make_mentor(school, capacity=1)
    first, second = make_mentee(school), make_mentee(school)
    client.force_login(curator)
    response = client.post(
        reverse("mentoring:cohort"),
        {f"mentee-{first.pk}": mentor.pk, f"mentee-{second.pk}": mentor.pk},
    )
    assert response.status_code == 200
    assert "Ничего не сохранено" in response.content.decode()
    assert "не больше 1 наставляемых" in response.content.decode()
    assert not Assignment.objects.exists()
