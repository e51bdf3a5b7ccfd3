"""Roadmap items written before deadlines were periods get their period from their roadmap's
academic year when the migration runs."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import AcademicYear

BEFORE = [("mentoring", "0001_initial")]
AFTER = [("mentoring", "0002_roadmap_deadline_periods")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_date_month_and_year_round_items_get_periods():
    old = migrate(BEFORE)
    try:
        municipality = old.get_model("accounts", "Municipality").objects.create(name="Город")
        school = old.get_model("accounts", "Organization").objects.create(
            municipality=municipality, full_name="Школа № 19", short_name="Школа 19", slug="s19"
        )
        year = old.get_model("accounts", "AcademicYear").objects.create(
            start_year=2021, **AcademicYear.standard_dates(2021)
        )
        roadmap = old.get_model("mentoring", "Roadmap").objects.create(
            organization=school, academic_year=year, title="Дорожная карта"
        )
        Item = old.get_model("mentoring", "RoadmapItem")
        for order, (kind, text, extra) in enumerate(
            [
                ("date", "до 15.09.2021", {"deadline_date": datetime.date(2021, 9, 15)}),
                ("month", "ежегодно, сентябрь", {"deadline_month": 9}),
                ("month", "апрель-май", {"deadline_month": 5}),
                ("year_round", "в течение года", {}),
            ],
            start=1,
        ):
            Item.objects.create(
                roadmap=roadmap,
                order=order,
                number=str(order),
                task=text,
                deadline_kind=kind,
                deadline_text=text,
                **extra,
            )

        new = migrate(AFTER)

        rows = new.get_model("mentoring", "RoadmapItem").objects.order_by("order")
        assert [(r.deadline_kind, r.deadline_starts, r.deadline_ends) for r in rows] == [
            ("date", datetime.date(2021, 9, 15), datetime.date(2021, 9, 15)),
            ("recurring", datetime.date(2021, 9, 1), datetime.date(2021, 9, 30)),
            ("month", datetime.date(2022, 4, 1), datetime.date(2022, 5, 31)),
            ("whole", datetime.date(2021, 9, 1), datetime.date(2022, 5, 31)),
        ]
        assert new.get_model("mentoring", "Roadmap").objects.get().years == 1
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
