"""Documents waiting for the director's signature, in the director's calendar feed
(calendars.feeds): each on the day it was sent, until it is signed or returned."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.policy import organizations_allowing
from calendars.feeds import CalendarEntry
from documents.models import Document


def waiting_signature(user: User, today: datetime.date):
    documents = (
        Document.objects.on_signature()
        .filter(organization__in=organizations_allowing(user, "documents.sign"))
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
