"""Writes of the mentoring app: assignments and their lifecycle, plans, meetings.

Every status change of an assignment goes through `_change_status`, reached only from
`assignment_transition` (the curator's steps before an order) and `assignment_activate` (a
signed order). Once an order fixes a pair or group, only orders change it: an ending order
moves its end date (`assignment_end_by_order`), a cancellation puts back the state the
cancelled order found (`assignment_snapshot`, `assignment_restore`), and the dates do the rest:
it reads «завершена» from the day after its end (Assignment.status_on).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear, Organization, User
from core.declension import Case, person_name, role_and_name
from core.russian import date_numeric
from mentoring.models import (
    Assignment,
    AssignmentMentee,
    AssignmentMentor,
    AssignmentStatus,
    Meeting,
    Plan,
    PlanEvent,
    PlanTask,
    Program,
)
from mentoring.models.assignment import takes_place_q
from registry.models import MenteeProfile, MentoringForm, MentorProfile, Person, PersonCategory
from registry.services import mentors_mark_active

S = AssignmentStatus

PAIR_NEEDS_ONE_MENTOR_ONE_MENTEE = _("В паре должны быть один наставник и один наставляемый.")
GROUP_NEEDS_MENTORS = _("В группе должен быть хотя бы один наставник.")
GROUP_NEEDS_MENTEES = _("В группе должно быть не меньше двух наставляемых.")
MENTOR_DOES_NOT_FIT_FORM = _(
    "%(name)s не может быть наставником в форме «%(form)s»: категория «%(category)s»."
)
MENTOR_FORM_NOT_IN_REGISTRY = _(
    "У наставника %(name)s в базе наставников не указана форма «%(form)s»."
)
MENTOR_LEFT = _("%(name)s выбыл(а) из базы наставников.")
# The card's dates that keep a mentor off a pair's start; the pair form links to the field.
MENTOR_HIRED_LATER = _(
    "%(name)s %(hired)s на работу %(joined)s — позже начала пары %(start)s. Если наставник "
    "работал раньше, исправьте дату приёма в карточке."
)
MENTEE_JOINED_LATER = _(
    "%(name)s %(hired)s в организацию %(joined)s — позже начала пары %(start)s (дата приёма в "
    "карточке)."
)
MENTOR_LEFT_EARLIER = _(
    "%(name)s %(left_word)s из организации %(left)s — раньше начала пары %(start)s (дата "
    "выбытия в карточке)."
)
MENTEE_DOES_NOT_FIT_FORM = _(
    "%(name)s не может быть наставляемым в форме «%(form)s»: категория «%(category)s»."
)
MENTEE_OTHER_ORGANIZATION = _("Наставляемый %(name)s не из этой организации.")
MENTOR_OTHER_MUNICIPALITY = _(
    "Наставник %(name)s из организации другого муниципалитета: сетевое наставничество "
    "возможно только внутри муниципалитета."
)
MENTOR_NOT_NETWORK_READY = _(
    "Наставник %(name)s из другой организации и не готов к сетевому наставничеству."
)
SELF_MENTORING = _("%(name)s не может быть наставником самому себе.")
MENTOR_CAPACITY_EXCEEDED = _(
    "У наставника %(name)s не больше %(capacity)s наставляемых, а получилось бы %(count)s."
)
# %(who)s: «наставляемой Сергеевой-Ткаченко М.А.» (core.declension.role_and_name)
MENTEE_ALREADY_ASSIGNED = _("У %(who)s уже есть незавершённая пара или группа в форме «%(form)s».")
PERIOD_REVERSED = _("Дата окончания раньше даты начала.")
PERIOD_OUTSIDE_YEAR = _("Период должен лежать внутри учебного года %(year)s (%(start)s – %(end)s).")
PROGRAM_OTHER_FORM = _("Программа относится к другой форме или другому учебному году.")
ONLY_DRAFT_EDITABLE = _("Изменять состав и сроки можно только у черновика.")
TRANSITION_NOT_ALLOWED = _("Из статуса «%(source)s» нельзя перейти в «%(target)s».")
ACTIVE_ONLY_BY_ORDER = _(
    "Статус «действует» устанавливается только подписанным приказом о закреплении."
)
ORDERED_CHANGED_BY_ORDERS = _(
    "Пара или группа закреплена приказом: досрочно её прекращают приказом о прекращении, "
    "а по окончании срока она завершается сама."
)
REASON_REQUIRED = _("Укажите причину прекращения.")
NOT_AWAITING_ORDER = _("Приказ может ввести в действие только пару или группу, ожидающую приказа.")
DRAFT_ONLY_DELETABLE = _("Удалить можно только черновик.")
EVENT_DATE_IN_FUTURE = _("Дата выполнения не может быть в будущем.")
MEETING_DATE_IN_FUTURE = _("Дата встречи не может быть в будущем.")
PLAN_EXISTS = _("У этой пары или группы уже есть план.")

# Which statuses the curator may move an assignment to, from each status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.AWAITING_CONSENTS, S.TERMINATED),
    S.AWAITING_CONSENTS: (S.DRAFT, S.AWAITING_ORDER, S.TERMINATED),
    S.AWAITING_ORDER: (S.AWAITING_CONSENTS, S.ACTIVE, S.TERMINATED),
    # Fixed by an order: only another order changes it (ending, cancelling, amending)
    S.ACTIVE: (),
    S.TERMINATED: (),
}


def mentor_load(
    mentor: MentorProfile,
    *,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    exclude: Assignment | None = None,
) -> int:
    """How many mentees the mentor has in pairs and groups that take place during
    starts_on…ends_on (from starts_on on without an end): the rule of
    MentorProfileQuerySet.with_load."""
    assignments = Assignment.objects.filter(
        takes_place_q(starts_on, ends_on), mentor_links__mentor=mentor
    )
    if exclude is not None and exclude.pk:
        assignments = assignments.exclude(pk=exclude.pk)
    return (
        AssignmentMentee.objects.filter(assignment__in=assignments)
        .values("mentee")
        .distinct()
        .count()
    )


def assignment_validate(
    *,
    organization: Organization,
    academic_year: AcademicYear,
    form: MentoringForm,
    kind: str,
    mentors: Sequence[MentorProfile],
    mentees: Sequence[MenteeProfile],
    starts_on: datetime.date,
    ends_on: datetime.date,
    program: Program | None = None,
    instance: Assignment | None = None,
) -> None:
    """Check every rule of an assignment; raise one ValidationError with all violations."""
    errors: list[str] = []
    if kind == Assignment.Kind.PAIR:
        if len(mentors) != 1 or len(mentees) != 1:
            errors.append(PAIR_NEEDS_ONE_MENTOR_ONE_MENTEE)
    else:
        if not mentors:
            errors.append(GROUP_NEEDS_MENTORS)
        if len(mentees) < 2:
            errors.append(GROUP_NEEDS_MENTEES)

    if starts_on > ends_on:
        errors.append(PERIOD_REVERSED)
    elif not academic_year.contains(starts_on, ends_on):
        errors.append(
            PERIOD_OUTSIDE_YEAR
            % {
                "year": academic_year,
                "start": date_numeric(academic_year.starts_on),
                "end": date_numeric(academic_year.ends_on),
            }
        )
    if program is not None and (
        program.form_id != form.pk
        or program.academic_year_id != academic_year.pk
        or program.organization_id != organization.pk
    ):
        errors.append(PROGRAM_OTHER_FORM)

    mentee_people = {m.person_id for m in mentees}
    for mentor in mentors:
        person = mentor.person
        name = person.short_name
        if not form.admits_mentor(person.category):
            errors.append(
                MENTOR_DOES_NOT_FIT_FORM
                % {"name": name, "form": form, "category": person.get_category_display()}
            )
        elif not mentor.forms.filter(pk=form.pk).exists():
            errors.append(MENTOR_FORM_NOT_IN_REGISTRY % {"name": name, "form": form})
        if mentor.status == MentorProfile.Status.LEFT:
            errors.append(MENTOR_LEFT % {"name": name})
        elif not person.is_on_roll(starts_on):  # MentorProfile.objects.available_to, for one
            errors.append(_off_the_roll(person, starts_on))
        if person.organization_id != organization.pk:
            if person.organization.municipality_id != organization.municipality_id:
                errors.append(MENTOR_OTHER_MUNICIPALITY % {"name": name})
            elif not mentor.network_ready:
                errors.append(MENTOR_NOT_NETWORK_READY % {"name": name})
        if person.pk in mentee_people:
            errors.append(SELF_MENTORING % {"name": name})
        errors += _capacity_errors(mentor, len(mentees), starts_on, ends_on, instance)

    for mentee in mentees:
        person = mentee.person
        name = person.short_name
        if not form.admits_mentee(person.category):
            errors.append(
                MENTEE_DOES_NOT_FIT_FORM
                % {"name": name, "form": form, "category": person.get_category_display()}
            )
        if person.organization_id != organization.pk:
            errors.append(MENTEE_OTHER_ORGANIZATION % {"name": name})
        if not person.is_on_roll(starts_on):
            errors.append(_off_the_roll(person, starts_on, hired=MENTEE_JOINED_LATER))
        errors += _mentee_errors(mentee, form, starts_on, ends_on, instance)
    if errors:
        raise ValidationError(errors)


def _off_the_roll(
    person: Person, start: datetime.date, *, hired=MENTOR_HIRED_LATER
) -> ValidationError:
    """Why a mentor or mentee is not on the roll on a pair's first day, as the card says:
    taken on after it, or left before it. Its code and the person let the form link to the date
    to fix."""
    male = person.gender == "m"
    values = {"name": person.short_name, "start": date_numeric(start)}
    if person.joined_on is not None and person.joined_on > start:
        message = hired % {
            **values,
            "hired": "принят" if male else "принята",
            "joined": date_numeric(person.joined_on),
        }
        return ValidationError(message, code="hired_later", params={"person": person.pk})
    message = MENTOR_LEFT_EARLIER % {
        **values,
        "left_word": person.leaving_word_on(start),  # left before it: «выбыл» / «выбыла»
        "left": date_numeric(person.left_on),
    }
    return ValidationError(message, code="left_earlier", params={"person": person.pk})


def _capacity_errors(
    mentor: MentorProfile,
    mentees: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    instance: Assignment | None,
) -> list[str]:
    """A mentor's capacity holds over the period with `mentees` more."""
    count = mentor_load(mentor, starts_on=starts_on, ends_on=ends_on, exclude=instance) + mentees
    if count <= mentor.capacity:
        return []
    name = person_name(mentor.person, Case.GENITIVE, short=True)
    return [MENTOR_CAPACITY_EXCEEDED % {"name": name, "capacity": mentor.capacity, "count": count}]


