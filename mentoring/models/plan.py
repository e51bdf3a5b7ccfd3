"""Personal plans (персонализированная программа), individual routes and the meetings log."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import TenantQuerySet, User
from core.russian import date_numeric
from mentoring.models.assignment import Assignment
from registry.models import Competency, MenteeProfile


class PlanQuerySet(TenantQuerySet):
    organization_field = "assignment__organization"

    def with_progress(self) -> PlanQuerySet:
        return self.annotate(
            events_total=Count("tasks__events"),
            events_done=Count("tasks__events", filter=Q(tasks__events__done_on__isnull=False)),
        )


class Plan(models.Model):
    """The personal plan of one pair or group: tasks, each a table of events."""

    assignment = models.OneToOneField(
        Assignment, verbose_name=_("пара или группа"), on_delete=models.CASCADE, related_name="plan"
    )
    goal = models.TextField(_("цель наставничества"))
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("персонализированная программа")
        verbose_name_plural = _("персонализированные программы")

    def __str__(self) -> str:
        return f"План: {self.assignment}"


class PlanTask(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("план"), on_delete=models.CASCADE, related_name="tasks"
    )
    order = models.PositiveSmallIntegerField(_("номер"))
    title = models.CharField(_("задача"), max_length=500)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("задача плана")
        verbose_name_plural = _("задачи плана")

    def __str__(self) -> str:
        return f"Задача {self.order}. {self.title}"


class PlanEvent(models.Model):
    task = models.ForeignKey(
        PlanTask, verbose_name=_("задача"), on_delete=models.CASCADE, related_name="events"
    )
    order = models.PositiveSmallIntegerField(_("номер"), default=1)
    title = models.CharField(_("мероприятие"), max_length=500)
    due = models.CharField(_("сроки реализации"), max_length=100, blank=True)
    expected_result = models.CharField(_("ожидаемый результат"), max_length=500, blank=True)
    done_on = models.DateField(_("выполнено"), null=True, blank=True)
    done_note = models.CharField(_("отметка"), max_length=500, blank=True)
    done_by = models.ForeignKey(
        User,
        verbose_name=_("отметил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("мероприятие плана")
        verbose_name_plural = _("мероприятия плана")
        constraints = [
            models.CheckConstraint(
                condition=Q(done_on__isnull=False) | Q(done_note=""),
                name="plan_event_note_only_when_done",
                violation_error_message=_(
                    "Отметку можно оставить только у выполненного мероприятия."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IndividualRoute(models.Model):
    """An individual route (ИОМ) of one mentee of a group: diagnosed deficits and steps."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("план"), on_delete=models.CASCADE, related_name="routes"
    )
    mentee = models.ForeignKey(
        MenteeProfile,
        verbose_name=_("наставляемый"),
        on_delete=models.PROTECT,
        related_name="routes",
    )
    deficits = models.ManyToManyField(
        Competency, verbose_name=_("выявленные дефициты"), blank=True, related_name="+"
    )
    diagnosis = models.TextField(_("итоги диагностики"), blank=True)

    class Meta:
        verbose_name = _("индивидуальный образовательный маршрут")
        verbose_name_plural = _("индивидуальные образовательные маршруты")
        constraints = [
            models.UniqueConstraint(fields=["plan", "mentee"], name="route_unique_per_mentee"),
        ]

    def __str__(self) -> str:
        return f"ИОМ: {self.mentee}"


class RouteStep(models.Model):
    class Area(models.TextChoices):
        SUBJECT = "subject", _("предметно-методическая")
        PSYCHOLOGY = "psychology", _("психолого-педагогическая")
        COMMUNICATION = "communication", _("коммуникативная")
        GROWTH = "growth", _("акмеологическая")

    route = models.ForeignKey(
        IndividualRoute, verbose_name=_("маршрут"), on_delete=models.CASCADE, related_name="steps"
    )
    area = models.CharField(_("компетенция"), max_length=20, choices=Area.choices)
    events = models.CharField(_("мероприятия"), max_length=500)
    due = models.CharField(_("сроки"), max_length=100, blank=True)
    done_on = models.DateField(_("выполнено"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("шаг маршрута")
        verbose_name_plural = _("шаги маршрута")

    def __str__(self) -> str:
        return self.events


class MeetingQuerySet(TenantQuerySet):
    organization_field = "assignment__organization"

    def held(self) -> MeetingQuerySet:
        """Meetings that took place (a planned one counts once it is marked held)."""
        return self.filter(held=True)

    def planned(self) -> MeetingQuerySet:
        return self.filter(held=False)


class Meeting(models.Model):
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("пара или группа"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    held_on = models.DateField(_("дата"))
    # Planned ahead by the mentor (held False, with a time and a place or link), then marked
    # held with its notes; logged after the fact it is held from the start.
    held = models.BooleanField(_("проведена"), default=True, db_default=True)
    starts_at = models.TimeField(_("время"), null=True, blank=True)
    place = models.CharField(
        _("место или ссылка"), max_length=300, blank=True, db_default="", default=""
    )
    duration_minutes = models.PositiveSmallIntegerField(_("продолжительность, мин"), default=45)
    topic = models.CharField(_("тема"), max_length=300)
    notes = models.TextField(_("заметки"), blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("записал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=600),
                name="meeting_duration_sane",
                violation_error_message=_("Продолжительность встречи — от 5 до 600 минут."),
            ),
        ]

    def __str__(self) -> str:
        return f"{date_numeric(self.held_on)} — {self.topic}"


def last_meeting() -> models.Subquery:
    """A pair's last meeting held: what «without meetings» and the lists read (planned ones do
    not count until they are held). A subquery probed per row: an aggregate over a join to
    the meetings made PostgreSQL hash every school's meetings for a page of 25
    (bench/region.py)."""
    return models.Subquery(
        Meeting.objects.filter(assignment=models.OuterRef("pk"), held=True)
        .order_by("-held_on")
        .values("held_on")[:1]
    )
