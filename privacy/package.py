"""«Сведения о субъекте персональных данных» (152-ФЗ, ст. 14): everything the portal holds on
one person, in one ZIP — a readable PDF summary, a workbook with a sheet per kind of record,
the scans of their consents and the signed documents made for them alone.

Only the subject's own records: their card and its history, registry entries, consents,
the pairs and groups they are in (their role, form, period, status — not the other people),
the meetings and plan of those pairs, the documents that name them (an order naming many is
listed by its requisites, not copied), their answers to questionnaires that were not
anonymous, and who opened their card. Staff appear only as who changed or opened the card.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import cast

from django.db.models import Count, Field, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from core.russian import date_numeric
from core.spreadsheets import workbook_bytes
from documents.models import Document
from documents.rendering import render_pdf
from documents.services import document_preview
from jobs.models import Job
from jobs.services import JobOutput, Progress
from mentoring.models import Assignment, Meeting, PlanEvent
from monitoring.models import Answer
from registry.models import CardView, Person
from registry.selectors import card_history

SUBJECT_KIND = "subject_data"
# The package is handed to the person; the portal's copy is deleted a month after it was built
RESULT_KEEP_DAYS = 30
NAMES_OTHERS = gettext_lazy("нет: в документе названы и другие лица")
# A person's card as the subject reads it: every stored field but the portal's own stamps.
CARD_FIELDS = [
    "last_name", "first_name", "middle_name", "gender", "category", "position", "subject",
    "birth_date", "joined_on", "left_on", "left_reason", "email", "phone", "employer_name",
    "contract_date", "contract_number", "has_disability", "is_gifted", "difficult_situation",
    "low_income", "is_orphan",
]  # fmt: skip


@dataclass
class Section:
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("да") if value else _("нет")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return date_numeric(value)
    return str(value)


def _card(person: Person, today: datetime.date) -> Section:
    section = Section(_("Карточка"), [_("Сведения"), _("Значение")])
    for name in CARD_FIELDS:
        model_field = cast(Field, Person._meta.get_field(name))  # the card's own columns
        value = (
            getattr(person, f"get_{name}_display")()
            if model_field.choices
            else getattr(person, name)
        )
        section.rows.append([capfirst(str(model_field.verbose_name)), _shown(value)])
    section.rows.append([_("Класс"), _shown(person.class_on(today))])
    section.rows.append([_("Педагогический стаж, лет"), _shown(person.experience_on(today))])
    return section


def _history(person: Person) -> Section:
    section = Section(_("История изменений карточки"), [_("Когда"), _("Кто"), _("Что изменено")])
    history = person.history.select_related("history_user").order_by("-history_date")
    for row in card_history(history, sensitive=True):  # the card's own list, in full
        who = row["who"].get_full_name() if row["who"] else _("загрузка, система")
        what = ", ".join(row["changed"]) or _("без изменений полей")
        section.rows.append([_shown(row["when"]), who, what])
    return section


def _registry(person: Person, today: datetime.date) -> Section:
    section = Section(_("Базы наставников и наставляемых"), [_("Сведения"), _("Значение")])
    mentor = getattr(person, "mentor_profile", None)
    if mentor is not None:
        section.rows += [
            [_("База наставников: статус"), mentor.get_status_display()],
            [_("Формы наставничества"), ", ".join(f.name for f in mentor.forms.all()) or "—"],
            [_("Компетенции"), ", ".join(c.name for c in mentor.competencies.all()) or "—"],
            [_("Наставляемых не более"), _shown(mentor.capacity)],
        ]
        for training in mentor.trainings.all():
            section.rows.append(
                [
                    _("Обучение"),
                    f"{training.course}, {training.provider}, {training.hours} ч., "
                    f"{date_numeric(training.completed_on)}",
                ]
            )
        for incentive in mentor.incentives.all():
            section.rows.append(
                [
                    _("Поощрение"),
                    f"{incentive.get_kind_display()}, {date_numeric(incentive.granted_on)}",
                ]
            )
    mentee = getattr(person, "mentee_profile", None)
    if mentee is not None:
        section.rows += [
            [_("База наставляемых: статус"), mentee.show_on(today).day_status_display],
            [_("Запрос"), _shown(mentee.request)],
            [_("Дефициты"), ", ".join(d.name for d in mentee.deficits.all()) or "—"],
            [_("Откуда запрос"), mentee.get_source_display()],
            [_("Желаемая форма"), _shown(mentee.desired_form)],
        ]
    return section


def _consents(person: Person) -> Section:
    section = Section(
        _("Согласия"),
        [_("Вид"), _("Дата"), _("Действует до"), _("Законный представитель"), _("Отозвано"),
         _("Скан")],
    )  # fmt: skip
    for consent in person.consents.order_by("given_on", "pk"):
        section.rows.append(
            [
                consent.get_kind_display(),
                _shown(consent.given_on),
                _shown(consent.valid_until),
                _shown(consent.representative_name),
                _shown(consent.withdrawn_on)
                + (f" ({consent.withdrawal_reason})" if consent.withdrawal_reason else ""),
                _("в архиве, папка «Сканы согласий»") if consent.scan else "—",
            ]
        )
    return section


def _their_assignments(person: Person):
    return (
        Assignment.objects.of_person(person)
        .select_related("form", "academic_year")
        .order_by("starts_on", "pk")
    )


def _pairs(person: Person, assignments, today: datetime.date) -> Section:
    section = Section(
        _("Пары и группы"),
        [_("Роль"), _("Вид"), _("Форма"), _("Учебный год"), _("Период"), _("Статус")],
    )
    mentoring = set(
        Assignment.objects.filter(mentor_links__mentor__person=person).values_list("pk", flat=True)
    )
    for a in assignments:
        section.rows.append(
            [
                _("наставник") if a.pk in mentoring else _("наставляемый"),
                a.get_kind_display(),
                a.form.name,
                a.academic_year.title,
                f"{date_numeric(a.starts_on)} — {date_numeric(a.ends_on)}",
                a.show_on(today).day_status_display,
            ]
        )
    return section


def _meetings(assignments) -> Section:
    section = Section(
        _("Встречи"), [_("Дата"), _("Тема"), _("Продолжительность, мин"), _("Состояние")]
    )
    for meeting in Meeting.objects.filter(assignment__in=assignments).order_by("held_on", "pk"):
        section.rows.append(
            [
                _shown(meeting.held_on),
                meeting.topic,
                _shown(meeting.duration_minutes),
                _("проведена") if meeting.held else _("запланирована"),
            ]
        )
    return section


def _plan(assignments) -> Section:
    section = Section(
        _("Персонализированные программы"), [_("Мероприятие"), _("Сроки"), _("Выполнено")]
    )
    events = PlanEvent.objects.filter(task__plan__assignment__in=assignments).order_by(
        "task__plan", "task__order", "order", "pk"
    )
    for event in events:
        section.rows.append([event.title, _shown(event.due), _shown(event.done_on)])
    return section


def _documents(person: Person, assignments) -> tuple[Section, list[Document]]:
    section = Section(
        _("Документы, где названо лицо"),
        [_("Документ"), _("Номер"), _("Дата"), _("Состояние"), _("Копия в архиве")],
    )
    documents = (
        Document.objects.filter(
            Q(pk__in=Document.objects.filter(person=person).values("pk"))
            | Q(pk__in=Document.objects.filter(assignments__in=assignments).values("pk"))
        )
        .exclude(status=Document.Status.DRAFT)
        .annotate(pairs=Count("assignments"))
        .order_by("signed_on", "pk")
    )
    own = []
    for document in documents:
        # copied only when it names the subject alone (an agreement); one that names a pair's
        # people (an order, a thanks letter naming the mentees) is listed by its requisites
        alone = document.person_id == person.pk and document.pdf and not document.pairs
        if alone:
            own.append(document)
        section.rows.append(
            [
                document.title,
                _shown(document.number),
                _shown(document.signed_on),
                document.get_status_display(),
                _("да, папка «Документы»")
                if alone
                else _("нет: в документе названы и другие лица"),
            ]
        )
    return section, own


def _answers(person: Person) -> Section:
    section = Section(
        _("Ответы на анкеты"), [_("Анкета"), _("Отправлена"), _("Вопрос"), _("Ответ")]
    )
    answers = (
        Answer.objects.filter(response__person=person, response__sent_at__isnull=False)
        .select_related("response__questionnaire", "question", "choice")
        .order_by("response__sent_at", "question__order", "pk")
    )
    for answer in answers:
        if answer.choice is not None:
            value = answer.choice.text
        elif answer.number is not None:
            value = _shown(answer.number)
        else:
            value = answer.text
        section.rows.append(
            [
                answer.response.questionnaire.title,
                _shown(answer.response.sent_at),
                answer.question.text,
                value,
            ]
        )
    return section


def _access_log(person: Person) -> Section:
    section = Section(_("Журнал доступа к карточке"), [_("Когда"), _("Кто открыл")])
    for view in (
        CardView.objects.filter(person=person).select_related("viewer").order_by("viewed_at")
    ):
        section.rows.append(
            [_shown(view.viewed_at), view.viewer.get_full_name() if view.viewer else "—"]
        )
    return section


def subject_sections(person: Person, today: datetime.date) -> tuple[list[Section], list[Document]]:
    assignments = list(_their_assignments(person))
    documents, own = _documents(person, assignments)
    sections = [
        _card(person, today),
        _history(person),
        _registry(person, today),
        _consents(person),
        _pairs(person, assignments, today),
        _meetings(assignments),
        _plan(assignments),
        documents,
        _answers(person),
        _access_log(person),
    ]
    return sections, own


def _workbook(sections: list[Section]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for section in sections:
        sheet = book.create_sheet(section.title[:31])
        sheet.append(section.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append(row)
    return workbook_bytes(book)


def subject_package(
    person: Person, today: datetime.date, progress: Progress | None = None
) -> bytes:
    report = progress or (lambda _percent, _stage: None)
    report(10, _("Собираем сведения"))
    sections, own = subject_sections(person, today)
    report(40, _("Составляем сводку"))
    summary = render_pdf(
        "privacy/pdf/subject_summary.html",
        {"person": person, "organization": person.organization, "today": today,
         "sections": sections},
    )  # fmt: skip
    report(80, _("Собираем архив"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Сведения.pdf", summary)
        archive.writestr("Сведения.xlsx", _workbook(sections))
        for n, consent in enumerate(person.consents.exclude(scan="").order_by("pk"), start=1):
            with consent.scan.open("rb") as scan:
                extension = consent.scan.name.rsplit(".", 1)[-1]
                archive.writestr(f"Сканы согласий/{n} {consent.get_kind_display()}.{extension}",
                                 scan.read())  # fmt: skip
        for n, document in enumerate(own, start=1):
            # as the portal gives it: a cancelled one with its mark (documents.marking)
            archive.writestr(
                f"Документы/{n} {document.title[:80]}.pdf", document_preview(document, today)
            )
    return out.getvalue()


def build_subject_package(job: Job, progress: Progress) -> JobOutput:
    from privacy.models import SubjectRequest

    request = SubjectRequest.objects.select_related("person__organization").get(
        pk=job.params["request"], organization=job.organization
    )
    today = datetime.date.fromisoformat(job.params["today"])
    content = subject_package(request.person, today, progress)
    SubjectRequest.objects.filter(pk=request.pk).update(answered_on=today)
    return JobOutput(
        content,
        _("Сведения о субъекте ПДн — %(name)s.zip") % {"name": request.person.short_name},
        "application/zip",
        summary=_("Сведения подготовлены %(date)s.") % {"date": date_numeric(today)},
    )
