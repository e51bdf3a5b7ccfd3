from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Реестры")

    def ready(self) -> None:
        from accounts.navigation import (
            SCHOOL,
            HomePanel,
            NavItem,
            register_menu,
            register_panels,
        )
        from jobs.services import JobKind, register_job_kind
        from registry.jobs import IMPORT_KIND, IMPORT_RESULT_KEEP_DAYS, import_people
        from registry.selectors import registry_counts

        register_job_kind(
            JobKind(
                kind=IMPORT_KIND,
                title=_("Загрузка людей из файла"),
                run=import_people,
                action="registry.manage",
                done_url="registry:people",
                done_label=_("К списку людей"),
                keep_days=IMPORT_RESULT_KEEP_DAYS,
            )
        )

        register_menu(
            NavItem(
                label=_("Люди"),
                url_name="registry:people",
                action="registry.view",
                order=5,
            )
        )
        register_panels(
            HomePanel(
                template="registry/includes/_home_curator.html",
                build=lambda request: {
                    "counts": registry_counts(request.organization, timezone.localdate())
                },
                action="home.registry_counts",
                kept=SCHOOL,
                order=10,
            )
        )
