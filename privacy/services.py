"""Writes of the privacy app: a data subject's request recorded, its package started in the
background and its reply letter prepared as a draft for the director to sign."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from documents.models import Document
from jobs.services import job_start
from privacy.models import SubjectRequest
from privacy.package import SUBJECT_KIND
from registry.models import Person

REPLY_TITLE = "Об обработке персональных данных"


@transaction.atomic
def subject_request_record(
    *,
    organization: Organization,
    person: Person,
    received_on: datetime.date,
    requested_by: str,
    address: str,
    by: User,
    today: datetime.date,
) -> SubjectRequest:
    """The request as received; the package of everything the portal holds about the person
    is built by a job, and the letter answering it under 152-ФЗ ст. 14 ч. 7 is prepared as a
    draft (signed, numbered in the outgoing letters' journal, sent with the package)."""
    entry = SubjectRequest.objects.create(
        organization=organization,
        person=person,
        received_on=received_on,
        requested_by=requested_by,
        address=address,
        created_by=by,
    )
    entry.reply = Document.objects.create(
        organization=organization,
        kind=Document.Kind.SUBJECT_REPLY,
        title=REPLY_TITLE,
        created_by=by,
        person=person,
        params={
            "received_on": received_on.isoformat(),
            "requested_by": requested_by,
            "address": address,
            "package_on": today.isoformat(),
        },
    )
    entry.job = job_start(
        organization=organization,
        user=by,
        kind=SUBJECT_KIND,
        params={"request": entry.pk, "today": today.isoformat()},
        title=_("Сведения о субъекте ПДн: %(name)s") % {"name": person.short_name},
    )
    entry.save(update_fields=["reply", "job"])
    return entry
