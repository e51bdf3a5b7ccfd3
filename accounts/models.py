"""Municipalities, organizations (schools), academic years, users and their roles."""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Self

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.periods import academic_year_first_day, academic_year_start
from core.russian import year_range
from core.validators import validate_organization_inn


class Gender(models.TextChoices):
    MALE = "m", _("мужской")
    FEMALE = "f", _("женский")


class Role(models.TextChoices):
    CURATOR = "curator", _("Куратор")
    DIRECTOR = "director", _("Директор")
    DEPUTY = "deputy", _("Заместитель директора")
    TEACHER = "teacher", _("Педагог")
    PSYCHOLOGIST = "psychologist", _("Психолог")


class User(AbstractUser):
    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    gender = models.CharField(_("пол"), max_length=1, choices=Gender.choices, blank=True)

    @property
    def card(self):
        """The user's person card in the registry (registry.Person.user), or None: the one
        place that reads the reverse relation (the backend loads it with the user)."""
        return getattr(self, "person", None)

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # django-stubs omits it
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    def get_short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip() or self.username


class Municipality(models.Model):
    name = models.CharField(_("название"), max_length=255, unique=True)
    region = models.CharField(_("субъект РФ"), max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("муниципалитет")
        verbose_name_plural = _("муниципалитеты")

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("общеобразовательная организация")
        ADDITIONAL = "additional", _("учреждение дополнительного образования")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("муниципалитет"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    full_name = models.CharField(
        _("полное официальное наименование"),
        max_length=500,
        help_text=_("Как в приказах и на бланках."),
    )
    short_name = models.CharField(_("краткое наименование"), max_length=255)
    slug = models.SlugField(_("код"), max_length=64, unique=True)
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    locality = models.CharField(
        _("населённый пункт"), max_length=255, blank=True, help_text=_("Например, г. Хабаровск")
    )
    # Printed in the employer's requisites of a supplementary agreement (seed 002's sample)
    phone = models.CharField(
        _("телефон"),
        max_length=100,
        blank=True,
        db_default="",
        help_text=_("Например, 8 (4212) 45-67-89"),
    )
    inn = models.CharField(
        _("ИНН"),
        max_length=10,
        blank=True,
        db_default="",
        validators=[validate_organization_inn],
        help_text=_("10 цифр, как в уставе и выписке ЕГРЮЛ."),
    )
    director = models.ForeignKey(
        User,
        verbose_name=_("директор"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directed_organizations",
    )
    # What the school's orders cite beside the federal acts (documents.contexts)
    regional_acts = models.TextField(
        _("региональные и муниципальные акты о наставничестве"),
        blank=True,
        db_default="",
        help_text=_(
            "По одному в строке, как они называются: «приказ министерства образования и науки "
            "Хабаровского края от 12.08.2021 № 34 „О внедрении…“». Приказ о внедрении ссылается "
            "на них после федеральных документов."
        ),
    )

    retention_years = models.PositiveSmallIntegerField(
        _("срок хранения персональных данных выбывших, лет"),
        default=5,
        db_default=5,
        validators=[MinValueValidator(1), MaxValueValidator(75)],
        help_text=_(
            "Через столько лет после выбытия персональные данные человека, у которого больше нет "
            "действующего согласия, обезличиваются (с актом удаления); ближайшие — на странице "
            "«Состояние программы»."
        ),
    )

    class Signature(models.TextChoices):
        ELECTRONIC = "electronic", _("простая электронная подпись в портале")
        PAPER = "paper", _("подпись на бумаге, скан загружается в портал")

    signature = models.CharField(
        _("как директор подписывает документы"),
        max_length=20,
        choices=Signature.choices,
        default=Signature.ELECTRONIC,
        db_default=Signature.ELECTRONIC,
        help_text=_(
            "Простая электронная подпись действует, когда в организации принято положение о "
            "её использовании (63-ФЗ, ст. 9): его можно распечатать на этой странице."
        ),
    )
    has_union = models.BooleanField(
        _("есть первичная профсоюзная организация"),
        default=False,
        db_default=False,
        help_text=_("Тогда приказ о внедрении принимается с учётом её мнения (протокол)."),
    )

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("образовательная организация")
        verbose_name_plural = _("образовательные организации")

    def __str__(self) -> str:
        return self.short_name


class AcademicYearQuerySet(models.QuerySet):
    def current(self, today: datetime.date) -> AcademicYear | None:
        """The academic year of `today` (from August on, the one starting in September), or
        the latest one before it."""
        year = academic_year_start(today)
        return self.filter(start_year__lte=year).order_by("-start_year").first()


class AcademicYear(models.Model):
    """An academic year (учебный год) split into two halves (полугодия)."""

    start_year = models.PositiveSmallIntegerField(_("год начала"), unique=True)
    first_half_starts = models.DateField(_("начало 1 полугодия"))
    first_half_ends = models.DateField(_("конец 1 полугодия"))
    second_half_starts = models.DateField(_("начало 2 полугодия"))
    second_half_ends = models.DateField(_("конец 2 полугодия"))

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("учебный год")
        verbose_name_plural = _("учебные годы")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_half_starts__lt=F("first_half_ends"))
                & Q(first_half_ends__lt=F("second_half_starts"))
                & Q(second_half_starts__lt=F("second_half_ends")),
                name="academic_year_halves_ordered",
            ),
        ]

    def __str__(self) -> str:
        return year_range(self.start_year)

    @property
    def title(self) -> str:
        return f"{year_range(self.start_year)} учебный год"

    @property
    def starts_on(self) -> datetime.date:
        return self.first_half_starts

    @property
    def ends_on(self) -> datetime.date:
        return self.second_half_ends

    def half_bounds(self, half: int) -> tuple[datetime.date, datetime.date]:
        if half == 1:
            return self.first_half_starts, self.first_half_ends
        if half == 2:
            return self.second_half_starts, self.second_half_ends
        raise ValueError(half)

    def contains(self, start: datetime.date, end: datetime.date) -> bool:
        return self.starts_on <= start <= end <= self.ends_on

    @classmethod
    def standard_dates(cls, start_year: int) -> dict[str, datetime.date]:
        """The usual Russian calendar: 1 Sep – 31 Dec, 9 Jan – 31 May."""
        return {
            "first_half_starts": academic_year_first_day(start_year),
            "first_half_ends": datetime.date(start_year, 12, 31),
            "second_half_starts": datetime.date(start_year + 1, 1, 9),
            "second_half_ends": datetime.date(start_year + 1, 5, 31),
        }


