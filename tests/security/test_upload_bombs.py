"""Uploads built to exhaust a worker (issue #18, item 1): a sheet that declares a million rows
and sixteen thousand columns, millions of small rows zipped small, shared strings that unpack
to tens of megabytes, a CSV cell of 200 000 characters. Every import reads through
core.spreadsheets.read_table, which stops at its caps: each is refused with a Russian
message, quickly and in little memory."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook

from core.spreadsheets import WORKSHEET_TYPE, SpreadsheetError, read_table

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def xlsx_with(replace: dict[str, bytes]) -> bytes:
    """A valid one-sheet workbook whose parts in `replace` are swapped for the given bytes."""
    book = Workbook()
    book.active.append(["Фамилия", "Имя"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, data in replace.items():
            if name not in source.namelist():
                target.writestr(name, data)
    return out.getvalue()


def huge_dimension() -> bytes:
    """Declares A1:XFD1048576; one cell in the first row and one in the last."""
    xml = (
        SHEET_HEAD + '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    return xlsx_with({SHEET: xml.encode()})


def many_rows(count: int) -> bytes:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, count + 1))
    return xlsx_with({SHEET: (SHEET_HEAD + f"<sheetData>{rows}</sheetData></worksheet>").encode()})


def shared_strings_bomb() -> bytes:
    body = "<si><t>" + "0" * 1000 + "</t></si>"
    xml = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return xlsx_with({"xl/sharedStrings.xml": (xml + body * 30_000 + "</sst>").encode()})


SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)


def with_overrides(replace: dict[str, bytes], overrides: list[tuple[str, str]]) -> bytes:
    """`xlsx_with`, the manifest also declaring each (part, content type) of `overrides` (a part
    may be declared more than once)."""
    book = Workbook()
    book.active.append(["Фамилия", "Имя"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source:
        manifest = source.read("[Content_Types].xml").decode()
    declared = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides
    )
    manifest = manifest.replace("</Types>", declared + "</Types>")
    return xlsx_with({**replace, "[Content_Types].xml": manifest.encode()})


def tiny_shared_strings(count: int) -> bytes:
    body = "<si><t>а</t></si>" * count
    xml = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return (xml + body + "</sst>").encode()


def peak_memory(read) -> int:
    """The peak bytes Python allocated while running `read()`."""
    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (huge_dimension, "больше 10000 строк"),
        (lambda: many_rows(100_000), "больше 10000 строк"),
        (lambda: many_rows(1_000_000), "слишком большой объём"),
        (shared_strings_bomb, "слишком большой объём"),
    ],
    ids=["declared-A1:XFD1048576", "100000-rows", "1000000-rows", "shared-strings"],
)
def test_a_hostile_xlsx_is_refused_quickly_in_little_memory(content, message):
    data = content()
    assert len(data) < 8 * 1024 * 1024

    def read():
        with pytest.raises(SpreadsheetError, match=message):
            read_table(data, max_rows=10_000)

    started = time.perf_counter()
    read()
    assert time.perf_counter() - started < 15


def assert_refused_within_a_second_and_100_mb(data: bytes, message="слишком большой объём"):
    def read():
        with pytest.raises(SpreadsheetError, match=message):
            read_table(data, max_rows=10_000)

    started = time.perf_counter()
    read()
    assert time.perf_counter() - started < 1
    assert peak_memory(read) < 100 * 1024 * 1024


def test_shared_strings_under_another_name_are_capped_too():
    """#26: openpyxl finds the shared strings through [Content_Types].xml, whatever the part is
    called; a 50 KB file whose strings unpacked to 19 MB of tiny items read for 40 s."""
    data = with_overrides(
        {"xl/strs.xml": tiny_shared_strings(1_000_000)}, [("xl/strs.xml", SHARED_STRINGS_TYPE)]
    )
    assert len(data) < 200 * 1024
    assert_refused_within_a_second_and_100_mb(data)


def test_a_part_declared_a_sheet_and_shared_strings_has_the_small_cap():
    name = "xl/worksheets/sheet9.xml"
    data = with_overrides(
        {name: tiny_shared_strings(600_000)},
        [(name, WORKSHEET_TYPE), (name, SHARED_STRINGS_TYPE)],
    )
    assert_refused_within_a_second_and_100_mb(data)


def test_parts_that_together_unpack_too_far_are_refused():
    """Each part under its cap, 48 MB of them in all."""
    filler = b"<x/>" * (2 * 1024 * 1024)
    data = xlsx_with({f"docProps/extra{n}.xml": filler for n in range(6)})
    assert_refused_within_a_second_and_100_mb(data)


def test_a_sheet_may_be_larger_than_any_other_part():
    """A worksheet is streamed, so it alone may exceed the in-memory parts' cap."""
    long_text = "Ж" * (5 * 1024 * 1024)  # 10 MB of UTF-8
    xml = (
        SHEET_HEAD + "<sheetData>"
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{long_text}</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    table = read_table(xlsx_with({SHEET: xml.encode()}), max_rows=10)
    assert [(number, cells[0]) for number, cells in table[:1]] == [(1, "Фамилия")]
    assert table[1][0] == 2 and len(table[1][1][0]) == len(long_text)


def test_the_declared_million_rows_take_little_memory():
    """The probe's file took a worker to 3.8 GB."""
    data = huge_dimension()

    def read():
        with pytest.raises(SpreadsheetError):
            read_table(data, max_rows=10_000)

    assert peak_memory(read) < 64 * 1024 * 1024


def test_a_csv_cell_of_200000_characters_is_a_message_not_an_error():
    content = ("Фамилия;Имя\n" + "А" * 200_000 + ";Иван\n").encode()
    with pytest.raises(SpreadsheetError, match="слишком длинная ячейка"):
        read_table(content, max_rows=10_000)


def test_a_short_file_reads_as_before():
    content = "Фамилия;Имя\n\nИванов;Иван\n".encode()
    assert read_table(content, max_rows=10) == [(1, ["Фамилия", "Имя"]), (3, ["Иванов", "Иван"])]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field"),
    [("registry:people-import", "file"), ("mentoring:roadmap-upload", "file")],
)
def test_the_upload_pages_answer_the_bomb_with_a_message(client, curator, school, url, field):
    from mentoring.roadmap_services import roadmap_start_from_sample
    from tests.mentoring.factories import year_2021

    roadmap_start_from_sample(organization=school, academic_year=year_2021())
    client.force_login(curator)
    upload = io.BytesIO(huge_dimension())
    upload.name = "bomb.xlsx"
    response = client.post(reverse(url), {field: upload, "year": 2021}, follow=True)
    assert response.status_code == 200
    assert "строк: разделите его на части" in response.content.decode()


