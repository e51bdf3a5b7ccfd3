"""Five years of a school's data: the list pages cost what they cost with one.

The demo school (one year of pairs, meetings, documents, questionnaires, its documents and
questionnaires copied to fill their lists' first page) is copied into a second database, where
four earlier years are added beside it — every pair and group again, finished, with its
meetings, every signed document with its year's numbers, every questionnaire with its
answers. Each list page is then timed in both, request by request in turn (SQLite files, one
connection per request): its query count must not change and its p95 (60 warm requests to
each through Django's test client) must stay within 1.2× of the one-year figure: the median
of the two p95s' ratios over its rounds (five, or two that both read ≤ 1.1×:
bench/common.enough_rounds). The two schools take turns at going
first, and the garbage collector waits until a round is over (bench/common.collector_paused:
a collection falling inside one school's request made that p95 jump). Pages are rendered
every time (no cache, as on the first view after a change): it is their work with the data
that is measured.
"""

from __future__ import annotations

import datetime
import gc
import shutil
import statistics
import sys
import time

from common import (
    Result,
    collector_paused,
    enough_rounds,
    percentile,
    print_table,
    setup_django,
)

YEARS_ADDED = 4
REQUESTS = 60  # per school and round; a p95 of 20 was one request, the slowest but one
TARGET_RATIO = 1.2
PAGES = {
    "curator": [
        "/",
        "/mentoring/assignments/",
        "/registry/people/",
        "/registry/mentors/",
        "/documents/",
        "/monitoring/questionnaires/",
    ],
    "director": ["/", "/documents/inbox/"],
    "deputy": ["/", "/monitoring/reports/"],
    "teacher": ["/", "/mentoring/mine/", "/monitoring/mine/"],
}


def shifted(day: datetime.date | None, years: int) -> datetime.date | None:
    from core.periods import years_before

    return None if day is None else years_before(day, years)


def fill_the_year() -> None:
    """The demo's year with full list pages (25 documents, 20 questionnaires): a page that
    shows more rows is dearer by its rows, which is not what this measures."""
    from documents.models import Document
    from monitoring.models import Questionnaire

    signed = list(Document.objects.filter(status=Document.Status.SIGNED).order_by("pk"))
    top = max(d.number or 0 for d in signed)
    while Document.objects.count() <= 25:
        for document in signed:
            top += 1
            document.pk, document.number = None, top
            document.save()
    originals = list(Questionnaire.objects.order_by("pk"))
    while Questionnaire.objects.count() <= 20:
        for questionnaire in originals:
            questionnaire.pk = None
            questionnaire.save()


def add_earlier_years(years: int) -> dict[str, int]:
    """Every pair, meeting, signed document and answered questionnaire again, `years` times,
    each copy dated that many years earlier."""
    from accounts.models import AcademicYear
    from documents.models import Document
    from mentoring.models import Assignment, AssignmentMentee, AssignmentMentor, Meeting
    from monitoring.models import Answer, Question, Questionnaire, Response

    pairs = list(Assignment.objects.prefetch_related("mentor_links", "mentee_links", "meetings"))
    documents = list(Document.objects.filter(status=Document.Status.SIGNED))
    questionnaires = list(Questionnaire.objects.all())
    for back in range(1, years + 1):
        year_of = {}
        for pair in pairs:
            start = pair.academic_year.start_year - back
            if start not in year_of:
                year_of[start], _ = AcademicYear.objects.get_or_create(
                    start_year=start, defaults=AcademicYear.standard_dates(start)
                )
            copy = Assignment.objects.create(
                organization_id=pair.organization_id, academic_year=year_of[start],
                form_id=pair.form_id, program_id=None, kind=pair.kind, title=pair.title,
                status="active", starts_on=shifted(pair.starts_on, back),  # reads «завершена»
                ends_on=shifted(pair.ends_on, back),
            )  # fmt: skip
            AssignmentMentor.objects.bulk_create(
                AssignmentMentor(assignment=copy, mentor_id=link.mentor_id)
                for link in pair.mentor_links.all()
            )
            AssignmentMentee.objects.bulk_create(
                AssignmentMentee(assignment=copy, mentee_id=link.mentee_id, form_id=copy.form_id,
                                 in_preparation=False)
                for link in pair.mentee_links.all()
            )  # fmt: skip
            Meeting.objects.bulk_create(
                Meeting(assignment=copy, held_on=shifted(m.held_on, back), topic=m.topic,
                        notes=m.notes, duration_minutes=m.duration_minutes)
                for m in pair.meetings.all()
            )  # fmt: skip
        for document in documents:
            document.pk = None
            document.number_year = document.number_year - back if document.number_year else None
            document.signed_on = shifted(document.signed_on, back)
            document.save()
        for questionnaire in questionnaires:
            questions = list(Question.objects.filter(questionnaire_id=questionnaire.pk))
            responses = list(
                Response.objects.filter(questionnaire_id=questionnaire.pk).prefetch_related(
                    "answers"
                )
            )
            copy = Questionnaire.objects.get(pk=questionnaire.pk)
            copy.pk = None
            copy.opens_on = shifted(questionnaire.opens_on, back)
            copy.closes_on = shifted(questionnaire.closes_on, back)
            copy.save()
            new_question = {}
            for q in questions:
                old = q.pk
                q.pk, q.questionnaire = None, copy
                q.save()
                new_question[old] = q.pk
            for response in responses:
                answers = list(response.answers.all())
                response.pk, response.questionnaire = None, copy
                response.person = None  # the copies stand for earlier years' people
                response.save()
                Answer.objects.bulk_create(
                    Answer(response=response, question_id=new_question[a.question_id],
                           choice_id=None, number=a.number, text=a.text)
                    for a in answers
                )  # fmt: skip
    return {
        "pairs": Assignment.objects.count(),
        "meetings": Meeting.objects.count(),
        "documents": Document.objects.count(),
        "responses": Response.objects.count(),
    }


