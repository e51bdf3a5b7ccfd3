from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Организации и пользователи")

    def ready(self) -> None:
        from accounts import checks  # noqa: F401 — registers the installation's checks
        from accounts.freshness import connect_signals
        from accounts.navigation import NavItem, register_menu

        register_menu(
            NavItem(
                label=_("Организация"),
                url_name="organization",
                action="organization.view",
                order=900,
            )
        )
        connect_signals()
