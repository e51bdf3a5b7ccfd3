"""Roadmap deadlines («Срок») read as schools write them, as periods of dates.

Reading takes two steps. `parse_deadline(text)` reads the text alone into a `Deadline`; then
`Deadline.period(span)` places it in the roadmap's academic years, because «сентябрь» or
«I полугодие» is a different September or half in each roadmap. The forms understood
(case, spaces, «ё» and the kind of dash do not matter; «\\» and «/» separate years too):

- a date «01.09.2021» or «до 01.10.2021» (that day), a range «01.09.2021-15.09.2021»;
- months «сентябрь», «апрель-май», «с сентября по май»; with a year «апрель-май 2022»;
- a half «I полугодие», «2 полугодие 2022-2023 уч. г.»; a term «1 четверть» … «IV четверть»;
  a quarter «I квартал» … «IV квартал 2022 г.»;
- «ежегодно» with months, a term, a half or a quarter without a year: due in every academic
  year of the roadmap;
- academic years «2021-2022 учебный год», «2022-2024 гг.», «в течение 2022\\24 уч. гг.»;
- the roadmap's whole span: «в течение года», «в теч. уч. года», «постоянно»;
- no deadline: «по мере необходимости», «по запросу».

A text naming several periods («Ежегодно сентябрь (дополнительно по запросу) в течение
учебного года») is due in the first one it names; the rest stays in the typed text.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear
from core.periods import academic_year_first_day, academic_year_last_day, year_halves
from core.russian import date_numeric

BAD_DEADLINE = _(
    "не удалось понять срок «{value}»: укажите дату (01.09.2021), месяцы («апрель-май», "
    "«ежегодно, сентябрь»), полугодие, четверть или квартал («I полугодие», «2 четверть», "
    "«IV квартал 2022 г.»), учебные годы («2022-2024 гг.»), «в течение года» или «по мере "
    "необходимости»"
)
BAD_DATE = _("нет такой даты: «{value}»")
BAD_RANGE = _("срок кончается раньше, чем начинается: «{value}»")

# School terms (четверти) as the whole months they mostly cover in the usual Russian calendar:
# term holidays differ between schools and years, the months do not.
TERMS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}

# The longest run of academic years a text may name («2022-2032 гг.»); more is a typo.
MAX_YEARS = 10


class DeadlineKind(models.TextChoices):
    DATE = "date", _("дата")
    MONTH = "month", _("месяцы")
    RECURRING = "recurring", _("ежегодно")
    HALF = "half", _("полугодие")
    TERM = "term", _("четверть")
    QUARTER = "quarter", _("квартал")
    ACADEMIC_YEARS = "academic_years", _("учебные годы")
    WHOLE = "whole", _("весь срок дорожной карты")
    ON_DEMAND = "on_demand", _("по мере необходимости")


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _shift(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; the last day of a month stays the last (28/29 February)."""
    year = day.year + years
    if day == _month_end(day.year, day.month):
        return _month_end(year, day.month)
    return datetime.date(year, day.month, min(day.day, _month_end(year, day.month).day))


@dataclass(frozen=True)
class Period:
    starts: datetime.date
    ends: datetime.date

    def intersects(self, starts: datetime.date, ends: datetime.date) -> bool:
        return self.starts <= ends and starts <= self.ends

    def shifted(self, years: int) -> Period:
        return Period(_shift(self.starts, years), _shift(self.ends, years))

    def __str__(self) -> str:
        if self.starts == self.ends:
            return date_numeric(self.starts)
        return f"{date_numeric(self.starts)} – {date_numeric(self.ends)}"


class Calendar:
    """Academic years as a roadmap deadline reads them, one rule with or without the year's
    AcademicYear row: from its first day (the row's, else 1 September) to 31 August
    (core.periods.academic_year_last_day); its halves leave no day out — the first to the
    end of the first half (the row's, else 31 December), the second from the next day to
    31 August (core.periods.year_halves). A row with the standard dates reads exactly as
    no row."""

    def __init__(self, years: Iterable[AcademicYear] = ()):
        self._rows = {year.start_year: year for year in years}

    @classmethod
    def load(cls) -> Calendar:
        return cls(AcademicYear.objects.all())

    def year(self, start_year: int) -> Period:
        row = self._rows.get(start_year)
        starts = row.starts_on if row is not None else academic_year_first_day(start_year)
        return Period(starts, academic_year_last_day(start_year))

    def half(self, start_year: int, half: int) -> Period:
        row = self._rows.get(start_year)
        first_half_ends = (
            row.first_half_ends
            if row is not None
            else AcademicYear.standard_dates(start_year)["first_half_ends"]
        )
        year = self.year(start_year)
        return Period(*year_halves(year.starts, first_half_ends, year.ends)[half - 1])


@dataclass(frozen=True)
class Span:
    """A roadmap's academic years, `first` to `last` (start years), and their dates."""

    first: int
    last: int
    calendar: Calendar = field(default_factory=Calendar)

    @property
    def period(self) -> Period:
        return Period(self.calendar.year(self.first).starts, self.calendar.year(self.last).ends)


