"""The semester report: figures computed from a known school, the PDF's text, the job, the CLI."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from jobs.models import Job
from mentoring.models import Roadmap, RoadmapEvent, RoadmapItem
from monitoring.models import SemesterReport
from monitoring.reports.semester import render_report_pdf, report_data
from registry.models import Person, PersonCategory, TrainingRecord
from tests.documents.factories import DAY, PAIRS_ORDER_TITLE, introduction
from tests.documents.test_orders import text_of
from tests.factories import PersonFactory, StudentFactory
from tests.mentoring.factories import make_mentor, make_pair, year_2021

# The introduction order cites the school by its short name, in nested quotes («МБОУ „СШ № 19“»)
NESTED = "МБОУ „СШ № 19“"
INTRO = f"приказ от 01.09.2021 № 1 «О внедрении целевой модели наставничества в {NESTED}»"

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_school(school, director, deputy):
    """10 teachers and 10 students; 2 active teacher pairs (4 teachers), one trained mentor;
    an introduction order № 1 of 01.09.2021; a roadmap with one item done and one overdue."""
    from documents import services

    year = year_2021()
    school.director = director
    school.save()
    trained = make_mentor(school)
    TrainingRecord.objects.create(
        mentor=trained,
        course="Наставничество",
        provider="ИРО",
        hours=36,
        completed_on=datetime.date(2021, 6, 1),
    )
    make_pair(school, mentor=trained, status="active")
    make_pair(school, status="active")
    make_pair(school, status="draft")  # a draft counts nowhere
    # 6 teachers in the pairs, 3 more and the deputy: 10 teachers.
    PersonFactory.create_batch(3, organization=school)
    PersonFactory(
        organization=school,
        user=deputy,
        last_name="Петрова",
        first_name="Анна",
        middle_name="Сергеевна",
        position="заместитель директора по УВР",
    )
    StudentFactory.create_batch(10, organization=school)
    order = introduction(school, curator=trained.person)
    services.document_send(document=order, today=DAY)
    services.document_sign(document=order, by=director, today=datetime.date(2021, 9, 1))
    roadmap = Roadmap.objects.create(
        organization=school, academic_year=year, title="Дорожная карта"
    )
    done = RoadmapItem.objects.create(
        roadmap=roadmap,
        order=1,
        number="1",
        task="Нормативная база",
        deadline_kind="date",
        deadline_starts=datetime.date(2021, 9, 1),
        deadline_ends=datetime.date(2021, 9, 1),
        mark_status="done",
        mark_text="приказ от 01.09.2021 № 1",
        mark_date=datetime.date(2021, 9, 1),
    )
    RoadmapEvent.objects.create(item=done, order=1, text="Издать приказ о внедрении")
    RoadmapItem.objects.create(
        roadmap=roadmap,
        order=2,
        number="2",
        task="Обучение наставников",
        deadline_kind="date",
        deadline_starts=datetime.date(2021, 11, 30),
        deadline_ends=datetime.date(2021, 11, 30),
        mark_status="not_started",
    )
    return school, year


def teacher_leaves(school, day: datetime.date) -> Person:
    """One of the known school's teachers outside the program leaves on `day` (entered now)."""
    teacher = (
        Person.objects.in_organization(school)
        .teachers()
        .filter(user__isnull=True, mentor_profile__isnull=True, mentee_profile__isnull=True)
        .first()
    )
    teacher.left_on, teacher.left_reason = day, "увольнение"
    teacher.save()
    return teacher


def test_figures_are_computed_from_the_data(known_school):
    school, year = known_school
    data = report_data(school, year, 1)
    assert data.orders == [INTRO]
    assert [(f.name, f.pairs, f.groups, f.mentors, f.mentees) for f in data.forms] == [
        ("учитель – учитель", 2, 0, 2, 2)
    ]
    teachers, students = data.coverage
    assert (teachers.involved, teachers.total, teachers.percent) == (4, 10, "40,0")
    assert (students.involved, students.total) == (0, 10)
    assert not teachers.reached
    assert (data.trained.involved, data.trained.total, data.trained.percent) == (1, 2, "50,0")
    assert [(r.number, r.mark) for r in data.roadmap] == [
        ("1", "приказ от 01.09.2021 № 1"),
        ("2", "не выполнено (просрочено)"),
    ]


