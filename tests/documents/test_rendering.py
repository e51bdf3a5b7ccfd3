"""documents.rendering: what holds for any document, whatever its words."""

from __future__ import annotations

from documents.rendering import layout, tables_wider_than_the_page


def table(words: str, columns: int = 6) -> str:
    cells = "".join(f"<td>{words}</td>" for _ in range(columns))
    return f'<html lang="ru"><body><table class="grid dense"><tr>{cells}</tr></table></body></html>'


def test_a_table_of_ordinary_words_is_laid_out_without_cutting_them():
    laid_out = layout(table("Профессиональная адаптация наставляемых", columns=4))
    assert tables_wider_than_the_page(laid_out) == []
    text = "".join(
        box.text for page in laid_out.pages for box in page._page_box.descendants()
        if hasattr(box, "text")
    )  # fmt: skip
    assert "-" not in text


def test_a_word_wider_than_a_column_is_cut_rather_than_run_off_the_page():
    monster = "Здоровьесберегающе" * 4  # typed by someone, longer than any column
    plain = layout(f'<html lang="ru"><body><p>{monster}</p></body></html>')
    assert plain.pages  # a paragraph is not a table: nothing to do
    laid_out = layout(table(monster))
    assert tables_wider_than_the_page(laid_out) == []


def lines_of(laid_out, css_class: str) -> list[str]:
    """The lines, as laid out, of the elements of `css_class`."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    found = []
    for page in laid_out.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or css_class not in (element.get("class") or "").split():
                continue
            for line in box.descendants():
                if isinstance(line, LineBox):
                    texts = [t.text for t in line.descendants() if isinstance(t, TextBox)]
                    found.append("".join(texts))
    return found


def test_the_signature_stamp_never_breaks_the_signers_name():
    """#25: a long double surname moves to the next line whole."""
    from django.template.loader import render_to_string

    from documents.typography import typeset

    stamp = {"signer": "М.А. Сергеева-Ткаченко", "position": "директор", "at": "01.09.2021 10:15"}
    html = typeset(
        '<html lang="ru"><body><table class="signature"><tr><td>Директор</td><td class="stamp">'
        + render_to_string("documents/pdf/_stamp.html", {"stamp": stamp})
        + '</td><td class="right">М.А. Сергеева-Ткаченко</td></tr></table></body></html>'
    )
    lines = [line.replace("\xa0", " ") for line in lines_of(layout(html), "esign")]
    assert any("М.А. Сергеева-Ткаченко" in line for line in lines), lines