def _mentee_errors(
    mentee: MenteeProfile,
    form: MentoringForm,
    starts_on: datetime.date,
    ends_on: datetime.date,
    instance: Assignment | None,
) -> list[str]:
    """A mentee is in one pair or group of a form on any day."""
    others = Assignment.objects.filter(
        takes_place_q(starts_on, ends_on), form=form, mentee_links__mentee=mentee
    )
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    if others.exists():
        return [MENTEE_ALREADY_ASSIGNED % {"who": _mentee_genitive(mentee.person), "form": form}]
    return []


def _mentee_genitive(person: Person) -> str:
    return role_and_name(person, "наставляемого", "наставляемой", Case.GENITIVE)


def _locked(
    mentors: Sequence[MentorProfile], mentees: Sequence[MenteeProfile]
) -> tuple[list[MentorProfile], list[MenteeProfile]]:
    """The mentors and mentees read again under a row lock until the transaction ends, so that
    two curators cannot both fill a mentor's last free place or give one mentee two pairs in a
    form for the same days (the rules assignment_validate checks)."""
    locked_mentors = list(
        MentorProfile.objects.select_for_update()
        .select_related("person__organization")
        .filter(pk__in=[m.pk for m in mentors])
        .order_by("pk")
    )
    locked_mentees = list(
        MenteeProfile.objects.select_for_update()
        .select_related("person")
        .filter(pk__in=[m.pk for m in mentees])
        .order_by("pk")
    )
    return locked_mentors, locked_mentees