@dataclass(frozen=True)
class Part:
    """A part of any academic year: months `first`–`last`, or half, term or quarter `first`."""

    unit: str
    first: int
    last: int

    def in_year(self, start_year: int, calendar: Calendar) -> Period:
        if self.unit == DeadlineKind.HALF:
            return calendar.half(start_year, self.first)
        first, last = self.first, self.last
        if self.unit == DeadlineKind.TERM:
            first, last = TERMS[self.first]
        elif self.unit == DeadlineKind.QUARTER:
            first, last = 3 * self.first - 2, 3 * self.first
        starts = datetime.date(start_year if first >= 9 else start_year + 1, first, 1)
        return Period(starts, _month_end(starts.year + (last < first), last))


@dataclass(frozen=True)
class Deadline:
    """A deadline as read from its text, before it is placed in a roadmap."""

    kind: str
    text: str
    dates: Period | None = None  # the text names its own dates
    part: Part | None = None  # or a part of an academic year:
    year: int | None = None  # of this one, else of the roadmap's first (every one, if recurring)
    years: tuple[int, int] | None = None  # academic years, first and last start years

    def period(self, span: Span) -> Period | None:
        """Its period in the roadmap (a recurring item's first occurrence); None: no deadline."""
        if self.kind == DeadlineKind.ON_DEMAND:
            return None
        if self.kind == DeadlineKind.WHOLE:
            return span.period
        if self.dates is not None:
            return self.dates
        if self.years is not None:
            first, last = self.years
            return Period(span.calendar.year(first).starts, span.calendar.year(last).ends)
        return self.part.in_year(span.first if self.year is None else self.year, span.calendar)


# --- reading the text ---------------------------------------------------------------------

_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)"
_RANGE = r"(?:\s*-\s*|\s+(?:по|до)\s+)"
_MONTH = (
    r"(?<![а-я])(?:(?:январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)"
    r"[а-я]*|ма[йяе](?![а-я]))"
)
# A year after a period: a calendar year «2022 г.» or academic years «2022-2023 уч. г.».
_TAIL = (
    r"(?P<tail>\d{4}(?:-(?:\d{4}|\d{2}))?)(?!\d|\.\d)"
    r"(?:\s*(?:учебн[а-я]*\s*год[а-я]*|уч\.?\s*г(?:г|од[а-я]*)?\.?|г(?:г|од[а-я]*)?\.?))?"
)
_NUMBER = (
    r"(?<![\w.])(?P<number>iv|iii|ii|i|[1-4]|перв|втор|трет|четверт)"
    r"(?:-?(?:ое|ая|ый|ий|ой|ья|ье|я|е|й))?"
)

DATE_RE = re.compile(rf"(?<![\d.]){_DATE}(?:{_RANGE}{_DATE})?")
MONTHS_RE = re.compile(
    rf"(?P<m1>{_MONTH})(?:\s*(?P<y1>\d{{4}})(?!\d|\.\d|-\d)(?:\s*г(?:од[а-я]*)?\.?)?)?"
    rf"(?:{_RANGE}(?P<m2>{_MONTH}))?(?:\s*{_TAIL})?"
)
PART_RE = re.compile(rf"{_NUMBER}\s*(?P<unit>полугоди|четверт|квартал)[а-я]*(?:\s*{_TAIL})?")
YEARS_RE = re.compile(rf"(?<![\d.]){_TAIL}")
WHOLE_RE = re.compile(
    r"(?<![а-я])(?:в\s*теч(?:ени[ея]|\.)?\s*(?:всего\s*)?(?:(?:учебного|уч\.?)\s*)?"
    r"(?:года|г\.|периода|срока)|постоянно|круглый\s*год|весь\s*(?:учебный\s*)?(?:год|период)"
    r"|ежемесячно|еженедельно|ежеквартально|регулярно|систематически)"
)
ON_DEMAND_RE = re.compile(
    r"(?<![а-я])(?:по\s*мере\s*(?:необходимости|потребности)"
    r"|по\s*(?:необходимости|потребности|запрос[а-я]*)|при\s*необходимости)"
)
RECURRING_RE = re.compile(r"ежегодн|каждый\s*год")

MONTH_STEMS = [
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
]
NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "перв": 1, "втор": 2, "трет": 3, "четверт": 4}
UNITS = {
    "полугоди": DeadlineKind.HALF,
    "четверт": DeadlineKind.TERM,
    "квартал": DeadlineKind.QUARTER,
}


