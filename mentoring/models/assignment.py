"""Programs of mentoring and assignments: pairs and groups of mentors and mentees."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import AcademicYear, Organization, TenantQuerySet, User
from registry.models import MenteeProfile, MentoringForm, MentorProfile, Person


class ProgramQuerySet(TenantQuerySet):
    pass


class Program(models.Model):
    """A school's program of mentoring (программа наставничества) in one form for a year."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey(
        AcademicYear, verbose_name=_("учебный год"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("форма наставничества"),
        on_delete=models.PROTECT,
        related_name="programs",
    )
    title = models.CharField(_("название"), max_length=300)
    goal = models.TextField(_("цель"))
    tasks = models.TextField(_("задачи"), blank=True)
    expected_results = models.TextField(_("ожидаемые результаты"), blank=True)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    curator = models.ForeignKey(
        Person,
        verbose_name=_("ответственный куратор"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year__start_year", "form__order"]
        verbose_name = _("программа наставничества")
        verbose_name_plural = _("программы наставничества")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year", "form"],
                name="program_unique_per_form_and_year",
                violation_error_message=_("Программа этой формы на этот учебный год уже есть."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")),
                name="program_period_ordered",
                violation_error_message=_("Дата окончания раньше даты начала."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


GROUP_NAMES_SHOWN = 3  # a group's name lists this many mentees, then «и ещё N»


class AssignmentStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    AWAITING_CONSENTS = "awaiting_consents", _("ожидает согласий")
    AWAITING_ORDER = "awaiting_order", _("ожидает приказа")
    ACTIVE = "active", _("действует")
    FINISHED = "finished", _("завершена")
    TERMINATED = "terminated", _("прекращена")


# On its way to an order: the curator moves it between these (and may stop it).
PREPARATION_STATUSES = frozenset(
    {
        AssignmentStatus.DRAFT,
        AssignmentStatus.AWAITING_CONSENTS,
        AssignmentStatus.AWAITING_ORDER,
    }
)
# What is stored. «действует» is stored once a signed order fixes the pair or group; on a day
# after its end date (the period its orders state) it reads «завершена» with nothing stored:
# «завершена» is a reading, never a stored status (Assignment.status_on, with_status_on).
STORED_STATUSES = frozenset(
    {*PREPARATION_STATUSES, AssignmentStatus.ACTIVE, AssignmentStatus.TERMINATED}
)
# Those that hold their people for their period: all but the stopped ones.
HOLDING_STATUSES = sorted(STORED_STATUSES - {AssignmentStatus.TERMINATED})


def fixed_by_order_q(prefix: str = "") -> Q:
    """Fixed by a signed order that stands (AssignmentQuerySet.fixed_by_order); `prefix` reaches an
    assignment from another model («assignment__»)."""
    return Q(**{f"{prefix}status": AssignmentStatus.ACTIVE})


def active_on_q(day: datetime.date, prefix: str = "") -> Q:
    """«действует» on `day`: fixed by an order and not past its end."""
    return fixed_by_order_q(prefix) & Q(**{f"{prefix}ends_on__gte": day})


def of_person_q(person, prefix: str = "") -> Q:
    """In a pair or group of `person`, as a mentor or as a mentee: one rule for a person's
    pairs (AssignmentQuerySet.of_person) and for what hangs on them — meetings
    («assignment__»), plan events («task__plan__assignment__»). The pairs' ids are read first
    (one query, a handful of rows) and the rows looked up by them: as a subquery, under OR or
    as a UNION, PostgreSQL scanned every school's pairs for one teacher's (bench/region.py).
    No join, so each row once, no DISTINCT."""
    as_mentor = AssignmentMentor.objects.filter(mentor__person=person)
    as_mentee = AssignmentMentee.objects.filter(mentee__person=person)
    ids = (
        as_mentor.values_list("assignment_id", flat=True)
        .order_by()
        .union(as_mentee.values_list("assignment_id", flat=True).order_by())
    )
    return Q(**{f"{prefix}pk__in": list(ids)})


def takes_place_q(start: datetime.date, end: datetime.date | None = None, prefix: str = "") -> Q:
    """Holds its people from `start` to `end` (open-ended without it): a pair or group whose
    period shares a day with them, unless it was stopped before an order. One rule for a
    mentor's load on a day or over a new pair's period, and for what is not over on a day."""
    # Said positively: a negated lookup across a relation would read «has no such row».
    q = Q(**{f"{prefix}status__in": HOLDING_STATUSES, f"{prefix}ends_on__gte": start})
    if end is not None:
        q &= Q(**{f"{prefix}starts_on__lte": end})
    return q


def takes_place(
    status: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    start: datetime.date,
    end: datetime.date | None = None,
) -> bool:
    """takes_place_q for a row already read."""
    return status in HOLDING_STATUSES and ends_on >= start and (end is None or starts_on <= end)


def status_on_day(day: datetime.date) -> Case:
    """The status on `day` as SQL: the rule of Assignment.status_on."""
    return Case(
        When(
            status=AssignmentStatus.ACTIVE, ends_on__lt=day, then=Value(AssignmentStatus.FINISHED)
        ),
        default=F("status"),
        output_field=models.CharField(),
    )


def network_assignment_ids(organizations) -> models.QuerySet:
    """The ids of other schools' assignments in which these schools' mentors work (network
    pairs and groups): the second half of what a school sees beside its own."""
    return (
        AssignmentMentor.objects.filter(mentor__person__organization__in=organizations)
        .exclude(assignment__organization__in=organizations)
        .values_list("assignment_id", flat=True)
    )


class AssignmentQuerySet(TenantQuerySet):
    def for_user(self, user) -> AssignmentQuerySet:
        """The school's own assignments and those where one of its mentors works (network)."""
        from accounts.access import organization_ids_for

        if not user.is_authenticated:
            return self.none()
        ids = organization_ids_for(user)
        return self.filter(Q(organization__in=ids) | Q(pk__in=network_assignment_ids(ids)))

    def visible_in(self, organization: Organization) -> AssignmentQuerySet:
        """What a school's curator lists: own assignments and network ones of its mentors.

        The network ones' ids are read first (one query, usually none): under OR, a subquery
        made PostgreSQL read every school's pairs to find one school's (bench/region.py: the
        pairs list 1.2× its cost with 100 schools in the database); by ids, both sides use an
        index."""
        network = set(network_assignment_ids([organization]))
        return self.filter(Q(organization=organization) | Q(pk__in=network))

    def fixed_by_order(self) -> AssignmentQuerySet:
        """Fixed by a signed order that stands (on some day of its period it is or was
        «действует»): what reports and documents count."""
        return self.filter(fixed_by_order_q())

    def active_on(self, day: datetime.date) -> AssignmentQuerySet:
        """«действует» on `day`: fixed by an order and not over."""
        return self.filter(active_on_q(day))

    def open_on(self, day: datetime.date) -> AssignmentQuerySet:
        """Not over on `day`: being prepared or fixed by an order, and not past its end."""
        return self.filter(takes_place_q(day))

    def in_status_on(self, status: str, day: datetime.date) -> AssignmentQuerySet:
        """Those whose status reads `status` on `day` (the pairs list's filter)."""
        if status == AssignmentStatus.FINISHED:
            return self.fixed_by_order().filter(ends_on__lt=day)
        if status == AssignmentStatus.ACTIVE:
            return self.active_on(day)
        return self.filter(status=status)

    def with_status_on(self, day: datetime.date) -> AssignmentQuerySet:
        """Each row's status as it reads on `day`, in `day_status`."""
        return self.annotate(day_status=status_on_day(day))

    def overlapping(self, start: datetime.date, end: datetime.date) -> AssignmentQuerySet:
        """Pairs and groups whose period shares a day with start…end."""
        return self.filter(starts_on__lte=end, ends_on__gte=start)

    def running_during(self, start: datetime.date, end: datetime.date) -> AssignmentQuerySet:
        """Pairs and groups that worked under an order at some time between start and end."""
        return self.overlapping(start, end).fixed_by_order()

    def of_person(self, person: Person) -> AssignmentQuerySet:
        """The pairs and groups `person` is in, as a mentor or as a mentee."""
        return self.filter(of_person_q(person))

    def with_people(self) -> AssignmentQuerySet:
        return self.select_related("form", "organization").prefetch_related(
            models.Prefetch(
                "mentor_links",
                queryset=AssignmentMentor.objects.select_related(
                    "mentor__person__organization"
                ).order_by("pk"),
            ),
            models.Prefetch(
                "mentee_links",
                queryset=AssignmentMentee.objects.select_related("mentee__person").order_by("pk"),
            ),
        )


class Assignment(models.Model):
    """A pair (one mentor, one mentee) or a group (mentors and several mentees)."""

    class Kind(models.TextChoices):
        PAIR = "pair", _("пара")
        GROUP = "group", _("группа")

    Status = AssignmentStatus

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey(
        AcademicYear, verbose_name=_("учебный год"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("форма наставничества"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("программа"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices, default=Kind.PAIR)
    title = models.CharField(
        _("название группы"), max_length=255, blank=True, help_text=_("Для групп.")
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.DRAFT
    )
    status_reason = models.CharField(_("причина"), max_length=500, blank=True)
    status_changed_at = models.DateTimeField(_("статус изменён"), null=True, blank=True)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    retroactive_reason = models.CharField(
        _("основание начала раньше приказа"),
        max_length=500,
        blank=True,
        help_text=_(
            "Если пара или группа работала до приказа. Без основания начало переносится на "
            "дату приказа."
        ),
    )
    notes = models.TextField(_("примечание"), blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("создал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("наставническая пара или группа")
        verbose_name_plural = _("наставнические пары и группы")
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")),
                name="assignment_period_ordered",
                violation_error_message=_("Дата окончания раньше даты начала."),
            ),
            models.CheckConstraint(
                condition=~Q(status="terminated") | ~Q(status_reason=""),
                name="assignment_terminated_has_reason",
                violation_error_message=_("Укажите причину прекращения."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=sorted(STORED_STATUSES)),
                name="assignment_finished_is_read_not_stored",
            ),
        ]

    def __str__(self) -> str:
        """Named by its people, as the curator knows it: «Толкалина О.В. → Гусь И.И., учитель –
        учитель»; a group «Группа «Молодые педагоги»: Толкалина О.В. → Гусь И.И., Ким А.А.,
        Лис Б.Б. и ещё 2, учитель – учитель». Lists prefetch the people (`with_people`)."""
        if self.pk is None:
            return self.kind_display.capitalize()
        mentors, mentees = self._people_names()
        if self.kind == self.Kind.PAIR:
            if not mentors and not mentees:
                return f"{self.kind_display.capitalize()} № {self.pk}, {self.form.name}"
            return f"{', '.join(mentors) or '—'} → {', '.join(mentees) or '—'}, {self.form.name}"
        head = _("Группа «%s»") % self.title if self.title else _("Группа")
        if not mentors and not mentees:
            return f"{head} № {self.pk}, {self.form.name}"
        shown = ", ".join(mentees[:GROUP_NAMES_SHOWN])
        if len(mentees) > GROUP_NAMES_SHOWN:
            shown += " " + _("и ещё %d") % (len(mentees) - GROUP_NAMES_SHOWN)
        return f"{head}: {', '.join(mentors)} → {shown}, {self.form.name}"

    def _people_names(self) -> tuple[list[str], list[str]]:
        shown = getattr(self, "people_shown", None)  # a list's rows: selectors.show_people
        if shown is not None:
            return [p.short_name for p in shown[0]], [p.short_name for p in shown[1]]
        return (
            [link.mentor.person.short_name for link in self._links("mentor_links")],
            [link.mentee.person.short_name for link in self._links("mentee_links")],
        )

    def _links(self, name: str):
        """The prefetched links, or one query for them with their people."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if name in cache:
            return cache[name]
        role = "mentor" if name == "mentor_links" else "mentee"
        return getattr(self, name).select_related(f"{role}__person").order_by("pk")

    @property
    def in_preparation(self) -> bool:
        return self.status in PREPARATION_STATUSES

    def status_on(self, day: datetime.date) -> str:
        """The status on `day`: what the signed orders that stand and the dates say. A pair
        fixed by an order reads «завершена» from the day after its end date (the period its
        order states, or the day an ending order named)."""
        if self.status == AssignmentStatus.ACTIVE and self.ends_on < day:
            return AssignmentStatus.FINISHED
        return self.status

    def show_on(self, day: datetime.date) -> Assignment:
        """Set `day_status` for a page that shows this one row (lists annotate it)."""
        self.day_status = self.status_on(day)
        return self

    @property
    def kind_display(self) -> str:
        """«пара» / «группа»: what get_kind_display() says without its 30 µs (Django hashes
        every choice's lazy label on each call); `__str__` — a list's tick box label, a select
        of pairs — says it once a row."""
        return str(self.Kind(self.kind).label)

    @property
    def day_status_display(self) -> str:
        """The label of `day_status` (set by with_status_on or show_on)."""
        return str(AssignmentStatus(self.day_status).label)

    @property
    def is_pair(self) -> bool:
        return self.kind == self.Kind.PAIR

    @property
    def mentors(self) -> list[MentorProfile]:
        return [link.mentor for link in self.mentor_links.all()]

    @property
    def mentees(self) -> list[MenteeProfile]:
        return [link.mentee for link in self.mentee_links.all()]

    @property
    def is_network(self) -> bool:
        return any(m.person.organization_id != self.organization_id for m in self.mentors)

    @property
    def day_status_badge(self) -> str:
        return STATUS_BADGES[AssignmentStatus(self.day_status)]


STATUS_BADGES = {
    AssignmentStatus.DRAFT: "secondary",
    AssignmentStatus.AWAITING_CONSENTS: "warning",
    AssignmentStatus.AWAITING_ORDER: "info",
    AssignmentStatus.ACTIVE: "success",
    AssignmentStatus.FINISHED: "dark",
    AssignmentStatus.TERMINATED: "danger",
}


class AssignmentMentor(models.Model):
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("пара или группа"),
        on_delete=models.CASCADE,
        related_name="mentor_links",
    )
    mentor = models.ForeignKey(
        MentorProfile,
        verbose_name=_("наставник"),
        on_delete=models.PROTECT,
        related_name="assignment_links",
    )

    class Meta:
        verbose_name = _("наставник в паре или группе")
        verbose_name_plural = _("наставники в парах и группах")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "mentor"], name="assignment_mentor_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.mentor)


class AssignmentMentee(models.Model):
    """A mentee in an assignment; `form` and `in_preparation` mirror the assignment so that the
    database holds a mentee to one pair or group in preparation per form (overlapping periods
    of ordered ones are refused by mentoring.services.assignment_validate under a lock)."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("пара или группа"),
        on_delete=models.CASCADE,
        related_name="mentee_links",
    )
    mentee = models.ForeignKey(
        MenteeProfile,
        verbose_name=_("наставляемый"),
        on_delete=models.PROTECT,
        related_name="assignment_links",
    )
    form = models.ForeignKey(
        MentoringForm, verbose_name=_("форма"), on_delete=models.PROTECT, related_name="+"
    )
    in_preparation = models.BooleanField(_("готовится"), default=True)

    class Meta:
        verbose_name = _("наставляемый в паре или группе")
        verbose_name_plural = _("наставляемые в парах и группах")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "mentee"], name="assignment_mentee_unique"
            ),
            models.UniqueConstraint(
                fields=["mentee", "form"],
                condition=Q(in_preparation=True),
                name="mentee_one_assignment_in_preparation_per_form",
                violation_error_message=_(
                    "У наставляемого уже готовится другая пара или группа в этой форме."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.mentee)
