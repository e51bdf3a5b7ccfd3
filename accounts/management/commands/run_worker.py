"""The task worker (django-tasks-db's `db_worker`) with a heartbeat and a clean start.

Every HEARTBEAT_EVERY it writes its sign of life (accounts.WorkerHeartbeat), which the health
endpoint (/healthz) and the job pages read; at start it fails the jobs a killed worker left
«выполняется» (accounts.jobs.jobs_fail_stale). Run it instead of `db_worker`."""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from accounts.jobs import HEARTBEAT_EVERY, heartbeat, jobs_fail_stale

logger = logging.getLogger(__name__)


def beat_forever(worker_id: str, stop: threading.Event) -> None:
    """Write the heartbeat until `stop` is set (a daemon thread: it dies with the process)."""
    while not stop.is_set():
        try:
            heartbeat(worker_id, timezone.now())
        except Exception:  # a locked or lost database: the next beat tries again
            logger.warning("Worker heartbeat could not be written", exc_info=True)
        finally:
            close_old_connections()
        stop.wait(HEARTBEAT_EVERY.total_seconds())
    connection.close()


class Command(DbWorkerCommand):
    help = "Фоновый обработчик задач (отчёты, загрузки) с сигналом работы для /healthz."

    def handle(self, *args, worker_id: str, **options) -> None:
        failed = jobs_fail_stale(timezone.now())
        if failed:
            logger.warning("Failed %s job(s) left running by a stopped worker", failed)
        stop = threading.Event()
        beat = threading.Thread(
            target=beat_forever, args=(worker_id, stop), name="heartbeat", daemon=True
        )
        beat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            stop.set()
