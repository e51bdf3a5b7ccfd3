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
    expect(page.get_by_role("alert").first).to_contain_text("добавлено 2")
    page.get_by_label("Предмет").fill("химия")
    page.get_by_label("Молодые специалисты").check()
    page.get_by_role("button", name="Найти").click()
    table = page.get_by_test_id("people")
    expect(table).to_contain_text("Загрузкина Вера Павловна")
    expect(table).not_to_contain_text("Импортов")
