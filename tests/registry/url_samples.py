from tests.factories import PersonFactory


def _consent_with_scan(school):
    from django.core.files.base import ContentFile

    from tests.factories import ConsentFactory

    consent = ConsentFactory(person=PersonFactory(organization=school))
    consent.scan.save("consent.pdf", ContentFile(b"%PDF-1.4 scan"))
    return {"pk": consent.pk}


OBJECT_KWARGS = {
    "registry:consent-add": lambda school: {"pk": PersonFactory(organization=school).pk},
    "registry:consent-scan": _consent_with_scan,
    "registry:consent-withdraw": _consent_with_scan,
    "registry:person-edit": lambda school: {"pk": PersonFactory(organization=school).pk},
    "registry:person": lambda school: {"pk": PersonFactory(organization=school).pk},
}
