"""Form fields shared by the apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

BIGINT = 2**63


def parse_id(value) -> int | None:
    """A primary key as a query parameter or a posted value carries it: None for anything that
    is not a whole number in the database's range («abc», «1e99», a NUL byte)."""
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 0 < number < BIGINT else None


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rejects ids beyond the database's integer range as an invalid choice.

    Django checks single choices against the range, but a multiple choice reaches the
    database as an `IN (...)` list, where an oversized id crashes the query."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number at all: Django's own check reports it
            if not -BIGINT <= number < BIGINT:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SuggestionsInput(forms.TextInput):
    """A text field offering the usual answers (an HTML datalist): pick one, then add to it,
    or type another."""

    def __init__(self, suggestions, attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or name}-suggestions"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((s,) for s in self.suggestions)
        )
        return html + format_html('<datalist id="{}">{}</datalist>', list_id, options)
