"""The roadmap (дорожная карта) of a school for one or more academic years, with completion
marks."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear, Organization, TenantQuerySet, User
from core.links import safe_link, validate_link
from core.periods import academic_year_of
from mentoring.deadlines import Calendar, DeadlineKind, Period, Span
from registry.models import Person


class MarkStatus(models.TextChoices):
    """Stored statuses of a completion mark; «просрочено» is computed, never stored."""

    NOT_STARTED = "not_started", _("не начато")
    IN_PROGRESS = "in_progress", _("в работе")
    DONE = "done", _("выполнено")


OVERDUE_LABEL = _("просрочено")
DATED_KINDS = [kind for kind in DeadlineKind.values if kind != DeadlineKind.ON_DEMAND]
STATUS_BADGES = {
    MarkStatus.NOT_STARTED: "secondary",
    MarkStatus.IN_PROGRESS: "warning",
    MarkStatus.DONE: "success",
}


class RoadmapQuerySet(TenantQuerySet):
    def covering(self, start_year: int) -> RoadmapQuerySet:
        """Roadmaps whose academic years include the one starting in `start_year`."""
        return self.filter(
            academic_year__start_year__lte=start_year,
            academic_year__start_year__gt=start_year - F("years"),
        )


class Roadmap(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey(
        AcademicYear, verbose_name=_("учебный год"), on_delete=models.PROTECT, related_name="+"
    )
    years = models.PositiveSmallIntegerField(
        _("учебных лет"),
        default=1,
        help_text=_("Сколько учебных лет, начиная со своего, охватывает дорожная карта."),
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
            models.CheckConstraint(
                condition=Q(years__gte=1),
                name="roadmap_spans_a_year",
                violation_error_message=_("Дорожная карта охватывает хотя бы один учебный год."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def first_year(self) -> int:
        return self.academic_year.start_year

    @property
    def last_year(self) -> int:
        return self.academic_year.start_year + self.years - 1

    @property
    def years_label(self) -> str:
        """«2021–2022» for one academic year, «2022–2024» for two."""
        return f"{self.first_year}–{self.last_year + 1}"

    def covers(self, start_year: int) -> bool:
        return self.first_year <= start_year <= self.last_year

    def span(self, calendar: Calendar | None = None) -> Span:
        return Span(self.first_year, self.last_year, calendar or Calendar.load())


class RoadmapItemQuerySet(TenantQuerySet):
    organization_field = "roadmap__organization"

    def covering(self, start_year: int) -> RoadmapItemQuerySet:
        """Items of the roadmaps whose academic years include the one starting in `start_year`."""
        return self.filter(
            roadmap__academic_year__start_year__lte=start_year,
            roadmap__academic_year__start_year__gt=start_year - F("roadmap__years"),
        )


class ItemStatus(NamedTuple):
    label: str
    badge: str  # the Bootstrap colour of its badge


class RoadmapItem(models.Model):
    """A stage of the roadmap. Its deadline keeps the text as typed and the period read from it
    (mentoring.deadlines); a recurring item stores its occurrence in the roadmap's first year
    and is due again in each later one."""

    DeadlineKind = DeadlineKind

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
    deadline_kind = models.CharField(_("вид срока"), max_length=20, choices=DeadlineKind.choices)
    deadline_starts = models.DateField(_("срок: начало"), null=True, blank=True)
    deadline_ends = models.DateField(_("срок: конец"), null=True, blank=True)
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
        _("документ"),
        max_length=500,
        blank=True,
        help_text=_("Ссылка на документ в портале или на сайте школы, или его реквизиты."),
        validators=[validate_link],
    )

    objects = RoadmapItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("пункт дорожной карты")
        verbose_name_plural = _("пункты дорожной карты")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    deadline_kind=DeadlineKind.ON_DEMAND,
                    deadline_starts__isnull=True,
                    deadline_ends__isnull=True,
                )
                | Q(
                    deadline_kind__in=DATED_KINDS,
                    deadline_starts__isnull=False,
                    deadline_ends__isnull=False,
                    deadline_starts__lte=F("deadline_ends"),
                ),
                name="roadmap_item_deadline_period",
                violation_error_message=_(
                    "У срока есть начало и конец, не раньше начала; у срока «по мере "
                    "необходимости» дат нет."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.task}"

    @property
    def document_link(self) -> str | None:
        """The document's address if it may be shown as a link (see core.links)."""
        return safe_link(self.document_ref)

    @property
    def responsible(self) -> str:
        if self.responsible_person_id:
            return self.responsible_person.short_name
        return self.responsible_text

    def period_in(self, start_year: int) -> Period | None:
        """The item's period as seen in the academic year starting in `start_year`: for a
        recurring item that year's occurrence (the first or last one outside the roadmap's
        years); None without a deadline. Needs `roadmap__academic_year`."""
        if self.deadline_kind == DeadlineKind.ON_DEMAND:
            return None
        period = Period(self.deadline_starts, self.deadline_ends)
        if self.deadline_kind != DeadlineKind.RECURRING:
            return period
        roadmap = self.roadmap
        year = min(max(start_year, roadmap.first_year), roadmap.last_year)
        return period.shifted(year - roadmap.first_year)

    def period_on(self, on: datetime.date) -> Period | None:
        """The period that counts on a day: a recurring item's occurrence in that day's year."""
        return self.period_in(academic_year_of(on))

    def is_overdue(self, on: datetime.date) -> bool:
        """Not done, and the period that counts on `on` ended before it. A recurring item marked
        done is done in every year (one mark per item)."""
        if self.mark_status == MarkStatus.DONE:
            return False
        period = self.period_on(on)
        return period is not None and period.ends < on

    def status_on(self, on: datetime.date) -> ItemStatus:
        if self.is_overdue(on):
            return ItemStatus(str(OVERDUE_LABEL), "danger")
        return ItemStatus(self.get_mark_status_display(), STATUS_BADGES[self.mark_status])


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