def normalize(text: str) -> str:
    """Lower case, «е» for «ё», one kind of dash without spaces round it, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е").replace("і", "i")
    text = re.sub(r"[\u2010-\u2015\u2212\\/]", "-", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.split())


def _month(word: str) -> int:
    return next(month for stem, month in MONTH_STEMS if word.startswith(stem))


def _tail(value: str | None, text: str) -> tuple[int, int] | int | None:
    """A tail's academic years (first and last start years), its calendar year, or None;
    ValueError when it is no run of academic years («2022-2021»)."""
    if value is None:
        return None
    if "-" not in value:
        return int(value)
    first, last = value.split("-")
    y1 = int(first)
    y2 = int(last) if len(last) == 4 else y1 // 100 * 100 + int(last)
    if not y1 < y2 <= y1 + MAX_YEARS:
        raise ValueError(BAD_DEADLINE.format(value=text))
    return y1, y2 - 1


def _date(day: str, month: str, year: str) -> datetime.date:
    return datetime.date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))


def _read_date(match: re.Match, text: str) -> Deadline:
    try:
        starts = _date(*match.groups()[:3])
        ends = _date(*match.groups()[3:]) if match.group(4) else starts
    except ValueError as exc:
        raise ValueError(BAD_DATE.format(value=text)) from exc
    if ends < starts:
        raise ValueError(BAD_RANGE.format(value=text))
    return Deadline(DeadlineKind.DATE, text, dates=Period(starts, ends))


def _read_months(match: re.Match, text: str) -> Deadline:
    first = _month(match["m1"])
    last = _month(match["m2"]) if match["m2"] else first
    months = Part(DeadlineKind.MONTH, first, last)
    tail = _tail(match["tail"], text)
    if isinstance(tail, tuple):
        return Deadline(DeadlineKind.MONTH, text, part=months, year=tail[0])
    start_year = int(match["y1"]) if match["y1"] else None
    end_year = tail
    if start_year is None and end_year is None:
        return Deadline(DeadlineKind.MONTH, text, part=months)
    if start_year is None:
        start_year = end_year - (first > last)
    elif end_year is None:
        end_year = start_year + (last < first)
    period = Period(datetime.date(start_year, first, 1), _month_end(end_year, last))
    if period.ends < period.starts:
        raise ValueError(BAD_RANGE.format(value=text))
    return Deadline(DeadlineKind.MONTH, text, dates=period)


def _read_part(match: re.Match, text: str) -> Deadline | None:
    number = match["number"]
    number = int(number) if number.isdigit() else NUMBERS[number]
    kind = UNITS[match["unit"]]
    if kind == DeadlineKind.HALF and number > 2:
        return None
    part = Part(kind, number, number)
    tail = _tail(match["tail"], text)
    if tail is None:
        return Deadline(kind, text, part=part)
    if isinstance(tail, tuple):
        return Deadline(kind, text, part=part, year=tail[0])
    if kind == DeadlineKind.QUARTER:
        starts = datetime.date(tail, 3 * number - 2, 1)
        return Deadline(kind, text, dates=Period(starts, _month_end(tail, 3 * number)))
    # A calendar year names the academic year the half or term falls in that year.
    autumn = number == 1 if kind == DeadlineKind.HALF else number <= 2
    return Deadline(kind, text, part=part, year=tail if autumn else tail - 1)


def _read_years(match: re.Match, text: str) -> Deadline | None:
    tail = _tail(match["tail"], text)
    if not isinstance(tail, tuple):
        return None
    return Deadline(DeadlineKind.ACADEMIC_YEARS, text, years=tail)


READERS: list[tuple[re.Pattern, Callable[[re.Match, str], Deadline | None]]] = [
    (DATE_RE, _read_date),
    (MONTHS_RE, _read_months),
    (PART_RE, _read_part),
    (YEARS_RE, _read_years),
    (WHOLE_RE, lambda match, text: Deadline(DeadlineKind.WHOLE, text)),
    (ON_DEMAND_RE, lambda match, text: Deadline(DeadlineKind.ON_DEMAND, text)),
]


def _first_reading(lower: str, text: str) -> Deadline | None:
    """The deadline the text names first (the longest reading where two start together)."""
    found: list[tuple[int, int, Deadline | ValueError]] = []
    for pattern, read in READERS:
        for match in pattern.finditer(lower):
            try:
                deadline = read(match, text)
            except ValueError as exc:
                deadline = exc
            if deadline is not None:
                found.append((match.start(), -len(match[0]), deadline))
                break
    if not found:
        return None
    reading = min(found, key=lambda f: f[:2])[2]
    if isinstance(reading, ValueError):
        raise reading
    return reading


def parse_deadline(value: str) -> Deadline:
    """The deadline a «Срок» text names; ValueError with the row message when it names none."""
    text = " ".join(value.split())
    lower = normalize(text)
    deadline = _first_reading(lower, text)
    if deadline is None:
        raise ValueError(BAD_DEADLINE.format(value=text))
    if deadline.part is not None and deadline.year is None and RECURRING_RE.search(lower):
        return Deadline(DeadlineKind.RECURRING, text, part=deadline.part)
    return deadline


def parse_years(value: str) -> tuple[int, int]:
    """Academic years as the `--years` option takes them («2022-2024»): first and last start
    years; ValueError for anything else."""
    match = YEARS_RE.fullmatch(normalize(value))
    tail = _tail(match["tail"], value) if match else None
    if not isinstance(tail, tuple):
        raise ValueError(value)
    return tail
