"""The blanks a curator prints before the golden school's order is signed (nobody has given
a consent yet), read whole against golden/ as test_golden does for the signed documents."""

from __future__ import annotations

import pytest

from documents import printables
from documents.rendering import html_to_pdf, render_html
from registry.models import Consent, Person
from tests.documents import golden_school
from tests.documents.test_golden import _withdrawal, check_golden, for_order
from tests.once import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture(scope="module")
def _bare(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_once(django_db_blocker, tmp_path_factory):
        yield golden_school.build()


@pytest.fixture
def bare_school(db, _bare):
    return _bare


@pytest.mark.parametrize(
    "kind", [Consent.Kind.PERSONAL_DATA, Consent.Kind.MENTOR_WORK, Consent.Kind.MENTEE]
)
def test_consent_blank_of_a_teacher_reads_as_its_golden_text(bare_school, kind):
    person = bare_school.young if kind == Consent.Kind.MENTEE else bare_school.mentor
    pdf = printables.person_form_pdf(person, kind, golden_school.ORDER_DAY, for_order(person))
    check_golden(f"consent_{kind}", pdf)


def test_participation_consent_of_an_employer_mentor_reads_as_its_golden_text(bare_school):
    engineer = Person.objects.get(last_name="Архипов")
    pdf = printables.person_form_pdf(
        engineer, Consent.Kind.PARTICIPATION, golden_school.ORDER_DAY, for_order(engineer)
    )
    check_golden("consent_participation", pdf)


def test_representative_consent_blank_reads_as_its_golden_text(bare_school):
    pdf = printables.person_form_pdf(
        bare_school.pupil,
        Consent.Kind.REPRESENTATIVE,
        golden_school.ORDER_DAY,
        for_order(bare_school.pupil),
    )
    check_golden("consent_representative", pdf)


def test_consent_withdrawal_blank_reads_as_its_golden_text(bare_school):
    check_golden("consent_withdrawal", html_to_pdf(render_html(*_withdrawal(bare_school))))


def test_personal_plan_reads_as_its_golden_text(bare_school):
    check_golden("plan", printables.plan_pdf(golden_school.plan_for(bare_school)))
