"""Kirkpatrick's behaviour (observations on a checklist) and results (school indicators), on
their page and in the semester report."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AcademicYear
from mentoring.models import Assignment, Program
from monitoring.evaluation import kirkpatrick
from monitoring.models import Criterion, IndicatorValue, Observation
from monitoring.reports.semester import render_report_pdf
from registry.models import MentoringForm
from tests.documents.test_orders import text_of
from tests.factories import PersonFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021

pytestmark = pytest.mark.django_db

PERIOD = {"academic_year": "2021", "half": "1"}
TODAY = datetime.date(2022, 6, 30)  # the day the observations are recorded on


def observe(pair, mentee, day, score, observer=None):
    criteria = kirkpatrick.criteria_for(pair.organization)
    return kirkpatrick.observation_record(
        assignment=pair,
        mentee=mentee,
        observer=observer,
        observed_on=day,
        note="",
        scores={c.pk: score for c in criteria},
        today=TODAY,
    )


def observation_post(pair, mentee, day="2021-10-05", score="2"):
    body = {"mentee": mentee.pk, "observed_on": day, "note": "урок в 7А"}
    for criterion in kirkpatrick.criteria_for(pair.organization):
        body[f"criterion_{criterion.pk}"] = score
    return body


def test_a_school_starts_from_the_standard_checklist_once(school):
    first = kirkpatrick.criteria_for(school)
    assert [c.text for c in first] == kirkpatrick.STANDARD_CRITERIA
    first[0].is_active = False
    first[0].save()
    assert len(kirkpatrick.criteria_for(school)) == len(kirkpatrick.STANDARD_CRITERIA) - 1
    assert Criterion.objects.filter(organization=school).count() == len(first)


def test_the_mentor_records_an_observation_of_the_pairs_mentee(client, teacher, school):
    mentor = teacher.person.mentor_profile
    mentee = make_mentee(school, last_name="Наблюдаемая")
    pair = make_pair(school, mentor=mentor, mentee=mentee, status="active")
    client.force_login(teacher)
    detail = client.get(reverse("mentoring:assignment-detail", args=[pair.pk]))
    assert reverse("monitoring:observation-new", args=[pair.pk]) in detail.content.decode()
    response = client.post(
        reverse("monitoring:observation-new", args=[pair.pk]),
        observation_post(pair, mentee, score="1"),
        follow=True,
    )
    page = response.content.decode()
    assert "Наблюдение внесено." in page
    assert "05.10.2021 — Наблюдаемая" in page
    assert "Ставит цели урока, понятные обучающимся: проявляется частично" in page
    observation = Observation.objects.get()
    assert observation.observer == teacher
    assert sorted(observation.scores.values_list("score", flat=True)) == [1] * 6


def test_an_observation_is_checked(client, curator, school):
    mentee = make_mentee(school)
    pair = make_pair(school, mentee=mentee, status="active")
    client.force_login(curator)
    url = reverse("monitoring:observation-new", args=[pair.pk])
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert (
        str(kirkpatrick.OBSERVED_IN_FUTURE)
        in client.post(url, observation_post(pair, mentee, day=future)).content.decode()
    )
    outside = client.post(url, observation_post(pair, mentee, day="2021-06-01")).content.decode()
    assert "Дата наблюдения должна быть в сроках пары или группы: 01.09.2021 — 31.05.2022." in (
        outside
    )
    partial = observation_post(pair, mentee)
    partial.pop(f"criterion_{kirkpatrick.criteria_for(school)[0].pk}")
    assert "Обязательное поле." in client.post(url, partial).content.decode()
    assert not Observation.objects.exists()


def test_only_the_pairs_mentor_and_the_curator_record(client, teacher, director, school):
    pair = make_pair(school, status="active")
    client.force_login(teacher)  # a mentor, but not of this pair
    assert client.get(reverse("monitoring:observation-new", args=[pair.pk])).status_code == 404
    client.force_login(director)
    assert client.get(reverse("monitoring:observation-new", args=[pair.pk])).status_code == 403


def test_a_draft_pair_takes_no_observation(school):
    mentee = make_mentee(school)
    pair = make_pair(school, mentee=mentee)
    with pytest.raises(Exception, match="действующей или завершённой"):
        observe(pair, mentee, datetime.date(2021, 10, 1), 1)


@pytest.fixture
def observed(school):
    """Two mentees: one observed twice (all 0, then all 2), one observed once."""
    grows = make_mentee(school, last_name="Растущая")
    once = make_mentee(school, last_name="Однажды")
    pair = make_pair(school, mentee=grows, status="active")
    other = make_pair(school, mentee=once, status="active")
    observe(pair, grows, datetime.date(2021, 9, 20), 0)
    observe(pair, grows, datetime.date(2021, 12, 10), 2)
    observe(other, once, datetime.date(2021, 11, 1), 1)
    observe(other, once, datetime.date(2022, 3, 1), 2)  # the second half: not counted
    return pair, other


def test_behaviour_compares_the_first_and_last_observation(school, observed):
    starts_on, ends_on = year_2021().half_bounds(1)
    result = kirkpatrick.behaviour(school, starts_on, ends_on)
    assert [(r.person.last_name, r.observations) for r in result.rows] == [
        ("Однажды", 1),
        ("Растущая", 2),
    ]
    assert [r.person.last_name for r in result.compared] == ["Растущая"]
    assert result.improved == 1
    assert (result.average_first, result.average_last) == (Decimal("0.0"), Decimal("100.0"))


def test_the_overview_shows_the_four_levels(client, deputy, school, observed):
    client.force_login(deputy)
    page = client.get(reverse("monitoring:kirkpatrick"), PERIOD).content.decode()
    assert "Наблюдали: 2; сравнить первое и последнее наблюдение можно у 1" in page
    assert "улучшили показатель 1; в среднем 0,0 % → 100,0 % от максимума" in page
    assert "Показатели за это полугодие не внесены." in page


def test_one_programs_behaviour(client, curator, school, observed):
    pair, _other = observed
    program = Program.objects.create(
        organization=school,
        academic_year=year_2021(),
        form=MentoringForm.objects.get(code="teacher-teacher"),
        title="Молодой учитель",
        goal="адаптация",
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )
    Assignment.objects.filter(pk=pair.pk).update(program=program)
    client.force_login(curator)
    page = client.get(
        reverse("monitoring:kirkpatrick"), {**PERIOD, "program": program.pk}
    ).content.decode()
    assert "Растущая" in page and "Однажды" not in page


def indicator_post(rows):
    body = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for n, (name, unit, value) in enumerate(rows):
        body |= {f"form-{n}-name": name, f"form-{n}-unit": unit, f"form-{n}-value": value}
    return body


def test_the_curator_enters_indicators_compared_with_the_half_before(client, curator, school):
    AcademicYear.objects.get_or_create(start_year=2020, defaults=AcademicYear.standard_dates(2020))
    year_2021()
    client.force_login(curator)
    url = reverse("monitoring:indicators")
    client.post(
        f"{url}?academic_year=2020&half=2",
        indicator_post([("Обращения родителей по качеству преподавания", "шт.", "9")]),
    )
    form = client.get(url, PERIOD).content.decode()
    assert "Обращения родителей по качеству преподавания" in form
    response = client.post(
        f"{url}?academic_year=2021&half=1",
        indicator_post(
            [
                ("Обращения родителей по качеству преподавания", "шт.", "4"),
                ("Молодые специалисты, оставшиеся работать в школе", "%", "87,5"),
                ("Участники конкурсов профессионального мастерства", "чел.", ""),
            ]
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "Показатели школы сохранены." in page
    assert "<td>Обращения родителей по качеству преподавания, шт.</td><td>9,00</td>" in page
    assert "<td>4,00</td><td>-5,00</td>" in page
    assert "Участники конкурсов" not in page.split('data-testid="results"')[1]
    saved = IndicatorValue.objects.get(name__startswith="Молодые", academic_year__start_year=2021)
    assert saved.value == Decimal("87.5")


def test_an_indicator_named_twice_is_refused(client, curator, school):
    year_2021()
    client.force_login(curator)
    response = client.post(
        f"{reverse('monitoring:indicators')}?academic_year=2021&half=1",
        indicator_post([("Показатель", "", "1"), ("Показатель", "", "2")]),
    )
    assert "Каждый показатель можно указать только один раз." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_curator_edits_the_checklist(client, curator, school):
    client.force_login(curator)
    client.post(reverse("monitoring:criteria"), {"text": "Ведёт электронный журнал в срок"})
    criteria = kirkpatrick.criteria_for(school)
    assert criteria[-1].text == "Ведёт электронный журнал в срок"
    again = client.post(reverse("monitoring:criteria"), {"text": "Ведёт электронный журнал в срок"})
    assert "Такой пункт в чек-листе уже есть." in again.content.decode()
    client.post(reverse("monitoring:criterion-remove", args=[criteria[0].pk]))
    page = client.get(reverse("monitoring:criteria")).content.decode()
    assert criteria[0].text not in page and "Ведёт электронный журнал в срок" in page


def test_the_semester_report_prints_behaviour_and_results(school, observed):
    year = year_2021()
    IndicatorValue.objects.create(
        organization=school,
        academic_year=year,
        half=1,
        name="Обращения родителей по качеству преподавания",
        unit="шт.",
        value=Decimal(4),
    )
    text = text_of(render_report_pdf(school, year, 1))
    assert "Поведение (наблюдения по чек-листу)" in text
    assert "показатель улучшили 1, в среднем с 0,0 % до 100,0 % от максимума" in text
    assert "Обращения родителей по качеству преподавания, шт." in text


@pytest.mark.parametrize("pairs", [2, 20])
def test_the_overview_costs_the_same_whatever_the_data(
    client, curator, school, pairs, django_assert_max_num_queries
):
    mentor = make_mentor(school, capacity=30)
    for _n in range(pairs):
        mentee = make_mentee(school, last_name=PersonFactory.build().last_name)
        pair = make_pair(school, mentor=mentor, mentee=mentee, status="active")
        observe(pair, mentee, datetime.date(2021, 10, 1), 1)
        observe(pair, mentee, datetime.date(2021, 12, 1), 2)
    client.force_login(curator)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("monitoring:kirkpatrick"), PERIOD).content.decode()
    assert f"Наблюдали: {pairs};" in page
