"""The header's notifications: what each person has to act on now, registered by the
apps, and which of them the person has seen."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Уведомления")
