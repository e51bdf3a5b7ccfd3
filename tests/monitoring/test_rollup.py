"""The municipal rollup: forms each school runs, pairs per form, teachers trained, ИТОГО."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Organization
from core.russian import percent
from monitoring.rollup.tables import municipality_table, school_table
from registry.models import TrainingRecord
from tests.documents.test_orders import text_of
from tests.factories import CoordinatorFactory, OrganizationFactory, PersonFactory, UserFactory
from tests.mentoring.factories import make_mentor, make_pair, year_2021
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 1288, "0,1"),
        (16, 974, "1,6"),
        (28, 755, "3,7"),
        (72, 6997, "1,0"),
        (1, 8, "12,5"),
        (0, 0, "0,0"),
        (5, 5, "100,0"),
    ],
)
def test_percent_has_one_decimal_a_comma_and_rounds_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def trained(mentor) -> None:
    TrainingRecord.objects.create(
        mentor=mentor,
        course="Наставничество",
        provider="ИРО",
        hours=36,
        completed_on=datetime.date(2021, 6, 1),
    )


@pytest.fixture
def municipality_data(school):
    """School A: two active teacher–teacher pairs, one draft; 4 teachers, 1 trained.
    School B (same municipality): nothing running; 2 teachers, none trained.
    A centre of additional education: one active pair."""
    year_2021()
    m1 = make_mentor(school, capacity=3)
    trained(m1)
    make_pair(school, mentor=m1, status="active")
    make_pair(school, mentor=m1, status="active")
    make_pair(school, status="draft")
    second = OrganizationFactory(municipality=school.municipality, short_name="МБОУ «СШ № 2»")
    PersonFactory.create_batch(2, organization=second)
    centre = OrganizationFactory(
        municipality=school.municipality,
        short_name="МАУ ДО «ЦДТ»",
        kind=Organization.Kind.ADDITIONAL,
    )
    make_pair(centre, status="active")
    return {"school": school, "second": second, "centre": centre}


def test_school_rows_and_totals(municipality_data, school):
    table = school_table(Organization.objects.filter(municipality=school.municipality), year_2021())
    rows = {r.organization.short_name: r for r in table.rows}
    a = rows["МБОУ «СШ № 19»"]
    # 3 pairs in school A: 2 active, 1 draft (drafts do not count). Its teachers: the mentor
    # of the first two pairs and their two mentees, the draft's mentor and mentee → 5.
    assert a.pairs["teacher-teacher"] == 2
    assert a.runs["teacher-teacher"] == 1 and a.runs["teacher-student"] == 0
    assert a.forms_count == 1
    assert (a.teachers, a.trained) == (5, 1)
    assert a.trained_percent == "20,0"
    assert rows["МБОУ «СШ № 2»"].forms_count == 0
    assert rows["МБОУ «СШ № 2»"].teachers == 2
    assert table.schools_running["teacher-teacher"] == 2
    assert table.totals.teachers == sum(r.teachers for r in table.rows)
    assert table.totals.trained == sum(r.trained for r in table.rows)
    assert table.totals.pairs["teacher-teacher"] == sum(
        r.pairs["teacher-teacher"] for r in table.rows
    )


def test_municipality_table_counts_schools_and_additional_education_apart(
    municipality_data, school
):
    other = OrganizationFactory(short_name="МБОУ «СОШ № 1» района")
    make_pair(other, status="active")
    orgs = Organization.objects.filter(
        pk__in=[o.pk for o in municipality_data.values()] + [other.pk]
    )
    rows, total = municipality_table(school_table(orgs, year_2021()))
    assert len(rows) == 2
    ours = next(r for r in rows if r.municipality == school.municipality)
    assert ours.running["teacher-teacher"] == (1, 1)  # school A, and the centre
    assert total.running["teacher-teacher"] == (2, 1)
    assert total.teachers == sum(r.teachers for r in rows)


def test_coordinator_sees_only_their_municipality(client, municipality_data, school, coordinator):
    foreign = OrganizationFactory(short_name="Чужая школа")
    make_pair(foreign, status="active")
    client.force_login(coordinator)
    page = client.get(reverse("monitoring:rollup"), {"year": 2021}).content.decode()
    assert "МБОУ «СШ № 19»" in page and "МАУ ДО «ЦДТ»" in page
    assert "Чужая школа" not in page
    assert "ИТОГО:" in page
    # 1 trained of 5 (school A) + 2 (school B) + 2 (the centre) teachers.
    assert '<td class="text-end">11,1</td>' in page


def test_rollup_xlsx_holds_the_tables(client, municipality_data, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("monitoring:rollup-xlsx"), {"year": 2021})
    assert "filename*=utf-8''" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    forms = book["Формы по ОО"]
    rows = list(forms.iter_rows(values_only=True))
    assert rows[0][:3] == ("№", "Образовательная организация", "«учитель – учитель»")
    assert rows[-1][1] == "ИТОГО:" and rows[-1][2] == 2
    trained_rows = list(book["Обучение наставничеству"].iter_rows(values_only=True))
    assert trained_rows[-1][0] == "ИТОГО:"
    assert trained_rows[-1][1] == sum(r[1] for r in trained_rows[1:-1])
    # #26: the share is a number with one decimal, not the text «11,1»
    share = book["Обучение наставничеству"].cell(row=len(trained_rows), column=4)
    assert (share.value, share.data_type, share.number_format) == (11.1, "n", "0.0")


def test_rollup_pdf_prints_seed_002s_tables(client, municipality_data, coordinator, school):
    client.force_login(coordinator)
    response = client.get(reverse("monitoring:rollup-pdf"), {"year": 2021})
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''" in response["Content-Disposition"]
    text = " ".join(text_of(response.content).split())
    assert f"Реализация целевой модели наставничества: {school.municipality.name}" in text
    assert "Образовательная организация реализует модель:" in text
    assert "итого реализуется моделей в ОО" in text
    # School A runs one form with two pairs; school B none; the centre one form, one pair.
    assert "2 МБОУ «СШ № 19» 1 0 0 0 0 1 2" in text
    assert "ИТОГО: 2 0 0 0 0 3" in text
    assert "Доля педработников, прошедших курсы, %" in text
    assert "ИТОГО: 9 1 11,1" in text
    # The per-municipality table is there for one municipality too, and the columns go in
    # seed 002's order: … «ученик – ученик», «работодатель – ученик», «студент – ученик».
    assert f"1 {school.municipality.name} " in text
    assert text.index("«ученик – ученик»") < text.index("«работодатель – ученик»")
    assert text.index("«работодатель – ученик»") < text.index("«студент – ученик»")


def test_rollup_pdf_goes_by_municipality_in_a_region(client, municipality_data, school):
    other = OrganizationFactory(short_name="МБОУ «СОШ № 1» района")
    make_pair(other, status="active")
    regional = UserFactory(username="region")
    CoordinatorFactory(user=regional, municipality=school.municipality)
    CoordinatorFactory(user=regional, municipality=other.municipality)
    client.force_login(regional)
    text = " ".join(
        text_of(client.get(reverse("monitoring:rollup-pdf"), {"year": 2021}).content).split()
    )
    assert "Количество школ, реализующих модель «работодатель – ученик»" in text
    assert "школы учреждения доп. образования" in text
    # Per municipality: schools and centres of additional education apart, and ИТОГО.
    assert f"{school.municipality.name} 1 1 0 0 0 0 0 0" in text
    assert "ИТОГО: 2 1 0 0 0 0 0 0" in text
    assert "Муниципальное образование" in text
    assert f"{school.municipality.name} " in text and f"{other.municipality.name} " in text
    # #25: the schools go under their municipality, each with its subtotal, numbered on
    first, second = sorted([school.municipality.name, other.municipality.name])
    schools = text[text.index("пар и групп") :]
    assert schools.index(first) < schools.index("Итого по муниципальному образованию:")
    assert schools.count("Итого по муниципальному образованию:") == 2
    assert schools.index(second) < schools.rindex("Итого по муниципальному образованию:")
    assert "1 МБОУ" in schools or "1 МАУ" in schools


def test_the_rollup_names_its_executor_who_enters_position_and_phone(
    client, municipality_data, coordinator
):
    """#25: «Исполнитель» under the rollup: the coordinator's name, the position and phone
    entered on the rollup page, and a signature line."""
    coordinator.last_name, coordinator.first_name = "Лебедева", "Анна"
    coordinator.middle_name = "Сергеевна"
    coordinator.save()
    client.force_login(coordinator)
    text = " ".join(
        text_of(client.get(reverse("monitoring:rollup-pdf"), {"year": 2021}).content).split()
    )
    assert "Исполнитель: Лебедева Анна Сергеевна, ____________________ (должность)" in text
    page = client.get(reverse("monitoring:rollup")).content.decode()
    assert 'action="/monitoring/rollup/executor/"' in page or "rollup-executor" in page
    response = client.post(
        reverse("monitoring:rollup-executor"),
        {"position": "  главный  специалист управления образования ", "phone": "8 (4212) 40-20-20"},
    )
    assert response.status_code == 302
    text = " ".join(
        text_of(client.get(reverse("monitoring:rollup-pdf"), {"year": 2021}).content).split()
    )
    assert (
        "Исполнитель: Лебедева Анна Сергеевна, главный специалист управления образования, "
        "тел. 8 (4212) 40-20-20" in text
    )
    assert "(подпись)" in text and "А.С. Лебедева" in text


def test_rollup_is_for_coordinators_only(client, curator):
    client.force_login(curator)
    assert client.get(reverse("monitoring:rollup")).status_code == 403
    assert client.get(reverse("monitoring:rollup-xlsx")).status_code == 403


def test_rollup_queries_do_not_grow_with_schools(client, school):
    user = UserFactory(username="coord_q")
    CoordinatorFactory(user=user, municipality=school.municipality)
    year_2021()
    client.force_login(user)

    def fill(n):
        for _ in range(n):
            org = OrganizationFactory(municipality=school.municipality)
            make_pair(org, status="active")

    def queries() -> int:
        return page_queries(client, reverse("monitoring:rollup"), {"year": 2021})[0]

    fill(3)
    few = queries()
    fill(30)
    assert queries() == few <= 14


def test_coordinator_home_shows_the_municipality_at_a_glance(
    client, municipality_data, coordinator
):
    from accounts.models import AcademicYear

    current = AcademicYear.objects.current(timezone.localdate())
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    assert f"Муниципалитет, {current}" in page
    assert "Образовательных организаций: <strong>3</strong>" in page


def test_no_school_name_runs_as_a_formula_in_the_rollup_xlsx(
    client, municipality_data, coordinator
):
    """#18 item 4: a school's short name «=HYPERLINK(…)» is text in every sheet."""
    hostile = '=HYPERLINK("http://evil.example","Открыть")'
    second = municipality_data["second"]
    second.short_name = hostile
    second.save()
    client.force_login(coordinator)
    book = load_workbook(
        BytesIO(client.get(reverse("monitoring:rollup-xlsx"), {"year": 2021}).content)
    )
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert hostile in [cell.value for cell in cells]


