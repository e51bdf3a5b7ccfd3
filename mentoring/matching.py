"""Suggested matches: a readable score for a mentor and a mentee, and the cohort optimum.

The score is a sum of parts the curator sees one by one. The cohort proposal maximises the
total score over all waiting mentees with `scipy.optimize.linear_sum_assignment`: each
mentor is expanded into as many columns as they have free places, and each mentee gets a
zero-score "no mentor" column so that leaving someone unmatched is always possible.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from scipy.optimize import linear_sum_assignment

from accounts.models import Organization
from core.russian import plural
from registry.models import Competency, MenteeProfile, MentoringForm, MentorProfile

POINTS_FORM = 20
POINTS_SUBJECT = 20
POINTS_DEFICITS = 25
POINTS_CAPACITY = 10
POINTS_EXPERIENCE = 15
POINTS_SAME_SCHOOL = 10
EXPERIENCE_FULL_YEARS = 20
INCOMPATIBLE = -1_000_000.0


@dataclass(frozen=True)
class MentorInfo:
    id: int
    person_id: int
    name: str
    organization_id: int
    organization_name: str
    category: str
    subject: str
    competencies: frozenset[int]
    competency_names: dict[int, str]
    form_ids: frozenset[int]
    capacity: int
    free: int
    experience: Decimal | None


@dataclass(frozen=True)
class MenteeInfo:
    id: int
    person_id: int
    name: str
    category: str
    subject: str
    deficits: frozenset[int]
    form_id: int | None


@dataclass(frozen=True)
class ScorePart:
    label: str
    points: int
    maximum: int
    explanation: str


@dataclass
class Score:
    mentor: MentorInfo
    parts: list[ScorePart] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.points for p in self.parts)


def compatible(mentor: MentorInfo, mentee: MenteeInfo, form: MentoringForm) -> bool:
    return (
        form.admits_mentor(mentor.category)
        and form.pk in mentor.form_ids
        and mentor.person_id != mentee.person_id
        and mentor.free > 0
    )


def score_points(mentor: MentorInfo, mentee: MenteeInfo, organization_id: int) -> tuple[int, ...]:
    """The six parts of the score as numbers (the cohort needs only these, for every couple)."""
    same_subject = bool(mentee.subject) and mentor.subject.lower() == mentee.subject.lower()
    deficits = (
        round(POINTS_DEFICITS * len(mentee.deficits & mentor.competencies) / len(mentee.deficits))
        if mentee.deficits
        else 0
    )
    years = float(mentor.experience or 0)
    return (
        POINTS_FORM,
        POINTS_SUBJECT if same_subject else 0,
        deficits,
        round(POINTS_CAPACITY * min(mentor.free, 3) / 3),
        round(POINTS_EXPERIENCE * min(years, EXPERIENCE_FULL_YEARS) / EXPERIENCE_FULL_YEARS),
        POINTS_SAME_SCHOOL if mentor.organization_id == organization_id else 0,
    )


def experience_text(years: Decimal | None) -> str:
    """«стаж 22 года», «стаж 1,5 года», «стаж не указан»."""
    if years is None:
        return _("стаж не указан")
    years = years.normalize()
    if years == years.to_integral_value():
        n = int(years)
        return _("стаж %(n)s %(word)s") % {"n": n, "word": plural(n, "год", "года", "лет")}
    return _("стаж %s года") % str(years).replace(".", ",")


def score(mentor: MentorInfo, mentee: MenteeInfo, organization_id: int) -> Score:
    """The score with each part explained in words, for the curator."""
    form, subject, deficits, free, experience, school = score_points(
        mentor, mentee, organization_id
    )
    covered = mentee.deficits & mentor.competencies
    if covered:
        names = ", ".join(sorted(mentor.competency_names[c] for c in covered))
        deficits_text = _("закрывает %(n)s из %(total)s дефицитов: %(names)s") % {
            "n": len(covered),
            "total": len(mentee.deficits),
            "names": names,
        }
    elif mentee.deficits:
        deficits_text = _("не закрывает ни одного из дефицитов наставляемого")
    else:
        deficits_text = _("дефициты не указаны")
    parts = [
        ScorePart(_("Форма"), form, POINTS_FORM, _("форма есть в базе наставников")),
        ScorePart(
            _("Предмет"),
            subject,
            POINTS_SUBJECT,
            _("тот же предмет: %s") % mentee.subject
            if subject
            else _("предмет наставника: %s") % (mentor.subject or "—"),
        ),
        ScorePart(_("Дефициты"), deficits, POINTS_DEFICITS, deficits_text),
        ScorePart(
            _("Свободные места"),
            free,
            POINTS_CAPACITY,
            _("свободно %(free)s из %(capacity)s")
            % {"free": mentor.free, "capacity": mentor.capacity},
        ),
        ScorePart(
            _("Опыт"),
            experience,
            POINTS_EXPERIENCE,
            experience_text(mentor.experience),
        ),
        ScorePart(
            _("Школа"),
            school,
            POINTS_SAME_SCHOOL,
            _("из своей школы")
            if school
            else _("сетевое наставничество: %s") % mentor.organization_name,
        ),
    ]
    return Score(mentor=mentor, parts=parts)


# --- loading ----------------------------------------------------------------------------


def mentor_pool(organization: Organization, day: datetime.date) -> list[MentorInfo]:
    """Who may mentor in the school on `day` (MentorProfile.objects.available_to), with their
    free places and experience then."""
    profiles = (
        MentorProfile.objects.available_to(organization, day)
        .select_related("person__organization")
        .prefetch_related(
            Prefetch("competencies", queryset=Competency.objects.only("pk", "name")),
            Prefetch("forms", queryset=MentoringForm.objects.only("pk")),
        )
    )
    pool = []
    for p in profiles.with_load(day):
        comps = {c.pk: c.name for c in p.competencies.all()}
        pool.append(
            MentorInfo(
                id=p.pk,
                person_id=p.person_id,
                name=p.person.full_name,
                organization_id=p.person.organization_id,
                organization_name=p.person.organization.short_name,
                category=p.person.category,
                subject=p.person.subject,
                competencies=frozenset(comps),
                competency_names=comps,
                form_ids=frozenset(f.pk for f in p.forms.all()),
                capacity=p.capacity,
                free=max(0, p.capacity - p.load),
                experience=p.person.experience_on(day),
            )
        )
    return pool


def mentee_info(profile: MenteeProfile) -> MenteeInfo:
    return MenteeInfo(
        id=profile.pk,
        person_id=profile.person_id,
        name=profile.person.full_name,
        category=profile.person.category,
        subject=profile.person.subject,
        deficits=frozenset(d.pk for d in profile.deficits.all()),
        form_id=profile.desired_form_id,
    )


def waiting_mentees(organization: Organization, day: datetime.date):
    """Mentees on the roll on `day` waiting for a mentor, with the form they want."""
    return (
        MenteeProfile.objects.available_in(organization, day)
        .in_status_on(MenteeProfile.Status.WAITING, day)
        .filter(desired_form__isnull=False)
        .select_related("person", "desired_form")
        .prefetch_related(Prefetch("deficits", queryset=Competency.objects.only("pk")))
        .order_by("person__last_name", "person__first_name")
    )


# --- suggestions ------------------------------------------------------------------------


def candidates_for(
    mentee: MenteeProfile, organization: Organization, day: datetime.date, limit: int = 10
) -> list[Score]:
    """Mentors who may take the mentee on `day`, best first."""
    info = mentee_info(mentee)
    form = mentee.desired_form
    scores = [
        score(m, info, organization.pk)
        for m in mentor_pool(organization, day)
        if form is not None and compatible(m, info, form)
    ]
    scores.sort(key=lambda s: (-s.total, s.mentor.name))
    return scores[:limit]


@dataclass
class ProposalRow:
    mentee: MenteeInfo
    form: MentoringForm
    mentor: MentorInfo | None
    score: Score | None
    options: list[MentorInfo]


def optimal_assignment(weights: np.ndarray, capacities: list[int]) -> list[int | None]:
    """For each row (mentee), the chosen column (mentor) or None, maximising the total weight.

    `weights[i, j]` is the score of mentee i with mentor j, or INCOMPATIBLE; mentor j takes
    at most `capacities[j]` mentees.
    """
    n, m = weights.shape
    slot_owner = np.repeat(np.arange(m), capacities)
    expanded = weights[:, slot_owner] if len(slot_owner) else np.zeros((n, 0))
    matrix = np.hstack([expanded, np.zeros((n, n))])
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    chosen: list[int | None] = [None] * n
    for r, c in zip(rows, cols, strict=True):
        if c < len(slot_owner) and matrix[r, c] > INCOMPATIBLE / 2:
            chosen[r] = int(slot_owner[c])
    return chosen


def cohort_proposal(organization: Organization, day: datetime.date) -> list[ProposalRow]:
    """The best overall proposal for every waiting mentee of the school on `day`."""
    mentees = list(waiting_mentees(organization, day))
    infos = [mentee_info(m) for m in mentees]
    pool = [m for m in mentor_pool(organization, day) if m.free > 0]
    return propose(infos, [m.desired_form for m in mentees], pool, organization.pk)


def propose(
    infos: list[MenteeInfo],
    forms: list[MentoringForm],
    pool: list[MentorInfo],
    organization_id: int,
) -> list[ProposalRow]:
    weights = np.full((len(infos), len(pool)), INCOMPATIBLE)
    options: list[list[MentorInfo]] = []
    for i, (mentee, form) in enumerate(zip(infos, forms, strict=True)):
        fits = []
        for j, mentor in enumerate(pool):
            if compatible(mentor, mentee, form):
                weights[i, j] = sum(score_points(mentor, mentee, organization_id))
                fits.append(mentor)
        options.append(fits)
    chosen = optimal_assignment(weights, [m.free for m in pool])
    return [
        ProposalRow(
            mentee=infos[i],
            form=forms[i],
            mentor=pool[j] if j is not None else None,
            score=score(pool[j], infos[i], organization_id) if j is not None else None,
            options=options[i],
        )
        for i, j in enumerate(chosen)
    ]
