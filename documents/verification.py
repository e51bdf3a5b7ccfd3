"""Checking a signed document by the code on its electronic-signature stamp.

The stamp prints the first 16 hexadecimal digits of the SHA-256 of the signed text and a QR
code of the portal's verification page for that code. Anyone holding the paper (no login) can
see there what the portal signed under that code — the document's kind, number, date, school,
signer and whether it still stands — and nothing else: no text, no names of the people in it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from core.russian import date_numeric
from documents.models import Document

CODE_LENGTH = 16
_CODE = re.compile(rf"^[0-9a-f]{{{CODE_LENGTH}}}$")


def normalized_code(value: str) -> str | None:
    """The code as typed from paper («54CF DE58 398F 9F52», any case) or None if it is not
    one."""
    code = "".join(value.split()).lower()
    return code if _CODE.match(code) else None


def signed_by_code(code: str) -> Document | None:
    """The document the portal signed electronically under this code (signed, or cancelled
    since)."""
    return (
        Document.objects.filter(
            content_sha256__startswith=code,
            signed_electronically=True,
            status__in=(Document.Status.SIGNED, Document.Status.CANCELLED),
        )
        .select_related("organization", "signed_by", "for_order")
        .defer("pdf")
        .order_by("pk")
        .first()
    )


def standing(document: Document) -> str:
    """«Действует»; «Отменён приказом от … № …»; «Действует с изменениями, внесёнными
    приказом от … № …»."""
    from documents.services import cancellation_mark

    if document.status == Document.Status.CANCELLED:
        return cancellation_mark(document) or _("Отменён")
    amendments = list(
        Document.objects.filter(amends=document, status=Document.Status.SIGNED)
        .defer("pdf")
        .order_by("signed_on", "pk")
    )
    if amendments:
        cited = ", ".join(f"от {date_numeric(a.signed_on)} № {a.number}" for a in amendments)
        return _("Действует с изменениями, внесёнными приказом %(orders)s") % {"orders": cited}
    return _("Действует")


def verification_url(portal: str, code: str) -> str:
    return f"{portal.rstrip('/')}/verify/?code={code.upper()}"


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI for the stamp (segno; black on white, no
    border beyond the quiet zone the standard asks for)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
