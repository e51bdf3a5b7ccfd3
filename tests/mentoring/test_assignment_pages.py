"""The curator forms pairs and groups in the browser: list, create, edit, status changes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.declension import Case, person_name
from mentoring import services
from mentoring.models import Assignment, AssignmentStatus, Meeting
from registry.models import MenteeProfile, MentoringForm
from tests.factories import OrganizationFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021

pytestmark = pytest.mark.django_db
S = AssignmentStatus


def page_text(response) -> str:
    return response.content.decode()


def pair_post(mentor, mentee, **extra):
    return {
        "mentoring_form": MentoringForm.objects.get(code="teacher-teacher").pk,
        "academic_year": year_2021().pk,
        "mentor": mentor.pk,
        "mentee": mentee.pk,
        "starts_on": "2021-09-01",
        "ends_on": "2022-05-31",
        "notes": "",
        **extra,
    }


def test_a_teacher_hired_after_the_start_is_refused_for_that_reason(
    client, curator, school, the_day_is
):
    """A staff file loaded in December gave the teacher «Дата приёма» of that day: a pair from
    01.09.2021 is refused naming the hiring date (not «дата выбытия»), with a link to it."""
    the_day_is(datetime.date(2021, 12, 10))
    mentor = make_mentor(
        school, last_name="Новикова", first_name="Вера", middle_name="Петровна", gender="f",
        joined_on=datetime.date(2021, 12, 6),
    )  # fmt: skip
    client.force_login(curator)
    page = page_text(
        client.post(reverse("mentoring:assignment-create"), pair_post(mentor, make_mentee(school)))
    )
    assert (
        "Новикова В.П. принята на работу 06.12.2021 — позже начала пары 01.09.2021. Если "
        "наставник работал раньше, исправьте дату приёма в карточке." in page
    )
    fix = reverse("registry:person-edit", args=[mentor.person_id]) + "#id_joined_on"
    assert f'href="{fix}"' in page
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("today", "dates", "refusal", "field"),
    [
        (
            datetime.date(2021, 8, 16),
            {"left_on": datetime.date(2021, 8, 20)},
            "Кузнецова Д.А. выбыла из организации 20.08.2021 — раньше начала пары 01.09.2021 "
            "(дата выбытия в карточке).",
            "left_on",
        ),
        (
            datetime.date(2021, 10, 11),
            {"joined_on": datetime.date(2021, 10, 4)},
            "Кузнецова Д.А. принята в организацию 04.10.2021 — позже начала пары 01.09.2021 "
            "(дата приёма в карточке).",
            "joined_on",
        ),
    ],
)
def test_a_mentee_off_the_roll_on_the_first_day_is_refused(
    client, curator, school, the_day_is, today, dates, refusal, field
):
    """A mentee who leaves before the pair starts, or was taken on after it, is refused as a
    mentor is, with a link to the card's date."""
    the_day_is(today)
    mentee = make_mentee(
        school, last_name="Кузнецова", first_name="Дарья", middle_name="Андреевна", gender="f",
        **dates,
    )  # fmt: skip
    client.force_login(curator)
    page = page_text(
        client.post(reverse("mentoring:assignment-create"), pair_post(make_mentor(school), mentee))
    )
    assert refusal in page
    fix = reverse("registry:person-edit", args=[mentee.person_id]) + f"#id_{field}"
    assert f'href="{fix}"' in page
    assert not Assignment.objects.exists()


def test_curator_creates_a_pair_and_sees_it(client, curator, school):
    mentor, mentee = make_mentor(school, last_name="Лебедева"), make_mentee(school)
    client.force_login(curator)
    response = client.post(reverse("mentoring:assignment-create"), pair_post(mentor, mentee))
    pair = Assignment.objects.get()
    assert response.url == reverse("mentoring:assignment-detail", args=[pair.pk])
    detail = page_text(client.get(response.url))
    assert "Лебедева" in detail and "черновик" in detail
    assert pair.created_by == curator


