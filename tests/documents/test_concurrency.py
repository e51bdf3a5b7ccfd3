"""Signing under concurrency (PostgreSQL): never two orders with one number, nor one order
with two numbers."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from documents import services
from documents.models import Document
from tests.documents.factories import DAY, introduction

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def run_together(jobs) -> list:
    """Start the jobs at one barrier, each in its own thread and database connection."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_different_orders_signed_at_once_get_consecutive_numbers(school, director):
    orders = [introduction(school) for _ in range(6)]
    for order in orders:
        services.document_send(document=order, today=DAY)
    results = run_together(
        [lambda o=o: services.document_sign(document=o, by=director, today=DAY) for o in orders]
    )
    assert all(isinstance(r, Document) for r in results), results
    numbers = sorted(
        Document.objects.filter(pk__in=[o.pk for o in orders]).values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_one_order_signed_twice_at_once_gets_one_number(school, director):
    order = introduction(school)
    services.document_send(document=order, today=DAY)
    results = run_together(
        [lambda: services.document_sign(document=order, by=director, today=DAY)] * 2
    )
    signed = [r for r in results if isinstance(r, Document)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(signed) == 1 and len(refused) == 1, results
    order.refresh_from_db()
    assert order.number == 1
    assert Document.objects.filter(number__isnull=False).count() == 1


def test_the_package_consents_posted_twice_at_once_are_entered_once(
    transactional_db, school, director
):
    """#24: «Внести отмеченные согласия» sent twice at once entered every consent twice."""
    from registry.models import Consent
    from tests.documents.factories import assignment_order, pair_awaiting_order

    order = assignment_order(school, [pair_awaiting_order(school)])
    package = services.order_package(order, DAY)
    received = [
        (row.person.pk, cell.kind, "Петрова Ольга Ивановна", "мать")
        for row in package.rows
        for cell in row.missing_consents
    ]
    assert received

    def post():
        return services.package_record_consents(
            document=order, received=received, given_on=DAY, today=DAY
        )

    results = run_together([post, post])
    assert not [
        r for r in results if isinstance(r, Exception) and not isinstance(r, ValidationError)
    ]
    entered = Consent.objects.filter(person_id__in={pk for pk, *_ in received})
    assert entered.count() == len(received)
    assert not services.order_package(order, DAY).missing_consents
