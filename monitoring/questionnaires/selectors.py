"""Reads of questionnaires: audiences, what a person has to answer, results and test gains."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet, prefetch_related_objects

from accounts.models import MembershipRole, Organization
from mentoring.models import AssignmentMentee, AssignmentMentor
from mentoring.models.assignment import takes_place, takes_place_q
from monitoring.models import Answer, Question, Questionnaire, Respondent, Response
from registry.models import Person


def audience(questionnaire: Questionnaire) -> QuerySet[Person]:
    """Everyone the questionnaire is addressed to: the school's people on the roll while it is
    open, each filter narrowing them (PersonFacts.addressed is the same rule for one person)."""
    people = Person.objects.in_organization(questionnaire.organization).on_roll_during(
        questionnaire.opens_on, questionnaire.closes_on
    )
    if questionnaire.audience_role:
        people = people.filter(
            user__memberships__organization=questionnaire.organization,
            user__memberships__is_active=True,
            user__memberships__roles__role=questionnaire.audience_role,
        )
    if questionnaire.audience_category:
        people = people.filter(category=questionnaire.audience_category)
    if questionnaire.audience_form_id:
        # in a pair or group of the form that takes place while the questionnaire is open
        in_form = Q()
        for role in ("mentor_profile", "mentee_profile"):
            prefix = f"{role}__assignment_links__assignment__"
            in_form |= Q(**{f"{prefix}form": questionnaire.audience_form_id}) & takes_place_q(
                questionnaire.opens_on, questionnaire.closes_on, prefix
            )
        people = people.filter(in_form)
    chosen = list(questionnaire.audience_assignments.values_list("pk", flat=True))
    if chosen:
        people = people.filter(
            Q(mentor_profile__assignment_links__assignment__in=chosen)
            | Q(mentee_profile__assignment_links__assignment__in=chosen)
        )
    return people.distinct()


LINK_FIELDS = (
    "assignment_id",
    "assignment__form_id",
    "assignment__status",
    "assignment__starts_on",
    "assignment__ends_on",
)


@dataclass
class PersonFacts:
    """What decides whether a questionnaire is addressed to one person, read in 3 queries."""

    person: Person
    roles: set[str] = field(default_factory=set)
    # (form, status, start, end) of each pair or group the person is in
    periods: set[tuple] = field(default_factory=set)
    assignments: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, person: Person) -> PersonFacts:
        facts = cls(person=person)
        if person.user_id:
            facts.roles = set(
                MembershipRole.objects.filter(
                    membership__user_id=person.user_id,
                    membership__organization_id=person.organization_id,
                    membership__is_active=True,
                ).values_list("role", flat=True)
            )
        links = [
            *AssignmentMentor.objects.filter(mentor__person=person).values_list(*LINK_FIELDS),
            *AssignmentMentee.objects.filter(mentee__person=person).values_list(*LINK_FIELDS),
        ]
        for assignment_id, *period in links:
            facts.assignments.add(assignment_id)
            facts.periods.add(tuple(period))
        return facts

    @classmethod
    def of_organizations(cls, organization_ids) -> list[PersonFacts]:
        """The facts of every person of these organizations, in 4 queries."""
        people = Person.objects.filter(organization_id__in=organization_ids).only(
            "pk", "organization_id", "user_id", "category", "joined_on", "left_on"
        )
        facts = {person.pk: cls(person=person) for person in people}
        by_user = {f.person.user_id: f for f in facts.values() if f.person.user_id}
        for user_id, organization_id, role in MembershipRole.objects.filter(
            membership__organization_id__in=organization_ids,
            membership__user_id__in=by_user,
            membership__is_active=True,
        ).values_list("membership__user_id", "membership__organization_id", "role"):
            if by_user[user_id].person.organization_id == organization_id:
                by_user[user_id].roles.add(role)
        links = [
            *AssignmentMentor.objects.filter(mentor__person_id__in=facts).values_list(
                "mentor__person_id", *LINK_FIELDS
            ),
            *AssignmentMentee.objects.filter(mentee__person_id__in=facts).values_list(
                "mentee__person_id", *LINK_FIELDS
            ),
        ]
        for person_id, assignment_id, *period in links:
            facts[person_id].assignments.add(assignment_id)
            facts[person_id].periods.add(tuple(period))
        return list(facts.values())

    def in_form_during(self, form_id: int, start: datetime.date, end: datetime.date) -> bool:
        """In a pair or group of the form that takes place between start and end (the rule
        of `audience`)."""
        return any(
            form == form_id and takes_place(status, starts_on, ends_on, start, end)
            for form, status, starts_on, ends_on in self.periods
        )

    def addressed(self, q: Questionnaire) -> bool:
        chosen = {a.pk for a in q.audience_assignments.all()}
        return (
            self.person.is_on_roll_during(q.opens_on, q.closes_on)
            and (not q.audience_role or q.audience_role in self.roles)
            and (not q.audience_category or q.audience_category == self.person.category)
            and (
                not q.audience_form_id
                or self.in_form_during(q.audience_form_id, q.opens_on, q.closes_on)
            )
            and (not chosen or bool(chosen & self.assignments))
        )


def my_questionnaires(person: Person, day: datetime.date) -> list[dict]:
    """Questionnaires open on `day` addressed to the person: each with its state for them."""
    questionnaires = (
        Questionnaire.objects.in_organization(person.organization)
        .open_on(day)
        .prefetch_related("audience_assignments")
        .order_by("closes_on", "pk")
    )
    facts = PersonFacts.of(person)
    mine = [q for q in questionnaires if facts.addressed(q)]
    sent = set(
        Respondent.objects.filter(person=person, questionnaire__in=mine).values_list(
            "questionnaire_id", flat=True
        )
    )
    drafts = set(
        Response.objects.filter(
            person=person, questionnaire__in=mine, sent_at__isnull=True
        ).values_list("questionnaire_id", flat=True)
    )
    return [{"questionnaire": q, "sent": q.pk in sent, "draft": q.pk in drafts} for q in mine]


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[tuple[str, int, float]] = field(default_factory=list)  # label, count, share
    average: Decimal | None = None
    texts: list[str] = field(default_factory=list)


def results(questionnaire: Questionnaire) -> list[QuestionResult]:
    """Per question, over sent responses only: counts per choice or scale point, averages,
    free texts."""
    questions = list(questionnaire.questions.prefetch_related("choices"))
    sent = Answer.objects.filter(
        response__questionnaire=questionnaire, response__sent_at__isnull=False
    )
    by_choice = Counter(
        {
            (r["question_id"], r["choice_id"]): r["n"]
            for r in sent.filter(choice__isnull=False)
            .values("question_id", "choice_id")
            .annotate(n=Count("pk"))
        }
    )
    numbers: defaultdict[int, Counter] = defaultdict(Counter)
    for r in (
        sent.filter(number__isnull=False).values("question_id", "number").annotate(n=Count("pk"))
    ):
        numbers[r["question_id"]][r["number"]] = r["n"]
    averages = {
        r["question_id"]: r["avg"]
        for r in sent.filter(number__isnull=False).values("question_id").annotate(avg=Avg("number"))
    }
    answered = {
        r["question_id"]: r["n"]
        for r in sent.values("question_id").annotate(n=Count("response", distinct=True))
    }
    texts = defaultdict(list)
    for question_id, text in sent.exclude(text="").values_list("question_id", "text")[:2000]:
        texts[question_id].append(text)

    out = []
    for q in questions:
        result = QuestionResult(question=q, answered=answered.get(q.pk, 0))
        if q.has_choices:
            counts = [(c.text, by_choice[(q.pk, c.pk)]) for c in q.choices.all()]
        elif q.kind == Question.Kind.SCALE:
            counts = [
                (str(v), numbers[q.pk][Decimal(v)]) for v in range(q.scale_min, q.scale_max + 1)
            ]
        else:
            counts = []
        top = max((n for _, n in counts), default=0) or 1
        result.bars = [(label, n, n / top) for label, n in counts]
        if q.kind in (Question.Kind.SCALE, Question.Kind.NUMBER) and q.pk in averages:
            result.average = Decimal(averages[q.pk]).quantize(Decimal("0.01"))
        result.texts = texts.get(q.pk, [])[:50]
        out.append(result)
    return out


def response_rate(questionnaire: Questionnaire) -> tuple[int, int]:
    """(sent, audience size)."""
    return questionnaire.respondents.count(), audience(questionnaire).count()


def response_rates(questionnaires: list[Questionnaire]) -> dict[int, tuple[int, int]]:
    """`response_rate` of several questionnaires at once, in a constant number of queries:
    each audience is judged in Python from the facts of the schools' people."""
    if not questionnaires:
        return {}
    prefetch_related_objects(questionnaires, "audience_assignments")
    sent = dict(
        Respondent.objects.filter(questionnaire__in=questionnaires)
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values_list("questionnaire", "n")
    )
    people = PersonFacts.of_organizations({q.organization_id for q in questionnaires})
    return {
        q.pk: (
            sent.get(q.pk, 0),
            sum(
                1
                for facts in people
                if facts.person.organization_id == q.organization_id and facts.addressed(q)
            ),
        )
        for q in questionnaires
    }


