"""Roadmap writes: start from the sample, import from Excel/CSV (all or nothing), export, marks.

The file's columns are the contract of `import_roadmap` (DESIGN.md):
№, Задача, Мероприятия, Ответственный, Ожидаемый результат, Срок, Отметка о выполнении.
`Срок` is read by mentoring.deadlines.

A roadmap starts in an academic year and may run several («на 2022-2024 гг.»): an import runs
it to the last year given (`--years 2022-2024`), else to the last academic year a «Срок» names
as academic years («В течение 2022\\24 уч. гг.»), else for its one year. Roadmaps of a school
never share a year.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy

from accounts.models import AcademicYear, Organization, User
from core.spreadsheets import SpreadsheetError, read_table
from mentoring.deadlines import BAD_DATE, Deadline, Span, parse_deadline
from mentoring.models import MarkStatus, Roadmap, RoadmapEvent, RoadmapItem
from mentoring.samples import ROADMAP_SAMPLE
from registry.models import Person

COLUMNS = [
    "№",
    "Задача",
    "Мероприятия",
    "Ответственный",
    "Ожидаемый результат",
    "Срок",
    "Отметка о выполнении",
]
REQUIRED = ("Задача", "Ответственный", "Срок")

MISSING_COLUMN = gettext_lazy("нет такого столбца в первой строке")
EMPTY_CELL = gettext_lazy("не заполнено")
TOO_LONG = gettext_lazy("слишком длинный текст (не больше {limit} символов)")
NO_ROWS = gettext_lazy("в файле нет ни одной строки с пунктами дорожной карты")
ALREADY_AGREED = gettext_lazy("Дорожная карта уже согласована.")
NOT_COORDINATOR_OF = gettext_lazy(
    "Согласовать дорожную карту может только координатор её муниципалитета."
)
OVERLAPS = gettext_lazy(
    "Дорожная карта на {years} пересекается с дорожной картой «{title}» ({other}): загрузите "
    "файл в неё или укажите другие учебные годы."
)
BAD_SPAN = gettext_lazy("Последний учебный год дорожной карты не может быть раньше первого.")

DATE_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
EVENT_MARKER_RE = re.compile(r"^\s*(?:[-–—•]|\d+[.)])\s*")


@dataclass
class ParsedItem:
    number: str
    task: str
    events: list[str]
    responsible: str
    expected_result: str
    deadline: Deadline
    mark_status: str
    mark_text: str
    mark_date: datetime.date | None


@dataclass
class ImportResult:
    items: list[ParsedItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _find_date(text: str) -> datetime.date | None:
    match = DATE_RE.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    return datetime.date(year, month, day)


def parse_mark(value: str) -> tuple[str, str, datetime.date | None]:
    text = " ".join(value.split())
    lower = text.lower()
    if not text or lower == "не начато":
        return MarkStatus.NOT_STARTED, "", None
    if lower.startswith("в работе"):
        rest = text[len("в работе") :].lstrip(" :,.—-")
        return MarkStatus.IN_PROGRESS, rest, None
    if lower == "выполнено":
        return MarkStatus.DONE, "", None
    try:
        date = _find_date(text)
    except ValueError as exc:
        raise ValueError(BAD_DATE.format(value=text)) from exc
    return MarkStatus.DONE, text, date


def split_events(value: str) -> list[str]:
    events = []
    for line in value.splitlines():
        line = EVENT_MARKER_RE.sub("", line).strip()
        if line:
            events.append(line)
    return events


def read_rows(content: bytes) -> list[tuple[int, list[str]]]:
    """(row number as Excel shows it, cells as text) of the file's non-empty rows, read by the
    one bounded reader of uploads; ValueError with the person's message otherwise."""
    try:
        return read_table(content, max_rows=MAX_ROWS)
    except SpreadsheetError as exc:
        raise ValueError(str(exc)) from exc


MAX_ROWS = 1000
EVENT_LIMIT = 1000  # RoadmapEvent.text; several events in a cell go on separate lines
LIMITS = {"№": 10, "Задача": 500, "Ответственный": 300, "Срок": 200, "Отметка о выполнении": 500}


