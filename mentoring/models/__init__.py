"""The program's work: programs, assignments (pairs and groups), plans, meetings, roadmap."""

from mentoring.models.assignment import (
    PREPARATION_STATUSES,
    Assignment,
    AssignmentMentee,
    AssignmentMentor,
    AssignmentStatus,
    Program,
)
from mentoring.models.plan import IndividualRoute, Meeting, Plan, PlanEvent, PlanTask, RouteStep
from mentoring.models.roadmap import MarkStatus, Roadmap, RoadmapEvent, RoadmapItem

__all__ = [
    "PREPARATION_STATUSES",
    "Assignment",
    "AssignmentMentee",
    "AssignmentMentor",
    "AssignmentStatus",
    "IndividualRoute",
    "MarkStatus",
    "Meeting",
    "Plan",
    "PlanEvent",
    "PlanTask",
    "Program",
    "Roadmap",
    "RoadmapEvent",
    "RoadmapItem",
    "RouteStep",
]
