"""Declension of real names as orders need them, dates and numbers as official papers write."""

from __future__ import annotations

import datetime

import pytest

from documents.russian import (
    Case,
    date_long,
    full_name,
    initials,
    number_sign,
    order_citation,
    short_name,
    signature_name,
)

G, D, A, INS = Case.GENITIVE, Case.DATIVE, Case.ACCUSATIVE, Case.INSTRUMENTAL

# (last, first, middle, gender, case, expected)
NAMES = [
    ("Иванов", "Иван", "Иванович", "m", G, "Иванова Ивана Ивановича"),
    ("Иванов", "Иван", "Иванович", "m", INS, "Ивановым Иваном Ивановичем"),
    ("Сидорова", "Светлана", "Сергеевна", "f", G, "Сидоровой Светланы Сергеевны"),
    ("Петрова", "Анна", "Сергеевна", "f", A, "Петрову Анну Сергеевну"),
    ("Бережная", "Елена", "Александровна", "f", G, "Бережной Елены Александровны"),
    ("Толкалина", "Ольга", "Викторовна", "f", G, "Толкалиной Ольги Викторовны"),
    ("Романова", "Елена", "Петровна", "f", D, "Романовой Елене Петровне"),
    ("Соловьёв", "Артём", "Дмитриевич", "m", G, "Соловьёва Артёма Дмитриевича"),
    ("Фёдорова", "Алёна", "Фёдоровна", "f", G, "Фёдоровой Алёны Фёдоровны"),
    ("Толстой", "Лев", "Николаевич", "m", G, "Толстого Льва Николаевича"),
    ("Толстая", "Софья", "Андреевна", "f", INS, "Толстой Софьей Андреевной"),
    ("Горький", "Максим", "Алексеевич", "m", D, "Горькому Максиму Алексеевичу"),
    ("Черных", "Анна", "Ивановна", "f", G, "Черных Анны Ивановны"),
    ("Черных", "Пётр", "Ильич", "m", G, "Черных Петра Ильича"),
    ("Шевченко", "Тарас", "Григорьевич", "m", G, "Шевченко Тараса Григорьевича"),
    ("Дурново", "Иван", "Николаевич", "m", D, "Дурново Ивану Николаевичу"),
    ("Гурко", "Ольга", "Павловна", "f", G, "Гурко Ольги Павловны"),
    ("Седых", "Игорь", "Олегович", "m", A, "Седых Игоря Олеговича"),
    ("Кузнец", "Иван", "Петрович", "m", G, "Кузнеца Ивана Петровича"),
    ("Кузнец", "Мария", "Петровна", "f", G, "Кузнец Марии Петровны"),
    ("Воробей", "Илья", "Ильич", "m", D, "Воробею Илье Ильичу"),
    ("Воробей", "Ирина", "Сергеевна", "f", D, "Воробей Ирине Сергеевне"),
    ("Мороз", "Дмитрий", "Олегович", "m", G, "Мороза Дмитрия Олеговича"),
    ("Мороз", "Дарья", "Олеговна", "f", G, "Мороз Дарьи Олеговны"),
    ("Петрова-Водкина", "Анна", "Кузьминична", "f", G, "Петровой-Водкиной Анны Кузьминичны"),
    ("Римский-Корсаков", "Николай", "Андреевич", "m", G, "Римского-Корсакова Николая Андреевича"),
    ("Смит", "Джон", "", "m", G, "Смита Джона"),
    ("Смит", "Анна", "", "f", G, "Смит Анны"),
    ("Гёте", "Иоганн", "", "m", D, "Гёте Иоганну"),
    ("Дюма", "Александр", "", "m", G, "Дюма Александра"),
    ("Ким", "Виктор", "Сергеевич", "m", G, "Кима Виктора Сергеевича"),
    ("Ким", "Елена", "Викторовна", "f", G, "Ким Елены Викторовны"),
    ("Цой", "Виктор", "Робертович", "m", D, "Цою Виктору Робертовичу"),
    ("Лаптев", "Кузьма", "Ильич", "m", G, "Лаптева Кузьмы Ильича"),
    ("Никитина", "Любовь", "Никитична", "f", G, "Никитиной Любови Никитичны"),
    ("Павлов", "Пётр", "Петрович", "m", A, "Павлова Петра Петровича"),
    ("Ильина", "Наталья", "Ильинична", "f", G, "Ильиной Натальи Ильиничны"),
    ("Зайцев", "Павел", "Львович", "m", INS, "Зайцевым Павлом Львовичем"),
    ("Белая", "Мария", "Андреевна", "f", G, "Белой Марии Андреевны"),
    ("Белый", "Андрей", "Андреевич", "m", G, "Белого Андрея Андреевича"),
    ("Головач", "Елена", "Сергеевна", "f", G, "Головач Елены Сергеевны"),
    ("Головач", "Олег", "Сергеевич", "m", G, "Головача Олега Сергеевича"),
    ("Нестеренко", "Юлия", "Алексеевна", "f", A, "Нестеренко Юлию Алексеевну"),
    ("Ткаченко", "Семён", "Семёнович", "m", G, "Ткаченко Семёна Семёновича"),
]


