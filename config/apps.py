"""Russian names in the admin for the third-party apps we install (their own are English)."""

from axes.apps import AppConfig as AxesAppConfig
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "Защита входа"


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "Фоновые задачи"

    def ready(self) -> None:
        super().ready()
        from django_tasks_db.models import DBTaskResult

        DBTaskResult._meta.verbose_name = "результат фоновой задачи"
        DBTaskResult._meta.verbose_name_plural = "результаты фоновых задач"
