"""The mentor and mentee registries in the browser: entries, statuses, training, incentives,
the young specialists' page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.services import assignment_activate
from registry.models import (
    STANDARD_FORMS,
    Competency,
    Incentive,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
)
from registry.services import MENTOR_STILL_MENTORING, STALE_CARD
from tests.factories import (
    IncentiveFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
    StudentFactory,
    TrainingRecordFactory,
)
from tests.mentoring.factories import make_mentee, make_mentor, make_pair

pytestmark = pytest.mark.django_db


def form_id(code: str) -> int:
    return MentoringForm.objects.get(code=code).pk


def texts(response) -> str:
    return response.content.decode()


def test_curator_adds_a_teacher_to_the_mentor_registry_as_candidate(client, curator, school):
    person = PersonFactory(organization=school, last_name="Гончарова")
    skill = Competency.objects.create(name="Проектная деятельность")
    client.force_login(curator)
    card = client.get(reverse("registry:person", args=[person.pk]))
    assert "Внести в базу наставников" in texts(card)
    response = client.post(
        reverse("registry:mentor-edit", args=[person.pk]),
        {
            "forms": [form_id("teacher-teacher"), form_id("teacher-student")],
            "competencies": [skill.pk],
            "capacity": "3",
            "network_ready": "on",
            "notes": "",
            "version": "0",
        },
        follow=True,
    )
    mentor = MentorProfile.objects.get(person=person)
    assert mentor.status == MentorProfile.Status.CANDIDATE
    assert mentor.capacity == 3 and mentor.network_ready
    assert sorted(f.code for f in mentor.forms.all()) == ["teacher-student", "teacher-teacher"]
    page = texts(response)
    assert "Запись в реестре сохранена." in page
    assert 'Статус: <strong data-testid="mentor-status">кандидат</strong>' in page
    assert "Проектная деятельность" in page
    assert "Утвердить наставником" in page


def test_a_form_the_person_cannot_lead_is_refused(client, curator, school):
    student = StudentFactory(organization=school)
    client.force_login(curator)
    response = client.post(
        reverse("registry:mentor-edit", args=[student.pk]),
        {"forms": [form_id("teacher-student")], "capacity": "2", "version": "0"},
    )
    assert "Обучающийся не может быть наставником в форме: учитель – ученик." in texts(response)
    assert not MentorProfile.objects.filter(person=student).exists()


def test_capacity_cannot_fall_below_the_current_load(client, curator, school, the_day_is):
    the_day_is(datetime.date(2021, 10, 1))
    mentor = make_mentor(school, capacity=2)
    make_pair(school, mentor=mentor)
    make_pair(school, mentor=mentor)
    client.force_login(curator)
    response = client.post(
        reverse("registry:mentor-edit", args=[mentor.person_id]),
        {"forms": [form_id("teacher-teacher")], "capacity": "1", "version": mentor.version},
    )
    assert "Сейчас у наставника 2 наставляемых: вместимость не может быть меньше." in texts(
        response
    )
    mentor.refresh_from_db()
    assert mentor.capacity == 2


def test_a_stale_entry_is_not_saved_over_a_newer_one(client, curator, school):
    mentor = MentorProfileFactory(person=PersonFactory(organization=school), capacity=2)
    started_from = mentor.version
    MentorProfile.objects.filter(pk=mentor.pk).update(version=started_from + 1, capacity=4)
    client.force_login(curator)
    response = client.post(
        reverse("registry:mentor-edit", args=[mentor.person_id]),
        {"forms": [form_id("teacher-teacher")], "capacity": "5", "version": started_from},
    )
    assert str(STALE_CARD) in texts(response).replace("&#x27;", "'")
    mentor.refresh_from_db()
    assert mentor.capacity == 4


def post_status(client, mentor, to):
    return client.post(reverse("registry:mentor-status", args=[mentor.pk]), {"to": to}, follow=True)


def test_statuses_go_candidate_approved_active_left(client, curator, school):
    mentor = MentorProfileFactory(
        person=PersonFactory(organization=school), status=MentorProfile.Status.CANDIDATE
    )
    client.force_login(curator)
    refused = post_status(client, mentor, "active")
    assert "Статус «кандидат» нельзя сменить на «активен»." in texts(refused)
    for target, label in (("approved", "утверждён"), ("active", "активен"), ("left", "выбыл")):
        response = post_status(client, mentor, target)
        assert f"Статус наставника: {label}." in texts(response)
        mentor.refresh_from_db()
        assert mentor.status == target
    assert mentor.history.count() >= 4


def test_a_mentor_with_an_open_pair_cannot_leave(client, curator, school, the_day_is):
    the_day_is(datetime.date(2021, 10, 1))
    mentor = make_mentor(school)
    make_pair(school, mentor=mentor, status="active")
    client.force_login(curator)
    response = post_status(client, mentor, "left")
    assert str(MENTOR_STILL_MENTORING % {"count": 1}) in texts(response)
    mentor.refresh_from_db()
    assert mentor.status == MentorProfile.Status.ACTIVE


def test_a_signed_pair_makes_its_approved_mentor_active(school):
    mentor = make_mentor(school)
    MentorProfile.objects.filter(pk=mentor.pk).update(status=MentorProfile.Status.APPROVED)
    pair = make_pair(school, mentor=mentor, status="awaiting_order")
    assignment_activate(assignment=pair)
    mentor.refresh_from_db()
    assert mentor.status == MentorProfile.Status.ACTIVE


def test_training_and_incentives_are_recorded_and_removed(client, curator, school):
    mentor = MentorProfileFactory(person=PersonFactory(organization=school))
    client.force_login(curator)
    response = client.post(
        reverse("registry:training-add", args=[mentor.pk]),
        {
            "course": "Технологии наставничества",
            "provider": "ИРО",
            "hours": "72",
            "completed_on": "2021-04-10",
            "certificate": "№ 77",
        },
        follow=True,
    )
    assert "Технологии наставничества — ИРО, 72 ч., 10.04.2021 (№ 77)" in texts(response)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    refused = client.post(
        reverse("registry:training-add", args=[mentor.pk]),
        {"course": "Курс", "provider": "ИРО", "hours": "10", "completed_on": future},
        follow=True,
    )
    assert "Дата окончания курса не может быть в будущем." in texts(refused)
    assert mentor.trainings.count() == 1

    no_amount = client.post(
        reverse("registry:incentive-add", args=[mentor.pk]),
        {"kind": "payment", "description": "доплата", "granted_on": "2021-10-01"},
        follow=True,
    )
    assert "Укажите сумму доплаты." in texts(no_amount)
    client.post(
        reverse("registry:incentive-add", args=[mentor.pk]),
        {"kind": "award", "description": "грамота управления образования",
         "granted_on": "2021-12-20"},
    )  # fmt: skip
    assert list(mentor.incentives.values_list("description", flat=True)) == [
        "грамота управления образования"
    ]

    training = mentor.trainings.get()
    response = client.post(reverse("registry:training-delete", args=[training.pk]), follow=True)
    assert "Запись об обучении удалена." in texts(response)
    assert "Курсов наставников не проходил(а)." in texts(response)
    incentive = mentor.incentives.get()
    client.post(reverse("registry:incentive-delete", args=[incentive.pk]))
    assert not Incentive.objects.filter(pk=incentive.pk).exists()


def test_other_schools_rows_are_out_of_reach(client, curator, other_school):
    training = TrainingRecordFactory(
        mentor=MentorProfileFactory(person=PersonFactory(organization=other_school))
    )
    incentive = IncentiveFactory(mentor=training.mentor)
    client.force_login(curator)
    assert client.post(reverse("registry:training-delete", args=[training.pk])).status_code == 404
    assert client.post(reverse("registry:incentive-delete", args=[incentive.pk])).status_code == 404
    assert (
        client.post(reverse("registry:mentor-status", args=[training.mentor_id]), {"to": "left"})
    ).status_code == 404
    training.refresh_from_db()
    training.mentor.refresh_from_db()
    assert training.mentor.status == MentorProfile.Status.ACTIVE


def test_only_the_curator_edits_the_registries(client, director, school):
    person = PersonFactory(organization=school)
    mentor = MentorProfileFactory(person=PersonFactory(organization=school))
    client.force_login(director)
    assert client.get(reverse("registry:mentor-edit", args=[person.pk])).status_code == 403
    assert (
        client.post(reverse("registry:mentor-status", args=[mentor.pk]), {"to": "left"}).status_code
        == 403
    )
    card = texts(client.get(reverse("registry:person", args=[mentor.person_id])))
    assert "Утвердить наставником" not in card and "Выбыл" not in card
    assert not MentorProfile.objects.filter(person=person).exists()


def test_mentee_entry_with_request_deficits_and_source(client, curator, school):
    person = PersonFactory(organization=school, experience_years=Decimal(1), last_name="Юдина")
    deficit = Competency.objects.create(name="Работа с родителями")
    client.force_login(curator)
    wrong = client.post(
        reverse("registry:mentee-edit", args=[person.pk]),
        {"desired_form": form_id("teacher-student"), "version": "0"},
    )
    assert "В форме «учитель – ученик» наставляемым не может быть педагог." in texts(wrong)
    client.post(
        reverse("registry:mentee-edit", args=[person.pk]),
        {
            "request": "выстроить общение с родителями",
            "deficits": [deficit.pk],
            "source": "attestation",
            "desired_form": form_id("teacher-teacher"),
            "version": "0",
        },
    )
    entry = MenteeProfile.objects.get(person=person)
    assert entry.status_on(datetime.date(2021, 9, 1)) == MenteeProfile.Status.WAITING
    listing = texts(client.get(reverse("registry:mentees"), {"source": "attestation"}))
    assert "Юдина" in listing and "Работа с родителями" in listing and "аттестация" in listing
    other = texts(client.get(reverse("registry:mentees"), {"source": "parents"}))
    assert "Юдина" not in other and "По этим условиям наставляемых нет." in other


def test_mentor_list_filters_and_counts(client, deputy, school, the_day_is):
    the_day_is(datetime.date(2021, 10, 1))
    trained = make_mentor(school, last_name="Обученная")
    TrainingRecordFactory(mentor=trained)
    make_pair(school, mentor=trained)
    MentorProfileFactory(
        person=PersonFactory(organization=school, last_name="Новенькая"),
        status=MentorProfile.Status.CANDIDATE,
    )
    client.force_login(deputy)
    page = texts(client.get(reverse("registry:mentors")))
    assert "Кандидат: 1 · Утверждён: 0 · Активен: 1 · Выбыл: 0" in page
    assert "1 из 2" in page
    untrained = texts(client.get(reverse("registry:mentors"), {"trained": "no"}))
    assert "Новенькая" in untrained and "Обученная" not in untrained
    candidates = texts(client.get(reverse("registry:mentors"), {"status": "candidate"}))
    assert "Новенькая" in candidates and "Обученная" not in candidates


def test_student_mentors_are_not_marked_untrained(client, curator, school):
    """Mentors' courses are for adults: a pupil who mentors a pupil needs none."""
    MentorProfileFactory(
        person=StudentFactory(organization=school, last_name="Старшеклассник"),
        forms=["student-student"],
    )
    MentorProfileFactory(person=PersonFactory(organization=school, last_name="Педагогова"))
    client.force_login(curator)
    page = texts(client.get(reverse("registry:mentors")))
    teacher_row = page[page.index("Педагогова") : page.index("Старшеклассник")]
    student_row = page[page.index("Старшеклассник") :]
    assert "не обучен" in teacher_row and "не требуется" not in teacher_row
    assert "не требуется" in student_row and "не обучен" not in student_row
    untrained = texts(client.get(reverse("registry:mentors"), {"trained": "no"}))
    assert "Педагогова" in untrained and "Старшеклассник" not in untrained


