"""Mass assignment: posting fields a form does not show changes nothing they would control.

Every POST form found on every page is submitted as shown, plus fields it does not show —
`organization` pointing at another school, `status`, `number`, `version`, `user`. Afterwards
no row of the other school has been created or moved there, and nothing took the injected
number or status.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse

from tests.security.forms import forms_on
from tests.test_urls import ALL_URLS, OBJECT_KWARGS, has_params

# the schools and personas built once for the module
pytestmark = pytest.mark.usefixtures("people_once")

INJECTED_NUMBER = "987654"
INJECTED_STATUS = "signed"
NUMBER_TYPES = {"CharField", "IntegerField", "PositiveIntegerField", "BigIntegerField"}


def tenant_models():
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if "organization" in names and not model.__name__.startswith("Historical"):
            yield model


def other_school_rows(other_school) -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.filter(organization=other_school).count()
        for m in tenant_models()
    }


def rows_with_injected_values() -> list[str]:
    found = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        number = fields.get("number")
        if number is None or number.get_internal_type() not in NUMBER_TYPES:
            continue
        if model._default_manager.filter(number=INJECTED_NUMBER).exists():
            found.append(f"{model._meta.label}.number")
    return found


PAGES = [(name, has_params(pattern)) for name, pattern in ALL_URLS if name != "login"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "with_object"), PAGES, ids=[n for n, _ in PAGES])
def test_hidden_fields_posted_change_nothing(
    client, personas, school, other_school, other_curator, name, with_object
):
    """The curator, the director and a teacher in turn, each in a savepoint rolled back after,
    on the same object of their school (built once, found as it was by each)."""
    url = reverse(name, kwargs=OBJECT_KWARGS[name](school) if with_object else None)
    for persona in ("curator", "director", "teacher"):
        with transaction.atomic():
            client.force_login(getattr(personas, persona))
            post_with_hidden_fields(client, url, other_school, other_curator)
            transaction.set_rollback(True)


def post_with_hidden_fields(client, url: str, other_school, other_curator):
    forms = forms_on(client, url)
    if not forms:  # nothing to post: nothing to count before and after
        return
    before = other_school_rows(other_school)
    for form in forms:
        body = dict(form["values"])
        for field, value in {
            "organization": other_school.pk,
            "organization_id": other_school.pk,
            "status": INJECTED_STATUS,
            "number": INJECTED_NUMBER,
            "version": "1",
            "user": other_curator.pk,
        }.items():
            if field not in form["fields"]:
                body[field] = value
        response = client.post(form["action"], body)
        assert response.status_code < 500
    assert other_school_rows(other_school) == before, url
    assert rows_with_injected_values() == [], url