@pytest.mark.parametrize(("last", "first", "middle", "gender", "case", "expected"), NAMES)
def test_full_name_is_declined_by_gender(last, first, middle, gender, case, expected):
    assert full_name(last, first, middle, gender, case) == expected


def test_the_list_is_long_and_hard_enough():
    assert len(NAMES) >= 40
    assert len({(n[0], n[3]) for n in NAMES}) >= 38


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("Сидорова", "Светлана", "Сергеевна", "f", G), "Сидоровой С.С."),
        (("Иванов", "Иван", "Иванович", "m", G), "Иванова И.И."),
        (("Бережная", "Елена", "Александровна", "f", G), "Бережной Е.А."),
        (("Фёдорова", "Ольга", "Николаевна", "f", Case.NOMINATIVE), "Фёдорова О.Н."),
        (("Смит", "Джон", "", "m", D), "Смиту Д."),
    ],
)
def test_short_name_has_initials_after_the_surname_without_spaces(args, expected):
    assert short_name(*args) == expected


def test_signature_puts_initials_first():
    assert signature_name("Иванов", "Иван", "Иванович") == "И.И. Иванов"
    assert initials("Ёлка", "") == "Ё."


def test_dates_numbers_and_citations():
    day = datetime.date(2021, 9, 1)
    assert date_long(day) == "«01» сентября 2021 г."
    assert date_long(datetime.date(2022, 5, 31)) == "«31» мая 2022 г."
    assert number_sign(145) == "№ 145"
    assert order_citation(day, 144) == "приказ от 01.09.2021 № 144"


@pytest.mark.parametrize(
    ("position", "case", "expected"),
    [
        ("заместитель директора по УВР", A, "заместителя директора по УВР"),
        ("заместитель директора по УВР", D, "заместителю директора по УВР"),
        ("учитель начальных классов", G, "учителя начальных классов"),
        ("педагог-психолог", A, "педагога-психолога"),
        ("учитель-логопед", INS, "учителем-логопедом"),
        ("старший воспитатель", D, "старшему воспитателю"),
        ("социальный педагог", G, "социального педагога"),
        ("старшая вожатая", G, "старшей вожатой"),
        ("старшая вожатая", A, "старшую вожатую"),
        ("студентка", G, "студентки"),
        ("директор", D, "директору"),
        (
            "муниципальное автономное общеобразовательное учреждение «СШ № 19»",
            D,
            "муниципальному автономному общеобразовательному учреждению «СШ № 19»",
        ),
        ("", G, ""),
        ("ИП Петров", G, "ИП Петров"),  # what we cannot parse stays as it is
    ],
)
def test_positions_and_organizations_decline_before_a_name(position, case, expected):
    from documents.russian import decline_position

    assert decline_position(position, case) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("3000,00", "3 000 (три тысячи) рублей 00 копеек"),
        ("1501.5", "1 501 (одна тысяча пятьсот один) рубль 50 копеек"),
        ("2", "2 (два) рубля 00 копеек"),
        ("12345.01", "12 345 (двенадцать тысяч триста сорок пять) рублей 01 копейка"),
    ],
)
def test_a_sum_in_figures_and_words(amount, expected):
    from documents.russian import rubles

    assert rubles(amount) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("приказ № 145 от «01» сентября 2021 г.", "приказ №~145 от «01»~сентября 2021~г."),
        ("г. Хабаровск, ул. Школьная, д. 19", "г.~Хабаровск, ул.~Школьная, д.~19"),
        ("И.И. Иванов и Петрова А.С.", "И.И.~Иванов и Петрова~А.С."),
        ("Сергеева-Ткаченко М.А.", "Сергеева-Ткаченко~М.А."),
        ("в 2021-2022 учебном году", "в 2021–2022 учебном году"),
        ("«учитель – ученик»", "«учитель~– ученик»"),
        ("№ 152-ФЗ", "№~152-ФЗ"),
        ("не хватает 37 чел. до 70 %, 6 000 руб.", "не хватает 37~чел. до 70~%, 6 000~руб."),
        ("действует с «01» сентября 2021 г..", "действует с «01»~сентября 2021~г."),
        ("тел. +7 914 123-45-67, 01.09.2021-2022", "тел. +7 914 123-45-67, 01.09.2021-2022"),
    ],
)
def test_typography_of_office_papers(text, expected):
    from documents.typography import typeset_text

    assert typeset_text(text).replace("\u00a0", "~") == expected


