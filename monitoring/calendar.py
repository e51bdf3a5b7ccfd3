"""The questionnaires a person is to fill, in their calendar feed (calendars.feeds): each on
its closing day, until it is sent."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from calendars.feeds import CalendarEntry, calendar_person
from core.russian import date_numeric
from monitoring.questionnaires.selectors import my_questionnaires


def questionnaires_to_fill(user: User, today: datetime.date):
    person = calendar_person(user)
    if person is None:
        return []
    return [
        CalendarEntry(
            uid=f"questionnaire-{row['questionnaire'].pk}",
            title=_("Заполнить анкету «%(title)s»") % {"title": row["questionnaire"].title},
            starts=row["questionnaire"].closes_on,
            description=_("Анкета принимает ответы до %(date)s включительно.")
            % {"date": date_numeric(row["questionnaire"].closes_on)},
            path=reverse("monitoring:fill", args=[row["questionnaire"].pk]),
        )
        for row in my_questionnaires(person, today)
        if not row["sent"]
    ]
