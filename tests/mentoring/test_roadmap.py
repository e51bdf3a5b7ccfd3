"""The roadmap: import from Excel (all or nothing), marks, overdue, sample, export, agreement."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mentoring.models import MarkStatus, Roadmap, RoadmapItem
from mentoring.roadmap_services import COLUMNS, roadmap_start_from_sample
from tests.factories import OrganizationFactory, PersonFactory
from tests.mentoring.factories import year_2021

pytestmark = pytest.mark.django_db

SEP_1 = datetime.date(2021, 9, 1)

GOOD_ROWS = [
    [
        "1",
        "Нормативная база",
        "Изучить документы\n- Подготовить приказ о внедрении\n- Разместить карту на сайте",
        "Сидорова С.П.",
        "Приказ, положение",
        "01.09.2021",
        "приказ от 01.09.2021 № 144",
    ],
    [
        "2",
        "База наставляемых",
        "Собрать запросы",
        "Куратор программы",
        "",
        "Ежегодно, сентябрь",
        "",
    ],
    [
        "3",
        "Обучение",
        "Курсы",
        "Куратор",
        "Удостоверения",
        "в течение года",
        "в работе: идут курсы",
    ],
]


def xlsx(rows, header=COLUMNS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(tmp_path, content: bytes, name="roadmap.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def run_import(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_roadmap", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_import_builds_items_events_and_marks(tmp_path, school):
    year_2021()
    sidorova = PersonFactory(
        organization=school, last_name="Сидорова", first_name="Светлана", middle_name="Петровна"
    )
    code, out, _err = run_import(
        write(tmp_path, xlsx(GOOD_ROWS)), "--organization", school.slug, "--year", "2021"
    )
    assert code == 0 and "загружено пунктов — 3" in out
    first, second, third = RoadmapItem.objects.order_by("order")
    assert [e.text for e in first.events.all()] == [
        "Изучить документы",
        "Подготовить приказ о внедрении",
        "Разместить карту на сайте",
    ]
    assert first.responsible_person == sidorova
    assert first.deadline_starts == first.deadline_ends == datetime.date(2021, 9, 1)
    assert first.mark_status == MarkStatus.DONE
    assert first.mark_date == datetime.date(2021, 9, 1)
    assert first.mark_text == "приказ от 01.09.2021 № 144"
    assert second.deadline_kind == "recurring" and second.deadline_text == "Ежегодно, сентябрь"
    assert (second.deadline_starts, second.deadline_ends) == (SEP_1, datetime.date(2021, 9, 30))
    assert second.responsible_text == "Куратор программы"
    assert third.deadline_kind == "whole" and third.mark_status == MarkStatus.IN_PROGRESS
    assert (third.deadline_starts, third.deadline_ends) == (SEP_1, datetime.date(2022, 8, 31))
    assert third.mark_text == "идут курсы"


def test_import_replaces_the_years_items(tmp_path, school):
    year_2021()
    roadmap_start_from_sample(organization=school, academic_year=year_2021())
    assert RoadmapItem.objects.count() == 7
    run_import(
        write(tmp_path, xlsx(GOOD_ROWS[:1])), "--organization", school.slug, "--year", "2021"
    )
    assert RoadmapItem.objects.count() == 1


def test_bad_rows_are_all_reported_and_nothing_is_written(tmp_path, school):
    year_2021()
    roadmap_start_from_sample(organization=school, academic_year=year_2021())
    bad = [
        GOOD_ROWS[0],
        ["2", "", "Собрать запросы", "Куратор", "", "сентябрь", ""],
        ["3", "Обучение", "Курсы", "Куратор", "", "когда-нибудь", ""],
        ["4", "Итоги", "Круглый стол", "", "", "31.02.2022", ""],
    ]
    code, _out, err = run_import(
        write(tmp_path, xlsx(bad)), "--organization", school.slug, "--year", "2021"
    )
    assert code == 1
    lines = err.splitlines()
    assert "Строка 3: Задача: не заполнено" in lines
    assert any(
        line.startswith("Строка 4: Срок: не удалось понять срок «когда-нибудь»") for line in lines
    )
    assert "Строка 5: Ответственный: не заполнено" in lines
    assert "Строка 5: Срок: нет такой даты: «31.02.2022»" in lines
    assert RoadmapItem.objects.count() == 7  # the sample is untouched


def test_a_missing_column_is_reported(tmp_path, school):
    year_2021()
    header = [c for c in COLUMNS if c != "Срок"]
    code, _out, err = run_import(
        write(tmp_path, xlsx([], header=header)), "--organization", school.slug, "--year", "2021"
    )
    assert code == 1 and "Строка 1: Срок: нет такого столбца в первой строке" in err


def test_csv_is_accepted(tmp_path, school):
    year_2021()
    text = ";".join(COLUMNS) + "\n1;Итоги;Круглый стол;Куратор;Протокол;ежегодно, май;\n"
    code, _out, _err = run_import(
        write(tmp_path, text.encode("utf-8-sig"), "карта.csv"),
        "--organization",
        school.slug,
        "--year",
        "2021",
    )
    assert code == 0
    item = RoadmapItem.objects.get()
    assert (item.deadline_starts, item.deadline_ends) == (
        datetime.date(2022, 5, 1),
        datetime.date(2022, 5, 31),
    )


def test_organization_may_be_left_out_only_with_one_school(tmp_path, school):
    year_2021()
    path = write(tmp_path, xlsx(GOOD_ROWS))
    assert run_import(path, "--year", "2021")[0] == 0
    OrganizationFactory()
    with pytest.raises(CommandError, match="укажите --organization"):
        call_command("import_roadmap", path, "--year", "2021")


def test_overdue_is_computed_from_the_deadline(school):
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    september = roadmap.items.filter(deadline_text="ежегодно, сентябрь").first()
    assert september.period_on(SEP_1).ends == datetime.date(2021, 9, 30)
    assert september.is_overdue(datetime.date(2021, 10, 1))
    assert not september.is_overdue(datetime.date(2021, 9, 15))
    may = roadmap.items.get(deadline_text="ежегодно, май")
    assert may.period_on(SEP_1).ends == datetime.date(2022, 5, 31)
    september.mark_status = MarkStatus.DONE
    assert not september.is_overdue(datetime.date(2022, 1, 1))


def test_curator_starts_from_the_sample_and_marks_an_item(client, curator, school):
    year_2021()
    client.force_login(curator)
    client.post(reverse("mentoring:roadmap-sample"), {"year": 2021})
    page = client.get(reverse("mentoring:roadmap"), {"year": 2021}).content.decode()
    assert "Нормативная база наставничества в школе" in page
    assert "просрочено" in page  # 2021 deadlines are long past
    item = RoadmapItem.objects.order_by("order").first()
    client.post(
        reverse("mentoring:roadmap-item", args=[item.pk]),
        item_post(
            task=item.task,
            mark_status="done",
            mark_text="приказ от 01.09.2021 № 144",
            mark_date="2021-09-01",
        ),
    )
    page = client.get(reverse("mentoring:roadmap"), {"year": 2021}).content.decode()
    assert "приказ от 01.09.2021 № 144" in page and "выполнено: 1" in page


def item_post(**extra):
    return {
        "number": "1",
        "task": "Нормативная база",
        "events": "Изучить документы\nПодготовить приказ",
        "responsible_person": "",
        "responsible_text": "Куратор программы наставничества",
        "expected_result": "Приказ",
        "deadline": "ежегодно, сентябрь",
        "mark_status": "not_started",
        "mark_text": "",
        "mark_date": "",
        "document_ref": "",
        **extra,
    }


def test_curator_edits_an_item_and_its_events(client, curator, school):
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    item = roadmap.items.order_by("order").first()
    client.force_login(curator)
    response = client.post(
        reverse("mentoring:roadmap-item", args=[item.pk]),
        item_post(task="Нормативная база школы", deadline="до 15.09.2021"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.task == "Нормативная база школы"
    assert item.deadline_kind == "date" and item.deadline_text == "до 15.09.2021"
    assert item.deadline_starts == item.deadline_ends == datetime.date(2021, 9, 15)
    assert [e.text for e in item.events.all()] == ["Изучить документы", "Подготовить приказ"]


def test_an_unreadable_deadline_is_a_message_on_the_form(client, curator, school):
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    item = roadmap.items.first()
    client.force_login(curator)
    response = client.post(
        reverse("mentoring:roadmap-item", args=[item.pk]), item_post(deadline="потом")
    )
    assert "не удалось понять срок «потом»" in response.content.decode()


def test_curator_adds_and_deletes_items(client, curator, school):
    year_2021()
    client.force_login(curator)
    client.post(
        reverse("mentoring:roadmap-item-add") + "?year=2021",
        item_post(task="Педсовет по итогам года", deadline="май"),
    )
    item = RoadmapItem.objects.get()
    assert item.deadline_ends == datetime.date(2022, 5, 31) and item.events.count() == 2
    client.post(reverse("mentoring:roadmap-item-delete", args=[item.pk]))
    assert not RoadmapItem.objects.exists()


def test_upload_in_the_browser_shows_row_errors(client, curator, school):
    year_2021()
    client.force_login(curator)
    bad = io.BytesIO(xlsx([["1", "", "", "", "", "", ""]]))
    bad.name = "roadmap.xlsx"
    response = client.post(
        reverse("mentoring:roadmap-upload") + "?year=2021", {"file": bad, "year": 2021}
    )
    text = response.content.decode()
    assert "Строка 2: Задача: не заполнено" in text and "Строка 2: Срок: не заполнено" in text
    good = io.BytesIO(xlsx(GOOD_ROWS))
    good.name = "roadmap.xlsx"
    response = client.post(reverse("mentoring:roadmap-upload"), {"file": good, "year": 2021})
    assert response.status_code == 302
    assert RoadmapItem.objects.count() == 3


def test_export_round_trips_through_import(client, curator, school, tmp_path):
    year_2021()
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    client.force_login(curator)
    response = client.get(reverse("mentoring:roadmap-export"), {"year": 2021})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet.max_row == 8
    code, _out, _err = run_import(
        write(tmp_path, response.content), "--organization", school.slug, "--year", "2021"
    )
    assert code == 0
    assert roadmap.items.count() == 7
    assert roadmap.items.first().events.count() == 5


def test_coordinator_agrees_a_roadmap(client, coordinator, school):
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    client.force_login(coordinator)
    page = client.get(reverse("mentoring:municipal-roadmaps")).content.decode()
    assert roadmap.title in page
    detail = client.get(reverse("mentoring:municipal-roadmap", args=[roadmap.pk])).content.decode()
    assert "Нормативная база наставничества в школе" in detail
    assert "изменить" not in detail
    client.post(reverse("mentoring:roadmap-agree", args=[roadmap.pk]))
    roadmap.refresh_from_db()
    assert roadmap.agreed_by == coordinator and roadmap.agreed_on is not None


def test_roadmap_belongs_to_one_school(school, other_school):
    roadmap_start_from_sample(organization=other_school, academic_year=year_2021())
    assert not Roadmap.objects.in_organization(school).exists()


def test_export_writes_formula_like_text_as_text(client, curator, school, tmp_path):
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    item = roadmap.items.first()
    item.task = '=HYPERLINK("http://evil","x")'
    item.save()
    client.force_login(curator)
    response = client.get(reverse("mentoring:roadmap-export"), {"year": 2021})
    assert "filename*=utf-8''" in response["Content-Disposition"]
    cell = load_workbook(io.BytesIO(response.content)).active["B2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil","x")'
    code, _out, _err = run_import(
        write(tmp_path, response.content), "--organization", school.slug, "--year", "2021"
    )
    assert code == 0
    assert roadmap.items.first().task == '=HYPERLINK("http://evil","x")'


def test_opening_the_new_item_form_creates_no_roadmap(client, school, curator):
    """#18 item 9: a GET writes nothing; the roadmap comes with its first saved item."""
    from mentoring.models import Roadmap
    from tests.mentoring.factories import year_2021

    year_2021()
    client.force_login(curator)
    page = client.get(reverse("mentoring:roadmap-item-add"), {"year": 2021})
    assert page.status_code == 200 and not Roadmap.objects.exists()


