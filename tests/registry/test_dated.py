"""The dated rules about people, each on its boundary days: on the roll, minor, young
specialist, a pupil's class, consent in force, trained by a day, questionnaire open."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from monitoring.models import Questionnaire
from registry.models import Consent, MentorProfile, Person, TrainingRecord
from tests.factories import (
    ConsentFactory,
    MentorProfileFactory,
    PersonFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_on_the_roll_from_the_day_of_admission_to_the_day_of_leaving(school):
    person = PersonFactory(organization=school, joined_on=D(2021, 9, 1), left_on=D(2023, 6, 30))
    people = Person.objects.in_organization(school)
    for day, expected in [
        (D(2021, 8, 31), False),
        (D(2021, 9, 1), True),
        (D(2023, 6, 30), True),  # the day of leaving is the last day on the roll
        (D(2023, 7, 1), False),
    ]:
        assert (person.pk in ids(people.on_roll(day))) is expected, day
        assert person.is_on_roll(day) is expected, day


def test_on_the_roll_during_a_period_means_on_any_day_of_it(school):
    left_in_october = PersonFactory(organization=school, left_on=D(2021, 10, 15))
    came_in_december = PersonFactory(organization=school, joined_on=D(2021, 12, 31))
    came_in_january = PersonFactory(organization=school, joined_on=D(2022, 1, 9))
    half = Person.objects.in_organization(school).on_roll_during(D(2021, 9, 1), D(2021, 12, 31))
    assert ids(half) == {left_in_october.pk, came_in_december.pk}
    assert not came_in_january.is_on_roll_during(D(2021, 9, 1), D(2021, 12, 31))


def test_a_pupil_is_a_minor_until_the_eighteenth_birthday(school):
    pupil = StudentFactory(organization=school, birth_date=D(2004, 3, 1))
    minors = Person.objects.in_organization(school)
    assert pupil.is_minor_on(D(2022, 2, 28)) and pupil.pk in ids(minors.minors_on(D(2022, 2, 28)))
    assert not pupil.is_minor_on(D(2022, 3, 1))
    assert pupil.pk not in ids(minors.minors_on(D(2022, 3, 1)))


def test_born_on_29_february_the_queryset_and_the_person_agree(school):
    pupil = StudentFactory(organization=school, birth_date=D(2004, 2, 29))
    for day in (D(2022, 2, 28), D(2022, 3, 1), D(2024, 2, 28), D(2024, 2, 29)):
        in_queryset = pupil.pk in ids(Person.objects.filter(pk=pupil.pk).minors_on(day))
        assert in_queryset is pupil.is_minor_on(day), day


def test_a_pupil_without_a_birth_date_counts_as_a_minor_and_a_teacher_never_does(school):
    pupil = StudentFactory(organization=school, birth_date=None)
    teacher = PersonFactory(organization=school, birth_date=D(2010, 1, 1))
    assert pupil.is_minor_on(D(2040, 1, 1))
    assert ids(Person.objects.filter(pk__in=[pupil.pk, teacher.pk]).minors_on(D(2021, 9, 1))) == {
        pupil.pk
    }


def test_a_young_specialist_under_three_years_on_the_day(school):
    teacher = PersonFactory(organization=school, experience_since=D(2018, 9, 1))
    young = Person.objects.in_organization(school).young_specialists_on
    assert teacher.is_young_specialist_on(D(2021, 8, 31)) and teacher.pk in ids(
        young(D(2021, 8, 31))
    )
    assert not teacher.is_young_specialist_on(D(2021, 9, 1))
    assert teacher.pk not in ids(young(D(2021, 9, 1)))


def test_experience_grows_with_time_and_gives_back_what_was_typed(school):
    person = Person(organization=school)
    day = D(2021, 9, 1)
    for typed in ("0", "0.5", "1", "2.9", "5", "5.5", "12", "40.3"):
        person.set_experience(Decimal(typed), day)
        assert person.experience_on(day) == Decimal(typed), typed
    person.set_experience(Decimal("5.5"), day)
    assert person.experience_on(D(2022, 9, 1)) == Decimal("6.5")
    assert person.experience_on(D(2026, 9, 1)) == Decimal("10.5")


def test_a_pupils_class_moves_up_each_academic_year_and_ends_after_the_eleventh(school):
    pupil = StudentFactory(organization=school)
    pupil.set_class("7 а", D(2021, 10, 1))
    pupil.save()
    assert pupil.class_on(D(2021, 9, 1)) == "7А"
    assert pupil.class_on(D(2022, 5, 31)) == "7А"
    assert pupil.class_on(D(2022, 9, 1)) == "8А"
    assert pupil.class_on(D(2025, 9, 1)) == "11А"
    assert pupil.class_on(D(2026, 9, 1)) == ""
    assert pupil.class_on(D(2015, 9, 1)) == "1А"
    people = Person.objects.in_organization(school)
    assert ids(people.in_class("8а", D(2022, 10, 1))) == {pupil.pk}
    assert ids(people.in_class("7А", D(2022, 10, 1))) == set()


def test_a_consent_is_in_force_from_its_date_to_its_end_or_withdrawal(school):
    consent = ConsentFactory(
        person=PersonFactory(organization=school),
        given_on=D(2021, 8, 25),
        valid_until=D(2022, 5, 31),
        withdrawn_on=D(2022, 1, 10),
        withdrawal_reason="по заявлению",
    )
    in_force = Consent.objects.filter(pk=consent.pk).in_force
    assert not in_force(D(2021, 8, 24)).exists()
    assert in_force(D(2021, 8, 25)).exists()
    assert in_force(D(2022, 1, 9)).exists()  # withdrawn later: in force on the days before
    assert not in_force(D(2022, 1, 10)).exists()
    consent.withdrawn_on = None
    consent.save()
    assert in_force(D(2022, 5, 31)).exists() and not in_force(D(2022, 6, 1)).exists()


def test_whose_data_lacks_a_consent_turns_on_the_eighteenth_birthday(school):
    """A representative's consent covers a minor's data up to the day before the eighteenth
    birthday; from that day the pupil's own is needed. The queryset asks whether the row itself
    is a minor (no subquery repeating the queryset: the school's filter appears once)."""
    pupil = StudentFactory(organization=school, birth_date=D(2004, 3, 1))
    teacher = PersonFactory(organization=school)
    ConsentFactory(
        person=pupil,
        kind=Consent.Kind.REPRESENTATIVE,
        given_on=D(2021, 9, 1),
        representative_name="Иванова Мария Петровна",
    )
    people = Person.objects.in_organization(school)
    for day, lacking, kind in [
        (D(2022, 2, 28), {teacher.pk}, Consent.Kind.REPRESENTATIVE),
        (D(2022, 3, 1), {teacher.pk, pupil.pk}, Consent.Kind.PERSONAL_DATA),
    ]:
        assert ids(people.without_personal_data_consent(day)) == lacking, day
        assert Consent.personal_data_kind(pupil, day) == kind, day
    ConsentFactory(person=pupil, kind=Consent.Kind.PERSONAL_DATA, given_on=D(2022, 3, 5))
    ConsentFactory(person=teacher, kind=Consent.Kind.PERSONAL_DATA, given_on=D(2022, 3, 5))
    assert ids(people.without_personal_data_consent(D(2022, 3, 4))) == {teacher.pk, pupil.pk}
    assert ids(people.without_personal_data_consent(D(2022, 3, 5))) == set()
    sql = str(people.without_personal_data_consent(D(2022, 3, 5)).query)
    assert sql.count('"organization_id" =') == 1, sql


def test_a_mentor_is_trained_by_a_day_only_with_a_course_finished_by_then(school):
    mentor = MentorProfileFactory(person=PersonFactory(organization=school))
    TrainingRecord.objects.create(
        mentor=mentor, course="Курс", provider="ИРО", hours=36, completed_on=D(2022, 3, 15)
    )
    trained = MentorProfile.objects.trained_by
    assert not trained(D(2021, 12, 31)).filter(pk=mentor.pk).exists()
    assert trained(D(2022, 3, 15)).filter(pk=mentor.pk).exists()


def test_a_questionnaire_is_open_from_its_first_to_its_last_day(school):
    questionnaire = Questionnaire.objects.create(
        organization=school,
        title="Анкета",
        status=Questionnaire.Status.OPEN,
        opens_on=D(2021, 12, 13),
        closes_on=D(2021, 12, 27),
    )
    open_on = Questionnaire.objects.filter(pk=questionnaire.pk).open_on
    for day, expected in [
        (D(2021, 12, 12), False),
        (D(2021, 12, 13), True),
        (D(2021, 12, 27), True),
        (D(2021, 12, 28), False),
    ]:
        assert open_on(day).exists() is expected and (
            questionnaire.accepts_answers_on(day) is expected
        ), day


def test_who_may_mentor_leaves_out_people_who_left_by_the_day(school):
    stays = MentorProfileFactory(person=PersonFactory(organization=school))
    leaves = MentorProfileFactory(person=PersonFactory(organization=school, left_on=D(2022, 6, 30)))
    available = MentorProfile.objects.available_to
    assert ids(available(school, D(2022, 6, 30))) == {stays.pk, leaves.pk}
    assert ids(available(school, D(2022, 7, 1))) == {stays.pk}


def test_the_registry_counts_leave_out_mentors_and_mentees_who_left(school):
    """A card that says «выбыл(а)» takes its profile out of the home page's counts from the
    day after leaving, whatever the profile's own status still says."""
    from registry.models import MenteeProfile
    from registry.selectors import registry_counts
    from tests.factories import MenteeProfileFactory

    day = datetime.date(2026, 12, 7)
    staying = MentorProfileFactory(person=PersonFactory(organization=school))
    leaving = MentorProfileFactory(
        person=PersonFactory(organization=school, left_on=datetime.date(2026, 12, 31))
    )
    waiting = MenteeProfileFactory(
        person=PersonFactory(organization=school, left_on=datetime.date(2026, 12, 31))
    )
    assert leaving.status != MentorProfile.Status.LEFT
    assert MenteeProfile.objects.in_status_on(MenteeProfile.Status.WAITING, day).get() == waiting
    counts = registry_counts(school, day)
    assert (counts["mentors"], counts["mentees_waiting"]) == (2, 1)
    after = registry_counts(school, datetime.date(2027, 1, 1))
    assert (after["mentors"], after["mentees_waiting"]) == (1, 0)
    assert staying.status != MentorProfile.Status.LEFT
