"""Russian office typography, applied once to every document's HTML before it becomes a PDF.

A clerk files what the portal prints, so the rules Russian papers keep hold everywhere without
each template and context builder remembering them:

- a non-breaking space keeps together «№ 19», «2021 г.», «г. Хабаровск», «01» сентября,
  «А.С. Петрова» and «Петрова А.С.» (initials never part from the surname);
- a year range takes an en dash: «2021–2022»; a dash never starts a line;
- quotes inside quotes are „лапки“: «МАОУ „СШ № 19“»; straight quotes someone typed
  («АО "Горэлектросеть"») become «ёлочки» first;
- no doubled full stop where a sentence ends with an abbreviation («2021 г.», «А.С.»);
- «152-ФЗ», «Р-145», «3273-р» and double surnames («Сергеева-Ткаченко») never part at their
  hyphen: in HTML they are set in a no-wrap span with the ordinary hyphen, so the PDF's text is
  what a person types when searching.

Only text between tags is touched; tags, attributes and the stylesheet are left alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
EN_DASH = "\u2013"

_TAG = re.compile(r"(<[^>]*>)")
# A quote left open never leaks past the paragraph, cell or heading it is in.
_BLOCK_END = re.compile(r"</(p|td|th|li|div|h\d|title)>", re.IGNORECASE)
_SURNAME_BEFORE_INITIALS = re.compile(
    r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?) +(?=[А-ЯЁ]\.(?:[А-ЯЁ]\.)?(?![А-ЯЁа-яё]))"
)
_YEAR_RANGE = re.compile(r"(?<![\d.-])((?:19|20)\d\d) ?[-‐−] ?((?:19|20)\d\d)(?![\d-])")
_RULES = [
    # «№ 19», «№ 144»; «№№» stays as it is
    (re.compile(r"№ +"), "№" + NBSP),
    # «2021 г.», «20__ г.»
    (re.compile(r"([\d_]) +(г\.|гг\.)"), r"\1" + NBSP + r"\2"),
    # «37 чел.», «3 000 руб.», «70 %»: a figure keeps its unit
    (re.compile(r"(\d) +(?=чел\.|руб\.|коп\.|шт\.|%)"), r"\1" + NBSP),
    # «г. Хабаровск», «ул. Школьная», «д. 19»
    (re.compile(r"(?<![А-Яа-яЁё])(г|ул|д|пр|пер|с|п|каб)\. +(?=[А-ЯЁ0-9])"), r"\1." + NBSP),
    # «01» сентября
    (re.compile(r"(«\d{1,2}») +(?=[а-я])"), r"\1" + NBSP),
    # «__» __________ 20__ г. is a blank; its parts keep together too
    (re.compile(r"(«__») +"), r"\1" + NBSP),
    # «А.С. Петрова»: initials before a surname
    (re.compile(r"(?<![А-ЯЁа-яё])([А-ЯЁ]\.(?:[А-ЯЁ]\.)?) +(?=[А-ЯЁ][а-яё])"), r"\1" + NBSP),
    # «Петрова А.С.»: a surname before initials
    (_SURNAME_BEFORE_INITIALS, r"\1" + NBSP),
    # «2021-2022» (a year range, not a phone number or a date)
    (_YEAR_RANGE, r"\1" + EN_DASH + r"\2"),
    # a dash never starts a line: «учитель – ученик», «2021 г. – 2022 г.»
    (re.compile(r" +([–—]) "), NBSP + r"\1 "),
    # «г..», «А.С..»: one full stop ends a sentence that ends with an abbreviation
    (re.compile(r"(?<=[^.])\.\.(?!\.)"), "."),
]


def _close_inner_quote(out: list[str], start: int) -> None:
    """«ЦДТ «Радуга» (one closing mark for both, as names are often typed): the outer quote
    closes right after the inner one, «ЦДТ „Радуга“»."""
    for i in range(len(out) - 1, start - 1, -1):
        part = out[i]
        if not part.startswith("<") and "“" in part:
            at = part.rindex("“") + 1
            out[i] = part[:at] + "»" + part[at:]
            return


def _nest_quotes(parts: list[str]) -> list[str]:
    """«…«…»…» → «…„…“…» across the text of the whole document."""
    depth = 0
    out: list[str] = []
    block_start = 0
    for part in parts:
        if part.startswith("<"):
            if _BLOCK_END.match(part):
                if depth == 1:
                    _close_inner_quote(out, block_start)
                depth = 0
                block_start = len(out) + 1
            out.append(part)
            continue
        chars = []
        for ch in part:
            if ch in "«„":
                depth += 1
                chars.append("«" if depth == 1 else "„")
            elif ch in "»“" and depth:
                chars.append("»" if depth == 1 else "“")
                depth -= 1
            else:
                chars.append(ch)
        out.append("".join(chars))
    return out


# A straight quote someone typed («АО "Горэлектросеть"»), as text or as the entity Django's
# autoescape makes of it: opening after a space, a bracket or another quote, closing otherwise
_STRAIGHT_QUOTE = re.compile(r'&quot;|&#34;|"')
_OPENS_AFTER = " \u00a0\t\n(«„["


def _typed_quotes(text: str) -> str:
    """ "…" → «…» (nested ones become „лапки“ with the rest, _nest_quotes)."""
    out, last = [], 0
    for match in _STRAIGHT_QUOTE.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        out += [text[last : match.start()], "«" if before in _OPENS_AFTER else "»"]
        last = match.end()
    return "".join(out) + text[last:]


def typeset_text(text: str) -> str:
    """The rules above for one piece of plain text (a file name, a line of a table)."""
    text = _typed_quotes(text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


# «152-ФЗ», «Р-145», «3273-р» (not a phone number, a date or a double surname)
# A «№» glued before the number goes into the span with it: WeasyPrint cannot break a line
# before a no-wrap box that a non-breaking space ties to the word before, and sends the
# paragraph's whole first line down instead («В» alone on the line).
_LAW_NUMBER = re.compile(
    r"(?<![\w-])((?:№\u00a0)?(?:\d+-[А-ЯЁа-яё]{1,3}|[А-ЯЁ]{1,3}-\d+))(?![\w-])"
)
# «Сергеевой-Ткаченко», «Петрова-Водкина А.С.»: a double surname (with the initials glued to
# it) never parts at its hyphen either
_INITIALS = r"[А-ЯЁ]\.(?:[А-ЯЁ]\.)?"
_DOUBLE_NAME = re.compile(
    rf"(?<![\w\-\u00a0.])((?:{_INITIALS}\u00a0)?[А-ЯЁ][а-яё]+-[А-ЯЁ][а-яё]+"
    rf"(?:\u00a0{_INITIALS})?)(?![\w-])"
)
_NO_MARKUP_INSIDE = re.compile(r"<(title|style|script)\b", re.IGNORECASE)
_CODE = re.compile(r"<(style|script)\b", re.IGNORECASE)


def _text_outside(parts: list[str], element: re.Pattern) -> list[int]:
    """The indexes of the text parts (between tags) that are not inside an element whose
    opening tag `element` matches."""
    found, inside = [], None
    for i, part in enumerate(parts):
        if part.startswith("<"):
            opening = element.match(part)
            if opening:
                inside = opening.group(1).lower()
            elif inside and part.lower().startswith(f"</{inside}"):
                inside = None
        elif inside is None:
            found.append(i)
    return found


def _keep_whole(parts: list[str]) -> list[str]:
    """Law numbers and double surnames in no-wrap spans (not inside a title, style, script)."""
    for i in _text_outside(parts, _NO_MARKUP_INSIDE):
        part = _LAW_NUMBER.sub(r'<span class="nowrap">\1</span>', parts[i])
        parts[i] = _DOUBLE_NAME.sub(r'<span class="nowrap">\1</span>', part)
    return parts


def typeset(html: str) -> str:
    """The rules above for the text of a whole HTML document (a stylesheet or a script is
    not text)."""
    parts = _TAG.split(html)
    for i in _text_outside(parts, _CODE):
        parts[i] = typeset_text(parts[i])
    return "".join(_keep_whole(_nest_quotes(parts)))
