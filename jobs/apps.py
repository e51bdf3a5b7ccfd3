"""Long work in the background (a big PDF, an import): the job a page polls, the
task worker that runs it and its sign of life."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Фоновые задания портала")
