"""#24: people imports of one school at once (two curators, a worker and the command) run one
at a time under the school's lock, and match again under it: nobody is created twice."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from registry.importing import import_people_locked, read_rows
from registry.models import Person
from tests.documents.test_concurrency import run_together

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

HEADER = "Фамилия;Имя;Отчество;Пол;Категория;Должность;Предмет;Класс;Стаж;Email;Телефон"
# matched by name (no e-mail): the case that left 50 duplicates from 10 imports at once
ROWS = [f"Одновременная{n};Анна;Петровна;ж;педагог;учитель;химия;;3;;" for n in range(5)]


def test_imports_of_one_school_at_once_create_each_person_once(transactional_db, school):
    content = "\n".join([HEADER, *ROWS]).encode()
    day = datetime.date(2021, 9, 1)

    def load():
        return import_people_locked(school, read_rows(content, "люди.csv"), day)

    results = run_together([load] * 6)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Person.objects.filter(last_name__startswith="Одновременная").count() == len(ROWS)
    assert sum(len(plan.create) for plan in results) == len(ROWS)
