from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Персональные данные")

    def ready(self) -> None:
        from jobs.services import JobKind, register_job_kind
        from privacy.package import RESULT_KEEP_DAYS, SUBJECT_KIND, build_subject_package

        register_job_kind(
            JobKind(
                kind=SUBJECT_KIND,
                title=_("Сведения о субъекте персональных данных"),
                run=build_subject_package,
                action="registry.manage",
                keep_days=RESULT_KEEP_DAYS,
            )
        )
