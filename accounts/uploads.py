"""Scans of signed paper (consents, orders, agreements): one check for every upload of them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_SIGNATURES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
SCAN_TOO_BIG = _("Скан больше 10 МБ.")
SCAN_WRONG_KIND = _("Скан должен быть PDF, JPEG или PNG.")


def checked_scan(scan, stem: str):
    """The uploaded scan, if it is a PDF, JPEG or PNG of at most 10 MB by its first bytes (not
    by its name), renamed `stem.<kind>`; a ValidationError in Russian otherwise."""
    if not scan or not hasattr(scan, "read"):
        return scan
    if scan.size > SCAN_MAX_BYTES:
        raise forms.ValidationError(SCAN_TOO_BIG)
    head = scan.read(16)
    scan.seek(0)
    kind = next((ext for sig, ext in SCAN_SIGNATURES.items() if head.startswith(sig)), None)
    if kind is None:
        raise forms.ValidationError(SCAN_WRONG_KIND)
    scan.name = f"{stem}.{kind}"
    return scan
