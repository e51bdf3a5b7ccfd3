"""Filters for templates that print what documents.russian knows: `{% load paperwork %}`."""

from django import template

from documents.russian import Case, citation_in

register = template.Library()


@register.filter
def genitive_citation(value: str) -> str:
    """«приказ от … № …» → «приказа от … № …», as «на основании:» takes it."""
    return citation_in(value, Case.GENITIVE)
