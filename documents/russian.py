"""Russian as official papers write it: dates, numbers, citations, sums in words; names and
titles declined (core.declension, shared with the pages, imported here for the papers)."""

from __future__ import annotations

import datetime

from core.declension import (  # noqa: F401 - the papers' names for them
    Case,
    decline_last,
    decline_position,
    full_name,
    initials,
    name_gender,
    person_name,
    position_and_name,
    short_name,
    signature_name,
    signature_name_in,
    typed_name_gender,
    typed_name_in,
    typed_signature_name,
)
from core.russian import date_numeric

MONTHS_GENITIVE = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip


BLANK_DATE = "«__» __________ 20__ г."


def date_long(day: datetime.date) -> str:
    """«01» сентября 2021 г."""
    return f"«{day.day:02d}» {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def contract_citation(signed_on: datetime.date | None, number: str) -> str:
    """«от «01» сентября 2005 г. № 47»: an employment contract, with blanks to fill by hand
    for what is not known."""
    return f"от {date_long(signed_on) if signed_on else BLANK_DATE} № {number or '_____'}"


def date_short(day: datetime.date) -> str:
    return date_numeric(day)


def number_sign(number: int | str) -> str:
    return f"№ {number}"


_ORDER = {Case.NOMINATIVE: "приказ", Case.GENITIVE: "приказа", Case.INSTRUMENTAL: "приказом"}


def order_citation(
    signed_on: datetime.date, number: int | str, case: Case = Case.NOMINATIVE, *, long=False
) -> str:
    """«приказ от 01.09.2021 № 144», as a report or a roadmap mark cites an order («на
    основании приказа от …», «утверждённым приказом от …» in the other cases); `long`:
    «приказ от «01» сентября 2021 г. № 144», as a paper whose other dates are long cites it
    (one date style within a sentence)."""
    date = date_long(signed_on) if long else date_short(signed_on)
    return f"{_ORDER[case]} от {date} {number_sign(number)}"


def citation_in(citation: str, case: Case) -> str:
    """An order_citation text («приказ от … «…»») put in another case."""
    word = _ORDER[Case.NOMINATIVE]
    return _ORDER[case] + citation[len(word) :] if citation.startswith(word + " ") else citation


def rubles(amount) -> str:
    """«3 000 (три тысячи) рублей 00 копеек»: a sum in figures and in words, as contracts
    write it."""
    from decimal import ROUND_HALF_UP, Decimal

    from num2words import num2words

    from core.russian import plural

    value = Decimal(str(amount).replace(" ", "").replace(",", ".")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    whole, kopecks = int(value), int((value - int(value)) * 100)
    figures = f"{whole:,}".replace(",", " ")
    return (
        f"{figures} ({num2words(whole, lang='ru')}) "
        f"{plural(whole, 'рубль', 'рубля', 'рублей')} "
        f"{kopecks:02d} {plural(kopecks, 'копейка', 'копейки', 'копеек')}"
    )


# The head nouns of an organisation's name that are not led by an adjective («Школа № 5»,
# «Лицей № 2»): the word's gender is the participle's
_FEMININE_HEADS = ("школа", "гимназия", "организация", "академия", "станция")
_MASCULINE_HEADS = ("лицей", "колледж", "центр", "техникум", "институт", "университет", "дом")


def called_after(organization_name: str) -> str:
    """«именуемое»/«именуемая»/«именуемый» в дальнейшем «Работодатель»: the participle agrees
    with the name's head, read from its first adjective («муниципальное … учреждение»,
    «государственная … организация») or, when it starts with the noun, from the noun."""
    words = organization_name.split()
    first = words[0].lower().strip("«»\"'") if words else ""
    if first.endswith(("ое", "ее")):
        return "именуемое"
    if first.endswith(("ая", "яя")):
        return "именуемая"
    if first.endswith(("ый", "ий", "ой")) or first.startswith(_MASCULINE_HEADS):
        return "именуемый"
    if first.startswith(_FEMININE_HEADS):
        return "именуемая"
    return "именуемое"  # «учреждение», the name's head in Russian law (ГК РФ ст. 123.21)
