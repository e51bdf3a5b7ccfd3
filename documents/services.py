"""Writes of the documents app: prepare, send for signature, return, sign, cancel."""

from __future__ import annotations

import datetime
import hashlib
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, User
from core.russian import date_numeric
from documents import basis
from documents.contexts import TEMPLATES, build_context, cooperation_subject
from documents.marking import marked_copy
from documents.models import Document, NumberCounter, OrderEffect
from documents.package import order_package, package_agreements
from documents.rendering import render_pdf
from documents.russian import Case, order_citation, signature_name_in
from registry.models import Person, PersonCategory

NOT_A_DRAFT = _("Изменять и отправлять на подпись можно только черновик.")
NOT_ON_SIGNATURE = _("Документ не находится на подписи: возможно, его уже подписали или вернули.")
NO_ASSIGNMENTS = _("В приказ не включено ни одной пары или группы.")
MISSING_BASIS = _("Не хватает документов-оснований: %(people)s.")
NOT_AWAITING = _("Пара или группа «%(name)s» не ожидает приказа.")
NOT_ACTIVE = _("Пара или группа «%(name)s» не действует: прекратить можно только действующую.")
ALREADY_IN_ORDER = _("Пара или группа уже включена в другой подготовленный приказ.")
ONLY_SIGNED_CANCELLED = _("Отменить можно только подписанный приказ.")
CANCELLATION_NOT_CANCELLED = _(
    "Приказ об отмене не отменяют: чтобы вернуть пары и группы, подготовьте новый приказ."
)
CHANGED_SINCE_ORDER = _(
    "Пара или группа «%(name)s» изменена после этого приказа (её статус или сроки): отмена "
    "вернула бы прежнее поверх этих изменений. Сначала верните их."
)
CHANGED_BY_LATER_ORDER = _(
    "Пары и группы этого приказа изменены позже %(order)s: сначала отмените его."
)
COMMENT_REQUIRED = _("Напишите, что нужно исправить.")
REASON_REQUIRED = _("Укажите основание.")
ALREADY_BEING_CANCELLED = _(
    "Этот приказ уже отменён или приказ о его отмене уже подготовлен: второй не нужен."
)
SCAN_ONLY_SIGNED = _("Скан прикладывают к подписанному документу.")
SCAN_ALREADY_KEPT = _("Скан этого документа уже загружен; подписанный документ не меняется.")
CHANGED_SINCE_SEEN = _(
    "Документ изменился после того, как вы его открыли (например, исправлены данные "
    "участников): откройте его снова, проверьте и подпишите."
)


def _titles(kind: str) -> str:
    return {
        Document.Kind.ENDING: "О прекращении наставничества",
        Document.Kind.AGREEMENT: "Дополнительное соглашение к трудовому договору",
        Document.Kind.AGREEMENT_END: "Соглашение о прекращении дополнительной работы",
    }[kind]


def introduction_title(organization: Organization) -> str:
    """Seed 000: «О внедрении целевой модели наставничества в МОУ СОШ № 19»."""
    return f"О внедрении целевой модели наставничества в {organization.short_name}"


def assignment_order_title(assignments) -> str:
    """Seed 000: «О назначении наставников и формировании наставнических пар», with «групп»
    or «пар и групп» as the order has them."""
    kinds = {a.kind for a in assignments}
    what = {frozenset({"pair"}): "пар", frozenset({"group"}): "групп"}.get(
        frozenset(kinds), "пар и групп"
    )
    return f"О назначении наставников и формировании наставнических {what}"


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def document_create_introduction(
    *,
    organization: Organization,
    by: User,
    starts_on: datetime.date,
    curator: Person | None,
    forms: list[str],
    council_date: datetime.date | None = None,
    council_protocol: str = "",
    union_date: datetime.date | None = None,
    union_protocol: str = "",
) -> Document:
    return Document.objects.create(
        organization=organization,
        kind=Document.Kind.INTRODUCTION,
        title=introduction_title(organization),
        created_by=by,
        params={
            "starts_on": _iso(starts_on),
            "curator_id": curator.pk if curator else None,
            "forms": forms,
            "council_date": _iso(council_date),
            "council_protocol": council_protocol,
            "union_date": _iso(union_date),
            "union_protocol": union_protocol,
        },
    )


# The local acts an order may adopt (params key → what the order's title and items call it)
LOCAL_ACTS = {
    "esign": "Положения об использовании простой электронной подписи",
    "privacy": "Политики обработки персональных данных участников программы наставничества",
}
NO_LOCAL_ACT = _("Отметьте хотя бы один локальный акт, который утверждает приказ.")
RESPONSIBLE_REQUIRED = _(
    "Политика называет ответственного за организацию обработки персональных данных "
    "(152-ФЗ, ст. 22.1): выберите работника школы."
)
RESPONSIBLE_NOT_STAFF = _(
    "Ответственным за организацию обработки персональных данных назначают работника школы "
    "на день приказа: %(name)s им не является."
)


def local_acts_title(acts: list[str]) -> str:
    """«Об утверждении Положения …, Политики … и назначении ответственного …»."""
    names = [LOCAL_ACTS[act] for act in LOCAL_ACTS if act in acts]
    if "privacy" in acts:
        names.append("назначении ответственного за организацию обработки персональных данных")
    listed = ", ".join(names[:-1]) + " и " + names[-1] if len(names) > 1 else names[0]
    return f"Об утверждении {listed}"


def document_create_local_acts(
    *,
    organization: Organization,
    by: User,
    acts: list[str],
    responsible: Person | None,
    today: datetime.date,
) -> Document:
    """An order adopting the school's local act on the simple electronic signature and/or its
    personal-data policy, the policy's with the person responsible for organising the
    processing (152-ФЗ, ст. 18.1 ч. 1 п. 1, ст. 22.1). The acts are its annexes, printed from
    the school's details on the day it is signed."""
    acts = [act for act in LOCAL_ACTS if act in acts]
    if not acts:
        raise ValidationError(NO_LOCAL_ACT)
    if "privacy" not in acts:
        responsible = None
    elif responsible is None:
        raise ValidationError(RESPONSIBLE_REQUIRED)
    elif (
        responsible.organization_id != organization.pk
        or responsible.category != PersonCategory.TEACHER
        or not responsible.is_on_roll(today)
    ):
        raise ValidationError(RESPONSIBLE_NOT_STAFF % {"name": responsible.short_name})
    return Document.objects.create(
        organization=organization,
        kind=Document.Kind.LOCAL_ACTS,
        title=local_acts_title(acts),
        created_by=by,
        params={
            "acts": acts,
            "responsible_id": responsible.pk if responsible else None,
        },
    )


