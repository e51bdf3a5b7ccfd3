"""A quick stand-in for WeasyPrint's layout in tests that are not about PDFs.

Laying a document out (two passes for the fallbacks, tables, the embedded font) is the dearest
thing many access, URL and fuzz tests do, and they never look at the layout. Outside tests
marked `pdf`, `documents.rendering.layout` gets the document's text only — every word, in
order, one paragraph per block, in the shipped font — laid out once: a real PDF whose text a
test can still read, at a fraction of the cost. The same HTML gives the same bytes, so a
process keeps the last few hundred PDFs by their HTML: the access, URL and fuzz tests ask for
the same documents as each persona in turn. Tests about documents (wording, layout,
typography, signatures, page counts) carry the marker and get the real thing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from unittest.mock import patch

BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "table", "section", "br", "td", "th"}
SKIPPED = {"style", "script", "head", "title"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


@lru_cache(maxsize=1)
def _stylesheet():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from documents.rendering import font_face_css

    fonts = FontConfiguration()
    css = font_face_css() + "body { font-family: 'Document Serif'; font-size: 9pt; }"
    return CSS(string=css, font_config=fonts), fonts


def quick_layout(html: str, *, draft: bool = False):
    from weasyprint import HTML

    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.flush()  # the text after the last block
    blocks = (["ПРОЕКТ"] if draft else []) + parser.blocks
    body = "".join(f"<p>{escape(block)}</p>" for block in blocks)
    stylesheet, fonts = _stylesheet()
    return HTML(string=f"<html><body>{body}</body></html>").render(
        stylesheets=[stylesheet], font_config=fonts
    )


@lru_cache(maxsize=512)
def quick_pdf(html: str, *, draft: bool = False, archival: bool = False) -> bytes:
    from documents.rendering import ARCHIVAL_VARIANT

    variant = ARCHIVAL_VARIANT if archival else None
    return quick_layout(html, draft=draft).write_pdf(pdf_variant=variant)


@contextmanager
def quick_pdfs() -> Iterator[None]:
    """Within it, documents are laid out by `quick_layout` instead of WeasyPrint's layout
    (and `html_to_pdf` remembers the bytes of an HTML it has made)."""
    from documents import rendering

    with (
        patch.object(rendering, "layout", quick_layout),
        patch.object(rendering, "html_to_pdf", quick_pdf),
    ):
        yield
