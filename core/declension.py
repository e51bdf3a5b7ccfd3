"""Russian names and titles declined, for pages and papers alike.

Names are declined with pytrovich by the person's gender, with two corrections it needs for
surnames: a surname that is also a common noun keeps its fluent vowel (Кузнец → Кузнеца,
not Кузнца; Воробей → Воробея), and a double surname declines part by part. Positions and
organizations' names decline by their leading words (decline_position).
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from pytrovich.enums import Case as PCase
from pytrovich.enums import Gender as PGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker


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


def name_gender(first: str, middle: str = "") -> str:
    """ "m" or "f" read from the first name and the patronymic (pytrovich's detector; a
    patronymic in -вна/-чна or -вич/-ич decides); "" when they do not tell."""
    from pytrovich.detector import PetrovichGenderDetector

    detected = PetrovichGenderDetector().detect(firstname=first or None, middlename=middle or None)
    return {PGender.MALE: "m", PGender.FEMALE: "f"}.get(detected, "")


def _typed_parts(name: str) -> tuple[str, str, str] | None:
    """(фамилия, имя, отчество or "") of a full name typed in one field; None otherwise."""
    parts = name.split()
    return (*parts, "")[:3] if 2 <= len(parts) <= 3 else None  # type: ignore[return-value]


def typed_name_gender(name: str) -> str:
    """ "m" or "f" told by a full name typed in one field («Петрова Анна Сергеевна»): its
    second and third words; "" when they do not tell."""
    words = name.split()
    return name_gender(words[1], words[2] if len(words) > 2 else "") if len(words) > 1 else ""


def typed_name_in(name: str, case: Case, gender: str = "") -> str:
    """A full name typed in one field («Петрова Анна Сергеевна», the representative on a
    consent) in another case, by `gender` or, without it, the gender the name tells; a name
    that is not «фамилия имя [отчество]» is given back as typed."""
    parts = _typed_parts(name)
    gender = gender or (typed_name_gender(name) if parts else "")
    if not parts or not gender:
        return " ".join(name.split())
    return full_name(*parts, gender, case)


def typed_signature_name(name: str) -> str:
    """«О.П. Алексеева» of a full name typed in one field; as typed when it is not
    «фамилия имя [отчество]»."""
    parts = _typed_parts(name)
    return signature_name(*parts) if parts else " ".join(name.split())


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


# Positions («заместитель директора по УВР», «учитель начальных классов», «педагог-психолог»)
# are declined as orders write them before a name: the leading adjectives and the head noun
# change, the words after the head («директора», «начальных классов») stay.
_POSITION_CASES = (
    Case.GENITIVE, Case.DATIVE, Case.ACCUSATIVE, Case.INSTRUMENTAL, Case.PREPOSITIONAL
)  # fmt: skip


def _endings(table: dict[str, str]) -> dict[str, dict[Case, str]]:
    """{ending: "gen dat acc ins prep"} → {ending: {case: suffix}}"""
    return {k: dict(zip(_POSITION_CASES, v.split(), strict=True)) for k, v in table.items()}


# masculine -ый/-ой, -ий (after г, к, х: -ого), feminine -ая/-яя, neuter -ое/-ее
_ADJ_ENDINGS = _endings(
    {"ый": "ого ому ого ым ом", "ой": "ого ому ого ым ом", "ий": "его ему его им ем",
     "ая": "ой ой ую ой ой", "яя": "ей ей юю ей ей", "ое": "ого ому ое ым ом",
     "ее": "его ему ее им ем"}
)  # fmt: skip
# an animate masculine noun takes the genitive for the accusative; «учреждение» is neuter
_NOUN_ENDINGS = _endings(
    {"consonant": "а у а ом е", "ь": "я ю я ем е", "а": "ы е у ой е", "ие": "ия ию ие ием ии"}
)
_VELAR_OR_HUSHING = "гкхжшчщ"


def _decline_adjective(word: str, case: Case) -> str:
    ending = word[-2:].lower()
    forms = _ADJ_ENDINGS[ending]
    suffix = forms[case]
    stem_end = word[-3:-2].lower()
    if ending == "ий" and stem_end in "гкх":
        suffix = _ADJ_ENDINGS["ый"][case].replace("ым", "им")
    if ending == "ая" and stem_end in "жшчщ" and suffix == "ой":  # старшей, не «старшой»
        suffix = "ей"
    return word[:-2] + suffix


def _decline_noun(word: str, case: Case) -> str | None:
    """A position's head noun in `case`; None for a word we do not know how to decline."""
    if word.isupper():  # an abbreviation: «ИП», «МАОУ»
        return None
    if "-" in word:
        parts = [_decline_noun(part, case) for part in word.split("-")]
        declined = [part for part in parts if part is not None]
        return "-".join(declined) if len(declined) == len(parts) else None
    last = word[-1:].lower()
    if word[-2:].lower() == "ие":
        return word[:-2] + _NOUN_ENDINGS["ие"][case]
    if last == "ь":
        return word[:-1] + _NOUN_ENDINGS["ь"][case]
    if last == "а":
        suffix = _NOUN_ENDINGS["а"][case]
        if case is Case.GENITIVE and word[-2:-1].lower() in _VELAR_OR_HUSHING:
            suffix = "и"
        return word[:-1] + suffix
    if last.isalpha() and last not in "аеёиоуыэюяй":
        suffix = _NOUN_ENDINGS["consonant"][case]
        if case is Case.INSTRUMENTAL and last in "жшчщц":
            suffix = "ем"
        return word + suffix
    return None


def decline_position(position: str, case: Case) -> str:
    """«заместитель директора по УВР» → «заместителя директора по УВР» (genitive or
    accusative), «старший воспитатель» → «старшему воспитателю», «педагог-психолог» →
    «педагога-психолога»; an organization's name too: «муниципальное автономное
    общеобразовательное учреждение …» → «муниципальному автономному общеобразовательному
    учреждению …». A title we cannot parse is left as it is."""
    if case is Case.NOMINATIVE or not position.strip():
        return position
    words = position.split(" ")
    for i, word in enumerate(words):
        if word[-2:].lower() in _ADJ_ENDINGS and len(word) > 3:
            # an adjective, or a noun declined like one: «старшая вожатая»
            words[i] = _decline_adjective(word, case)
            continue
        declined = _decline_noun(word, case)
        if declined is None:  # past a substantivised adjective («вожатая школы»), or unknown
            return " ".join(words) if i else position
        words[i] = declined
        break
    return " ".join(words)


def signature_name_in(person, case: Case = Case.NOMINATIVE) -> str:
    """«А.С. Петрову»: initials, then the surname declined by the person's gender."""
    return (
        f"{initials(person.first_name, person.middle_name or '')} "
        f"{decline_last(person.last_name, person.gender or 'f', case)}"
    )


def position_and_name(person, case: Case = Case.NOMINATIVE) -> str:
    """«заместителя директора по учебно-воспитательной работе А.С. Петрову»: a person named
    with their position, as an order assigns a duty."""
    name = signature_name_in(person, case)
    return f"{decline_position(person.position, case)} {name}" if person.position else name


def role_and_name(person, masculine: str, feminine: str, case: Case = Case.NOMINATIVE) -> str:
    """«наставляемой Сергеевой-Ткаченко М.А.», «наставляемого Гуся И.И.»: a role word chosen
    by the person's gender (given in the case wanted) and the short name declined."""
    word = masculine if person.gender == "m" else feminine
    return f"{word} {person_name(person, case, short=True)}"
