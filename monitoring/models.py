"""Questionnaires: built by the curator, aimed at an audience, filled online once per person."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear, Organization, Role, TenantQuerySet, User
from core.russian import date_numeric, year_range
from registry.models import MentoringForm, Person, PersonCategory


class QuestionnaireQuerySet(TenantQuerySet):
    def open_on(self, day: datetime.date) -> QuestionnaireQuerySet:
        """Open and taking answers on `day` (Questionnaire.accepts_answers_on for one)."""
        return self.filter(status=Questionnaire.Status.OPEN, opens_on__lte=day, closes_on__gte=day)


class Questionnaire(models.Model):
    class Kind(models.TextChoices):
        SURVEY = "survey", _("анкета")
        PRE_TEST = "pre_test", _("входной тест")
        POST_TEST = "post_test", _("итоговый тест")

    class Status(models.TextChoices):
        DRAFT = "draft", _("черновик")
        OPEN = "open", _("открыта")
        CLOSED = "closed", _("закрыта")

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("название"), max_length=300)
    description = models.TextField(_("пояснение для отвечающих"), blank=True)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.SURVEY)
    template = models.CharField(_("шаблон"), max_length=50, blank=True, editable=False)
    pre_test = models.ForeignKey(
        "self",
        verbose_name=_("входной тест"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="post_tests",
        help_text=_("Для итогового теста: с каким входным тестом сравнивать."),
    )
    anonymous = models.BooleanField(
        _("анонимная"), default=False, help_text=_("Ответы не связываются с тем, кто отвечал.")
    )
    status = models.CharField(
        _("состояние"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    opens_on = models.DateField(_("открыта с"))
    closes_on = models.DateField(_("открыта по"))
    audience_role = models.CharField(
        _("кому: роль"), max_length=20, choices=Role.choices, blank=True
    )
    audience_category = models.CharField(
        _("кому: категория"), max_length=20, choices=PersonCategory.choices, blank=True
    )
    audience_form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("кому: участники формы наставничества"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    audience_assignments = models.ManyToManyField(
        "mentoring.Assignment",
        verbose_name=_("кому: участники пар и групп"),
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("создал"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("анкета")
        verbose_name_plural = _("анкеты")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__lte=F("closes_on")), name="questionnaire_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def accepts_answers_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.opens_on <= day <= self.closes_on


class QuestionQuerySet(TenantQuerySet):
    organization_field = "questionnaire__organization"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("один вариант")
        MULTIPLE = "multiple", _("несколько вариантов")
        SCALE = "scale", _("шкала")
        NUMBER = "number", _("число")
        TEXT = "text", _("свободный ответ")

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("анкета"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("номер"), default=1)
    text = models.CharField(_("вопрос"), max_length=1000)
    kind = models.CharField(_("тип ответа"), max_length=10, choices=Kind.choices)
    required = models.BooleanField(_("обязательный"), default=True)
    scale_min = models.SmallIntegerField(_("шкала от"), default=1)
    scale_max = models.SmallIntegerField(_("шкала до"), default=5)
    scale_min_label = models.CharField(_("подпись минимума"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("подпись максимума"), max_length=100, blank=True)
    points = models.PositiveSmallIntegerField(
        _("баллов за верный ответ"), default=0, help_text=_("Для тестов.")
    )
    # A number answer: a count by default (whole, not below zero)
    number_min = models.IntegerField(_("число не меньше"), default=0, db_default=0)
    number_max = models.IntegerField(_("число не больше"), null=True, blank=True)
    number_fraction = models.BooleanField(
        _("можно дробное число"),
        default=False,
        db_default=False,
        help_text=_("Например, стаж «5,5»; иначе ответ — целое число."),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("вопрос")
        verbose_name_plural = _("вопросы")
        constraints = [
            models.CheckConstraint(
                condition=Q(number_max__isnull=True) | Q(number_min__lte=F("number_max")),
                name="question_number_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(scale_min__lt=F("scale_max")), name="question_scale_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("вопрос"), on_delete=models.CASCADE, related_name="choices"
    )
    order = models.PositiveSmallIntegerField(_("номер"), default=1)
    text = models.CharField(_("вариант"), max_length=500)
    is_correct = models.BooleanField(_("верный"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("вариант ответа")
        verbose_name_plural = _("варианты ответа")

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One person's answers to a questionnaire: a draft until sent, sent once.

    For an anonymous questionnaire the sent response keeps no link to the person; a
    `Respondent` row remembers only that they have answered."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("анкета"), on_delete=models.CASCADE, related_name="responses"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("отвечающий"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="responses",
    )
    sent_at = models.DateTimeField(_("отправлена"), null=True, blank=True)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)

    class Meta:
        verbose_name = _("ответ на анкету")
        verbose_name_plural = _("ответы на анкеты")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person"],
                condition=Q(person__isnull=False),
                name="response_one_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} — {self.pk}"


class Respondent(models.Model):
    """Who has sent an answer (for response rates and «once only»), without the answers."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="respondents"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ответивший")
        verbose_name_plural = _("ответившие")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person"], name="respondent_once_per_questionnaire"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire}: {self.person_id}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("ответ"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("вопрос"), on_delete=models.CASCADE, related_name="answers"
    )
    choice = models.ForeignKey(
        Choice, verbose_name=_("вариант"), on_delete=models.CASCADE, null=True, blank=True
    )
    number = models.DecimalField(_("число"), max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("текст"), blank=True)

    class Meta:
        verbose_name = _("ответ на вопрос")
        verbose_name_plural = _("ответы на вопросы")
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice_id or self.number or self.text[:30]}"


