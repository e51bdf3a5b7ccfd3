from tests.factories import PersonFactory

OBJECT_KWARGS = {
    "registry:person": lambda school: {"pk": PersonFactory(organization=school).pk},
}