def _fresh_assignments(organization: Organization, assignments, *, status: str, message) -> list:
    """The school's assignments as they are now in the database, all in `status`."""
    from mentoring.models import Assignment

    fresh = list(
        Assignment.objects.in_organization(organization).filter(pk__in=[a.pk for a in assignments])
    )
    if not fresh:
        raise ValidationError(NO_ASSIGNMENTS)
    wrong = [a for a in fresh if a.status != status]
    if wrong:
        raise ValidationError([message % {"name": str(a)} for a in wrong])
    return fresh


@transaction.atomic
def document_create_assignment_order(
    *, organization: Organization, by: User, assignments: list, controller: Person | None
) -> Document:
    from mentoring.models import AssignmentStatus

    assignments = _fresh_assignments(
        organization, assignments, status=AssignmentStatus.AWAITING_ORDER, message=NOT_AWAITING
    )
    already = Document.objects.fixing_pairs_in_preparation().filter(assignments__in=assignments)
    if already.exists():
        raise ValidationError(ALREADY_IN_ORDER)
    document = Document.objects.create(
        organization=organization,
        kind=Document.Kind.ASSIGNMENT,
        title=assignment_order_title(assignments),
        created_by=by,
        params={"controller_id": controller.pk if controller else None},
    )
    document.assignments.set(assignments)
    return document


def _each(items, check) -> None:
    """Run `check` on every item; one ValidationError with all their messages."""
    errors = []
    for item in items:
        try:
            check(item)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def document_create_ending_order(
    *,
    organization: Organization,
    by: User,
    assignments: list,
    ends_on: datetime.date,
    reason: str,
    grounds: str = "",
) -> Document:
    """«О прекращении наставничества»: `reason` completes «В связи с …», `grounds` is the
    paper it is issued on («заявление наставника … от …»: «Основание:»)."""
    from mentoring.models import AssignmentStatus
    from mentoring.services import check_end_by_order

    if not reason.strip():
        raise ValidationError(REASON_REQUIRED)
    assignments = _fresh_assignments(
        organization, assignments, status=AssignmentStatus.ACTIVE, message=NOT_ACTIVE
    )
    _each(assignments, lambda a: check_end_by_order(a, ends_on))
    document = Document.objects.create(
        organization=organization,
        kind=Document.Kind.ENDING,
        title=_titles(Document.Kind.ENDING),
        created_by=by,
        params={
            "ends_on": _iso(ends_on),
            "reason": reason.strip(),
            "grounds": " ".join(grounds.split()).rstrip("."),
        },
    )
    document.assignments.set(assignments)
    for agreement in extra_work_to_end(assignments, ends_on):
        document_create_agreement_end(
            agreement=agreement, by=by, ends_on=ends_on, for_order=document
        )
    return document


def extra_work_to_end(assignments, ends_on: datetime.date) -> list[Document]:
    """The supplementary agreements whose extra work ends with these pairs and groups on
    `ends_on`: each employed mentor's agreement in force that day, when none of the mentor's
    other pairs and groups goes on after it within the agreement's period (then the work goes
    on and the agreement stays)."""
    from mentoring.models import Assignment
    from mentoring.models.assignment import takes_place_q

    ending = {a.pk for a in assignments}
    mentors = {m.person_id: m for a in assignments for m in a.mentors}
    in_force = basis.agreements_in_force(mentors, ends_on)
    result = []
    for person_id, agreement in sorted(in_force.items()):
        last = datetime.date.fromisoformat(agreement.params["ends_on"])
        goes_on = (
            Assignment.objects.filter(
                takes_place_q(ends_on + datetime.timedelta(days=1), last),
                mentor_links__mentor=mentors[person_id],
            )
            .exclude(pk__in=ending)
            .exists()
        )
        if not goes_on and last > ends_on:
            result.append(agreement)
    return result


@transaction.atomic
def document_create_agreement_end(
    *, agreement: Document, by: User, ends_on: datetime.date, for_order: Document | None = None
) -> Document:
    """An agreement to the employment contract ending the extra work of `agreement` early:
    its last day is `ends_on`, the extra payment ends with it (ст. 60.2 ТК РФ; by agreement
    of the parties). Prepared in an ending order's package and signed after the order."""
    return Document.objects.create(
        organization=agreement.organization,
        kind=Document.Kind.AGREEMENT_END,
        title=_titles(Document.Kind.AGREEMENT_END),
        created_by=by,
        person=agreement.person,
        for_order=for_order,
        params={
            "agreement_id": agreement.pk,
            "ends_on": _iso(ends_on),
            "contract_date": agreement.params.get("contract_date"),
            "contract_number": agreement.params.get("contract_number", ""),
            "contract": agreement.params.get("contract", ""),
        },
    )


AMEND_ONLY_ASSIGNMENT = _(
    "Изменения вносят в подписанный и не отменённый приказ о закреплении пар и групп."
)
NOTHING_TO_AMEND = _(
    "Укажите, что изменить: сроки, наставника, исключить пару или группу, добавить новую."
)
NOT_IN_AMENDED = _("«%(name)s» не закреплена изменяемым приказом или уже не действует.")
AMEND_ACTIONS = ("dates", "mentor", "exclude")
CHANGE_KEYS = ("assignment", "action", "starts_on", "ends_on", "mentor")


def amended_pairs(order: Document, day: datetime.date):
    """The pairs and groups an assignment order fixes on `day`: its own and those its signed
    amendments added or gave a new mentor, not over by then."""
    from mentoring.models import Assignment

    orders = Document.objects.filter(
        Q(pk=order.pk) | Q(amends=order, status=Document.Status.SIGNED)
    )
    return (
        Assignment.objects.filter(documents__in=orders)
        .active_on(day)
        .distinct()
        .with_people()
        .order_by("pk")
    )


def _check_changes(order: Document, changes: list[dict], day: datetime.date) -> list:
    """The changed pairs, each change allowed from `day` (mentoring.services.check_amendment)."""
    from mentoring.services import check_amendment
    from registry.models import MentorProfile

    pairs = {a.pk: a for a in amended_pairs(order, day)}
    errors, changed = [], []
    for change in changes:
        assignment = pairs.get(change["assignment"])
        if assignment is None or change["action"] not in AMEND_ACTIONS:
            errors.append(NOT_IN_AMENDED % {"name": change.get("name", change["assignment"])})
            continue
        mentor = None
        if change["action"] == "mentor":
            mentor = MentorProfile.objects.filter(pk=change.get("mentor")).first()
        try:
            check_amendment(
                assignment,
                day,
                starts_on=_date_of(change.get("starts_on")),
                ends_on=_date_of(change.get("ends_on")),
                mentor=mentor,
            )
        except ValidationError as exc:
            errors.extend(exc.messages)
        changed.append(assignment)
    if errors:
        raise ValidationError(errors)
    return changed


