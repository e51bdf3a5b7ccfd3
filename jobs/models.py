from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, TenantQuerySet, User


class Job(models.Model):
    """A piece of background work (a big PDF, an import) and its progress, which a page polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("в очереди")
        RUNNING = "running", _("выполняется")
        DONE = "done", _("готово")
        FAILED = "failed", _("ошибка")

    # None for work beyond one school (a coordinator's rollup): only its starter sees it.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="jobs",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("запустил"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("вид"), max_length=50)
    title = models.CharField(_("название"), max_length=255)
    params = models.JSONField(_("параметры"), default=dict, blank=True)
    status = models.CharField(
        _("состояние"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0)
    stage = models.CharField(_("этап"), max_length=255, blank=True)
    error = models.CharField(_("ошибка"), max_length=500, blank=True)
    result = models.FileField(_("результат"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("имя файла"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(_("запущено"), auto_now_add=True)
    # When the worker last said anything of it (start, progress): a running job silent for
    # long was cut off with its worker (jobs.services.jobs_fail_orphaned).
    touched_at = models.DateTimeField(_("последний признак работы"), null=True, blank=True)
    # The task worker running it («host:pid», jobs.services.this_worker): a job whose worker no
    # longer answers is failed at once (jobs_fail_orphaned), not after STALE_AFTER.
    worker_id = models.CharField(_("обработчик"), max_length=64, blank=True, db_default="")
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        db_table = "accounts_job"  # the table accounts made: its rows stay
        ordering = ["-created_at", "-pk"]
        verbose_name = _("фоновая задача")
        verbose_name_plural = _("фоновые задачи")
        indexes = [models.Index(fields=["organization", "kind", "-created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def spec(self):
        """The registered kind of job (jobs.services.JobKind): where to go on from it."""
        from jobs.services import job_kind

        return job_kind(self.kind)


class WorkerHeartbeat(models.Model):
    """A task worker's sign of life, written every few seconds by `manage.py run_worker`: the
    health endpoint and the job pages tell a stopped worker from a busy one by it."""

    worker_id = models.CharField(_("обработчик"), max_length=64, unique=True)
    seen_at = models.DateTimeField(_("последний сигнал"))

    class Meta:
        db_table = "accounts_workerheartbeat"  # the table accounts made: its rows stay
        verbose_name = _("сигнал фонового обработчика")
        verbose_name_plural = _("сигналы фоновых обработчиков")

    def __str__(self) -> str:
        return self.worker_id
