from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class CalendarFeed(models.Model):
    """The secret of a person's calendar feed (calendars.feeds): whoever has the link sees
    that person's items, so it is replaced or removed from the profile page at will."""

    user = models.OneToOneField(
        User, verbose_name=_("пользователь"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("ключ ссылки"), max_length=64, unique=True)
    # The owner's password as it was when the link was given (its session hash): a new
    # password ends the link, as it ends the owner's sessions.
    issued_for = models.CharField(_("пароль при выдаче"), max_length=64, db_default="")
    created_at = models.DateTimeField(_("выдана"), auto_now=True)

    class Meta:
        db_table = "accounts_calendarfeed"  # the table accounts made: its rows stay
        verbose_name = _("ссылка на календарь")
        verbose_name_plural = _("ссылки на календари")

    def __str__(self) -> str:
        return str(self.user)