def test_a_later_year_cites_the_introduction_but_not_last_years_pair_orders(known_school, director):
    from accounts.models import AcademicYear
    from tests.documents.factories import signed_pair_order

    school, year = known_school
    signed_pair_order(school, director, datetime.date(2021, 9, 6))
    assert len(report_data(school, year, 1).orders) == 2

    next_year, _ = AcademicYear.objects.get_or_create(
        start_year=2022, defaults=AcademicYear.standard_dates(2022)
    )
    assert report_data(school, next_year, 1).orders == [INTRO]


def test_an_order_signed_in_summer_for_pairs_of_the_next_year_is_cited(known_school, director):
    from mentoring.models import Assignment
    from tests.documents.factories import signed_pair_order

    school, year = known_school
    pair, order = signed_pair_order(school, director, datetime.date(2021, 8, 30))
    assert Assignment.objects.get(pk=pair.pk).status == "active"
    assert report_data(school, year, 1).orders == [
        f"приказ от 30.08.2021 № {order.number} «{PAIRS_ORDER_TITLE}»",
        INTRO,
    ]


def test_pdf_prints_the_figures_and_the_roadmap_table(known_school, deputy):
    school, year = known_school
    report = SemesterReport.objects.create(
        organization=school, academic_year=year, half=1, conclusions="Модель внедрена."
    )
    report.authors.set([deputy.person])
    text = text_of(render_report_pdf(school, year, 1))
    assert "о промежуточных результатах реализации целевой модели наставничества" in text
    assert "по итогам 1 полугодия 2021–2022 учебного года" in text
    assert "на основании: 1) " + INTRO.replace("приказ ", "приказа ", 1) in text
    assert "Справку подготовила: Заместитель директора по УВР А.С. Петрова" in text
    assert "№ Задача Мероприятия Отметка о выполнении" in text
    assert "Издать приказ о внедрении приказ от 01.09.2021 № 1" in text
    assert "40,0" in text and "70 % — не достигнут" in text
    # #25: every chart has its caption below it
    assert "Рисунок 1 — Наставнические пары и группы по формам наставничества" in text
    assert "Рисунок 2 — Охват наставничеством по категориям, % (красная черта — целевой" in text
    assert "Модель внедрена." in text
    assert "Заместитель директора по УВР" in text and "А.С. Петрова" in text


def test_command_writes_the_same_pdf_the_deputy_downloads(
    known_school, tmp_path, client, deputy, django_capture_on_commit_callbacks
):
    school, year = known_school
    output = tmp_path / "report.pdf"
    call_command(
        "semester_report",
        organization=school.slug,
        year=2021,
        half=1,
        output=str(output),
        stdout=io.StringIO(),
    )
    report = SemesterReport.objects.create(organization=school, academic_year=year, half=1)
    client.force_login(deputy)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring:report-generate", args=[report.pk]))
    job = Job.objects.get(kind="semester_report")
    assert job.status == Job.Status.DONE
    downloaded = b"".join(client.get(reverse("job-download", args=[job.pk])).streaming_content)
    assert text_of(downloaded) == text_of(output.read_bytes())
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert "Скачать файл «Справка по итогам 1 полугодия 2021–2022 учебного года.pdf»" in page


def test_report_page_is_for_the_deputy_director_and_curator(client, known_school, teacher):
    school, year = known_school
    report = SemesterReport.objects.create(organization=school, academic_year=year, half=1)
    client.force_login(teacher)
    assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 403


def test_pupil_mentors_are_not_counted_as_untrained(known_school):
    from mentoring.models import Assignment
    from mentoring.services import assignment_create
    from registry.models import MentoringForm
    from tests.factories import MenteeProfileFactory, MentorProfileFactory

    school, year = known_school
    before = report_data(school, year, 1)
    pair = assignment_create(
        organization=school,
        academic_year=year,
        form=MentoringForm.objects.get(code="student-student"),
        mentors=[
            MentorProfileFactory(
                person=StudentFactory(organization=school), forms=["student-student"]
            )
        ],
        mentees=[MenteeProfileFactory(person=StudentFactory(organization=school))],
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )
    Assignment.objects.filter(pk=pair.pk).update(status="active")
    after = report_data(school, year, 1)
    assert after.total_pairs == before.total_pairs + 1  # the pupils' pair runs and counts
    assert (after.trained.involved, after.trained.total) == (
        before.trained.involved,
        before.trained.total,
    )


