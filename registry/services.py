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