def test_law_numbers_keep_their_hyphen_and_never_part():
    """#25: «152-ФЗ» copied from the PDF is what a person types; a line never ends at its
    hyphen, nor a double surname. A phone number or a date range is left alone, and nothing
    is put inside a title. The «№» glued to it goes into its span (WeasyPrint cannot break a line
    before a no-wrap box glued to the word before it)."""
    from documents.typography import typeset

    html = (
        "<title>Закон № 152-ФЗ</title><p>Закон № 152-ФЗ, распоряжение № Р-145 и № 3273-р; "
        "тел. 123-45-67, Сергеева-Ткаченко</p>"
    )
    assert typeset(html).replace("\u00a0", "~") == (
        '<title>Закон №~152-ФЗ</title><p>Закон <span class="nowrap">№~152-ФЗ</span>, '
        'распоряжение <span class="nowrap">№~Р-145</span> и <span class="nowrap">№~3273-р</span>; '
        'тел. 123-45-67, <span class="nowrap">Сергеева-Ткаченко</span></p>'
    )


def test_quotes_inside_quotes_are_lapki_and_never_leak_past_a_paragraph():
    from documents.typography import typeset

    html = "<p>«Положение в МАОУ «СШ № 19»»</p><p>МАУ ДО «ЦДТ «Радуга» и др.</p><p>«Итог»</p>"
    assert typeset(html).replace("\u00a0", " ") == (
        "<p>«Положение в МАОУ „СШ № 19“»</p><p>МАУ ДО «ЦДТ „Радуга“» и др.</p><p>«Итог»</p>"
    )


def test_quoted_nests_the_inner_quotes():
    from core.russian import quoted

    assert quoted("О внедрении в МАОУ «СШ № 19»") == "«О внедрении в МАОУ „СШ № 19“»"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("9.00", "шт.", "9"),
        ("5.50", "чел.", "5,5"),
        ("75", "%", "75,0"),
        ("23.75", " % ", "23,8"),
        (None, "", ""),
    ],
)
def test_counts_print_whole_and_shares_with_one_decimal(value, unit, expected):
    from decimal import Decimal

    from core.russian import number

    assert number(None if value is None else Decimal(value), unit) == expected


def test_an_order_is_cited_in_the_case_the_sentence_needs():
    from documents.russian import citation_in

    cited = order_citation(datetime.date(2021, 9, 1), 144)
    assert citation_in(f"{cited} «О внедрении»", Case.GENITIVE) == (
        "приказа от 01.09.2021 № 144 «О внедрении»"
    )
    assert order_citation(datetime.date(2021, 9, 1), 144, INS) == "приказом от 01.09.2021 № 144"


def test_straight_quotes_typed_in_a_name_become_russian_quotes():
    """#25: «АО "Хабаровская горэлектросеть"» typed on a card prints as «ёлочки», nested as
    „лапки“ inside other quotes, whether it reaches the text raw or as &quot;."""
    from django.utils.html import escape

    from documents.typography import typeset

    employer = 'АО "Хабаровская горэлектросеть"'
    html = (
        f"<p>инженер {escape(employer)}</p><p>«Наставник из {employer}»</p>"
        '<p title=\'a"b\'>x</p><style>p { font-family: "Document Serif"; }</style>'
    )
    assert typeset(html) == (
        "<p>инженер АО «Хабаровская горэлектросеть»</p>"
        "<p>«Наставник из АО „Хабаровская горэлектросеть“»</p>"
        '<p title=\'a"b\'>x</p><style>p { font-family: "Document Serif"; }</style>'
    )
