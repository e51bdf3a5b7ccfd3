"""Every form of the portal, fuzzed with hypothesis: no input gives a 500.

The forms are found, not listed: each page without parameters is opened as each persona, and
every POST form on it is filled with hostile values (empty, huge, control characters, markup,
numbers out of range, random files) for exactly the fields the form shows.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.forms import forms_on
from tests.test_urls import ALL_URLS, OBJECT_KWARGS, has_params

# the schools and personas built once for the module
pytestmark = pytest.mark.usefixtures("people_once")

hostile_text = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.text(min_size=300, max_size=2000),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '=HYPERLINK("http://x")',
            "' OR 1=1 --",
            "\x00\x01",
            "9" * 40,
            "-1",
            "1e309",
            "31.02.2021",
            "2021-13-45",
            "ё" * 10,
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)


def payload_strategy(fields: dict[str, str]):
    values = {}
    for name, kind in fields.items():
        if kind == "file":
            values[name] = st.binary(max_size=2048).map(
                lambda data: SimpleUploadedFile("скан.pdf", data, "application/pdf")
            )
        elif kind == "checkbox":
            values[name] = st.sampled_from(["on", "", "1", "да"])
        else:
            values[name] = hostile_text
    return st.fixed_dictionaries(values)


PAGES = [(name, has_params(pattern)) for name, pattern in ALL_URLS if name != "login"]


PERSONAS = ("curator", "teacher", "director", "deputy", "psychologist")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "with_object"), PAGES, ids=[n for n, _ in PAGES])
def test_no_input_gives_a_server_error(client, personas, school, name, with_object):
    """Each persona in turn (in a savepoint rolled back after it: one's posts never change
    what the next one sees), on an object of the personas' own school for pages about one —
    built once, before the first persona, and found as it was by each."""
    url = reverse(name, kwargs=OBJECT_KWARGS[name](school) if with_object else None)
    for persona in PERSONAS:
        with transaction.atomic():
            fuzz_as(client, getattr(personas, persona), url)
            transaction.set_rollback(True)


def fuzz_as(client, user, url: str) -> None:
    client.force_login(user)
    forms = {f["action"]: f for f in forms_on(client, url)}
    if not forms:
        return

    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def fuzz(data):
        for form in forms.values():
            body = data.draw(payload_strategy(form["fields"]))
            response = client.post(form["action"], body)
            assert response.status_code < 500, (user.username, form["action"], body)

    fuzz()


@pytest.mark.django_db
def test_the_fuzzer_finds_forms(client, curator):
    client.force_login(curator)
    found = forms_on(client, reverse("password_change"))
    assert found and "new_password1" in found[0]["fields"]
