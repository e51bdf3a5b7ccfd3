"""A roadmap over several academic years, as a real school writes it («на 2022-2024 гг.», seed
001's deadlines as typed): imported once, shown year by year, reported half by half."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import AcademicYear
from mentoring.deadlines import BAD_DEADLINE
from mentoring.models import Roadmap, RoadmapItem
from monitoring.health.items import HealthKind, health_items
from monitoring.reports.semester import render_report_pdf, report_data
from tests.documents.test_orders import text_of
from tests.mentoring.test_roadmap import run_import, write

pytestmark = pytest.mark.django_db

d = datetime.date
# Seed 001's «Срок» column exactly as the school typed it; the other columns are ours.
SEED_ROADMAP = Path(__file__).parent / "data" / "roadmap_2022_2024.csv"
SEED_DEADLINES = [
    "Апрель-май 2022.",
    "В течение 2022\\24 уч. гг.",
    "Ежегодно сентябрь (дополнительно по запросу)",
    "Ежегодно сентябрь (дополнительно по запросу)",
    "Ежегодно сентябрь (дополнительно по запросу) в течение учебного года",
    "Ежегодно октябрь (дополнительно по запросу) в течение учебного года",
    "Ежегодно апрель-май",
    "В теч. уч. года",
]


def academic_year(start: int) -> AcademicYear:
    year, _ = AcademicYear.objects.get_or_create(
        start_year=start, defaults=AcademicYear.standard_dates(start)
    )
    return year


@pytest.fixture
def years():
    return academic_year(2022), academic_year(2023)


@pytest.fixture
def seed_roadmap(school, years) -> Roadmap:
    code, _out, err = run_import(str(SEED_ROADMAP), "--organization", school.slug, "--year", "2022")
    assert code == 0, err
    return Roadmap.objects.get()


def test_the_schools_roadmap_loads_as_written_as_one_roadmap_over_two_years(school, years):
    code, out, err = run_import(str(SEED_ROADMAP), "--organization", school.slug, "--year", "2022")
    assert (code, err) == (0, "")
    assert "на 2022–2024 (учебных лет: 2): загружено пунктов — 8" in out
    roadmap = Roadmap.objects.get()
    assert (roadmap.first_year, roadmap.last_year) == (2022, 2023)
    assert roadmap.title.endswith("на 2022–2024 учебные годы")
    items = list(roadmap.items.order_by("order"))
    assert [i.deadline_text for i in items] == SEED_DEADLINES
    assert [(i.deadline_kind, i.deadline_starts, i.deadline_ends) for i in items] == [
        ("month", d(2022, 4, 1), d(2022, 5, 31)),
        ("academic_years", d(2022, 9, 1), d(2024, 8, 31)),
        ("recurring", d(2022, 9, 1), d(2022, 9, 30)),
        ("recurring", d(2022, 9, 1), d(2022, 9, 30)),
        ("recurring", d(2022, 9, 1), d(2022, 9, 30)),
        ("recurring", d(2022, 10, 1), d(2022, 10, 31)),
        ("recurring", d(2023, 4, 1), d(2023, 5, 31)),
        ("whole", d(2022, 9, 1), d(2024, 8, 31)),
    ]


def test_importing_it_again_replaces_the_same_roadmaps_items(school, seed_roadmap):
    code, _out, _err = run_import(
        str(SEED_ROADMAP), "--organization", school.slug, "--year", "2022"
    )
    assert code == 0
    assert Roadmap.objects.get() == seed_roadmap and seed_roadmap.items.count() == 8


def test_the_years_option_sets_the_span(school, years, tmp_path):
    academic_year(2024)
    code, _out, _err = run_import(
        str(SEED_ROADMAP), "--organization", school.slug, "--years", "2022-2025"
    )
    assert code == 0
    roadmap = Roadmap.objects.get()
    assert (roadmap.first_year, roadmap.last_year) == (2022, 2024)
    whole = roadmap.items.get(deadline_text="В теч. уч. года")
    assert whole.deadline_ends == d(2025, 8, 31)


def test_a_roadmap_may_not_take_a_year_of_another(school, seed_roadmap, tmp_path):
    text = "№;Задача;Мероприятия;Ответственный;Ожидаемый результат;Срок;Отметка о выполнении\n"
    text += "1;Педсовет;;Куратор;;сентябрь;\n"
    path = write(tmp_path, text.encode(), "2023.csv")
    code, _out, err = run_import(path, "--organization", school.slug, "--year", "2023")
    assert code == 1
    assert "Дорожная карта на 2023–2024 пересекается с дорожной картой" in err
    assert "(2022–2024)" in err
    assert Roadmap.objects.count() == 1 and seed_roadmap.items.count() == 8


def test_a_deadline_naming_no_period_is_a_row_error(school, years, tmp_path):
    text = "№;Задача;Мероприятия;Ответственный;Ожидаемый результат;Срок;Отметка о выполнении\n"
    text += "1;Педсовет;;Куратор;;в свободное время;\n"
    path = write(tmp_path, text.encode(), "карта.csv")
    code, _out, err = run_import(path, "--organization", school.slug, "--year", "2022")
    assert code == 1
    expected = "Строка 2: Срок: " + BAD_DEADLINE.format(value="в свободное время")
    assert expected in err.splitlines()
    assert "«I полугодие», «2 четверть», «IV квартал 2022 г.»" in expected
    assert not RoadmapItem.objects.exists()


def page(client, year: int) -> str:
    return client.get(reverse("mentoring:roadmap"), {"year": year}).content.decode()


def test_the_page_shows_the_roadmap_in_each_of_its_years(client, curator, seed_roadmap):
    client.force_login(curator)
    first, second = page(client, 2022), page(client, 2023)
    for text in (first, second):
        assert seed_roadmap.title in text
        assert "Ежегодно сентябрь (дополнительно по запросу) в течение учебного года" in text
        assert "В течение 2022\\24 уч. гг." in text
        assert "01.09.2022 – 31.08.2024" in text  # «в течение года»: the whole roadmap
    # A recurring item shows its occurrence in the year asked for.
    assert "01.09.2022 – 30.09.2022" in first and "01.09.2023 – 30.09.2023" not in first
    assert "01.09.2023 – 30.09.2023" in second and "01.09.2022 – 30.09.2022" not in second
    assert "сроки ежегодных пунктов — в 2023–2024 учебном году" in second
    # Both years are over: statuses on their last days. By 31.08.2023 the first year's
    # occurrences and «Апрель-май 2022» have passed; by 31.08.2024 everything but the two
    # items of the whole span, due that very day.
    assert "Состояние на 31.08.2023" in first and "просрочено: 6" in first
    assert "Состояние на 31.08.2024" in second and "просрочено: 6" in second
    academic_year(2024)
    assert "Дорожной карты на 2024–2025 учебный год ещё нет" in page(client, 2024)


def test_the_upload_in_the_browser_takes_the_years(client, curator, school, years):
    client.force_login(curator)
    upload = io.BytesIO(SEED_ROADMAP.read_bytes())
    upload.name = "карта.csv"
    response = client.post(
        reverse("mentoring:roadmap-upload"), {"file": upload, "year": 2022, "years": "2022-2024"}
    )
    assert response.status_code == 302
    assert Roadmap.objects.get().years == 2


def test_the_coordinator_sees_the_years_of_the_roadmap(client, coordinator, seed_roadmap):
    client.force_login(coordinator)
    listing = client.get(reverse("mentoring:municipal-roadmaps")).content.decode()
    assert "2022–2024" in listing


def test_the_semester_report_lists_the_items_due_in_its_half(school, seed_roadmap, years):
    first_year, _second_year = years
    rows = {
        (year.start_year, half): [(r.task, r.mark) for r in report_data(school, year, half).roadmap]
        for year in years
        for half in (1, 2)
    }
    overdue = "не выполнено (просрочено)"
    assert rows[2022, 1] == [
        ("Мероприятия программы в годовом плане школы", "не начато"),
        ("Банк наставляемых", overdue),
        ("Банк наставников", overdue),
        ("Отбор и обучение наставников", overdue),
        ("Наставнические пары и группы", overdue),
        ("Новости наставничества на сайте", "не начато"),
    ]
    assert rows[2022, 2] == [
        ("Мероприятия программы в годовом плане школы", "не начато"),
        ("Итоги персонализированных программ", overdue),
        ("Новости наставничества на сайте", "не начато"),
    ]
    # The next year: the recurring items again, in that year's occurrence.
    assert [task for task, _mark in rows[2023, 1]] == [task for task, _mark in rows[2022, 1]]
    # «в течение учебного года» runs to 31 August: at the half's end it is not late yet
    assert rows[2023, 2][-1] == ("Новости наставничества на сайте", "не начато")
    text = text_of(render_report_pdf(school, first_year, 2))
    assert "Итоги персонализированных программ Круглый стол лучших практик " + overdue in text
    assert "Банк наставников" not in text and "Локальные акты о наставничестве" not in text


def test_the_health_page_names_this_years_overdue_occurrences(school, seed_roadmap):
    items = {
        i.title: i.detail
        for i in health_items(school, d(2023, 10, 15))
        if i.kind == HealthKind.ROADMAP
    }
    assert items == {
        "1. Локальные акты о наставничестве": (
            "срок — 31.05.2022; ответственный — Куратор программы наставничества; не начато"
        ),
        "2. Банк наставляемых": (
            "срок — 30.09.2023; ответственный — Куратор программы наставничества; не начато"
        ),
        "3. Банк наставников": (
            "срок — 30.09.2023; ответственный — Куратор программы наставничества; не начато"
        ),
        "4. Отбор и обучение наставников": (
            "срок — 30.09.2023; ответственный — Куратор программы наставничества; не начато"
        ),
    }
