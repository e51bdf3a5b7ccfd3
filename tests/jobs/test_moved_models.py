"""Jobs, their worker's heartbeat, read marks of notices and calendar links moved out of
accounts (#27): an installation upgraded across the move keeps every row, the content types
(so permissions and the admin's history follow the models) and a job queued before the upgrade,
whose task is named by its old path."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("accounts", "0015_drop_data_generation"),
    ("privacy", "0002_subject_reply"),
    ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("jobs", None),
    ("notices", None),
    ("calendars", None),
]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_an_installation_upgraded_across_the_move_keeps_its_rows_and_queued_jobs():
    old = migrate(BEFORE)
    try:
        content_type = old.get_model("contenttypes", "ContentType")
        for model in ("job", "workerheartbeat", "noticeseen", "calendarfeed"):
            content_type.objects.get_or_create(app_label="accounts", model=model)
        user = old.get_model("accounts", "User").objects.create(username="curator")
        job = old.get_model("accounts", "Job").objects.create(
            kind="people_import", title="Загрузка людей", created_by=user
        )
        old.get_model("accounts", "WorkerHeartbeat").objects.create(
            worker_id="node:1", seen_at=timezone.now()
        )
        old.get_model("accounts", "NoticeSeen").objects.create(user=user, key="sign:7")
        old.get_model("accounts", "CalendarFeed").objects.create(user=user, token="secret")
        queued = old.get_model("django_tasks_database", "DBTaskResult").objects.create(
            id=uuid.uuid4(),
            args_kwargs={"args": [job.pk], "kwargs": {}},
            task_path="accounts.tasks.run_job",
            backend_name="default",
            run_after=timezone.now() - datetime.timedelta(seconds=1),
        )

        new = migrate()

        assert new.get_model("jobs", "Job").objects.get(pk=job.pk).title == "Загрузка людей"
        assert new.get_model("jobs", "WorkerHeartbeat").objects.filter(worker_id="node:1").exists()
        assert new.get_model("notices", "NoticeSeen").objects.filter(key="sign:7").exists()
        assert new.get_model("calendars", "CalendarFeed").objects.get().token == "secret"
        moved = new.get_model("contenttypes", "ContentType").objects.filter(
            model__in=["job", "workerheartbeat", "noticeseen", "calendarfeed"]
        )
        assert sorted(moved.values_list("app_label", "model")) == [
            ("calendars", "calendarfeed"),
            ("jobs", "job"),
            ("jobs", "workerheartbeat"),
            ("notices", "noticeseen"),
        ]
        task = new.get_model("django_tasks_database", "DBTaskResult").objects.get(pk=queued.pk)
        assert task.task_path == "jobs.tasks.run_job"

        from jobs.tasks import run_job

        assert f"{run_job.func.__module__}.{run_job.func.__name__}" == task.task_path
    finally:
        migrate()
