"""The curator keeps one program of mentoring per form and academic year."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring.models import Program
from registry.models import MentoringForm
from tests.mentoring.factories import year_2021

pytestmark = pytest.mark.django_db


def program_post(**extra):
    return {
        "form": MentoringForm.objects.get(code="teacher-teacher").pk,
        "academic_year": year_2021().pk,
        "title": "Программа «учитель – учитель»",
        "goal": "Адаптация молодых педагогов",
        "tasks": "",
        "expected_results": "",
        "starts_on": "2021-09-01",
        "ends_on": "2022-05-31",
        "curator": "",
        **extra,
    }


def test_curator_creates_a_program_and_sees_it(client, curator, school):
    client.force_login(curator)
    response = client.post(reverse("mentoring:program-create"), program_post())
    assert response.status_code == 302
    program = Program.objects.get()
    assert program.organization == school
    page = client.get(reverse("mentoring:program-list")).content.decode()
    assert "Адаптация молодых педагогов" in page


def test_a_second_program_of_the_same_form_and_year_is_refused(client, curator, school):
    client.force_login(curator)
    client.post(reverse("mentoring:program-create"), program_post())
    response = client.post(reverse("mentoring:program-create"), program_post(title="Ещё одна"))
    assert "Программа этой формы на этот учебный год уже есть." in response.content.decode()
    assert Program.objects.count() == 1


def test_reversed_period_is_a_russian_message(client, curator, school):
    client.force_login(curator)
    response = client.post(
        reverse("mentoring:program-create"),
        program_post(starts_on="2022-05-01", ends_on="2021-10-01"),
    )
    assert "Дата окончания раньше даты начала." in response.content.decode()
    assert not Program.objects.exists()


def test_a_teacher_cannot_create_programs(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("mentoring:program-create")).status_code == 403
