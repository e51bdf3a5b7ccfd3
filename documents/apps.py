from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Документы")

    def ready(self) -> None:
        from documents.notices import documents_to_sign
        from notices.registry import register_notice_source

        register_notice_source(documents_to_sign)
        from calendars.feeds import register_calendar_source
        from documents.calendar import waiting_signature

        register_calendar_source(waiting_signature)
        from accounts.navigation import HomePanel, NavItem, register_menu, register_panels
        from documents.selectors import director_inbox_panel

        register_menu(
            NavItem(
                label=_("На подпись"),
                url_name="documents:inbox",
                action="documents.sign",
                order=15,
            ),
            NavItem(
                label=_("Документы"),
                url_name="documents:list",
                action="documents.view",
                order=40,
            ),
        )
        register_panels(
            HomePanel(
                template="documents/includes/_home_inbox.html",
                build=director_inbox_panel,
                action="documents.sign",
                order=5,
            )
        )