def _save_links(
    assignment: Assignment,
    mentors: Sequence[MentorProfile],
    mentees: Sequence[MenteeProfile],
) -> None:
    assignment.mentor_links.all().delete()
    assignment.mentee_links.all().delete()
    AssignmentMentor.objects.bulk_create(
        AssignmentMentor(assignment=assignment, mentor=m) for m in mentors
    )
    try:
        with transaction.atomic():
            AssignmentMentee.objects.bulk_create(
                AssignmentMentee(
                    assignment=assignment,
                    mentee=m,
                    form=assignment.form,
                    in_preparation=assignment.in_preparation,
                )
                for m in mentees
            )
    except IntegrityError as exc:  # a concurrent request assigned the same mentee first
        raise ValidationError(
            MENTEE_ALREADY_ASSIGNED
            % {"who": _mentee_genitive(mentees[0].person), "form": assignment.form}
        ) from exc


@transaction.atomic
def assignment_create(
    *,
    organization: Organization,
    academic_year: AcademicYear,
    form: MentoringForm,
    mentors: Sequence[MentorProfile],
    mentees: Sequence[MenteeProfile],
    starts_on: datetime.date,
    ends_on: datetime.date,
    kind: str = Assignment.Kind.PAIR,
    title: str = "",
    program: Program | None = None,
    notes: str = "",
    by: User | None = None,
) -> Assignment:
    """A new pair or group, as a draft."""
    mentors, mentees = _locked(mentors, mentees)
    assignment_validate(
        organization=organization,
        academic_year=academic_year,
        form=form,
        kind=kind,
        mentors=mentors,
        mentees=mentees,
        starts_on=starts_on,
        ends_on=ends_on,
        program=program,
    )
    if program is None:
        program = Program.objects.filter(
            organization=organization, academic_year=academic_year, form=form
        ).first()
    assignment = Assignment.objects.create(
        organization=organization,
        academic_year=academic_year,
        form=form,
        program=program,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        notes=notes,
        created_by=by,
        status_changed_at=timezone.now(),
    )
    _save_links(assignment, mentors, mentees)
    return assignment


