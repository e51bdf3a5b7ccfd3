from __future__ import annotations

import datetime

from django.utils import timezone

from monitoring.models import Questionnaire
from monitoring.questionnaires.services import (
    questionnaire_create_from_template,
    questionnaire_open,
)


def open_questionnaire(organization, code="mentor-potential", **fields) -> Questionnaire:
    today = timezone.localdate()
    questionnaire = questionnaire_create_from_template(
        organization=organization,
        code=code,
        by=None,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=10),
    )
    for name, value in fields.items():
        setattr(questionnaire, name, value)
    questionnaire.save()
    return questionnaire_open(questionnaire=questionnaire)


def draft_questionnaire(organization, code="mentor-potential") -> Questionnaire:
    today = timezone.localdate()
    return questionnaire_create_from_template(
        organization=organization,
        code=code,
        by=None,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=10),
    )
