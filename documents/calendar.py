"""Documents waiting for the director's signature, in the director's calendar feed
(accounts.calendar): each on the day it was sent, until it is signed or returned."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import organizations_where
from accounts.calendar import CalendarEntry
from accounts.models import Role, User
from documents.models import Document


def waiting_signature(user: User, today: datetime.date):
    documents = (
        Document.objects.on_signature()
        .filter(organization__in=organizations_where(user, Role.DIRECTOR))
        .defer("pdf")
        .order_by("sent_at", "pk")
    )
    return [
        CalendarEntry(
            uid=f"signature-{document.pk}",
            title=_("На подпись: %(title)s") % {"title": document.title},
            starts=timezone.localdate(document.sent_at) if document.sent_at else today,
            path=reverse("documents:detail", args=[document.pk]),
        )
        for document in documents
    ]
