"""A job kind for tests: echoes its parameters into a small text file."""

from __future__ import annotations

from django.core.files.base import ContentFile

from jobs.models import Job
from jobs.services import JobKind, JobOutput, register_job_kind

ECHO = "test-echo"


def echo(job: Job, progress) -> JobOutput:
    if job.params.get("fail"):
        raise RuntimeError("asked to fail")
    progress(50, "Половина")
    text = f"Параметры: {job.params.get('text', '')}"
    return JobOutput(text.encode(), "Отчёт «тест».txt", "text/plain; charset=utf-8")


register_job_kind(
    JobKind(kind=ECHO, title="Проверочная задача", run=echo, action="documents.prepare")
)


def finished_job(organization, **fields) -> Job:
    job = Job.objects.create(
        organization=organization,
        kind=ECHO,
        title="Проверочная задача",
        status=Job.Status.DONE,
        progress=100,
        result_name="Отчёт.txt",
        content_type="text/plain",
        **fields,
    )
    job.result.save(f"job-{job.pk}.txt", ContentFile(b"ok"))
    return job


CLASH = "test-clash"


def clash(job: Job, progress) -> JobOutput:
    """Writes a card whose e-mail another write has just taken (in a transaction, as every
    service writes)."""
    from django.db import transaction

    from registry.models import Person

    Person.objects.create(organization=job.organization, last_name="Первая", email="same@x.ru")
    with transaction.atomic():
        Person.objects.create(organization=job.organization, last_name="Вторая", email="same@x.ru")
    return JobOutput(b"", "x.txt", "text/plain")


register_job_kind(
    JobKind(kind=CLASH, title="Проверочная задача", run=clash, action="documents.prepare")
)
