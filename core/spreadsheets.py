"""What every .xlsx/.csv export and import shares."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from core.russian import date_numeric

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value):
    """For .csv: text that Excel would run as a formula gets a leading apostrophe (every
    import here reads it back without it, see `unguard`). An .xlsx needs no apostrophe: it goes
    through `workbook_bytes`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unguard(text: str) -> str:
    """A cell as exported, without the apostrophe `safe_cell` put before a formula sign."""
    if text[:1] == "'" and text[1:2] and text[1:2] in "".join(FORMULA_STARTS):
        return text[1:]
    return text


def workbook_bytes(workbook) -> bytes:
    """Save an export: every cell openpyxl took for a formula (text starting with «=») is
    stored as text with Excel's quote prefix — shown and read back exactly as written, never
    run. Numbers and dates stay numbers and dates. Every .xlsx export saves through here."""
    for sheet in workbook.worksheets:
        keep_formulas_as_text(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


DATE_FORMAT = "DD.MM.YYYY"  # how a Russian reader expects a date cell
SHARE_FORMAT = "0.0"  # a share in per cent, one decimal (Excel shows «75,0» in Russian)


def share_cells(sheet, column: int) -> None:
    """The cells of `column` (1-based) below the header as shares with one decimal."""
    for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        for cell in row:
            cell.number_format = SHARE_FORMAT


def date_cells(sheet) -> None:
    """Every date below the header shown 01.09.2021."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT


def dataset_xlsx(dataset, title: str) -> bytes:
    """A django-import-export dataset as .xlsx, through `workbook_bytes`: each cell of the
    type its value has — a date cell shown 01.09.2021, a number, text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(dataset.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in dataset:
        sheet.append([None if value == "" else value for value in row])
    date_cells(sheet)
    return workbook_bytes(workbook)


TEMPLATE_ROWS = 2000  # the rows a template's drop-down lists and formats reach


def template_xlsx(
    title: str,
    columns: list[str],
    example: list,
    *,
    choices: dict[str, list[str]] | None = None,
    widths: dict[str, int] | None = None,
) -> bytes:
    """A blank for an import: the header in bold, one example row, a drop-down list in each
    closed column (`choices`, openpyxl's data validation: any other value is refused with a
    Russian message) and date cells shown 01.09.2021."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(example)
    sheet.freeze_panes = "A2"
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = (widths or {}).get(column, max(12, len(column) + 4))
        if column in (choices or {}):
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(choices[column]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=str(_("Нет такого значения")),
                error=str(_("Выберите значение из списка: %s.")) % ", ".join(choices[column]),
            )
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            sheet.add_data_validation(rule)
    date_cells(sheet)
    return workbook_bytes(workbook)


def csv_value(value):
    """A cell as a Russian Excel reads it from .csv: 01.09.2021, 5,5; text guarded."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return date_numeric(value)
    if isinstance(value, Decimal | float):
        return f"{Decimal(str(value)).normalize():f}".replace(".", ",")
    return safe_cell(value)


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


# --- reading what people upload ----------------------------------------------------------
#
# Every import reads its file here, bounded: at most `max_rows` rows after the header and
# MAX_COLUMNS columns are ever read, whatever the file declares (an .xlsx may claim
# A1:XFD1048576), and an archive that would unpack to more than the caps below is refused
# before it is parsed. So a 2 KB upload cannot take a worker's memory or time.

MAX_COLUMNS = 50
# Unpacked sizes, checked on every part of the archive whatever it is named: openpyxl finds its
# parts through [Content_Types].xml and the relationships, not by name, so a shared-strings part
# may be called anything. In read-only mode openpyxl streams a worksheet but holds every other
# part whole (shared strings, styles, workbook, relationships, properties), and its cost grows
# with the number of elements: 17 MB of tiny shared strings took 40 s. So only a part the
# manifest declares a worksheet, and nothing else, may be large. A sheet of 10 000 real rows with
# inline strings is about 9 MB of XML; its shared strings, a few megabytes.
MAX_SHEET_XML = 30 * 1024 * 1024
MAX_PART_XML = 8 * 1024 * 1024
MAX_MANIFEST_XML = 256 * 1024
MAX_UNPACKED = 40 * 1024 * 1024
MAX_PARTS = 1000
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# Parts openpyxl reads whole by their fixed names, whatever the manifest says of them.
READ_BY_NAME = frozenset(
    {
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/styles.xml",
        "xl/theme/theme1.xml",
        "docProps/core.xml",
        "docProps/custom.xml",
        "docProps/app.xml",
    }
)
OFFICE_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8", b"\xd0\xcf\x11\xe0")

NOT_A_TABLE = _("Это не таблица: загрузите файл .xlsx или .csv (в Excel: «Сохранить как» → CSV).")
BROKEN_XLSX = _("Не удалось прочитать файл Excel: он повреждён или не .xlsx.")
TOO_BIG_XLSX = _("Файл Excel распаковывается в слишком большой объём: разделите его на части.")
UNKNOWN_ENCODING = _("Не удалось определить кодировку файла: сохраните его как CSV UTF-8.")
CELL_TOO_LONG = _("В файле есть слишком длинная ячейка: проверьте, что это таблица.")
TOO_MANY_ROWS = _("В файле больше %(limit)s строк: разделите его на части.")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read: the message says why, in Russian."""


def read_table(content: bytes, *, max_rows: int) -> list[tuple[int, list[str]]]:
    """(row number as Excel shows it, cells as text) for every non-empty row, the header
    included; SpreadsheetError when the file is no table or has more than `max_rows` rows
    besides the header. .xlsx, or .csv as Excel saves it: UTF-8 (with or without BOM) or
    Windows-1251, separated by «;», «,» or tabs."""
    if content.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(content)
    elif content.startswith(OFFICE_SIGNATURES) or b"\x00" in content[:4096]:
        raise SpreadsheetError(str(NOT_A_TABLE))
    else:
        rows = _csv_rows(content)
    table = []
    # Blank rows are skipped but still read: the physical rows read are bounded too.
    for count, (number, cells) in enumerate(rows, start=1):
        cells = [_text(c) for c in cells[:MAX_COLUMNS]]
        if any(cells):
            table.append((number, cells))
            if len(table) > max_rows + 1:
                raise SpreadsheetError(str(TOO_MANY_ROWS % {"limit": max_rows}))
        if count > 2 * (max_rows + 1) + 1000:
            raise SpreadsheetError(str(TOO_MANY_ROWS % {"limit": max_rows}))
    return table


def _text(cell) -> str:
    """A cell as the person typed it; Excel's date cells as 01.09.2021."""
    if isinstance(cell, datetime.datetime):
        cell = cell.date()
    if isinstance(cell, datetime.date):
        return date_numeric(cell)
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unguard(str(cell if cell is not None else "").strip())


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook  # reads through defusedxml when it is installed

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_unpacked_sizes(archive)
    except SpreadsheetError:
        raise
    except Exception as error:  # not a zip, encrypted, an unknown compression: same message
        raise SpreadsheetError(str(BROKEN_XLSX)) from error
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.active or workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust the declared A1:XFD1048576
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, row in enumerate(rows, start=1):
            yield number, list(row)
    except SpreadsheetError:
        raise
    except Exception as error:  # any broken file gives the person the same message
        raise SpreadsheetError(str(BROKEN_XLSX)) from error


def check_unpacked_sizes(archive: zipfile.ZipFile) -> None:
    """SpreadsheetError unless every part unpacks within its cap and all of them within
    MAX_UNPACKED. The sizes are the archive's own: zipfile never unpacks a part beyond the size
    its directory declares (a part that holds more fails its checksum), so checking them bounds
    what openpyxl can read."""
    members = archive.infolist()
    if len(members) > MAX_PARTS or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise SpreadsheetError(str(TOO_BIG_XLSX))
    streamed = _streamed_sheets(archive)
    for member in members:
        cap = MAX_SHEET_XML if member.filename in streamed else MAX_PART_XML
        if member.file_size > cap:
            raise SpreadsheetError(str(TOO_BIG_XLSX))


def _streamed_sheets(archive: zipfile.ZipFile) -> set[str]:
    """The parts openpyxl may stream: those the manifest declares worksheets and nothing else,
    and that it reads by no fixed name. A part declared twice (a worksheet and shared strings)
    is read whole, so it is no sheet here."""
    from defusedxml.ElementTree import fromstring

    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return set()
    if info.file_size > MAX_MANIFEST_XML:
        raise SpreadsheetError(str(TOO_BIG_XLSX))
    manifest = fromstring(archive.read(info))  # defusedxml: no entities, no DTD
    sheets, others = set(), set()
    for override in manifest:
        if not str(override.tag).endswith("Override"):
            continue
        name = override.get("PartName", "").lstrip("/")
        (sheets if override.get("ContentType") == WORKSHEET_TYPE else others).add(name)
    return sheets - others - READ_BY_NAME


def _csv_rows(content: bytes):
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(str(UNKNOWN_ENCODING))
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    try:
        yield from enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)
    except csv.Error as error:
        raise SpreadsheetError(str(CELL_TOO_LONG)) from error
