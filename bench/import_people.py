"""Benchmark: importing 5 000 people from .xlsx in at most 10 s.

A generated staff-and-students workbook of 5 000 rows is imported into an empty school (read,
checked, planned, written with history). The baseline, in the same run, is openpyxl alone
reading the same file's rows.
"""

from __future__ import annotations

import io
import sys

from common import Result, best_of, print_table, setup_django

ROWS = 5_000
TARGET_SECONDS = 10.0


def workbook() -> bytes:
    from openpyxl import Workbook

    from registry.importing import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for i in range(ROWS):
        teacher = i % 8 == 0
        sheet.append([
            f"Фамилия{i}", "Анна" if i % 2 else "Пётр", "Ивановна" if i % 2 else "Ильич",
            "ж" if i % 2 else "м", "педагог" if teacher else "обучающийся",
            "учитель" if teacher else "", "математика" if teacher else "",
            "" if teacher else f"{1 + i % 11}А", "5,5" if teacher else "",
            f"t{i}@school.example" if teacher else "", "",
        ])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run() -> list[Result]:
    setup_django()
    from django.utils import timezone
    from openpyxl import load_workbook

    from registry.importing import apply_plan, plan_import, read_rows
    from registry.models import Person
    from tests.factories import OrganizationFactory

    content = workbook()
    school = OrganizationFactory(slug="bench-import")

    def ours():
        Person.history.all().delete()
        Person.objects.filter(organization=school).delete()
        apply_plan(plan_import(school, read_rows(content), timezone.localdate()))

    def bare():
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        for _row in sheet.iter_rows(values_only=True):
            pass

    measured = best_of(ours, repeat=3)
    if Person.objects.filter(organization=school).count() != ROWS:
        raise RuntimeError("the import did not write every row")
    baseline = best_of(bare, repeat=3)
    return [
        Result(
            f"import_people: {ROWS} rows from .xlsx",
            measured,
            TARGET_SECONDS,
            "s",
            f"openpyxl read alone {baseline:.2f} s",
        )
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
