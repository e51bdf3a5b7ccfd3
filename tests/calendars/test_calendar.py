"""#17: each person's calendar feed (iCalendar) shows that person's items and no one else's,
works by subscription without signing in, and a replaced or disabled link answers 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from documents.models import Document
from mentoring.models import Meeting
from mentoring.roadmap_services import roadmap_start_from_sample
from registry.models import PersonCategory
from tests.documents.factories import introduction
from tests.mentoring.factories import make_pair, year_2021
from tests.monitoring.factories import open_questionnaire

pytestmark = pytest.mark.django_db


def feed_of(client, user) -> str:
    client.force_login(user)
    client.post(reverse("calendar-issue"))
    page = client.get(reverse("profile")).content.decode()
    client.logout()
    return page.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]


def events(client, url: str) -> dict[str, object]:
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(e.get("summary")): e for e in calendar.walk("VEVENT")}


def test_a_teachers_feed_holds_their_meetings_deadlines_and_questionnaires_only(
    client, school, teacher, curator
):
    today = timezone.localdate()
    mine = make_pair(school, mentor=teacher.person.mentor_profile, status="active")
    theirs = make_pair(school, status="active")
    Meeting.objects.create(assignment=mine, held_on=today, topic="Разбор урока в 7А")
    Meeting.objects.create(assignment=theirs, held_on=today, topic="Чужая встреча")
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    item = roadmap.items.order_by("order").first()
    item.responsible_person = teacher.person
    item.deadline_starts, item.deadline_ends = today, today + datetime.timedelta(days=10)
    item.save()
    other_item = roadmap.items.order_by("order")[1]
    other_item.deadline_starts = other_item.deadline_ends = today
    other_item.save()
    questionnaire = open_questionnaire(school, audience_category=PersonCategory.TEACHER)

    found = events(client, feed_of(client, teacher))
    meeting = found["Встреча наставничества: Разбор урока в 7А"]
    assert meeting.decoded("dtstart") == today
    assert str(meeting.get("url")).endswith(reverse("mentoring:assignment-detail", args=[mine.pk]))
    deadline = found[f"Дорожная карта: {item.task}"]
    assert deadline.decoded("dtend") == today + datetime.timedelta(days=11)  # the day after
    filling = found[f"Заполнить анкету «{questionnaire.title}»"]
    assert filling.decoded("dtstart") == questionnaire.closes_on
    assert "Встреча наставничества: Чужая встреча" not in found
    assert f"Дорожная карта: {other_item.task}" not in found

    # the curator's calendar has the school's whole roadmap, and nobody's meetings
    curators = events(client, feed_of(client, curator))
    assert f"Дорожная карта: {other_item.task}" in curators
    assert not [s for s in curators if s.startswith("Встреча")]


def test_the_directors_feed_has_the_documents_to_sign(client, school, director):
    document = introduction(school)
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.ON_SIGNATURE, sent_at=timezone.now()
    )
    found = events(client, feed_of(client, director))
    assert f"На подпись: {document.title}" in found


def test_a_replaced_or_disabled_link_answers_404(client, teacher):
    first = feed_of(client, teacher)
    second = feed_of(client, teacher)  # «Заменить ссылку»
    assert first != second
    path = lambda url: "/" + url.split("://", 1)[1].split("/", 1)[1]  # noqa: E731
    assert client.get(path(first)).status_code == 404
    assert client.get(path(second)).status_code == 200
    client.force_login(teacher)
    client.post(reverse("calendar-revoke"))
    client.logout()
    assert client.get(path(second)).status_code == 404
    assert client.get("/calendar/made-up-token.ics").status_code == 404


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_a_feed_ends_with_a_new_password_a_blocked_user_or_an_ended_membership(
    client, teacher, school
):
    """#24: the link is the owner's only while they may still see anything."""
    from accounts.models import Membership

    url = path_of(feed_of(client, teacher))
    assert client.get(url).status_code == 200
    teacher.set_password("другой-пароль-2026")
    teacher.save()
    assert client.get(url).status_code == 404
    url = path_of(feed_of(client, teacher))  # a new link under the new password works
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=teacher, organization=school).update(is_active=False)
    assert client.get(url).status_code == 404
    Membership.objects.filter(user=teacher, organization=school).update(is_active=True)
    assert client.get(url).status_code == 200
    teacher.is_active = False
    teacher.save()
    assert client.get(url).status_code == 404


def test_a_feed_leaves_out_a_school_the_owner_no_longer_works_in(client, teacher, school):
    """A teacher who also works in another school now, but no longer in the one of their card:
    the card's pairs and meetings leave their feed."""
    from accounts.models import Membership, Role
    from tests.factories import MembershipFactory, OrganizationFactory

    pair = make_pair(school, mentor=teacher.person.mentor_profile, status="active")
    Meeting.objects.create(
        assignment=pair, held_on=timezone.localdate(), duration_minutes=45, topic="Разбор урока"
    )
    url = feed_of(client, teacher)
    assert any("Разбор урока" in title for title in events(client, url))
    MembershipFactory(user=teacher, organization=OrganizationFactory(), roles=[Role.TEACHER])
    Membership.objects.filter(user=teacher, organization=school).update(is_active=False)
    assert not any("Разбор урока" in title for title in events(client, url))


