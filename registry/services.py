"""Writes of the registry."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from core.periods import years_after, years_before
from core.russian import date_numeric
from registry.models import Incentive, MenteeProfile, MentorProfile, Person, TrainingRecord

STALE_CARD = _(
    "Карточку уже изменил другой пользователь, пока вы её редактировали. Откройте её заново, "
    "чтобы увидеть новые данные, и внесите свои изменения ещё раз."
)


def _claim_version(instance, version: int | None) -> None:
    """Bump the stored version if it is still the one the editor started from; else refuse."""
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise ValidationError(STALE_CARD)
    instance.version = (version or 0) + 1


@transaction.atomic
def person_save(*, person: Person, organization: Organization, version: int | None) -> Person:
    """Create or update a card; an edit made from an outdated version is refused."""
    if person.pk is None:
        person.organization = organization
        person.version = 1
        person.save()
        return person
    _claim_version(person, version)
    person.save()
    return person


@transaction.atomic
def profile_save(*, profile: MentorProfile | MenteeProfile, version: int | None, save_m2m):
    """Create or update a mentor's or mentee's registry entry, with the same optimistic lock
    as the card; `save_m2m` is the form's, called once the row exists."""
    if profile.pk is None:
        profile.version = 1
    else:
        _claim_version(profile, version)
    profile.save()
    save_m2m()
    return profile


MENTOR_TRANSITIONS = {
    MentorProfile.Status.CANDIDATE: (MentorProfile.Status.APPROVED, MentorProfile.Status.LEFT),
    MentorProfile.Status.APPROVED: (MentorProfile.Status.ACTIVE, MentorProfile.Status.LEFT),
    MentorProfile.Status.ACTIVE: (MentorProfile.Status.LEFT,),
    MentorProfile.Status.LEFT: (MentorProfile.Status.CANDIDATE,),
}
MENTOR_TRANSITION_NOT_ALLOWED = _("Статус «%(source)s» нельзя сменить на «%(target)s».")
MENTOR_STILL_MENTORING = _(
    "У наставника есть незавершённые пары или группы (наставляемых: %(count)s). Завершите или "
    "прекратите их, прежде чем отмечать выбытие."
)


def mentor_open_mentees(mentor: MentorProfile, day: datetime.date) -> int:
    """Mentees in the mentor's pairs and groups not over on `day`."""
    return MentorProfile.objects.with_load(day).get(pk=mentor.pk).load


def mentor_record_add(*, mentor: MentorProfile, record: TrainingRecord | Incentive):
    """Enter a course or an incentive in the mentor's registry entry."""
    record.mentor = mentor
    record.save()
    return record


def mentor_record_delete(*, record: TrainingRecord | Incentive) -> None:
    record.delete()


@transaction.atomic
def mentor_transition(*, mentor: MentorProfile, to: str, today: datetime.date) -> MentorProfile:
    """кандидат → утверждён → активен → выбыл; a mentor who left may be taken back as a
    candidate. Nobody leaves while still leading a pair or group not over on `today`."""
    mentor = MentorProfile.objects.select_for_update().get(pk=mentor.pk)
    if to not in MENTOR_TRANSITIONS[mentor.status]:
        raise ValidationError(
            MENTOR_TRANSITION_NOT_ALLOWED
            % {"source": mentor.get_status_display(), "target": MentorProfile.Status(to).label}
        )
    if to == MentorProfile.Status.LEFT and (count := mentor_open_mentees(mentor, today)):
        raise ValidationError(MENTOR_STILL_MENTORING % {"count": count})
    _set_status(mentor, to)
    return mentor


@transaction.atomic
def mentors_mark_active(mentors) -> None:
    """Mentors whose pair or group has just been fixed by an order become «активен»."""
    waiting = MentorProfile.objects.select_for_update().filter(
        pk__in=[mentor.pk for mentor in mentors],
        status__in=(MentorProfile.Status.CANDIDATE, MentorProfile.Status.APPROVED),
    )
    for mentor in waiting:
        _set_status(mentor, MentorProfile.Status.ACTIVE)


def _set_status(mentor: MentorProfile, to: str) -> None:
    """Save a status read under a row lock; the version moves on, so an entry form opened
    before the change is refused like any stale edit."""
    mentor.status = to
    mentor.version += 1
    mentor.save(update_fields=["status", "version"])


WITHDRAWAL_GRACE_DAYS = 30
# A data subject's request for what the school holds on them is answered within this many
# working days (152-ФЗ, ст. 14, ч. 3); printed in the school's policy (documents.printables).
ANSWER_WORKING_DAYS = 10
PERSONAL_FIELDS = ("first_name", "middle_name", "position", "subject", "class_cohort",
                   "class_letter", "birth_date", "experience_since", "email", "phone",
                   "employer_name", "contract_date", "contract_number",
                   *Person.SENSITIVE_FIELDS)  # fmt: skip
LEFT_ON_PURGE = _("персональные данные удалены после отзыва согласия")


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


def retention_ends(person: Person) -> datetime.date | None:
    """The day a person who left may have their data removed: the school's term after their
    leaving day (None while on the roll)."""
    if person.left_on is None:
        return None
    return years_after(person.left_on, person.organization.retention_years)


