"""A finalised semester report never moves: its PDF is the bytes stored when the deputy approved
it; later corrections to past data show as differences, and a corrected edition is a new
version beside the old one. The rollup of a closed year counts the finalised figures."""

from __future__ import annotations

import datetime
import hashlib
import io
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AcademicYear
from mentoring.models import AssignmentMentor, AssignmentStatus
from monitoring.models import ReportVersion, SemesterReport
from monitoring.reports.versions import (
    HALF_NOT_ENDED,
    NOTHING_CHANGED,
    REPORT_FROZEN,
    report_finalise,
)
from registry.models import TrainingRecord
from tests.documents.test_orders import text_of
from tests.mentoring.factories import make_pair
from tests.monitoring.test_rollup import municipality_data  # noqa: F401 - a fixture
from tests.monitoring.test_semester_report import (  # noqa: F401 - a fixture
    known_school,
    teacher_leaves,
)

pytestmark = pytest.mark.django_db

AFTER_FIRST_HALF = datetime.date(2022, 1, 10)


@pytest.fixture
def report(known_school, deputy):  # noqa: F811
    school, year = known_school
    report = SemesterReport.objects.create(
        organization=school, academic_year=year, half=1, conclusions="Модель внедрена."
    )
    report.authors.set([deputy.person])
    return report


def page_of(client, report) -> str:
    return client.get(reverse("monitoring:report", args=[report.pk])).content.decode()


def pdf_of(client, report, number: int) -> bytes:
    response = client.get(reverse("monitoring:report-version-pdf", args=[report.pk, number]))
    assert response.status_code == 200
    return response.content


def a_teacher_left_before_the_half(school) -> None:
    """Her dismissal of 31 August 2021 is entered only now: she was never on the roll in the
    first half. (A leaving day inside the half keeps her on the roll for that half.)"""
    teacher_leaves(school, datetime.date(2021, 8, 31))


def test_the_deputy_finalises_and_the_pdf_is_the_stored_bytes(client, report, deputy, tmp_path):
    client.force_login(deputy)
    response = client.post(reverse("monitoring:report-finalise", args=[report.pk]))
    assert response.url == reverse("monitoring:report", args=[report.pk])

    version = ReportVersion.objects.get(report=report)
    assert version.number == 1 and version.reason == "" and version.finalised_by == deputy
    assert {"label": "педагогические работники", "involved": 4, "total": 10} in (
        version.figures["coverage"]
    )
    downloaded = pdf_of(client, report, 1)
    assert downloaded == bytes(version.pdf)
    assert hashlib.sha256(downloaded).hexdigest() == version.sha256
    assert "Модель внедрена." in text_of(downloaded)
    assert "Исправленная редакция" not in text_of(downloaded)

    page = page_of(client, report)
    today = timezone.localdate().strftime("%d.%m.%Y")
    who = deputy.get_full_name()
    assert f"Утверждена {today}, {who}, SHA-256 {version.sha256[:16]}" in page
    assert "Данные за период не изменились" in page
    assert reverse("monitoring:report-version-pdf", args=[report.pk, 1]) in page
    assert "Утвердить справку" not in page and "Сформировать PDF" not in page
    # The command prints the same stored bytes.
    output = tmp_path / "report.pdf"
    call_command(
        "semester_report",
        organization=report.organization.slug,
        year=2021,
        half=1,
        output=str(output),
        stdout=io.StringIO(),
    )
    assert output.read_bytes() == downloaded


def test_corrected_past_data_shows_as_differences_and_the_pdf_stays(client, report, deputy):
    version = report_finalise(report=report, by=deputy, today=AFTER_FIRST_HALF)
    school = report.organization
    a_teacher_left_before_the_half(school)
    untrained = (
        AssignmentMentor.objects.filter(
            assignment__organization=school,
            assignment__status=AssignmentStatus.ACTIVE,
            mentor__trainings__isnull=True,
        )
        .first()
        .mentor
    )
    TrainingRecord.objects.create(
        mentor=untrained,
        course="Наставничество",
        provider="ИРО",
        hours=36,
        completed_on=datetime.date(2021, 11, 15),  # entered now, dated inside the half
    )

    client.force_login(deputy)
    page = page_of(client, report)
    assert "Педагогические работники, всего: было 10, сейчас 9" in page
    assert "Наставники, прошедшие обучение: было 1, сейчас 2" in page
    assert "Данные за период не изменились" not in page
    assert "Выпустить исправленную редакцию" in page
    downloaded = pdf_of(client, report, 1)
    assert downloaded == bytes(version.pdf)
    assert hashlib.sha256(downloaded).hexdigest() == version.sha256
    assert "10 4 40,0" in text_of(downloaded)  # teachers on the roll, in the program, percent


