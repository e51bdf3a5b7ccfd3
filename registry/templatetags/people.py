"""A person's dated facts on a page: the view or the shell's context gives `today`, the rule
itself is the person's (registry.models.Person); a template never decides a date."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.links import row_urls
from registry.models import Consent, Person, PersonCategory

register = template.Library()


@register.filter
def class_on(person, day) -> str:
    """`{{ person|class_on:today }}` → «7А» in the academic year of `day`, or ""."""
    return person.class_on(day)


@register.filter
def is_minor_on(person, day) -> bool:
    """`{{ person|is_minor_on:day }}`: a pupil under 18 on `day` (Person.is_minor_on)."""
    return person.is_minor_on(day)


@register.filter
def personal_data_kind(person, day) -> str:
    """`{{ person|personal_data_kind:day }}`: the consent that covers the person's data then
    (Consent.personal_data_kind)."""
    return Consent.personal_data_kind(person, day)


@register.filter
def experience_on(person, day):
    """`{{ person|experience_on:today }}` → full years of experience on `day`, or None."""
    return person.experience_on(day)


@register.filter
def young_specialist_on(person, day) -> bool:
    return person.is_young_specialist_on(day)


@register.filter
def leaving_word_on(person, day) -> str:
    """`{{ person|leaving_word_on:today }}` → «выбывает» / «выбыл» / «выбыла»
    (Person.leaving_word_on)."""
    return person.leaving_word_on(day)


@register.simple_tag(takes_context=True)
def people_rows(context, people: Iterable[Person]) -> SafeString:
    """The people list's rows: name (and «молодой специалист»), category, class or position,
    subject, experience, the registers the person is in, and for a curator the consent
    forms — as of the page's `today`. Written here, not by a template: the template's seven
    cells cost 55–60 µs a row, 50 rows most of the page (bench/page_cost.py)."""
    today = context["today"]
    manage, no_consent = context.get("manage"), context.get("no_consent")
    # the words and links of every row, made once for the page
    young = f' <span class="badge text-bg-info">{_("молодой специалист")}</span>'
    in_class = _("%s класс")
    categories = {value: escape(label) for value, label in PersonCategory.choices}
    card_url = row_urls("registry:person")
    forms = _forms_links(today, no_consent)
    rows = []
    for person in people:
        name = f'<a href="{card_url(person.pk)}">{escape(person.full_name)}</a>'
        school_class = person.class_on(today)
        experience = person.experience_on(today)
        cells = [
            name + young if person.is_young_specialist_on(today) else name,
            categories[person.category],
            escape(in_class % school_class if school_class else person.position),
            escape(person.subject),
            "" if experience is None else localize(experience),
            escape(", ".join(person.registers)),  # type: ignore[attr-defined]
        ]
        row = "".join(f"<td>{cell}</td>" for cell in cells)
        if manage:
            row += f'<td class="small text-nowrap">{forms(person)}</td>'
        rows.append(f"<tr>{row}</tr>")
    return SafeString("\n".join(rows))


def _forms_links(today, no_consent: bool) -> Callable[[Person], str]:
    """A row's blank forms: the missing consent's («внести согласие · бланк») or all of the
    person's."""
    if not no_consent:
        forms_url, word = row_urls("documents:person-forms"), _("бланки")
        return lambda person: f'<a href="{forms_url(person.pk)}">{word}</a>'
    card_url, add, blank = row_urls("registry:person"), _("внести согласие"), _("бланк")

    def links(person: Person) -> str:
        kind = Consent.personal_data_kind(person, today)
        form_url = reverse("documents:person-form", args=[person.pk, kind])
        return (
            f'<a href="{card_url(person.pk)}?consent={kind}#consent-add">{add}</a> · '
            f'<a href="{form_url}">{blank}</a>'
        )

    return links
