"""Questionnaires waiting for the person's answers (notices.registry)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.http import PortalRequest
from mentoring.selectors import person_here
from monitoring.questionnaires.selectors import my_questionnaires
from notices.registry import Notice


def questionnaires_to_answer(request: PortalRequest, today: datetime.date) -> list[Notice]:
    person = person_here(request)
    if person is None:
        return []
    waiting = [
        row["questionnaire"].pk for row in my_questionnaires(person, today) if not row["sent"]
    ]
    return [
        Notice(
            "questionnaires",
            _("Анкеты, которые нужно заполнить"),
            tuple(sorted(waiting)),
            reverse("monitoring:my-questionnaires"),
        )
    ]
