"""The program's health: what needs someone's attention today, and whom to remind of it.

Every kind of item is read in a fixed number of queries, so the page, the curator's home panel
and `send_reminders` cost the same for a school with two pairs or two hundred.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organization
from accounts.policy import users_allowed_by_action
from core.russian import date_numeric
from documents.models import Document
from mentoring.selectors import (
    assignments_outliving_people,
    assignments_without_meetings,
    leavers,
    overdue_roadmap_items,
)
from monitoring.models import Questionnaire
from monitoring.questionnaires.selectors import response_rates
from registry.models import Consent, Person
from registry.services import people_past_retention, retention_ends

CONSENT_WARNING_DAYS = 30
# Reminded of the items: whoever sees them on the home page (the curators); a document waiting
# for a signature reminds whoever signs.
REMINDED = "home.health"
SIGNATURE_WAIT_DAYS = 3
LOW_RESPONSE_SHARE = 0.5


class HealthKind:
    """The kinds of items, in the order the page and the letters list them."""

    STALE = "stale"
    LEAVING = "leaving"
    ROADMAP = "roadmap"
    QUESTIONNAIRE = "questionnaire"
    CONSENT = "consent"
    SIGNATURE = "signature"
    RETENTION = "retention"

    labels = {
        STALE: gettext_lazy("Пары и группы без встреч больше 30 дней"),
        LEAVING: gettext_lazy("Пары и группы, которые идут после выбытия участника"),
        ROADMAP: gettext_lazy("Просроченные пункты дорожной карты"),
        QUESTIONNAIRE: gettext_lazy("Анкеты, на которые ответили меньше половины"),
        CONSENT: gettext_lazy("Согласия, срок которых истекает в ближайшие 30 дней"),
        SIGNATURE: gettext_lazy("Документы на подписи у директора больше 3 дней"),
        RETENTION: gettext_lazy(
            "Персональные данные выбывших, которые будут обезличены в ближайшие 30 дней"
        ),
    }
    order = list(labels)


class Recipient(NamedTuple):
    """Whom to remind: an e-mail (may be empty: then the person is skipped), a name to show
    on the page, and how a letter greets them."""

    email: str
    name: str
    salutation: str


@dataclass
class HealthItem:
    kind: str
    key: str  # stable, for «at most once a day»: "assignment:12:stale"
    title: str
    detail: str
    url: str
    remind: list[Recipient] = field(default_factory=list)


def health_items(organization: Organization, today: datetime.date) -> list[HealthItem]:
    """Everything due in the school's program on `today`, in the order of `HealthKind`."""
    staff = {
        action: [_user_recipient(user) for user in users]
        for action, users in users_allowed_by_action(
            organization, REMINDED, "documents.sign"
        ).items()
    }
    curators = staff[REMINDED]
    return [
        *_stale_assignments(organization, today),
        *_outliving_people(organization, today, curators),
        *_overdue_roadmap_items(organization, today, curators),
        *_low_response_questionnaires(organization, today, curators),
        *_expiring_consents(organization, today, curators),
        *_waiting_signature(organization, today, staff["documents.sign"]),
        *_retention_ending(organization, today, curators),
    ]


def counts_by_kind(items: list[HealthItem]) -> list[tuple[str, str, int]]:
    """(kind, label, count) for each kind that has items."""
    counts = dict.fromkeys(HealthKind.order, 0)
    for item in items:
        counts[item.kind] += 1
    return [(k, str(HealthKind.labels[k]), n) for k, n in counts.items() if n]


def grouped(items: list[HealthItem]) -> list[tuple[str, list[HealthItem]]]:
    """(label, items) for each kind that has items."""
    groups: dict[str, list[HealthItem]] = {kind: [] for kind in HealthKind.order}
    for item in items:
        groups[item.kind].append(item)
    return [(str(HealthKind.labels[k]), rows) for k, rows in groups.items() if rows]


def _user_recipient(user) -> Recipient:
    salutation = " ".join(p for p in (user.first_name, user.middle_name) if p)
    return Recipient(user.email, user.get_short_name(), salutation or user.get_full_name())


def _person_recipient(person: Person, user_email: str = "") -> Recipient:
    salutation = " ".join(p for p in (person.first_name, person.middle_name) if p)
    return Recipient(person.email or user_email, person.short_name, salutation)


def _stale_assignments(organization: Organization, today: datetime.date) -> list[HealthItem]:
    assignments = list(assignments_without_meetings(organization, today=today).with_people())
    mentor_people = {link.mentor.person_id for a in assignments for link in a.mentor_links.all()}
    user_emails = dict(
        Person.objects.filter(pk__in=mentor_people, user__isnull=False).values_list(
            "pk", "user__email"
        )
    )
    items = []
    for assignment in assignments:
        if assignment.last_meeting:
            last = _("последняя встреча %(date)s") % {"date": date_numeric(assignment.last_meeting)}
        else:
            last = _("встреч не было")
        items.append(
            HealthItem(
                kind=HealthKind.STALE,
                key=f"assignment:{assignment.pk}:stale",
                title=str(assignment),
                detail=last,
                url=reverse("mentoring:assignment-detail", args=[assignment.pk]),
                remind=[
                    _person_recipient(m.person, user_emails.get(m.person_id, ""))
                    for m in assignment.mentors
                ],
            )
        )
    return items


