"""Filters for templates that print what documents.russian knows: `{% load paperwork %}`."""

from django import template

from documents.russian import Case, citation_in

register = template.Library()


@register.filter
def genitive_citation(value: str) -> str:
    """«приказ от … № …» → «приказа от … № …», as «на основании:» takes it."""
    return citation_in(value, Case.GENITIVE)


@register.simple_tag
def adopted_act(organization, act: str):
    """The order in force that adopted a local act («esign», «privacy») as the act's grif
    prints it ({date, number}), or None: for the «Организация» page, which the accounts app
    renders without knowing documents."""
    from documents.printables import adopted

    return adopted(organization, act)
