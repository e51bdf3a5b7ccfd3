"""Template tags of pairs and groups: what every list of them writes in each row, built in
Python once rather than by a template included per row."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.links import row_urls
from core.russian import date_numeric
from mentoring.models import Assignment
from mentoring.models.assignment import STATUS_BADGES

register = template.Library()


@register.simple_tag
def people_of(assignment) -> SafeString:
    """«Mentor, Mentor → Mentee (7А)»: a network mentor marked «сетевой» with their school, a
    pupil's class. The assignment comes through `mentoring.selectors.show_people`. Joined
    here from escaped parts: format_html_join cost a list 15–20 µs a row."""
    mentors, mentees = assignment.people_shown
    left = ", ".join(escape(p.short_name) + _network(p.school) for p in mentors)
    right = ", ".join(escape(p.short_name) + _in_class(p.school_class) for p in mentees)
    return SafeString(f'{left}\n<span class="text-muted">→</span>\n{right}')


@register.simple_tag(takes_context=True)
def assignment_rows(context, assignments: Iterable) -> SafeString:
    """The pairs list's rows: a box to tick (for the bulk form, where the status lets it
    move), number, kind, form, people, period, last meeting, the status on the page's day.
    Written here, not by a template: its eight cells cost 60 µs a row (bench/page_cost.py).
    The rows come through `selectors.show_people`, their status on the day set
    (`Assignment.show_on` or `with_status_on`)."""
    bulk, movable = context.get("bulk_actions"), context.get("movable", ())
    # the words and links of every row, made once for the page
    kinds = {value: escape(label) for value, label in Assignment.Kind.choices}
    statuses = {
        str(status): f'<span class="badge text-bg-{badge}">{escape(status.label)}</span>'
        for status, badge in STATUS_BADGES.items()
    }
    detail_url = row_urls("mentoring:assignment-detail")
    rows = []
    for a in assignments:
        kind = kinds[a.kind] + (f": {escape(a.title)}" if a.title else "")
        pick = f"<td>{_pick(a) if a.status in movable else ''}</td>" if bulk else ""
        rows.append(
            f"<tr>{pick}"
            f'<td><a href="{detail_url(a.pk)}">{a.pk}</a></td>'
            f"<td>{kind}</td>"
            f"<td>{escape(a.form.name)}</td>"
            f"<td>{people_of(a)}</td>"
            f'<td class="text-nowrap">{date_numeric(a.starts_on)} – {date_numeric(a.ends_on)}</td>'
            f"<td>{date_numeric(a.last_meeting) or '—'}</td>"
            f"<td>{statuses[a.day_status]}</td></tr>"
        )
    return SafeString("\n".join(rows))


def _pick(assignment) -> str:
    return (
        f'<input class="form-check-input" type="checkbox" name="assignments" '
        f'value="{assignment.pk}" id="pick-{assignment.pk}" '
        f'aria-label="{escape(_("Отметить: %s") % assignment)}">'
    )


def _network(school: str) -> str:
    if not school:
        return ""
    return f' <span class="badge text-bg-light border" title="{escape(school)}">сетевой</span>'


def _in_class(school_class: str) -> str:
    return f" ({escape(school_class)})" if school_class else ""