@transaction.atomic
def assignment_update(
    *,
    assignment: Assignment,
    mentors: Sequence[MentorProfile],
    mentees: Sequence[MenteeProfile],
    starts_on: datetime.date,
    ends_on: datetime.date,
    title: str = "",
    notes: str = "",
) -> Assignment:
    """Change a draft's people and period (its form and kind stay)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != S.DRAFT:
        raise ValidationError(ONLY_DRAFT_EDITABLE)
    mentors, mentees = _locked(mentors, mentees)
    assignment_validate(
        organization=assignment.organization,
        academic_year=assignment.academic_year,
        form=assignment.form,
        kind=assignment.kind,
        mentors=mentors,
        mentees=mentees,
        starts_on=starts_on,
        ends_on=ends_on,
        program=assignment.program,
        instance=assignment,
    )
    assignment.starts_on, assignment.ends_on = starts_on, ends_on
    assignment.title, assignment.notes = title, notes
    assignment.save()
    _save_links(assignment, mentors, mentees)
    return assignment


@transaction.atomic
def assignment_delete_draft(*, assignment: Assignment) -> None:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != S.DRAFT:
        raise ValidationError(DRAFT_ONLY_DELETABLE)
    assignment.delete()


def allowed_transitions(assignment: Assignment) -> list[str]:
    """The statuses the curator may choose in the UI («действует» comes from an order)."""
    return [s for s in TRANSITIONS[assignment.status] if s != S.ACTIVE]


def _change_status(assignment: Assignment, to: str, reason: str, by: User | None) -> Assignment:
    """The one place an assignment's status changes."""
    if assignment.status == S.ACTIVE and to != S.ACTIVE:
        raise ValidationError(ORDERED_CHANGED_BY_ORDERS)
    if to not in TRANSITIONS[assignment.status]:
        raise ValidationError(
            TRANSITION_NOT_ALLOWED
            % {"source": assignment.get_status_display(), "target": S(to).label}
        )
    reason = reason.strip()
    if to == S.TERMINATED and not reason:
        raise ValidationError(REASON_REQUIRED)
    if to == S.AWAITING_CONSENTS and assignment.status == S.DRAFT:
        # Leaving the draft re-checks the rules: registries may have changed meanwhile.
        assignment_validate(
            organization=assignment.organization,
            academic_year=assignment.academic_year,
            form=assignment.form,
            kind=assignment.kind,
            mentors=assignment.mentors,
            mentees=assignment.mentees,
            starts_on=assignment.starts_on,
            ends_on=assignment.ends_on,
            program=assignment.program,
            instance=assignment,
        )
    assignment.status = to
    assignment.status_reason = reason if to == S.TERMINATED else ""
    _save_status(assignment, by)
    if to == S.ACTIVE:
        mentors_mark_active(assignment.mentors)
    return assignment


def _save_status(assignment: Assignment, by: User | None) -> None:
    assignment.status_changed_at = timezone.now()
    if by is not None:
        assignment._history_user = by
    assignment.save(
        update_fields=["status", "status_reason", "status_changed_at", "starts_on", "ends_on"]
    )
    assignment.mentee_links.update(in_preparation=assignment.in_preparation)


@transaction.atomic
def assignment_transition(
    *, assignment: Assignment, to: str, reason: str = "", by: User | None = None
) -> Assignment:
    """Move an assignment to another status; «действует» only via `assignment_activate`."""
    if to == S.ACTIVE:
        raise ValidationError(ACTIVE_ONLY_BY_ORDER)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    return _change_status(assignment, to, reason, by)


# The forward moves the pairs list makes for several pairs at once (from a draft to «ожидает
# приказа» through «ожидает согласий», as one by one).
BULK_STEPS: dict[str, dict[str, tuple[str, ...]]] = {
    S.AWAITING_CONSENTS: {S.DRAFT: (S.AWAITING_CONSENTS,)},
    S.AWAITING_ORDER: {
        S.DRAFT: (S.AWAITING_CONSENTS, S.AWAITING_ORDER),
        S.AWAITING_CONSENTS: (S.AWAITING_ORDER,),
    },
}
BULK_MOVABLE = (S.DRAFT, S.AWAITING_CONSENTS, S.AWAITING_ORDER)  # ticked in the list
BULK_ROW_ERROR = _("%(name)s: %(message)s")


@transaction.atomic
def assignments_move(
    *, assignments: Sequence[Assignment], to: str, by: User | None = None
) -> list[Assignment]:
    """Move several pairs and groups forward to `to` at once, each through the same steps and
    checks as alone, or none of them: every refusal is named by its pair."""
    moved, errors = [], []
    for assignment in assignments:
        steps = () if assignment.status == to else BULK_STEPS.get(to, {}).get(assignment.status)
        try:
            if steps is None:
                raise ValidationError(
                    TRANSITION_NOT_ALLOWED
                    % {"source": assignment.get_status_display(), "target": S(to).label}
                )
            for step in steps:
                assignment = assignment_transition(assignment=assignment, to=step, by=by)
        except ValidationError as exc:
            errors.extend(BULK_ROW_ERROR % {"name": assignment, "message": m} for m in exc.messages)
        else:
            moved.append(assignment)
    if errors:
        raise ValidationError(errors)
    return moved