def test_an_agreed_roadmap_changed_in_content_needs_agreeing_again(
    client, curator, coordinator, school
):
    """#18 item 9: a change of what the coordinator agreed withdraws the agreement (and says
    so before and after); a mark of progress does not."""
    from mentoring.roadmap_services import roadmap_agree

    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    first, second = roadmap.items.order_by("order")[:2]

    def agree():
        roadmap_agree(roadmap=roadmap, by=coordinator, on=datetime.date(2021, 8, 25))

    def agreed() -> bool:
        roadmap.refresh_from_db()
        return roadmap.agreed_by_id is not None

    def as_it_is(item, **changes):
        current = {
            "number": item.number,
            "task": item.task,
            "events": "\n".join(item.events.values_list("text", flat=True)),
            "responsible_text": item.responsible_text,
            "expected_result": item.expected_result,
            "deadline": item.deadline_text,
        }
        return item_post(**(current | changes))

    agree()
    client.force_login(curator)
    url = reverse("mentoring:roadmap-item", args=[first.pk])
    assert "её нужно будет согласовать заново" in client.get(url).content.decode()
    marked = client.post(
        url, as_it_is(first, mark_status="done", mark_date="2021-09-01"), follow=True
    )
    assert "согласование координатора снято" not in marked.content.decode()
    assert agreed()
    changed = client.post(url, as_it_is(first, task="Другая задача"), follow=True)
    assert "согласование координатора снято" in changed.content.decode() and not agreed()
    agree()
    client.post(reverse("mentoring:roadmap-item-delete", args=[second.pk]))
    assert not agreed()


