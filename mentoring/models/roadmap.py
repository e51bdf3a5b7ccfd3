"""The roadmap (дорожная карта) of a school for an academic year, with completion marks."""

from __future__ import annotations

import calendar
import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear, Organization, TenantQuerySet, User
from registry.models import Person


class MarkStatus(models.TextChoices):
    """Stored statuses of a completion mark; «просрочено» is computed, never stored."""

    NOT_STARTED = "not_started", _("не начато")
    IN_PROGRESS = "in_progress", _("в работе")
    DONE = "done", _("выполнено")


OVERDUE_LABEL = _("просрочено")


class RoadmapQuerySet(TenantQuerySet):
    pass


class Roadmap(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey(
        AcademicYear, verbose_name=_("учебный год"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("название"), max_length=500)
    agreed_by = models.ForeignKey(
        User,
        verbose_name=_("согласовал (муниципальный координатор)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_on = models.DateField(_("дата согласования"), null=True, blank=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year__start_year"]
        verbose_name = _("дорожная карта")
        verbose_name_plural = _("дорожные карты")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year"], name="roadmap_unique_per_year"
            ),
            models.CheckConstraint(
                condition=Q(agreed_by__isnull=True) | Q(agreed_on__isnull=False),
                name="roadmap_agreement_dated",
                violation_error_message=_("Укажите дату согласования."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RoadmapItemQuerySet(TenantQuerySet):
    organization_field = "roadmap__organization"


class RoadmapItem(models.Model):
    class DeadlineKind(models.TextChoices):
        DATE = "date", _("дата")
        MONTH = "month", _("ежегодно, месяц")
        YEAR_ROUND = "year_round", _("в течение года")

    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("дорожная карта"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("порядок"))
    number = models.CharField(_("№"), max_length=10)
    task = models.CharField(_("этап, задача"), max_length=500)
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("ответственный (из портала)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_text = models.CharField(_("ответственный"), max_length=300, blank=True)
    expected_result = models.TextField(_("ожидаемый результат, документы"), blank=True)
    deadline_kind = models.CharField(
        _("вид срока"), max_length=20, choices=DeadlineKind.choices, default=DeadlineKind.YEAR_ROUND
    )
    deadline_date = models.DateField(_("срок: дата"), null=True, blank=True)
    deadline_month = models.PositiveSmallIntegerField(
        _("срок: месяц"), null=True, blank=True, help_text=_("Последний месяц периода, 1–12.")
    )
    deadline_text = models.CharField(_("срок"), max_length=200, blank=True)
    mark_status = models.CharField(
        _("статус выполнения"),
        max_length=20,
        choices=MarkStatus.choices,
        default=MarkStatus.NOT_STARTED,
    )
    mark_text = models.CharField(
        _("отметка о выполнении"),
        max_length=500,
        blank=True,
        help_text=_("Например: приказ от 01.09.2021 № 144"),
    )
    mark_date = models.DateField(_("дата отметки"), null=True, blank=True)
    document_ref = models.CharField(
        _("документ"), max_length=500, blank=True, help_text=_("Ссылка на документ в портале.")
    )

    objects = RoadmapItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("пункт дорожной карты")
        verbose_name_plural = _("пункты дорожной карты")
        constraints = [
            models.CheckConstraint(
                condition=~Q(deadline_kind="date") | Q(deadline_date__isnull=False),
                name="roadmap_item_date_deadline_has_date",
                violation_error_message=_("Укажите дату срока."),
            ),
            models.CheckConstraint(
                condition=~Q(deadline_kind="month")
                | Q(deadline_month__gte=1, deadline_month__lte=12),
                name="roadmap_item_month_deadline_has_month",
                violation_error_message=_("Укажите месяц срока (1–12)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.task}"

    @property
    def responsible(self) -> str:
        if self.responsible_person_id:
            return self.responsible_person.short_name
        return self.responsible_text

    def due_date(self) -> datetime.date:
        """The last day the item may be done within its roadmap's academic year."""
        year = self.roadmap.academic_year
        if self.deadline_kind == self.DeadlineKind.DATE:
            return self.deadline_date
        if self.deadline_kind == self.DeadlineKind.MONTH:
            calendar_year = year.start_year if self.deadline_month >= 8 else year.start_year + 1
            last = calendar.monthrange(calendar_year, self.deadline_month)[1]
            return datetime.date(calendar_year, self.deadline_month, last)
        return year.ends_on

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.mark_status != MarkStatus.DONE and self.due_date() < today

    @property
    def status_label(self) -> str:
        return str(OVERDUE_LABEL) if self.is_overdue() else self.get_mark_status_display()

    @property
    def status_badge(self) -> str:
        if self.is_overdue():
            return "danger"
        return {
            MarkStatus.NOT_STARTED: "secondary",
            MarkStatus.IN_PROGRESS: "warning",
            MarkStatus.DONE: "success",
        }[self.mark_status]


class RoadmapEvent(models.Model):
    item = models.ForeignKey(
        RoadmapItem, verbose_name=_("пункт"), on_delete=models.CASCADE, related_name="events"
    )
    order = models.PositiveSmallIntegerField(_("порядок"), default=1)
    text = models.CharField(_("мероприятие"), max_length=1000)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("мероприятие дорожной карты")
        verbose_name_plural = _("мероприятия дорожной карты")

    def __str__(self) -> str:
        return self.text