@pytest.mark.django_db
def test_junk_in_ids_and_query_parameters_is_a_404_or_ignored_never_a_500(
    client, curator, school, deputy
):
    """#18 item 10: the organization switcher with «abc» or a huge number, a NUL byte in the
    pairs list's filter, an oversized author id in the report form."""
    from monitoring.models import SemesterReport
    from tests.mentoring.factories import year_2021

    client.force_login(curator)
    for junk in ("abc", str(2**70), "1\x00"):
        response = client.post(reverse("organization-switch"), {"organization": junk})
        assert response.status_code == 404, junk
    page = client.get(reverse("mentoring:assignment-list"), {"form": "teacher\x00teacher"})
    assert page.status_code == 200
    report = SemesterReport.objects.create(organization=school, academic_year=year_2021(), half=1)
    client.force_login(deputy)
    response = client.post(
        reverse("monitoring:report", args=[report.pk]),
        {"conclusions": "", "plans": "", "authors": [str(2**70)]},
    )
    assert response.status_code == 200
    assert "id_authors_error" in response.content.decode() and not report.authors.exists()


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims `width` × `height` pixels (a decompression bomb)."""
    import struct
    import zlib

    from tests.files import png_bytes

    data = bytearray(png_bytes(1, 1))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n", "повреждён или только назван"),
        (b"%PDF-1.4\n%%EOF\n", "повреждён или только назван"),
        (lambda: _png_claiming(50_000, 50_000), "слишком большое для скана"),
        (lambda: __import__("tests.files").files.png_bytes()[:-20], "повреждён"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "повреждён"),
    ],
    ids=["pdf-header-over-html", "pdf-without-pages", "png-bomb", "truncated-png", "fake-jpeg"],
)
def test_a_scan_is_parsed_and_a_hostile_one_refused_leaving_nothing_on_disk(
    client, school, curator, content, message, settings, tmp_path
):
    """#26: a PDF must open with pages, an image must decode whole at a scan's size; a file
    refused leaves nothing in the uploads."""
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from registry.models import Consent
    from tests.factories import PersonFactory

    data = content() if callable(content) else content
    settings.MEDIA_ROOT = tmp_path / "media"  # this test's own: other tests leave their scans
    person = PersonFactory(organization=school)
    client.force_login(curator)
    page = client.post(
        reverse("registry:consent-add", args=[person.pk]),
        {"kind": "personal_data", "given_on": "2021-09-01",
         "scan": SimpleUploadedFile("скан.pdf", data)},
        follow=True,
    ).content.decode()  # fmt: skip
    from tests.pages import visible_text

    assert message in page, visible_text(page)[-1500:]
    assert not Consent.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not (media.exists() and list(media.rglob("*")))


def test_a_real_scan_is_taken(client, school, curator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from registry.models import Consent
    from tests.factories import PersonFactory
    from tests.files import pdf_bytes, png_bytes

    person = PersonFactory(organization=school)
    client.force_login(curator)
    for kind, data in (("personal_data", pdf_bytes()), ("participation", png_bytes(1200, 1700))):
        client.post(
            reverse("registry:consent-add", args=[person.pk]),
            {"kind": kind, "given_on": "2021-09-01", "scan": SimpleUploadedFile("скан", data)},
        )
    assert sorted(c.scan.name.rsplit(".", 1)[1] for c in Consent.objects.all()) == ["pdf", "png"]
