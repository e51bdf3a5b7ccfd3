"""import_people: all or nothing, every bad row reported, tolerant where a person would be."""

from __future__ import annotations

import datetime
import io
from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from jobs.models import Job
from registry.importing import ImportFileError, plan_import, read_rows
from registry.models import Person, PersonCategory
from tests.pages import visible_text

pytestmark = pytest.mark.django_db

HEADER = "Фамилия;Имя;Отчество;Пол;Категория;Должность;Предмет;Класс;Стаж;Email;Телефон"
GOOD = [
    "Соловьёва ; Алёна;;Ж;Педагог;учитель;физика;;5,5;solo@school.ru;+7 914 000-00-00",
    "Иванов;Пётр;Ильич;муж;обучающийся;;;7А;;;",
    "Черных;Анна;Ивановна;ж;ПЕДАГОГ;учитель;математика;;12;;",
]


def csv_file(tmp_path, lines, encoding="utf-8-sig", name="people.csv"):
    path = tmp_path / name
    path.write_bytes("\n".join([HEADER, *lines]).encode(encoding))
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_people", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_good_file_creates_people_tolerantly(tmp_path, school):
    code, out, _ = run(csv_file(tmp_path, GOOD), "--organization", school.slug)
    assert code == 0 and "Готово: добавлено 3 человека, обновлено 0 карточек" in out
    alena = Person.objects.get(email="solo@school.ru")
    assert (alena.last_name, alena.first_name, alena.middle_name) == ("Соловьёва", "Алёна", "")
    assert alena.gender == "f" and alena.category == PersonCategory.TEACHER
    assert alena.experience_on(timezone.localdate()) == Decimal("5.5")
    assert Person.objects.get(last_name="Иванов").class_on(timezone.localdate()) == "7А"
    assert Person.history.count() == 3


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path, school):
    lines = [
        GOOD[0],
        "Петров;Иван;;x;педагог;;;;abc;bad;",
        ";Мария;;ж;инопланетянин;;;15Я;;;",
    ]
    code, _, err = run(csv_file(tmp_path, lines), "--organization", school.slug)
    assert code == 1
    assert "Строка 3: Пол: «x» — допустимо «м» или «ж»" in err
    assert "Строка 3: Стаж: «abc» — число лет от 0 до 70, например 5 или 5,5" in err
    assert "Строка 3: Email: «bad» — это не адрес электронной почты" in err
    assert "Строка 4: Фамилия: не заполнено" in err
    assert "Строка 4: Категория: «инопланетянин»" in err
    assert "Строка 4: Класс: «15Я» — класс пишется как 7А или 11" in err
    assert Person.objects.count() == 0


def test_windows_1251_with_semicolons(tmp_path, school):
    code, _out, _ = run(csv_file(tmp_path, GOOD, encoding="cp1251"), "--organization", school.slug)
    assert code == 0
    assert Person.objects.filter(last_name="Соловьёва").exists()


def test_comma_separated_utf8_without_bom(tmp_path, school):
    path = tmp_path / "p.csv"
    path.write_text(
        HEADER.replace(";", ",") + "\nИванова,Ольга,,ж,педагог,,,,3,,\n", encoding="utf-8"
    )
    code, _, _ = run(path, "--organization", school.slug)
    assert code == 0 and Person.objects.filter(last_name="Иванова").exists()


def test_dry_run_writes_nothing(tmp_path, school):
    code, out, _ = run(csv_file(tmp_path, GOOD), "--organization", school.slug, "--dry-run")
    assert code == 0 and "ничего не записано" in out
    assert "Будет добавлено 3 человека, обновлено 0 карточек, без изменений 0 карточек." in out
    assert Person.objects.count() == 0


def test_reimport_changes_nothing_and_a_changed_row_updates(tmp_path, school):
    path = csv_file(tmp_path, GOOD)
    run(path, "--organization", school.slug)
    code, out, _ = run(path, "--organization", school.slug)
    assert code == 0
    assert "добавлено 0 человек, обновлено 0 карточек, без изменений 3 карточки" in out
    changed = [GOOD[0].replace("физика", "астрономия"), *GOOD[1:]]
    _code, out, _ = run(csv_file(tmp_path, changed, name="v2.csv"), "--organization", school.slug)
    assert "обновлена 1 карточка" in out
    assert Person.objects.get(email="solo@school.ru").subject == "астрономия"
    assert Person.objects.count() == 3


