"""Demo data, documents: the school's orders № 144 and № 145 of 01.09.2021 (as in seed 000),
the mentors' supplementary agreements, a pair ready for the next order and an agreement waiting
for the director's signature."""

from __future__ import annotations

import datetime
import random

from demo.accounts import DemoContext
from demo.registry import mother_of
from documents import basis, services
from documents.models import Document
from mentoring.models import Assignment, AssignmentStatus
from mentoring.services import assignment_transition
from registry.models import Consent, MentoringForm, MentorProfile, Person, PersonCategory

ORDERS_DAY = datetime.date(2021, 9, 1)
CONSENTS_DAY = datetime.date(2021, 8, 27)


def seed(ctx: DemoContext) -> None:
    org = ctx.main
    if Document.objects.filter(organization=org).exists():
        return
    director, curator = ctx.users["director"], ctx.users["curator"]
    year = ctx.years[2021]
    active = list(
        Assignment.objects.in_organization(org)
        .filter(status=AssignmentStatus.AWAITING_ORDER, academic_year=year)
        .order_by("pk")
    )

    intro = services.document_create_introduction(
        organization=org,
        by=curator,
        starts_on=ORDERS_DAY,
        curator=Person.objects.get(user=curator),
        forms=list(
            MentoringForm.objects.filter(assignments__in=active)
            .distinct()
            .values_list("name", flat=True)
        ),
        council_date=datetime.date(2021, 8, 30),
        council_protocol="1",
    )
    services.document_register_signed(document=intro, number=144, signed_on=ORDERS_DAY, by=director)

    mentors = sorted(
        {
            link.mentor.person
            for a in active
            for link in a.mentor_links.select_related("mentor__person__organization")
            if link.mentor.person.category == PersonCategory.TEACHER
        },
        key=lambda p: p.pk,
    )
    for person in mentors:
        # The first agreement to each mentor's contract (a network mentor's is with his own
        # school), signed on paper before the portal.
        services.document_register_signed(
            document=_agreement(person.organization, curator, person),
            number=1,
            signed_on=datetime.date(2021, 8, 31),
            by=director,
        )
    _consents_collected(ctx, active)

    order = Document.objects.create(
        organization=org,
        kind=Document.Kind.ASSIGNMENT,
        title=services.assignment_order_title(active),
        created_by=curator,
        params={"controller_id": Person.objects.get(user=ctx.users["deputy"]).pk},
    )
    order.assignments.set(active)
    services.document_register_signed(document=order, number=145, signed_on=ORDERS_DAY, by=director)
    _ended_and_cancelled(ctx, org, active, curator, director)
    _this_years_pair(ctx, org, curator, director)

    _pair_ready_for_an_order(ctx, org, curator, director)


def _ended_and_cancelled(ctx: DemoContext, org, active, curator, director) -> None:
    """The year's second path: a pair whose meetings stopped after the winter break was ended
    early by the order of 28.12.2021; an order of 10.01.2022 ending another pair by mistake was
    cancelled two days later, and that pair ran to the end of the year."""
    pairs = [a for a in active if a.kind == Assignment.Kind.PAIR]
    after_break = datetime.date(2022, 1, 1)
    quiet = [a for a in pairs if not a.meetings.filter(held_on__gte=after_break).exists()]
    busy = [a for a in pairs if a not in quiet]
    if not quiet or not busy:
        return
    quiet, mistaken = quiet[0], busy[-1]
    ending = services.document_create_ending_order(
        organization=org,
        by=curator,
        assignments=[quiet],
        ends_on=datetime.date(2021, 12, 28),
        reason="переходом наставляемого на обучение в другую образовательную организацию",
        grounds="заявление законного представителя наставляемого от 27.12.2021",
    )
    services.document_register_signed(
        document=ending, number=231, signed_on=datetime.date(2021, 12, 28), by=director
    )
    wrong = services.document_create_ending_order(
        organization=org,
        by=curator,
        assignments=[mistaken],
        ends_on=datetime.date(2022, 1, 10),
        reason="заявлением наставника",
        grounds="заявление наставника от 10.01.2022",
    )
    services.document_register_signed(
        document=wrong, number=3, signed_on=datetime.date(2022, 1, 10), by=director
    )
    cancel = services.document_create_cancellation(
        organization=org, by=curator, cancels=wrong, reason="ошибкой в выборе наставнической пары"
    )
    services.document_register_signed(
        document=cancel, number=5, signed_on=datetime.date(2022, 1, 12), by=director
    )


