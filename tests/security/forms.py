"""Finding the POST forms a page shows, with the values it shows them with."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from django.urls import reverse

# Forms that end the session: submitting them only logs the persona out.
SKIP_ACTIONS = {reverse("logout")}


class FormFinder(HTMLParser):
    """Collects POST forms: action, field kinds and the values as rendered."""

    def __init__(self, base: str):
        super().__init__()
        self.base, self.forms, self.current = base, [], None
        self.select, self.textarea = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            action = urljoin(self.base, attrs.get("action") or self.base)
            self.current = {"action": action, "fields": {}, "values": {}}
            self.forms.append(self.current)
            return
        if self.current is None:
            return
        name = attrs.get("name")
        if tag == "option" and self.select:
            values = self.current["values"]
            if "selected" in attrs or self.select not in values:
                values[self.select] = attrs.get("value", "")
        if not name or name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            self.current["fields"].setdefault(name, kind)
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.current["values"][name] = attrs.get("value", "on")
            elif kind != "file":
                self.current["values"][name] = attrs.get("value", "")
        elif tag == "select":
            self.current["fields"].setdefault(name, "select")
            self.select = name
        elif tag == "textarea":
            self.current["fields"].setdefault(name, "textarea")
            self.textarea = name
            self.current["values"][name] = ""

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current["values"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms_on(client, url: str) -> list[dict]:
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    finder = FormFinder(url)
    finder.feed(response.content.decode())
    return [f for f in finder.forms if f["fields"] and f["action"] not in SKIP_ACTIONS]