def settle() -> None:
    """What the writing left behind (SQLite's write-ahead log, the interpreter's garbage) is
    cleared before anything is timed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    gc.collect()


def use_database(path: str) -> None:
    """Point the default connection at another SQLite file (Django opens one per request)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = path


def measure(databases: list[str]) -> list[dict[tuple[str, str], tuple[list[float], int]]]:
    """Each page in every database, request by request in turn: the one-year and the
    five-year school are timed in the same moments, so that a slow moment of this shared
    machine falls on both (measured one after the other, a one-year figure once came out
    twice the five-year one; in alternating rounds of 40, a ratio still swung by 25%)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    clients = {}
    for n, path in enumerate(databases):
        use_database(path)
        for role in PAGES:
            clients[n, role] = Client()
            clients[n, role].force_login(User.objects.get(username=role))
    out: list[dict[tuple[str, str], tuple[list[float], int]]] = [{} for _ in databases]
    for role, pages in PAGES.items():
        for page in pages:
            rounds: list[list[float]] = [[] for _ in databases]
            for n, path in enumerate(databases):
                use_database(path)
                for _ in range(3):  # warm: templates compiled
                    clients[n, role].get(page)
            while not enough_rounds([f / o for o, f in zip(*rounds, strict=True)], TARGET_RATIO):
                timings: list[list[float]] = [[] for _ in databases]
                with collector_paused():
                    for k in range(REQUESTS):  # request by request, one school then the other
                        order = list(enumerate(databases))
                        for n, path in order if k % 2 else reversed(order):
                            use_database(path)
                            started = time.perf_counter()
                            response = clients[n, role].get(page)
                            timings[n].append(time.perf_counter() - started)
                            if response.status_code != 200:
                                raise RuntimeError(f"{role} {page}: HTTP {response.status_code}")
                for n in range(len(databases)):
                    rounds[n].append(percentile(timings[n], 95))
            for n, path in enumerate(databases):
                use_database(path)
                with CaptureQueriesContext(connection) as queries:
                    clients[n, role].get(page)
                out[n][(role, page)] = (rounds[n], len(queries))
    return out


def run() -> list[Result]:
    setup_django(demo=True)

    from django.conf import settings
    from django.db import connection, transaction
    from django.test import override_settings

    settings.ALLOWED_HOSTS = ["testserver"]
    # the pages' own work with the data, not the cache in front of it (accounts.freshness)
    override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ).enable()
    with transaction.atomic():  # one commit (one new generation), as an import would write it
        fill_the_year()
    settle()
    one_year = connection.settings_dict["NAME"]
    five_years = f"{one_year}.five"
    connection.close()
    shutil.copyfile(one_year, five_years)
    use_database(five_years)
    with transaction.atomic():
        counts = add_earlier_years(YEARS_ADDED)
    settle()
    one, five = measure([one_year, five_years])
    results = []
    for key, (rounds_one, queries_one) in one.items():
        rounds_five, queries_five = five[key]
        role, page = key
        # the ratio of the two p95s of each round (taken within the same seconds), its median
        ratio = statistics.median(f / o for f, o in zip(rounds_five, rounds_one, strict=True))
        results.append(
            Result(
                f"5 years: {role} {page} p95",
                ratio,
                TARGET_RATIO,
                "×",
                f"{min(rounds_five) * 1000:.1f} ms against {min(rounds_one) * 1000:.1f} ms "
                "with one year (lowest p95s)",
            )
        )
        results.append(
            Result(
                f"5 years: {role} {page} queries",
                float(queries_five - queries_one),
                0,
                "",
                f"{queries_five} against {queries_one}",
            )
        )
    results.append(Result(f"5 years: data {counts}", 0, 0, "", "one year: the demo"))
    return results


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
