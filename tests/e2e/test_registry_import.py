"""The curator uploads the staff list, sees the preview, confirms, and finds the people."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login

CSV = (
    "Фамилия;Имя;Отчество;Пол;Категория;Должность;Предмет;Класс;Стаж;Email;Телефон\n"
    "Загрузкина;Вера;Павловна;ж;педагог;учитель;химия;;1,5;zagruzkina@school19.example;\n"
    "Импортов;Глеб;Ильич;м;педагог;учитель;химия;;20;;\n"
)


def test_curator_imports_people_from_excel(page, demo, tmp_path):
    path = tmp_path / "Сотрудники.csv"
    path.write_bytes(CSV.encode("cp1251"))
    login(page, "curator")
    page.get_by_role("link", name="Люди").click()
    page.get_by_role("link", name="Загрузить из Excel").click()
    page.get_by_label("Файл .xlsx или .csv").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    preview = page.get_by_test_id("import-preview")
    expect(preview).to_contain_text("добавлено: 2")
    expect(preview).to_contain_text("Загрузкина Вера Павловна")
    page.get_by_role("button", name="Загрузить").click()
    # the import runs as a background job: its page says what it did and offers the protocol
    expect(page.get_by_test_id("job-summary")).to_contain_text(
        "добавлено 2 человека, обновлено 0 карточек"
    )
    expect(page.get_by_test_id("job-download")).to_contain_text("Протокол загрузки людей.xlsx")
    page.get_by_role("link", name="К списку людей").click()
    page.get_by_label("Предмет").fill("химия")
    page.get_by_label("Молодые специалисты").check()
    page.get_by_role("button", name="Найти").click()
    table = page.get_by_test_id("people")
    expect(table).to_contain_text("Загрузкина Вера Павловна")
    expect(table).not_to_contain_text("Импортов")


def test_curator_completes_the_mentor_registry(page, demo):
    import datetime

    from accounts.models import Organization
    from demo.accounts import MAIN_SLUG
    from registry.models import Person

    Person.objects.create(
        organization=Organization.objects.get(slug=MAIN_SLUG),
        last_name="Реестрова",
        first_name="Нина",
        middle_name="Олеговна",
        gender="f",
        category="teacher",
        position="учитель",
        subject="биология",
        experience_since=datetime.date(2008, 9, 1),
    )
    login(page, "curator")
    page.get_by_role("link", name="Люди").click()
    page.get_by_label("Поиск по ФИО").fill("Реестрова")
    page.get_by_role("button", name="Найти").click()
    page.get_by_role("link", name="Реестрова Нина Олеговна").click()
    page.get_by_role("link", name="Внести в базу наставников").click()
    page.get_by_label("учитель – учитель").check()
    page.get_by_label("Наставляемых не более").fill("3")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_test_id("mentor-status")).to_have_text("кандидат")
    page.get_by_role("button", name="Утвердить наставником").click()
    expect(page.get_by_test_id("mentor-status")).to_have_text("утверждён")
    page.get_by_text("Внести обучение").click()
    page.get_by_label("Курс").fill("Наставничество: технологии и практики")
    page.get_by_label("Организация, проводившая обучение").fill("ИРО")
    page.get_by_label("Часов").fill("36")
    page.get_by_label("Дата окончания").fill("2021-05-20")
    page.get_by_role("button", name="Внести").first.click()
    expect(page.get_by_test_id("trainings")).to_contain_text("Наставничество: технологии")
    page.get_by_role("link", name="Люди").first.click()
    page.get_by_test_id("registry-tabs").get_by_role("link", name="База наставников").click()
    page.get_by_label("Поиск по ФИО").fill("Реестрова")
    page.get_by_role("button", name="Найти").click()
    row = page.get_by_test_id("mentors").get_by_role("row", name="Реестрова")
    expect(row).to_contain_text("0 из 3")
    expect(row).to_contain_text("утверждён")
    expect(row).to_contain_text("Наставничество: технологии и практики, 2021")
