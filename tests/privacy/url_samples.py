from tests.factories import PersonFactory

OBJECT_KWARGS = {
    "privacy:subject-request": lambda school: {"pk": PersonFactory(organization=school).pk},
}
