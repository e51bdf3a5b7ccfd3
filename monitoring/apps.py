from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Мониторинг")

    def ready(self) -> None:
        from accounts.navigation import HomePanel, NavItem, register_menu, register_panels
        from monitoring.rollup import home_summary

        register_panels(
            HomePanel(
                template="monitoring/includes/_home_rollup.html",
                build=home_summary,
                coordinator=True,
                order=50,
            )
        )
        register_menu(
            NavItem(
                label=_("Мониторинг муниципалитета"),
                url_name="monitoring:rollup",
                coordinator=True,
                order=300,
            )
        )