def _this_years_pair(ctx: DemoContext, org, curator, director) -> None:
    """The 2021 pairs are long over. This academic year the demo teacher mentors the demo
    young specialist again, from the year's first day, fixed by the order of that day (the
    consents given the week before, the teacher's second agreement to the contract signed the
    day before); the plan is under way, they meet monthly, and their next meeting is planned a
    week ahead (in both calendars too)."""
    from accounts.models import AcademicYear
    from mentoring.models import Meeting, PlanEvent
    from mentoring.services import assignment_create, plan_create_from_template

    today = ctx.today
    year = AcademicYear.objects.current(today)
    if year is None or year.start_year == 2021:
        return
    day = year.starts_on
    teacher = ctx.users["teacher"]
    pair = assignment_create(
        organization=org,
        academic_year=year,
        form=MentoringForm.objects.get(code="teacher-teacher"),
        mentors=[teacher.person.mentor_profile],
        mentees=[ctx.users["mentee"].person.mentee_profile],
        starts_on=day,
        ends_on=year.ends_on,
        by=curator,
    )
    _basis_on(ctx, [pair], day - datetime.timedelta(days=7), for_order_of=day)
    agreement = services.document_create_agreement(
        organization=org,
        by=curator,
        person=teacher.person,
        starts_on=day,
        ends_on=year.ends_on,
        payment="3500,00",
        duties="Наставничество: методическая поддержка молодого педагога (стаж менее трёх лет).",
        expected="Профессиональная адаптация наставляемого, преодоление его дефицитов.",
    )
    services.document_register_signed(
        document=agreement, number=2, signed_on=day - datetime.timedelta(days=1), by=director
    )
    assignment_transition(assignment=pair, to=AssignmentStatus.AWAITING_CONSENTS, by=curator)
    assignment_transition(assignment=pair, to=AssignmentStatus.AWAITING_ORDER, by=curator)
    order = services.document_create_assignment_order(
        organization=org, by=curator, assignments=[pair], controller=None
    )
    services.document_register_signed(document=order, number=112, signed_on=day, by=director)

    plan = plan_create_from_template(assignment=pair)
    events = PlanEvent.objects.filter(task__plan=plan).order_by("task__order", "order")
    for n, event in enumerate(events[:3]):
        event.done_on = min(today, day + datetime.timedelta(days=7 + 10 * n))
        event.done_note = "выполнено по плану"
        event.save(update_fields=["done_on", "done_note"])
    held = day + datetime.timedelta(days=10)
    while held < today:
        Meeting.objects.create(
            assignment=pair, held_on=held, duration_minutes=45,
            topic="Разбор урока и планирование следующего", created_by=teacher,
        )  # fmt: skip
        held += datetime.timedelta(days=30)
    Meeting.objects.create(
        assignment=pair,
        held=False,
        held_on=today + datetime.timedelta(days=7),
        starts_at=datetime.time(15, 30),
        place="каб. 214",
        topic="Разбор открытого урока",
        duration_minutes=45,
        created_by=teacher,
    )


def _agreement(org, curator, person) -> Document:
    return services.document_create_agreement(
        organization=org,
        by=curator,
        person=person,
        starts_on=ORDERS_DAY,
        ends_on=datetime.date(2022, 5, 31),
        payment="3000,00",
        duties="Наставничество: методическая поддержка молодых педагогов (стаж менее трёх лет).",
        expected="Профессиональная адаптация наставляемых, преодоление их дефицитов.",
        conditions="Посещение, совместное проектирование и анализ уроков.",
    )


def _pair_ready_for_an_order(ctx: DemoContext, org, curator, director) -> None:
    """This academic year's next pair, ready for its order: the first pupil waiting for a
    college student mentor today with the best suggested mentor, moved on to «ожидает приказа» with
    every basis the order needs today; and one more mentor's agreement on the director's desk."""
    from accounts.models import AcademicYear
    from mentoring import matching
    from mentoring.services import assignment_create

    today = ctx.today
    year = AcademicYear.objects.current(today)
    # A pupil who wants a college student for a mentor: the pupils waiting for a teacher are
    # left to the curator (the browser story forms one of those pairs).
    waiting = [
        m for m in matching.waiting_mentees(org, today) if m.desired_form.code == "college-student"
    ]
    candidates = matching.candidates_for(waiting[0], org, today) if waiting else []
    if year is not None and candidates:
        mentor = MentorProfile.objects.get(pk=candidates[0].mentor.id)
        pair = assignment_create(
            organization=org,
            academic_year=year,
            form=waiting[0].desired_form,
            mentors=[mentor],
            mentees=[waiting[0]],
            starts_on=max(today, year.starts_on),
            ends_on=year.ends_on,
            by=curator,
        )
        _basis_on(ctx, [pair], today)
        employed = mentor.person.category == PersonCategory.TEACHER  # an agreement is theirs
        if (
            employed
            and not Document.objects.filter(
                person=mentor.person, kind=Document.Kind.AGREEMENT, status=Document.Status.SIGNED
            ).exists()
        ):
            agreement = _agreement(mentor.person.organization, curator, mentor.person)
            services.document_send(document=agreement, today=today)
            services.document_sign(document=agreement, by=director, today=today)
        assignment_transition(assignment=pair, to=AssignmentStatus.AWAITING_CONSENTS, by=curator)
        assignment_transition(assignment=pair, to=AssignmentStatus.AWAITING_ORDER, by=curator)
    desk = (
        Person.objects.in_organization(org)
        .on_roll(today)
        .filter(category=PersonCategory.TEACHER, mentor_profile__isnull=False)
        .exclude(documents__kind=Document.Kind.AGREEMENT)
        .order_by("pk")
        .first()
    )
    if desk is not None:
        services.document_send(document=_agreement(org, curator, desk), today=today)


def _consents_collected(ctx: DemoContext, active) -> None:
    """Before the order of 01.09.2021 the curator collected every consent its pairs need on
    that day (a pupil's from the legal representative); the registry's own demo leaves some
    people without consents, and those are the ones still waiting for a pair."""
    _basis_on(ctx, active, CONSENTS_DAY, for_order_of=ORDERS_DAY)


def _basis_on(ctx: DemoContext, pairs, given_on, for_order_of=None) -> None:
    """Every consent an order of `for_order_of` (default: `given_on`) needs for these pairs,
    given on `given_on` where it is not already in force."""
    day = for_order_of or given_on
    rng = random.Random(f"consents-{day}")
    assignments = basis.prefetch_people(Assignment.objects.filter(pk__in=[a.pk for a in pairs]))
    for participant in basis.participants(assignments, day):
        person = participant.person
        for kind in participant.needs:
            if Consent.objects.in_force(day).filter(person=person, kind=kind).exists():
                continue
            extra = {}
            if kind == Consent.Kind.REPRESENTATIVE:
                extra = {
                    "representative_name": mother_of(person, ctx.names, rng),
                    "representative_relation": "мать",
                }
            Consent.objects.create(person=person, kind=kind, given_on=given_on, **extra)
