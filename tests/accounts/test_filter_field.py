"""A list's filter bar ({% filter_field %}): each field labelled, styled and, when wrong, its
error tied to it — what crispy wrote, at a fraction of the cost."""

from __future__ import annotations

import datetime

import pytest
from django.template import engines

from registry.filters import PeopleFilter
from registry.models import Person

pytestmark = pytest.mark.django_db

BAR = engines["django"].from_string(
    "{% load portal %}{% filter_field form.q %}|{% filter_field form.category %}|"
    "{% filter_field form.young %}"
)


def bar(school, data=None) -> list[str]:
    people = PeopleFilter(
        data, Person.objects.all(), today=datetime.date(2026, 12, 7), organization=school
    )
    people.form.is_valid()
    return BAR.render({"form": people.form}).split("|")


def test_each_field_has_its_label_and_bootstrap_class(school):
    text, select, checkbox = bar(school)
    assert '<label for="id_q" class="form-label">Поиск по ФИО</label>' in text
    assert 'class="textinput form-control"' in text and 'name="q"' in text
    assert '<select name="category" class="select form-select" id="id_category">' in select
    assert '<option value="student">обучающийся</option>' in select
    assert 'class="form-check"' in checkbox and 'class="checkboxinput form-check-input"' in checkbox
    assert '<label for="id_young" class="form-check-label">Молодые специалисты</label>' in checkbox
    assert "is-invalid" not in "".join((text, select, checkbox))


def test_a_wrong_value_is_said_at_the_field_and_kept(school):
    text, select, checkbox = bar(school, {"q": "Ив<b>", "category": "bogus", "young": "on"})
    assert 'value="Ив&lt;b&gt;"' in text  # what was typed, escaped
    assert 'class="select form-select is-invalid"' in select
    assert 'aria-invalid="true"' in select and 'aria-describedby="id_category_error"' in select
    assert '<div id="id_category_error" class="invalid-feedback">' in select
    assert "bogus нет среди допустимых значений" in select
    assert "checked" in checkbox


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"category": "student", "q": "Иванова", "young": "on", "network_ready": "on"},
        {"category": "bogus", "q": 'О"Нил <b>', "school_class": "x" * 20, "subject": "&"},
    ],
)
def test_a_control_reads_as_djangos_own_widget_writes_it(school, data):
    """The selects, text boxes and checkboxes written in Python are the ones Django's widget
    templates write: typed values (escaped), ticked boxes, too long or unknown values."""
    import re

    from accounts.templatetags.portal import _input, _select
    from mentoring.filters import AssignmentFilter
    from registry.filters import MenteeFilter, MentorFilter

    today = datetime.date(2026, 12, 7)
    forms = [
        PeopleFilter(data, Person.objects.all(), today=today, organization=school).form,
        MentorFilter(data, None, today=today, organization=school).form,
        MenteeFilter(data, None, today=today, organization=school).form,
        AssignmentFilter(data, None, today=today).form,
    ]
    compared = {"select": 0, "input": 0}
    for form in forms:
        form.is_valid()
        for field in form:
            for kind, write in (("select", _select), ("input", _input)):
                attrs = {"class": f"{kind} form-control", "aria-invalid": "true"}
                ours = write(field, attrs)
                if ours is None:
                    continue
                django = field.as_widget(attrs=attrs)
                assert re.sub(r"\s+", " ", ours) == re.sub(r"\s+", " ", django), field.name
                compared[kind] += 1
    assert compared["select"] >= 8 and compared["input"] >= 8, compared