def test_a_violation_is_a_message_on_the_form(client, curator, school):
    mentor = make_mentor(school, capacity=1)
    make_pair(school, mentor=mentor)
    mentee = make_mentee(school)
    client.force_login(curator)
    response = client.post(reverse("mentoring:assignment-create"), pair_post(mentor, mentee))
    assert response.status_code == 200
    expected = str(services.MENTOR_CAPACITY_EXCEEDED) % {
        "name": person_name(mentor.person, Case.GENITIVE, short=True),
        "capacity": 1,
        "count": 2,
    }
    assert expected in page_text(response).replace("&quot;", '"')
    assert Assignment.objects.count() == 1


def test_period_outside_the_year_is_shown_on_the_form(client, curator, school):
    client.force_login(curator)
    response = client.post(
        reverse("mentoring:assignment-create"),
        pair_post(make_mentor(school), make_mentee(school), ends_on="2022-07-01"),
    )
    assert "Период должен лежать внутри учебного года" in page_text(response)


def test_curator_creates_a_group(client, curator, school):
    mentor = make_mentor(school, capacity=5)
    mentees = [make_mentee(school) for _ in range(3)]
    client.force_login(curator)
    data = pair_post(mentor, mentees[0], title="Педагог – группа молодых педагогов")
    data.pop("mentor"), data.pop("mentee")
    data["mentors"] = [mentor.pk]
    data["mentees"] = [m.pk for m in mentees]
    client.post(reverse("mentoring:assignment-create") + "?kind=group", data)
    group = Assignment.objects.get()
    assert group.kind == "group" and len(group.mentees) == 3
    names = ", ".join(m.person.short_name for m in group.mentees)
    assert sorted(m.pk for m in group.mentees) == sorted(m.pk for m in mentees)
    assert str(group) == (
        f"Группа «Педагог – группа молодых педагогов»: {mentor.person.short_name} → "
        f"{names}, {group.form.name}"
    )


def test_posting_status_or_organization_changes_nothing(client, curator, school, other_school):
    client.force_login(curator)
    client.post(
        reverse("mentoring:assignment-create"),
        pair_post(
            make_mentor(school), make_mentee(school), status="active", organization=other_school.pk
        ),
    )
    pair = Assignment.objects.get()
    assert pair.status == S.DRAFT and pair.organization == school


def test_curator_edits_a_draft(client, curator, school):
    pair = make_pair(school)
    other_mentor = make_mentor(school, last_name="Журавлёва")
    client.force_login(curator)
    data = pair_post(other_mentor, pair.mentees[0], ends_on="2022-03-31")
    client.post(reverse("mentoring:assignment-edit", args=[pair.pk]), data)
    pair.refresh_from_db()
    assert pair.ends_on == datetime.date(2022, 3, 31)
    assert pair.mentors == [other_mentor]


def test_only_a_draft_is_editable(client, curator, school):
    pair = make_pair(school, status=S.AWAITING_ORDER)
    client.force_login(curator)
    response = client.get(reverse("mentoring:assignment-edit", args=[pair.pk]), follow=True)
    assert str(services.ONLY_DRAFT_EDITABLE) in page_text(response)


def test_curator_moves_a_pair_through_its_statuses(client, curator, school):
    pair = make_pair(school)
    client.force_login(curator)
    url = reverse("mentoring:assignment-transition", args=[pair.pk])
    client.post(url, {"to": S.AWAITING_CONSENTS})
    client.post(url, {"to": S.AWAITING_ORDER})
    response = client.post(url, {"to": S.ACTIVE}, follow=True)
    assert str(services.ACTIVE_ONLY_BY_ORDER) in page_text(response)
    pair.refresh_from_db()
    assert pair.status == S.AWAITING_ORDER
    assert "действует" not in [label for _v, label in response.context["transitions"]]


