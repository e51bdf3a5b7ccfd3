"""Five years of a school's data: the list pages cost what they cost with one.

The demo school (one year of pairs, meetings, documents, questionnaires, its documents and
questionnaires copied to fill their lists' first page) is measured, then
four earlier years are added beside it — every pair and group again, finished, with its
meetings, every signed document with its year's numbers, every questionnaire with its
answers — and measured again in the same run. For each list page: its query count must not
change and its p95 (20 warm requests through Django's test client; the lowest of five
rounds; three were not enough on this machine) must stay within 1.2× of the one-year figure. The
baseline is the same page with one year, in the same run. Pages are rendered every time (no
cache, as on the first view after a change): it is their work with the data that is measured.
"""

from __future__ import annotations

import datetime
import sys
import time

from common import Result, percentile, print_table, setup_django

YEARS_ADDED = 4
REQUESTS = 20
ROUNDS = 5  # the lowest p95 of five rounds: the least disturbed by the machine's other work
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
    from accounts.periods import years_before

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
                status="finished", starts_on=shifted(pair.starts_on, back),
                ends_on=shifted(pair.ends_on, back),
            )  # fmt: skip
            AssignmentMentor.objects.bulk_create(
                AssignmentMentor(assignment=copy, mentor_id=link.mentor_id)
                for link in pair.mentor_links.all()
            )
            AssignmentMentee.objects.bulk_create(
                AssignmentMentee(assignment=copy, mentee_id=link.mentee_id, form_id=copy.form_id,
                                 is_open=False)
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


def measure() -> dict[tuple[str, str], tuple[float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    out = {}
    for role, pages in PAGES.items():
        client = Client()
        client.force_login(User.objects.get(username=role))
        for page in pages:
            for _ in range(3):  # warm: templates compiled, caches filled
                client.get(page)
            rounds = []
            for _ in range(ROUNDS):
                timings = []
                for _ in range(REQUESTS):
                    started = time.perf_counter()
                    response = client.get(page)
                    timings.append(time.perf_counter() - started)
                rounds.append(percentile(timings, 95))
            if response.status_code != 200:
                raise RuntimeError(f"{role} {page}: HTTP {response.status_code}")
            with CaptureQueriesContext(connection) as queries:
                client.get(page)
            out[(role, page)] = (min(rounds), len(queries))
    return out


def run() -> list[Result]:
    setup_django()
    import io

    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    settings.ALLOWED_HOSTS = ["testserver"]
    # the pages' own work with the data, not the cache in front of it (accounts.freshness)
    override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ).enable()
    call_command("seed_demo", stdout=io.StringIO())
    fill_the_year()
    one = measure()
    counts = add_earlier_years(YEARS_ADDED)
    five = measure()
    results = []
    for key, (p95_one, queries_one) in one.items():
        p95_five, queries_five = five[key]
        role, page = key
        results.append(
            Result(
                f"5 years: {role} {page} p95",
                p95_five / p95_one,
                TARGET_RATIO,
                "×",
                f"{p95_five * 1000:.1f} ms against {p95_one * 1000:.1f} ms with one year",
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