def _outliving_people(
    organization: Organization, today: datetime.date, curators: list[Recipient]
) -> list[HealthItem]:
    """Pairs and groups under an order that run past a participant's leaving: the curator
    prepares the ending order, opened with the pair ticked and the day of leaving."""
    items = []
    for assignment in assignments_outliving_people(organization, today=today):
        gone = leavers(assignment)
        first = max(min(p.left_on for p in gone), assignment.starts_on)
        left = "; ".join(
            _("%(name)s %(left_word)s %(date)s")
            % {
                "name": person.short_name,
                "left_word": person.leaving_word_on(today),
                "date": date_numeric(person.left_on),
            }
            for person in gone
        )
        query = urlencode({"assignments": assignment.pk, "ends_on": first.isoformat()})
        items.append(
            HealthItem(
                kind=HealthKind.LEAVING,
                key=f"assignment:{assignment.pk}:leaving:{first.isoformat()}",
                title=str(assignment),
                detail=_(
                    "%(left)s; по приказу действует до %(end)s — подготовьте приказ о прекращении"
                )
                % {"left": left, "end": date_numeric(assignment.ends_on)},
                url=f"{reverse('documents:new-ending')}?{query}",
                remind=list(curators),
            )
        )
    return items


def _overdue_roadmap_items(
    organization: Organization, today: datetime.date, curators: list[Recipient]
) -> list[HealthItem]:
    year, overdue = overdue_roadmap_items(organization, today)
    if year is None:
        return []
    url = f"{reverse('mentoring:roadmap')}?year={year.start_year}"
    return [
        HealthItem(
            kind=HealthKind.ROADMAP,
            key=f"roadmap-item:{item.pk}:overdue",
            title=str(item),
            detail=_("срок — %(due)s; ответственный — %(who)s; %(status)s")
            % {
                "due": date_numeric(item.period_on(today).ends),
                "who": item.responsible or _("не указан"),
                "status": item.get_mark_status_display(),
            },
            url=url,
            remind=list(curators),
        )
        for item in overdue
    ]


def _low_response_questionnaires(
    organization: Organization, today: datetime.date, curators: list[Recipient]
) -> list[HealthItem]:
    open_today = Questionnaire.objects.in_organization(organization).open_on(today)
    past_half = [
        q
        for q in open_today.order_by("closes_on", "pk")
        if (today - q.opens_on) * 2 >= q.closes_on - q.opens_on
    ]
    rates = response_rates(past_half)
    items = []
    for questionnaire in past_half:
        sent, audience = rates[questionnaire.pk]
        if not audience or sent >= audience * LOW_RESPONSE_SHARE:
            continue
        items.append(
            HealthItem(
                kind=HealthKind.QUESTIONNAIRE,
                key=f"questionnaire:{questionnaire.pk}:low-response",
                title=questionnaire.title,
                detail=_("ответили %(sent)s из %(audience)s (%(percent)s %%); открыта по %(date)s")
                % {
                    "sent": sent,
                    "audience": audience,
                    "percent": round(100 * sent / audience),
                    "date": date_numeric(questionnaire.closes_on),
                },
                url=reverse("monitoring:results", args=[questionnaire.pk]),
                remind=list(curators),
            )
        )
    return items


def _expiring_consents(
    organization: Organization, today: datetime.date, curators: list[Recipient]
) -> list[HealthItem]:
    horizon = today + datetime.timedelta(days=CONSENT_WARNING_DAYS)
    renewed = Consent.objects.in_force(today).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=horizon),
        person=OuterRef("person"),
        kind=OuterRef("kind"),
    )
    consents = (
        Consent.objects.in_organization(organization)
        .in_force(today)
        .filter(valid_until__lte=horizon)
        .exclude(Exists(renewed))
        .select_related("person")
        .order_by("valid_until", "pk")
    )
    return [
        HealthItem(
            kind=HealthKind.CONSENT,
            key=f"consent:{consent.pk}:expiring",
            title=f"{consent.person.short_name}: {consent.get_kind_display()}",
            detail=_("действует до %(date)s") % {"date": date_numeric(consent.valid_until)},
            url=reverse("registry:person", args=[consent.person_id]),
            remind=list(curators),
        )
        for consent in consents
    ]


def _waiting_signature(
    organization: Organization, today: datetime.date, directors: list[Recipient]
) -> list[HealthItem]:
    documents = (
        Document.objects.in_organization(organization)
        .on_signature()
        .filter(sent_at__date__lt=today - datetime.timedelta(days=SIGNATURE_WAIT_DAYS))
        .order_by("sent_at", "pk")
    )
    return [
        HealthItem(
            kind=HealthKind.SIGNATURE,
            key=f"document:{document.pk}:on-signature",
            title=document.title,
            detail=_("на подписи с %(date)s") % {"date": _local_date(document.sent_at)},
            url=reverse("documents:detail", args=[document.pk]),
            remind=list(directors),
        )
        for document in documents
    ]


def _retention_ending(
    organization: Organization, today: datetime.date, curators: list[Recipient]
) -> list[HealthItem]:
    """Who the daily purge will make nameless within 30 days (the school's term after leaving
    has run out and no consent is in force): a consent given in time keeps them."""
    people = people_past_retention(organization, today, within=CONSENT_WARNING_DAYS)
    return [
        HealthItem(
            kind=HealthKind.RETENTION,
            key=f"person:{person.pk}:retention",
            title=person.short_name,
            detail=_("выбыл(а) %(left)s; обезличивание с %(date)s")
            % {
                "left": date_numeric(person.left_on),
                "date": date_numeric(max(today, retention_ends(person) or today)),
            },
            url=reverse("registry:person", args=[person.pk]),
            remind=list(curators),
        )
        for person in people
    ]


def _local_date(moment: datetime.datetime) -> str:
    return date_numeric(timezone.localtime(moment))
