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


def test_a_paragraph_that_cannot_justify_well_is_set_ragged_right_and_the_rest_stay_justified():
    """#25: long blanks leave a justified line with gaping spaces: that paragraph alone is
    laid out again flush left; an ordinary paragraph beside it stays justified."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import LineBox

    from documents.rendering import GAPING_EM, _stylesheet, gaping_lines, html_to_pdf
    from documents.typography import typeset

    blank = "_" * 40
    gaping = f"<p>Я, {blank}, выдан {blank}{blank}, серия ______ № ____.</p>"
    ordinary = (
        "<p>Настоящее дополнительное соглашение является неотъемлемой частью Трудового "
        "договора, составлено в двух экземплярах, имеющих равную юридическую силу: один "
        "хранится у Работодателя, другой передаётся Работнику.</p>"
    )
    html = typeset(f'<html lang="ru"><body>{gaping}{ordinary}</body></html>')

    stylesheet, fonts = _stylesheet()
    first = HTML(string=html).render(stylesheets=[stylesheet], font_config=fonts)
    assert [e.text.startswith("Я,") for e, _ in gaping_lines(first)] == [True]  # it gaped
    laid_out = layout(html)
    assert gaping_lines(laid_out) == [] and GAPING_EM > 0
    classes = {
        box.element.text[:2]: box.element.get("class")
        for page in laid_out.pages
        for box in page._page_box.descendants()
        if isinstance(box, LineBox)
    }
    assert classes == {"Я,": "ragged-right", "На": None}
    assert html_to_pdf(html).startswith(b"%PDF")
