"""Telling the user what went wrong with a form that posts from a page it does not render."""

from __future__ import annotations

from django.contrib import messages

from accounts.http import PortalRequest


def form_errors_as_messages(request: PortalRequest, form) -> None:
    """Each error as a message, prefixed with its field's label («Дата: …») where it has one."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
