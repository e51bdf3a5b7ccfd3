"""Files as people upload them, made by the tests' own writers: a real one-page PDF, a real
PNG — the scans' checks parse what they take (core.uploads)."""

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


def libreoffice_csv(rows: list[list[str]]) -> bytes:
    """A sheet as LibreOffice Calc saves it as «Текст CSV» in a Russian locale on Windows:
    Windows-1251, «;» between cells, «"» around a cell only where it holds «;», «"» or a line
    break (a quote doubled), CRLF at each line's end; dates as the sheet shows them with its
    short format (14.03.98), decimals with a comma."""
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            if any(ch in cell for ch in ';"\n'):
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        lines.append(";".join(cells))
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")
