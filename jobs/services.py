"""Background jobs: an app registers a kind of job; pages start it and poll its progress.

    register_job_kind(JobKind(kind="semester_report", title=..., action=..., run=build))

`run(job, progress)` does the work, calls `progress(percent, stage)` as it goes and returns
a `JobOutput` (bytes, a Russian file name, a content type, and a line saying what was done).
A `ValidationError` it raises is the user's to read: its Russian message becomes the job's
error; any other exception shows a generic message and is logged by the job's number only.
It runs in the task worker (`manage.py run_worker`); in tests the immediate backend runs it
in-process.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.freshness import data_changed
from accounts.models import Organization, User
from core.constraints import clash_message
from jobs.models import Job, WorkerHeartbeat

logger = logging.getLogger(__name__)

JOB_FAILED = _("Не удалось выполнить задачу. Попробуйте ещё раз или обратитесь к администратору.")
JOB_CLASHED = _(
    "Задачу опередило другое действие, записавшее те же данные одновременно: %(what)s "
    "Запустите задачу ещё раз — записанное уже будет учтено."
)
JOB_INTERRUPTED = _(
    "Задача прервалась: фоновый обработчик остановился во время работы. Запустите её ещё раз."
)
# A running job reports progress at least this often; one silent for longer lost its worker.
STALE_AFTER = datetime.timedelta(minutes=10)
# The worker writes its heartbeat every HEARTBEAT_EVERY; silent for WORKER_SILENT_AFTER it is
# taken for stopped.
HEARTBEAT_EVERY = datetime.timedelta(seconds=15)
WORKER_SILENT_AFTER = 3 * HEARTBEAT_EVERY

# The id of the task worker this process is («host:pid»; "" in a web process): a job records
# the worker running it, and a worker that starts on a host tells its dead predecessors there.
_this_worker = ""


def worker_id_here() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[-64:]


def this_worker_is(worker_id: str) -> None:
    global _this_worker
    _this_worker = worker_id


@dataclass(frozen=True)
class JobOutput:
    content: bytes
    filename: str
    content_type: str
    summary: str = ""  # what was done, shown above the download («Добавлено: 3 …»)


Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class JobKind:
    kind: str
    title: str | Promise  # gettext_lazy: read in the language of the page
    run: Callable[[Job, Progress], JobOutput]
    # Who may see the job and take its file, checked on every visit with their role now:
    # `action` (accounts.policy) in the job's school; `may_see(user)` for a job of no school
    # (a coordinator's rollup). Starting a job gives no lasting right to its result.
    action: str = ""
    may_see: Callable[[User], bool] | None = None
    done_url: str = ""  # where the person goes on from a finished job (a URL name)
    done_label: str | Promise = ""
    # A result that holds personal data (a subject's package, an import's protocol) is deleted
    # from disk this many days after the job finished (jobs_purge_results); None: kept.
    keep_days: int | None = None


_kinds: dict[str, JobKind] = {}


def register_job_kind(kind: JobKind) -> None:
    _kinds[kind.kind] = kind


def job_kind(kind: str) -> JobKind:
    return _kinds[kind]


def job_start(
    *,
    organization: Organization | None,
    user: User | None,
    kind: str,
    params: dict,
    title: str | None = None,
) -> Job:
    """Record the job and hand it to the task worker once the transaction commits."""
    spec = job_kind(kind)
    job = Job.objects.create(
        organization=organization,
        created_by=user,
        kind=kind,
        title=title or str(spec.title),
        params=params,
    )
    from jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_run(job_id: int) -> None:
    """Run a job to its end: progress as it goes, the result file, or a failure message.
    Its start and its end are changes of the data pages show (accounts.freshness)."""
    job = Job.objects.get(pk=job_id)
    if job.status != Job.Status.QUEUED:
        return  # a duplicate delivery of the same job: the first one owns it
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        stage=_("Начинаем…"),
        touched_at=timezone.now(),
        worker_id=_this_worker,
    )
    data_changed()
    try:
        _job_work(job)
    finally:
        data_changed()


def _job_work(job: Job) -> None:

    def progress(percent: int, stage: str) -> None:
        Job.objects.filter(pk=job.pk).update(
            progress=max(0, min(100, percent)), stage=stage, touched_at=timezone.now()
        )

    try:
        output = job_kind(job.kind).run(job, progress)
    except ValidationError as refusal:  # the job's own Russian message, for the person
        _job_failed(job, " ".join(refusal.messages))
        return
    except IntegrityError as clash:  # a rule of the database another write got to first
        logger.warning("Background job %s (%s) clashed with another write", job.pk, job.kind)
        what = clash_message(clash) or _("такая запись уже есть.")
        _job_failed(job, JOB_CLASHED % {"what": what})
        return
    except Exception:
        # The message shown is generic; the log names the job only, never its data.
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, error=JOB_FAILED, finished_at=timezone.now()
        )
        return
    job.refresh_from_db()
    extension = output.filename.rsplit(".", 1)[-1] if "." in output.filename else "bin"
    job.result.save(f"job-{job.pk}.{extension}", ContentFile(output.content), save=False)
    job.result_name = output.filename
    job.content_type = output.content_type
    job.status = Job.Status.DONE
    job.progress = 100
    job.stage = (output.summary or _("Готово"))[:255]
    job.finished_at = timezone.now()
    job.save()


def _job_failed(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED, error=message[:500], finished_at=timezone.now()
    )


def jobs_fail_orphaned(now: datetime.datetime, jobs=None, *, dead=()) -> int:
    """Running jobs no live worker holds — their worker is silent (killed, restarted), or in
    `dead` (a starting worker's dead predecessors on its host) — are failed at once with a
    message the person reads, never left «выполняется»; a job of no known worker after
    STALE_AFTER of silence."""
    queryset = Job.objects.all() if jobs is None else jobs
    live = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - WORKER_SILENT_AFTER).values_list(
            "worker_id", flat=True
        )
    ) - set(dead)
    running = queryset.filter(status=Job.Status.RUNNING)
    orphaned = running.exclude(worker_id="").exclude(worker_id__in=live) | running.filter(
        worker_id="", touched_at__lt=now - STALE_AFTER
    )
    failed = orphaned.update(status=Job.Status.FAILED, error=JOB_INTERRUPTED, finished_at=now)
    if failed:
        data_changed()
    return failed


def dead_workers_here() -> list[str]:
    """Workers of this host, by their heartbeats, whose process is gone: a worker restarted
    after a kill finds its predecessor's jobs by this, at once."""
    host = socket.gethostname()
    dead = []
    for worker_id in WorkerHeartbeat.objects.values_list("worker_id", flat=True):
        name, _sep, pid = worker_id.rpartition(":")
        if name != host or not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            dead.append(worker_id)
        except PermissionError:  # a live process of another user
            continue
    return dead


def jobs_purge_results(now: datetime.datetime) -> int:
    """Delete the result files of finished jobs whose kind keeps them `keep_days` and whose
    days are over; the job stays, saying the file was deleted. The number deleted."""
    deleted = 0
    for spec in _kinds.values():
        if spec.keep_days is None:
            continue
        expired = Job.objects.filter(
            kind=spec.kind, finished_at__lt=now - datetime.timedelta(days=spec.keep_days)
        ).exclude(result="")
        for job in expired:
            job.result.delete(save=False)
            Job.objects.filter(pk=job.pk).update(result="")
            deleted += 1
    if deleted:
        data_changed()
    return deleted


def heartbeat(worker_id: str, now: datetime.datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})


def worker_alive(now: datetime.datetime) -> bool:
    """Has any task worker given a sign of life lately?"""
    return WorkerHeartbeat.objects.filter(seen_at__gte=now - WORKER_SILENT_AFTER).exists()
