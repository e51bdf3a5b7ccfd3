"""People and their registry entries: mentors, mentees, consents, training.

The catalogue of the five forms of mentoring lives here too: a form is defined by which
registry categories may be mentor and mentee, and the mentor and mentee registries refer
to it, while mentoring/ builds pairs and groups on top.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Gender, Organization, TenantQuerySet, User

YOUNG_SPECIALIST_YEARS = Decimal(3)


class PersonCategory(models.TextChoices):
    """Who a person is in the registry; the forms of mentoring are defined in these terms."""

    TEACHER = "teacher", _("педагог")
    STUDENT = "student", _("обучающийся")
    COLLEGE_STUDENT = "college_student", _("студент вуза или колледжа")
    EMPLOYER = "employer", _("представитель работодателя")


class MentoringFormQuerySet(models.QuerySet):
    def ensure_standard(self) -> None:
        """Create the five forms of the target model if they are missing (idempotent)."""
        for order, (code, name, mentors, mentees) in enumerate(STANDARD_FORMS, start=1):
            self.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "mentor_categories": mentors,
                    "mentee_categories": mentees,
                    "order": order,
                },
            )


class MentoringForm(models.Model):
    """A form of mentoring (учитель–учитель, ...): fixes who may mentor whom."""

    code = models.SlugField(_("код"), max_length=40, unique=True)
    name = models.CharField(_("название"), max_length=100, unique=True)
    mentor_categories = models.JSONField(_("категории наставников"), default=list)
    mentee_categories = models.JSONField(_("категории наставляемых"), default=list)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    objects = MentoringFormQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("форма наставничества")
        verbose_name_plural = _("формы наставничества")

    def __str__(self) -> str:
        return self.name

    def admits_mentor(self, category: str) -> bool:
        return category in self.mentor_categories

    def admits_mentee(self, category: str) -> bool:
        return category in self.mentee_categories


STANDARD_FORMS = [
    ("teacher-teacher", "учитель – учитель", [PersonCategory.TEACHER], [PersonCategory.TEACHER]),
    ("teacher-student", "учитель – ученик", [PersonCategory.TEACHER], [PersonCategory.STUDENT]),
    ("student-student", "ученик – ученик", [PersonCategory.STUDENT], [PersonCategory.STUDENT]),
    (
        "college-student",
        "студент – ученик",
        [PersonCategory.COLLEGE_STUDENT],
        [PersonCategory.STUDENT],
    ),
    (
        "employer-student",
        "работодатель – ученик",
        [PersonCategory.EMPLOYER],
        [PersonCategory.STUDENT],
    ),
]


class Competency(models.Model):
    """A professional competency a mentor has or a mentee lacks (a deficit)."""

    name = models.CharField(_("название"), max_length=255, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("компетенция")
        verbose_name_plural = _("компетенции")

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(TenantQuerySet):
    def teachers(self) -> PersonQuerySet:
        return self.filter(category=PersonCategory.TEACHER)

    def students(self) -> PersonQuerySet:
        return self.filter(category=PersonCategory.STUDENT)

    def young_specialists(self) -> PersonQuerySet:
        return self.teachers().filter(experience_years__lt=YOUNG_SPECIALIST_YEARS)


class Person(models.Model):
    """Anyone in a school's registry: staff, students, college students, employers' staff."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("организация"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    user = models.OneToOneField(
        User,
        verbose_name=_("учётная запись"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    middle_name = models.CharField(_("отчество"), max_length=100, blank=True)
    gender = models.CharField(_("пол"), max_length=1, choices=Gender.choices)
    category = models.CharField(_("категория"), max_length=20, choices=PersonCategory.choices)
    position = models.CharField(_("должность"), max_length=255, blank=True)
    subject = models.CharField(_("предмет"), max_length=255, blank=True)
    school_class = models.CharField(_("класс"), max_length=10, blank=True)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    experience_years = models.DecimalField(
        _("педагогический стаж, лет"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(70))],
    )
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=30, blank=True)
    employer_name = models.CharField(
        _("место работы или учёбы"),
        max_length=255,
        blank=True,
        help_text=_("Для студентов и представителей работодателя."),
    )
    # Sensitive flags of students: seen and edited by the curator and psychologist only.
    has_disability = models.BooleanField(_("ОВЗ"), default=False)
    is_gifted = models.BooleanField(_("одарённый"), default=False)
    difficult_situation = models.BooleanField(_("трудная жизненная ситуация"), default=False)
    low_income = models.BooleanField(_("малоимущая семья"), default=False)
    is_orphan = models.BooleanField(_("сирота"), default=False)
    is_active = models.BooleanField(_("в организации"), default=True)
    anonymized_at = models.DateTimeField(_("данные обезличены"), null=True, blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1, editable=False)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = PersonQuerySet.as_manager()

    SENSITIVE_FIELDS = (
        "has_disability",
        "is_gifted",
        "difficult_situation",
        "low_income",
        "is_orphan",
    )

    class Meta:
        ordering = ["last_name", "first_name", "middle_name"]
        verbose_name = _("человек")
        verbose_name_plural = _("люди")
        indexes = [
            models.Index(fields=["organization", "category", "last_name"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=~Q(email=""),
                name="person_email_unique_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        """Surname with initials, no space between them: «Сидорова С.С.»."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}"

    @property
    def is_young_specialist(self) -> bool:
        return (
            self.category == PersonCategory.TEACHER
            and self.experience_years is not None
            and self.experience_years < YOUNG_SPECIALIST_YEARS
        )

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def is_minor(self) -> bool:
        """Students are minors unless their birth date says otherwise."""
        if self.category != PersonCategory.STUDENT:
            return False
        age = self.age_on(timezone.localdate())
        return age is None or age < 18


class MentorProfileQuerySet(models.QuerySet):
    def with_load(self) -> MentorProfileQuerySet:
        """`load`: the mentees in the mentor's open pairs and groups. The mentoring app keeps
        each mentee link's `is_open` in step with its assignment's status."""
        links = "assignment_links__assignment__mentee_links"
        return self.annotate(
            load=Count(links, filter=Q(**{f"{links}__is_open": True}), distinct=True)
        )

    def needing_training(self) -> MentorProfileQuerySet:
        """Mentors a mentors' course is for: adults, not pupils who mentor pupils."""
        return self.exclude(person__category=PersonCategory.STUDENT)


class MentorProfile(models.Model):
    """An entry in the mentor registry (база наставников)."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("кандидат")
        APPROVED = "approved", _("утверждён")
        ACTIVE = "active", _("активен")
        LEFT = "left", _("выбыл")

    person = models.OneToOneField(
        Person, verbose_name=_("наставник"), on_delete=models.PROTECT, related_name="mentor_profile"
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    forms = models.ManyToManyField(
        MentoringForm, verbose_name=_("формы наставничества"), blank=True, related_name="mentors"
    )
    competencies = models.ManyToManyField(
        Competency, verbose_name=_("компетенции"), blank=True, related_name="mentors"
    )
    capacity = models.PositiveSmallIntegerField(
        _("наставляемых не более"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    network_ready = models.BooleanField(
        _("готов к сетевому наставничеству"),
        default=False,
        help_text=_("Может быть наставником в другой организации муниципалитета."),
    )
    notes = models.TextField(_("примечание"), blank=True)
    version = models.PositiveIntegerField(_("версия"), default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("наставник")
        verbose_name_plural = _("база наставников")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="mentor_capacity_positive"),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def needs_training(self) -> bool:
        """The rule of MentorProfileQuerySet.needing_training for one (loaded) entry."""
        return self.person.category != PersonCategory.STUDENT


class MenteeProfile(models.Model):
    """An entry in the mentee registry (база наставляемых)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("ожидает")
        ASSIGNED = "assigned", _("закреплён")
        FINISHED = "finished", _("завершил")

    class Source(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("анкета")
        CLASS_TEACHER = "class_teacher", _("классный руководитель")
        PSYCHOLOGIST = "psychologist", _("психолог")
        PARENTS = "parents", _("родители")
        ATTESTATION = "attestation", _("аттестация")

    person = models.OneToOneField(
        Person,
        verbose_name=_("наставляемый"),
        on_delete=models.PROTECT,
        related_name="mentee_profile",
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    request = models.TextField(_("запрос"), blank=True)
    deficits = models.ManyToManyField(
        Competency,
        verbose_name=_("дефициты профессиональных компетенций"),
        blank=True,
        related_name="mentees",
    )
    source = models.CharField(_("откуда запрос"), max_length=20, choices=Source.choices, blank=True)
    desired_form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("желаемая форма"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("версия"), default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("наставляемый")
        verbose_name_plural = _("база наставляемых")

    def __str__(self) -> str:
        return str(self.person)


class TrainingRecord(models.Model):
    """A mentoring course a mentor took (the region counts the share of trained teachers)."""

    mentor = models.ForeignKey(
        MentorProfile,
        verbose_name=_("наставник"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    course = models.CharField(_("курс"), max_length=500)
    provider = models.CharField(_("организация, проводившая обучение"), max_length=500)
    hours = models.PositiveSmallIntegerField(_("часов"), validators=[MinValueValidator(1)])
    completed_on = models.DateField(_("дата окончания"))
    certificate = models.CharField(_("документ об обучении"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = _("обучение наставника")
        verbose_name_plural = _("обучение наставников")

    def __str__(self) -> str:
        return f"{self.course} ({self.completed_on:%d.%m.%Y})"


class Incentive(models.Model):
    """A mentor's payment per supplementary agreement, or an award."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("доплата по дополнительному соглашению")
        AWARD = "award", _("награда, поощрение")

    mentor = models.ForeignKey(
        MentorProfile,
        verbose_name=_("наставник"),
        on_delete=models.CASCADE,
        related_name="incentives",
    )
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("описание"), max_length=500)
    amount = models.DecimalField(
        _("сумма, руб."), max_digits=10, decimal_places=2, null=True, blank=True
    )
    granted_on = models.DateField(_("дата"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_on"]
        verbose_name = _("поощрение наставника")
        verbose_name_plural = _("поощрения наставников")

    def __str__(self) -> str:
        return self.description


class ConsentQuerySet(TenantQuerySet):
    organization_field = "person__organization"

    def in_force(self, day: datetime.date | None = None) -> ConsentQuerySet:
        day = day or timezone.localdate()
        return self.filter(withdrawn_on__isnull=True, given_on__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Consent(models.Model):
    class Kind(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("согласие на обработку персональных данных")
        PARTICIPATION = "participation", _("согласие на участие в программе наставничества")
        MENTOR_WORK = "mentor_work", _("согласие наставника на дополнительную работу")
        MENTEE = "mentee", _("согласие наставляемого на закрепление наставника")
        REPRESENTATIVE = "representative", _("согласие законного представителя")

    person = models.ForeignKey(
        Person,
        verbose_name=_("кто дал согласие"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    kind = models.CharField(_("вид согласия"), max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("дата"))
    valid_until = models.DateField(_("действует до"), null=True, blank=True)
    representative_name = models.CharField(
        _("ФИО законного представителя"), max_length=300, blank=True
    )
    representative_relation = models.CharField(
        _("кем приходится"), max_length=100, blank=True, help_text=_("мать, отец, опекун…")
    )
    scan = models.FileField(_("скан"), upload_to="consents/%Y/", blank=True)
    withdrawn_on = models.DateField(_("отозвано"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("причина отзыва"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("согласие")
        verbose_name_plural = _("согласия")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("given_on")),
                name="consent_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=~Q(kind="representative") | ~Q(representative_name=""),
                name="consent_representative_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person.short_name}"


class CardView(models.Model):
    """Who opened a student's card, and when: every opening is written here."""

    person = models.ForeignKey(
        Person, verbose_name=_("чья карточка"), on_delete=models.CASCADE, related_name="card_views"
    )
    viewer = models.ForeignKey(
        User, verbose_name=_("кто открыл"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    viewed_at = models.DateTimeField(_("когда"), auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        verbose_name = _("просмотр карточки")
        verbose_name_plural = _("журнал просмотров карточек")

    def __str__(self) -> str:
        return f"{self.person_id} — {self.viewed_at:%d.%m.%Y %H:%M}"


class DeletionAct(models.Model):
    """A record that a person's personal data was anonymised after consent withdrawal.

    It keeps only what was done and when — never the removed data itself."""

    person = models.ForeignKey(
        Person, verbose_name=_("карточка"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    performed_at = models.DateTimeField(_("когда"), auto_now_add=True)
    performed_by = models.CharField(_("кем"), max_length=100)
    basis = models.CharField(_("основание"), max_length=500)
    removed = models.TextField(_("что удалено"))

    class Meta:
        ordering = ["-performed_at"]
        verbose_name = _("акт удаления персональных данных")
        verbose_name_plural = _("акты удаления персональных данных")

    def __str__(self) -> str:
        return f"{self.performed_at:%d.%m.%Y} — {self.person_id}"
