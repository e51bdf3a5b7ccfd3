"""Every kind of document, printed for one fixed school, read whole against the text kept in
golden/: any change in wording, declension or typography (non-breaking spaces are shown as
«~») fails here, and is accepted by looking at the PDF and running

    GOLDEN_UPDATE=1 pytest tests/documents/test_golden.py

(GOLDEN_PDF_DIR=/some/dir also writes each PDF there, to look at with pdftoppm.)

Also: signature and acknowledgement blocks stay on one page.
"""

from __future__ import annotations

import datetime
import io
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from documents import printables
from documents.contexts import TEMPLATES, build_context
from documents.rendering import html_to_pdf, layout, render_html, tables_wider_than_the_page
from registry.models import Consent, Person
from tests.documents import golden_school
from tests.once import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GOLDEN_UPDATE") == "1"


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text in one line: pdf line breaks and justification spaces collapsed, a
    non-breaking space shown as «~»."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = page.extract_text()
        text = re.sub(r"[ \n]*\xa0[ \n]*", "~", text)
        pages.append(re.sub(r"\s+", " ", text).strip())
    return pages


def golden_text(pdf: bytes) -> str:
    return "".join(
        f"--- страница {n} ---\n{text}\n" for n, text in enumerate(page_texts(pdf), start=1)
    )


def check_golden(name: str, pdf: bytes) -> None:
    path = GOLDEN / f"{name}.txt"
    text = golden_text(pdf)
    if os.environ.get("GOLDEN_PDF_DIR"):
        (Path(os.environ["GOLDEN_PDF_DIR"]) / f"{name}.pdf").write_bytes(pdf)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden text for {name}: run with GOLDEN_UPDATE=1 and read it"
    assert text == path.read_text(encoding="utf-8")


_LAYOUTS: dict[str, object] = {}


def _a_quarter_past_ten(*args, **kwargs):
    from django.utils import timezone

    return datetime.datetime(2021, 9, 1, 10, 15, tzinfo=timezone.get_current_timezone())


@pytest.fixture(scope="module")
def _golden(django_db_setup, django_db_blocker, tmp_path_factory):
    """The school and its documents, each signed at 10:15 of its day by the school's clock
    (the stamp of the electronic signature prints the time), built once for the module."""
    from django.utils import timezone

    with built_once(django_db_blocker, tmp_path_factory), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", _a_quarter_past_ten)
        school = golden_school.build()
        yield school, golden_school.documents(school)
    _LAYOUTS.clear()


@pytest.fixture
def school(db, _golden):
    return _golden[0]


@pytest.fixture
def signed(db, _golden):
    return _golden[1]


ORDERS_AND_AGREEMENT = [
    "order_introduction",
    "order_assignment",
    "order_ending",
    "order_cancellation",
    "order_local_acts",
    "agreement",
    "subject_reply",
    "nomination",
    "cooperation",
]


@pytest.mark.parametrize("name", ORDERS_AND_AGREEMENT)
def test_signed_document_reads_as_its_golden_text(signed, name):
    check_golden(name, bytes(signed[name].pdf))


def for_order(person):
    """The person's pair or group of the golden school's order (each person has one): the
    blanks are printed for it, as from the order's package."""
    return printables.blank_assignments(person)


def _withdrawal(school):
    """The blank withdrawing the pupil's representative consent of the golden order."""
    given = Consent.objects.filter(person=school.pupil, kind=Consent.Kind.REPRESENTATIVE)
    if not given.exists():  # the signed documents gave them already
        golden_school.give_consents(school)
    consent = given.get()
    return printables.withdrawal_form(consent, golden_school.ENDING_DAY)


def test_roadmap_paper_reads_as_its_golden_text(signed, school):
    from mentoring.models import Roadmap

    roadmap = Roadmap.objects.get(organization=school.org)
    document = printables.roadmap_document(roadmap, golden_school.ORDER_DAY)
    check_golden("roadmap", html_to_pdf(render_html(*document)))


