"""A cancelled order's marked copy: the stored, signed bytes with «Отменён приказом от … № …»
stamped at the top of every page. The original keeps its bytes (and its SHA-256); every page
that shows or downloads the order gives the marked copy, and the original beside it."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation

from documents.rendering import render_pdf

STAMP_TEMPLATE = "documents/pdf/_cancelled_mark.html"


def marked_copy(pdf: bytes, mark: str) -> bytes:
    """`pdf` with `mark` stamped over the top of each page (whatever its size or orientation),
    its document information and outline kept."""
    stamp = PdfReader(io.BytesIO(render_pdf(STAMP_TEMPLATE, {"mark": mark}))).pages[0]
    stamp_height = float(stamp.mediabox.height)
    writer = PdfWriter(clone_from=io.BytesIO(pdf))  # pages, outline and information kept
    for page in writer.pages:
        lift = float(page.mediabox.top) - stamp_height
        page.merge_transformed_page(stamp, Transformation().translate(0, lift))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