def parse_rows(rows: list[tuple[int, list[str]]]) -> ImportResult:
    result = ImportResult()
    if not rows:
        result.errors.append(f"Строка 1: {NO_ROWS}")
        return result
    header = [h.strip() for h in rows[0][1]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        result.errors.extend(f"Строка 1: {c}: {MISSING_COLUMN}" for c in missing)
        return result
    index = {c: header.index(c) for c in COLUMNS}
    for n, row in rows[1:]:
        cells = {c: (row[i] if i < len(row) else "").strip() for c, i in index.items()}
        if not any(cells.values()):
            continue
        errors = []
        for column in REQUIRED:
            if not cells[column]:
                errors.append(f"Строка {n}: {column}: {EMPTY_CELL}")
        for column, limit in LIMITS.items():
            if len(cells[column]) > limit:
                errors.append(f"Строка {n}: {column}: {TOO_LONG.format(limit=limit)}")
        if any(len(event) > EVENT_LIMIT for event in split_events(cells["Мероприятия"])):
            errors.append(f"Строка {n}: Мероприятия: {TOO_LONG.format(limit=EVENT_LIMIT)}")
        deadline = mark = None
        if cells["Срок"]:
            try:
                deadline = parse_deadline(cells["Срок"])
            except ValueError as exc:
                errors.append(f"Строка {n}: Срок: {exc}")
        try:
            mark = parse_mark(cells["Отметка о выполнении"])
        except ValueError as exc:
            errors.append(f"Строка {n}: Отметка о выполнении: {exc}")
        if errors:
            result.errors.extend(errors)
            continue
        result.items.append(
            ParsedItem(
                number=cells["№"].rstrip(".") or str(len(result.items) + 1),
                task=cells["Задача"],
                events=split_events(cells["Мероприятия"]),
                responsible=cells["Ответственный"],
                expected_result=cells["Ожидаемый результат"],
                deadline=deadline,
                mark_status=mark[0],
                mark_text=mark[1],
                mark_date=mark[2],
            )
        )
    if not result.items and not result.errors:
        result.errors.append(f"Строка 2: {NO_ROWS}")
    return result


def _title(first: AcademicYear, years: int) -> str:
    if years == 1:
        return f"Дорожная карта по реализации целевой модели наставничества на {first.title}"
    return (
        "Дорожная карта по реализации целевой модели наставничества на "
        f"{first.start_year}–{first.start_year + years} учебные годы"
    )


def roadmap_covering(
    organization: Organization, academic_year: AcademicYear, *, create: bool = True
) -> Roadmap:
    """The school's roadmap covering the year; a new one for that year alone if none does —
    saved only with `create` (a page that merely shows a form must not write)."""
    roadmap = (
        Roadmap.objects.in_organization(organization)
        .covering(academic_year.start_year)
        .select_related("academic_year")
        .first()
    )
    if roadmap is None:
        roadmap = Roadmap(
            organization=organization, academic_year=academic_year, title=_title(academic_year, 1)
        )
        if create:
            roadmap.save()
    return roadmap


def roadmap_get_or_create(*, organization: Organization, academic_year: AcademicYear) -> Roadmap:
    """The school's roadmap covering the year; a new one for that year alone if none does."""
    return roadmap_covering(organization, academic_year)


def _roadmap_for_span(
    organization: Organization, academic_year: AcademicYear, years: int
) -> tuple[Roadmap | None, list[str]]:
    """The roadmap starting in the year, made to run `years` academic years; an error when
    another roadmap of the school already has one of them."""
    first = academic_year.start_year
    other = (
        Roadmap.objects.in_organization(organization)
        .exclude(academic_year=academic_year)
        .filter(
            academic_year__start_year__lte=first + years - 1,
            academic_year__start_year__gt=first - F("years"),
        )
        .select_related("academic_year")
        .first()
    )
    if other is not None:
        label = f"{first}–{first + years}"
        return None, [str(OVERLAPS).format(years=label, title=other.title, other=other.years_label)]
    roadmap, created = Roadmap.objects.get_or_create(
        organization=organization,
        academic_year=academic_year,
        defaults={"years": years, "title": _title(academic_year, years)},
    )
    if not created and roadmap.years != years:
        if roadmap.title == _title(academic_year, roadmap.years):
            roadmap.title = _title(academic_year, years)
        roadmap.years = years
        roadmap.save(update_fields=["years", "title", "updated_at"])
    return roadmap, []


def _people_index(organization: Organization) -> dict[str, Person]:
    index = {}
    for person in Person.objects.in_organization(organization):
        index.setdefault(person.short_name.lower(), person)
        index.setdefault(person.full_name.lower(), person)
    return index


def deadline_fields(deadline: Deadline, span: Span) -> dict:
    period = deadline.period(span)
    return {
        "deadline_kind": deadline.kind,
        "deadline_text": deadline.text,
        "deadline_starts": period.starts if period else None,
        "deadline_ends": period.ends if period else None,
    }


def _create_items(roadmap: Roadmap, items: list[ParsedItem]) -> None:
    people = _people_index(roadmap.organization)
    span = roadmap.span()
    roadmap.items.all().delete()
    roadmap_changed(roadmap)
    created = RoadmapItem.objects.bulk_create(
        RoadmapItem(
            roadmap=roadmap,
            order=n,
            number=item.number,
            task=item.task,
            responsible_person=people.get(item.responsible.lower()),
            responsible_text="" if item.responsible.lower() in people else item.responsible,
            expected_result=item.expected_result,
            **deadline_fields(item.deadline, span),
            mark_status=item.mark_status,
            mark_text=item.mark_text,
            mark_date=item.mark_date,
        )
        for n, item in enumerate(items, start=1)
    )
    RoadmapEvent.objects.bulk_create(
        RoadmapEvent(item=row, order=i, text=text)
        for row, item in zip(created, items, strict=True)
        for i, text in enumerate(item.events, start=1)
    )
    roadmap.save(update_fields=["updated_at"])


@transaction.atomic
def roadmap_import(
    *,
    organization: Organization,
    academic_year: AcademicYear,
    content: bytes,
    filename: str,
    last_year: int | None = None,
) -> tuple[Roadmap | None, list[str]]:
    """Replace the items of the roadmap starting in the year with the file's rows; with any
    error, change nothing. The roadmap runs to `last_year` (the start year of its last academic
    year) if given, else to the last academic year a «Срок» names as academic years."""
    try:
        rows = read_rows(content)
    except ValueError as exc:
        return None, [str(exc)]
    result = parse_rows(rows)
    if result.errors:
        return None, result.errors
    first = academic_year.start_year
    if last_year is None:
        named = [item.deadline.years[1] for item in result.items if item.deadline.years]
        last_year = max([first, *named])
    if last_year < first:
        return None, [str(BAD_SPAN)]
    roadmap, errors = _roadmap_for_span(organization, academic_year, last_year - first + 1)
    if errors:
        return None, errors
    _create_items(roadmap, result.items)
    return roadmap, []


@transaction.atomic
def roadmap_start_from_sample(
    *, organization: Organization, academic_year: AcademicYear
) -> Roadmap:
    """The sample roadmap (seed 001's structure) for a year that has no items yet."""
    roadmap = roadmap_get_or_create(organization=organization, academic_year=academic_year)
    if roadmap.items.exists():
        return roadmap
    items = [
        ParsedItem(
            number=str(n),
            task=task,
            events=events,
            responsible=responsible,
            expected_result=result,
            deadline=parse_deadline(deadline),
            mark_status=MarkStatus.NOT_STARTED,
            mark_text="",
            mark_date=None,
        )
        for n, (task, events, responsible, result, deadline) in enumerate(ROADMAP_SAMPLE, 1)
    ]
    _create_items(roadmap, items)
    return roadmap


def mark_as_text(item: RoadmapItem) -> str:
    if item.mark_status == MarkStatus.DONE:
        return item.mark_text or "выполнено"
    if item.mark_status == MarkStatus.IN_PROGRESS:
        return f"в работе: {item.mark_text}" if item.mark_text else "в работе"
    return ""


def roadmap_template() -> bytes:
    """«Скачать шаблон»: the import's columns and one example row in the words of seed 001."""
    from core.spreadsheets import template_xlsx

    example = [
        "1",
        "Подготовка условий для запуска программы наставничества",
        "Издание приказа о внедрении целевой модели наставничества",
        "Сидорова С.С.",
        "Приказ о внедрении целевой модели наставничества",
        "ежегодно, сентябрь",
        "",
    ]
    return template_xlsx(
        "Дорожная карта",
        COLUMNS,
        example,
        widths={"Задача": 40, "Мероприятия": 50, "Ожидаемый результат": 40, "Срок": 22},
    )


def roadmap_export(roadmap: Roadmap) -> bytes:
    """The roadmap as .xlsx with the import's columns (so the file can be loaded back)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from core.spreadsheets import workbook_bytes

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Дорожная карта"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    items = roadmap.items.select_related("responsible_person").prefetch_related("events")
    for item in items:
        sheet.append(
            [
                item.number,
                item.task,
                "\n".join(e.text for e in item.events.all()),
                item.responsible,
                item.expected_result,
                item.deadline_text,
                mark_as_text(item),
            ]
        )
    for column, width in zip("ABCDEFG", (6, 40, 60, 30, 40, 22, 36), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(workbook)


@transaction.atomic
def roadmap_item_save(
    *, item: RoadmapItem, events: list[str], deadline: Deadline, today: datetime.date
) -> RoadmapItem:
    """Save an item with its events (replaced) and its parsed deadline; an item marked done
    without a date is done `today`."""
    before = RoadmapItem.objects.filter(pk=item.pk).first() if item.pk else None
    events_before = list(before.events.values_list("text", flat=True)) if before else None
    if item.order is None:
        item.order = (item.roadmap.items.count() or 0) + 1
    for name, value in deadline_fields(deadline, item.roadmap.span()).items():
        setattr(item, name, value)
    if item.mark_status == MarkStatus.DONE and item.mark_date is None:
        item.mark_date = today
    if item.responsible_person_id:
        item.responsible_text = ""
    item.save()
    item.events.all().delete()
    RoadmapEvent.objects.bulk_create(
        RoadmapEvent(item=item, order=n, text=text) for n, text in enumerate(events, start=1)
    )
    if before is None or events_before != events or _content(before) != _content(item):
        roadmap_changed(item.roadmap)
    return item


# What a coordinator agrees to: the items' content. Marks of progress are the school's record
# of carrying it out and change nothing agreed.
AGREED_CONTENT = (
    "number",
    "task",
    "responsible_person_id",
    "responsible_text",
    "expected_result",
    "deadline_text",
)


def _content(item: RoadmapItem) -> tuple:
    return tuple(getattr(item, name) for name in AGREED_CONTENT)


def roadmap_changed(roadmap: Roadmap) -> bool:
    """An agreed roadmap whose content changed is agreed no more: the coordinator agrees it
    again. True when an agreement was withdrawn."""
    if not roadmap.agreed_by_id:
        return False
    roadmap.agreed_by, roadmap.agreed_on = None, None
    roadmap.save(update_fields=["agreed_by", "agreed_on", "updated_at"])
    return True


@transaction.atomic
def roadmap_item_delete(*, item: RoadmapItem) -> None:
    roadmap = item.roadmap
    item.delete()
    roadmap_changed(roadmap)


@transaction.atomic
def roadmap_agree(*, roadmap: Roadmap, by: User, on: datetime.date) -> Roadmap:
    from accounts.access import coordinated_organizations

    if not coordinated_organizations(by).filter(pk=roadmap.organization_id).exists():
        raise ValidationError(NOT_COORDINATOR_OF)
    if roadmap.agreed_by_id:
        raise ValidationError(ALREADY_AGREED)
    roadmap.agreed_by, roadmap.agreed_on = by, on
    roadmap.save(update_fields=["agreed_by", "agreed_on", "updated_at"])
    return roadmap
