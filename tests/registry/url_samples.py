from tests.factories import PersonFactory

OBJECT_KWARGS = {
    "registry:person-edit": lambda school: {"pk": PersonFactory(organization=school).pk},
    "registry:person": lambda school: {"pk": PersonFactory(organization=school).pk},
}
