"""Benchmark: «подобрать всем» for 300 waiting mentees and 100 mentors in at most 2 s.

Runs alone (`cd bench && ../.venv/bin/python matching.py`) or in `make bench`,
on a throw-away SQLite database.
Measures the whole cohort proposal as the curator's page computes it (loading the registries,
scoring every mentee–mentor couple, the optimal assignment) and, as a baseline in the same
run, a greedy proposal over the same data (each mentee in turn takes the best free mentor):
the optimum must be at least as good as the greedy total.
"""

from __future__ import annotations

import datetime
import random
import sys

from common import Result, best_of, print_table, setup_django

TODAY = datetime.date(2026, 9, 15)

MENTEES, MENTORS = 300, 100
TARGET_SECONDS = 2.0


def build_school():
    from accounts.models import Municipality, Organization
    from registry.models import (
        Competency,
        MenteeProfile,
        MentoringForm,
        MentorProfile,
        Person,
        PersonCategory,
    )

    rng = random.Random(300)
    MentoringForm.objects.ensure_standard()
    form = MentoringForm.objects.get(code="teacher-teacher")
    municipality, _ = Municipality.objects.get_or_create(name="Бенчмарк")
    org, _ = Organization.objects.get_or_create(
        slug="bench",
        defaults={"municipality": municipality, "full_name": "школа", "short_name": "школа"},
    )
    competencies = [Competency.objects.get_or_create(name=f"компетенция {i}")[0] for i in range(20)]
    subjects = ["математика", "физика", "история", "русский язык", "биология", "химия"]
    people = Person.objects.bulk_create(
        Person(
            organization=org,
            last_name=f"Фамилия{i}",
            first_name="Имя",
            gender="f",
            category=PersonCategory.TEACHER,
            subject=rng.choice(subjects),
            experience_since=TODAY - datetime.timedelta(days=rng.randint(0, 35 * 365)),
        )
        for i in range(MENTEES + MENTORS)
    )
    mentors = MentorProfile.objects.bulk_create(
        MentorProfile(person=p, capacity=rng.randint(1, 4), status="active")
        for p in people[:MENTORS]
    )
    mentees = MenteeProfile.objects.bulk_create(
        MenteeProfile(person=p, desired_form=form) for p in people[MENTORS:]
    )
    Forms = MentorProfile.forms.through
    Forms.objects.bulk_create(Forms(mentorprofile=m, mentoringform=form) for m in mentors)
    Comps = MentorProfile.competencies.through
    Comps.objects.bulk_create(
        Comps(mentorprofile=m, competency=c) for m in mentors for c in rng.sample(competencies, 5)
    )
    Deficits = MenteeProfile.deficits.through
    Deficits.objects.bulk_create(
        Deficits(menteeprofile=m, competency=c)
        for m in mentees
        for c in rng.sample(competencies, 3)
    )
    return org


def greedy(org) -> int:
    from mentoring import matching

    mentees = list(matching.waiting_mentees(org, TODAY))
    pool = matching.mentor_pool(org, TODAY)
    free = {m.id: m.free for m in pool}
    total = 0
    for profile in mentees:
        info = matching.mentee_info(profile)
        best = None
        for mentor in pool:
            if free[mentor.id] and matching.compatible(mentor, info, profile.desired_form):
                s = sum(matching.score_points(mentor, info, org.pk))
                if best is None or s > best[0]:
                    best = (s, mentor.id)
        if best:
            total += best[0]
            free[best[1]] -= 1
    return total


def run() -> list[Result]:
    setup_django()
    from mentoring import matching

    org = build_school()
    rows = []
    seconds = best_of(lambda: rows.append(matching.cohort_proposal(org, TODAY)), repeat=3)
    greedy_totals = []
    baseline_seconds = best_of(lambda: greedy_totals.append(greedy(org)), repeat=3)
    proposal = rows[-1]
    optimum = sum(r.score.total for r in proposal if r.score)
    matched = sum(1 for r in proposal if r.mentor)
    return [
        Result(
            f"matching: cohort {MENTEES}×{MENTORS} ({matched} matched)",
            seconds,
            TARGET_SECONDS,
            "s",
            f"greedy {baseline_seconds:.3f} s",
        ),
        # The optimum must score at least as high as the greedy proposal: their ratio ≤ 1.
        Result(
            "matching: greedy total / optimum total",
            greedy_totals[-1] / optimum,
            1.0,
            "×",
            f"optimum {optimum}, greedy {greedy_totals[-1]}",
        ),
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
