"""The documents list's filter (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from documents.models import Document


class DocumentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Состояние"),
        choices=[(value, capfirst(label)) for value, label in Document.Status.choices],
        empty_label=_("Все состояния"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}),
    )

    class Meta:
        model = Document
        fields: list[str] = []