def test_the_deputy_opens_a_report_for_a_half(client, known_school, deputy):
    _school, year = known_school
    client.force_login(deputy)
    response = client.post(reverse("monitoring:reports"), {"academic_year": year.pk, "half": 2})
    report = SemesterReport.objects.get(half=2)
    assert response.url == reverse("monitoring:report", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert "по итогам 2 полугодия 2021–2022 учебного года" in page


def test_command_refuses_an_unknown_school():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="не найдена"):
        call_command("semester_report", organization="nope", year=2021, half=1, output="/dev/null")


def test_students_count_in_coverage(known_school):
    school, year = known_school
    assert report_data(school, year, 1).coverage[1].total == (
        school.people.filter(category=PersonCategory.STUDENT).count()
    )


def test_the_report_tells_pupils_by_category_incentives_programs_and_the_gap_to_70(
    known_school,
):
    """Seed 003's pupils who need support, seed 002's mentor incentives, the program's goal
    and how many more people the 70 % target needs."""
    from mentoring.models import Assignment, Program
    from mentoring.services import assignment_create
    from registry.models import Incentive, MentoringForm
    from tests.factories import IncentiveFactory, MenteeProfileFactory

    school, year = known_school
    form = MentoringForm.objects.get(code="teacher-student")
    pupils = list(Person.objects.filter(organization=school, category=PersonCategory.STUDENT))
    Person.objects.filter(pk__in=[p.pk for p in pupils[:3]]).update(has_disability=True)
    mentor = make_mentor(school, forms=("teacher-student",))
    pair = assignment_create(
        organization=school,
        academic_year=year,
        form=form,
        mentors=[mentor],
        mentees=[MenteeProfileFactory(person=pupils[0], desired_form=form)],
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )
    Assignment.objects.filter(pk=pair.pk).update(status="active")
    Program.objects.create(
        organization=school,
        academic_year=year,
        form=form,
        title="Программа «учитель – ученик»",
        goal="Помочь обучающимся раскрыть способности.",
        expected_results="Рост учебной мотивации.",
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )
    IncentiveFactory(mentor=mentor, kind=Incentive.Kind.PAYMENT, amount=3000,
                     granted_on=datetime.date(2021, 10, 5))  # fmt: skip
    IncentiveFactory(mentor=mentor, kind=Incentive.Kind.PAYMENT, amount=3000,
                     granted_on=datetime.date(2021, 11, 5))  # fmt: skip
    IncentiveFactory(mentor=mentor, kind=Incentive.Kind.PAYMENT, amount=3000,
                     granted_on=datetime.date(2022, 2, 5))  # another half  # fmt: skip

    data = report_data(school, year, 1)
    [disabled] = data.categories
    assert (disabled.label, disabled.involved, disabled.total) == ("обучающиеся с ОВЗ", 1, 3)
    [payments] = data.incentives
    assert (payments.mentors, payments.amount) == (1, "6\u00a0000")
    [teachers, _] = data.coverage
    # 70 % of 11 teachers is 7.7 → 8 people; 5 are involved
    assert (teachers.total, teachers.involved, teachers.gap) == (11, 5, 3)
    text = text_of(render_report_pdf(school, year, 1))
    assert "«учитель – ученик». Цель: Помочь обучающимся раскрыть способности." in text
    assert "Обучающиеся с ОВЗ 3 1 33,3" in text
    assert (
        "Поощрение наставников. Доплата по дополнительному соглашению: 1 наставник, 6 000 руб."
        in text
    )
    assert "до целевого показателя 70 % не хватает 3 чел." in text


def test_a_version_finalised_before_the_new_sections_reads_as_unchanged(known_school):
    """Figures stored before the report counted pupils by category and incentives have no
    such keys: nothing moved for them, so no correction is offered for that alone."""
    from monitoring.reports.versions import figure_changes, report_figures

    school, year = known_school
    now = report_figures(report_data(school, year, 1))
    before = {k: v for k, v in now.items() if k not in ("categories", "incentives")}
    assert figure_changes(before, now) == []
    moved = now | {"incentives": [{"kind": "награда", "mentors": 1, "amount": ""}]}
    assert figure_changes(now, moved) == ["Поощрения «награда», наставников: было —, сейчас 1"]
