"""A person's calendar for subscription (iCalendar): the secret link and the feed
the apps fill with meetings and deadlines."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "calendars"
    verbose_name = _("Календари")
