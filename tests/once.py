"""Data built once for a module instead of once per test.

    @pytest.fixture(scope="module")
    def _school(django_db_setup, django_db_blocker, tmp_path_factory):
        with built_once(django_db_blocker, tmp_path_factory):
            yield build_the_school()

The rows are written in a transaction that is rolled back after the module's last test, as
Django's `TestCase.setUpTestData` does for a class: each test (`db`) runs in a savepoint
inside it, so its own writes roll back and the next test finds the module's data unchanged.
Only for `db` tests: a `transactional_db` test would empty the tables under it.

`seeded_demo()` is the seed_demo data set, seeded once per process: the first call runs the
command (its documents laid out by tests.quick_pdf) and copies every table's rows; each later
one puts the rows back (in a `built_once` transaction, or into the tables a browser test's
flush emptied) instead of seeding again.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@contextmanager
def built_once(django_db_blocker, tmp_path_factory, *, as_test_case=False) -> Iterator[None]:
    """`as_test_case`: the transaction is marked as Django's TestCase marks its own, so that
    what asks whether it runs under a test case (accounts.freshness: a school's figures get a
    new version at once, the commit never coming) answers as it does in any other test."""
    media = tmp_path_factory.mktemp("module-media")
    atomic = transaction.atomic()
    atomic._from_testcase = as_test_case
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), atomic:
        yield
        transaction.set_rollback(True)


Rows = dict[str, tuple[list[str], list[tuple]]]
_demo_rows: Rows = {}
_demo_output: list[str] = []


def seeded_demo() -> str:
    """The demo school in the database now; what `seed_demo` printed when it was seeded."""
    if _demo_rows:
        _put_back(_demo_rows)
        return _demo_output[0]
    from tests.quick_pdf import quick_pdfs

    out = io.StringIO()
    with quick_pdfs():  # no test of the demo reads its documents' layout
        call_command("seed_demo", stdout=out)
    _demo_rows.update(_copy_tables())
    _demo_output.append(out.getvalue())
    return _demo_output[0]


def _copy_tables() -> Rows:
    """Every table's rows, as they are now (the migrations' record aside)."""
    from django.db import connection

    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - our own table names
            found = cursor.fetchall()
            if found:
                if connection.vendor == "sqlite":  # as stored: Django's converters undone
                    found = [tuple(map(_as_stored_in_sqlite, row)) for row in found]
                rows[table] = ([column[0] for column in cursor.description], found)
    return rows


def _as_stored_in_sqlite(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat(" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _put_back(rows: Rows) -> None:
    """The tables' rows as `_copy_tables` took them, in one transaction: foreign keys are
    checked at its commit (Django creates them deferrable on both databases), so the order
    of the tables does not matter. A table filled again since (the five forms, made after a
    flush by the registry's post_migrate receiver) is emptied first. The rows keep their ids,
    so each table's id sequence is set past them (PostgreSQL; SQLite's follows by itself): a
    `flush` or a migration run since (tests/registry, tests/mentoring) restarts them at 1, and
    the next row a page made took an id the demo already had."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    models = apps.get_models(include_auto_created=True)
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, values) in rows.items():
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
            marks = ", ".join(["%s"] * len(columns))
            names = ", ".join(quote(c) for c in columns)
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                values,
            )
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
