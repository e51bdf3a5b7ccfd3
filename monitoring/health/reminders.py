"""Reminders: each person's health items by e-mail, once a day, each item once."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from accounts.models import Organization
from core.links import portal_url
from core.mail import portal_letter
from core.russian import plural
from monitoring.health.items import HealthItem, grouped, health_items
from monitoring.models import (
    Reminder,
)

logger = logging.getLogger(__name__)


@dataclass
class Letter:
    """One person's reminder: their items, school by school, each item once."""

    email: str
    salutation: str
    entries: dict[str, tuple[Organization, HealthItem]] = field(default_factory=dict)

    def add(self, organization: Organization, item: HealthItem) -> None:
        self.entries.setdefault(item.key, (organization, item))

    @property
    def subject(self) -> str:
        count = len(self.entries)
        return gettext("Наставничество: напоминание (%(count)s %(items)s)") % {
            "count": count,
            "items": plural(count, gettext("пункт"), gettext("пункта"), gettext("пунктов")),
        }

    def message(self) -> EmailMessage:
        """The letter as sent (core.mail: the portal's headers)."""
        return portal_letter(subject=self.subject, body=self.body, to=self.email)

    @property
    def body(self) -> str:
        by_school: dict[int, tuple[Organization, list[HealthItem]]] = {}
        for organization, item in self.entries.values():
            by_school.setdefault(organization.pk, (organization, []))[1].append(item)
        greeting = (
            gettext("Здравствуйте, %(name)s!") % {"name": self.salutation}
            if self.salutation
            else gettext("Здравствуйте!")
        )
        lines = [
            greeting,
            "",
            gettext("Портал «Наставничество» напоминает, что требует вашего внимания."),
        ]
        for organization, items in by_school.values():
            lines += ["", organization.short_name]
            for label, rows in grouped(items):
                lines += ["", f"{label}:"]
                for item in rows:
                    lines.append(f"  • {item.title} — {item.detail}")
                    lines.append(f"    {portal_url()}{item.url}")
        lines += [
            "",
            gettext(
                "Письмо отправлено автоматически; о каждом пункте портал напоминает "
                "не чаще раза в день."
            ),
        ]
        return "\n".join(lines) + "\n"


@dataclass
class ReminderRun:
    letters: int = 0
    reminders: int = 0
    without_email: int = 0
    failed: int = 0


def reminder_letters(*, organizations, today: datetime.date) -> tuple[list[Letter], int]:
    """The letters due today (items not yet reminded of today to that address), and how many
    people have no e-mail to write to."""
    letters: dict[str, Letter] = {}
    without_email = set()
    for organization in organizations:
        items = health_items(organization, today)
        already = set(
            Reminder.objects.filter(
                sent_on=today, item_key__in=[item.key for item in items]
            ).values_list("item_key", "recipient")
        )
        for item in items:
            for person in item.remind:
                email = person.email.strip().lower()
                if not email:
                    without_email.add((organization.pk, person.name))
                elif (item.key, email) not in already:
                    letters.setdefault(email, Letter(email, person.salutation)).add(
                        organization, item
                    )
    return list(letters.values()), len(without_email)


def reminders_send(*, organizations, today: datetime.date, dry_run: bool = False) -> ReminderRun:
    """E-mails each person one letter with their items due today, at most once a day per item
    and address; a second run the same day sends nothing new. With `dry_run`, only counts."""
    letters, without_email = reminder_letters(organizations=organizations, today=today)
    run = ReminderRun(without_email=without_email)
    for letter in letters:
        if not dry_run:
            try:
                with transaction.atomic():
                    Reminder.objects.bulk_create(
                        Reminder(
                            organization=organization,
                            item_key=key,
                            recipient=letter.email,
                            sent_on=today,
                        )
                        for key, (organization, _item) in letter.entries.items()
                    )
                    letter.message().send()
            except IntegrityError:
                continue  # a run started at the same time has just sent it
            except OSError:
                logger.warning("reminder letter not sent: mail server error")
                run.failed += 1
                continue
        run.letters += 1
        run.reminders += len(letter.entries)
    return run
