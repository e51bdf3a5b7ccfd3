"""What every .xlsx/.csv export shares."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value):
    """Text that Excel would run as a formula is written as text (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def keep_formulas_as_text(sheet) -> None:
    """Cells openpyxl took for formulas (text starting with «=») are written as plain text.

    Used where a file is read back by an import, so no apostrophe may be added to the text.
    """
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx download with its Russian file name (RFC 5987)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
