"""#18 faults: the database connection lost in the middle of an import or of a signing leaves
nothing half-written. The loss is simulated where the application meets the database: from
the Nth statement of the operation on, every query fails as a dropped connection does."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, transaction

from documents import services
from documents.models import Document
from mentoring.models import AssignmentStatus
from registry.importing import apply_plan, plan_import, read_rows
from registry.models import Person
from tests.documents.factories import DAY, assignment_order, pair_awaiting_order
from tests.documents.test_package import TERMS, give_every_consent
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@contextmanager
def connection_lost_after(statements: int):
    """Let `statements` statements through, then fail every one as a lost connection."""
    seen = {"count": 0}

    def wrapper(execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen["count"] += 1
            if seen["count"] > statements:
                raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen


HEADER = "Фамилия;Имя;Отчество;Пол;Категория;Должность;Предмет;Класс;Стаж;Email;Телефон"
ROWS = [f"Потеряева{n};Анна;;ж;педагог;учитель;химия;;3;p{n}@school.example;" for n in range(6)]


def test_an_import_cut_off_midway_writes_no_one(school):
    PersonFactory(organization=school, last_name="Потеряева0", email="p0@school.example")
    content = "\n".join([HEADER, *ROWS]).encode()
    before = (Person.objects.count(), Person.history.count())

    def plan():
        return plan_import(school, read_rows(content), DAY)

    # the whole import once, inside a savepoint we roll back, to count its statements
    first = plan()
    total = _statements_of(lambda: apply_plan(first))
    assert total > 3
    for cut in (1, total // 2, total - 1):
        the_plan = plan()
        with pytest.raises(OperationalError), connection_lost_after(cut):
            apply_plan(the_plan)
        assert (Person.objects.count(), Person.history.count()) == before, cut


def test_a_signing_cut_off_midway_signs_nothing_and_takes_no_number(school, curator, director):
    school.director = director
    school.save()
    pair = pair_awaiting_order(school)
    order = assignment_order(school, [pair])
    give_every_consent(order)
    services.package_prepare_agreements(document=order, by=curator, day=DAY, **TERMS)
    services.document_send(document=order, today=DAY)

    def sign():
        services.package_sign(document=order, by=director, today=DAY)

    total = _statements_of(sign)
    for cut in (2, total // 2, total - 1):
        with pytest.raises(OperationalError), connection_lost_after(cut):
            sign()
        assert not Document.objects.filter(status=Document.Status.SIGNED).exists(), cut
        assert not Document.objects.exclude(number=None).exists(), cut
        pair.refresh_from_db()
        assert pair.status != AssignmentStatus.ACTIVE, cut
    sign()  # with the connection back, the same package signs whole
    assert Document.objects.filter(status=Document.Status.SIGNED).count() == 2


def _statements_of(operation) -> int:
    """The statements of `operation` run and then rolled back."""
    from django.db import transaction

    class Undo(Exception):
        pass

    with connection_lost_after(10**9) as seen:
        try:
            with transaction.atomic():
                operation()
                raise Undo
        except Undo:
            pass
    return seen["count"]


def test_a_post_that_loses_the_database_gets_a_russian_page_saying_nothing_was_saved(
    school, curator
):
    """#24: not the generic error page: a 503 saying nothing was saved and to repeat."""
    from django.test import Client
    from django.urls import reverse

    client = Client(raise_request_exception=False)
    client.force_login(curator)
    url = reverse("registry:person-new")
    data = {"last_name": "Потеряева", "first_name": "Анна", "gender": "f", "category": "teacher"}
    # a savepoint stands for the transaction the lost connection would have ended
    with transaction.atomic(), connection_lost_after(4):
        response = client.post(url, {**data, "version": 0})
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Связь с базой данных прервалась" in page and "Ничего не сохранено" in page
    assert not Person.objects.filter(last_name="Потеряева").exists()
    with transaction.atomic(), connection_lost_after(1):
        opened = client.get(reverse("registry:people"))
    assert opened.status_code == 503 and "Обновите её через минуту" in opened.content.decode()
