"""A data subject's request (152-ФЗ, ст. 14): when it came, when it was answered, by whom."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, TenantQuerySet, User
from jobs.models import Job
from registry.models import Person


class SubjectRequest(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("субъект"), on_delete=models.CASCADE, related_name="subject_requests"
    )
    received_on = models.DateField(_("запрос получен"))
    requested_by = models.CharField(
        _("кто обратился"),
        max_length=300,
        help_text=_("Сам субъект или его законный представитель (ФИО)."),
    )
    answered_on = models.DateField(_("сведения подготовлены"), null=True, blank=True)
    job = models.ForeignKey(
        Job, verbose_name=_("файл сведений"), on_delete=models.SET_NULL, null=True, blank=True
    )
    address = models.CharField(
        _("почтовый адрес для ответа"), max_length=300, blank=True,
        help_text=_("Печатается в письме над обращением; можно оставить пустым."),
    )  # fmt: skip
    reply = models.ForeignKey(
        "documents.Document",
        verbose_name=_("ответ (письмо)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("внёс"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("запрос субъекта персональных данных")
        verbose_name_plural = _("запросы субъектов персональных данных")
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("received_on")),
                name="subject_request_answered_after_received",
                violation_error_message=_("Сведения не могут быть подготовлены раньше запроса."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.received_on}"
