"""Objects of the other school for the URL walk (tests/test_urls.py)."""

from __future__ import annotations

from mentoring.models import RoadmapItem
from mentoring.roadmap_services import roadmap_start_from_sample
from mentoring.services import plan_create_from_template
from tests.mentoring.factories import make_pair, year_2021


def _pair(other_school):
    return make_pair(other_school)


def _meeting(other_school):
    from mentoring.models import Meeting

    pair = make_pair(other_school)
    meeting = Meeting.objects.create(
        assignment=pair, held=False, held_on=pair.ends_on, topic="Запланированная"
    )
    return {"pk": pair.pk, "meeting_pk": meeting.pk}


def _event(other_school):
    pair = make_pair(other_school)
    plan = plan_create_from_template(assignment=pair)
    task = plan.tasks.first()
    return {"pk": pair.pk, "event_pk": task.events.first().pk}


def _task(other_school):
    pair = make_pair(other_school)
    plan = plan_create_from_template(assignment=pair)
    return {"pk": pair.pk, "task_pk": plan.tasks.first().pk}


def _route(other_school):
    from mentoring.services import assignment_create
    from tests.mentoring.factories import make_mentee, make_mentor

    mentor = make_mentor(other_school, capacity=3)
    group = assignment_create(
        organization=other_school,
        academic_year=year_2021(),
        form=mentor.forms.first(),
        kind="group",
        mentors=[mentor],
        mentees=[make_mentee(other_school), make_mentee(other_school)],
        starts_on=year_2021().starts_on,
        ends_on=year_2021().ends_on,
    )
    plan = plan_create_from_template(assignment=group)
    return {"pk": group.pk, "route_pk": plan.routes.first().pk}


def _plan(other_school):
    pair = make_pair(other_school)
    plan_create_from_template(assignment=pair)
    return {"pk": pair.pk}


def _roadmap(other_school):
    return roadmap_start_from_sample(organization=other_school, academic_year=year_2021())


def _mentee(other_school):
    return make_pair(other_school).mentees[0]


def _program(other_school):
    import datetime

    from mentoring.models import Program
    from registry.models import MentoringForm

    year = year_2021()
    return Program.objects.create(
        organization=other_school,
        academic_year=year,
        form=MentoringForm.objects.get(code="teacher-teacher"),
        title="Программа",
        goal="Цель",
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2022, 5, 31),
    )


OBJECT_KWARGS = {
    "mentoring:program-edit": lambda s: {"pk": _program(s).pk},
    "mentoring:assignment-detail": lambda s: {"pk": _pair(s).pk},
    "mentoring:assignment-edit": lambda s: {"pk": _pair(s).pk},
    "mentoring:assignment-transition": lambda s: {"pk": _pair(s).pk},
    "mentoring:assignment-delete": lambda s: {"pk": _pair(s).pk},
    "mentoring:plan-create": lambda s: {"pk": _pair(s).pk},
    "mentoring:meeting-create": lambda s: {"pk": _pair(s).pk},
    "mentoring:meeting-plan": lambda s: {"pk": _pair(s).pk},
    "mentoring:meeting-held": _meeting,
    "mentoring:meeting-ics": _meeting,
    "mentoring:event-add": _task,
    "mentoring:plan-edit": _plan,
    "mentoring:route-edit": _route,
    "mentoring:event-edit": _event,
    "mentoring:event-done": _event,
    "mentoring:event-reopen": _event,
    "mentoring:event-delete": _event,
    "mentoring:mentee-match": lambda s: {"pk": _mentee(s).pk},
    "mentoring:roadmap-item": lambda s: {
        "pk": RoadmapItem.objects.filter(roadmap=_roadmap(s)).first().pk
    },
    "mentoring:roadmap-item-delete": lambda s: {
        "pk": RoadmapItem.objects.filter(roadmap=_roadmap(s)).first().pk
    },
    "mentoring:municipal-roadmap": lambda s: {"pk": _roadmap(s).pk},
    "mentoring:roadmap-agree": lambda s: {"pk": _roadmap(s).pk},
}
