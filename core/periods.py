"""Calendar arithmetic the dated rules share: academic years and whole years back.

Every rule that depends on time takes its date from the caller; these helpers only count."""

from __future__ import annotations

import calendar
import datetime

# A school plans the coming academic year from August on: the year starting 1 September
# is «current» from 1 August (AcademicYear.objects.current and a pupil's class alike).
ACADEMIC_YEAR_FIRST_MONTH = 8


def academic_year_start(day: datetime.date) -> int:
    """The calendar year the academic year of `day` starts in (2021 for 15.03.2022)."""
    return day.year if day.month >= ACADEMIC_YEAR_FIRST_MONTH else day.year - 1


def academic_year_of(day: datetime.date) -> int:
    """The academic year a day falls in, by its start year: 1 September to 31 August (where a
    roadmap deadline of August belongs; `academic_year_start` is the school's planning view)."""
    return day.year if day >= academic_year_first_day(day.year) else day.year - 1


def academic_year_first_day(start_year: int) -> datetime.date:
    """1 September: the day an academic year starts by law (273-ФЗ, ст. 112 ч. 1 — «учебный
    год начинается 1 сентября»), where the portal has no dates of its own for it."""
    return datetime.date(start_year, 9, 1)


def academic_year_last_day(start_year: int) -> datetime.date:
    """31 August: the last day of the academic year a day belongs to (academic_year_of) —
    the summer's work (June's reports, August's council) is still that year's."""
    return datetime.date(start_year + 1, 8, 31)


def year_halves(
    starts: datetime.date, first_half_ends: datetime.date, ends: datetime.date
) -> tuple[tuple[datetime.date, datetime.date], tuple[datetime.date, datetime.date]]:
    """An academic year cut in two halves that leave no day out: the first to the end of the
    first half, the second from the next day to the year's last — how a roadmap deadline
    («II полугодие») and the semester report's roadmap window read a half."""
    return (starts, first_half_ends), (first_half_ends + datetime.timedelta(days=1), ends)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier; 29 February falls back to the 28th.

    Whoever was born after `years_before(day, 18)` is under 18 on `day` — the same answer as
    counting full years of age (Person.age_on)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: datetime.date, years: int) -> datetime.date:
    return years_before(day, -years)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier, or the month's last day if shorter."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def whole_months(start: datetime.date, end: datetime.date) -> int:
    """Full calendar months from `start` to `end` (0 when `end` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and end != _month_end(end):
        months -= 1
    return max(months, 0)


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