def _date_of(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def document_create_amendment(
    *,
    organization: Organization,
    by: User,
    amends: Document,
    changes: list[dict],
    add: list,
    reason: str,
    day: datetime.date,
) -> Document:
    """«О внесении изменений в приказ от … № …»: for pairs and groups of a signed assignment
    order, new dates, another mentor or leaving the order, and new pairs added to it — all
    acting from the amending order's own date. `changes`: {"assignment", "action" (dates,
    mentor, exclude), "starts_on", "ends_on", "mentor"}; `add`: pairs awaiting an order."""
    from mentoring.models import AssignmentStatus

    if amends.kind != Document.Kind.ASSIGNMENT or amends.status != Document.Status.SIGNED:
        raise ValidationError(AMEND_ONLY_ASSIGNMENT)
    if not reason.strip():
        raise ValidationError(REASON_REQUIRED)
    if not changes and not add:
        raise ValidationError(NOTHING_TO_AMEND)
    changed = _check_changes(amends, changes, day)
    added = (
        _fresh_assignments(
            organization, add, status=AssignmentStatus.AWAITING_ORDER, message=NOT_AWAITING
        )
        if add
        else []
    )
    if Document.objects.fixing_pairs_in_preparation().filter(assignments__in=added).exists():
        raise ValidationError(ALREADY_IN_ORDER)
    document = Document.objects.create(
        organization=organization,
        kind=Document.Kind.AMENDMENT,
        title=(
            f"О внесении изменений в приказ от {date_numeric(amends.signed_on)} № {amends.number}"
        ),
        created_by=by,
        amends=amends,
        params={
            "reason": reason.strip(),
            "changes": [{k: change.get(k) for k in CHANGE_KEYS} for change in changes],
            "add": [a.pk for a in added],
        },
    )
    document.assignments.set([*changed, *added])
    return document


@transaction.atomic
def document_create_cancellation(
    *, organization: Organization, by: User, cancels: Document, reason: str
) -> Document:
    if cancels.kind == Document.Kind.CANCELLATION:
        raise ValidationError(CANCELLATION_NOT_CANCELLED)
    if cancels.status != Document.Status.SIGNED or not cancels.is_order:
        raise ValidationError(ONLY_SIGNED_CANCELLED)
    if Document.objects.filter(kind=Document.Kind.CANCELLATION, cancels=cancels).exists():
        raise ValidationError(ALREADY_BEING_CANCELLED)
    _refuse_changed_later(cancels)
    if not reason.strip():
        raise ValidationError(REASON_REQUIRED)
    return Document.objects.create(
        organization=organization,
        kind=Document.Kind.CANCELLATION,
        title=f"Об отмене приказа от {date_numeric(cancels.signed_on)} № {cancels.number}",
        created_by=by,
        cancels=cancels,
        params={"reason": reason.strip()},
    )


@transaction.atomic
def document_create_agreement(
    *,
    organization: Organization,
    by: User,
    person: Person,
    starts_on: datetime.date,
    ends_on: datetime.date,
    payment: str,
    duties: str,
    expected: str,
    volume: str = "",
    conditions: str = "",
    contract_date: datetime.date | None = None,
    contract_number: str = "",
    for_order: Document | None = None,
) -> Document:
    """A mentor's supplementary agreement (`for_order`: prepared in that order's package).
    The employment contract it amends is the one on the person's card (a date or number given
    here and missing there is kept on the card); the volume, if not given, is the mentees the
    mentor has in the period (mentee_volume)."""
    changed = []
    if contract_date and not person.contract_date:
        person.contract_date = contract_date
        changed.append("contract_date")
    if contract_number and not person.contract_number:
        person.contract_number = contract_number
        changed.append("contract_number")
    if changed:
        person.save(update_fields=changed)
    return Document.objects.create(
        organization=organization,
        kind=Document.Kind.AGREEMENT,
        title=_titles(Document.Kind.AGREEMENT),
        created_by=by,
        person=person,
        for_order=for_order,
        params={
            "starts_on": _iso(starts_on),
            "ends_on": _iso(ends_on),
            "payment": payment,
            "duties": duties,
            "expected": expected,
            "volume": volume.strip() or mentee_volume(person, starts_on, ends_on),
            "conditions": conditions,
            "contract_date": _iso(contract_date or person.contract_date),
            "contract_number": contract_number or person.contract_number,
        },
    )


AWARD_TITLES = {
    Document.Kind.THANKS: "Благодарность наставнику",
    Document.Kind.CERTIFICATE: "Сертификат участника программы наставничества",
}
THANKS_FOR = "за профессионализм, терпение и личный вклад в развитие наставляемых"
NOT_A_MENTOR = _("Благодарность и сертификат выдаются наставнику из базы наставников школы.")
NOT_AN_AWARD = _("Это не благодарность и не сертификат.")
NO_PAIRS_IN_PERIOD = _(
    "У наставника нет пар и групп, действовавших по приказу в этот период: благодарить или "
    "выдавать сертификат не за что. Выберите другой период."
)
PERIOD_BACKWARDS = _("Окончание периода не может быть раньше начала.")
AWARD_PERIOD_AHEAD = _(
    "Период заканчивается %(end)s — позже даты документа %(day)s: благодарят и выдают "
    "сертификат за то, что уже сделано. Укажите окончание не позже %(day)s."
)
AWARD_PAIR_GONE = _(
    "Пара или группа «%(name)s» больше не закреплена приказом в этом периоде: подготовьте "
    "документ заново."
)


def award_assignments(
    organization: Organization, person: Person, starts_on: datetime.date, ends_on: datetime.date
):
    """The pairs and groups the mentor led under an order at some time in the period: what a
    thanks or a certificate names."""
    from mentoring.models import Assignment

    return (
        Assignment.objects.in_organization(organization)
        .running_during(starts_on, ends_on)
        .filter(mentor_links__mentor__person=person)
        .distinct()
        .with_people()
        .order_by("starts_on", "pk")
    )


def award_year(organization: Organization, person_id: int | None):
    """The academic year of the mentor's latest pair or group that worked under an order:
    the period a thanks is most likely for."""
    from mentoring.models import Assignment

    if person_id is None:
        return None
    latest = (
        Assignment.objects.in_organization(organization)
        .fixed_by_order()
        .filter(mentor_links__mentor__person_id=person_id)
        .select_related("academic_year")
        .order_by("-starts_on")
        .first()
    )
    return latest.academic_year if latest else None


@transaction.atomic
def document_create_award(
    *,
    organization: Organization,
    by: User,
    kind: str,
    person: Person,
    starts_on: datetime.date,
    ends_on: datetime.date,
    today: datetime.date,
    thanks_for: str = "",
) -> Document:
    """A «Благодарность наставнику» or a certificate of participation for a mentor of the
    school's registry, for the pairs and groups they led in the period; the director signs
    it and it is numbered in the journal of thanks and certificates."""
    if kind not in Document.AWARDS:
        raise ValidationError(NOT_AN_AWARD)
    if person.organization_id != organization.pk or not hasattr(person, "mentor_profile"):
        raise ValidationError(NOT_A_MENTOR)
    if ends_on < starts_on:
        raise ValidationError(PERIOD_BACKWARDS)
    _refuse_period_ahead(ends_on, today)
    assignments = list(award_assignments(organization, person, starts_on, ends_on))
    if not assignments:
        raise ValidationError(NO_PAIRS_IN_PERIOD)
    document = Document.objects.create(
        organization=organization,
        kind=kind,
        title=AWARD_TITLES[kind],
        created_by=by,
        person=person,
        params={
            "starts_on": _iso(starts_on),
            "ends_on": _iso(ends_on),
            "thanks_for": (thanks_for.strip() or THANKS_FOR).rstrip(".")
            if kind == Document.Kind.THANKS
            else "",
        },
    )
    document.assignments.set(assignments)
    return document


# What a school nominates a mentor for (seed 002: «представление к награждению ведомственными
# наградами, грамотами/благодарственными письмами»): the name and its instrumental case
NOMINATION_AWARDS = {
    "honour": ("Почётная грамота", "Почётной грамотой"),
    "gratitude": ("Благодарность", "Благодарностью"),
    "letter": ("Благодарственное письмо", "Благодарственным письмом"),
    "diploma": ("Диплом", "Дипломом"),
    "badge": ("Нагрудный знак", "нагрудным знаком"),
}
NOMINEE_NOT_A_MENTOR = _(
    "К награждению за наставничество представляют наставника из базы наставников школы."
)
UNKNOWN_AWARD = _("Выберите вид награды из списка.")
NO_ORDERED_PAIRS = _(
    "У наставника нет пар и групп, закреплённых приказом: представлять к награждению за "
    "наставничество пока не за что."
)


@transaction.atomic
def document_create_nomination(
    *,
    organization: Organization,
    by: User,
    person: Person,
    award: str,
    award_of: str,
    addressee: str,
    merits: str,
    characteristic: str,
    today: datetime.date,
) -> Document:
    """A nomination of a mentor for an award (представление к награждению) to the body that
    grants it: the mentor's details, every pair and group they led under an order by `today`
    and their recorded incentives. The director signs it; it is numbered as an outgoing
    letter."""
    if person.organization_id != organization.pk or not hasattr(person, "mentor_profile"):
        raise ValidationError(NOMINEE_NOT_A_MENTOR)
    if award not in NOMINATION_AWARDS:
        raise ValidationError(UNKNOWN_AWARD)
    # every pair and group led under an order by `today`: the award's rule over all time
    assignments = list(award_assignments(organization, person, datetime.date.min, today))
    if not assignments:
        raise ValidationError(NO_ORDERED_PAIRS)
    document = Document.objects.create(
        organization=organization,
        kind=Document.Kind.NOMINATION,
        title=f"О представлении к награждению {signature_name_in(person, Case.GENITIVE)}",
        created_by=by,
        person=person,
        params={
            # the period check_award holds at signing: every pair still under an order
            "starts_on": _iso(min(a.starts_on for a in assignments)),
            "ends_on": _iso(today),
            "award": award,
            "award_of": " ".join(award_of.split()),
            "addressee": " ".join(addressee.split()),
            "merits": " ".join(merits.split()).rstrip("."),
            "characteristic": characteristic.strip(),
        },
    )
    document.assignments.set(assignments)
    return document


# The partners a school agrees with (seed 002: «студент – ученик», «работодатель – ученик»,
# network forms), as the agreement's title and text name them
PARTNER_KINDS = {
    "college": "профессиональная образовательная организация или вуз",
    "employer": "предприятие (работодатель)",
    "school": "другая образовательная организация (сетевое взаимодействие)",
}
PARTNER_REQUIRED = _("Укажите наименование партнёра и кто подписывает соглашение от его имени.")
COOPERATION_MENTOR_INSIDE = _(
    "%(name)s — работник школы: соглашение о сотрудничестве называет наставников партнёра "
    "(студентов, работников предприятия, педагогов другой школы)."
)


def cooperation_mentors(organization: Organization):
    """Who may be a partner's mentor in an agreement: the school's mentors who are students
    or employers' staff, and mentors of other schools in the school's pairs and groups."""
    from mentoring.models import AssignmentMentor

    network = AssignmentMentor.objects.filter(assignment__organization=organization).values(
        "mentor__person"
    )
    return (
        Person.objects.filter(mentor_profile__isnull=False)
        .filter(
            Q(
                organization=organization,
                category__in=[PersonCategory.COLLEGE_STUDENT, PersonCategory.EMPLOYER],
            )
            | (Q(pk__in=network) & ~Q(organization=organization))
        )
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def document_create_cooperation(
    *,
    organization: Organization,
    by: User,
    partner_kind: str,
    partner: dict,
    forms: list[str],
    mentors: list[Person],
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> Document:
    """An agreement on cooperation in mentoring with a college or university, an employer or
    another school (seed 002): both parties' requisites, the subject, duties and term, the
    partner's mentors named. Signed by hand by both heads; an assignment order cites it as the
    basis for a partner's mentor («Основание: … соглашение о сотрудничестве с … от … №»)."""
    if partner_kind not in PARTNER_KINDS:
        raise ValidationError(PARTNER_REQUIRED)
    partner = {key: " ".join(str(partner.get(key, "")).split()) for key in PARTNER_FIELDS}
    if not (partner["name"] and partner["head"]):
        raise ValidationError(PARTNER_REQUIRED)
    if ends_on < starts_on:
        raise ValidationError(PERIOD_BACKWARDS)
    allowed = set(cooperation_mentors(organization).values_list("pk", flat=True))
    inside = [m for m in mentors if m.pk not in allowed]
    if inside:
        raise ValidationError([COOPERATION_MENTOR_INSIDE % {"name": m.short_name} for m in inside])
    return Document.objects.create(
        organization=organization,
        kind=Document.Kind.COOPERATION,
        title=f"Соглашение {cooperation_subject(partner_kind)} в реализации целевой модели "
        f"наставничества с {partner['short'] or partner['name']}",
        created_by=by,
        params={
            "partner_kind": partner_kind,
            "partner": partner,
            "forms": forms,
            "mentor_ids": [m.pk for m in mentors],
            "starts_on": _iso(starts_on),
            "ends_on": _iso(ends_on),
        },
    )


PARTNER_FIELDS = ("name", "short", "head", "head_position", "basis", "address", "inn", "phone")


def _refuse_period_ahead(ends_on: datetime.date, day: datetime.date) -> None:
    if ends_on > day:
        raise ValidationError(
            AWARD_PERIOD_AHEAD % {"end": date_numeric(ends_on), "day": date_numeric(day)}
        )


def check_award(document: Document, day: datetime.date) -> None:
    """Before a thanks or a certificate is signed on `day`: its period is over by then («она
    участвовала»), and every pair it names still ran under an order within it."""
    starts_on = datetime.date.fromisoformat(document.params["starts_on"])
    ends_on = datetime.date.fromisoformat(document.params["ends_on"])
    _refuse_period_ahead(ends_on, day)
    ran = set(
        award_assignments(document.organization, document.person, starts_on, ends_on).values_list(
            "pk", flat=True
        )
    )
    gone = [a for a in document.assignments.with_people() if a.pk not in ran]
    if gone:
        raise ValidationError([AWARD_PAIR_GONE % {"name": a} for a in gone])


def mentee_volume(person: Person, starts_on: datetime.date, ends_on: datetime.date) -> str:
    """«3 наставляемых»: the mentees the mentor has in pairs and groups of the agreement's
    period (not terminated ones); "" for none yet."""
    from core.russian import plural
    from mentoring.models import Assignment, AssignmentMentee, AssignmentStatus

    load = (
        AssignmentMentee.objects.filter(
            assignment__in=Assignment.objects.overlapping(starts_on, ends_on)
            .exclude(status=AssignmentStatus.TERMINATED)
            .filter(mentor_links__mentor__person=person)
        )
        .values("mentee")
        .distinct()
        .count()
    )
    if not load:
        return ""
    return f"{load} {plural(load, 'наставляемый', 'наставляемых', 'наставляемых')}"


def document_late_starts(document: Document, day: datetime.date) -> list:
    """The pairs and groups of a draft assignment order that would start before an order of
    `day` with no confirmed reason: signing moves their start to the order's day."""
    if document.kind != Document.Kind.ASSIGNMENT:
        return []
    from mentoring.services import starts_before

    return [a for a in document.assignments.with_people().order_by("pk") if starts_before(a, day)]


def document_missing(
    document: Document, day: datetime.date, *, with_package: bool = False
) -> list[basis.Participant]:
    """For an order assigning pairs: the participants whose basis documents are not on file
    on `day`, the order's date (the day it is sent, signed or was signed on paper).
    `with_package`: the agreements of its package count as there (they are signed first)."""
    from mentoring.models import Assignment

    if document.kind == Document.Kind.AMENDMENT:  # the pairs it adds and the new mentors
        added = basis.prefetch_people(
            Assignment.objects.filter(pk__in=document.params.get("add", []))
        )
        people = basis.participants(added, day)
        for person in new_mentors(document):
            if person.pk not in {p.person.pk for p in people}:
                people.append(basis.participant(person, "mentor", day))
        return [p for p in basis.check_participants(people, day) if p.missing]
    if document.kind != Document.Kind.ASSIGNMENT:
        return []
    assignments = basis.prefetch_people(Assignment.objects.filter(documents=document))
    coming = (
        package_agreements(document).values_list("person_id", flat=True) if with_package else ()
    )
    return [p for p in basis.check(assignments, day, coming=coming) if p.missing]


def new_mentors(document: Document) -> list[Person]:
    """The mentors an amending order gives pairs, in its order."""
    ids = [c["mentor"] for c in document.params.get("changes", []) if c["action"] == "mentor"]
    people = {p.mentor_profile.pk: p for p in Person.objects.filter(mentor_profile__in=ids)}
    return [people[i] for i in ids if i in people]


def document_content_hash(document: Document, day: datetime.date) -> str:
    """The SHA-256 of the document's text as the director sees it on `day` (the draft render,
    before a number and date are given): the signature covers exactly this."""
    from documents.rendering import render_html

    html = render_html(TEMPLATES[document.kind], build_context(document, day=day))
    return hashlib.sha256(html.encode()).hexdigest()


def document_preview(document: Document, today: datetime.date) -> bytes:
    """The PDF as it would print if signed `today` (a draft has no number or date yet, and
    «ПРОЕКТ» on every page); a signed one as stored; a cancelled one as its marked copy
    (cancellation_mark)."""
    if document.is_frozen and document.pdf:
        mark = cancellation_mark(document)
        return marked_copy(bytes(document.pdf), mark) if mark else bytes(document.pdf)
    return render_pdf(
        TEMPLATES[document.kind],
        build_context(document, day=today),
        draft=not document.is_frozen,
    )


def cancellation_mark(document: Document) -> str:
    """«Отменён приказом от 12.01.2022 № 5» for a cancelled document, "" otherwise."""
    order = document.cancelling_order
    if order is None:
        return ""
    gendered = "Отменено" if document.kind in Document.AGREEMENTS else "Отменён"
    return f"{gendered} {order_citation(order.signed_on, order.number, Case.INSTRUMENTAL)}"


def later_order(cancelled: Document) -> Document | None:
    """A signed order that stands and acted on a pair or group of `cancelled` after it: the
    state `cancelled` found can be put back only once that one is cancelled too."""
    mine = cancelled.effects.all()
    if not mine:
        return None
    later = (
        OrderEffect.objects.filter(
            assignment__in=mine.values("assignment"),
            pk__gt=max(e.pk for e in mine),
            document__status=Document.Status.SIGNED,
        )
        .select_related("document")
        .order_by("pk")
        .first()
    )
    return later.document if later else None


def _refuse_changed_later(cancelled: Document) -> None:
    """A cancellation puts back what the order found only while what it left is still there:
    no later order that stands acted on its pairs, and nothing else changed them since."""
    from mentoring.services import assignment_snapshot

    later = cancelled.amended_by.filter(status=Document.Status.SIGNED).order_by(
        "pk"
    ).first() or later_order(
        cancelled
    )  # an amendment of it, even one adding other pairs, stands on it
    if later is not None:
        raise ValidationError(
            CHANGED_BY_LATER_ORDER
            % {"order": order_citation(later.signed_on, later.number, Case.INSTRUMENTAL)}
        )
    for effect in cancelled.effects.select_related("assignment"):
        if effect.after is not None and assignment_snapshot(effect.assignment) != effect.after:
            raise ValidationError(CHANGED_SINCE_ORDER % {"name": effect.assignment})


def _refuse_missing(document: Document, day: datetime.date, *, with_package=False) -> None:
    missing = document_missing(document, day, with_package=with_package)
    if missing:
        people = "; ".join(
            f"{p.person.short_name} — {', '.join(str(m) for m in p.missing)}" for p in missing
        )
        raise ValidationError(MISSING_BASIS % {"people": people})


@transaction.atomic
def document_send(*, document: Document, today: datetime.date) -> Document:
    """A draft goes to the director once its basis is on file `today`; an assignment order
    takes the agreements of its package along (they are signed before it)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Document.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    _refuse_missing(document, today, with_package=True)
    pending = list(package_agreements(document).filter(status=Document.Status.DRAFT))
    _refuse_contract_missing(
        [*pending, document] if document.kind in Document.AGREEMENTS else pending
    )
    sent_at = timezone.now()
    for agreement in [*package_agreements(document).filter(status=Document.Status.DRAFT), document]:
        agreement.status = Document.Status.ON_SIGNATURE
        agreement.return_comment = ""
        agreement.sent_at = sent_at
        agreement.save()
    return document


@transaction.atomic
def document_return(*, document: Document, comment: str) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Document.Status.ON_SIGNATURE:
        raise ValidationError(NOT_ON_SIGNATURE)
    if not comment.strip():
        raise ValidationError(COMMENT_REQUIRED)
    on_signature = package_agreements(document).filter(status=Document.Status.ON_SIGNATURE)
    for returned in [*on_signature, document]:
        returned.status = Document.Status.DRAFT
        returned.return_comment = comment.strip()
        returned.save()
    return document


def _next_agreement_number(document: Document) -> int:
    """A supplementary agreement is numbered among the agreements to its employee's contract
    («Дополнительное соглашение № 3 к трудовому договору № 47»): the next after the highest
    signed one, under a lock on the employee's card until the signing commits."""
    Person.objects.select_for_update().filter(pk=document.person_id).first()
    last = (
        Document.objects.filter(
            organization=document.organization,
            kind__in=Document.AGREEMENTS,
            person_id=document.person_id,
            number__isnull=False,
        )
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def _next_number(organization: Organization, series: str, year: int) -> int:
    """The next number of the journal, under a row lock held until the signing commits."""
    NumberCounter.objects.get_or_create(organization=organization, series=series, year=year)
    counter = NumberCounter.objects.select_for_update().get(
        organization=organization, series=series, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def signs_electronically(document: Document) -> bool:
    """The director signs it in the portal: where the school chose so, and never a
    supplementary agreement, which amends a labour contract and is valid only signed by hand
    by both parties (ст. 22.1–22.3 ТК РФ), nor an agreement with another organisation, whose
    head signs it by hand; their signed scans are kept."""
    return (
        document.organization.signature == Organization.Signature.ELECTRONIC
        and document.kind not in Document.HAND_SIGNED
    )


def _stamp(
    document: Document,
    by: User,
    day: datetime.date,
    at: datetime.datetime,
    content: str,
    portal: str = "",
) -> dict | None:
    """The electronic signature's stamp, where the school signs in the portal: the signing
    day and the time of day it was signed, the code of the signed text and a QR code of the
    page that checks it (documents.verification)."""
    from core.links import portal_url
    from documents.verification import CODE_LENGTH, qr_data_uri, verification_url

    if not signs_electronically(document):
        return None
    code = content[:CODE_LENGTH].upper()
    return {
        "signer": signature_name_in(by),  # kept on one line (documents/pdf/_stamp.html)
        "position": "директор",
        "at": f"{date_numeric(day)} {timezone.localtime(at):%H:%M}",
        "code": code,
        "qr": qr_data_uri(verification_url(portal or portal_url(), code)),
    }


@transaction.atomic
def document_sign(
    *,
    document: Document,
    by: User,
    today: datetime.date,
    seen: str | None = None,
    portal: str = "",
) -> Document:
    """Number, date, render once, store the bytes with their hash, and act on the pairs.
    The basis is checked again on the signing day: a consent may have ended since sending.
    `seen` is the content hash of the text the director was shown (document_content_hash):
    if the document reads otherwise now, nothing is signed."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Document.Status.ON_SIGNATURE:
        raise ValidationError(NOT_ON_SIGNATURE)
    content = document_content_hash(document, today)
    if seen is not None and seen != content:
        raise ValidationError(CHANGED_SINCE_SEEN)
    _refuse_missing(document, today)
    if document.kind in Document.AWARDS or document.kind == Document.Kind.NOMINATION:
        check_award(document, today)
    before = _prepare_to_act(document, today)
    if document.kind in Document.AGREEMENTS:
        number = _next_agreement_number(document)
    else:
        number = _next_number(document.organization, document.series, today.year)
    signed_at = timezone.now()
    pdf = render_pdf(
        TEMPLATES[document.kind],
        build_context(
            document,
            day=today,
            number=number,
            signed_on=today,
            stamp=_stamp(document, by, today, signed_at, content, portal),
        ),
        archival=True,
    )
    document.number = number
    document.number_year = today.year
    document.signed_on = today
    document.signed_by = by
    document.signed_at = signed_at
    document.content_sha256 = content
    document.signed_electronically = signs_electronically(document)
    document.pdf = pdf
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.status = Document.Status.SIGNED
    document.save()
    _act_on_signing(document, by, before)
    return document


def _prepare_to_act(document: Document, day: datetime.date) -> dict[int, dict]:
    """Before an order of `day` is numbered: a cancellation still has its order to cancel;
    the state of the pairs and groups it acts on is recorded (returned), and those that would
    start before the order without a confirmed reason start on its day."""
    if document.kind == Document.Kind.CANCELLATION:
        cancelled = Document.objects.select_for_update().get(pk=document.cancels_id)
        if cancelled.status != Document.Status.SIGNED:  # cancelled by another order meanwhile
            raise ValidationError(ALREADY_BEING_CANCELLED)
        _refuse_changed_later(cancelled)
    if document.kind == Document.Kind.AMENDMENT:  # still allowed on the signing day
        _check_changes(document.amends, document.params.get("changes", []), day)
    before = _snapshots(document)
    if document.kind in (Document.Kind.ASSIGNMENT, Document.Kind.AMENDMENT):
        from mentoring.services import assignments_start_by_order

        added = (
            document.assignments.all()
            if document.kind == Document.Kind.ASSIGNMENT
            else document.assignments.filter(pk__in=document.params.get("add", []))
        )
        assignments_start_by_order(assignments=added, day=day)
    return before


def _snapshots(document: Document) -> dict[int, dict]:
    """The state of each pair or group an order acts on, before it does (locked until the
    signing commits): what cancelling the order puts back."""
    from mentoring.models import Assignment
    from mentoring.services import assignment_snapshot

    if document.kind not in (
        Document.Kind.ASSIGNMENT,
        Document.Kind.ENDING,
        Document.Kind.AMENDMENT,
    ):
        return {}
    rows = Assignment.objects.select_for_update().filter(documents=document).order_by("pk")
    return {a.pk: assignment_snapshot(a) for a in rows}


def package_content_hash(document: Document, day: datetime.date) -> str:
    """What the director's one signature on an order's package covers: the texts of its
    agreements on signature and of the order (just the document's hash without a package)."""
    agreements = package_agreements(document).filter(status=Document.Status.ON_SIGNATURE)
    hashes = [document_content_hash(d, day) for d in [*agreements.order_by("pk"), document]]
    if len(hashes) == 1:
        return hashes[0]
    return hashlib.sha256("".join(hashes).encode()).hexdigest()


@transaction.atomic
def package_sign(
    *,
    document: Document,
    by: User,
    today: datetime.date,
    seen: str | None = None,
    portal: str = "",
) -> list[Document]:
    """The director signs an order with its package in one action, each agreement numbered to
    its contract: an assignment order after its agreements (they complete its basis), an
    ending order before the agreements ending the extra work (they cite it). All or nothing;
    `seen` is the package_content_hash the director was shown."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Document.Status.ON_SIGNATURE:
        raise ValidationError(NOT_ON_SIGNATURE)
    if seen is not None and seen != package_content_hash(document, today):
        raise ValidationError(CHANGED_SINCE_SEEN)
    agreements = list(
        package_agreements(document).filter(status=Document.Status.ON_SIGNATURE).order_by("pk")
    )
    sign = partial(document_sign, by=by, today=today, portal=portal)
    if document.kind == Document.Kind.ENDING:
        order = sign(document=document)
        return [order, *(sign(document=a) for a in agreements)]
    signed = [sign(document=a) for a in agreements]
    return [*signed, sign(document=document)]


@transaction.atomic
def document_register_signed(
    *, document: Document, number: int, signed_on: datetime.date, by: User
) -> Document:
    """Enter an order signed on paper before the school used the portal, with its own number
    and date; the journal continues after it. It acts on its pairs and groups as an order
    signed here would have on its date, and its basis is checked as of that date."""
    _refuse_missing(document, signed_on)
    before = _prepare_to_act(document, signed_on)
    pdf = render_pdf(
        TEMPLATES[document.kind],
        build_context(document, day=signed_on, number=number, signed_on=signed_on),
        archival=True,
    )
    document.number, document.number_year, document.signed_on = number, signed_on.year, signed_on
    document.signed_by = by
    document.pdf = pdf
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.status = Document.Status.SIGNED
    document.save()
    _act_on_signing(document, by, before)
    if document.kind in Document.AGREEMENTS:
        return document  # numbered per contract (_next_agreement_number), not in a journal
    counter, _ = NumberCounter.objects.select_for_update().get_or_create(
        organization=document.organization, series=document.series, year=signed_on.year
    )
    if counter.last < number:
        counter.last = number
        counter.save(update_fields=["last"])
    return document


def _act_on_signing(document: Document, by: User, before: dict[int, dict]) -> None:
    """A signed order acts on its pairs and groups, `before` (their state it found) kept
    with it for a cancellation to put back."""
    from mentoring.services import assignment_activate, assignment_end_by_order

    OrderEffect.objects.bulk_create(
        OrderEffect(document=document, assignment_id=pk, before=state)
        for pk, state in before.items()
    )
    citation = order_citation(document.signed_on, document.number)
    if document.kind == Document.Kind.ASSIGNMENT:
        for assignment in document.assignments.all():
            assignment_activate(assignment=assignment, by=by)
    elif document.kind == Document.Kind.ENDING:
        ends_on = datetime.date.fromisoformat(document.params["ends_on"])
        for assignment in document.assignments.all():
            assignment_end_by_order(
                assignment=assignment,
                ends_on=ends_on,
                reason=f"{citation}: {document.params.get('reason', '')}",
                by=by,
            )
    elif document.kind in Document.AWARDS:
        from registry.models import Incentive
        from registry.services import mentor_record_add

        mentor_record_add(
            mentor=document.person.mentor_profile,
            record=Incentive(
                kind=Incentive.Kind.AWARD, description=str(document), granted_on=document.signed_on
            ),
        )
    elif document.kind == Document.Kind.AMENDMENT:
        _amend(document, by, f"{citation}: {document.params.get('reason', '')}")
    elif document.kind == Document.Kind.CANCELLATION:
        _cancel(document, by)
    _record_what_it_left(document)


def _record_what_it_left(document: Document) -> None:
    """Each pair's state as the order left it (OrderEffect.after)."""
    from mentoring.services import assignment_snapshot

    for effect in document.effects.select_related("assignment"):
        effect.after = assignment_snapshot(effect.assignment)
        effect.save(update_fields=["after"])


def _amend(document: Document, by: User, reason: str) -> None:
    """An amending order acts from its date: new periods, pairs out of the order, pairs with a
    new mentor (a new pair, recorded as made by this order), pairs added."""
    from mentoring.models import Assignment
    from mentoring.services import (
        CREATED_BY_ORDER,
        assignment_activate,
        assignment_change_period,
        assignment_exclude,
        assignment_replace_mentor,
    )
    from registry.models import MentorProfile

    day = document.signed_on
    for change in document.params.get("changes", []):
        assignment = Assignment.objects.get(pk=change["assignment"])
        if change["action"] == "dates":
            assignment_change_period(
                assignment=assignment,
                starts_on=_date_of(change.get("starts_on")) or assignment.starts_on,
                ends_on=_date_of(change.get("ends_on")) or assignment.ends_on,
                day=day,
                reason=reason,
                by=by,
            )
        elif change["action"] == "exclude":
            assignment_exclude(assignment=assignment, day=day, reason=reason, by=by)
        else:
            successor = assignment_replace_mentor(
                assignment=assignment,
                mentor=MentorProfile.objects.get(pk=change["mentor"]),
                day=day,
                reason=reason,
                by=by,
            )
            OrderEffect.objects.create(
                document=document, assignment=successor, before={"status": CREATED_BY_ORDER}
            )
            document.assignments.add(successor)
    for assignment in Assignment.objects.filter(pk__in=document.params.get("add", [])):
        assignment_activate(assignment=assignment, by=by)


def _cancel(cancelling: Document, by: User) -> None:
    """A cancelling order is signed: the cancelled order's pairs and groups go back to the
    state it found them in (the latest order first; a pair it made is stopped), and the
    agreements signed in its package are marked cancelled with it. Its stored PDF keeps its
    bytes."""
    from mentoring.services import assignment_restore

    cancelled = Document.objects.select_for_update().get(pk=cancelling.cancels_id)
    cancelled.status = Document.Status.CANCELLED
    cancelled.save(update_fields=["status"])
    cancelled_by = order_citation(cancelling.signed_on, cancelling.number, Case.INSTRUMENTAL)
    reason = f"{cancelled.get_kind_display()} отменён {cancelled_by}"
    reason = reason[:1].upper() + reason[1:]
    for effect in cancelled.effects.select_related("assignment").order_by("-pk"):
        assignment_restore(
            assignment=effect.assignment, snapshot=effect.before, by=by, reason=reason
        )
    for agreement in cancelled.package_documents.filter(status=Document.Status.SIGNED):
        agreement.status = Document.Status.CANCELLED
        agreement.save(update_fields=["status"])


@transaction.atomic
def document_attach_scan(*, document: Document, scan) -> Document:
    """Keep the scan of the paper the director signed by hand. A signed act's scan, once
    kept, is not replaced."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.is_frozen:
        raise ValidationError(SCAN_ONLY_SIGNED)
    if document.scan:
        raise ValidationError(SCAN_ALREADY_KEPT)
    document.scan = scan
    document.save(update_fields=["scan"])
    return document


@transaction.atomic
def document_delete_draft(*, document: Document) -> None:
    """A draft goes, and with it the drafts prepared in its package."""
    if document.status != Document.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    package_agreements(document).filter(status=Document.Status.DRAFT).delete()
    document.delete()


NOT_SIGNED_ORDER = _("Отметить дорожную карту можно только подписанным приказом.")


@transaction.atomic
def roadmap_mark_with_order(*, item, document: Document, url: str):
    """The roadmap item is done, its mark citing the signed order and linking to it."""
    if document.status != Document.Status.SIGNED or not document.is_order:
        raise ValidationError(NOT_SIGNED_ORDER)
    item.mark_status = "done"
    item.mark_text = order_citation(document.signed_on, document.number)
    item.mark_date = document.signed_on
    item.document_ref = url
    item.save(update_fields=["mark_status", "mark_text", "mark_date", "document_ref"])
    return item


CONTRACT_MISSING = _(
    "В дополнительном соглашении с %(name)s не указаны дата и номер трудового договора, "
    "который оно изменяет: внесите их в карточку работника (или в пакете приказа)."
)
NO_CONTRACTS_GIVEN = _("Укажите дату и номер трудового договора хотя бы одного наставника.")


def _refuse_contract_missing(agreements) -> None:
    """An agreement amends a contract: never sent for signature without its date and number."""
    missing = [
        a.person.short_name
        for a in agreements
        if not (a.params.get("contract_date") and a.params.get("contract_number"))
        and not a.params.get("contract")  # typed whole before the card kept the contract
    ]
    if missing:
        raise ValidationError([CONTRACT_MISSING % {"name": name} for name in missing])


@transaction.atomic
def package_record_contracts(
    *, document: Document, contracts: dict[int, tuple[datetime.date | None, str]], day
) -> int:
    """The employment contracts of a draft order's mentors, typed in the package: kept on
    their cards and in their agreements still being prepared. Returns how many were given."""
    if document.status != Document.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    wanted = {row.person.pk: row.person for row in order_package(document, day).contracts_missing}
    given = 0
    for person_id, (signed_on, number) in contracts.items():
        person = wanted.get(person_id)
        if person is None or not (signed_on or number.strip()):
            continue
        if signed_on:
            person.contract_date = signed_on
        if number.strip():
            person.contract_number = number.strip()
        person.save(update_fields=["contract_date", "contract_number"])
        for agreement in package_agreements(document).filter(
            person=person, status=Document.Status.DRAFT
        ):
            agreement.params |= {
                "contract_date": person.contract_date.isoformat() if person.contract_date else None,
                "contract_number": person.contract_number,
            }
            agreement.save(update_fields=["params"])
        given += 1
    if not given:
        raise ValidationError(NO_CONTRACTS_GIVEN)
    return given


NOT_IN_PACKAGE = _(
    "Отмеченное согласие не требуется для этого приказа или уже получено: обновите страницу."
)
NO_CONSENTS_CHOSEN = _("Отметьте полученные согласия.")
NOTHING_TO_PREPARE = _("Все дополнительные соглашения для этого приказа уже подготовлены.")


@transaction.atomic
def package_record_consents(
    *,
    document: Document,
    received: list[tuple[int, str, str, str]],
    given_on: datetime.date,
    today: datetime.date,
) -> int:
    """Enter the consents received on paper for a draft order's participants in one go:
    (person id, consent kind, representative's name, relation). Only what the package lacks
    on `today`; all or nothing."""
    from registry.services import consent_record

    if document.status != Document.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    if not received:
        raise ValidationError(NO_CONSENTS_CHOSEN)
    package = order_package(document, today)
    cells = {
        (row.person.pk, cell.kind): row.person
        for row in package.rows
        for cell in row.missing_consents
    }
    for person_id, kind, name, relation in received:
        person = cells.get((person_id, kind))
        if person is None:
            raise ValidationError(NOT_IN_PACKAGE)
        consent_record(
            person=person,
            kind=kind,
            given_on=given_on,
            today=today,
            representative_name=name,
            representative_relation=relation,
        )
    return len(received)


@transaction.atomic
def package_prepare_agreements(
    *,
    document: Document,
    by: User,
    day: datetime.date,
    payment: str,
    duties: str,
    expected: str,
    conditions: str = "",
) -> list[Document]:
    """A draft agreement for every employed mentor of a draft order who has none, for the
    period of the mentor's pairs and groups in the order (from the order's `day` where a pair
    would start earlier without a confirmed reason: the order is not retroactive)."""
    from mentoring.services import starts_before

    if document.status != Document.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    rows = order_package(document, day).agreements_to_prepare
    if not rows:
        raise ValidationError(NOTHING_TO_PREPARE)
    created = []
    for row in rows:
        own = [a for a in row.assignments if row.person in [m.person for m in a.mentors]]
        created.append(
            document_create_agreement(
                organization=document.organization,
                by=by,
                person=row.person,
                starts_on=min(day if starts_before(a, day) else a.starts_on for a in own),
                ends_on=max(a.ends_on for a in own),
                payment=payment,
                duties=duties,
                expected=expected,
                conditions=conditions,
                for_order=document,
            )
        )
    return created
