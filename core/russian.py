"""Russian text helpers shared by pages and documents."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal


def plural(n: int, one: str, few: str, many: str) -> str:
    """Choose the word form for `n`: 1 участник, 2 участника, 5 участников."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def date_numeric(day: datetime.date | None) -> str:
    """01.09.2021, as Russian papers and spreadsheets write a date; "" for no date."""
    return "" if day is None else f"{day:%d.%m.%Y}"


def quoted(text: str) -> str:
    """«О внедрении … в МАОУ „СШ № 19“»: text in «ёлочки», the quotes inside it as „лапки“."""
    return "«" + text.replace("«", "„").replace("»", "“") + "»"


def year_range(start_year: int) -> str:
    """«2021–2022»: an academic year, with an en dash."""
    return f"{start_year}–{start_year + 1}"


# Numbers as Russian papers print them: a comma, counts whole, shares with one decimal.


def one_decimal(value) -> str:
    """«4,5»: one decimal with a comma, rounded half up."""
    return str(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",")


def percent(part: int, whole: int) -> str:
    """«0,1»: part of whole in per cent, one decimal (1 of 1288); «0,0» of nothing."""
    return one_decimal(percent_value(part, whole))


def percent_value(part: int, whole: int) -> Decimal:
    """The share as a number (per cent, one decimal, rounded half up): what a spreadsheet
    cell holds where the page prints `percent`."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def number(value, unit: str = "") -> str:
    """A figure as typed: «9» for a count (never «9,00»), «5,5» for a fraction; a value in
    per cent («%») always with one decimal: «75,0»."""
    if value is None:
        return ""
    if unit.strip() == "%":
        return one_decimal(value)
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}".replace(".", ",")
