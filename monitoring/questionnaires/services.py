"""Writes of the monitoring app: questionnaires from templates, their lifecycle, answers."""

from __future__ import annotations

import datetime
import json
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, User
from monitoring.models import (
    Answer,
    Choice,
    Question,
    Questionnaire,
    Respondent,
    Response,
)
from registry.models import Person

logger = logging.getLogger(__name__)

TEMPLATES_DIR = settings.BASE_DIR / "fixtures" / "questionnaires"

NO_QUESTIONS = _("В анкете нет ни одного вопроса: добавьте вопросы, прежде чем открывать её.")
CHOICES_NEEDED = _("У вопроса «%(question)s» должно быть не меньше двух вариантов ответа.")
NOT_A_DRAFT = _("Вопросы можно менять, пока анкета — черновик.")
NOT_ACCEPTING = _("Анкета сейчас не принимает ответы.")
ALREADY_SENT = _("Вы уже отправили ответы на эту анкету; изменить их нельзя.")
ONLY_DRAFT_OPENS = _("Открыть можно только черновик: закрытая анкета не открывается снова.")
SETTINGS_FROZEN = _(
    "Анкета уже открыта: кто и как на неё отвечает (вид, анонимность, сроки, адресаты) больше "
    "не меняется."
)
NOT_OPEN = _("Закрыть можно только открытую анкету.")


