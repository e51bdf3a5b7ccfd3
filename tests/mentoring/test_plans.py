"""Personal plans from the template, events marked done by participants, meetings log."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import services
from mentoring.models import Meeting, PlanEvent
from mentoring.services import plan_create_from_template
from tests.mentoring.factories import make_mentee, make_mentor, make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(school, teacher, mentee):
    return make_pair(
        school, mentor=teacher.person.mentor_profile, mentee=mentee.person.mentee_profile
    )


def test_plan_starts_from_the_five_tasks_template(pair):
    plan = plan_create_from_template(assignment=pair)
    tasks = list(plan.tasks.all())
    assert len(tasks) == 5
    assert tasks[0].title.startswith("Наблюдение за ходом профессиональной адаптации")
    assert all(t.events.count() == 3 for t in tasks)


def test_a_students_plan_speaks_of_students(school):
    from registry.models import MenteeProfile, MentoringForm
    from tests.factories import StudentFactory

    form = MentoringForm.objects.get(code="teacher-student")
    mentor = make_mentor(school, forms=["teacher-student"])
    student = MenteeProfile.objects.create(
        person=StudentFactory(organization=school), desired_form=form
    )
    pair = services.assignment_create(
        organization=school,
        academic_year=make_pair(school).academic_year,
        form=form,
        mentors=[mentor],
        mentees=[student],
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )
    plan = plan_create_from_template(assignment=pair)
    assert "обучающемуся" in plan.goal
    assert plan.tasks.count() == 5
    assert plan.tasks.get(order=3).title == "Поддержка в учёбе по трудным предметам"


def test_a_group_plan_has_an_individual_route_per_mentee(school):
    from registry.models import Competency

    mentor = make_mentor(school, capacity=5)
    mentees = [make_mentee(school) for _ in range(2)]
    deficit = Competency.objects.create(name="оценивание результатов")
    mentees[0].deficits.set([deficit])
    group = services.assignment_create(
        organization=school,
        academic_year=make_pair(school).academic_year,
        form=mentor.forms.first(),
        kind="group",
        mentors=[mentor],
        mentees=mentees,
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )
    plan = plan_create_from_template(assignment=group)
    routes = {r.mentee_id: r for r in plan.routes.all()}
    assert set(routes) == {m.pk for m in mentees}
    assert list(routes[mentees[0].pk].deficits.all()) == [deficit]
    assert routes[mentees[0].pk].steps.count() == 4


def test_mentor_creates_the_plan_from_the_page(client, teacher, pair):
    client.force_login(teacher)
    client.post(reverse("mentoring:plan-create", args=[pair.pk]))
    page = client.get(reverse("mentoring:assignment-detail", args=[pair.pk])).content.decode()
    assert "Задача 5. Разработка методических продуктов" in page
    assert "Выполнено мероприятий: 0 из 15" in page


def test_mentee_marks_an_event_done_with_htmx(client, mentee, pair):
    plan = plan_create_from_template(assignment=pair)
    event = plan.tasks.first().events.first()
    client.force_login(mentee)
    response = client.post(
        reverse("mentoring:event-done", args=[pair.pk, event.pk]),
        {"done_on": "2021-09-20", "note": "беседа прошла"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert "выполнено 20.09.2021" in text and "беседа прошла" in text
    assert "Выполнено мероприятий: 1 из 15" in text
    event.refresh_from_db()
    assert event.done_on == datetime.date(2021, 9, 20) and event.done_by == mentee


def test_a_future_date_is_refused(client, teacher, pair):
    plan = plan_create_from_template(assignment=pair)
    event = plan.tasks.first().events.first()
    client.force_login(teacher)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("mentoring:event-done", args=[pair.pk, event.pk]),
        {"done_on": future},
        HTTP_HX_REQUEST="true",
    )
    assert str(services.EVENT_DATE_IN_FUTURE) in response.content.decode()
    event.refresh_from_db()
    assert event.done_on is None


def test_another_teacher_cannot_mark_events(client, school, pair):
    from tests.conftest import member

    stranger = member(school, "stranger", "teacher")
    plan = plan_create_from_template(assignment=pair)
    event = plan.tasks.first().events.first()
    client.force_login(stranger)
    response = client.post(
        reverse("mentoring:event-done", args=[pair.pk, event.pk]), {"done_on": "2021-09-20"}
    )
    assert response.status_code == 404
    assert not PlanEvent.objects.filter(done_on__isnull=False).exists()


def test_mentee_cannot_edit_the_plan(client, mentee, pair):
    plan = plan_create_from_template(assignment=pair)
    event = plan.tasks.first().events.first()
    client.force_login(mentee)
    response = client.post(
        reverse("mentoring:event-edit", args=[pair.pk, event.pk]), {"title": "другое"}
    )
    assert response.status_code == 403


def test_mentor_adds_and_edits_events(client, teacher, pair):
    plan = plan_create_from_template(assignment=pair)
    task = plan.tasks.first()
    client.force_login(teacher)
    client.post(
        reverse("mentoring:event-add", args=[pair.pk, task.pk]),
        {"title": "Посещение уроков наставника", "due": "октябрь", "expected_result": "анализ"},
    )
    assert task.events.count() == 4
    event = task.events.last()
    client.post(
        reverse("mentoring:event-edit", args=[pair.pk, event.pk]),
        {"title": "Посещение трёх уроков наставника", "due": "октябрь", "expected_result": ""},
    )
    event.refresh_from_db()
    assert event.title == "Посещение трёх уроков наставника"


def test_participants_log_meetings(client, teacher, pair):
    client.force_login(teacher)
    client.post(
        reverse("mentoring:meeting-create", args=[pair.pk]),
        {"held_on": "2021-10-05", "duration_minutes": 40, "topic": "Разбор урока", "notes": ""},
    )
    meeting = Meeting.objects.get()
    assert meeting.topic == "Разбор урока" and meeting.created_by == teacher
    page = client.get(reverse("mentoring:assignment-detail", args=[pair.pk])).content.decode()
    assert "Разбор урока" in page


def test_teacher_home_shows_own_pairs_with_progress(client, teacher, pair, the_day_is):
    the_day_is(datetime.date(2021, 10, 1))
    plan = plan_create_from_template(assignment=pair)
    services.plan_event_mark_done(
        event=plan.tasks.first().events.first(),
        done_on=datetime.date(2021, 9, 10),
        today=datetime.date(2021, 9, 10),
    )
    client.force_login(teacher)
    page = client.get(reverse("home")).content.decode()
    assert "Мои пары и группы" in page and "Соловьёв" in page and "1 из 15" in page


def formset_data(prefix: str, forms: list[dict], initial: int) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": len(forms),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for n, form in enumerate(forms):
        data.update({f"{prefix}-{n}-{k}": v for k, v in form.items()})
    return data


def test_mentor_edits_the_goal_and_tasks(client, teacher, pair):
    plan = plan_create_from_template(assignment=pair)
    tasks = list(plan.tasks.all())
    forms = [{"id": t.pk, "order": t.order, "title": t.title} for t in tasks]
    forms[0]["title"] = "Адаптация в коллективе"
    forms[4]["DELETE"] = "on"
    forms.append({"order": 6, "title": "Подготовка к аттестации"})
    data = {"plan-goal": "Уверенно вести уроки математики", **formset_data("tasks", forms, 5)}
    client.force_login(teacher)
    response = client.post(reverse("mentoring:plan-edit", args=[pair.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.goal == "Уверенно вести уроки математики"
    assert plan.tasks.first().title == "Адаптация в коллективе"
    assert plan.tasks.count() == 5
    assert plan.tasks.last().title == "Подготовка к аттестации"


def test_mentor_keeps_an_individual_route_of_a_group_mentee(client, teacher, school):
    from registry.models import Competency

    mentor = teacher.person.mentor_profile
    mentees = [make_mentee(school), make_mentee(school)]
    group = services.assignment_create(
        organization=school,
        academic_year=make_pair(school).academic_year,
        form=mentor.forms.first(),
        kind="group",
        mentors=[mentor],
        mentees=mentees,
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )
    route = plan_create_from_template(assignment=group).routes.first()
    deficit = Competency.objects.create(name="формирующее оценивание")
    steps = [
        {"id": s.pk, "area": s.area, "events": s.events, "due": s.due, "done_on": ""}
        for s in route.steps.all()
    ]
    steps[0]["done_on"] = "2021-11-01"
    data = {
        "route-deficits": [deficit.pk],
        "route-diagnosis": "Самоанализ урока показал трудности с оцениванием",
        **formset_data("steps", steps, len(steps)),
    }
    client.force_login(teacher)
    client.post(reverse("mentoring:route-edit", args=[group.pk, route.pk]), data)
    route.refresh_from_db()
    assert list(route.deficits.all()) == [deficit]
    assert route.steps.first().done_on == datetime.date(2021, 11, 1)
    page = client.get(reverse("mentoring:assignment-detail", args=[group.pk])).content.decode()
    assert "Самоанализ урока показал трудности с оцениванием" in page
