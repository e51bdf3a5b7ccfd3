from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Мониторинг")

    def ready(self) -> None:
        from monitoring.notices import questionnaires_to_answer
        from notices.registry import register_notice_source

        register_notice_source(questionnaires_to_answer)
        from calendars.feeds import register_calendar_source
        from monitoring.calendar import questionnaires_to_fill

        register_calendar_source(questionnaires_to_fill)
        from accounts.access import is_coordinator
        from accounts.navigation import (
            MONITORING,
            PERSON,
            SCHOOL,
            HomePanel,
            NavItem,
            register_menu,
            register_panels,
        )
        from jobs.services import JobKind, register_job_kind
        from monitoring.panels import (
            health_panel,
            my_questionnaires_panel,
            reports_panel,
            rollup_panel,
        )
        from monitoring.reports.jobs import build_semester_report
        from monitoring.rollup.export import ROLLUP_KIND
        from monitoring.rollup.jobs import build_rollup

        register_job_kind(
            JobKind(
                kind=ROLLUP_KIND,
                title=_("Мониторинг наставничества (свод)"),
                run=build_rollup,
                may_see=is_coordinator,  # the coordinator who built it, while coordinating
                done_url="monitoring:rollup",
                done_label=_("К своду"),
            )
        )
        register_job_kind(
            JobKind(
                kind="semester_report",
                title=_("Справка по итогам полугодия"),
                run=build_semester_report,
                action="reports.view",
            )
        )
        register_panels(
            HomePanel(
                template="monitoring/includes/_home_reports.html",
                build=reports_panel,
                action="reports.finalise",
                order=30,
            ),
            HomePanel(
                template="monitoring/includes/_home_rollup.html",
                build=rollup_panel,
                coordinator=True,
                order=50,
            ),
            HomePanel(
                template="monitoring/includes/_home_health.html",
                build=health_panel,
                action="home.health",
                kept=SCHOOL,
                order=15,
            ),
        )
        register_menu(
            NavItem(
                label=_("Мониторинг муниципалитета"),
                url_name="monitoring:rollup",
                coordinator=True,
                order=300,
                group=MONITORING,
            ),
            NavItem(
                label=_("Анкеты"),
                url_name="monitoring:questionnaires",
                action="questionnaires.view",
                order=50,
                group=MONITORING,
            ),
            NavItem(
                label=_("Оценка эффективности"),
                url_name="monitoring:kirkpatrick",
                action="evaluation.view",
                order=65,
                group=MONITORING,
            ),
            NavItem(
                label=_("Справки"),
                url_name="monitoring:reports",
                action="reports.view",
                order=70,
                group=MONITORING,
            ),
            NavItem(
                label=_("Мои анкеты"),
                url_name="monitoring:my-questionnaires",
                action="questionnaires.answer",
                order=60,
                needs_card=True,
            ),
            NavItem(
                label=_("Состояние программы"),
                url_name="monitoring:health",
                action="health.view",
                order=75,
                group=MONITORING,
            ),
        )
        register_panels(
            HomePanel(
                template="monitoring/includes/_home_my_questionnaires.html",
                build=my_questionnaires_panel,
                action="questionnaires.answer",
                kept=PERSON,
                order=20,
            )
        )
