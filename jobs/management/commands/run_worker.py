"""The task worker (django-tasks-db's `db_worker`) with a heartbeat and a clean start.

Every HEARTBEAT_EVERY it writes its sign of life (accounts.WorkerHeartbeat) under its id
«host:pid», which the health endpoint (/healthz) and the job pages read; at start it fails at
once the jobs no live worker holds — those a killed worker on this host left «выполняется»
among them (jobs.services.jobs_fail_orphaned) — and on a clean stop it removes its
heartbeat, so /healthz says «worker» as soon as none runs. Run it instead of `db_worker`."""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from jobs.models import WorkerHeartbeat
from jobs.services import (
    HEARTBEAT_EVERY,
    dead_workers_here,
    heartbeat,
    jobs_fail_orphaned,
    this_worker_is,
    worker_id_here,
)

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

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id_here())

    def handle(self, *args, worker_id: str, **options) -> None:
        this_worker_is(worker_id)
        dead = dead_workers_here()
        failed = jobs_fail_orphaned(timezone.now(), dead=dead)
        WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
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
            beat.join(timeout=5)
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
