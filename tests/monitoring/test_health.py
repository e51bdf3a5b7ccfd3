"""The program's health: what is due, the curator's page and home panel, e-mailed reminders."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents import services as documents
from mentoring.models import (
    Assignment,
    AssignmentStatus,
    MarkStatus,
    Meeting,
    Roadmap,
    RoadmapItem,
)
from monitoring.health.items import HealthKind, health_items
from monitoring.models import Questionnaire, Reminder, Respondent
from monitoring.questionnaires.selectors import response_rate, response_rates
from registry.models import Consent
from tests.documents.factories import DAY, introduction
from tests.factories import ConsentFactory, PersonFactory
from tests.mentoring.factories import make_mentor, make_pair, year_2021
from tests.monitoring.factories import open_questionnaire

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2021, 11, 15)


def keys(organization, today=TODAY, kind=None) -> list[str]:
    return [i.key for i in health_items(organization, today) if kind in (None, i.kind)]


def by_key(organization, key, today=TODAY):
    return next(i for i in health_items(organization, today) if i.key == key)


def stale_pair(school, email="fedorova@example.org"):
    mentor = make_mentor(school, last_name="Фёдорова", first_name="Ольга", email=email)
    return make_pair(school, mentor=mentor, status=AssignmentStatus.ACTIVE)


def overdue_item(school, **fields) -> RoadmapItem:
    roadmap, _ = Roadmap.objects.get_or_create(
        organization=school, academic_year=year_2021(), defaults={"title": "Дорожная карта"}
    )
    return RoadmapItem.objects.create(
        roadmap=roadmap,
        order=1,
        number="1",
        task="Издать приказ о внедрении целевой модели",
        deadline_kind=RoadmapItem.DeadlineKind.DATE,
        deadline_starts=datetime.date(2021, 10, 1),
        deadline_ends=datetime.date(2021, 10, 1),
        **fields,
    )


def expiring_consent(school, days=10) -> Consent:
    person = PersonFactory(
        organization=school, last_name="Смирнова", first_name="Анна", middle_name="Ивановна"
    )
    return ConsentFactory(person=person, valid_until=TODAY + datetime.timedelta(days=days))


def waiting_document(school, days=5):
    document = documents.document_send(document=introduction(school), today=DAY)
    sent = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(10)))
    type(document).objects.filter(pk=document.pk).update(
        sent_at=sent - datetime.timedelta(days=days)
    )
    return document


# --- each kind of item -----------------------------------------------------------------------


def test_a_pair_without_meetings_reminds_its_mentor(school):
    pair = stale_pair(school)
    item = by_key(school, f"assignment:{pair.pk}:stale")
    assert item.kind == HealthKind.STALE
    assert item.title == str(pair)
    assert item.title.startswith(pair.mentors[0].person.short_name + " → ")
    assert item.detail == "встреч не было"
    assert item.url == reverse("mentoring:assignment-detail", args=[pair.pk])
    assert [(r.email, r.name) for r in item.remind] == [
        ("fedorova@example.org", pair.mentors[0].person.short_name)
    ]

    Meeting.objects.create(assignment=pair, held_on=TODAY, topic="разбор урока")
    assert keys(school, kind=HealthKind.STALE) == []


def test_a_pair_running_past_a_participants_leaving_asks_for_an_ending_order(
    client, school, curator, the_day_is
):
    """A mentee who leaves on 20.12.2021 while the order keeps the pair to 31.05.2022: the
    curator is asked for an ending order from that day, the form opens with it filled in;
    once the order ends the pair by then, nothing is asked."""
    mentor = make_mentor(school, last_name="Фёдорова", first_name="Ольга")
    pair = make_pair(school, mentor=mentor, status=AssignmentStatus.ACTIVE)
    quiet = make_pair(school, status=AssignmentStatus.ACTIVE)  # nobody leaves it
    mentee = pair.mentees[0].person
    assert keys(school, kind=HealthKind.LEAVING) == []
    left = datetime.date(2021, 12, 20)
    type(mentee).objects.filter(pk=mentee.pk).update(left_on=left, gender="f")
    item = by_key(school, f"assignment:{pair.pk}:leaving:2021-12-20")
    assert item.kind == HealthKind.LEAVING
    assert item.title == str(pair)
    mentee.refresh_from_db()
    assert item.detail == (  # known ahead: the day of leaving is still to come on TODAY
        f"{mentee.short_name} выбывает 20.12.2021; по приказу действует до 31.05.2022 — "
        "подготовьте приказ о прекращении"
    )
    after = by_key(school, item.key, today=datetime.date(2021, 12, 21))
    assert after.detail.startswith(f"{mentee.short_name} выбыла 20.12.2021; по приказу")
    assert [r.email for r in item.remind] == [curator.email]
    assert f"assignment:{quiet.pk}:leaving" not in " ".join(keys(school))
    # known in advance: the day of leaving ahead counts too; a pair over by then asks nothing
    assert f"assignment:{pair.pk}:leaving:2021-12-20" in keys(school, today=left)
    assert keys(school, today=datetime.date(2022, 6, 1), kind=HealthKind.LEAVING) == []

    the_day_is(TODAY)
    client.force_login(curator)
    page = client.get(reverse("monitoring:health")).content.decode()
    assert "Пары и группы, которые идут после выбытия участника" in page
    form = client.get(item.url)
    assert form.context["form"].initial["ends_on"] == left
    assert form.context["form"].initial["assignments"] == [pair.pk]
    card = client.get(reverse("registry:person", args=[mentee.pk])).content.decode()
    assert "Выбывает 20.12.2021, а по приказу продолжаются:" in card
    the_day_is(datetime.date(2021, 12, 21))
    card = client.get(reverse("registry:person", args=[mentee.pk])).content.decode()
    assert "Выбыла 20.12.2021, а по приказу продолжаются:" in card
    assert "Подготовить приказ о прекращении" in card

    Assignment.objects.filter(pk=pair.pk).update(ends_on=left)  # what the ending order does
    assert keys(school, kind=HealthKind.LEAVING) == []
    card = client.get(reverse("registry:person", args=[mentee.pk])).content.decode()
    assert "а по приказу продолжаются" not in card


def test_the_ending_form_ignores_a_day_that_is_not_one(client, school, curator):
    client.force_login(curator)
    for value in ("2022-02-30", "завтра", ""):
        form = client.get(reverse("documents:new-ending"), {"ends_on": value}).context["form"]
        assert form.initial["ends_on"] is None


def test_a_mentor_without_own_email_is_reached_at_the_account_email(school, teacher):
    mentor = teacher.person.mentor_profile
    pair = make_pair(school, mentor=mentor, status=AssignmentStatus.ACTIVE)
    item = by_key(school, f"assignment:{pair.pk}:stale")
    assert [r.email for r in item.remind] == ["teacher_a@example.org"]
    assert item.remind[0].salutation == "Ольга Николаевна"


def test_an_overdue_roadmap_item_reminds_the_curator(school, curator, director):
    item_row = overdue_item(school, responsible_text="куратор")
    item = by_key(school, f"roadmap-item:{item_row.pk}:overdue")
    assert item.title == "1. Издать приказ о внедрении целевой модели"
    assert item.detail == "срок — 01.10.2021; ответственный — куратор; не начато"
    assert item.url == reverse("mentoring:roadmap") + "?year=2021"
    assert [r.email for r in item.remind] == ["curator_a@example.org"]

    assert keys(school, today=datetime.date(2021, 9, 30), kind=HealthKind.ROADMAP) == []
    item_row.mark_status = MarkStatus.DONE
    item_row.save()
    assert keys(school, kind=HealthKind.ROADMAP) == []


def test_a_questionnaire_few_answered_after_half_its_period(school, curator):
    people = [PersonFactory(organization=school) for _ in range(3)]
    questionnaire = open_questionnaire(school)
    half = questionnaire.opens_on + datetime.timedelta(days=5)
    key = f"questionnaire:{questionnaire.pk}:low-response"

    assert key not in keys(school, today=half - datetime.timedelta(days=1))
    item = by_key(school, key, today=half)
    assert item.title == questionnaire.title
    assert item.detail.startswith("ответили 0 из 3 (0 %); открыта по ")
    assert item.url == reverse("monitoring:results", args=[questionnaire.pk])
    assert [r.email for r in item.remind] == ["curator_a@example.org"]

    Respondent.objects.create(questionnaire=questionnaire, person=people[0])
    assert key in keys(school, today=half)
    Respondent.objects.create(questionnaire=questionnaire, person=people[1])
    assert key not in keys(school, today=half)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.CLOSED)
    assert key not in keys(school, today=half)


def test_response_rates_agree_with_response_rate(school, teacher, mentee, curator):
    pair = make_pair(
        school, mentor=teacher.person.mentor_profile, mentee=mentee.person.mentee_profile
    )
    PersonFactory(organization=school)
    PersonFactory(organization=school, left_on=TODAY - datetime.timedelta(days=365))
    everyone = open_questionnaire(school, audience_category="")
    teachers_role = open_questionnaire(school, audience_category="", audience_role="teacher")
    in_form = open_questionnaire(school, audience_form=pair.form)
    chosen = open_questionnaire(school)
    chosen.audience_assignments.add(pair)
    Respondent.objects.create(questionnaire=everyone, person=teacher.person)
    questionnaires = [everyone, teachers_role, in_form, chosen]
    assert response_rates(questionnaires) == {q.pk: response_rate(q) for q in questionnaires}
    assert response_rates(questionnaires)[everyone.pk] == (1, 3)


def test_a_consent_running_out_reminds_the_curator(school, curator):
    consent = expiring_consent(school)
    item = by_key(school, f"consent:{consent.pk}:expiring")
    assert item.title == "Смирнова А.И.: согласие на обработку персональных данных"
    assert item.detail == "действует до 25.11.2021"
    assert item.url == reverse("registry:person", args=[consent.person_id])

    far = expiring_consent(school, days=31)
    assert f"consent:{far.pk}:expiring" not in keys(school)
    ConsentFactory(person=consent.person, given_on=TODAY, valid_until=None)
    assert keys(school, kind=HealthKind.CONSENT) == []


def test_a_document_waiting_for_signature_reminds_the_director(school, curator, director):
    document = waiting_document(school)
    item = by_key(school, f"document:{document.pk}:on-signature")
    assert item.title == document.title
    assert item.detail == "на подписи с 10.11.2021"
    assert item.url == reverse("documents:detail", args=[document.pk])
    assert [(r.email, r.name) for r in item.remind] == [("director_a@example.org", "Иванов И.И.")]

    recent = waiting_document(school, days=3)
    assert f"document:{recent.pk}:on-signature" not in keys(school)
    documents.document_return(document=document, comment="Уточните состав рабочей группы")
    assert keys(school, kind=HealthKind.SIGNATURE) == []


def test_another_schools_items_never_appear(school, other_school, other_curator):
    stale_pair(other_school)
    overdue_item(other_school)
    expiring_consent(other_school)
    waiting_document(other_school)
    PersonFactory(organization=other_school)
    open_questionnaire(other_school)
    assert keys(school, today=TODAY + datetime.timedelta(days=3650)) == []
    assert keys(school) == []
    assert len(keys(other_school)) == 4


# --- the page and the home panel -------------------------------------------------------------


def test_the_curator_sees_every_kind_grouped_with_counts(
    client, school, curator, director, the_day_is
):
    the_day_is(TODAY)
    pairs = [stale_pair(school, email=f"m{n}@example.org") for n in range(2)]
    consent = ConsentFactory(
        person=PersonFactory(organization=school, last_name="Смирнова", first_name="Анна"),
        valid_until=TODAY + datetime.timedelta(days=5),
    )
    document = waiting_document(school)
    client.force_login(curator)
    response = client.get(reverse("monitoring:health"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Состояние программы" in text
    assert "Пары и группы без встреч больше 30 дней" in text
    assert "Согласия, срок которых истекает в ближайшие 30 дней" in text
    assert "Документы на подписи у директора больше 3 дней" in text
    for pair in pairs:
        assert reverse("mentoring:assignment-detail", args=[pair.pk]) in text
    assert reverse("registry:person", args=[consent.person_id]) in text
    assert reverse("documents:detail", args=[document.pk]) in text
    assert [(label, len(items)) for label, items in response.context["groups"]] == [
        ("Пары и группы без встреч больше 30 дней", 2),
        ("Согласия, срок которых истекает в ближайшие 30 дней", 1),
        ("Документы на подписи у директора больше 3 дней", 1),
    ]
    assert "Всё в порядке" not in text

    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="panel-health"' in home
    assert reverse("monitoring:health") in home and "Состояние программы" in home


def test_the_home_panel_names_the_first_five_quiet_pairs_and_links_to_all(
    client, school, curator, the_day_is
):
    from monitoring.panels import STALE_ROWS

    the_day_is(TODAY)

    pairs = [stale_pair(school, email=f"m{n}@example.org") for n in range(STALE_ROWS + 2)]
    client.force_login(curator)
    home = client.get(reverse("home")).content.decode()
    panel = home[home.index('data-testid="panel-stale"') :]
    panel = panel[: panel.index("</ul>")]
    named = [p for p in pairs if reverse("mentoring:assignment-detail", args=[p.pk]) in panel]
    assert len(named) == STALE_ROWS
    assert f"Все {len(pairs)}" in panel and reverse("mentoring:stale-list") in panel


def test_nothing_due_shows_all_is_well_and_hides_the_panel(client, school, curator):
    client.force_login(curator)
    response = client.get(reverse("monitoring:health"))
    assert "Всё в порядке:" in response.content.decode()
    assert 'data-testid="panel-health"' not in client.get(reverse("home")).content.decode()


def test_director_and_deputy_see_the_page_a_teacher_does_not(client, director, deputy, teacher):
    for user in (director, deputy):
        client.force_login(user)
        response = client.get(reverse("home"))
        assert reverse("monitoring:health") in response.content.decode()
        assert client.get(reverse("monitoring:health")).status_code == 200
    client.force_login(teacher)
    assert client.get(reverse("monitoring:health")).status_code == 403
    assert reverse("monitoring:health") not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("pairs", [2, 30])
def test_queries_do_not_grow_with_the_data(
    client, school, curator, director, pairs, django_assert_max_num_queries, the_day_is
):
    the_day_is(TODAY)  # the pairs run, the questionnaire opens
    mentors = [make_mentor(school, capacity=30, email=f"m{n}@example.org") for n in range(3)]
    for n in range(pairs):
        pair = make_pair(school, mentor=mentors[n % 3], status=AssignmentStatus.ACTIVE)
        if n % 2:  # its mentee leaves before the pair's end
            pair.mentees[0].person.__class__.objects.filter(pk=pair.mentees[0].person_id).update(
                left_on=datetime.date(2022, 1, 10)
            )
    overdue_item(school)
    expiring_consent(school)
    waiting_document(school)
    PersonFactory(organization=school)
    questionnaire = open_questionnaire(school)
    today = questionnaire.closes_on
    # + the retention query, + 3 for the leaving, + the network pairs' ids (visible_in)
    with django_assert_max_num_queries(20):
        items = health_items(school, today)
    kinds = [item.kind for item in items]
    assert kinds.count(HealthKind.STALE) == pairs
    assert kinds.count(HealthKind.LEAVING) == pairs // 2
    assert sorted(set(kinds) - {HealthKind.STALE, HealthKind.LEAVING}) == sorted(
        [HealthKind.ROADMAP, HealthKind.QUESTIONNAIRE, HealthKind.CONSENT, HealthKind.SIGNATURE]
    )
    client.force_login(curator)
    # today the questionnaire is not yet half through; + the cache's generation
    with django_assert_max_num_queries(23):
        response = client.get(reverse("monitoring:health"))
    assert sum(len(rows) for _label, rows in response.context["groups"]) >= pairs


# --- send_reminders --------------------------------------------------------------------------


@pytest.fixture
def due(school, curator, director, deputy):
    """A stale pair (its mentor has an e-mail), an overdue roadmap item, a document waiting
    for the director, and a pair whose mentor has no e-mail."""
    return {
        "pair": stale_pair(school),
        "item": overdue_item(school),
        "document": waiting_document(school),
        "no_email": stale_pair(school, email=""),
    }


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def today_is(the_day_is):
    the_day_is(TODAY)
    return the_day_is


def test_send_reminders_writes_one_letter_per_person(due, today_is):
    out = run()
    assert "Отправлено писем: 3." in out
    assert "Пропущено (нет адреса электронной почты): 1." in out
    letters = {m.to[0]: m for m in mail.outbox}
    assert set(letters) == {
        "fedorova@example.org",
        "curator_a@example.org",
        "director_a@example.org",
    }
    mentor = letters["fedorova@example.org"]
    assert mentor.subject == "Наставничество: напоминание (1 пункт)"
    assert mentor.body.startswith("Здравствуйте, Ольга")
    assert "МБОУ «СШ № 19»" in mentor.body
    assert "Пары и группы без встреч больше 30 дней:" in mentor.body
    assert str(due["pair"]) in mentor.body
    assert str(due["no_email"]) not in mentor.body
    assert f"/mentoring/assignments/{due['pair'].pk}/" in mentor.body
    curator = letters["curator_a@example.org"]
    assert curator.body.startswith("Здравствуйте, Светлана Петровна!")
    assert "Просроченные пункты дорожной карты:" in curator.body
    assert "1. Издать приказ о внедрении целевой модели" in curator.body
    director = letters["director_a@example.org"]
    assert "Документы на подписи у директора больше 3 дней:" in director.body
    assert due["document"].title in director.body
    assert str(due["pair"]) not in director.body
    assert Reminder.objects.filter(sent_on=TODAY).count() == 3


def test_a_reminder_is_an_automatic_letter_of_the_portals_domain(due, today_is, settings):
    """#26: From, Reply-To and the Message-ID's domain come from the settings, the letter is
    marked Auto-Submitted (no out-of-office answers back), the subject has no leading space."""
    settings.DEFAULT_FROM_EMAIL = "portal@school19.example"
    settings.REPLY_TO_EMAIL = "curator@school19.example"
    run()
    message = mail.outbox[0].message()
    assert message["From"] == "portal@school19.example"
    assert message["Reply-To"] == "curator@school19.example"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].endswith("@school19.example>")
    assert not str(mail.outbox[0].subject).startswith(" ")
    assert "\nSubject: =?utf-8?b?" in message.as_string()  # not «Subject: \n =?utf-8…»


def test_a_second_run_the_same_day_sends_nothing_the_next_day_sends_again(due, today_is):
    run()
    assert len(mail.outbox) == 3
    assert "Отправлено писем: 0." in run()
    assert len(mail.outbox) == 3

    today_is(TODAY + datetime.timedelta(days=1))
    assert "Отправлено писем: 3." in run()
    assert len(mail.outbox) == 6


def test_a_new_item_the_same_day_is_sent_alone(due, today_is, school):
    run()
    consent = expiring_consent(school)
    assert "Отправлено писем: 1." in run()
    letter = mail.outbox[-1]
    assert letter.to == ["curator_a@example.org"]
    assert f"{consent.person.short_name}: согласие" in letter.body
    assert "Издать приказ" not in letter.body


def test_dry_run_sends_and_writes_nothing(due, today_is):
    out = run("--dry-run")
    assert "Пробный запуск: ничего не отправлено. Было бы отправлено писем: 3." in out
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_one_organization_only(due, today_is, other_school, other_curator):
    overdue_item(other_school)
    run("--organization", "school-b")
    assert [m.to for m in mail.outbox] == [["curator_b@example.org"]]
    with pytest.raises(Exception, match="не найдена"):
        run("--organization", "no-such-school")
