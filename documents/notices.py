"""The director's notification: documents waiting for signature (notices.registry)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.http import PortalRequest
from accounts.policy import can
from documents.models import Document
from notices.registry import Notice


def documents_to_sign(request: PortalRequest, today: datetime.date) -> list[Notice]:
    if not can(request, "documents.sign"):
        return []
    ids = Document.objects.for_request(request).on_signature().order_by("pk")
    return [
        Notice(
            "sign",
            _("Документы на подпись"),
            tuple(ids.values_list("pk", flat=True)),
            reverse("documents:inbox"),
        )
    ]
