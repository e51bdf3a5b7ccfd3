"""Telling the user what went wrong with a form that posts from a page it does not render."""

from __future__ import annotations

from django.contrib import messages

from accounts.http import PortalRequest


def form_error_texts(form) -> list[str]:
    """Each error of a bound form, prefixed with its field's label («Дата: …») where it has
    one."""
    texts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        texts += [f"{label}: {error}" if label else error for error in errors]
    return texts


def form_errors_as_messages(request: PortalRequest, form) -> None:
    """Each error as a message (form_error_texts)."""
    for text in form_error_texts(form):
        messages.error(request, text)