def test_a_corrected_edition_is_a_new_version_beside_the_old(client, report, deputy):
    first = report_finalise(report=report, by=deputy, today=AFTER_FIRST_HALF)
    a_teacher_left_before_the_half(report.organization)
    client.force_login(deputy)

    client.post(reverse("monitoring:report-correct", args=[report.pk]), {"reason": " "})
    assert ReportVersion.objects.filter(report=report).count() == 1
    client.post(
        reverse("monitoring:report-correct", args=[report.pk]),
        {"reason": "уточнена дата увольнения педагога"},
    )

    second = ReportVersion.objects.get(report=report, number=2)
    assert second.reason == "уточнена дата увольнения педагога"
    assert {"label": "педагогические работники", "involved": 4, "total": 9} in (
        second.figures["coverage"]
    )
    assert second.sha256 != first.sha256
    text = text_of(pdf_of(client, report, 2))
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert (
        f"Исправленная редакция № 2 от {today}; основание: уточнена дата увольнения педагога"
    ) in text
    assert "9 4 44,4" in text
    assert pdf_of(client, report, 1) == bytes(first.pdf)

    page = page_of(client, report)
    versions = page[page.index('data-testid="report-versions"') :]
    assert first.sha256[:16] in versions and second.sha256[:16] in versions
    assert "Исправленная № 2" in versions and "уточнена дата увольнения педагога" in versions
    assert f"Действует исправленная редакция № 2 от {today}" in page
    assert "Данные за период не изменились" in page
    # Nothing moved since: another edition is refused.
    response = client.post(
        reverse("monitoring:report-correct", args=[report.pk]), {"reason": "ещё раз"}, follow=True
    )
    assert str(NOTHING_CHANGED) in response.content.decode()
    assert ReportVersion.objects.filter(report=report).count() == 2


def test_a_half_not_yet_ended_cannot_be_finalised(client, known_school, deputy):  # noqa: F811
    school, year = known_school
    with pytest.raises(ValidationError, match="Полугодие ещё не закончилось"):
        report_finalise(
            report=SemesterReport.objects.create(organization=school, academic_year=year, half=1),
            by=deputy,
            today=datetime.date(2021, 12, 31),  # the half's last day
        )

    today = timezone.localdate()
    running, _ = AcademicYear.objects.get_or_create(
        start_year=today.year + 10,
        defaults={
            "first_half_starts": today - datetime.timedelta(days=60),
            "first_half_ends": today,
            "second_half_starts": today + datetime.timedelta(days=10),
            "second_half_ends": today + datetime.timedelta(days=150),
        },
    )
    report = SemesterReport.objects.create(organization=school, academic_year=running, half=1)
    client.force_login(deputy)
    assert "Утвердить справку</button>" not in page_of(client, report)
    response = client.post(reverse("monitoring:report-finalise", args=[report.pk]), follow=True)
    expected = HALF_NOT_ENDED % {"date": today.strftime("%d.%m.%Y")}
    assert expected in response.content.decode()
    assert not ReportVersion.objects.filter(report=report).exists()


def test_a_finalised_reports_texts_cannot_be_edited(client, report, deputy, curator):
    report_finalise(report=report, by=deputy, today=AFTER_FIRST_HALF)
    for user in (deputy, curator):
        client.force_login(user)
        response = client.post(
            reverse("monitoring:report", args=[report.pk]),
            {"conclusions": "Переписано задним числом.", "plans": "", "authors": []},
        )
        assert response.status_code == 200
        assert str(REPORT_FROZEN) in response.content.decode()
    report.refresh_from_db()
    assert report.conclusions == "Модель внедрена."
    assert list(report.authors.all()) == [deputy.person]


