"""Writes of the registry."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from registry.models import Person

STALE_CARD = _(
    "Карточку уже изменил другой пользователь, пока вы её редактировали. Откройте её заново, "
    "чтобы увидеть новые данные, и внесите свои изменения ещё раз."
)


@transaction.atomic
def person_save(*, person: Person, organization: Organization, version: int | None) -> Person:
    """Create or update a card; an edit made from an outdated version is refused."""
    if person.pk is None:
        person.organization = organization
        person.version = 1
        person.save()
        return person
    claimed = Person.objects.filter(pk=person.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise ValidationError(STALE_CARD)
    person.version = (version or 0) + 1
    person.save()
    return person


WITHDRAWAL_GRACE_DAYS = 30
PERSONAL_FIELDS = ("first_name", "middle_name", "position", "subject", "school_class",
                   "birth_date", "experience_years", "email", "phone", "employer_name",
                   *Person.SENSITIVE_FIELDS)  # fmt: skip


def people_to_purge(today):
    """People whose consent was withdrawn at least 30 days ago and who have no consent in force."""
    from datetime import timedelta

    from registry.models import Consent

    in_force = Consent.objects.in_force(today).values("person_id")
    return (
        Person.objects.filter(
            anonymized_at__isnull=True,
            consents__withdrawn_on__lte=today - timedelta(days=WITHDRAWAL_GRACE_DAYS),
        )
        .exclude(pk__in=in_force)
        .distinct()
    )


@transaction.atomic
def person_anonymise(*, person: Person, by: str, basis: str):
    """Remove a person's personal data (the card stays, nameless, for the pairs and documents
    that refer to it) and record a deletion act."""
    from django.utils import timezone

    from registry.models import DeletionAct

    removed = [str(Person._meta.get_field(name).verbose_name) for name in PERSONAL_FIELDS]
    for name in PERSONAL_FIELDS:
        field = Person._meta.get_field(name)
        setattr(
            person, name, None if field.null else (False if name in Person.SENSITIVE_FIELDS else "")
        )
    person.last_name = f"Обезличено {person.pk}"
    person.anonymized_at = timezone.now()
    person.is_active = False
    person.save()
    for consent in person.consents.exclude(scan=""):
        consent.scan.delete(save=True)
    person.history.all().delete()  # older versions still hold the removed data
    return DeletionAct.objects.create(
        person=person,
        organization=person.organization,
        performed_by=by,
        basis=basis,
        removed=", ".join(["фамилия", *removed, "сканы согласий", "история изменений"]),
    )
