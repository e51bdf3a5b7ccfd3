"""Files as people upload them, made by the tests' own writers: a real one-page PDF, a real
PNG — the scans' checks parse what they take (accounts.uploads)."""

from __future__ import annotations

import io


def pdf_bytes(note: str = "") -> bytes:
    """A valid PDF of one A4 page; `note` goes in its metadata, to tell two files apart."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if note:
        writer.add_metadata({"/Subject": note})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes(width: int = 40, height: int = 60) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()
