"""People and their registry entries: mentors, mentees, consents, training.

The catalogue of the five forms of mentoring lives here too: a form is defined by which
registry categories may be mentor and mentee, and the mentor and mentee registries refer
to it, while mentoring/ builds pairs and groups on top.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Gender, Organization, TenantQuerySet, User
from core.periods import (
    academic_year_start,
    months_before,
    whole_months,
    years_after,
    years_before,
)
from core.russian import date_numeric

YOUNG_SPECIALIST_YEARS = 3
ADULT_AGE = 18


class PersonCategory(models.TextChoices):
    """Who a person is in the registry; the forms of mentoring are defined in these terms."""

    TEACHER = "teacher", _("педагог")
    STUDENT = "student", _("обучающийся")
    COLLEGE_STUDENT = "college_student", _("студент вуза или колледжа")
    EMPLOYER = "employer", _("представитель работодателя")


def create_standard_forms(forms: models.QuerySet) -> None:
    """Create the five forms of the target model in `forms`' table if they are missing
    (idempotent): the portal's model, or a migration state's after `migrate` or `flush`."""
    for order, (code, name, mentors, mentees) in enumerate(STANDARD_FORMS, start=1):
        forms.get_or_create(
            code=code,
            defaults={
                "name": name,
                "mentor_categories": mentors,
                "mentee_categories": mentees,
                "order": order,
            },
        )


class MentoringFormQuerySet(models.QuerySet):
    def ensure_standard(self) -> None:
        """Create the five forms of the target model if they are missing (idempotent)."""
        create_standard_forms(self)


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


def minor_on_q(day: datetime.date) -> Q:
    """A pupil under 18 on `day` (PersonQuerySet.minors_on; Person.is_minor_on for one
    person); a pupil without a birth date counts as a minor."""
    return Q(category=PersonCategory.STUDENT) & (
        Q(birth_date__isnull=True) | Q(birth_date__gt=years_before(day, ADULT_AGE))
    )


class PersonQuerySet(TenantQuerySet):
    """The dated rules about people: each takes the day (or period) it is decided on."""

    def teachers(self) -> PersonQuerySet:
        return self.filter(category=PersonCategory.TEACHER)

    def students(self) -> PersonQuerySet:
        return self.filter(category=PersonCategory.STUDENT)

    def on_roll(self, day: datetime.date) -> PersonQuerySet:
        """In the organization on `day`: admitted by then and not left before it (the day of
        leaving is the last day on the roll, as a dismissal's day is the last working day)."""
        return self.on_roll_during(day, day)

    def on_roll_during(self, start: datetime.date, end: datetime.date) -> PersonQuerySet:
        """On the roll on at least one day of [start, end]."""
        return self.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=end)).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=start)
        )

    def minors_on(self, day: datetime.date) -> PersonQuerySet:
        """Pupils under 18 on `day`; a pupil without a birth date counts as a minor."""
        return self.filter(minor_on_q(day))

    def without_personal_data_consent(self, day: datetime.date) -> PersonQuerySet:
        """People whose data the school may not process on `day`: no consent in force then of
        the kind `Consent.personal_data_kind` names (a minor's legal representative's covers
        the child's data)."""
        # The kind each row needs is decided in SQL, of the row itself, so that one subquery is
        # probed per row: two of them under OR made PostgreSQL hash every school's consents
        # (bench/region.py: 10 ms with 100 schools, 3 ms so).
        needed = Case(
            When(minor_on_q(day), then=Value(Consent.Kind.REPRESENTATIVE)),
            default=Value(Consent.Kind.PERSONAL_DATA),
            output_field=models.CharField(),
        )
        in_force = Consent.objects.in_force(day).filter(
            person=OuterRef("pk"), kind=OuterRef("consent_needed")
        )
        return self.alias(consent_needed=needed).exclude(Exists(in_force))

    def young_specialists_on(self, day: datetime.date) -> PersonQuerySet:
        """Teachers with under three years of pedagogical experience on `day`."""
        return self.teachers().filter(
            experience_since__gt=years_before(day, YOUNG_SPECIALIST_YEARS)
        )

    def in_class(self, label: str, day: datetime.date) -> PersonQuerySet:
        """Pupils of class `label` («7А», «11») in the academic year of `day`."""
        grade, letter = parse_class(label)
        cohort = academic_year_start(day) - grade + 1
        return self.students().filter(class_cohort=cohort, class_letter__iexact=letter)