def test_young_specialists_with_and_without_a_mentor(client, curator, school, the_day_is):
    the_day_is(datetime.date(2021, 10, 1))
    mentor = make_mentor(school, last_name="Опытная", first_name="Ольга", middle_name="Ивановна")
    with_mentor = make_mentee(school, last_name="Молодая", experience_years=Decimal("1.5"))
    make_pair(school, mentor=mentor, mentee=with_mentor, status="active")
    PersonFactory(organization=school, last_name="Новичкова", experience_years=Decimal(0))
    PersonFactory(organization=school, last_name="Стажистая", experience_years=Decimal(3))
    client.force_login(curator)
    page = texts(client.get(reverse("registry:young-specialists")))
    assert "Всего: <strong>2</strong> · с наставником: <strong>1</strong>" in page
    assert "Молодая" in page and "Новичкова" in page and "Стажистая" not in page
    assert "Опытная О.И." in page


@pytest.mark.parametrize("rows", [10, 200])
def test_registry_lists_cost_the_same_whatever_the_rows(
    client, curator, school, rows, django_assert_max_num_queries
):
    for n in range(rows):
        mentor = MentorProfileFactory(person=PersonFactory(organization=school))
        TrainingRecordFactory(mentor=mentor)
        MenteeProfileFactory(
            person=PersonFactory(organization=school, experience_years=Decimal(n % 3))
        )
    client.force_login(curator)
    # Session, user, memberships, menu, the cache's generation and the page's own few reads;
    # never one per row.
    for name, most in (
        ("registry:mentors", 16),
        ("registry:mentees", 13),
        ("registry:young-specialists", 14),
    ):
        with django_assert_max_num_queries(most):
            response = client.get(reverse(name))
        assert response.context["page_obj"].paginator.count >= min(rows, 10)


@pytest.mark.django_db(transaction=True)
def test_the_five_forms_come_back_after_a_flush_and_a_migrate():
    """Reference data the portal relies on: a `flush` (the browser tests' empty tables) or a
    `migrate` makes the missing standard forms again, and leaves the others be."""
    from django.core.management import call_command

    MentoringForm.objects.filter(code="teacher-student").delete()
    call_command("migrate", verbosity=0)
    assert MentoringForm.objects.filter(code="teacher-student").exists()
    call_command("flush", interactive=False, verbosity=0)
    assert list(MentoringForm.objects.values_list("code", "name")) == [
        (code, name) for code, name, _mentors, _mentees in STANDARD_FORMS
    ]
