"""Every registry exports to .xlsx and .csv with Russian headers; formulas are neutralised;
the people export loads back through the import unchanged."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from registry.importing import plan_import, read_rows
from registry.models import Consent
from tests.factories import ConsentFactory, MentorProfileFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def export(client, what, fmt="xlsx"):
    return client.get(reverse("registry:export"), {"what": what, "format": fmt})


def test_people_export_uses_the_import_columns_and_loads_back(client, school, curator):
    PersonFactory(
        organization=school, last_name="=Опасная", first_name="Анна", email="anna@school.example"
    )
    client.force_login(curator)
    response = export(client, "people")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Фамилия",
        "Имя",
        "Отчество",
        "Пол",
        "Категория",
        "Должность",
        "Предмет",
        "Класс",
        "Стаж",
        "Email",
        "Телефон",
        "Дата рождения",
        "Дата приёма",
        "Дата выбытия",
    )
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=Опасная", "s", True)  # text
    assert "'=Опасная;" in export(client, "people", "csv").content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_loads_back_exactly_formula_signs_and_phones_included(
    client, school, curator, fmt
):
    """#18 item 8: the formula guard never comes back as data (a phone «+7 914 …» stayed
    «'+7 914 …» after a round trip)."""
    PersonFactory(organization=school, last_name="=Опасная", phone="+7 914 000-00-00")
    PersonFactory(organization=school, last_name="-Минусова", phone="@дом", email="m@s.example")
    client.force_login(curator)
    plan = plan_import(school, read_rows(export(client, "people", fmt).content, f"x.{fmt}"), TODAY)
    assert (plan.errors, len(plan.create), plan.changes, plan.unchanged) == ([], 0, [], 2)


def test_csv_is_semicolon_separated_utf8_with_bom(client, school, curator):
    PersonFactory(organization=school, last_name="Ёлкина")
    client.force_login(curator)
    content = export(client, "people", "csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Фамилия;Имя;Отчество;Пол;Категория")
    assert "Ёлкина;" in text


def test_a_clean_export_reimports_with_no_change(client, school, curator):
    PersonFactory(organization=school, last_name="Иванова", email="iv@school.example")
    client.force_login(curator)
    plan = plan_import(school, read_rows(export(client, "people").content), TODAY)
    assert (plan.errors, len(plan.create), len(plan.update), plan.unchanged) == ([], 0, 0, 1)


def test_mentor_and_consent_registries_export_with_russian_headers(client, school, curator):
    mentor = MentorProfileFactory(person=PersonFactory(organization=school, last_name="Орлова"))
    ConsentFactory(person=mentor.person, kind=Consent.Kind.MENTOR_WORK)
    client.force_login(curator)
    mentors = list(load_workbook(io.BytesIO(export(client, "mentors").content)).active.values)
    assert mentors[0][:3] == ("ФИО", "Должность", "Статус")
    assert mentors[1][0].startswith("Орлова") and "учитель – учитель" in mentors[1][3]
    consents = list(load_workbook(io.BytesIO(export(client, "consents").content)).active.values)
    assert consents[1][1] == "согласие наставника на дополнительную работу"


def test_export_is_for_the_curator_only(client, school, teacher, director):
    for user in (teacher, director):
        client.force_login(user)
        assert export(client, "people").status_code == 403


def test_registry_cells_are_typed_dates_as_dates_numbers_as_numbers(client, school, curator):
    """#26: sorting and formulas work in Excel: a date is a date cell shown 12.01.2013, the
    experience, capacity and hours are numbers; the .csv writes them as Russian Excel reads
    them (12.01.2013, 22,5)."""
    import datetime
    from decimal import Decimal

    from tests.factories import TrainingRecordFactory

    person = PersonFactory(
        organization=school, last_name="Типова", experience_years=Decimal("22.5"),
        birth_date=datetime.date(1980, 1, 12), joined_on=datetime.date(2013, 1, 12),
    )  # fmt: skip
    ConsentFactory(person=person, given_on=datetime.date(2021, 8, 29))
    mentor = MentorProfileFactory(person=person, capacity=3)
    TrainingRecordFactory(mentor=mentor, hours=36, completed_on=datetime.date(2021, 3, 20))
    client.force_login(curator)

    def row_of(what):
        sheet = load_workbook(io.BytesIO(export(client, what).content)).active
        headers = [c.value for c in sheet[1]]
        return dict(zip(headers, sheet[2], strict=True))

    people = row_of("people")
    born = people["Дата рождения"]
    assert born.value.date() == datetime.date(1980, 1, 12) and born.number_format == "DD.MM.YYYY"
    assert people["Дата приёма"].value.date() == datetime.date(2013, 1, 12)
    assert people["Стаж"].data_type == "n" and people["Стаж"].value == 22.5
    assert people["Дата выбытия"].value is None
    assert row_of("consents")["Дата"].value.date() == datetime.date(2021, 8, 29)
    assert row_of("mentors")["Наставляемых не более"].value == 3
    training = row_of("training")
    assert training["Часов"].value == 36 and training["Дата окончания"].is_date
    csv = export(client, "people", "csv").content.decode("utf-8-sig")
    assert ";22,5;" in csv and ";12.01.1980;12.01.2013;" in csv
