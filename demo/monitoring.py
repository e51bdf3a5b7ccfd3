"""Demo data, monitoring: answered questionnaires of 2021–22 (satisfaction, pre and post tests)
and one open questionnaire the demo teachers have not answered yet."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from demo.accounts import DemoContext
from mentoring.models import Assignment, AssignmentStatus
from monitoring.models import Answer, Question, Questionnaire, Respondent, Response
from monitoring.questionnaires.services import questionnaire_create_from_template
from registry.models import Person


def seed(ctx: DemoContext) -> None:
    org = ctx.main
    if Questionnaire.objects.in_organization(org).exists():
        return
    rng = ctx.rng
    curator = ctx.users["curator"]
    pairs = list(
        Assignment.objects.in_organization(org)
        .filter(academic_year=ctx.years[2021], form__code="teacher-teacher")
        .exclude(status=AssignmentStatus.DRAFT)
        .prefetch_related("mentee_links__mentee__person", "mentor_links__mentor__person")
    )
    mentees = [link.mentee.person for a in pairs for link in a.mentee_links.all()]
    demo_people = set(
        Person.objects.filter(user__in=ctx.users.values()).values_list("pk", flat=True)
    )
    # The demo teacher and mentee answer nothing: the browser flow starts from their empty list.
    answering = [p for p in dict.fromkeys(mentees) if p.pk not in demo_people]

    def closed(code, opens, closes):
        q = questionnaire_create_from_template(
            organization=org, code=code, by=curator, opens_on=opens, closes_on=closes
        )
        q.status = Questionnaire.Status.CLOSED
        q.save(update_fields=["status"])
        return q

    pre = closed("knowledge-pre", datetime.date(2021, 9, 6), datetime.date(2021, 9, 20))
    post = closed("knowledge-post", datetime.date(2022, 5, 10), datetime.date(2022, 5, 24))
    satisfaction = closed(
        "satisfaction-mentee", datetime.date(2021, 12, 13), datetime.date(2021, 12, 27)
    )
    satisfaction.audience_form = pairs[0].form if pairs else None
    satisfaction.save(update_fields=["audience_form"])
    for person in answering:
        level = rng.random()
        _answer(pre, person, rng, correct_share=0.3 + 0.3 * level, when=datetime.date(2021, 9, 10))
        _answer(post, person, rng, correct_share=0.6 + 0.4 * level, when=datetime.date(2022, 5, 18))
        _answer(
            satisfaction,
            person,
            rng,
            correct_share=0,
            when=datetime.date(2021, 12, 20),
            scale_bias=0.7,
        )

    _observations_and_indicators(ctx, pairs)
    _finished_half(ctx)

    today = ctx.today
    current = questionnaire_create_from_template(
        organization=org,
        code="mentor-potential",
        by=curator,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    current.status = Questionnaire.Status.OPEN
    current.save(update_fields=["status"])


def _answer(questionnaire, person, rng, *, correct_share: float, when, scale_bias=0.5) -> None:
    sent_at = timezone.make_aware(datetime.datetime.combine(when, datetime.time(15, 0)))
    response = Response.objects.create(
        questionnaire=questionnaire,
        person=None if questionnaire.anonymous else person,
        sent_at=sent_at,
    )
    Respondent.objects.create(questionnaire=questionnaire, person=person, sent_at=sent_at)
    answers = []
    for q in questionnaire.questions.prefetch_related("choices"):
        choices = list(q.choices.all())
        if q.kind == Question.Kind.SINGLE:
            right = [c for c in choices if c.is_correct]
            pick = right[0] if right and rng.random() < correct_share else rng.choice(choices)
            answers.append(Answer(response=response, question=q, choice=pick))
        elif q.kind == Question.Kind.MULTIPLE:
            answers += [
                Answer(response=response, question=q, choice=c) for c in rng.sample(choices, 2)
            ]
        elif q.kind == Question.Kind.SCALE:
            span = q.scale_max - q.scale_min
            value = q.scale_min + round(span * min(1, max(0, rng.gauss(scale_bias, 0.2))))
            answers.append(Answer(response=response, question=q, number=Decimal(value)))
        elif q.kind == Question.Kind.NUMBER:
            answers.append(Answer(response=response, question=q, number=Decimal(rng.randint(1, 3))))
        elif q.required:
            answers.append(Answer(response=response, question=q, text="Больше практики на уроках."))
    Answer.objects.bulk_create(answers)


def _observations_and_indicators(ctx: DemoContext, pairs) -> None:
    """Kirkpatrick's behaviour and results: each mentor observes their mentee in September and
    in December; the curator has entered the school's indicators for two halves."""
    from monitoring.evaluation.kirkpatrick import (
        STANDARD_INDICATORS,
        criteria_for,
        observation_record,
    )
    from monitoring.models import IndicatorValue

    criteria = criteria_for(ctx.main)
    running = [a for a in pairs if a.status == AssignmentStatus.ACTIVE]
    for assignment in running:
        observer = assignment.mentor_links.all()[0].mentor.person.user or ctx.users["curator"]
        first = max(datetime.date(2021, 9, 24), assignment.starts_on)
        last = min(datetime.date(2021, 12, 17), assignment.ends_on)
        if last <= first:
            continue
        for link in assignment.mentee_links.all():
            start = ctx.rng.choice([0, 0, 1])
            for day, bonus in ((first, 0), (last, 1)):
                scores = {c.pk: min(2, start + bonus * ctx.rng.choice([0, 1, 1])) for c in criteria}
                observation_record(
                    assignment=assignment,
                    mentee=link.mentee,
                    observer=observer,
                    observed_on=day,
                    note="",
                    scores=scores,
                    today=ctx.today,
                )
    units = dict(STANDARD_INDICATORS)
    values = {  # first half, second half of 2021–22
        STANDARD_INDICATORS[0][0]: (Decimal("75"), Decimal("87.5")),
        STANDARD_INDICATORS[1][0]: (Decimal("9"), Decimal("4")),
        STANDARD_INDICATORS[2][0]: (Decimal("1"), Decimal("3")),
    }
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            organization=ctx.main,
            academic_year=ctx.years[2021],
            half=half,
            name=name,
            unit=units[name],
            value=pair[half - 1],
        )
        for name, pair in values.items()
        for half in (1, 2)
    )


def _finished_half(ctx: DemoContext) -> None:
    """The first half of 2021–22 is over: its report is written and approved by the deputy
    (version 1, its PDF stored), as the deputy would from the report's page."""
    from monitoring.models import SemesterReport
    from monitoring.reports.versions import report_finalise

    report = SemesterReport.objects.create(
        organization=ctx.main,
        academic_year=ctx.years[2021],
        half=1,
        conclusions=(
            "Целевая модель наставничества внедрена: изданы приказы, сформированы базы "
            "наставников и наставляемых, наставнические пары работают по персонализированным "
            "программам.\nОхват педагогов и обучающихся пока ниже целевых 70 %."
        ),
        plans=(
            "Расширить форму «ученик – ученик» в 5–8 классах.\n"
            "Направить на курсы по наставничеству наставников, не прошедших обучение."
        ),
    )
    # seed 000: «Справку подготовили» two deputy directors
    report.authors.set(Person.objects.filter(user__in=[ctx.users["deputy"], ctx.users["curator"]]))
    report_finalise(report=report, by=ctx.users["deputy"], today=ctx.today)
