"""{{ day|date_numeric }}: the one filter pages and papers write a date with, «01.09.2021»."""

from __future__ import annotations

import datetime

from django.template import engines
from django.utils import timezone

DAY = engines["django"].from_string("{{ day|date_numeric }}|{{ day|date:'d.m.Y' }}")


def written(day) -> tuple[str, str]:
    ours, djangos = DAY.render({"day": day}).split("|")
    return ours, djangos


def test_a_day_is_written_as_russian_papers_write_it():
    assert written(datetime.date(2021, 9, 1)) == ("01.09.2021", "01.09.2021")


def test_a_moment_is_written_as_its_local_day_as_djangos_date_filter_does():
    # 20:30 UTC on 31 August is 1 September in Vladivostok (the portal's time zone)
    moment = datetime.datetime(2021, 8, 31, 20, 30, tzinfo=datetime.UTC)
    local = timezone.localtime(moment).date()
    assert local != moment.date()
    ours, djangos = written(moment)
    assert ours == djangos == local.strftime("%d.%m.%Y")


def test_no_date_is_written_as_nothing():
    assert written(None) == ("", "")
    assert written("") == ("", "")
