"""Russian as official papers write it: declined names, dates, numbers.

Names are declined with pytrovich by the person's gender, with two corrections it needs for
surnames: a surname that is also a common noun keeps its fluent vowel (Кузнец → Кузнеца,
not Кузнца; Воробей → Воробея), and a double surname declines part by part.
"""

from __future__ import annotations

import datetime
from enum import Enum
from functools import lru_cache

from pytrovich.enums import Case as PCase
from pytrovich.enums import Gender as PGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from accounts.russian import date_numeric

MONTHS_GENITIVE = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip


class Case(Enum):
    NOMINATIVE = "nominative"  # кто
    GENITIVE = "genitive"  # кого: согласие Сидоровой С.С.
    DATIVE = "dative"  # кому
    ACCUSATIVE = "accusative"  # кого: назначить Петрову Анну Сергеевну
    INSTRUMENTAL = "instrumental"  # кем
    PREPOSITIONAL = "prepositional"  # о ком


_PCASE = {
    Case.GENITIVE: PCase.GENITIVE,
    Case.DATIVE: PCase.DATIVE,
    Case.ACCUSATIVE: PCase.ACCUSATIVE,
    Case.INSTRUMENTAL: PCase.INSTRUMENTAL,
    Case.PREPOSITIONAL: PCase.PREPOSITIONAL,
}


@lru_cache(maxsize=1)
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


def _gender(gender: str) -> PGender:
    return PGender.MALE if gender == "m" else PGender.FEMALE


def _keep_fluent_vowel(nominative: str, declined: str) -> str:
    """Surnames keep the vowel a common noun drops: Кузнец → Кузнеца, Воробей → Воробея."""
    if declined.startswith(nominative[:-1]) or len(nominative) < 3:
        return declined
    lower = nominative.lower()
    if lower.endswith("ец") and declined.startswith(nominative[:-2]):
        return nominative + declined[len(nominative) - 1 :]
    if lower.endswith("ей") and declined.startswith(nominative[:-2] + "ь"):
        return nominative[:-1] + declined[len(nominative) - 1 :]
    return declined


@lru_cache(maxsize=4096)
def _decline(part: NamePart, gender: str, case: Case, value: str) -> str:
    if case is Case.NOMINATIVE or not value:
        return value
    if part is NamePart.LASTNAME and "-" in value:
        return "-".join(_decline(part, gender, case, piece) for piece in value.split("-"))
    declined = _maker().make(part, _gender(gender), _PCASE[case], value)
    if part is NamePart.LASTNAME and gender == "m":
        declined = _keep_fluent_vowel(value, declined)
    return declined


def decline_last(last: str, gender: str, case: Case) -> str:
    return _decline(NamePart.LASTNAME, gender, case, last)


def full_name(last: str, first: str, middle: str, gender: str, case: Case = Case.NOMINATIVE) -> str:
    """«Иванова Ивана Ивановича»: every part declined by the person's gender."""
    parts = [
        _decline(NamePart.LASTNAME, gender, case, last),
        _decline(NamePart.FIRSTNAME, gender, case, first),
        _decline(NamePart.MIDDLENAME, gender, case, middle) if middle else "",
    ]
    return " ".join(p for p in parts if p)


def initials(first: str, middle: str) -> str:
    """«С.С.»: no space between the initials."""
    return "".join(f"{p[0]}." for p in (first, middle) if p)


def short_name(
    last: str, first: str, middle: str, gender: str, case: Case = Case.NOMINATIVE
) -> str:
    """«Сидоровой С.С.»: the surname declined, the initials after it."""
    return f"{decline_last(last, gender, case)} {initials(first, middle)}"


def signature_name(last: str, first: str, middle: str) -> str:
    """«И.И. Иванов»: initials before the surname, as under a signature."""
    return f"{initials(first, middle)} {last}"


def person_name(person, case: Case = Case.NOMINATIVE, *, short: bool = False) -> str:
    """A registry Person or a User (anything with last/first/middle name and gender)."""
    args = (person.last_name, person.first_name, person.middle_name or "", person.gender or "f")
    return short_name(*args, case) if short else full_name(*args, case)


def date_long(day: datetime.date) -> str:
    """«01» сентября 2021 г."""
    return f"«{day.day:02d}» {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def date_short(day: datetime.date) -> str:
    return date_numeric(day)


def number_sign(number: int | str) -> str:
    return f"№ {number}"


def order_citation(signed_on: datetime.date, number: int | str) -> str:
    """«приказ от 01.09.2021 № 144», as a report or a roadmap mark cites an order."""
    return f"приказ от {date_short(signed_on)} {number_sign(number)}"
