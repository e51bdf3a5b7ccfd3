"""Import of people from the school's Excel (.xlsx, or .csv as Excel saves it).

All or nothing: the whole file is read and checked first; any bad row is reported as
`Строка N: <column>: <message>` (N as Excel numbers rows, the header being row 1) and nothing
is written. A person already in the registry is matched by e-mail, or by full name and
category where there is no e-mail; a re-import of the same file changes nothing.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext
from openpyxl import Workbook
from simple_history.utils import bulk_create_with_history

from accounts.models import Gender, Organization
from core.russian import date_numeric, plural
from core.spreadsheets import SpreadsheetError, read_table, template_xlsx, workbook_bytes
from registry.models import Person, PersonCategory, parse_class

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
COLUMNS = ["Фамилия", "Имя", "Отчество", "Пол", "Категория", "Должность", "Предмет", "Класс",
           "Стаж", "Email", "Телефон", "Дата рождения", "Дата приёма", "Дата выбытия"]  # fmt: skip
REQUIRED = ["Фамилия", "Имя", "Пол", "Категория"]
FIELDS = {
    "Фамилия": "last_name", "Имя": "first_name", "Отчество": "middle_name", "Пол": "gender",
    "Категория": "category", "Должность": "position", "Предмет": "subject",
    "Класс": "school_class", "Стаж": "experience_years", "Email": "email", "Телефон": "phone",
    "Дата рождения": "birth_date", "Дата приёма": "joined_on", "Дата выбытия": "left_on",
}  # fmt: skip
# Optional columns: a file without them loads, and an empty cell changes nothing.
DATE_FIELDS = ("birth_date", "joined_on", "left_on")

GENDERS = {
    "м": Gender.MALE, "муж": Gender.MALE, "мужской": Gender.MALE, "m": Gender.MALE,
    "ж": Gender.FEMALE, "жен": Gender.FEMALE, "женский": Gender.FEMALE, "f": Gender.FEMALE,
}  # fmt: skip
CATEGORIES = {
    "педагог": PersonCategory.TEACHER, "учитель": PersonCategory.TEACHER,
    "обучающийся": PersonCategory.STUDENT, "обучающаяся": PersonCategory.STUDENT,
    "ученик": PersonCategory.STUDENT, "ученица": PersonCategory.STUDENT,
    "студент": PersonCategory.COLLEGE_STUDENT, "студентка": PersonCategory.COLLEGE_STUDENT,
    "работодатель": PersonCategory.EMPLOYER,
    "представитель работодателя": PersonCategory.EMPLOYER,
}  # fmt: skip
LIMITS = {"last_name": 100, "first_name": 100, "middle_name": 100, "position": 255,
          "subject": 255, "school_class": 10, "phone": 30}  # fmt: skip


def template() -> bytes:
    """«Скачать шаблон»: the import's columns, one example row, drop-down lists for Пол and
    Категория (the words the import reads first)."""
    example = ["Петрова", "Анна", "Ивановна", "ж", "педагог", "учитель", "химия", "", 5.5,
               "petrova@school.example", "+7 914 000-00-00", datetime.date(1990, 3, 14),
               datetime.date(2021, 9, 1), None]  # fmt: skip
    return template_xlsx(
        gettext("Люди"),
        COLUMNS,
        example,
        choices={
            "Пол": ["м", "ж"],
            "Категория": ["педагог", "обучающийся", "студент", "работодатель"],
        },
    )


# The file as a whole cannot be read: the message says why, in Russian.
ImportFileError = SpreadsheetError


def _key(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).casefold()


def read_rows(content: bytes, filename: str = "") -> list[tuple[int, dict[str, str]]]:
    """(row number as Excel shows it, {column: text}) for every non-empty row."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            f"Файл больше {MAX_BYTES // (1024 * 1024)} МБ: разделите его на части."
        )
    table = read_table(content, max_rows=MAX_ROWS)
    if not table:
        raise ImportFileError("Файл пуст: в нём нет ни строки заголовков, ни данных.")
    (_, header), data = table[0], table[1:]
    known = {_key(c): c for c in COLUMNS}
    columns = [known.get(_key(h)) for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        names = ", ".join(f"«{c}»" for c in missing)
        raise ImportFileError(
            f"В первой строке нет столбцов {names}. Ожидаются столбцы: {', '.join(COLUMNS)}."
        )
    return [
        (n, {col: (row[i] if i < len(row) else "") for i, col in enumerate(columns) if col})
        for n, row in data
    ]


@dataclass
class Plan:
    today: datetime.date
    create: list[Person] = field(default_factory=list)
    update: list[tuple[Person, dict]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def changes(self) -> list[tuple[Person, list[tuple[str, object]]]]:
        """The updates as a person reads them: the column name and the new value."""
        column = {name: col for col, name in FIELDS.items()}
        return [
            (person, [(column[name], value) for name, value in changes.items()])
            for person, changes in self.update
        ]


# The ages a birth date's two-digit year is read for, by category: «14.03.98» of a teacher is
# 1998, of a pupil born «14.03.15» 2015. A year that fits neither century, or both, is asked.
PLAUSIBLE_AGES = {
    "student": (4, 25),
    "college_student": (14, 45),
    "teacher": (18, 90),
    "employer": (16, 90),
}
TWO_DIGIT_YEAR = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})$")
AMBIGUOUS_YEAR = (
    "«{raw}» — по двум цифрам года не понять век: напишите год полностью, например {full}"
)


