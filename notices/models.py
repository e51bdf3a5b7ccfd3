from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class NoticeSeen(models.Model):
    """A thing a notification counts (`kind:id`) that the user has seen in the header's menu
    (notices.registry): a notice is unread while it counts something not seen."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "accounts_noticeseen"  # the table accounts made: its rows stay
        verbose_name = _("прочитанное уведомление")
        verbose_name_plural = _("прочитанные уведомления")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notice_seen_once"),
        ]

    def __str__(self) -> str:
        return self.key
