"""Kirkpatrick's four levels (seed 004): reaction, learning, behaviour, results for the school.

Reaction and learning come from questionnaires; behaviour from observations scored against
the school's checklist; results from indicators the curator enters per half-year."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear, Organization, User
from core.russian import date_numeric, one_decimal
from mentoring.models import Assignment, AssignmentStatus, Program
from monitoring.models import (
    Criterion,
    IndicatorValue,
    Observation,
    ObservationScore,
    Question,
    Questionnaire,
)
from monitoring.questionnaires.selectors import learning_gains
from registry.models import MenteeProfile, Person

# The checklist every school starts from (its own words can be added or removed).
STANDARD_CRITERIA = [
    "Ставит цели урока, понятные обучающимся",
    "Подбирает задания разного уровня сложности",
    "Сохраняет рабочую атмосферу на уроке без окриков и замечаний",
    "Даёт обучающимся обратную связь по ходу работы",
    "Спокойно и по делу говорит с родителями о трудностях ребёнка",
    "Применяет на практике приёмы, разобранные с наставником",
]
# Indicators a school usually tracks for the results level; any other may be added.
STANDARD_INDICATORS = [
    ("Молодые специалисты, оставшиеся работать в школе", "%"),
    ("Обращения родителей по качеству преподавания", "шт."),
    ("Педагоги-наставляемые, получившие квалификационную категорию", "чел."),
    ("Участники конкурсов профессионального мастерства", "чел."),
    ("Средний балл успеваемости обучающихся-наставляемых", "балл"),
]
MAX_SCORE = max(Observation.Score.values)

MENTEE_NOT_IN_ASSIGNMENT = _("Наставляемый не состоит в этой паре или группе.")
OBSERVED_IN_FUTURE = _("Дата наблюдения не может быть в будущем.")
OBSERVED_OUTSIDE = _("Дата наблюдения должна быть в сроках пары или группы: %(start)s — %(end)s.")
NOT_EVERY_CRITERION = _("Оцените каждый пункт чек-листа.")
NOT_RUNNING = _("Наблюдения вносят по действующей или завершённой паре или группе.")


def criteria_for(organization: Organization) -> list[Criterion]:
    """The school's active checklist; a school without one starts from the standard."""
    criteria = list(Criterion.objects.in_organization(organization).filter(is_active=True))
    if criteria or Criterion.objects.in_organization(organization).exists():
        return criteria
    Criterion.objects.bulk_create(
        Criterion(organization=organization, text=text, order=n)
        for n, text in enumerate(STANDARD_CRITERIA, start=1)
    )
    return list(Criterion.objects.in_organization(organization).filter(is_active=True))


CRITERION_EXISTS = _("Такой пункт в чек-листе уже есть.")


@transaction.atomic
def criterion_add(*, organization: Organization, text: str) -> Criterion:
    """A line added at the checklist's end; one taken out before comes back as it was."""
    text = text.strip()
    existing = Criterion.objects.in_organization(organization).filter(text=text)
    if existing.filter(is_active=True).exists():
        raise ValidationError(CRITERION_EXISTS)
    order = max((c.order for c in criteria_for(organization)), default=0) + 1
    criterion, _created = Criterion.objects.update_or_create(
        organization=organization, text=text, defaults={"is_active": True, "order": order}
    )
    return criterion


def criterion_remove(*, criterion: Criterion) -> None:
    """Take a line out of the checklist; the observations already scored on it keep it."""
    criterion.is_active = False
    criterion.save(update_fields=["is_active"])


@transaction.atomic
def observation_record(
    *,
    assignment: Assignment,
    mentee: MenteeProfile,
    observer: User,
    observed_on: datetime.date,
    note: str,
    scores: dict[int, int],
    today: datetime.date,
) -> Observation:
    if assignment.status != AssignmentStatus.ACTIVE:  # fixed by an order (ordered())
        raise ValidationError(NOT_RUNNING)
    if not assignment.mentee_links.filter(mentee=mentee).exists():
        raise ValidationError(MENTEE_NOT_IN_ASSIGNMENT)
    if observed_on > today:
        raise ValidationError(OBSERVED_IN_FUTURE)
    if not assignment.starts_on <= observed_on <= assignment.ends_on:
        raise ValidationError(
            OBSERVED_OUTSIDE
            % {
                "start": date_numeric(assignment.starts_on),
                "end": date_numeric(assignment.ends_on),
            }
        )
    criteria = {c.pk for c in criteria_for(assignment.organization)}
    if set(scores) != criteria or any(s not in Observation.Score.values for s in scores.values()):
        raise ValidationError(NOT_EVERY_CRITERION)
    observation = Observation.objects.create(
        assignment=assignment,
        mentee=mentee,
        observer=observer,
        observed_on=observed_on,
        note=note.strip(),
    )
    ObservationScore.objects.bulk_create(
        ObservationScore(observation=observation, criterion_id=pk, score=score)
        for pk, score in scores.items()
    )
    return observation


def _one_decimal(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP)


