"""Questionnaires: built and opened by the curator, filled once by a teacher, read as results."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from monitoring.models import Answer, Question, Questionnaire, Respondent, Response
from monitoring.questionnaires import selectors, services
from monitoring.questionnaires.export import answers_workbook
from registry.models import PersonCategory
from tests.factories import PersonFactory
from tests.monitoring.factories import draft_questionnaire, open_questionnaire

pytestmark = pytest.mark.django_db


def fill(questionnaire, person, *, send=True, pick=0, text="ответ"):
    values = {}
    for q in questionnaire.questions.prefetch_related("choices"):
        choices = list(q.choices.all())
        if q.kind == Question.Kind.SINGLE:
            values[q.pk] = choices[pick % len(choices)].pk
        elif q.kind == Question.Kind.MULTIPLE:
            values[q.pk] = [choices[0].pk, choices[1].pk]
        elif q.kind == Question.Kind.SCALE:
            values[q.pk] = q.scale_max
        elif q.kind == Question.Kind.NUMBER:
            values[q.pk] = Decimal(2)
        else:
            values[q.pk] = text
    return services.response_save(
        questionnaire=questionnaire,
        person=person,
        values=values,
        send=send,
        today=timezone.localdate(),
    )


def test_every_template_makes_a_valid_questionnaire(school):
    for template in services.template_list():
        q = draft_questionnaire(school, template["code"])
        assert q.questions.exists()
        services.questionnaire_open(questionnaire=q)
    assert {t["code"] for t in services.template_list()} >= {
        "mentor-potential",
        "mentee-request",
        "satisfaction-mentor",
        "satisfaction-mentee",
        "knowledge-pre",
        "knowledge-post",
    }


def test_a_questionnaire_without_questions_cannot_open(school):
    q = draft_questionnaire(school)
    q.questions.all().delete()
    with pytest.raises(ValidationError, match="нет ни одного вопроса"):
        services.questionnaire_open(questionnaire=q)


def test_teacher_fills_a_draft_then_sends_once(client, school, teacher):
    q = open_questionnaire(school)
    client.force_login(teacher)
    assert q.title in client.get(reverse("monitoring:my-questionnaires")).content.decode()
    assert q.title in client.get(reverse("home")).content.decode()
    page = client.get(reverse("monitoring:fill", args=[q.pk])).content.decode()
    first = q.questions.first()
    choice = first.choices.first()
    client.post(
        reverse("monitoring:fill", args=[q.pk]), {f"q{first.pk}": choice.pk, "action": "draft"}
    )
    response = Response.objects.get(questionnaire=q)
    assert response.sent_at is None and response.answers.count() == 1
    page = client.post(reverse("monitoring:fill", args=[q.pk]), {"action": "send"}).content.decode()
    assert "Обязательное поле" in page
    assert not Respondent.objects.exists()
    fill(q, teacher.person)
    assert Respondent.objects.filter(questionnaire=q, person=teacher.person).exists()
    page = client.get(reverse("monitoring:my-questionnaires")).content.decode()
    assert "Отправлено" in page
    assert (
        "Вы уже отправили ответы"
        in client.get(reverse("monitoring:fill", args=[q.pk])).content.decode()
    )
    with pytest.raises(ValidationError, match="уже отправили"):
        fill(q, teacher.person)


def test_anonymous_answers_keep_no_link_to_the_person(school, teacher):
    q = open_questionnaire(school, "satisfaction-mentee", anonymous=True)
    fill(q, teacher.person)
    response = Response.objects.get(questionnaire=q)
    assert response.person is None
    assert Respondent.objects.filter(questionnaire=q, person=teacher.person).exists()
    workbook = load_workbook(BytesIO(answers_workbook(q)))
    header = next(workbook.active.iter_rows(values_only=True))
    assert "ФИО" not in header
    sent = workbook.active["A2"]  # #26: the day it was sent, a date cell
    assert sent.is_date and sent.number_format == "DD.MM.YYYY"


def test_an_anonymous_answer_and_its_respondent_share_no_time(school, teacher):
    """#18 item 5: the answer and the row saying who answered kept moments microseconds apart,
    which told whose the answer was; now both keep the day only."""
    q = open_questionnaire(school, "satisfaction-mentee", anonymous=True)
    for person in (teacher.person, *PersonFactory.create_batch(2, organization=school)):
        fill(q, person)
    day_start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    moments = {r.sent_at for r in Respondent.objects.filter(questionnaire=q)}
    moments |= {r.sent_at for r in Response.objects.filter(questionnaire=q)}
    moments |= {r.updated_at for r in Response.objects.filter(questionnaire=q)}
    assert moments == {day_start}


def test_audience_narrows_by_category_and_role(school, teacher, curator):
    student = PersonFactory(organization=school, category=PersonCategory.STUDENT)
    q = open_questionnaire(school, audience_category=PersonCategory.TEACHER)
    people = set(selectors.audience(q))
    assert teacher.person in people and student not in people
    q.audience_role = "curator"
    q.save()
    assert teacher.person not in set(selectors.audience(q))
    assert not selectors.PersonFacts.of(teacher.person).addressed(q)


def test_a_questionnaire_for_a_role_leaves_out_whoever_no_longer_holds_it(school, curator):
    """Addressed «to curators»: a curator whose membership here has ended is no longer asked,
    by the list, the one-person rule and the school-wide facts alike (the role was read from
    any membership, ended or not)."""
    from accounts.models import Membership

    person = PersonFactory(organization=school, user=curator)
    q = open_questionnaire(school, audience_category="", audience_role="curator")
    facts = selectors.PersonFacts
    assert person in set(selectors.audience(q)) and facts.of(person).addressed(q)
    Membership.objects.filter(user=curator, organization=school).update(is_active=False)
    assert person not in set(selectors.audience(q))
    assert not facts.of(person).addressed(q)
    assert not next(f for f in facts.of_organizations([school.pk]) if f.person == person).addressed(
        q
    )


def test_results_count_choices_and_average_scales(school):
    q = open_questionnaire(school, "satisfaction-mentee", audience_category="")
    people = [PersonFactory(organization=school) for _ in range(3)]
    for n, person in enumerate(people):
        fill(q, person, pick=n % 2)
    results = {r.question.kind + str(r.question.order): r for r in selectors.results(q)}
    scale = results["scale1"]
    assert scale.answered == 3
    assert scale.average == Decimal("10.00")
    single = next(r for r in selectors.results(q) if r.question.kind == "single")
    assert [count for _label, count, _share in single.bars] == [2, 1, 0, 0]
    sent, total = selectors.response_rate(q)
    assert sent == 3 and total >= 3


def test_learning_gain_is_post_minus_pre(school):
    pre = open_questionnaire(school, "knowledge-pre")
    post = open_questionnaire(school, "knowledge-post")
    assert post.pre_test == pre
    people = [PersonFactory(organization=school) for _ in range(2)]
    # Both answer the pre-test with each question's second choice, the post-test all right.
    for person in people:
        fill(pre, person, pick=1)
        values = {q.pk: q.choices.get(is_correct=True).pk for q in post.questions.all()}
        services.response_save(
            questionnaire=post,
            person=person,
            values=values,
            send=True,
            today=timezone.localdate(),
        )
    pre_scores = selectors.scores(pre)
    gains, average = selectors.learning_gains(post)
    assert [g.post for g in gains] == [5, 5]
    assert [g.pre for g in gains] == [
        pre_scores[p.pk] for p in sorted(people, key=lambda p: (p.last_name, p.first_name))
    ]
    assert average == Decimal(sum(5 - pre_scores[p.pk] for p in people)) / 2


def test_export_neutralises_formulas(client, school, curator):
    q = open_questionnaire(school, "mentee-request")
    fill(q, PersonFactory(organization=school), text='=HYPERLINK("http://x")')
    client.force_login(curator)
    response = client.get(reverse("monitoring:export", args=[q.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    answer = next(iter(sheet.iter_rows(min_row=2)))[-1]
    assert (answer.value, answer.data_type) == ('=HYPERLINK("http://x")', "s")  # text, not run


def test_curator_builds_a_question_and_cannot_break_the_scale(client, school, curator):
    q = draft_questionnaire(school)
    client.force_login(curator)
    client.post(
        reverse("monitoring:question-add", args=[q.pk]),
        {
            "text": "Ваш любимый формат встреч?",
            "kind": "single",
            "required": "on",
            "scale_min": 1,
            "scale_max": 5,
            "points": 0,
            "choices_text": "очно\nонлайн",
        },
    )
    added = q.questions.get(text="Ваш любимый формат встреч?")
    assert [c.text for c in added.choices.all()] == ["очно", "онлайн"]
    page = client.post(
        reverse("monitoring:question-add", args=[q.pk]),
        {
            "text": "Шкала наоборот",
            "kind": "scale",
            "scale_min": 5,
            "scale_max": 1,
            "points": 0,
        },
    ).content.decode()
    assert "не больше 20 делений" in page
    assert not q.questions.filter(text="Шкала наоборот").exists()


def test_questions_are_frozen_once_open(client, school, curator):
    q = open_questionnaire(school)
    client.force_login(curator)
    question = q.questions.first()
    client.post(reverse("monitoring:question-delete", args=[question.pk]))
    assert Question.objects.filter(pk=question.pk).exists()


def test_teacher_cannot_build_or_read_results(client, school, teacher):
    q = open_questionnaire(school)
    client.force_login(teacher)
    assert client.get(reverse("monitoring:questionnaires")).status_code == 403
    assert client.get(reverse("monitoring:results", args=[q.pk])).status_code == 403


def test_list_pages_run_a_constant_number_of_queries(client, school, curator, teacher):
    from tests.queries import page_queries

    def count(user, url):
        client.force_login(user)
        return page_queries(client, url)[0]

    for _ in range(2):
        open_questionnaire(school)
    few = (
        count(curator, reverse("monitoring:questionnaires")),
        count(teacher, reverse("monitoring:my-questionnaires")),
    )
    for _ in range(12):
        open_questionnaire(school)
    many = (
        count(curator, reverse("monitoring:questionnaires")),
        count(teacher, reverse("monitoring:my-questionnaires")),
    )
    assert many == few
    assert Questionnaire.objects.count() == 14


def test_an_open_questionnaires_settings_are_frozen_but_its_title_may_be_mended(
    client, school, curator
):
    q = open_questionnaire(school, "satisfaction-mentee", anonymous=True)
    client.force_login(curator)
    client.post(
        reverse("monitoring:questionnaire", args=[q.pk]),
        {
            "title": "Удовлетворённость наставляемых (исправлено)",
            "description": "",
            "kind": Questionnaire.Kind.SURVEY,
            "anonymous": "",  # switching anonymity off is ignored once it is open
            "opens_on": "2020-01-01",
            "closes_on": "2030-01-01",
            "audience_role": "curator",
            "audience_category": "",
        },
    )
    q.refresh_from_db()
    assert q.title == "Удовлетворённость наставляемых (исправлено)"
    assert q.anonymous and q.opens_on == timezone.localdate() and q.audience_role == ""
    page = client.get(reverse("monitoring:questionnaire", args=[q.pk])).content.decode()
    assert "Не меняется после открытия анкеты." in page


def test_a_closed_questionnaire_is_never_reopened(school):
    q = open_questionnaire(school)
    services.questionnaire_close(questionnaire=q)
    with pytest.raises(ValidationError, match="закрытая анкета не открывается снова"):
        services.questionnaire_open(questionnaire=q)
    q.refresh_from_db()
    assert q.status == Questionnaire.Status.CLOSED


def test_a_number_answer_keeps_to_its_limits(client, school, teacher):
    """«Скольких наставляемых вы могли бы вести одновременно?» takes a whole number from 1 to
    10: «-5», «2,5» and «40» are refused with a Russian message, «2» is kept."""
    q = open_questionnaire(school)
    question = q.questions.get(kind=Question.Kind.NUMBER)
    assert (question.number_min, question.number_max, question.number_fraction) == (1, 10, False)
    client.force_login(teacher)
    url = reverse("monitoring:fill", args=[q.pk])
    for typed, message in (
        ("-5", "больше либо равно 1"),
        ("2,5", "Введите целое число."),
        ("40", "меньше либо равно 10"),
    ):
        page = client.post(url, {f"q{question.pk}": typed, "action": "draft"}).content.decode()
        assert message in page, typed
    assert not question.answers.exists()
    client.post(url, {f"q{question.pk}": "2", "action": "draft"})
    assert question.answers.get().number == 2


def test_a_draft_gives_back_the_number_as_typed_and_then_sends(client, school, teacher):
    """«2» saved as a draft comes back «2» (not «2,00», which the whole-number field would
    then refuse), and «2,5» of a fractional question comes back «2,5»."""
    q = open_questionnaire(school)
    whole = q.questions.get(kind=Question.Kind.NUMBER)
    fraction = Question.objects.create(
        questionnaire=q, order=99, kind=Question.Kind.NUMBER, text="Сколько часов в неделю?",
        number_min=0, number_fraction=True, required=False,
    )  # fmt: skip
    client.force_login(teacher)
    url = reverse("monitoring:fill", args=[q.pk])
    client.post(url, {f"q{whole.pk}": "2", f"q{fraction.pk}": "2,5", "action": "draft"})
    page = client.get(url).content.decode()
    assert f'name="q{whole.pk}" value="2"' in page
    assert f'name="q{fraction.pk}" value="2,5"' in page
    # the page's values posted back as they are (a draft again): nothing refused
    again = client.post(url, {f"q{whole.pk}": "2", f"q{fraction.pk}": "2,5", "action": "draft"})
    assert "Введите целое число" not in again.content.decode()
    assert sorted(a.number for a in Answer.objects.filter(question__in=[whole, fraction])) == [
        2,
        Decimal("2.5"),
    ]


def test_the_curator_sets_a_number_questions_limits(school):
    from monitoring.questionnaires.forms import QuestionForm

    form = QuestionForm(
        data={
            "text": "Стаж, лет",
            "kind": "number",
            "required": "on",
            "scale_min": 1,
            "scale_max": 5,
            "number_min": 10,
            "number_max": 3,
            "points": 0,
        }
    )
    assert not form.is_valid()
    assert form.errors["number_max"] == ["Наибольшее число меньше наименьшего."]


def test_numeric_answers_export_as_numbers(client, school, curator):
    """#18 item 8: a scale or number answer is a number in the .xlsx, so Excel can average it."""
    q = open_questionnaire(school, "satisfaction-mentee")
    numeric = list(q.questions.filter(kind__in=[Question.Kind.SCALE, Question.Kind.NUMBER]))
    assert numeric, "the template has a scale or number question"
    fill(q, PersonFactory(organization=school))
    client.force_login(curator)
    sheet = load_workbook(BytesIO(client.get(reverse("monitoring:export", args=[q.pk])).content))
    header = [c.value for c in next(sheet.active.iter_rows(max_row=1))]
    answers = [c.value for c in next(iter(sheet.active.iter_rows(min_row=2)))]
    for question in numeric:
        value = answers[header.index(f"{question.order}. {question.text}")]
        assert isinstance(value, int | float) and value == (question.scale_max or 2)


def test_an_open_questionnaires_settings_are_refused_by_the_service_too(school):
    """The form disables them; the service holds the rule for any other caller."""
    from django.core.exceptions import ValidationError

    q = open_questionnaire(school, "mentee-request")
    q.anonymous = not q.anonymous
    with pytest.raises(ValidationError, match="больше не меняется"):
        services.questionnaire_save(questionnaire=q, audience_assignments=[])
    q.refresh_from_db()
    q.title = "Новое название"
    services.questionnaire_save(
        questionnaire=q, audience_assignments=list(q.audience_assignments.all())
    )
    q.refresh_from_db()
    assert q.title == "Новое название"