@pytest.mark.parametrize("role", ["teacher", "curator", "psychologist"])
def test_only_the_deputy_or_director_finalises(client, report, personas, role):
    client.force_login(getattr(personas, role))
    assert client.post(reverse("monitoring:report-finalise", args=[report.pk])).status_code == 403
    assert client.post(
        reverse("monitoring:report-correct", args=[report.pk]), {"reason": "x"}
    ).status_code == (403)
    assert not ReportVersion.objects.exists()


def test_the_director_finalises(client, report, director):
    client.force_login(director)
    client.post(reverse("monitoring:report-finalise", args=[report.pk]))
    assert ReportVersion.objects.get(report=report).finalised_by == director


def test_the_rollup_of_a_closed_year_counts_the_finalised_figures(
    client,
    municipality_data,  # noqa: F811
    school,
    deputy,
    coordinator,
):
    """School A's second-half report is finalised with 2 pairs; a pair added to 2021–22
    afterwards moves neither the rollup nor its PDF or .xlsx, which name the two organizations
    without a finalised report."""
    year = AcademicYear.objects.get(start_year=2021)
    report = SemesterReport.objects.create(organization=school, academic_year=year, half=2)
    version = report_finalise(report=report, by=deputy, today=datetime.date(2022, 6, 10))
    assert version.figures["year"]["pairs"]["teacher-teacher"] == 2
    make_pair(school, status="active")

    client.force_login(deputy)
    assert "За учебный год, пар и групп в форме «учитель – учитель»: было 2, сейчас 3" in (
        page_of(client, report)
    )

    client.force_login(coordinator)
    page = client.get(reverse("monitoring:rollup"), {"year": 2021}).content.decode()
    assert '1 <span class="text-muted small">(2)</span>' in page
    note = (
        "Нет утверждённой справки за 2 полугодие (цифры по данным портала на сегодня): "
        "МАУ ДО «ЦДТ», МБОУ «СШ № 2»."
    )
    assert note in page

    pdf = " ".join(
        text_of(client.get(reverse("monitoring:rollup-pdf"), {"year": 2021}).content).split()
    )
    assert "2 МБОУ «СШ № 19» 1 0 0 0 0 1 2" in pdf
    assert note in pdf

    book = load_workbook(
        BytesIO(client.get(reverse("monitoring:rollup-xlsx"), {"year": 2021}).content)
    )
    rows = {r[1]: r for r in book["Формы по ОО"].iter_rows(values_only=True)}
    assert rows["МБОУ «СШ № 19»"][-1] == 2
    assert [r[0] for r in book["Источник цифр"].iter_rows(values_only=True)] == [
        f"Учебный год закончился: цифры организаций взяты из утверждённых справок по итогам "
        f"2 полугодия (последней редакции). {note}",
        "МАУ ДО «ЦДТ»",
        "МБОУ «СШ № 2»",
    ]


def test_an_open_year_is_counted_from_the_data(municipality_data, school):  # noqa: F811
    from accounts.models import Organization
    from monitoring.rollup.tables import school_table

    year = AcademicYear.objects.get(start_year=2021)
    make_pair(school, status="active")
    table = school_table(
        Organization.objects.filter(pk=school.pk), year, today=datetime.date(2022, 5, 31)
    )
    assert not table.closed and table.unfinalised == []
    assert table.rows[0].pairs["teacher-teacher"] == 3


def test_the_reports_figures_download_as_numbers(client, report, deputy):
    """#26: counts are numbers and shares numbers with one decimal, not text."""
    client.force_login(deputy)
    book = load_workbook(
        BytesIO(client.get(reverse("monitoring:report-xlsx", args=[report.pk])).content)
    )
    coverage = book["Охват"]
    for row in coverage.iter_rows(min_row=2):
        label, total, involved, share = row
        assert total.data_type == involved.data_type == share.data_type == "n", label.value
        assert share.number_format == "0.0"
        expected = round(involved.value * 100 / total.value, 1) if total.value else 0.0
        assert share.value == pytest.approx(expected, abs=0.05)