def test_a_document_reference_is_a_link_only_into_the_portal_or_to_a_site(client, curator, school):
    """#18 item 12: «//evil.example» is refused by the form, and one already stored is shown as
    text, never as a link."""
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    item = roadmap.items.order_by("order").first()
    client.force_login(curator)
    url = reverse("mentoring:roadmap-item", args=[item.pk])
    refused = client.post(url, item_post(document_ref="//evil.example/x")).content.decode()
    assert "Ссылка должна вести на страницу портала" in refused
    client.post(url, item_post(document_ref="/documents/1/"))
    page = client.get(reverse("mentoring:roadmap"), {"year": 2021}).content.decode()
    assert 'href="/documents/1/"' in page
    RoadmapItem.objects.filter(pk=item.pk).update(document_ref="//evil.example/x")
    page = client.get(reverse("mentoring:roadmap"), {"year": 2021}).content.decode()
    assert "//evil.example/x" in page and 'href="//evil.example' not in page


def test_the_template_loads_back(client, curator, school, tmp_path):
    client.force_login(curator)
    year_2021()
    page = client.get(reverse("mentoring:roadmap-upload"), {"year": 2021}).content.decode()
    assert reverse("mentoring:roadmap-template") in page and "Скачать шаблон" in page
    response = client.get(reverse("mentoring:roadmap-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == COLUMNS
    code, _out, err = run_import(
        write(tmp_path, response.content), "--organization", school.slug, "--year", "2021"
    )
    assert code == 0, err
    (item,) = RoadmapItem.objects.filter(roadmap__organization=school)
    assert item.task.startswith("Подготовка условий") and item.deadline_text == "ежегодно, сентябрь"
    assert item.mark_status == MarkStatus.NOT_STARTED


def test_the_roadmap_prints_as_its_own_paper(client, curator, school, director):
    """#25: seed 001's roadmap as a paper: the director's «УТВЕРЖДАЮ», the table and
    «Согласовано муниципальный координатор» with who agreed it in the portal."""
    import datetime

    from tests.documents.test_orders import text_of
    from tests.factories import UserFactory

    school.director = director
    school.save()
    roadmap = roadmap_start_from_sample(organization=school, academic_year=year_2021())
    roadmap.agreed_by = UserFactory(
        last_name="Нозикова", first_name="Лидия", middle_name="Андреевна"
    )
    roadmap.agreed_on = datetime.date(2021, 8, 25)
    roadmap.save()
    client.force_login(curator)
    page = client.get(reverse("mentoring:roadmap"), {"year": 2021}).content.decode()
    link = f"{reverse('mentoring:roadmap-pdf')}?year=2021"
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert text.startswith("УТВЕРЖДАЮ Директор МБОУ «СШ № 19» ____________ ")
    assert "ДОРОЖНАЯ КАРТА" in text and "№ п/п Наименование этапа" in text
    first = roadmap.items.order_by("order").first()
    assert first.task in text
    assert (
        "Согласовано муниципальный координатор ____________ (Л.А. Нозикова) «25» августа 2021 г."
        in text
    )
    # a year without a roadmap has none to print
    roadmap.delete()
    assert client.get(link).status_code == 404