def _date(raw: str, name: str = "", category: str | None = None, today=None) -> datetime.date:
    """A date as people and office programs write it: 01.09.2021, 2021-09-01, or with two
    digits of the year as Excel and LibreOffice save it in a Russian locale (01.09.21) — a
    birth date in the century that gives an age plausible for the category, any other date
    in this century. ValueError (its message for the person) when it is no date or its
    century cannot be told."""
    short = TWO_DIGIT_YEAR.match(raw)
    if short is None:
        for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a day
            except ValueError:
                continue
        raise ValueError(f"«{raw}» — дата пишется как 01.09.2021")
    day, month, year = (int(part) for part in short.groups())
    candidates = []
    for century in (1900, 2000):
        try:
            candidates.append(datetime.date(century + year, month, day))
        except ValueError:  # 29.02.00 is a day of 2000, not of 1900
            continue
    if not candidates:
        raise ValueError(f"«{raw}» — дата пишется как 01.09.2021")
    if name != "birth_date" or category not in PLAUSIBLE_AGES or today is None:
        return candidates[-1]  # this century
    youngest, oldest = PLAUSIBLE_AGES[category]
    fitting = []
    for born in candidates:
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if youngest <= age <= oldest:
            fitting.append(born)
    if len(fitting) != 1:
        full = f"{day:02d}.{month:02d}.{1900 + year} или {day:02d}.{month:02d}.{2000 + year}"
        raise ValueError(AMBIGUOUS_YEAR.format(raw=raw, full=full))
    return fitting[0]


def _clean(
    number: int, row: dict[str, str], errors: list[str], today: datetime.date
) -> dict | None:
    values: dict = {}
    bad = False

    def error(column: str, message: str) -> None:
        nonlocal bad
        bad = True
        errors.append(f"Строка {number}: {column}: {message}")

    for column, name in FIELDS.items():
        if name in DATE_FIELDS and not row.get(column, "").strip():
            continue
        raw = " ".join(row.get(column, "").split())
        if column in REQUIRED and not raw:
            error(column, "не заполнено")
            continue
        if name in LIMITS and len(raw) > LIMITS[name]:
            error(column, f"длиннее {LIMITS[name]} символов")
            continue
        if name == "gender":
            value = GENDERS.get(raw.casefold())
            if value is None:
                error(column, f"«{raw}» — допустимо «м» или «ж»")
            raw = value
        elif name == "category":
            value = CATEGORIES.get(_key(raw))
            if value is None:
                error(
                    column,
                    f"«{raw}» — допустимо «педагог», «обучающийся», «студент» или «работодатель»",
                )
            raw = value
        elif name == "experience_years":
            if raw:
                try:
                    raw = Decimal(raw.replace(",", "."))
                    if not Decimal(0) <= raw <= Decimal(70) or raw.as_tuple().exponent < -1:
                        raise InvalidOperation
                except InvalidOperation:
                    error(column, f"«{row.get(column)}» — число лет от 0 до 70, например 5 или 5,5")
            else:
                raw = None
        elif name == "email" and raw:
            raw = raw.lower()
            try:
                validate_email(raw)
            except ValidationError:
                error(column, f"«{raw}» — это не адрес электронной почты")
        elif name == "school_class" and raw:
            try:
                grade, letter = parse_class(raw)
            except ValueError:
                error(column, f"«{raw}» — класс пишется как 7А или 11")
            else:
                raw = f"{grade}{letter}"
        elif name in DATE_FIELDS:
            try:
                raw = _date(raw, name, values.get("category"), today)
            except ValueError as problem:
                error(column, str(problem))
                continue
            if name == "birth_date" and raw > today:
                error(column, f"«{date_numeric(raw)}» — дата рождения в будущем")
        values[name] = raw
    joined, left = values.get("joined_on"), values.get("left_on")
    if joined and left and left < joined:
        error("Дата выбытия", f"«{date_numeric(left)}» — раньше даты приёма")
    return None if bad else values