def scores(questionnaire: Questionnaire) -> dict[int, int]:
    """A test's score per person (sent, non-anonymous responses): points of questions whose
    chosen answers are exactly the correct ones."""
    questions = {
        q.pk: (q.points, {c.pk for c in q.choices.all() if c.is_correct})
        for q in questionnaire.questions.prefetch_related("choices")
        if q.has_choices and q.points
    }
    chosen: dict[tuple[int, int], set[int]] = defaultdict(set)
    for person_id, question_id, choice_id in Answer.objects.filter(
        response__questionnaire=questionnaire,
        response__sent_at__isnull=False,
        response__person__isnull=False,
        choice__isnull=False,
    ).values_list("response__person_id", "question_id", "choice_id"):
        chosen[(person_id, question_id)].add(choice_id)
    people = set(
        Response.objects.filter(
            questionnaire=questionnaire, sent_at__isnull=False, person__isnull=False
        ).values_list("person_id", flat=True)
    )
    return {
        person: sum(
            points
            for qid, (points, correct) in questions.items()
            if chosen.get((person, qid)) == correct
        )
        for person in people
    }


@dataclass
class Gain:
    person: Person
    pre: int
    post: int

    @property
    def gain(self) -> int:
        return self.post - self.pre


def learning_gains(post_test: Questionnaire) -> tuple[list[Gain], Decimal | None]:
    """Kirkpatrick's learning level: post − pre score per person who took both, and the mean."""
    pre_test = post_test.pre_test
    if pre_test is None:
        return [], None
    pre, post = scores(pre_test), scores(post_test)
    both = sorted(set(pre) & set(post))
    people = Person.objects.in_bulk(both)
    gains = [Gain(person=people[pk], pre=pre[pk], post=post[pk]) for pk in both]
    gains.sort(key=lambda g: (g.person.last_name, g.person.first_name))
    if not gains:
        return [], None
    average = Decimal(sum(g.gain for g in gains)) / len(gains)
    return gains, average.quantize(Decimal("0.01"))


def questionnaire_list(organization: Organization) -> QuerySet[Questionnaire]:
    return (
        Questionnaire.objects.in_organization(organization)
        .annotate(
            sent=Count("respondents", distinct=True),
            question_count=Count("questions", distinct=True),
        )
        .order_by("-opens_on", "-pk")
    )
