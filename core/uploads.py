"""Scans of signed paper (consents, orders, agreements): one check for every upload of them.

A scan is taken by what it is, not by its name or its first bytes alone: a PDF must open as a
PDF with pages (pypdf), an image as a JPEG or PNG whose every byte decodes (Pillow's verify)
and whose size in pixels is that of a scan, not of a decompression bomb. A file that fails is
refused before anything is written to disk."""

from __future__ import annotations

import io
import logging
import warnings

from django import forms
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

SCAN_MAX_BYTES = 10 * 1024 * 1024
# An A4 page scanned at 600 dpi is 35 million pixels; a bigger «scan» is a bomb.
SCAN_MAX_PIXELS = 60_000_000
SCAN_MAX_PAGES = 500
SCAN_SIGNATURES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
PILLOW_FORMATS = {"png": "PNG", "jpg": "JPEG"}
SCAN_TOO_BIG = _("Скан больше 10 МБ.")
SCAN_WRONG_KIND = _("Скан должен быть PDF, JPEG или PNG.")
SCAN_BROKEN = _(
    "Файл скана повреждён или только назван PDF, JPEG или PNG: отсканируйте документ заново "
    "и сохраните его в одном из этих форматов."
)
SCAN_TOO_MANY_PIXELS = _(
    "Изображение слишком большое для скана (больше 60 млн точек): сохраните его с меньшим "
    "разрешением."
)


def checked_scan(scan, stem: str):
    """The uploaded scan, if it is a PDF, JPEG or PNG of at most 10 MB that opens as what it
    says it is, renamed `stem.<kind>`; a ValidationError in Russian otherwise."""
    if not scan or not hasattr(scan, "read"):
        return scan
    if scan.size > SCAN_MAX_BYTES:
        raise forms.ValidationError(SCAN_TOO_BIG)
    content = scan.read()
    scan.seek(0)
    kind = next((ext for sig, ext in SCAN_SIGNATURES.items() if content.startswith(sig)), None)
    if kind is None:
        raise forms.ValidationError(SCAN_WRONG_KIND)
    if kind == "pdf":
        _check_pdf(content)
    else:
        _check_image(content, PILLOW_FORMATS[kind])
    scan.name = f"{stem}.{kind}"
    return scan


def _check_pdf(content: bytes) -> None:
    """It opens as a PDF, with pages: a PDF header over HTML or anything else does not."""
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages = len(PdfReader(io.BytesIO(content)).pages)
    except Exception as error:  # any parse failure is the same refusal to the person
        logger.info("A scan refused: not a PDF (%s)", type(error).__name__)
        raise forms.ValidationError(SCAN_BROKEN) from error
    if not 1 <= pages <= SCAN_MAX_PAGES:
        raise forms.ValidationError(SCAN_BROKEN)


def _check_image(content: bytes, expected_format: str) -> None:
    """It is the image its first bytes promise, of a scan's size, and it decodes whole."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:  # reads the header only
            if image.format != expected_format:
                raise forms.ValidationError(SCAN_BROKEN)
            width, height = image.size
            if width * height > SCAN_MAX_PIXELS:
                raise forms.ValidationError(SCAN_TOO_MANY_PIXELS)
            image.verify()
    except forms.ValidationError:
        raise
    except Image.DecompressionBombError as error:  # beyond Pillow's own cap, at the header
        raise forms.ValidationError(SCAN_TOO_MANY_PIXELS) from error
    except Exception as error:  # truncated, corrupt
        logger.info("A scan refused: not an image (%s)", type(error).__name__)
        raise forms.ValidationError(SCAN_BROKEN) from error