RETROACTIVE_REASON_REQUIRED = _("Укажите, почему пара или группа начинает работу до приказа.")
RETROACTIVE_NOT_BEFORE = _("Начало %(start)s не раньше даты приказа: подтверждать нечего.")
ENDS_BEFORE_ORDER = _(
    "%(name)s заканчивается %(end)s, раньше даты приказа %(day)s: измените сроки или исключите "
    "её из приказа."
)


def starts_before(assignment: Assignment, day: datetime.date) -> bool:
    """Would start before an order of `day` without a confirmed reason (the one rule the
    draft order's warning and the signing both read)."""
    return assignment.starts_on < day and not assignment.retroactive_reason


@transaction.atomic
def assignment_confirm_retroactive(
    *, assignment: Assignment, reason: str, day: datetime.date
) -> Assignment:
    """The curator confirms that a pair or group awaiting its order of `day` has worked since
    its start: the order then assigns it from that earlier date, citing the reason."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status not in (S.DRAFT, S.AWAITING_CONSENTS, S.AWAITING_ORDER):
        raise ValidationError(NOT_AWAITING_ORDER)
    if not reason.strip():
        raise ValidationError(RETROACTIVE_REASON_REQUIRED)
    if assignment.starts_on >= day:
        raise ValidationError(
            RETROACTIVE_NOT_BEFORE % {"start": date_numeric(assignment.starts_on)}
        )
    assignment.retroactive_reason = reason.strip()
    assignment.save(update_fields=["retroactive_reason"])
    return assignment


@transaction.atomic
def assignments_start_by_order(*, assignments, day: datetime.date) -> None:
    """Before an order of `day` is signed: a pair or group that would start earlier without a
    confirmed reason starts on the order's day instead (an order does not act retroactively)."""
    for assignment in Assignment.objects.select_for_update().filter(
        pk__in=[a.pk for a in assignments]
    ):
        if not starts_before(assignment, day):
            continue
        if assignment.ends_on < day:
            raise ValidationError(
                ENDS_BEFORE_ORDER
                % {
                    "name": assignment,
                    "end": date_numeric(assignment.ends_on),
                    "day": date_numeric(day),
                }
            )
        assignment.starts_on = day
        assignment.save(update_fields=["starts_on"])


@transaction.atomic
def assignment_activate(*, assignment: Assignment, by: User | None = None) -> Assignment:
    """Called by the documents app when the order assigning the pair or group is signed."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != S.AWAITING_ORDER:
        raise ValidationError(NOT_AWAITING_ORDER)
    return _change_status(assignment, S.ACTIVE, "", by)


NOT_ORDERED = _("Пара или группа «%(name)s» не закреплена приказом.")
PREPARING_ANOTHER = _("Для наставляемого уже готовится другая пара или группа в этой форме.")
RESTORE_CLASHES = _(
    "Отмена приказа вернула бы паре или группе «%(name)s» дни, на которые её участники уже "
    "закреплены в других парах или группах: сначала измените их."
)
END_OUTSIDE_PERIOD = _(
    "%(name)s: дата прекращения %(day)s должна лежать в её периоде (%(start)s – %(end)s)."
)


def assignment_snapshot(assignment: Assignment) -> dict:
    """What an order may change in a pair or group, as it is now: stored with the order so
    that cancelling it puts back exactly this (assignment_restore)."""
    return {
        "status": assignment.status,
        "status_reason": assignment.status_reason,
        "starts_on": assignment.starts_on.isoformat(),
        "ends_on": assignment.ends_on.isoformat(),
    }


CREATED_BY_ORDER = "created"  # the snapshot of a pair an order made (a mentor replaced)


@transaction.atomic
def assignment_restore(
    *, assignment: Assignment, snapshot: dict, by: User | None = None, reason: str = ""
) -> Assignment:
    """Put back the state `snapshot` recorded before an order that is now cancelled, unless
    its people have since been given other pairs for the days it would take back. A pair the
    order made did not exist before it: it is stopped, with `reason`."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if snapshot["status"] == CREATED_BY_ORDER:
        assignment.status, assignment.status_reason = S.TERMINATED, reason or "приказ отменён"
        _save_status(assignment, by)
        return assignment
    start = datetime.date.fromisoformat(snapshot["starts_on"])
    end = datetime.date.fromisoformat(snapshot["ends_on"])
    if snapshot["status"] != S.TERMINATED:
        mentors, mentees = _locked(assignment.mentors, assignment.mentees)
        errors = [
            *(
                e
                for m in mentors
                for e in _capacity_errors(m, len(mentees), start, end, assignment)
            ),
            *(
                e
                for m in mentees
                for e in _mentee_errors(m, assignment.form, start, end, assignment)
            ),
        ]
        if errors:
            raise ValidationError([RESTORE_CLASHES % {"name": assignment}, *errors])
    assignment.status = snapshot["status"]
    assignment.status_reason = snapshot["status_reason"]
    assignment.starts_on, assignment.ends_on = start, end
    try:
        with transaction.atomic():
            _save_status(assignment, by)
    except IntegrityError as exc:  # a mentee got another pair in preparation meanwhile
        raise ValidationError(
            [RESTORE_CLASHES % {"name": assignment}, str(PREPARING_ANOTHER)]
        ) from exc
    return assignment