def test_the_rollup_is_built_in_the_background_for_its_coordinator_alone(
    client, municipality_data, coordinator, school, django_capture_on_commit_callbacks
):
    """#18: a region's rollup is a job with progress; the file is the same document as the
    direct download, and only the coordinator who asked sees it."""
    from jobs.models import Job

    client.force_login(coordinator)
    url = reverse("monitoring:rollup-build") + "?year=2021"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"format": "pdf"})
    job = Job.objects.get(kind="rollup")
    assert response.url == reverse("job-status", args=[job.pk]) and job.organization is None
    page = client.get(response.url).content.decode()
    assert "Скачать файл «Мониторинг наставничества 2021–2022.pdf»" in page and "К своду" in page
    pdf = b"".join(client.get(reverse("job-download", args=[job.pk])).streaming_content)
    text = " ".join(text_of(pdf).split())
    assert "2 МБОУ «СШ № 19» 1 0 0 0 0 1 2" in text and "ИТОГО: 9 1 11,1" in text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"format": "xlsx"})
    book = Job.objects.filter(kind="rollup").latest("pk")
    assert book.result_name.endswith(".xlsx") and book.status == Job.Status.DONE
    refused = client.post(url, {"format": "docx"}, follow=True).content.decode()
    assert "Выберите, в каком виде сформировать свод" in refused

    other = UserFactory(username="another_coordinator")
    CoordinatorFactory(user=other, municipality=school.municipality)
    client.force_login(other)
    assert client.get(reverse("job-status", args=[job.pk])).status_code == 404