class SemesterReport(models.Model):
    """Справка по итогам полугодия: computed from the portal; only its conclusions, plans and
    authors are written by hand."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("1 полугодие")
        SECOND = 2, _("2 полугодие")

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "accounts.AcademicYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    half = models.PositiveSmallIntegerField(_("полугодие"), choices=Half.choices)
    conclusions = models.TextField(_("выводы"), blank=True)
    plans = models.TextField(_("задачи на следующее полугодие"), blank=True)
    authors = models.ManyToManyField(
        Person, verbose_name=_("подписывают справку"), blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year__start_year", "-half"]
        verbose_name = _("справка по итогам полугодия")
        verbose_name_plural = _("справки по итогам полугодия")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year", "half"], name="semester_report_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_half_display()} {self.academic_year.title}"

    @property
    def heading(self) -> str:
        """«Справка по итогам 1 полугодия 2021–2022 учебного года», as pages name it."""
        return report_heading(self.academic_year, self.half)


def report_heading(year: AcademicYear, half: int) -> str:
    """«Справка по итогам 1 полугодия 2021–2022 учебного года»."""
    return f"Справка по итогам {half} полугодия {year_range(year.start_year)} учебного года"


class ReportVersionQuerySet(TenantQuerySet):
    organization_field = "report__organization"


class ReportVersion(models.Model):
    """A finalised edition of a semester report (утверждённая справка): the figures as they
    were computed, the PDF rendered once from them and its hash. Version 1 is the report as
    approved; each later one is a corrected edition (исправленная редакция) with its reason.
    Never changed once written."""

    report = models.ForeignKey(
        SemesterReport,
        verbose_name=_("справка"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("редакция"))
    figures = models.JSONField(_("цифры справки"), editable=False)
    pdf = models.BinaryField(_("PDF"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    finalised_at = models.DateTimeField(_("утверждена"))
    finalised_by = models.ForeignKey(
        User, verbose_name=_("утвердил"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("основание исправления"), blank=True)

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("утверждённая редакция справки")
        verbose_name_plural = _("утверждённые редакции справок")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="report_version_numbered_from_one"
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""), name="report_correction_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}, редакция {self.number}"

    @property
    def is_correction(self) -> bool:
        return self.number > 1


# --- Kirkpatrick: behaviour (observations against a checklist) and results for the school ---


class Criterion(models.Model):
    """A line of the school's observation checklist (Kirkpatrick's behaviour level)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(_("что наблюдаем"), max_length=300)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    is_active = models.BooleanField(_("в чек-листе"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("критерий наблюдения")
        verbose_name_plural = _("чек-лист наблюдения")
        constraints = [
            models.UniqueConstraint(fields=["organization", "text"], name="criterion_unique_text"),
        ]

    def __str__(self) -> str:
        return self.text


class Observation(models.Model):
    """A mentor's or curator's observation of a mentee's work, scored against the checklist."""

    class Score(models.IntegerChoices):
        ABSENT = 0, _("не проявляется")
        PARTLY = 1, _("проявляется частично")
        STEADY = 2, _("проявляется устойчиво")

    assignment = models.ForeignKey(
        "mentoring.Assignment",
        verbose_name=_("пара или группа"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    mentee = models.ForeignKey(
        "registry.MenteeProfile",
        verbose_name=_("наставляемый"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    observer = models.ForeignKey(
        User,
        verbose_name=_("наблюдал"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    observed_on = models.DateField(_("дата наблюдения"))
    note = models.TextField(_("комментарий"), blank=True)
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)

    class Meta:
        ordering = ["observed_on", "pk"]
        verbose_name = _("наблюдение")
        verbose_name_plural = _("наблюдения")

    def __str__(self) -> str:
        return f"{self.mentee} — {date_numeric(self.observed_on)}"


class ObservationScore(models.Model):
    observation = models.ForeignKey(
        Observation, verbose_name=_("наблюдение"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("критерий"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("оценка"), choices=Observation.Score.choices)

    class Meta:
        verbose_name = _("оценка по критерию")
        verbose_name_plural = _("оценки по критериям")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "criterion"], name="observation_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=2), name="observation_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_score_display()}"


class IndicatorValue(models.Model):
    """A school indicator for a half-year (Kirkpatrick's results level), entered by the curator."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "accounts.AcademicYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    half = models.PositiveSmallIntegerField(_("полугодие"), choices=SemesterReport.Half.choices)
    name = models.CharField(_("показатель"), max_length=300)
    unit = models.CharField(_("единица"), max_length=30, blank=True)
    value = models.DecimalField(_("значение"), max_digits=12, decimal_places=2)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("показатель школы")
        verbose_name_plural = _("показатели школы")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year", "half", "name"],
                name="indicator_value_unique",
            ),
            models.CheckConstraint(condition=Q(half__in=[1, 2]), name="indicator_half_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class Reminder(models.Model):
    """A reminder e-mailed about one health item to one person on one day (`send_reminders`
    sends each at most once a day)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField(_("пункт"), max_length=100)
    recipient = models.EmailField(_("кому"))
    sent_on = models.DateField(_("дата"))

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "pk"]
        verbose_name = _("напоминание")
        verbose_name_plural = _("напоминания")
        constraints = [
            models.UniqueConstraint(
                fields=["item_key", "recipient", "sent_on"], name="reminder_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_key} {date_numeric(self.sent_on)}"