def people_past_retention(organization: Organization, today: datetime.date, *, within: int = 0):
    """People who left at least the school's term before `today` (+ `within` days: those due
    soon) and have no consent in force then: their data is to be removed. With the reasons
    the card is kept (pairs, documents) it stays, nameless."""
    from registry.models import Consent

    horizon = today + datetime.timedelta(days=within)
    latest_left = years_before(horizon, organization.retention_years)
    in_force = Consent.objects.in_force(horizon).values("person_id")
    return (
        Person.objects.in_organization(organization)
        .filter(anonymized_at__isnull=True, left_on__lte=latest_left)
        .exclude(pk__in=in_force)
        .select_related("organization")
        .order_by("left_on", "pk")
    )


@transaction.atomic
def person_anonymise(*, person: Person, by: str, basis: str, today: datetime.date):
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
    if person.left_on is None:
        # The card leaves today's roll; the periods it was on the roll keep their figures.
        person.left_on = today
        person.left_reason = str(LEFT_ON_PURGE)
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


CONSENT_IN_FUTURE = _("Дата согласия не может быть позже сегодняшней.")
SIGNS_HIMSELF_FROM = _(
    "%(name)s подписывает согласие %(self)s только с %(date)s, когда %(to_them)s исполнится "
    "18 лет: до этого дня согласие даёт законный представитель."
)
SIGNS_HIMSELF_NO_BIRTH_DATE = _(
    "У обучающегося %(name)s не указана дата рождения: пока её нет, согласие даёт законный "
    "представитель (укажите дату рождения в карточке)."
)
ADULT_SIGNS_HIMSELF = _(
    "На %(day)s %(name)s уже %(adult)s: согласие законного представителя с этой даты не "
    "нужно — согласие %(they)s подписывает %(self)s."
)


@transaction.atomic
def consent_record(
    *,
    person: Person,
    kind: str,
    given_on: datetime.date,
    today: datetime.date,
    valid_until: datetime.date | None = None,
    representative_name: str = "",
    representative_relation: str = "",
    scan=None,
):
    """A consent received on paper, entered in the registry (the card's form and an order's
    package both come here). Entering the same consent again (person, kind and date; a double
    click, two curators at once) gives back the one on file, with the scan if it had none."""
    from registry.models import Consent

    if given_on > today:
        raise ValidationError(CONSENT_IN_FUTURE)
    _refuse_wrong_signer(person, kind, given_on)
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one entry at a time
    on_file = Consent.objects.filter(
        person=person, kind=kind, given_on=given_on, withdrawn_on__isnull=True
    ).first()
    if on_file is not None:
        if scan and not on_file.scan:
            on_file.scan = scan
            on_file.save(update_fields=["scan"])
        return on_file
    consent = Consent(
        person=person,
        kind=kind,
        given_on=given_on,
        valid_until=valid_until,
        representative_name=representative_name.strip(),
        representative_relation=representative_relation.strip(),
    )
    if scan:
        consent.scan = scan
    consent.full_clean()
    try:
        with transaction.atomic():
            consent.save()
    except IntegrityError:  # entered by another request between the check and the insert
        return Consent.objects.get(
            person=person, kind=kind, given_on=given_on, withdrawn_on__isnull=True
        )
    return consent


def _refuse_wrong_signer(person: Person, kind: str, given_on: datetime.date) -> None:
    """A pupil signs a consent himself from his 18th birthday; before it his legal
    representative signs, and not after (the rule of documents.basis.required_consent)."""
    from registry.models import Consent

    minor = person.is_minor_on(given_on)
    male = person.gender == "m"
    words = {
        "name": person.short_name,
        "self": "сам" if male else "сама",
        "they": "он" if male else "она",
        "to_them": "ему" if male else "ей",
        "adult": "совершеннолетний" if male else "совершеннолетняя",
    }
    if kind == Consent.Kind.REPRESENTATIVE:
        if not minor:
            raise ValidationError(ADULT_SIGNS_HIMSELF % {**words, "day": date_numeric(given_on)})
    elif minor:
        adult = person.comes_of_age_on()
        if adult is None:
            raise ValidationError(SIGNS_HIMSELF_NO_BIRTH_DATE % words)
        raise ValidationError(SIGNS_HIMSELF_FROM % {**words, "date": date_numeric(adult)})


WITHDRAWAL_INVALID = _("Укажите дату отзыва (от даты согласия до сегодняшнего дня) и причину.")


@transaction.atomic
def consent_withdraw(*, consent, withdrawn_on: datetime.date, reason: str, today: datetime.date):
    """A consent withdrawn on `withdrawn_on`, between the day it was given and `today`: an
    earlier date would have the card purged at once, a later one is not a withdrawal yet. The
    person withdraws the consent, not a row: every consent of that kind given by then and not
    yet withdrawn is withdrawn with it."""
    from registry.models import Consent

    if not (consent.given_on <= withdrawn_on <= today) or not reason.strip():
        raise ValidationError(WITHDRAWAL_INVALID)
    Person.objects.select_for_update().filter(pk=consent.person_id).first()
    covered = Consent.objects.filter(
        person_id=consent.person_id,
        kind=consent.kind,
        given_on__lte=withdrawn_on,
        withdrawn_on__isnull=True,
    )
    for each in covered:  # one by one: each keeps its history
        each.withdrawn_on, each.withdrawal_reason = withdrawn_on, reason.strip()
        each.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    consent.refresh_from_db()
    return consent
