"""Roadmap deadlines («Срок») read as schools write them: each form and the period it names, and
when an item is overdue."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import AcademicYear
from mentoring.deadlines import BAD_DEADLINE, Calendar, Period, Span, parse_deadline, parse_years
from mentoring.models import MarkStatus, Roadmap, RoadmapItem

d = datetime.date

# A roadmap «на 2022-2024 гг.» (academic years 2022-2023 and 2023-2024) in a portal without
# those years: they run 1 September – 31 August, halves to 31 December and from 1 January.
SPAN = Span(2022, 2023)
# The same roadmap where the portal has the years, on the usual calendar (teaching to 31 May).
ROWS = [AcademicYear(start_year=y, **AcademicYear.standard_dates(y)) for y in (2022, 2023)]
SPAN_WITH_ROWS = Span(2022, 2023, Calendar(ROWS))
# A school whose first half ends on 28 December and whose year starts on 2 September.
OWN_ROWS = [
    AcademicYear(
        start_year=y,
        **{
            **AcademicYear.standard_dates(y),
            "first_half_starts": d(y, 9, 2),
            "first_half_ends": d(y, 12, 28),
        },
    )
    for y in (2022, 2023)
]
SPAN_WITH_OWN_ROWS = Span(2022, 2023, Calendar(OWN_ROWS))

FORMS = [
    # a date, a range, «до»
    ("01.09.2021", "date", d(2021, 9, 1), d(2021, 9, 1)),
    ("до 01.10.2021", "date", d(2021, 10, 1), d(2021, 10, 1)),
    ("01.09.2021-15.09.2021", "date", d(2021, 9, 1), d(2021, 9, 15)),
    ("с 01.09.2021 по 15.09.2021", "date", d(2021, 9, 1), d(2021, 9, 15)),
    # months, in the roadmap's first academic year unless a year is named
    ("сентябрь", "month", d(2022, 9, 1), d(2022, 9, 30)),
    ("апрель-май", "month", d(2023, 4, 1), d(2023, 5, 31)),
    ("с сентября по май", "month", d(2022, 9, 1), d(2023, 5, 31)),
    ("апрель-май 2022", "month", d(2022, 4, 1), d(2022, 5, 31)),
    ("сентябрь 2022 г.", "month", d(2022, 9, 1), d(2022, 9, 30)),
    ("декабрь 2022 - январь 2023", "month", d(2022, 12, 1), d(2023, 1, 31)),
    ("май 2023-2024 уч. г.", "month", d(2024, 5, 1), d(2024, 5, 31)),
    # recurring: the first occurrence is stored, one more in every later year
    ("ежегодно, сентябрь", "recurring", d(2022, 9, 1), d(2022, 9, 30)),
    ("ежегодно апрель-май", "recurring", d(2023, 4, 1), d(2023, 5, 31)),
    ("ежегодно в сентябре", "recurring", d(2022, 9, 1), d(2022, 9, 30)),
    # halves
    ("I полугодие", "half", d(2022, 9, 1), d(2022, 12, 31)),
    ("II полугодие", "half", d(2023, 1, 1), d(2023, 8, 31)),
    ("1 полугодие", "half", d(2022, 9, 1), d(2022, 12, 31)),
    ("2 полугодие", "half", d(2023, 1, 1), d(2023, 8, 31)),
    ("I полугодие 2023-2024 уч. г.", "half", d(2023, 9, 1), d(2023, 12, 31)),
    ("II полугодие 2024 г.", "half", d(2024, 1, 1), d(2024, 8, 31)),
    # terms
    ("1 четверть", "term", d(2022, 9, 1), d(2022, 10, 31)),
    ("2 четверть", "term", d(2022, 11, 1), d(2022, 12, 31)),
    ("III четверть", "term", d(2023, 1, 1), d(2023, 3, 31)),
    ("4 четверть", "term", d(2023, 4, 1), d(2023, 5, 31)),
    ("IV четверть", "term", d(2023, 4, 1), d(2023, 5, 31)),
    # quarters: calendar quarters; without a year, the one inside the first academic year
    ("I квартал", "quarter", d(2023, 1, 1), d(2023, 3, 31)),
    ("IV квартал", "quarter", d(2022, 10, 1), d(2022, 12, 31)),
    ("IV квартал 2022 г.", "quarter", d(2022, 10, 1), d(2022, 12, 31)),
    ("II квартал 2024 года", "quarter", d(2024, 4, 1), d(2024, 6, 30)),
    # academic years
    ("2021-2022 учебный год", "academic_years", d(2021, 9, 1), d(2022, 8, 31)),
    ("2021–2022 уч. г.", "academic_years", d(2021, 9, 1), d(2022, 8, 31)),
    ("2022-2024 гг.", "academic_years", d(2022, 9, 1), d(2024, 8, 31)),
    ("в течение 2022\\24 уч. гг.", "academic_years", d(2022, 9, 1), d(2024, 8, 31)),
    ("2022-2023 уч.год", "academic_years", d(2022, 9, 1), d(2023, 8, 31)),
    # the roadmap's whole span
    ("в течение года", "whole", d(2022, 9, 1), d(2024, 8, 31)),
    ("в течение учебного года", "whole", d(2022, 9, 1), d(2024, 8, 31)),
    ("в теч. уч. года", "whole", d(2022, 9, 1), d(2024, 8, 31)),
    ("постоянно", "whole", d(2022, 9, 1), d(2024, 8, 31)),
    ("в течение всего периода", "whole", d(2022, 9, 1), d(2024, 8, 31)),
]


@pytest.mark.parametrize(("text", "kind", "starts", "ends"), FORMS)
def test_each_form_names_its_period(text, kind, starts, ends):
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.text) == (kind, text)
    assert deadline.period(SPAN) == Period(starts, ends)


@pytest.mark.parametrize("text", ["по мере необходимости", "по запросу", "по необходимости"])
def test_on_demand_has_no_period(text):
    deadline = parse_deadline(text)
    assert deadline.kind == "on_demand" and deadline.period(SPAN) is None


@pytest.mark.parametrize(("text", "kind", "starts", "ends"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_reads_the_same_with_the_years_rows_on_the_usual_calendar(
    text, kind, starts, ends
):
    """#27: one rule for the academic year — a row with the usual dates changes nothing (it
    once ended «в течение учебного года» on 31 May and «II полугодие» began on 9 January)."""
    assert parse_deadline(text).period(SPAN_WITH_ROWS) == parse_deadline(text).period(SPAN)


@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        ("I полугодие", d(2022, 9, 2), d(2022, 12, 28)),
        ("II полугодие", d(2022, 12, 29), d(2023, 8, 31)),
        ("2 полугодие 2023-2024 уч. г.", d(2023, 12, 29), d(2024, 8, 31)),
        ("2022-2024 гг.", d(2022, 9, 2), d(2024, 8, 31)),
        ("в течение года", d(2022, 9, 2), d(2024, 8, 31)),
        ("2 четверть", d(2022, 11, 1), d(2022, 12, 31)),
    ],
)
def test_halves_and_years_follow_the_schools_own_dates(text, starts, ends):
    """The school's first day and the end of its first half move the year and the halves;
    the halves still leave no day out, and the year still ends on 31 August."""
    assert parse_deadline(text).period(SPAN_WITH_OWN_ROWS) == Period(starts, ends)


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("  АПРЕЛЬ – МАЙ  2022 г. ", "апрель-май 2022"),
        ("Апрель-май 2022.", "апрель-май 2022"),
        ("Ежегодно—сентябрь", "ежегодно, сентябрь"),
        ("2021 — 2022 уч. г.", "2021-2022 учебный год"),
        ("2021/2022 учебный год", "2021-2022 учебный год"),
        ("В ТЕЧЕНИЕ ВСЕГО УЧЕБНОГО ГОДА", "в течение года"),
        ("четвёртая четверть", "4 четверть"),
        ("первое полугодие", "I полугодие"),
        ("1-е полугодие", "I полугодие"),
        ("01.09.2021 — 15.09.2021", "01.09.2021-15.09.2021"),
    ],
)
def test_case_spaces_dashes_and_yo_do_not_matter(text, same_as):
    assert parse_deadline(text).period(SPAN) == parse_deadline(same_as).period(SPAN)


def test_the_first_period_named_is_the_deadline():
    deadline = parse_deadline(
        "Ежегодно сентябрь (дополнительно по запросу) в течение учебного года"
    )
    assert deadline.kind == "recurring"
    assert deadline.period(SPAN) == Period(d(2022, 9, 1), d(2022, 9, 30))


@pytest.mark.parametrize("text", ["когда-нибудь", "потом", "ежегодно", "2022 г.", "2024-2022 гг."])
def test_a_text_naming_no_period_is_refused_with_the_forms(text):
    with pytest.raises(ValueError, match="не удалось понять срок") as error:
        parse_deadline(text)
    assert str(error.value) == BAD_DEADLINE.format(value=text)
    assert "«I полугодие»" in str(error.value) and "«по мере необходимости»" in str(error.value)


def test_an_impossible_date_or_range_is_refused():
    with pytest.raises(ValueError, match=r"нет такой даты: «31\.02\.2022»"):
        parse_deadline("31.02.2022")
    with pytest.raises(ValueError, match="кончается раньше, чем начинается"):
        parse_deadline("15.09.2021-01.09.2021")


def test_years_option():
    assert parse_years("2022-2024") == (2022, 2023)
    assert parse_years("2021-2022") == (2021, 2021)
    for bad in ("2024-2022", "2022", "два года"):
        with pytest.raises(ValueError):
            parse_years(bad)


# --- overdue --------------------------------------------------------------------------------


def item(text: str, span: Span = SPAN_WITH_ROWS, **fields) -> RoadmapItem:
    """An unsaved item of a roadmap over the span, due as `text` says."""
    year = next((r for r in ROWS if r.start_year == span.first), None) or AcademicYear(
        start_year=span.first, **AcademicYear.standard_dates(span.first)
    )
    roadmap = Roadmap(academic_year=year, years=span.last - span.first + 1)
    deadline = parse_deadline(text)
    period = deadline.period(span)
    return RoadmapItem(
        roadmap=roadmap,
        deadline_kind=deadline.kind,
        deadline_text=text,
        deadline_starts=period and period.starts,
        deadline_ends=period and period.ends,
        **fields,
    )


def test_an_item_due_in_a_half_is_overdue_from_the_day_after_it():
    first_half = item("I полугодие")
    assert not first_half.is_overdue(d(2022, 12, 31))
    assert first_half.is_overdue(d(2023, 1, 1))
    second_half = item("II полугодие")
    assert not second_half.is_overdue(d(2023, 8, 31))
    assert second_half.is_overdue(d(2023, 9, 1))


def test_on_demand_is_never_overdue():
    on_demand = item("по мере необходимости")
    assert on_demand.period_on(d(2023, 1, 1)) is None
    assert not any(on_demand.is_overdue(d(year, 1, 1)) for year in range(2020, 2040))


def test_a_done_item_is_not_overdue():
    assert not item("01.09.2022", mark_status=MarkStatus.DONE).is_overdue(d(2030, 1, 1))
    assert item("01.09.2022").is_overdue(d(2022, 9, 2))


def test_a_recurring_item_is_due_once_in_each_year_of_the_roadmap():
    september = item("ежегодно, сентябрь")
    assert september.period_in(2022) == Period(d(2022, 9, 1), d(2022, 9, 30))
    assert september.period_in(2023) == Period(d(2023, 9, 1), d(2023, 9, 30))
    assert september.period_in(2030) == september.period_in(2023)  # after the roadmap: its last
    assert not september.is_overdue(d(2022, 9, 30))
    assert september.is_overdue(d(2022, 10, 1))
    # In the second year only that year's occurrence counts: due again until 30 September.
    assert not september.is_overdue(d(2023, 9, 15))
    assert september.is_overdue(d(2023, 10, 1))
    september.mark_status = MarkStatus.DONE
    assert not september.is_overdue(d(2023, 10, 1))


RECURRING = [
    "ежегодно, февраль",
    "ежегодно, декабрь-февраль",
    "ежегодно апрель-май",
    "ежегодно, 3 четверть",
    "ежегодно, IV квартал",
    "ежегодно в августе",
]


@given(
    text=st.sampled_from(RECURRING),
    first=st.integers(min_value=2000, max_value=2090),
    later=st.integers(min_value=0, max_value=5),
)
def test_each_years_occurrence_is_the_deadline_read_in_that_year(text, first, later):
    """The item stores its first occurrence; shifting it gives what the text means in a later
    year (29 February included)."""
    recurring = item(text, Span(first, first + 5, Calendar()))
    expected = parse_deadline(text).period(Span(first + later, first + later, Calendar()))
    assert recurring.period_in(first + later) == expected
    assert expected.starts <= expected.ends