def template_list() -> list[dict]:
    """The ready questionnaires shipped with the portal: code, title, kind."""
    found = []
    for path in sorted(TEMPLATES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append({"code": data["code"], "title": data["title"], "kind": data["kind"]})
    return found


def _template(code: str) -> dict:
    known = {t["code"] for t in template_list()}
    if code not in known:
        raise ValidationError(_("Нет такого шаблона анкеты."))
    return json.loads((TEMPLATES_DIR / f"{code}.json").read_text(encoding="utf-8"))


@transaction.atomic
def questionnaire_create_from_template(
    *,
    organization: Organization,
    code: str,
    by: User | None,
    opens_on: datetime.date,
    closes_on: datetime.date,
) -> Questionnaire:
    data = _template(code)
    questionnaire = Questionnaire.objects.create(
        organization=organization,
        title=data["title"],
        description=data.get("description", ""),
        kind=data["kind"],
        template=code,
        anonymous=data.get("anonymous", False),
        audience_category=data.get("audience_category", ""),
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    if questionnaire.kind == Questionnaire.Kind.POST_TEST:
        questionnaire.pre_test = (
            Questionnaire.objects.in_organization(organization)
            .filter(kind=Questionnaire.Kind.PRE_TEST)
            .order_by("-opens_on", "-pk")
            .first()
        )
        questionnaire.save(update_fields=["pre_test"])
    for order, q in enumerate(data["questions"], start=1):
        lo, hi, lo_label, hi_label = q.get("scale", [1, 5, "", ""])
        question = Question.objects.create(
            questionnaire=questionnaire,
            order=order,
            text=q["text"],
            kind=q["kind"],
            required=q.get("required", True),
            scale_min=lo,
            scale_max=hi,
            scale_min_label=lo_label,
            scale_max_label=hi_label,
            points=q.get("points", 0),
            number_min=q.get("number_min", 0),
            number_max=q.get("number_max"),
        )
        Choice.objects.bulk_create(
            Choice(question=question, order=n, text=c["text"], is_correct=c.get("correct", False))
            for n, c in enumerate(q.get("choices", []), start=1)
        )
    return questionnaire


# Who answers a questionnaire and how: fixed once it is open, since answers already given
# (anonymous ones above all) were given under these settings. Its title and note may be mended.
FROZEN_ONCE_OPEN = (
    "kind",
    "anonymous",
    "opens_on",
    "closes_on",
    "audience_role",
    "audience_category",
    "audience_form",
    "audience_assignments",
)


@transaction.atomic
def questionnaire_save(
    *, questionnaire: Questionnaire, audience_assignments, by: User | None = None
) -> Questionnaire:
    """A new questionnaire (a draft), or its settings; once open, only its title and note
    change (FROZEN_ONCE_OPEN)."""
    if questionnaire.pk:
        stored = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if stored.status != Questionnaire.Status.DRAFT:
            fields = [name for name in FROZEN_ONCE_OPEN if name != "audience_assignments"]
            audience = {a.pk for a in audience_assignments}
            if any(getattr(stored, n) != getattr(questionnaire, n) for n in fields) or (
                audience != set(stored.audience_assignments.values_list("pk", flat=True))
            ):
                raise ValidationError(SETTINGS_FROZEN)
    else:
        questionnaire.created_by = by
    questionnaire.save()
    questionnaire.audience_assignments.set(audience_assignments)
    return questionnaire


@transaction.atomic
def questionnaire_open(*, questionnaire: Questionnaire) -> Questionnaire:
    """A draft goes out once; a closed questionnaire is never reopened (its answers and its
    response rate belong to the period it was open)."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status != Questionnaire.Status.DRAFT:
        raise ValidationError(ONLY_DRAFT_OPENS)
    questions = list(questionnaire.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(NO_QUESTIONS)
    short = [q for q in questions if q.has_choices and len(q.choices.all()) < 2]
    if short:
        raise ValidationError([CHOICES_NEEDED % {"question": q.text} for q in short])
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save(update_fields=["status"])
    return questionnaire


@transaction.atomic
def questionnaire_close(*, questionnaire: Questionnaire) -> Questionnaire:
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ValidationError(NOT_OPEN)
    questionnaire.status = Questionnaire.Status.CLOSED
    questionnaire.save(update_fields=["status"])
    return questionnaire


def ensure_draft(questionnaire: Questionnaire) -> None:
    if questionnaire.status != Questionnaire.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)


@transaction.atomic
def question_save(*, question: Question, choices: list[str] | None = None) -> Question:
    """Create or update a question; `choices` (one per line in the form) replace the old ones."""
    ensure_draft(question.questionnaire)
    if question.pk is None:
        last = question.questionnaire.questions.order_by("-order").first()
        question.order = (last.order + 1) if last else 1
    question.save()
    if question.has_choices and choices is not None:
        question.choices.all().delete()
        Choice.objects.bulk_create(
            Choice(
                question=question,
                order=n,
                text=text.lstrip("*").strip(),
                is_correct=text.startswith("*"),
            )
            for n, text in enumerate(choices, start=1)
        )
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    ensure_draft(question.questionnaire)
    question.delete()


def response_for(questionnaire: Questionnaire, person: Person) -> Response | None:
    return Response.objects.filter(questionnaire=questionnaire, person=person).first()


def has_sent(questionnaire: Questionnaire, person: Person) -> bool:
    return Respondent.objects.filter(questionnaire=questionnaire, person=person).exists()


@transaction.atomic
def response_save(
    *,
    questionnaire: Questionnaire,
    person: Person,
    values: dict[int, object],
    send: bool,
    today: datetime.date,
) -> Response:
    """Keep the person's answers (a draft), or send them once, while the questionnaire is open
    `today`; an anonymous questionnaire's sent answers are detached from the person."""
    if not questionnaire.accepts_answers_on(today):
        raise ValidationError(NOT_ACCEPTING)
    if has_sent(questionnaire, person):
        raise ValidationError(ALREADY_SENT)
    response, _created = Response.objects.select_for_update().get_or_create(
        questionnaire=questionnaire, person=person
    )
    response.answers.all().delete()
    answers = []
    for question in questionnaire.questions.all():
        value = values.get(question.pk)
        if value in (None, "", []):
            continue
        if question.kind == Question.Kind.MULTIPLE:
            answers += [
                Answer(response=response, question=question, choice_id=int(c)) for c in value
            ]
        elif question.kind == Question.Kind.SINGLE:
            answers.append(Answer(response=response, question=question, choice_id=int(value)))
        elif question.kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
            answers.append(Answer(response=response, question=question, number=Decimal(value)))
        else:
            answers.append(Answer(response=response, question=question, text=str(value)))
    Answer.objects.bulk_create(answers)
    if send:
        # An anonymous answer keeps the day only: a time to the microsecond beside the
        # respondent's would tell whose it is.
        moment = _day_start(today) if questionnaire.anonymous else timezone.now()
        try:
            with transaction.atomic():
                Respondent.objects.create(
                    questionnaire=questionnaire, person=person, sent_at=moment
                )
        except IntegrityError as error:
            raise ValidationError(ALREADY_SENT) from error
        response.sent_at = moment
        if questionnaire.anonymous:
            response.person = None
    response.save()
    if send and questionnaire.anonymous:  # auto_now stamped the moment again
        Response.objects.filter(pk=response.pk).update(updated_at=moment)
    return response


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