CLASS_RE = re.compile(r"(1[01]|[1-9])\s*([А-ЯЁа-яё]?)")
BAD_CLASS = _("класс пишется как 7А или 11")


def short_name_of(last_name: str, first_name: str, middle_name: str) -> str:
    """Surname with initials, no space between them: «Сидорова С.С.» (Person.short_name, and
    lists that read the three columns without loading the card)."""
    initials = "".join(f"{p[0]}." for p in (first_name, middle_name) if p)
    return f"{last_name} {initials}"


def class_label_on(cohort: int | None, letter: str, day: datetime.date) -> str:
    """The class of a pupil of `cohort` in the academic year of `day` («7А»); "" before the
    first class or after the eleventh (Person.class_on)."""
    if cohort is None:
        return ""
    grade = academic_year_start(day) - cohort + 1
    return f"{grade}{letter}" if 1 <= grade <= 11 else ""


def parse_class(label: str) -> tuple[int, str]:
    """«7 а» → (7, "А"); ValueError when it is not a class of a Russian school (1–11)."""
    match = CLASS_RE.fullmatch(" ".join(label.split()))
    if not match:
        raise ValueError(label)
    return int(match.group(1)), match.group(2).upper()


def validate_class(label: str) -> None:
    """The one check of a class label, for the card form and the import alike."""
    from django.core.exceptions import ValidationError

    try:
        parse_class(label)
    except ValueError:
        raise ValidationError(BAD_CLASS, code="bad_class") from None


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
    # A pupil's class moves up every academic year: it is kept as the academic year the pupil
    # was (or would have been) in the first class, plus the letter (Person.class_on).
    class_cohort = models.PositiveSmallIntegerField(
        _("учебный год 1 класса"), null=True, blank=True
    )
    class_letter = models.CharField(_("буква класса"), max_length=2, blank=True)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    # Experience grows with time: the day it counts from (Person.experience_on).
    experience_since = models.DateField(
        _("педагогический стаж исчисляется с"), null=True, blank=True
    )
    joined_on = models.DateField(
        _("дата приёма (зачисления)"),
        null=True,
        blank=True,
        help_text=_("Не заполнена у новой карточки — с дня внесения в портал."),
    )
    left_on = models.DateField(
        _("дата выбытия"),
        null=True,
        blank=True,
        help_text=_("Последний день в организации; карточка остаётся для пар и документов."),
    )
    left_reason = models.CharField(_("причина выбытия"), max_length=255, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=30, blank=True)
    employer_name = models.CharField(
        _("место работы или учёбы"),
        max_length=255,
        blank=True,
        help_text=_("Для студентов и представителей работодателя."),
    )
    # The employment contract a supplementary agreement amends: «к трудовому договору от … № …».
    contract_date = models.DateField(_("дата трудового договора"), null=True, blank=True)
    contract_number = models.CharField(
        _("номер трудового договора"), max_length=30, blank=True, db_default=""
    )
    # Sensitive flags of students: seen and edited by the curator and psychologist only.
    has_disability = models.BooleanField(_("ОВЗ"), default=False)
    is_gifted = models.BooleanField(_("одарённый"), default=False)
    difficult_situation = models.BooleanField(_("трудная жизненная ситуация"), default=False)
    low_income = models.BooleanField(_("малоимущая семья"), default=False)
    is_orphan = models.BooleanField(_("сирота"), default=False)
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
                violation_error_message=_("Человек с такой электронной почтой уже есть в школе."),
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True)
                | Q(left_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="person_left_after_joined",
                violation_error_message=_("Дата выбытия раньше даты приёма."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def category_display(self) -> str:
        """What get_category_display() says, without its 30 µs a call (Django hashes every
        choice's lazy label each time): lists of people call it once a row."""
        return str(PersonCategory(self.category).label)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        """Surname with initials, no space between them: «Сидорова С.С.»."""
        return short_name_of(self.last_name, self.first_name, self.middle_name)

    # The dated rules of PersonQuerySet for one loaded person; each takes its day.

    def leaving_word_on(self, day: datetime.date) -> str:
        """How `day` speaks of the card's «Дата выбытия»: «выбывает» while it is still ahead
        (the day of leaving is the last on the roll), «выбыл» / «выбыла» once it has passed."""
        if self.left_on is None or self.left_on >= day:
            return str(_("выбывает"))
        return str(_("выбыл") if self.gender == Gender.MALE else _("выбыла"))

    def is_on_roll(self, day: datetime.date) -> bool:
        return self.is_on_roll_during(day, day)

    def is_on_roll_during(self, start: datetime.date, end: datetime.date) -> bool:
        return (self.joined_on is None or self.joined_on <= end) and (
            self.left_on is None or self.left_on >= start
        )

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def comes_of_age_on(self) -> datetime.date | None:
        """The 18th birthday: from this day a pupil signs consents himself."""
        if self.birth_date is None:
            return None
        return years_after(self.birth_date, ADULT_AGE)

    def is_minor_on(self, day: datetime.date) -> bool:
        """A pupil under 18 on `day`; a pupil without a birth date counts as a minor."""
        if self.category != PersonCategory.STUDENT:
            return False
        age = self.age_on(day)
        return age is None or age < ADULT_AGE

    def experience_on(self, day: datetime.date) -> Decimal | None:
        """Years of pedagogical experience on `day`, counted in whole calendar months, to one
        decimal, rounded down (5,5 a year later is 6,5)."""
        if self.experience_since is None:
            return None
        years = Decimal(whole_months(self.experience_since, day)) / 12
        return years.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)

    def is_young_specialist_on(self, day: datetime.date) -> bool:
        return (
            self.category == PersonCategory.TEACHER
            and self.experience_since is not None
            and self.experience_since > years_before(day, YOUNG_SPECIALIST_YEARS)
        )

    def class_on(self, day: datetime.date) -> str:
        """The pupil's class in the academic year of `day` («7А»); "" before the first class
        or after the eleventh."""
        return class_label_on(self.class_cohort, self.class_letter, day)

    def set_class(self, label: str, day: datetime.date) -> None:
        """Record the class `label` as it is in the academic year of `day` ("" clears it)."""
        if not label:
            self.class_cohort, self.class_letter = None, ""
            return
        grade, self.class_letter = parse_class(label)
        self.class_cohort = academic_year_start(day) - grade + 1

    def set_experience(self, years: Decimal | None, day: datetime.date) -> None:
        """Record «стаж N лет» as it is on `day`: experience counts from N years before it
        (in whole months, rounded up, so experience_on(day) gives back exactly N)."""
        if years is None:
            self.experience_since = None
            return
        months = (years * 12).to_integral_value(rounding=ROUND_CEILING)
        self.experience_since = months_before(day, int(months))


class MentorProfileQuerySet(TenantQuerySet):
    organization_field = "person__organization"

    def with_load(self, day: datetime.date) -> MentorProfileQuerySet:
        """`load`: the mentees in the mentor's pairs and groups not over on `day` (being
        prepared, or fixed by an order, and not past their end): mentoring.services.mentor_load
        from `day` on, for a list."""
        from mentoring.models.assignment import takes_place_q

        links = "assignment_links__assignment__mentee_links"
        return self.annotate(
            load=Count(
                f"{links}__mentee",
                filter=takes_place_q(day, prefix="assignment_links__assignment__"),
                distinct=True,
            )
        )

    def available_to(self, organization, day: datetime.date) -> MentorProfileQuerySet:
        """Who may mentor in `organization` on `day`: entries not marked «выбыл» of people on
        the roll then, from the school itself or network-ready in its municipality. The pair
        form, the matching pool and the suggestions all read this one rule."""
        return (
            self.exclude(status=MentorProfile.Status.LEFT)
            .filter(person__in=Person.objects.on_roll(day))
            .filter(
                Q(person__organization=organization)
                | Q(
                    network_ready=True,
                    person__organization__municipality_id=organization.municipality_id,
                )
            )
        )

    def trained_by(self, day: datetime.date) -> MentorProfileQuerySet:
        """Mentors who had finished a mentors' course by `day` (a course finished later does
        not count for a period already over)."""
        return self.filter(
            Exists(TrainingRecord.objects.filter(mentor=OuterRef("pk"), completed_on__lte=day))
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


class MenteeProfileQuerySet(TenantQuerySet):
    organization_field = "person__organization"

    def available_in(self, organization, day: datetime.date) -> MenteeProfileQuerySet:
        """Who may be given a mentor in `organization` on `day`: people on the roll then (one
        pair or group per form at a time is the pair's own rule)."""
        return self.filter(person__in=Person.objects.in_organization(organization).on_roll(day))

    def with_status_on(self, day: datetime.date) -> MenteeProfileQuerySet:
        """Each entry's status as it reads on `day`, in `day_status`: «закреплён» while a pair
        or group fixed by an order runs, «подобран наставник» while one is being prepared,
        «завершил» once the ordered ones are over, «ожидает» before any."""
        from mentoring.models.assignment import active_on_q, fixed_by_order_q

        Link = self.model._meta.get_field("assignment_links").related_model
        links = Link.objects.filter(mentee=OuterRef("pk"))
        Status = MenteeProfile.Status
        return self.annotate(
            day_status=Case(
                When(
                    Exists(links.filter(active_on_q(day, "assignment__"))),
                    then=Value(Status.ASSIGNED),
                ),
                When(Exists(links.filter(in_preparation=True)), then=Value(Status.MATCHED)),
                When(
                    Exists(links.filter(fixed_by_order_q("assignment__"))),
                    then=Value(Status.FINISHED),
                ),
                default=Value(Status.WAITING),
                output_field=models.CharField(),
            )
        )

    def in_status_on(self, status: str, day: datetime.date) -> MenteeProfileQuerySet:
        return self.with_status_on(day).filter(day_status=status)


class MenteeProfile(models.Model):
    """An entry in the mentee registry (база наставляемых)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("ожидает")
        MATCHED = "matched", _("подобран наставник")  # in a pair not yet fixed by an order
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
    objects = MenteeProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("наставляемый")
        verbose_name_plural = _("база наставляемых")

    def __str__(self) -> str:
        return str(self.person)

    def status_on(self, day: datetime.date) -> str:
        """The status on `day` (MenteeProfileQuerySet.with_status_on, for one entry)."""
        return (
            MenteeProfile.objects.with_status_on(day)
            .values_list("day_status", flat=True)
            .get(pk=self.pk)
        )

    def show_on(self, day: datetime.date) -> MenteeProfile:
        """Set `day_status` for a page that shows this one entry (lists annotate it)."""
        self.day_status = self.status_on(day)
        return self

    @property
    def day_status_display(self) -> str:
        return str(MenteeProfile.Status(self.day_status).label)


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
        return f"{self.course} ({date_numeric(self.completed_on)})"


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

    def in_force(self, day: datetime.date) -> ConsentQuerySet:
        """In force on `day`: given by then, not yet expired, not withdrawn by then (a consent
        withdrawn later was in force on the days before the withdrawal)."""
        return (
            self.filter(given_on__lte=day)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
            .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
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
                violation_error_message=_(
                    "Срок действия не может закончиться раньше даты согласия."
                ),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("Согласие не может быть отозвано раньше, чем дано."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="representative") | ~Q(representative_name=""),
                name="consent_representative_named",
                violation_error_message=_("Укажите ФИО законного представителя."),
            ),
            # One paper, one row: the same consent entered twice (two clicks, two curators)
            # stays one, so that withdrawing it leaves none in force.
            models.UniqueConstraint(
                fields=["person", "kind", "given_on"],
                condition=Q(withdrawn_on__isnull=True),
                name="consent_entered_once",
                violation_error_message=_("Это согласие с этой датой уже внесено."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person.short_name}"

    @classmethod
    def personal_data_kind(cls, person: Person, day: datetime.date) -> str:
        """The consent that lets the school process `person`'s data on `day`: a minor's legal
        representative's (it covers participation and the child's data), else their own."""
        return cls.Kind.REPRESENTATIVE if person.is_minor_on(day) else cls.Kind.PERSONAL_DATA


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
        return f"{date_numeric(self.performed_at)} — {self.person_id}"
