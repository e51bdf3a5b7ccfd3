"""Reading a page as a person does: its visible text, tags gone and whitespace collapsed."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    SKIP = {"script", "style", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in {"br", "p", "div", "li", "tr", "td", "th", "option", "h1", "h2", "h3"}:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(response_or_html) -> str:
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parts for parts in parser.parts).replace("\xa0", " "))


def duplicate_ids(response_or_html) -> list[str]:
    """The ids a page gives to more than one element (a label then points at the wrong one)."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    return sorted({i for i in ids if ids.count(i) > 1})


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.repeated: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = [name for name, _value in attrs]
        self.repeated += [f"<{tag} {n}>" for n in sorted(set(names)) if names.count(n) > 1]


def repeated_attributes(response_or_html) -> list[str]:
    """Tags that carry one attribute twice (invalid HTML: a browser keeps the first, so a
    second `class` is silently lost)."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Attributes()
    parser.feed(html)
    return parser.repeated
