"""Personal calendar feeds (iCalendar, RFC 5545) that Yandex Calendar, Outlook, Thunderbird
and phone calendars subscribe to: no account anywhere, a secret link per person.

Apps contribute what belongs in a person's calendar by registering a source in their
`AppConfig.ready()`:

    register_calendar_source(meetings_of)   # (user, today) -> iterable of CalendarEntry

A source returns only that user's items (their pairs' meetings, deadlines they answer for,
questionnaires they are to fill, documents waiting for their signature); the feed is the sum.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.models import User
from calendars.models import CalendarFeed


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable across feeds: "meeting-12"
    title: str
    starts: datetime.date
    ends: datetime.date | None = None  # the last day, for several days; None for one day
    description: str = ""
    path: str = ""  # the page in the portal
    at: datetime.time | None = None  # a time of day: a timed event of `minutes`
    minutes: int = 0
    location: str = ""


Source = Callable[[User, datetime.date], Iterable[CalendarEntry]]
_sources: list[Source] = []


def register_calendar_source(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def entries_for(user: User, today: datetime.date) -> list[CalendarEntry]:
    entries = [entry for source in _sources for entry in source(user, today)]
    return sorted(entries, key=lambda e: (e.starts, e.uid))


def ics(entries: Iterable[CalendarEntry], *, name: str, base: str) -> bytes:
    """The entries as an iCalendar document: all-day events (or timed ones at their place),
    each with its link in the portal at `base` (core.links.portal_url)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Наставничество//портал школы//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = base.split("://", 1)[-1].split("/", 1)[0] or "nastavnichestvo"
    stamp = timezone.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        if entry.at is not None:
            start = datetime.datetime.combine(entry.starts, entry.at, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + datetime.timedelta(minutes=entry.minutes or 60))
        else:
            event.add("dtstart", entry.starts)
            # DTEND of an all-day event is the day after its last (RFC 5545 3.6.1)
            event.add("dtend", (entry.ends or entry.starts) + datetime.timedelta(days=1))
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.path:
            event.add("url", base + entry.path)
        calendar.add_component(event)
    # every TZID used has its VTIMEZONE in the file (RFC 5545 §3.6.5): a client that does not
    # know «Asia/Vladivostok» by name still places the meeting at its hour
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_issue(*, user: User) -> CalendarFeed:
    """A new secret link for the user's feed; the former one stops working at once."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"token": secrets.token_urlsafe(32), "issued_for": user.get_session_auth_hash()},
    )
    return feed


def live_feed(token: str) -> CalendarFeed | None:
    """The feed of `token` while its owner may still see anything: an active user, with the
    password the link was given under, working in a school (or coordinating) now."""
    from accounts.access import is_coordinator, organization_ids_for

    feed = (
        CalendarFeed.objects.select_related("user__person")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if feed is None or feed.issued_for != feed.user.get_session_auth_hash():
        return None
    if not organization_ids_for(feed.user) and not is_coordinator(feed.user):
        return None
    return feed


def calendar_person(user: User):
    """The user's card for the person-based sources, while they work in its school."""
    from accounts.access import organization_ids_for

    person = user.card
    if person is None or person.organization_id not in organization_ids_for(user):
        return None
    return person


def feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