def test_termination_without_reason_is_refused_in_the_page(client, curator, school):
    pair = make_pair(school, status=S.AWAITING_ORDER)
    client.force_login(curator)
    url = reverse("mentoring:assignment-transition", args=[pair.pk])
    response = client.post(url, {"to": S.TERMINATED, "reason": ""}, follow=True)
    assert str(services.REASON_REQUIRED) in page_text(response)
    client.post(url, {"to": S.TERMINATED, "reason": "переезд наставляемого"})
    pair.refresh_from_db()
    assert pair.status == S.TERMINATED and pair.status_reason == "переезд наставляемого"


def test_a_pair_fixed_by_an_order_is_ended_by_an_order_not_by_hand(
    client, curator, school, the_day_is
):
    """Its page offers no status change, only «Прекратить досрочно (приказ)», which opens the
    ending order with the pair ticked; a posted change is refused with the rule."""
    the_day_is(datetime.date(2021, 10, 1))
    pair = make_pair(school, status=S.ACTIVE)
    client.force_login(curator)
    page = page_text(client.get(reverse("mentoring:assignment-detail", args=[pair.pk])))
    assert "Новый статус" not in page and "Прекратить досрочно (приказ)" in page
    url = reverse("mentoring:assignment-transition", args=[pair.pk])
    response = client.post(url, {"to": S.TERMINATED, "reason": "переезд"}, follow=True)
    assert str(services.ORDERED_CHANGED_BY_ORDERS) in page_text(response)
    pair.refresh_from_db()
    assert pair.status == S.ACTIVE


def test_transition_is_post_only(client, curator, school):
    pair = make_pair(school)
    client.force_login(curator)
    assert client.get(reverse("mentoring:assignment-transition", args=[pair.pk])).status_code == 405


def test_deleting_a_draft_returns_the_mentee_to_waiting(client, curator, school):
    pair = make_pair(school)
    mentee = pair.mentees[0]
    client.force_login(curator)
    client.post(reverse("mentoring:assignment-delete", args=[pair.pk]))
    assert not Assignment.objects.exists()
    assert mentee.status_on(datetime.date(2021, 9, 1)) == MenteeProfile.Status.WAITING


def test_a_teacher_cannot_change_statuses(client, teacher, school):
    pair = make_pair(school, mentor=teacher.person.mentor_profile)
    client.force_login(teacher)
    response = client.post(
        reverse("mentoring:assignment-transition", args=[pair.pk]), {"to": S.AWAITING_CONSENTS}
    )
    assert response.status_code == 403


