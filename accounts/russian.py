"""Russian text helpers shared by pages and documents."""

from __future__ import annotations

import datetime


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