def reaction_and_learning(
    organization: Organization,
    starts_on: datetime.date,
    ends_on: datetime.date,
    people: set[int] | None = None,
) -> tuple[list[str], list[str]]:
    """Reaction: each satisfaction survey's mean on its scale question. Learning: each
    post-test's gain over its pre-test, for `people` only when given (one program's)."""
    in_period = Questionnaire.objects.in_organization(organization).filter(
        opens_on__lte=ends_on, closes_on__gte=starts_on
    )
    reaction = []
    surveys = in_period.filter(kind=Questionnaire.Kind.SURVEY, template__startswith="satisfaction")
    for q in surveys.annotate(sent=Count("respondents", distinct=True)):
        scale = q.questions.filter(kind=Question.Kind.SCALE).first()
        if scale is None or not q.sent:
            continue
        avg = scale.answers.filter(response__sent_at__isnull=False).aggregate(a=Avg("number"))["a"]
        if avg is not None:
            reaction.append(
                f"{q.title}: ответили {q.sent}; «{scale.text}» — в среднем "
                f"{one_decimal(avg)} из {scale.scale_max}"
            )
    learning = []
    for post in in_period.filter(kind=Questionnaire.Kind.POST_TEST):
        gains, average = learning_gains(post)
        if people is not None:
            gains = [g for g in gains if g.person.pk in people]
            average = sum(g.gain for g in gains) / len(gains) if gains else None
        if gains:
            pre = sum(g.pre for g in gains) / len(gains)
            post_avg = sum(g.post for g in gains) / len(gains)
            learning.append(
                f"{post.title}: {len(gains)} участников, средний балл вырос с {one_decimal(pre)} "
                f"до {one_decimal(post_avg)} (прирост {one_decimal(average)})"
            )
    return reaction, learning


@dataclass
class BehaviourRow:
    person: Person
    observations: int
    first: Decimal
    last: Decimal

    @property
    def change(self) -> Decimal:
        return self.last - self.first

    @property
    def first_percent(self) -> Decimal:
        return _one_decimal(self.first * 100 / MAX_SCORE)

    @property
    def last_percent(self) -> Decimal:
        return _one_decimal(self.last * 100 / MAX_SCORE)


@dataclass
class Behaviour:
    rows: list[BehaviourRow]

    @property
    def compared(self) -> list[BehaviourRow]:
        """Mentees observed at least twice: only they show a change."""
        return [r for r in self.rows if r.observations > 1]

    @property
    def improved(self) -> int:
        return sum(1 for r in self.compared if r.change > 0)

    @property
    def average_first(self) -> Decimal | None:
        rows = self.compared
        return _one_decimal(sum(r.first_percent for r in rows) / len(rows)) if rows else None

    @property
    def average_last(self) -> Decimal | None:
        rows = self.compared
        return _one_decimal(sum(r.last_percent for r in rows) / len(rows)) if rows else None


def behaviour(
    organization: Organization,
    starts_on: datetime.date,
    ends_on: datetime.date,
    program: Program | None = None,
) -> Behaviour:
    """Per mentee: the checklist share at the first and at the last observation of the
    period (each observation's mean score over the criteria), in one query."""
    observations = Observation.objects.filter(
        assignment__organization=organization, observed_on__range=(starts_on, ends_on)
    )
    if program is not None:
        observations = observations.filter(assignment__program=program)
    observations = (
        observations.annotate(mean=Avg("scores__score"), scored=Count("scores"))
        .filter(scored__gt=0)
        .select_related("mentee__person")
        .order_by("observed_on", "pk")
    )
    by_mentee: dict[int, list[Observation]] = defaultdict(list)
    for observation in observations:
        by_mentee[observation.mentee_id].append(observation)
    rows = [
        BehaviourRow(
            person=seen[0].mentee.person,
            observations=len(seen),
            first=Decimal(seen[0].mean),
            last=Decimal(seen[-1].mean),
        )
        for seen in by_mentee.values()
    ]
    rows.sort(key=lambda r: (r.person.last_name, r.person.first_name, r.person.pk))
    return Behaviour(rows)


@dataclass
class IndicatorRow:
    name: str
    unit: str
    value: Decimal
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.value - self.previous


def previous_half(year: AcademicYear, half: int) -> tuple[AcademicYear | None, int]:
    if half == 2:
        return year, 1
    return AcademicYear.objects.filter(start_year=year.start_year - 1).first(), 2


def results(organization: Organization, year: AcademicYear, half: int) -> list[IndicatorRow]:
    """This half's indicators, each beside its value in the half before."""
    values = IndicatorValue.objects.in_organization(organization)
    current = list(values.filter(academic_year=year, half=half))
    before_year, before_half = previous_half(year, half)
    before = (
        dict(
            values.filter(academic_year=before_year, half=before_half).values_list("name", "value")
        )
        if before_year
        else {}
    )
    return [IndicatorRow(v.name, v.unit, v.value, before.get(v.name)) for v in current]


@transaction.atomic
def indicators_save(
    *,
    organization: Organization,
    year: AcademicYear,
    half: int,
    rows: list[tuple[str, str, Decimal | None]],
) -> None:
    """Store this half's values; a row whose value is left empty is removed."""
    values = IndicatorValue.objects.in_organization(organization).filter(
        academic_year=year, half=half
    )
    kept = []
    for name, unit, value in rows:
        if value is None:
            continue
        values.update_or_create(
            organization=organization,
            academic_year=year,
            half=half,
            name=name,
            defaults={"unit": unit, "value": value},
        )
        kept.append(name)
    values.exclude(name__in=kept).delete()


def indicator_names(organization: Organization, year: AcademicYear, half: int):
    """The rows the curator fills: this half's, then the previous half's, then the standard."""
    values = IndicatorValue.objects.in_organization(organization)
    before_year, before_half = previous_half(year, half)
    seen: dict[str, tuple[str, Decimal | None]] = {}
    for value in values.filter(academic_year=year, half=half):
        seen[value.name] = (value.unit, value.value)
    if before_year:
        for value in values.filter(academic_year=before_year, half=before_half):
            seen.setdefault(value.name, (value.unit, None))
    for name, unit in STANDARD_INDICATORS:
        seen.setdefault(name, (unit, None))
    return [(name, unit, value) for name, (unit, value) in seen.items()]
