from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Наставничество")

    def ready(self) -> None:
        from accounts.freshness import register_partners
        from mentoring.selectors import schools_sharing_pairs
        from notices.registry import register_notice_source

        register_partners(schools_sharing_pairs)
        from mentoring.notices import my_overdue_roadmap_items, my_pairs_without_meetings

        register_notice_source(my_pairs_without_meetings)
        register_notice_source(my_overdue_roadmap_items)
        from calendars.feeds import register_calendar_source
        from mentoring.calendar import meetings, plan_events, program_dates, roadmap_deadlines

        register_calendar_source(meetings)
        register_calendar_source(roadmap_deadlines)
        register_calendar_source(plan_events)
        register_calendar_source(program_dates)
        from accounts.navigation import (
            MENTORING,
            PERSON,
            HomePanel,
            NavItem,
            register_menu,
            register_panels,
        )
        from mentoring.panels import teacher_panel

        register_menu(
            NavItem(
                label=_("Пары и группы"),
                url_name="mentoring:assignment-list",
                action="mentoring.view",
                order=30,
                group=MENTORING,
            ),
            NavItem(
                label=_("Мои пары"),
                url_name="mentoring:my-assignments",
                action="mentoring.mine",
                order=31,
            ),
            NavItem(
                label=_("Программы"),
                url_name="mentoring:program-list",
                action="mentoring.view",
                order=35,
                group=MENTORING,
            ),
            NavItem(
                label=_("Дорожная карта"),
                url_name="mentoring:roadmap",
                action="mentoring.view",
                order=40,
                group=MENTORING,
            ),
            NavItem(
                label=_("Дорожные карты школ"),
                url_name="mentoring:municipal-roadmaps",
                coordinator=True,
                order=41,
                group=MENTORING,
            ),
        )
        register_panels(
            HomePanel(
                template="mentoring/includes/_home_teacher.html",
                build=teacher_panel,
                action="mentoring.mine",
                kept=PERSON,
                order=20,
            ),
        )
