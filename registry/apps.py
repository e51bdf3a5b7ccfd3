from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Реестры")

    def ready(self) -> None:
        from accounts.navigation import HomePanel, NavItem, register_menu, register_panels
        from registry.selectors import registry_counts

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
                order=10,
            )
        )