def test_xlsx_rows_are_numbered_as_excel_shows_them(tmp_path, school):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(["Смирнова", "Анна", "", "ж", "педагог", "", "", "", 4, "", ""])
    sheet.append(["Смирнов", "Олег", "", "?", "педагог", "", "", "", 1, "", ""])
    path = tmp_path / "people.xlsx"
    book.save(path)
    code, _, err = run(path, "--organization", school.slug)
    assert code == 1 and "Строка 3: Пол: «?»" in err


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error(tmp_path, school):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7 binary")
    with pytest.raises(CommandError, match="Это не таблица"):
        run(path, "--organization", school.slug)
    with pytest.raises(ImportFileError, match="нет столбцов «Пол», «Категория»"):
        read_rows("Фамилия;Имя\nИванов;Иван\n".encode())


def test_organization_may_be_omitted_only_with_one_school(tmp_path, school, other_school):
    with pytest.raises(CommandError, match="несколько организаций"):
        run(csv_file(tmp_path, GOOD))


def test_curator_previews_then_confirms_in_the_browser(
    client, school, curator, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    upload = io.BytesIO("\n".join([HEADER, *GOOD]).encode("cp1251"))
    upload.name = "people.csv"
    uploaded = client.post(reverse("registry:people-import"), {"file": upload})
    # the upload redirects to its preview: Back and Reload never post the file again
    assert uploaded.status_code == 302 and "?preview=" in uploaded.url
    page = client.get(uploaded.url).content.decode()
    assert "Проверка прошла" in page and "добавлено: <strong>3</strong>" in page
    reloaded = client.get(uploaded.url).content.decode()  # reloading changes nothing
    assert "добавлено: <strong>3</strong>" in reloaded and Person.objects.count() == 0
    assert Person.objects.count() == 0
    token = page.split('name="token" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):  # the task worker runs the job
        response = client.post(reverse("registry:people-import-confirm"), {"token": token})
    job = Job.objects.get(kind="people_import")
    assert response.url == reverse("job-status", args=[job.pk])
    assert Person.objects.count() == 3
    done = visible_text(client.get(response.url).content.decode())
    assert "Готово: добавлено 3 человека, обновлено 0 карточек, без изменений 0 карточек." in done
    assert "Скачать файл «Протокол загрузки людей.xlsx»" in done and "К списку людей" in done
    protocol = load_workbook(
        io.BytesIO(b"".join(client.get(reverse("job-download", args=[job.pk])).streaming_content))
    ).active
    rows = [[c.value for c in row] for row in protocol.iter_rows(min_row=2)]
    assert sorted(r[1] for r in rows) == sorted(p.last_name for p in Person.objects.all())
    assert {r[0] for r in rows} == {"добавлен"}
    assert not default_storage.exists(job.params["path"])  # the upload with its phones is gone
    # the preview after the confirmation has expired: back to the upload, nothing twice
    again = client.get(uploaded.url)
    assert again.url == reverse("registry:people-import")
    assert client.post(reverse("registry:people-import-confirm"), {"token": token}).url == (
        reverse("registry:people-import")
    )
    assert Person.objects.count() == 3
    listed = client.get(reverse("registry:people"), {"q": "соловьёва"}).content.decode()
    assert "Соловьёва Алёна" in listed and "Черных" not in listed


def test_browser_import_with_errors_lists_them_and_writes_nothing(client, school, curator):
    client.force_login(curator)
    upload = io.BytesIO("\n".join([HEADER, "Петров;Иван;;x;педагог;;;;;;"]).encode())
    upload.name = "bad.csv"
    page = client.post(
        reverse("registry:people-import"), {"file": upload}, follow=True
    ).content.decode()
    assert "ничего не загружено" in page and "Строка 2: Пол: «x»" in page
    assert Person.objects.count() == 0


def test_people_list_filters_and_keeps_its_query_count(client, school, curator):
    from tests.factories import PersonFactory, StudentFactory
    from tests.queries import page_queries

    client.force_login(curator)

    def count() -> int:
        return page_queries(client, reverse("registry:people"), {"category": "student"})[0]

    StudentFactory.create_batch(10, organization=school)
    PersonFactory(organization=school, last_name="Учителева")
    few = count()
    StudentFactory.create_batch(190, organization=school)
    assert count() == few
    page = client.get(reverse("registry:people"), {"category": "student"}).content.decode()
    assert "Учителева" not in page and "Показаны 1–50 из 200" in page


DATED_HEADER = f"{HEADER};Дата рождения;Дата приёма;Дата выбытия"


def test_dates_of_birth_admission_and_leaving_load_and_bound_the_roll(tmp_path, school):
    path = tmp_path / "dated.csv"
    path.write_text(
        "\n".join(
            [
                DATED_HEADER,
                "Орлова;Нина;;ж;педагог;учитель;химия;;;orlova@school.ru;;;01.09.2015;30.06.2023",
                "Котов;Илья;;м;обучающийся;;;5Б;;;;14.03.2011;01.09.2021;",
            ]
        ),
        encoding="utf-8-sig",
    )
    code, _out, err = run(path, "--organization", school.slug)
    assert code == 0, err
    orlova = Person.objects.get(last_name="Орлова")
    kotov = Person.objects.get(last_name="Котов")
    assert (orlova.joined_on, orlova.left_on) == (date(2015, 9, 1), date(2023, 6, 30))
    assert (kotov.birth_date, kotov.joined_on, kotov.left_on) == (
        date(2011, 3, 14),
        date(2021, 9, 1),
        None,
    )
    on_roll = Person.objects.in_organization(school).on_roll
    assert set(on_roll(date(2022, 10, 1))) == {orlova, kotov}
    assert set(on_roll(date(2023, 7, 1))) == {kotov}


def test_a_newcomer_without_an_admission_date_is_on_the_roll_from_the_import(tmp_path, school):
    run(csv_file(tmp_path, GOOD[:1]), "--organization", school.slug)
    assert Person.objects.get(email="solo@school.ru").joined_on == timezone.localdate()


def test_bad_dates_are_reported_by_row_and_column(tmp_path, school):
    path = tmp_path / "bad.csv"
    path.write_text(
        "\n".join(
            [
                DATED_HEADER,
                "Орлова;Нина;;ж;педагог;;;;;;;;1 сентября;",
                "Котов;Илья;;м;обучающийся;;;5Б;;;;14.03.2099;;",
                "Лисин;Олег;;м;педагог;;;;;;;;01.09.2020;31.08.2020",
            ]
        ),
        encoding="utf-8-sig",
    )
    code, _, err = run(path, "--organization", school.slug)
    assert code == 1
    assert "Строка 2: Дата приёма: «1 сентября» — дата пишется как 01.09.2021" in err
    assert "Строка 3: Дата рождения: «14.03.2099» — дата рождения в будущем" in err
    assert "Строка 4: Дата выбытия: «31.08.2020» — раньше даты приёма" in err
    assert not Person.objects.exists()


def test_a_reimport_that_no_longer_lists_someone_keeps_the_card(tmp_path, school):
    run(csv_file(tmp_path, GOOD), "--organization", school.slug)
    code, _out, _ = run(csv_file(tmp_path, GOOD[1:], name="v2.csv"), "--organization", school.slug)
    assert code == 0
    assert Person.objects.filter(email="solo@school.ru").exists()
    assert Person.objects.count() == 3


def test_the_people_list_names_each_persons_registers(client, school, curator):
    from tests.factories import MenteeProfileFactory, MentorProfileFactory, PersonFactory

    both = PersonFactory(organization=school, last_name="Обоева")
    MentorProfileFactory(person=both)
    MenteeProfileFactory(person=both)
    PersonFactory(organization=school, last_name="Безреестрова")
    client.force_login(curator)
    page = client.get(reverse("registry:people")).content.decode()
    row = page.split("Обоева", 1)[1].split("</tr>", 1)[0]
    assert "<td>наставник, наставляемый</td>" in row
    other = page.split("Безреестрова", 1)[1].split("</tr>", 1)[0]
    assert "наставник" not in other and "наставляемый" not in other


def test_a_previewed_upload_never_confirmed_is_deleted_after_a_day(school):
    """#18 item 11: an import file left at its preview holds names and phones; the next upload
    (or anyone's) deletes those older than a day."""
    import datetime as dt
    import os

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from registry.views import drop_stale_uploads

    old = default_storage.save("imports/old.upload", ContentFile(b"names"))
    fresh = default_storage.save("imports/fresh.upload", ContentFile(b"names"))
    two_days_ago = (timezone.now() - dt.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    assert drop_stale_uploads(timezone.now()) == 1
    assert not default_storage.exists(old) and default_storage.exists(fresh)
    default_storage.delete(fresh)


def test_an_import_confirmed_after_the_registry_changed_writes_nothing_and_says_why(
    client, school, curator, django_capture_on_commit_callbacks
):
    """The job checks the file again as the registry is when it runs: two namesakes of a
    row's pupil entered by hand since the preview make the row ambiguous, and the whole file is
    refused."""
    from registry.jobs import CHANGED_SINCE_PREVIEW
    from tests.factories import PersonFactory

    client.force_login(curator)
    upload = io.BytesIO("\n".join([HEADER, *GOOD]).encode("cp1251"))
    upload.name = "people.csv"
    page = client.get(client.post(reverse("registry:people-import"), {"file": upload}).url)
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    for n in range(2):
        PersonFactory(
            organization=school,
            last_name="Иванов",
            first_name="Пётр",
            middle_name="Ильич",
            category=PersonCategory.STUDENT,
            school_class="7А",
            email=f"namesake{n}@example.ru",
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registry:people-import-confirm"), {"token": token})
    job = Job.objects.get(kind="people_import")
    assert job.status == Job.Status.FAILED
    assert str(CHANGED_SINCE_PREVIEW) in client.get(response.url).content.decode()
    assert Person.objects.count() == 2
    assert not default_storage.exists(job.params["path"])


NAMESAKES = [
    "Тёзкин;Пётр;Петрович;м;обучающийся;;;5А;;;",
    "Тёзкин;Пётр;Петрович;м;обучающийся;;;7Б;;;",
]


def test_namesakes_without_email_stay_two_people_through_export_and_reimport(tmp_path, school):
    """#18 item 7: two pupils of one name in 5А and 7Б are two cards; a re-import tells them
    apart by class and changes nothing."""
    assert run(csv_file(tmp_path, NAMESAKES), "--organization", school.slug)[0] == 0
    today = timezone.localdate()
    assert sorted(p.class_on(today) for p in Person.objects.all()) == ["5А", "7Б"]
    code, out, _err = run(csv_file(tmp_path, NAMESAKES[::-1]), "--organization", school.slug)
    assert code == 0 and "без изменений 2 карточки" in out
    assert sorted(p.class_on(today) for p in Person.objects.all()) == ["5А", "7Б"]


def test_namesakes_the_file_cannot_tell_apart_are_reported(tmp_path, school):
    same = [NAMESAKES[0], NAMESAKES[0].replace("Тёзкин", "Тезкин")]
    code, _out, err = run(csv_file(tmp_path, same), "--organization", school.slug)
    assert code == 1 and "Строка 3: «Тезкин Пётр Петрович» уже есть в строке 2" in err
    assert not Person.objects.exists()
    run(csv_file(tmp_path, NAMESAKES), "--organization", school.slug)
    without_class = [NAMESAKES[0].replace("5А", "")]
    code, _out, err = run(csv_file(tmp_path, without_class), "--organization", school.slug)
    assert code == 1
    assert "Строка 2: в реестре несколько человек «Тёзкин Пётр Петрович» без Email" in err


def test_staff_loaded_in_december_can_be_taken_on_from_the_start_of_the_year(
    client, school, curator, the_day_is, django_capture_on_commit_callbacks
):
    """#24: a file of staff loaded on 10.12.2021 without «Дата приёма» made every teacher a
    newcomer of that day. The upload page names the optional columns; the preview says who
    will be taken on when, and one date for all of them is chosen there."""
    from accounts.models import AcademicYear

    the_day_is(datetime.date(2021, 12, 10))
    AcademicYear.objects.get_or_create(start_year=2021, defaults=AcademicYear.standard_dates(2021))
    client.force_login(curator)
    form = client.get(reverse("registry:people-import")).content.decode()
    assert "Необязательные: Дата рождения, Дата приёма, Дата выбытия" in form
    upload = io.BytesIO("\n".join([HEADER, *GOOD]).encode("cp1251"))
    upload.name = "people.csv"
    preview_url = client.post(reverse("registry:people-import"), {"file": upload}).url
    page = visible_text(client.get(preview_url).content.decode())
    assert "на работу 10.12.2021" in page
    assert "С начала учебного года (01.09.2021)" in page
    page = client.get(preview_url + "&joined=2021-09-01").content.decode()
    assert "на работу 01.09.2021" in visible_text(page) and "10.12.2021" not in visible_text(page)
    token = page.split('name="token" value="')[1].split('"')[0]
    assert 'name="joined" value="2021-09-01"' in page
    too_late = client.get(preview_url + "&joined=2021-12-31").content.decode()
    assert "Дата приёма не может быть позже сегодняшней." in too_late
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("registry:people-import-confirm"), {"token": token, "joined": "2021-09-01"}
        )
    assert set(Person.objects.values_list("joined_on", flat=True)) == {datetime.date(2021, 9, 1)}


def test_a_file_that_fails_its_checks_is_answered_at_once_and_never_kept(
    client, school, curator, settings
):
    """#26: an upload with bad rows, or no table at all, is not stored for a preview."""
    from pathlib import Path

    imports = Path(settings.MEDIA_ROOT) / "imports"

    def stored():
        return set(imports.iterdir()) if imports.exists() else set()

    before = stored()
    client.force_login(curator)
    bad = io.BytesIO("\n".join([HEADER, "Иванов;Иван;;x;педагог;;;;;;"]).encode())
    bad.name = "people.csv"
    page = client.post(reverse("registry:people-import"), {"file": bad}).content.decode()
    assert "Строка 2: Пол" in page
    junk = io.BytesIO(b"%PDF-1.7 not a table")
    junk.name = "people.xlsx"
    page = client.post(reverse("registry:people-import"), {"file": junk}).content.decode()
    assert "Это не таблица" in page
    assert stored() == before


def test_a_file_saved_by_libreoffice_with_two_digit_years_loads(school):
    """#26: LibreOffice (and Excel) in a Russian locale save dates with two digits of the year
    and the file in Windows-1251: a birth date's century is the one that gives an age plausible
    for the category, any other date is of this century; only what is truly ambiguous is
    refused, by row."""
    from tests.files import libreoffice_csv

    header = [*HEADER.split(";"), "Дата рождения", "Дата приёма", "Дата выбытия"]
    rows = [
        header,
        ["Петрова", "Анна", "Ивановна", "ж", "педагог", "учитель; классный руководитель",
         "химия", "", "5,5", "", "", "14.03.98", "01.09.21", ""],
        ["Сидоров", "Иван", "", "м", "обучающийся", "", "", "7А", "", "", "", "14.03.15", "", ""],
        ["Гусева", "Ирина", "", "ж", "педагог", "учитель", "", "", "", "", "", "29.02.00", "", ""],
    ]  # fmt: skip
    today = date(2026, 12, 4)
    plan = plan_import(school, read_rows(libreoffice_csv(rows), "люди.csv"), today)
    assert plan.errors == []
    people = {p.last_name: p for p in plan.create}
    assert people["Петрова"].birth_date == date(1998, 3, 14)
    assert people["Петрова"].joined_on == date(2021, 9, 1)
    assert people["Петрова"].position == "учитель; классный руководитель"
    assert people["Сидоров"].birth_date == date(2015, 3, 14)
    assert people["Гусева"].birth_date == date(2000, 2, 29)
    ambiguous = [*rows[:1], ["Старшеклассник", "Олег", "", "м", "обучающийся", "", "", "",
                             "", "", "", "14.03.98", "", ""]]  # fmt: skip
    plan = plan_import(school, read_rows(libreoffice_csv(ambiguous), "люди.csv"), today)
    assert plan.errors == [
        "Строка 2: Дата рождения: «14.03.98» — по двум цифрам года не понять век: напишите "
        "год полностью, например 14.03.1998 или 14.03.2098"
    ]


def test_the_template_loads_back_and_lists_the_closed_columns(client, school, curator):
    client.force_login(curator)
    page = client.get(reverse("registry:people-import")).content.decode()
    assert reverse("registry:import-template") in page and "Скачать шаблон" in page
    response = client.get(reverse("registry:import-template"))
    assert quote("Шаблон загрузки людей.xlsx") in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    from registry.importing import COLUMNS

    assert header == COLUMNS
    assert sheet.cell(2, header.index("Дата рождения") + 1).number_format == "DD.MM.YYYY"
    lists = {
        header[sheet[str(rule.sqref).split(":")[0]].column - 1]: rule.formula1
        for rule in sheet.data_validations.dataValidation
    }
    assert lists == {"Пол": '"м,ж"', "Категория": '"педагог,обучающийся,студент,работодатель"'}
    # the example row is a row the import takes as it is
    plan = plan_import(school, read_rows(response.content, "template.xlsx"), date(2026, 12, 4))
    assert not plan.errors and [p.full_name for p in plan.create] == ["Петрова Анна Ивановна"]
    (petrova,) = plan.create
    assert petrova.birth_date == date(1990, 3, 14) and petrova.joined_on == date(2021, 9, 1)
    assert petrova.category == PersonCategory.TEACHER