@pytest.mark.parametrize("name", ["privacy_policy", "esign_regulation"])
def test_local_acts_read_as_their_golden_text(signed, school, name):
    """The two local acts as the school prints them after the order adopting them: the grif
    «УТВЕРЖДЕНА приказом … от … №» filled, the policy naming the responsible person."""
    pdf = (
        printables.privacy_policy_pdf(school.org)
        if name == "privacy_policy"
        else printables.esign_regulation_pdf(school.org, "https://nastavnichestvo.example")
    )
    number = signed["order_local_acts"].number
    assert f"от «31»~мая 2022~г. №~{number}" in golden_text(pdf)
    check_golden(name, pdf)


def test_typography_holds_in_every_document(signed):
    """The rules documents.typography keeps, checked on the golden texts themselves."""
    for name in ORDERS_AND_AGREEMENT:
        text = golden_text(bytes(signed[name].pdf))
        assert not re.search(r"№ \d", text), name  # «№~145»
        assert not re.search(r"\d г\.(?!~)", text), name  # «2021~г.», «г.~Хабаровск» aside
        assert ".." not in text, name
        assert not re.search(r"\d{4}-\d{4}", text), name
        assert "«СШ~№~19»»" not in text, name  # nested quotes are „лапки“
        # a law's number reads as typed («273-ФЗ», «3273-р»), never with U+2010 or U+2011
        assert "\u2010" not in text and "\u2011" not in text, name


def _pages_of(document, css_class: str) -> list[set[int]]:
    """For each element of `css_class`, the pages its boxes are laid out on."""
    found: dict[int, set[int]] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None:
                continue
            if css_class in (element.get("class") or "").split():
                found.setdefault(id(element), set()).add(number)
    return list(found.values())


def _signature_page_holds_text(document) -> bool:
    """The page with the last signature block also carries text of the document itself."""
    signatures = []
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and "signature" in (element.get("class") or "").split():
                signatures.append((number, element))
    number, signature = signatures[-1]
    inside = set(signature.iter())
    page = document.pages[number - 1]._page_box
    return any(
        getattr(box, "text", "").strip() and box.element not in inside
        for box in page.descendants()
        if getattr(box, "element", None) is not None and box.element.tag != "html"
    )


def _laid_out(signed, school, name):
    """Each kind laid out once for the module's golden school: four checks read it."""
    if name not in _LAYOUTS:
        _LAYOUTS[name] = _lay_out(signed, school, name)
    return _LAYOUTS[name]


def _lay_out(signed, school, name):
    if name == "plan":
        return layout(render_html(*printables.plan_document(golden_school.plan_for(school))))
    if name == "withdrawal":
        return layout(render_html(*_withdrawal(school)))
    if name == "roadmap":
        from mentoring.models import Roadmap

        roadmap = Roadmap.objects.get(organization=school.org)
        return layout(render_html(*printables.roadmap_document(roadmap, golden_school.ORDER_DAY)))
    if name.startswith("consent_"):
        kind = name.removeprefix("consent_")
        person = {
            "mentee": school.young,
            "representative": school.pupil,
            "participation": Person.objects.get(last_name="Архипов"),
        }.get(kind, school.mentor)
        blank = printables.person_form(person, kind, golden_school.ORDER_DAY, for_order(person))
        return layout(render_html(*blank))
    document = signed[name]
    context = build_context(
        document, day=document.signed_on, number=document.number, signed_on=document.signed_on
    )
    return layout(render_html(TEMPLATES[document.kind], context))


EVERY_KIND = [
    *ORDERS_AND_AGREEMENT, "plan", "withdrawal", "roadmap",
    *(f"consent_{k}" for k in printables.FORMS),
]  # fmt: skip


