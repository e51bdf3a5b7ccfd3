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
