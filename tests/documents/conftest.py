"""Fixtures of the documents' tests."""

from __future__ import annotations

import pytest

from mentoring.models import AssignmentStatus
from tests.mentoring.factories import make_mentee, make_mentor, make_pair


@pytest.fixture
def signer(school, director):
    """The school's director, who signs its documents."""
    school.director = director
    school.save()
    return director


@pytest.fixture
def mentor_with_three(school, director):
    """A mentor who led three pairs in 2021/22 (one finished, two active) and one that never
    started."""
    school.director = director
    school.save()
    mentor = make_mentor(
        school, capacity=4, last_name="Фёдорова", first_name="Ольга", middle_name="Ивановна",
        gender="f", position="учитель математики",
    )  # fmt: skip
    names = [("Петров", "Пётр", "m"), ("Сомова", "Анна", "f"), ("Лисин", "Олег", "m")]
    for (last, first, gender), status in zip(
        names,
        [AssignmentStatus.FINISHED, AssignmentStatus.ACTIVE, AssignmentStatus.ACTIVE],
        strict=True,
    ):
        make_pair(
            school, mentor=mentor,
            mentee=make_mentee(school, last_name=last, first_name=first, middle_name="",
                               gender=gender, position="учитель"),
            status=status,
        )  # fmt: skip
    make_pair(
        school, mentor=mentor, mentee=make_mentee(school, last_name="Черновикова"),
        status=AssignmentStatus.DRAFT,
    )  # fmt: skip
    return mentor