@transaction.atomic
def assignment_end_by_order(
    *, assignment: Assignment, ends_on: datetime.date, reason: str, by: User | None = None
) -> Assignment:
    """An ending order: the pair or group's last day is `ends_on` (it reads «завершена» from
    the day after); the order and its reason are kept as the status's reason."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    check_end_by_order(assignment, ends_on)
    assignment.ends_on = ends_on
    assignment.status_reason = reason.strip()
    _save_status(assignment, by)
    return assignment


AMEND_NOT_ORDERED = _("«%(name)s» не действует по приказу: изменить её приказом нельзя.")
AMEND_END_BEFORE = _(
    "%(name)s: новое окончание %(end)s раньше даты приказа об изменении %(day)s — срок "
    "не сокращают задним числом (прекратите пару приказом о прекращении)."
)
AMEND_START_STARTED = _("%(name)s уже работает с %(start)s: начало не меняют, только окончание.")
AMEND_START_BEFORE = _("%(name)s: новое начало %(start)s раньше даты приказа %(day)s.")
AMEND_SAME_MENTOR = _("%(name)s: новый наставник тот же, что и прежний.")
AMEND_GROUP_MENTOR = _("%(name)s — группа: заменить наставника можно только в паре.")


def check_amendment(
    assignment: Assignment,
    day: datetime.date,
    *,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    mentor: MentorProfile | None = None,
) -> None:
    """Whether an order of `day` may change a pair or group fixed by an order: new dates that
    act from that day on (a start not yet passed, an end not before the day), or another
    mentor for a pair. The rules of the new period are checked when the order is signed."""
    errors: list[str] = []
    name = str(assignment)
    if assignment.status != S.ACTIVE or assignment.ends_on < day:
        raise ValidationError(AMEND_NOT_ORDERED % {"name": name})
    if starts_on is not None and starts_on != assignment.starts_on:
        if assignment.starts_on < day:
            errors.append(
                AMEND_START_STARTED % {"name": name, "start": date_numeric(assignment.starts_on)}
            )
        elif starts_on < day:
            errors.append(
                AMEND_START_BEFORE
                % {"name": name, "start": date_numeric(starts_on), "day": date_numeric(day)}
            )
    if ends_on is not None and ends_on < day:
        errors.append(
            AMEND_END_BEFORE
            % {"name": name, "end": date_numeric(ends_on), "day": date_numeric(day)}
        )
    if mentor is not None:
        if assignment.kind != Assignment.Kind.PAIR:
            errors.append(AMEND_GROUP_MENTOR % {"name": name})
        elif mentor.pk in {m.pk for m in assignment.mentors}:
            errors.append(AMEND_SAME_MENTOR % {"name": name})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assignment_change_period(
    *,
    assignment: Assignment,
    starts_on: datetime.date,
    ends_on: datetime.date,
    day: datetime.date,
    reason: str,
    by: User | None = None,
) -> Assignment:
    """An amending order of `day` sets a new period: every rule of a pair holds for it (the
    academic year, the mentee's one pair per form, the mentor's capacity)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    check_amendment(assignment, day, starts_on=starts_on, ends_on=ends_on)
    mentors, mentees = _locked(assignment.mentors, assignment.mentees)
    assignment_validate(
        organization=assignment.organization,
        academic_year=assignment.academic_year,
        form=assignment.form,
        kind=assignment.kind,
        mentors=mentors,
        mentees=mentees,
        starts_on=starts_on,
        ends_on=ends_on,
        program=assignment.program,
        instance=assignment,
    )
    assignment.starts_on, assignment.ends_on = starts_on, ends_on
    assignment.status_reason = reason.strip()
    _save_status(assignment, by)
    return assignment


