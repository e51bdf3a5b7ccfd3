"""Data built once for a module instead of once per test.

    @pytest.fixture(scope="module")
    def _school(django_db_setup, django_db_blocker, tmp_path_factory):
        with built_once(django_db_blocker, tmp_path_factory):
            yield build_the_school()

The rows are written in a transaction that is rolled back after the module's last test, as
Django's `TestCase.setUpTestData` does for a class: each test (`db`) runs in a savepoint
inside it, so its own writes roll back and the next test finds the module's data unchanged.
Only for `db` tests: a `transactional_db` test would empty the tables under it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings


@contextmanager
def built_once(django_db_blocker, tmp_path_factory) -> Iterator[None]:
    media = tmp_path_factory.mktemp("module-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield
        transaction.set_rollback(True)
