"""The rules of pairs and groups: each violation gives its own Russian message."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Municipality
from core.declension import Case, person_name
from mentoring import services
from mentoring.models import Assignment, AssignmentMentee, AssignmentStatus
from mentoring.services import (
    assignment_activate,
    assignment_create,
    assignment_transition,
)
from registry.models import MenteeProfile, MentoringForm
from tests.factories import OrganizationFactory, StudentFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_pair, year_2021

pytestmark = pytest.mark.django_db
S = AssignmentStatus


def teacher_form():
    return MentoringForm.objects.get(code="teacher-teacher")


def create(school, mentors, mentees, *, kind="pair", form=None, start=None, end=None):
    return assignment_create(
        organization=school,
        academic_year=year_2021(),
        form=form or teacher_form(),
        kind=kind,
        mentors=mentors,
        mentees=mentees,
        starts_on=start or datetime.date(2021, 9, 1),
        ends_on=end or datetime.date(2022, 5, 31),
    )


def messages_of(exc: pytest.ExceptionInfo) -> list[str]:
    return exc.value.messages


def test_a_pair_is_created_as_draft_and_the_mentee_is_matched_not_yet_assigned(school):
    mentor, mentee = make_mentor(school), make_mentee(school)
    pair = create(school, [mentor], [mentee])
    assert pair.status == S.DRAFT
    assert pair.mentors == [mentor] and pair.mentees == [mentee]
    assert mentee.status_on(datetime.date(2021, 9, 1)) == MenteeProfile.Status.MATCHED
    assert mentee.show_on(datetime.date(2021, 9, 1)).day_status_display == "подобран наставник"


def test_a_pair_has_exactly_one_mentor_and_one_mentee(school):
    with pytest.raises(ValidationError) as exc:
        create(school, [make_mentor(school)], [make_mentee(school), make_mentee(school)])
    assert str(services.PAIR_NEEDS_ONE_MENTOR_ONE_MENTEE) in messages_of(exc)


def test_a_group_needs_several_mentees(school):
    with pytest.raises(ValidationError) as exc:
        create(school, [make_mentor(school)], [make_mentee(school)], kind="group")
    assert str(services.GROUP_NEEDS_MENTEES) in messages_of(exc)


def test_a_group_has_mentors_and_mentees(school):
    mentors = [make_mentor(school, capacity=3), make_mentor(school, capacity=3)]
    mentees = [make_mentee(school) for _ in range(3)]
    group = create(school, mentors, mentees, kind="group")
    assert len(group.mentors) == 2 and len(group.mentees) == 3


def test_people_must_fit_the_form(school):
    student = MenteeProfile.objects.create(
        person=StudentFactory(organization=school), desired_form=teacher_form()
    )
    with pytest.raises(ValidationError) as exc:
        create(school, [make_mentor(school)], [student])
    assert any(
        "не может быть наставляемым в форме «учитель – учитель»" in m for m in messages_of(exc)
    )


def test_the_mentor_registry_must_list_the_form(school):
    mentor = make_mentor(school, forms=["teacher-student"])
    with pytest.raises(ValidationError) as exc:
        create(school, [mentor], [make_mentee(school)])
    assert messages_of(exc) == [
        str(services.MENTOR_FORM_NOT_IN_REGISTRY)
        % {"name": mentor.person.short_name, "form": teacher_form()}
    ]


def test_nobody_mentors_themselves(school):
    mentor = make_mentor(school)
    me = MenteeProfile.objects.create(person=mentor.person, desired_form=teacher_form())
    with pytest.raises(ValidationError) as exc:
        create(school, [mentor], [me])
    assert str(services.SELF_MENTORING) % {"name": mentor.person.short_name} in messages_of(exc)


def test_the_mentor_capacity_holds_across_assignments(school):
    mentor = make_mentor(school, capacity=1)
    create(school, [mentor], [make_mentee(school)])
    with pytest.raises(ValidationError) as exc:
        create(school, [mentor], [make_mentee(school)])
    assert messages_of(exc) == [
        str(services.MENTOR_CAPACITY_EXCEEDED)
        % {"name": person_name(mentor.person, Case.GENITIVE, short=True), "capacity": 1, "count": 2}
    ]


def test_a_pair_over_before_the_new_one_starts_frees_the_place(school):
    """Capacity holds over the new pair's period: a pair that ended on 31.12.2021 takes no
    place in one from 10.01.2022, but does in one from 01.12.2021."""
    mentor = make_mentor(school, capacity=1)
    make_pair(school, mentor=mentor, status=S.FINISHED)  # ordered, 01.09–31.12.2021
    with pytest.raises(ValidationError):
        create(school, [mentor], [make_mentee(school)], start=datetime.date(2021, 12, 1))
    create(school, [mentor], [make_mentee(school)], start=datetime.date(2022, 1, 10))


def test_a_mentee_may_have_a_new_pair_in_the_form_once_the_old_one_is_over(school):
    """A pupil whose pair ended gets a new mentor in the same form for the rest of the year;
    not for days the old pair still covers."""
    mentee = make_mentee(school)
    make_pair(school, mentee=mentee, status=S.FINISHED)  # ordered, 01.09–31.12.2021
    with pytest.raises(ValidationError):
        create(school, [make_mentor(school)], [mentee], start=datetime.date(2021, 12, 20))
    later = create(school, [make_mentor(school)], [mentee], start=datetime.date(2022, 1, 10))
    assert later.status == S.DRAFT


def test_a_mentee_has_one_open_assignment_per_form(school):
    mentee = make_mentee(school, last_name="Сергеева-Ткаченко", first_name="Мария",
                         middle_name="Андреевна")  # fmt: skip
    create(school, [make_mentor(school)], [mentee])
    with pytest.raises(ValidationError) as exc:
        create(school, [make_mentor(school)], [mentee])
    # the message declines and agrees as the documents do
    assert messages_of(exc) == [
        f"У наставляемой Сергеевой-Ткаченко М.А. уже есть незавершённая пара или группа в "
        f"форме «{teacher_form()}»."
    ]


def test_a_full_mentor_is_named_in_the_genitive(school):
    mentor = make_mentor(school, capacity=1, last_name="Гусь", first_name="Илья",
                         middle_name="Ильич", gender="m")  # fmt: skip
    create(school, [mentor], [make_mentee(school)])
    with pytest.raises(ValidationError) as exc:
        create(school, [mentor], [make_mentee(school)])
    assert "У наставника Гуся И.И. не больше 1 наставляемых" in messages_of(exc)[0]


def test_the_database_also_refuses_a_second_open_assignment(school):
    mentee = make_mentee(school)
    first = create(school, [make_mentor(school)], [mentee])
    second = make_pair(school)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentMentee.objects.create(assignment=second, mentee=mentee, form=first.form)


def test_the_period_lies_inside_the_academic_year(school):
    with pytest.raises(ValidationError) as exc:
        create(
            school,
            [make_mentor(school)],
            [make_mentee(school)],
            start=datetime.date(2021, 8, 1),
        )
    assert messages_of(exc) == [
        str(services.PERIOD_OUTSIDE_YEAR)
        % {"year": year_2021(), "start": "01.09.2021", "end": "31.05.2022"}
    ]


def test_a_reversed_period_is_refused(school):
    with pytest.raises(ValidationError) as exc:
        create(
            school,
            [make_mentor(school)],
            [make_mentee(school)],
            start=datetime.date(2022, 1, 10),
            end=datetime.date(2021, 10, 1),
        )
    assert str(services.PERIOD_REVERSED) in messages_of(exc)


def test_network_mentor_from_the_same_municipality_when_ready(school, teacher, curator, client):
    neighbour = OrganizationFactory(municipality=school.municipality)
    mentor = make_mentor(neighbour)
    with pytest.raises(ValidationError) as exc:
        create(school, [mentor], [make_mentee(school)])
    assert messages_of(exc) == [
        str(services.MENTOR_NOT_NETWORK_READY) % {"name": mentor.person.short_name}
    ]
    mentor.network_ready = True
    mentor.save()
    pair = create(school, [mentor], [make_mentee(school)])
    assert pair.is_network

    from tests.conftest import member

    neighbour_curator = member(neighbour, "curator_n", "curator")
    assert Assignment.objects.for_user(neighbour_curator).filter(pk=pair.pk).exists()
    assert Assignment.objects.for_user(curator).filter(pk=pair.pk).exists()


def test_no_network_mentor_from_another_municipality(school):
    far = OrganizationFactory(municipality=Municipality.objects.create(name="Далёкий район"))
    mentor = make_mentor(far)
    mentor.network_ready = True
    mentor.save()
    with pytest.raises(ValidationError) as exc:
        create(school, [mentor], [make_mentee(school)])
    assert messages_of(exc) == [
        str(services.MENTOR_OTHER_MUNICIPALITY) % {"name": mentor.person.short_name}
    ]


def test_mentees_come_from_the_school(school):
    other = OrganizationFactory(municipality=school.municipality)
    mentee = make_mentee(other)
    with pytest.raises(ValidationError) as exc:
        create(school, [make_mentor(school)], [mentee])
    assert str(services.MENTEE_OTHER_ORGANIZATION) % {"name": mentee.person.short_name} in (
        messages_of(exc)
    )


# --- lifecycle ------------------------------------------------------------------------


def test_the_lifecycle_up_to_an_order_and_past_the_period(school):
    """An order fixes the pair; after its last day (31.05.2022) it reads «завершена» with
    nothing stored, on every later day, and so does its mentee."""
    pair = make_pair(school)
    mentee = pair.mentees[0]
    assignment_transition(assignment=pair, to=S.AWAITING_CONSENTS)
    assignment_transition(assignment=pair, to=S.AWAITING_ORDER)
    assert mentee.status_on(datetime.date(2021, 9, 1)) == MenteeProfile.Status.MATCHED
    pair = assignment_activate(assignment=pair)
    assert pair.status == S.ACTIVE
    assert not pair.mentee_links.get().in_preparation
    during, last, after = (datetime.date(2021, 10, 1), datetime.date(2022, 5, 31),
                           datetime.date(2026, 12, 4))  # fmt: skip
    assert [pair.status_on(d) for d in (during, last, after)] == [S.ACTIVE, S.ACTIVE, S.FINISHED]
    assert mentee.status_on(during) == MenteeProfile.Status.ASSIGNED  # «закреплён»
    assert mentee.status_on(after) == MenteeProfile.Status.FINISHED
    listed = Assignment.objects.with_status_on(after).get(pk=pair.pk)
    assert listed.day_status_display == "завершена"
    assert list(Assignment.objects.in_status_on(S.FINISHED, after)) == [pair]
    assert not Assignment.objects.active_on(after).exists()
    with pytest.raises(ValidationError) as exc:
        assignment_transition(assignment=pair, to=S.TERMINATED, reason="ушёл")
    assert messages_of(exc) == [str(services.ORDERED_CHANGED_BY_ORDERS)]


def test_active_only_through_an_order(school):
    pair = make_pair(school, status=S.AWAITING_ORDER)
    with pytest.raises(ValidationError) as exc:
        assignment_transition(assignment=pair, to=S.ACTIVE)
    assert messages_of(exc) == [str(services.ACTIVE_ONLY_BY_ORDER)]


def test_an_order_activates_only_what_awaits_it(school):
    pair = make_pair(school)
    with pytest.raises(ValidationError) as exc:
        assignment_activate(assignment=pair)
    assert messages_of(exc) == [str(services.NOT_AWAITING_ORDER)]


def test_termination_needs_a_reason_and_frees_the_mentee(school):
    pair = make_pair(school, status=S.AWAITING_ORDER)
    with pytest.raises(ValidationError) as exc:
        assignment_transition(assignment=pair, to=S.TERMINATED, reason="  ")
    assert messages_of(exc) == [str(services.REASON_REQUIRED)]
    pair = assignment_transition(assignment=pair, to=S.TERMINATED, reason="увольнение наставника")
    assert pair.status_reason == "увольнение наставника"
    assert pair.mentees[0].status_on(datetime.date(2021, 9, 1)) == MenteeProfile.Status.WAITING


def test_a_skipped_step_is_refused(school):
    pair = make_pair(school)
    with pytest.raises(ValidationError) as exc:
        assignment_transition(assignment=pair, to=S.FINISHED)
    assert messages_of(exc) == [
        str(services.TRANSITION_NOT_ALLOWED) % {"source": "черновик", "target": "завершена"}
    ]


def test_the_database_requires_a_termination_reason(school):
    pair = make_pair(school)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=pair.pk).update(status=S.TERMINATED, status_reason="")


def test_the_new_order_offers_only_what_awaits_an_order_and_is_in_no_open_order(school):
    from documents.forms import AssignmentOrderForm
    from tests.documents.factories import assignment_order

    waiting = make_pair(school, status=S.AWAITING_ORDER)
    in_an_order = make_pair(school, status=S.AWAITING_ORDER)
    assignment_order(school, [in_an_order])
    make_pair(school)
    offered = AssignmentOrderForm(organization=school).fields["assignments"].queryset
    assert list(offered) == [waiting]


def test_a_mentor_who_left_the_school_by_the_start_cannot_take_a_pair(school):
    """The pair form, the services and the suggestions agree (MentorProfile.objects.available_to):
    a mentor whose card says they left before the pair starts is refused, with the reason."""
    mentor = make_mentor(
        school, left_on=datetime.date(2021, 8, 31), gender="f", last_name="Ушедшая",
        first_name="Анна", middle_name="Ивановна",
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        create(school, [mentor], [make_mentee(school)])
    assert (
        "Ушедшая А.И. выбыла из организации 31.08.2021 — раньше начала пары 01.09.2021 "
        "(дата выбытия в карточке)." in messages_of(exc)
    )
    later = make_mentor(school, left_on=datetime.date(2021, 9, 1))  # the last day counts
    assert create(school, [later], [make_mentee(school)]).status == S.DRAFT