@transaction.atomic
def assignment_exclude(
    *, assignment: Assignment, day: datetime.date, reason: str, by: User | None = None
) -> Assignment:
    """An amending order of `day` takes the pair or group out of the order it amends: one not
    started by then is no longer fixed by an order (it waits for one again); one working ends
    the day before."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    check_amendment(assignment, day)
    if assignment.starts_on >= day:
        assignment.status, assignment.status_reason = S.AWAITING_ORDER, ""
        try:
            with transaction.atomic():
                _save_status(assignment, by)
        except IntegrityError as exc:
            raise ValidationError(str(PREPARING_ANOTHER)) from exc
        return assignment
    assignment.ends_on = day - datetime.timedelta(days=1)
    assignment.status_reason = reason.strip()
    _save_status(assignment, by)
    return assignment


@transaction.atomic
def assignment_replace_mentor(
    *,
    assignment: Assignment,
    mentor: MentorProfile,
    day: datetime.date,
    reason: str,
    by: User | None = None,
) -> Assignment:
    """An amending order of `day` gives a pair another mentor from that day: the pair with the
    former mentor ends the day before (or leaves the order, not started yet), and a pair with
    the new one, fixed by the same order, works to the former end. Returns the new pair."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    check_amendment(assignment, day, mentor=mentor)
    starts_on, ends_on = max(assignment.starts_on, day), assignment.ends_on
    mentees = assignment.mentees
    if assignment.starts_on >= day:  # not started: the new pair takes its place whole
        assignment.status, assignment.status_reason = S.TERMINATED, reason.strip()
    else:
        assignment.ends_on = day - datetime.timedelta(days=1)
        assignment.status_reason = reason.strip()
    _save_status(assignment, by)
    successor = assignment_create(
        organization=assignment.organization,
        academic_year=assignment.academic_year,
        form=assignment.form,
        mentors=[mentor],
        mentees=mentees,
        starts_on=starts_on,
        ends_on=ends_on,
        program=assignment.program,
        notes=assignment.notes,
        by=by,
    )
    successor.status, successor.status_reason = S.ACTIVE, reason.strip()
    _save_status(successor, by)
    mentors_mark_active([mentor])
    return successor


def check_end_by_order(assignment: Assignment, ends_on: datetime.date) -> None:
    """An ending order ends a pair or group fixed by an order, on a day of its period."""
    if assignment.status != S.ACTIVE:
        raise ValidationError(NOT_ORDERED % {"name": assignment})
    if not assignment.starts_on <= ends_on <= assignment.ends_on:
        raise ValidationError(
            END_OUTSIDE_PERIOD
            % {
                "name": assignment,
                "day": date_numeric(ends_on),
                "start": date_numeric(assignment.starts_on),
                "end": date_numeric(assignment.ends_on),
            }
        )


# --- personal plans -------------------------------------------------------------------


@transaction.atomic
def plan_create_from_template(*, assignment: Assignment) -> Plan:
    """Start the personal plan from the standard template: five tasks with events (for
    teachers after the regional sample; for students the same structure in their terms)."""
    from mentoring import samples

    if Plan.objects.filter(assignment=assignment).exists():
        raise ValidationError(PLAN_EXISTS)
    if assignment.form.admits_mentee(PersonCategory.STUDENT):
        goal, template = samples.STUDENT_PLAN_GOAL, samples.STUDENT_PLAN_TEMPLATE
    else:
        goal, template = samples.PLAN_GOAL, samples.PLAN_TEMPLATE
    # a group's plan names its mentees in the plural
    say = samples.for_group if assignment.kind == Assignment.Kind.GROUP else str
    plan = Plan.objects.create(assignment=assignment, goal=say(goal))
    for n, (title, events) in enumerate(template, start=1):
        task = PlanTask.objects.create(plan=plan, order=n, title=say(title))
        PlanEvent.objects.bulk_create(
            PlanEvent(task=task, order=i, title=say(event), due=due, expected_result=say(result))
            for i, (event, due, result) in enumerate(events, start=1)
        )
    if assignment.kind == Assignment.Kind.GROUP and assignment.form.admits_mentee(
        PersonCategory.TEACHER
    ):
        # Individual routes by professional competencies are for groups of teachers (seed 004).
        plan_add_routes(plan=plan)
    return plan


def plan_add_routes(*, plan: Plan) -> None:
    """One individual route per mentee of a group, seeded with the mentee's deficits."""
    from mentoring.models import IndividualRoute, RouteStep
    from mentoring.samples import ROUTE_STEPS

    for mentee in plan.assignment.mentees:
        route, created = IndividualRoute.objects.get_or_create(plan=plan, mentee=mentee)
        if created:
            route.deficits.set(mentee.deficits.all())
            RouteStep.objects.bulk_create(
                RouteStep(route=route, area=area, events=events, due=due)
                for area, events, due in ROUTE_STEPS
            )


@transaction.atomic
def plan_event_save(*, event: PlanEvent, task: PlanTask | None = None) -> PlanEvent:
    """Save an edited event of a plan, or add `event` at the end of `task`."""
    if task is not None:
        event.task = task
        event.order = task.events.count() + 1
    event.save()
    return event


@transaction.atomic
def plan_event_delete(*, event: PlanEvent) -> None:
    event.delete()


