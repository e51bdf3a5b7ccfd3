"""Benchmark: «подобрать всем» for 300 waiting mentees and 100 mentors in at most 2 s.

Runs alone (`/work/main/.venv/bin/python bench/matching.py`) on a throw-away SQLite database.
Measures the whole cohort proposal as the curator's page computes it (loading the registries,
scoring every mentee–mentor couple, the optimal assignment) and, as a baseline in the same
run, a greedy proposal over the same data (each mentee in turn takes the best free mentor):
the optimum must be at least as good as the greedy total.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MENTEES, MENTORS = 300, 100
TARGET_SECONDS = 2.0


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


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
            experience_years=Decimal(rng.randint(0, 35)),
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

    mentees = list(matching.waiting_mentees(org))
    pool = matching.mentor_pool(org)
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


def timed(fn, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def run() -> list[tuple[str, str, str, bool]]:
    from mentoring import matching

    org = build_school()
    seconds, rows = timed(lambda: matching.cohort_proposal(org))
    baseline_seconds, greedy_total = timed(lambda: greedy(org))
    optimum = sum(r.score.total for r in rows if r.score)
    matched = sum(1 for r in rows if r.mentor)
    return [
        (
            f"cohort proposal {MENTEES}×{MENTORS} ({matched} matched)",
            f"{seconds:.2f} s",
            f"≤ {TARGET_SECONDS:.0f} s",
            seconds <= TARGET_SECONDS,
        ),
        (
            "baseline: greedy proposal, same data",
            f"{baseline_seconds:.2f} s",
            "—",
            True,
        ),
        (
            "total score: optimum vs greedy",
            f"{optimum} vs {greedy_total}",
            "optimum ≥ greedy",
            optimum >= greedy_total,
        ),
    ]


def main() -> int:
    setup_django()
    results = run()
    width = max(len(r[0]) for r in results)
    print(f"{'measure':<{width}} | {'measured':>14} | {'target':>16} | ok")
    for name, measured, target, ok in results:
        print(f"{name:<{width}} | {measured:>14} | {target:>16} | {'yes' if ok else 'NO'}")
    return 0 if all(r[3] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
