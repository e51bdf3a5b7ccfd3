"""Which rule of the database a write broke, in Russian: an IntegrityError names a constraint
(PostgreSQL by its name, SQLite by its table and columns); the model that declares it carries
the message (`violation_error_message`)."""

from __future__ import annotations

import re

from django.apps import apps
from django.db import IntegrityError
from django.db.models import UniqueConstraint

SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)")


def clash_message(error: IntegrityError) -> str:
    """The broken constraint's message, or "" when no model names it."""
    text = str(error)
    sqlite = SQLITE_UNIQUE.search(text)
    columns = set(sqlite.group(1).split(", ")) if sqlite else set()
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            message = constraint.violation_error_message
            if not message or message == constraint.default_violation_error_message:
                continue
            if re.search(rf"\b{re.escape(constraint.name)}\b", text):
                return str(message)
            if columns and isinstance(constraint, UniqueConstraint) and constraint.fields:
                table = model._meta.db_table
                # a constraint's fields are concrete (a reverse relation has no column)
                wanted = {
                    f"{table}.{getattr(model._meta.get_field(name), 'column', name)}"
                    for name in constraint.fields
                }
                if wanted == columns:
                    return str(message)
    return ""