@pytest.mark.parametrize("name", EVERY_KIND)
def test_signature_block_is_on_one_page_with_the_text(signed, school, name):
    laid_out = _laid_out(signed, school, name)
    blocks = _pages_of(laid_out, "signature") + _pages_of(laid_out, "keep")
    assert blocks, "the document has a signature block"
    assert all(len(pages) == 1 for pages in blocks), blocks
    assert _signature_page_holds_text(laid_out), "the signatures are alone on their page"


def test_semester_report_reads_as_its_golden_text(signed, school):
    """The deputy's report of the first half of 2021–2022 for the same school: its orders,
    forms, coverage, the hand-written parts and two signatories."""
    from monitoring.models import SemesterReport
    from monitoring.reports.semester import render_report_pdf
    from tests.mentoring.factories import year_2021

    year = year_2021()
    report = SemesterReport.objects.create(
        organization=school.org,
        academic_year=year,
        half=1,
        conclusions="Модель внедрена: пары и группы работают по программам.",
        plans="Провести итоговое анкетирование наставляемых.",
    )
    report.authors.set([school.deputy, school.curator])
    check_golden("semester_report", render_report_pdf(school.org, year, 1))


WORD = re.compile(r"[^\s\-‐‑–—]+")


def _text_of(element) -> str:
    """The text of an HTML element as it reads: inline markup (a no-wrap span) joins its
    neighbours, a line break or a block parts them."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " if child.tag in ("br", "p", "div", "li") else "")
        parts.append(_text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _broken_words(document) -> list[str]:
    """The words of table cells that a line break cut in two (by hyphenation or by force):
    each cell's words as laid out line by line against its words in the HTML."""
    from weasyprint.formatting_structure.boxes import LineBox, TableCellBox, TextBox

    lines: dict[object, list[str]] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TableCellBox):
                cell = lines.setdefault(box.element, [])
                for line in box.descendants():
                    if isinstance(line, LineBox):
                        cell.append(
                            "".join(t.text for t in line.descendants() if isinstance(t, TextBox))
                        )
    broken = []
    for element, cell_lines in lines.items():
        laid = [w for line in cell_lines for w in WORD.findall(line)]
        written = WORD.findall(_text_of(element))
        if laid != written:
            broken += [w for w in laid if w not in written]
    return broken


@pytest.mark.parametrize("name", EVERY_KIND)
def test_tables_fit_the_page_and_no_word_in_them_is_cut(signed, school, name):
    """#25: «Наименова-ние», «сен-тября» — headers and narrow cells wrap between words, and
    a table never runs off the page to get there (the roadmap goes landscape)."""
    laid_out = _laid_out(signed, school, name)
    assert _broken_words(laid_out) == []
    assert tables_wider_than_the_page(laid_out) == []


@pytest.mark.parametrize("name", EVERY_KIND)
def test_every_glyph_comes_from_the_shipped_font(signed, school, name):
    """#25: no character falls back to a font of the machine (the hyphen did)."""
    pdf = _laid_out(signed, school, name).write_pdf()
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith("Document-Serif") for f in fonts), fonts


@pytest.mark.parametrize("name", EVERY_KIND)
def test_no_justified_line_gapes(signed, school, name):
    """#25: a justified line never stretches its spaces past GAPING_EM; a paragraph that
    cannot justify well (long blanks) is set ragged-right, and the paragraph's first line is
    never a lone word (WeasyPrint once sent a line down before a «№ 152-ФЗ» kept whole)."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    from documents.rendering import gaping_lines

    laid_out = _laid_out(signed, school, name)
    assert gaping_lines(laid_out) == []
    firsts: dict[int, str] = {}
    for page in laid_out.pages:
        for box in page._page_box.descendants():
            if isinstance(box, LineBox) and box.element is not None and box.element.tag == "p":
                text = "".join(t.text for t in box.descendants() if isinstance(t, TextBox))
                firsts.setdefault(id(box.element), text)
    lone = [t for t in firsts.values() if len(t.split()) == 1 and len(t) < 4]
    assert lone == []
