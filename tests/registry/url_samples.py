from tests.factories import (
    IncentiveFactory,
    MentorProfileFactory,
    PersonFactory,
    TrainingRecordFactory,
)


def _mentor(school):
    return {"pk": MentorProfileFactory(person=PersonFactory(organization=school)).pk}


def _person(school):
    return {"pk": PersonFactory(organization=school).pk}


def _student(school):
    from tests.factories import StudentFactory

    return {"pk": StudentFactory(organization=school).pk}


def _consent_with_scan(school):
    from django.core.files.base import ContentFile

    from tests.factories import ConsentFactory

    consent = ConsentFactory(person=PersonFactory(organization=school))
    consent.scan.save("consent.pdf", ContentFile(b"%PDF-1.4 scan"))
    return {"pk": consent.pk}


OBJECT_KWARGS = {
    "registry:consent-add": _person,
    "registry:consent-scan": _consent_with_scan,
    "registry:consent-withdraw": _consent_with_scan,
    "registry:person-edit": _person,
    "registry:person-flags": _student,
    "registry:person": _person,
    "registry:mentor-edit": _person,
    "registry:mentee-edit": _person,
    "registry:mentor-status": _mentor,
    "registry:training-add": _mentor,
    "registry:incentive-add": _mentor,
    "registry:training-delete": lambda school: {
        "pk": TrainingRecordFactory(
            mentor=MentorProfileFactory(person=PersonFactory(organization=school))
        ).pk
    },
    "registry:incentive-delete": lambda school: {
        "pk": IncentiveFactory(
            mentor=MentorProfileFactory(person=PersonFactory(organization=school))
        ).pk
    },
}
