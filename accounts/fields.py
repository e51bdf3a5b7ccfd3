"""Form fields shared by the apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

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