def test_a_teacher_sees_only_own_pairs(client, teacher, school):
    own = make_pair(school, mentor=teacher.person.mentor_profile)
    foreign = make_pair(school)
    client.force_login(teacher)
    assert client.get(reverse("mentoring:assignment-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("mentoring:assignment-detail", args=[foreign.pk])).status_code == 404


def test_list_filters_by_form_and_status(client, curator, school):
    make_pair(school, status=S.ACTIVE)
    draft = make_pair(school)
    client.force_login(curator)
    response = client.get(reverse("mentoring:assignment-list"), {"status": S.DRAFT})
    assert list(response.context["page_obj"]) == [draft]
    response = client.get(reverse("mentoring:assignment-list"), {"form": "teacher-student"})
    assert "Пар и групп с такими условиями нет" in page_text(response)


def test_list_shows_network_pairs_to_the_mentors_school(client, school):
    from tests.conftest import member

    neighbour = OrganizationFactory(municipality=school.municipality)
    mentor = make_mentor(neighbour)
    mentor.network_ready = True
    mentor.save()
    pair = make_pair(school, mentor=mentor)
    neighbour_curator = member(neighbour, "curator_n", "curator")
    client.force_login(neighbour_curator)
    response = client.get(reverse("mentoring:assignment-list"))
    assert list(response.context["page_obj"]) == [pair]
    assert client.get(reverse("mentoring:assignment-detail", args=[pair.pk])).status_code == 200
    response = client.post(
        reverse("mentoring:assignment-transition", args=[pair.pk]), {"to": S.AWAITING_CONSENTS}
    )
    assert response.status_code == 403
    pair.refresh_from_db()
    assert pair.status == S.DRAFT


@pytest.mark.parametrize("rows", [10, 200])
def test_list_query_count_does_not_grow(
    client, curator, school, rows, django_assert_max_num_queries
):
    mentors = [make_mentor(school, capacity=30) for _ in range(max(1, rows // 25))]
    for n in range(rows):
        pair = make_pair(school, mentor=mentors[n % len(mentors)])
        Meeting.objects.create(assignment=pair, held_on=datetime.date(2021, 10, 1), topic="встреча")
    client.force_login(curator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("mentoring:assignment-list"))
    assert len(response.context["page_obj"]) == min(rows, 25)


def test_a_pair_is_quiet_only_while_it_runs(school):
    """Judged from its 31st day to its last: an ended pair reads «завершена», and nobody is
    asked to meet in it any more."""
    from mentoring.selectors import assignments_without_meetings

    kept_meeting = make_pair(school, status=S.ACTIVE)
    went_quiet = make_pair(school, status=S.ACTIVE)

    def quiet_on(day):
        return list(assignments_without_meetings(school, today=day))

    assert quiet_on(datetime.date(2021, 9, 30)) == []  # a month has not passed yet
    assert quiet_on(datetime.date(2021, 10, 2)) == [kept_meeting, went_quiet]
    Meeting.objects.create(
        assignment=kept_meeting, held_on=datetime.date(2022, 5, 20), topic="итоги года"
    )
    Meeting.objects.create(
        assignment=went_quiet, held_on=datetime.date(2022, 3, 20), topic="итоги четверти"
    )
    assert quiet_on(datetime.date(2022, 5, 31)) == [went_quiet]
    assert quiet_on(datetime.date(2022, 6, 1)) == []
    assert quiet_on(datetime.date(2026, 12, 6)) == []


def test_pairs_that_never_met_come_first(school):
    """The home panel names the first five: the most neglected must be among them, on SQLite
    and on PostgreSQL alike (which sort an empty date differently)."""
    from mentoring.selectors import assignments_without_meetings

    met_long_ago = make_pair(school, status=S.ACTIVE)
    Meeting.objects.create(
        assignment=met_long_ago, held_on=datetime.date(2021, 9, 20), topic="знакомство"
    )
    never_met = make_pair(school, status=S.ACTIVE)
    stale = assignments_without_meetings(school, today=datetime.date(2021, 12, 1))
    assert list(stale) == [never_met, met_long_ago]


def test_stale_list_shows_active_pairs_without_recent_meetings(client, curator, school, the_day_is):
    today = datetime.date(2022, 1, 20)
    the_day_is(today)
    quiet = make_pair(school, status=S.ACTIVE)
    busy = make_pair(school, status=S.ACTIVE)
    Meeting.objects.create(assignment=busy, held_on=today, topic="разбор урока")
    client.force_login(curator)
    response = client.get(reverse("mentoring:stale-list"))
    assert list(response.context["page_obj"]) == [quiet]
    home = page_text(client.get(reverse("home")))
    assert "без встреч больше 30 дней" in home and str(quiet) in home


@pytest.mark.parametrize("rows", [10, 200])
def test_stale_list_query_count(
    client, curator, school, rows, django_assert_max_num_queries, the_day_is
):
    the_day_is(datetime.date(2022, 1, 20))
    mentor = make_mentor(school, capacity=30)
    mentors = [mentor] + [make_mentor(school, capacity=30) for _ in range(rows // 30)]
    for n in range(rows):
        make_pair(school, mentor=mentors[n % len(mentors)], status=S.ACTIVE)
    client.force_login(curator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("mentoring:stale-list"))
    assert len(response.context["page_obj"]) == min(rows, 25)


def test_a_group_is_named_by_its_mentors_and_first_mentees(school):
    mentor = make_mentor(school, capacity=10)
    mentees = [make_mentee(school) for _ in range(5)]
    group = services.assignment_create(
        organization=school,
        academic_year=year_2021(),
        form=MentoringForm.objects.get(code="teacher-teacher"),
        mentors=[mentor],
        mentees=mentees,
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
        kind="group",
    )
    shown = ", ".join(m.person.short_name for m in mentees[:3])
    assert str(group) == (
        f"Группа: {mentor.person.short_name} → {shown} и ещё 2, {group.form.name}"
    )


def test_a_teachers_home_shows_the_pairs_not_over_and_mine_shows_every_year(
    client, teacher, school, the_day_is
):
    the_day_is(datetime.date(2022, 3, 1))
    mentor = teacher.person.mentor_profile
    mentor.capacity = 5
    mentor.save()
    running = make_pair(school, mentor=mentor, mentee=make_mentee(school, last_name="Нынешняя"))
    done = make_pair(school, mentor=mentor, mentee=make_mentee(school, last_name="Прошлогодняя"))
    Assignment.objects.filter(pk=running.pk).update(status="active")
    Assignment.objects.filter(pk=done.pk).update(  # ordered, over on 31.12.2021
        status="active", ends_on=datetime.date(2021, 12, 31)
    )
    client.force_login(teacher)
    home = client.get(reverse("home")).content.decode()
    assert "Нынешняя" in home and "Прошлогодняя" not in home
    assert "Все мои пары и группы, в том числе завершённые" in home
    Assignment.objects.filter(pk=done.pk).update(
        starts_on=datetime.date(2019, 9, 1), ends_on=datetime.date(2020, 5, 31)
    )
    mine = client.get(reverse("mentoring:my-assignments")).content.decode()
    assert "Нынешняя" in mine and "Прошлогодняя" not in mine
    every = client.get(reverse("mentoring:my-assignments"), {"all": "1"}).content.decode()
    assert "Нынешняя" in every and "Прошлогодняя" in every


def test_a_rows_people_name_a_network_mentors_school_and_a_pupils_class(client, curator, school):
    """The list reads the people's names, school and class without their cards
    (selectors.show_people): the row says what the card would."""
    from django.utils import timezone

    from core.periods import academic_year_start
    from registry.models import Person
    from tests.pages import visible_text

    neighbour = OrganizationFactory(municipality=school.municipality, short_name="СШ № 9")
    mentor = make_mentor(neighbour, last_name="Сетевая", first_name="Анна", middle_name="Ивановна")
    mentor.network_ready = True
    mentor.save()
    mentee = make_mentee(school, last_name="Ученикова", first_name="Вера", middle_name="")
    pair = make_pair(school, mentor=mentor, mentee=mentee)
    cohort = academic_year_start(timezone.localdate()) - 6  # in the 7th class this year
    Person.objects.filter(pk=mentee.person_id).update(class_cohort=cohort, class_letter="Б")
    client.force_login(curator)
    html = client.get(reverse("mentoring:assignment-list")).content.decode()
    assert 'title="СШ № 9">сетевой</span>' in html
    assert "Сетевая А.И. сетевой → Ученикова В. (7Б)" in visible_text(html)
    assert f"Отметить: Сетевая А.И. → Ученикова В., {pair.form.name}" in html


def test_a_rows_last_meeting_is_its_last_held_one(client, curator, school):
    """The page's last meetings are read after the page is cut (selectors.show_last_meetings):
    each row its own pair's last meeting held, a planned one not counted, «—» with none."""
    from tests.pages import visible_text

    met = make_pair(school, mentor=make_mentor(school, last_name="Встречина"))
    for day, held in [((2021, 10, 1), True), ((2021, 11, 12), True), ((2022, 1, 20), False)]:
        Meeting.objects.create(
            assignment=met, held_on=datetime.date(*day), held=held, topic="разбор урока"
        )
    make_pair(school, mentor=make_mentor(school, last_name="Безвстречная"))
    client.force_login(curator)
    rows = client.get(reverse("mentoring:assignment-list")).content.decode().split("<tr")
    met_row = visible_text(next(row for row in rows if "Встречина" in row))
    quiet_row = visible_text(next(row for row in rows if "Безвстречная" in row))
    assert "12.11.2021" in met_row and "20.01.2022" not in met_row
    assert "—" in quiet_row and "12.11.2021" not in quiet_row