def test_plan_events_with_dated_terms_and_the_curators_programs(client, school, teacher, curator):
    from accounts.models import AcademicYear
    from mentoring.models import Assignment, Plan, PlanEvent, PlanTask, Program
    from registry.models import MentoringForm

    today = timezone.localdate()
    start = today.year if today.month >= 9 else today.year - 1
    year, _ = AcademicYear.objects.get_or_create(
        start_year=start, defaults=AcademicYear.standard_dates(start)
    )
    mine = make_pair(school, mentor=teacher.person.mentor_profile, status="active")
    theirs = make_pair(school, status="active")
    Assignment.objects.filter(pk__in=[mine.pk, theirs.pk]).update(
        academic_year=year, starts_on=year.starts_on, ends_on=year.ends_on
    )
    for pair, prefix in ((mine, "Моё"), (theirs, "Чужое")):
        task = PlanTask.objects.create(
            plan=Plan.objects.create(assignment=pair, goal="адаптация"), order=1, title="Задача"
        )
        PlanEvent.objects.create(task=task, order=1, title=f"{prefix}: посещение уроков",
                                 due="октябрь")  # fmt: skip
        PlanEvent.objects.create(task=task, order=2, title=f"{prefix}: консультации",
                                 due="по запросу")  # fmt: skip
        PlanEvent.objects.create(task=task, order=3, title=f"{prefix}: сделано", due="сентябрь",
                                 done_on=year.starts_on)  # fmt: skip
    program = Program.objects.create(
        organization=school, academic_year=year,
        form=MentoringForm.objects.get(code="teacher-teacher"), title="Молодой учитель",
        goal="адаптация", starts_on=year.starts_on, ends_on=year.ends_on,
    )  # fmt: skip

    found = events(client, feed_of(client, teacher))
    october = found["План наставничества: Моё: посещение уроков"]
    assert october.decoded("dtstart") == datetime.date(start, 10, 1)
    assert october.decoded("dtend") == datetime.date(start, 11, 1)  # the day after the month
    assert "План наставничества: Моё: консультации" not in found  # «по запросу»: no date
    assert "План наставничества: Моё: сделано" not in found  # done
    assert not [title for title in found if "Чужое" in title]
    assert not [title for title in found if "программы наставничества" in title]

    curators = events(client, feed_of(client, curator))
    opening = curators["Начало программы наставничества «Молодой учитель»"]
    assert opening.decoded("dtstart") == program.starts_on
    closing = curators["Окончание программы наставничества «Молодой учитель»"]
    assert closing.decoded("dtstart") == program.ends_on


def test_a_feed_carries_the_timezone_of_its_timed_events_and_reads_in_vobject(
    client, school, teacher
):
    """#26: a planned meeting at 15:30 names its TZID, and the file carries that VTIMEZONE
    (RFC 5545 §3.6.5); a second library (vobject) reads the feed without a warning and puts
    the meeting at 15:30 local time."""
    import warnings

    import vobject
    from django.conf import settings

    pair = make_pair(school, mentor=teacher.person.mentor_profile, status="active")
    day = timezone.localdate() + datetime.timedelta(days=3)
    Meeting.objects.create(
        assignment=pair, held=False, held_on=day, starts_at=datetime.time(15, 30),
        place="каб. 214", topic="Открытый урок", duration_minutes=45,
    )  # fmt: skip
    url = feed_of(client, teacher)
    body = client.get(path_of(url)).content.decode()
    assert "BEGIN:VTIMEZONE" in body and f"TZID:{settings.TIME_ZONE}" in body
    assert f"DTSTART;TZID={settings.TIME_ZONE}:" in body
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        calendar = vobject.readOne(body)
    (timed,) = [e for e in calendar.vevent_list if e.summary.value.endswith("Открытый урок")]
    start = timed.dtstart.value
    assert (start.date(), start.hour, start.minute) == (day, 15, 30)
    assert start.utcoffset() is not None
    client.force_login(teacher)
    meeting = Meeting.objects.get(assignment=pair, held=False)
    one = client.get(reverse("mentoring:meeting-ics", args=[pair.pk, meeting.pk]))
    assert b"BEGIN:VTIMEZONE" in one.content


def test_links_use_the_address_the_request_came_in_on_unless_the_portal_url_is_set(
    client, teacher, school, settings
):
    """#26: without DJANGO_PORTAL_URL the profile's link and the feed's links are of the host
    the request came to (not 127.0.0.1 on a school's server); with it, of that address."""
    pair = make_pair(school, mentor=teacher.person.mentor_profile, status="active")
    Meeting.objects.create(assignment=pair, held_on=timezone.localdate(), topic="Разбор")
    settings.PORTAL_URL = ""
    settings.ALLOWED_HOSTS = ["school19.example", "testserver"]
    client.force_login(teacher)
    client.post(reverse("calendar-issue"))
    page = client.get(reverse("profile"), HTTP_HOST="school19.example").content.decode()
    assert 'value="http://school19.example/calendar/' in page
    token = page.split('value="http://school19.example/calendar/')[1].split(".ics")[0]
    body = client.get(f"/calendar/{token}.ics", HTTP_HOST="school19.example").content.decode()
    assert "URL:http://school19.example/mentoring/" in body.replace("\r\n ", "")
    settings.PORTAL_URL = "https://nastavnichestvo.school19.ru"
    page = client.get(reverse("profile"), HTTP_HOST="school19.example").content.decode()
    assert 'value="https://nastavnichestvo.school19.ru/calendar/' in page
