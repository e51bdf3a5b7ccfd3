"""#17: a meeting planned ahead by the mentor (day, time, place or link) shows on the pair's
page and in both people's calendars, offers an .ics file, and is logged as held afterwards;
until then it is no meeting for «без встреч»."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mentoring.models import Meeting
from mentoring.selectors import assignments_without_meetings
from tests.calendars.test_calendar import events, feed_of
from tests.conftest import member
from tests.mentoring.factories import make_mentee, make_pair
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


def test_the_mentor_plans_a_meeting_its_people_see_it_and_log_it_held(
    client, school, teacher, the_day_is
):
    from accounts.models import Role

    the_day_is(datetime.date(2021, 12, 1))  # the pair runs
    today = timezone.localdate()
    mentee_user = member(school, "mentee_b", Role.TEACHER, last_name="Гусь")
    mentee = make_mentee(school, user=mentee_user, last_name="Гусь")
    pair = make_pair(school, mentor=teacher.person.mentor_profile, mentee=mentee, status="active")
    day = today + datetime.timedelta(days=3)
    client.force_login(teacher)
    url = reverse("mentoring:meeting-plan", args=[pair.pk])
    planned = {
        "plan-meeting-held_on": day.isoformat(),
        "plan-meeting-starts_at": "15:30",
        "plan-meeting-place": "каб. 214",
        "plan-meeting-topic": "Разбор открытого урока",
        "plan-meeting-duration_minutes": "45",
    }
    page = visible_text(client.post(url, planned, follow=True).content.decode())
    assert "Встреча запланирована" in page and "каб. 214" in page
    meeting = Meeting.objects.get()
    assert not meeting.held
    # planned is not held: the pair is still «без встреч»
    assert pair in assignments_without_meetings(school, today=today)

    ics = client.get(reverse("mentoring:meeting-ics", args=[pair.pk, meeting.pk]))
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert (start.date(), start.strftime("%H:%M")) == (day, "15:30")
    assert str(event.get("location")) == "каб. 214"
    assert event.decoded("dtend") - start == datetime.timedelta(minutes=45)
    client.logout()
    for person in (teacher, mentee_user):  # both people's calendars
        assert "Встреча наставничества: Разбор открытого урока" in events(
            client, feed_of(client, person)
        )

    client.force_login(teacher)
    held_url = reverse("mentoring:meeting-held", args=[pair.pk, meeting.pk])
    prefix = f"held-{meeting.pk}-"
    early = {
        f"{prefix}held_on": day.isoformat(),
        f"{prefix}duration_minutes": "50",
        f"{prefix}notes": "итоги",
    }
    refused = visible_text(client.post(held_url, early, follow=True).content.decode())
    assert "Дата встречи не может быть в будущем." in refused
    client.post(held_url, {**early, f"{prefix}held_on": today.isoformat()})
    meeting.refresh_from_db()
    assert meeting.held and meeting.held_on == today and meeting.notes == "итоги"
    assert pair not in assignments_without_meetings(school, today=today)


def test_a_meeting_is_not_planned_in_the_past_nor_by_someone_outside_the_pair(
    client, school, teacher
):
    today = timezone.localdate()
    pair = make_pair(school, mentor=teacher.person.mentor_profile, status="active")
    client.force_login(teacher)
    past = {
        "plan-meeting-held_on": (today - datetime.timedelta(days=1)).isoformat(),
        "plan-meeting-topic": "Задним числом", "plan-meeting-duration_minutes": "45",
    }  # fmt: skip
    page = visible_text(
        client.post(
            reverse("mentoring:meeting-plan", args=[pair.pk]), past, follow=True
        ).content.decode()
    )
    assert "Запланировать встречу можно на сегодня или на будущий день." in page
    assert not Meeting.objects.exists()