class MembershipQuerySet(models.QuerySet):
    def of_user(self, user: User) -> list[Membership]:
        """The user's active memberships, each with its organization (and its data version)
        and its `role_codes`, in one query — what every signed-in page reads first. A row
        per role (an outer join: a membership without roles comes once, with none), folded
        here; a prefetch of the roles was a second query on every page."""
        memberships: dict[int, Membership] = {}
        codes: dict[int, set[str]] = {}
        rows = (
            self.filter(user=user, is_active=True)
            .select_related("organization__data_version")
            .annotate(role_code=models.F("roles__role"))
        )
        for membership in rows:
            memberships.setdefault(membership.pk, membership)
            codes.setdefault(membership.pk, set())
            if membership.role_code is not None:
                codes[membership.pk].add(membership.role_code)
        for pk, membership in memberships.items():
            membership.__dict__["role_codes"] = frozenset(codes[pk])  # the cached property
        return list(memberships.values())


class Membership(models.Model):
    """A user's place in one organization, with one or more roles there."""

    user = models.ForeignKey(
        User, verbose_name=_("пользователь"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("действует"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__short_name"]
        verbose_name = _("членство в организации")
        verbose_name_plural = _("членства в организациях")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_unique_user_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization}"

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(r.role for r in self.roles.all())

    @property
    def role_labels(self) -> list[str]:
        return [str(label) for value, label in Role.choices if value in self.role_codes]


class MembershipRole(models.Model):
    membership = models.ForeignKey(
        Membership, verbose_name=_("членство"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("роль")
        verbose_name_plural = _("роли")
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="membership_role_unique"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class Coordinator(models.Model):
    """A municipal coordinator: read-only access across a municipality's organizations."""

    user = models.ForeignKey(
        User, verbose_name=_("пользователь"), on_delete=models.CASCADE, related_name="coordinations"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("муниципалитет"),
        on_delete=models.CASCADE,
        related_name="coordinators",
    )
    # «Исполнитель» of the rollup the coordinator prints (set on the rollup page)
    position = models.CharField(_("должность"), max_length=255, blank=True, db_default="")
    phone = models.CharField(_("телефон"), max_length=100, blank=True, db_default="")

    class Meta:
        verbose_name = _("муниципальный координатор")
        verbose_name_plural = _("муниципальные координаторы")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="coordinator_unique_user_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.municipality}"


class TenantQuerySet(models.QuerySet):
    """Base for every per-organization model: `for_user` is how views get rows."""

    organization_field = "organization"

    def for_user(self, user) -> Self:
        from accounts.access import organization_ids_for

        if not user.is_authenticated:
            return self.none()
        return self.filter(**{f"{self.organization_field}__in": organization_ids_for(user)})

    def in_organization(self, organization: Organization) -> Self:
        return self.filter(**{self.organization_field: organization})

    def for_request(self, request) -> Self:
        """The rows of the organization the user works in now (the middleware has checked
        the membership): a view's one scoped entry, so it never filters by organization
        twice."""
        organization = getattr(request, "organization", None)
        if organization is None or not request.user.is_authenticated:
            return self.none()
        return self.in_organization(organization)


class SchoolDataVersion(models.Model):
    """A number that grows after every committed change to one school's data
    (accounts.freshness): the figures computed for that school's pages (counts of a home
    panel) are kept under it, so a change in one school leaves the others' figures be."""

    organization = models.OneToOneField(
        Organization,
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="data_version",
    )
    value = models.BigIntegerField(_("версия данных"), default=0)

    class Meta:
        verbose_name = _("версия данных организации")
        verbose_name_plural = _("версии данных организаций")

    def __str__(self) -> str:
        return str(self.value)