def _current(person: Person, name: str, today: datetime.date):
    """A person's value of an import column, as the file would write it on `today`."""
    if name == "school_class":
        return person.class_on(today)
    if name == "experience_years":
        return person.experience_on(today)
    return getattr(person, name)


def _assign(person: Person, values: dict, today: datetime.date) -> None:
    for name, value in values.items():
        if name == "school_class":
            person.set_class(value, today)
        elif name == "experience_years":
            person.set_experience(value, today)
        else:
            setattr(person, name, value)


NAMESAKES_IN_REGISTRY = (
    "в реестре несколько человек «%s» без Email: укажите Email, дату рождения или класс, "
    "чтобы различить тёзок"
)
NAMESAKES_IN_FILE = (
    "«%(name)s» уже есть в строке %(row)s: укажите Email, дату рождения или класс, "
    "чтобы различить тёзок"
)


def _full(values: dict) -> str:
    return " ".join(
        filter(None, (values["last_name"], values["first_name"], values["middle_name"]))
    )


def _namesakes(candidates: list[Person], values: dict, today: datetime.date) -> list[Person]:
    """The cards a row without Email may be: its namesakes of its category, narrowed by birth
    date and class where the row gives them and there is more than one."""
    if len(candidates) > 1 and values.get("birth_date"):
        candidates = [p for p in candidates if p.birth_date in (None, values["birth_date"])]
    if len(candidates) > 1 and values.get("school_class"):
        candidates = [p for p in candidates if p.class_on(today) == values["school_class"]]
    return candidates


def plan_import(
    organization: Organization,
    rows: list[tuple[int, dict[str, str]]],
    today: datetime.date,
    joined_on: datetime.date | None = None,
) -> Plan:
    """What the rows would create and change, the class and experience read as on `today`.
    A newcomer without «Дата приёма» is on the roll from `joined_on` (the curator's choice on
    the preview, e.g. the start of the academic year), else from `today`."""
    plan = Plan(today=today)
    existing = list(Person.objects.in_organization(organization))
    by_email = {p.email.lower(): p for p in existing if p.email}
    by_name: dict[tuple, list[Person]] = defaultdict(list)
    for p in existing:
        by_name[(_key(p.last_name), _key(p.first_name), _key(p.middle_name), p.category)].append(p)
    seen_emails: dict[str, int] = {}
    seen_new: dict[tuple, int] = {}  # a newcomer's name, category, birth date and class
    matched: dict[int, int] = {}  # a card's id → the row that matched it
    for number, row in rows:
        values = _clean(number, row, plan.errors, today)
        if values is None:
            continue
        email = values["email"]
        if email:
            if email in seen_emails:
                plan.errors.append(
                    f"Строка {number}: Email: «{email}» уже есть в строке {seen_emails[email]}"
                )
                continue
            seen_emails[email] = number
        name_key = (
            _key(values["last_name"]),
            _key(values["first_name"]),
            _key(values["middle_name"]),
            values["category"],
        )
        if email:
            person = by_email.get(email)
        else:
            namesakes = _namesakes(by_name.get(name_key, []), values, today)
            if len(namesakes) > 1:
                plan.errors.append(f"Строка {number}: {NAMESAKES_IN_REGISTRY % _full(values)}")
                continue
            person = namesakes[0] if namesakes else None
            if person is None:
                twin = (*name_key, values.get("birth_date"), values.get("school_class", ""))
                if twin in seen_new:
                    plan.errors.append(
                        f"Строка {number}: "
                        f"{NAMESAKES_IN_FILE % {'name': _full(values), 'row': seen_new[twin]}}"
                    )
                    continue
                seen_new[twin] = number
        if person is not None and person.pk in matched:
            plan.errors.append(
                f"Строка {number}: "
                f"{NAMESAKES_IN_FILE % {'name': _full(values), 'row': matched[person.pk]}}"
            )
            continue
        if person is not None:
            matched[person.pk] = number
        if person is None:
            # Without «Дата приёма» a newcomer is on the roll from the day the curator chose,
            # else from the import's: periods already over never count people added later.
            person = Person(organization=organization, joined_on=joined_on or today)
            _assign(person, values, today)
            plan.create.append(person)
            continue
        changes = {
            k: v
            for k, v in values.items()
            if _current(person, k, today) != v and not (k == "email" and not v)
        }
        if changes:
            plan.update.append((person, changes))
        else:
            plan.unchanged += 1
    return plan


