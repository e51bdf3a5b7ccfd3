from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Реестры")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_standard_forms_after_migrate, sender=self)
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


def _standard_forms_after_migrate(sender, using="default", apps=None, **kwargs) -> None:
    """The five forms are reference data the portal relies on (a data migration made them):
    after every `migrate`, and after a `flush` (the browser tests' empty each table), the
    missing ones are made again, as Django does with permissions."""
    from django.apps import apps as global_apps

    from registry.models import create_standard_forms

    try:
        model = (apps or global_apps).get_model("registry", "MentoringForm")
    except LookupError:  # `migrate` to before the table
        return
    create_standard_forms(model._default_manager.using(using))
