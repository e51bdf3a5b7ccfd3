"""The one way a document becomes a PDF: an HTML template, our CSS, an embedded serif font.

The font comes from the `fontpkg-pt-serif` package (PT Serif, OFL), never from the system,
so every machine prints the same pages.
"""

from __future__ import annotations

from functools import lru_cache

import fontpkg_pt_serif
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from documents.typography import typeset

FONT_FILES = {
    ("normal", "normal"): "PT_Serif-Web-Regular.ttf",
    ("bold", "normal"): "PT_Serif-Web-Bold.ttf",
    ("normal", "italic"): "PT_Serif-Web-Italic.ttf",
    ("bold", "italic"): "PT_Serif-Web-BoldItalic.ttf",
}


def font_face_css() -> str:
    root = fontpkg_pt_serif.ROOT / "files"
    return "\n".join(
        "@font-face { font-family: 'Document Serif'; "
        f"src: url('{(root / name).as_uri()}'); font-weight: {weight}; font-style: {style}; }}"
        for (weight, style), name in FONT_FILES.items()
    )


@lru_cache(maxsize=1)
def _stylesheet() -> tuple[CSS, FontConfiguration]:
    fonts = FontConfiguration()
    css = render_to_string("documents/pdf/document.css", {"font_faces": font_face_css()})
    return CSS(string=css, font_config=fonts), fonts


# A document not yet signed says so on every page, in the upper right corner (the page number
# keeps the centre): a draft printed by mistake is never filed as the order.
DRAFT_CSS = """@page { @top-right { content: "ПРОЕКТ"; font-family: 'Document Serif';
  font-size: 12pt; font-weight: bold; letter-spacing: 0.2em; vertical-align: bottom;
  padding-bottom: 4mm; } }"""


@lru_cache(maxsize=1)
def _draft_stylesheet() -> CSS:
    return CSS(string=DRAFT_CSS, font_config=_stylesheet()[1])


def render_html(template_name: str, context: dict) -> str:
    """The document's HTML with Russian office typography applied (documents.typography)."""
    return typeset(render_to_string(template_name, context))


# Tables wrap between words only (document.css). A table whose words are wider than its page
# even so (a word someone typed that is longer than any in a dictionary's sense of a column) is
# laid out again with its cells hyphenated and, past that, broken anywhere: cut words are
# better than a column off the page.
WIDE_TABLE_CSS = "th, td { hyphens: auto !important; overflow-wrap: anywhere !important; }"


@lru_cache(maxsize=1)
def _wide_table_stylesheet() -> CSS:
    return CSS(string=WIDE_TABLE_CSS, font_config=_stylesheet()[1])


def tables_wider_than_the_page(document) -> list[tuple[int, float, float]]:
    """(page number, table width, page width) of each table that runs off its page."""
    from weasyprint.formatting_structure.boxes import TableBox

    found = []
    for number, page in enumerate(document.pages, start=1):
        root = page._page_box.children[0]  # the <html> box: the page's content width
        for box in page._page_box.descendants():
            if isinstance(box, TableBox) and box.width > root.width + 1:
                found.append((number, box.width, root.width))
    return found


# A justified line gapes when its spaces stretch by more than this share of the font size
# beyond their own width (about five spaces' worth). A paragraph or list item with such a line
# is laid out again ragged-right: long blanks («______») in a consent or names glued with their
# initials cannot be justified well, and a clerk would not file the gaps. Paragraphs are not
# hyphenated: names would be cut and the PDF's words no longer found by a search.
GAPING_EM = 1.0
RAGGED_CSS = ".ragged-right { text-align: left !important; }"


@lru_cache(maxsize=1)
def _ragged_stylesheet() -> CSS:
    return CSS(string=RAGGED_CSS, font_config=_stylesheet()[1])


def gaping_lines(document) -> list[tuple[object, str]]:
    """(element, text) of each justified line whose spaces stretch by more than GAPING_EM."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    found = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if not isinstance(box, LineBox):
                continue
            texts = [t for t in box.descendants() if isinstance(t, TextBox)]
            if any(
                (getattr(t, "justification_spacing", 0) or 0) > GAPING_EM * t.style["font_size"]
                for t in texts
            ):
                found.append((box.element, "".join(t.text for t in texts)))
    return found


def layout(html: str, *, draft: bool = False):
    """The document laid out in pages (a WeasyPrint Document): what tests read to see where
    blocks fall. A `draft` says «ПРОЕКТ» on every page. Laid out again where a table runs
    off the page (WIDE_TABLE_CSS) or a justified line gapes (RAGGED_CSS on its block)."""
    stylesheet, fonts = _stylesheet()
    stylesheets = [stylesheet, _draft_stylesheet()] if draft else [stylesheet]
    source = HTML(string=html, base_url="/")
    document = source.render(stylesheets=stylesheets, font_config=fonts)
    again = False
    if tables_wider_than_the_page(document):
        stylesheets.append(_wide_table_stylesheet())
        again = True
    gaping = {id(element): element for element, _ in gaping_lines(document)}
    if gaping:
        for element in gaping.values():
            element.set("class", f"{element.get('class') or ''} ragged-right".strip())
        stylesheets.append(_ragged_stylesheet())
        again = True
    if again:
        document = source.render(stylesheets=stylesheets, font_config=fonts)
    return document


# A signed document is kept for years: it is stored as PDF/A-2b (ISO 19005-2), the archival
# PDF that carries its fonts, colours and description within itself.
ARCHIVAL_VARIANT = "pdf/a-2b"


def html_to_pdf(html: str, *, draft: bool = False, archival: bool = False) -> bytes:
    return layout(html, draft=draft).write_pdf(pdf_variant=ARCHIVAL_VARIANT if archival else None)


def render_pdf(
    template_name: str, context: dict, *, draft: bool = False, archival: bool = False
) -> bytes:
    """Render a document template (autoescaped Django template) to PDF bytes: a `draft` says
    «ПРОЕКТ» on every page, an `archival` one is PDF/A-2b."""
    return html_to_pdf(render_html(template_name, context), draft=draft, archival=archival)


def render_pdfs(documents: list[tuple[str, dict]]) -> bytes:
    """Several documents (template, context) in one PDF to print at once; each keeps its own
    page numbering."""
    laid_out = [layout(render_html(template, context)) for template, context in documents]
    pages = [page for document in laid_out for page in document.pages]
    return laid_out[0].copy(pages).write_pdf()


def pdf_response(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    """A PDF download (or inline view) with its Russian file name (RFC 5987). A name that
    ends with an abbreviation («… Толкалина О.В.») takes no second full stop before «pdf»."""
    stem = filename.removesuffix(".pdf").rstrip(".")
    filename = f"{stem}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=attachment, filename=filename
    )
    return response