@transaction.atomic
def apply_plan(plan: Plan) -> None:
    """Write the plan, all or nothing (one transaction: a job's progress cannot show inside
    it, so the job reports «writing» before and «done» after)."""
    if plan.errors:
        raise ValidationError(plan.errors)
    bulk_create_with_history(plan.create, Person, batch_size=500)
    for person, changes in plan.update:
        _assign(person, changes, plan.today)
        person.version += 1
        person.save()


@transaction.atomic
def import_people_locked(
    organization: Organization,
    rows: list[tuple[int, dict[str, str]]],
    today: datetime.date,
    joined_on: datetime.date | None = None,
) -> Plan:
    """Plan and write an import while no other import of the school runs: the school's row is
    locked until the transaction ends, and the matching is done again under the lock, so that
    two imports at once (two curators, a worker and the command) never both create one person.
    A plan with errors is returned unwritten."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    plan = plan_import(organization, rows, today, joined_on)
    if not plan.errors:
        apply_plan(plan)
    return plan


def protocol_workbook(plan: Plan) -> bytes:
    """«Протокол загрузки»: who was added and whose card changed in what, for the file."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Протокол загрузки"
    sheet.append(["Действие", "Фамилия", "Имя", "Отчество", "Категория", "Что изменилось"])
    for person in plan.create:
        sheet.append(_protocol_row(gettext("добавлен"), person, ""))
    for person, changes in plan.changes:
        what = "; ".join(f"{column}: {_shown(value)}" for column, value in changes)
        sheet.append(_protocol_row(gettext("обновлён"), person, what))
    return workbook_bytes(workbook)


def _protocol_row(action: str, person: Person, what: str) -> list:
    cells = [action, person.last_name, person.first_name, person.middle_name]
    return [*cells, person.get_category_display(), what]


def _shown(value) -> str:
    if isinstance(value, datetime.date):
        return date_numeric(value)
    return str(value) if value not in (None, "") else "—"


def plan_summary(plan: Plan, *, done: bool = True) -> str:
    """What an import did («Готово: добавлено 3 человека, обновлена 1 карточка, без изменений
    5 карточек.») or will do («Будет добавлен 1 человек, …»), in the words' number."""
    created, updated, same = len(plan.create), len(plan.update), plan.unchanged
    one = plural(created, "one", "many", "many") == "one"
    added = gettext("добавлен") if one else gettext("добавлено")
    one = plural(updated, "one", "many", "many") == "one"
    changed = gettext("обновлена") if one else gettext("обновлено")
    text = ", ".join(
        [
            f"{added} {created} {plural(created, 'человек', 'человека', 'человек')}",
            f"{changed} {updated} {plural(updated, 'карточка', 'карточки', 'карточек')}",
            gettext("без изменений %(n)s %(cards)s")
            % {"n": same, "cards": plural(same, "карточка", "карточки", "карточек")},
        ]
    )
    return (gettext("Готово: %s.") if done else gettext("Будет %s.")) % text