@transaction.atomic
def plan_event_mark_done(
    *,
    event: PlanEvent,
    done_on: datetime.date,
    today: datetime.date,
    note: str = "",
    by: User | None = None,
) -> PlanEvent:
    """Done on `done_on`, which may not be after `today`."""
    if done_on > today:
        raise ValidationError(EVENT_DATE_IN_FUTURE)
    event.done_on, event.done_note, event.done_by = done_on, note.strip(), by
    event.save(update_fields=["done_on", "done_note", "done_by"])
    return event


@transaction.atomic
def plan_event_reopen(*, event: PlanEvent) -> PlanEvent:
    event.done_on, event.done_note, event.done_by = None, "", None
    event.save(update_fields=["done_on", "done_note", "done_by"])
    return event


MEETING_PLANNED_IN_PAST = _("Запланировать встречу можно на сегодня или на будущий день.")
MEETING_ALREADY_HELD = _("Встреча уже отмечена проведённой.")


@transaction.atomic
def meeting_plan(
    *,
    assignment: Assignment,
    held_on: datetime.date,
    starts_at: datetime.time | None,
    place: str,
    topic: str,
    duration_minutes: int,
    today: datetime.date,
    by: User | None = None,
) -> Meeting:
    """A meeting planned ahead (on `today` or later): it shows in the pair's page and in its
    people's calendars, and counts as a meeting once it is marked held."""
    if held_on < today:
        raise ValidationError(MEETING_PLANNED_IN_PAST)
    meeting = Meeting(
        assignment=assignment,
        held=False,
        held_on=held_on,
        starts_at=starts_at,
        place=place.strip(),
        topic=topic.strip(),
        duration_minutes=duration_minutes,
        created_by=by,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_mark_held(
    *,
    meeting: Meeting,
    held_on: datetime.date,
    duration_minutes: int,
    notes: str,
    today: datetime.date,
) -> Meeting:
    """A planned meeting took place on `held_on` (not after `today`), with its notes."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.held:
        raise ValidationError(MEETING_ALREADY_HELD)
    if held_on > today:
        raise ValidationError(MEETING_DATE_IN_FUTURE)
    meeting.held, meeting.held_on = True, held_on
    meeting.duration_minutes, meeting.notes = duration_minutes, notes.strip()
    meeting.full_clean()
    meeting.save(update_fields=["held", "held_on", "duration_minutes", "notes"])
    return meeting


@transaction.atomic
def meeting_create(
    *,
    assignment: Assignment,
    held_on: datetime.date,
    duration_minutes: int,
    topic: str,
    today: datetime.date,
    notes: str = "",
    by: User | None = None,
) -> Meeting:
    """A meeting held on `held_on`, which may not be after `today`."""
    if held_on > today:
        raise ValidationError(MEETING_DATE_IN_FUTURE)
    return Meeting.objects.create(
        assignment=assignment,
        held_on=held_on,
        duration_minutes=duration_minutes,
        topic=topic.strip(),
        notes=notes.strip(),
        created_by=by,
    )


COHORT_ROW_ERROR = _("%(mentee)s: %(message)s")


@transaction.atomic
def cohort_accept(
    *,
    organization: Organization,
    academic_year: AcademicYear,
    rows: Sequence[tuple[MenteeProfile, MentorProfile]],
    starts_on: datetime.date,
    ends_on: datetime.date,
    by: User | None = None,
) -> list[Assignment]:
    """Create a draft pair for every (mentee, mentor) row at once, or nothing at all."""
    created, errors = [], []
    for mentee, mentor in rows:
        try:
            created.append(
                assignment_create(
                    organization=organization,
                    academic_year=academic_year,
                    form=mentee.desired_form,
                    mentors=[mentor],
                    mentees=[mentee],
                    starts_on=starts_on,
                    ends_on=ends_on,
                    by=by,
                )
            )
        except ValidationError as exc:
            errors.extend(
                COHORT_ROW_ERROR % {"mentee": mentee.person.short_name, "message": m}
                for m in exc.messages
            )
    if errors:
        raise ValidationError(errors)
    return created


PROGRAM_EXISTS = _("Программа этой формы на этот учебный год уже есть.")


@transaction.atomic
def program_save(*, program: Program) -> Program:
    """Create or update a program, checking its period and that it is the only one per form."""
    errors = []
    if program.starts_on > program.ends_on:
        errors.append(PERIOD_REVERSED)
    elif not program.academic_year.contains(program.starts_on, program.ends_on):
        year = program.academic_year
        errors.append(
            PERIOD_OUTSIDE_YEAR
            % {
                "year": year,
                "start": date_numeric(year.starts_on),
                "end": date_numeric(year.ends_on),
            }
        )
    duplicates = Program.objects.filter(
        organization=program.organization,
        academic_year=program.academic_year,
        form=program.form,
    ).exclude(pk=program.pk)
    if duplicates.exists():
        errors.append(PROGRAM_EXISTS)
    if errors:
        raise ValidationError(errors)
    program.save()
    return program
