"""#18 faults: a worker killed in the middle of a job leaves no job «выполняется» for ever; a
job waiting while no worker runs says so; /healthz tells a load balancer whether this node can
serve, and shows no data."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job
from jobs.services import JOB_INTERRUPTED, STALE_AFTER, WORKER_SILENT_AFTER, heartbeat
from tests.jobs.jobs import ECHO

pytestmark = pytest.mark.django_db


def running_job(school, user, silent_for: datetime.timedelta) -> Job:
    return Job.objects.create(
        organization=school,
        created_by=user,
        kind=ECHO,
        title="Справка",
        status=Job.Status.RUNNING,
        progress=40,
        touched_at=timezone.now() - silent_for,
    )


def test_a_job_its_killed_worker_left_running_fails_with_a_message(client, school, curator):
    cut_off = running_job(school, curator, STALE_AFTER + datetime.timedelta(minutes=1))
    busy = running_job(school, curator, datetime.timedelta(minutes=1))
    client.force_login(curator)
    page = client.get(reverse("job-status", args=[cut_off.pk])).content.decode()
    assert str(JOB_INTERRUPTED) in page and "width: 40%" not in page
    cut_off.refresh_from_db()
    assert cut_off.status == Job.Status.FAILED and cut_off.finished_at is not None
    page = client.get(reverse("job-status", args=[busy.pk])).content.decode()
    assert "width: 40%" in page and str(JOB_INTERRUPTED) not in page


def test_a_queued_job_says_when_no_worker_runs(client, school, curator):
    job = Job.objects.create(organization=school, created_by=curator, kind=ECHO, title="Справка")
    client.force_login(curator)
    assert (
        "Фоновый обработчик не отвечает"
        in client.get(reverse("job-status", args=[job.pk])).content.decode()
    )
    heartbeat("worker-1", timezone.now())
    assert (
        "Фоновый обработчик не отвечает"
        not in client.get(reverse("job-status", args=[job.pk])).content.decode()
    )


def test_healthz_answers_anyone_and_shows_no_data(client, school, curator):
    url = reverse("healthz")
    silent = client.get(url)
    assert (silent.status_code, silent.content) == (503, b"fail: worker")
    heartbeat("worker-1", timezone.now() - WORKER_SILENT_AFTER - datetime.timedelta(seconds=1))
    assert client.get(url).status_code == 503
    heartbeat("worker-1", timezone.now())
    ok = client.get(url)
    assert (ok.status_code, ok.content, ok["Cache-Control"]) == (200, b"ok", "no-store")


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch):
    from jobs import views

    class Broken:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get(reverse("healthz"))
    assert (response.status_code, response.content) == (503, b"fail: database")


def test_a_job_whose_worker_stopped_fails_at_once_and_a_restarted_worker_fails_its_own(
    school, curator, monkeypatch
):
    """#24: a worker killed in the middle of a job and started again a second later: the job
    said «выполняется» for ten minutes. The new worker on that host fails the jobs its dead
    predecessor held at once; a job of a live worker on another node stays; a job whose
    worker went silent fails when its page is read."""
    import os
    import socket

    from jobs.management.commands import run_worker
    from jobs.services import jobs_fail_orphaned

    host = socket.gethostname()
    dead_pid = 2**22 + 12345  # beyond pid_max: no such process
    killed = running_job(school, curator, datetime.timedelta(seconds=5))
    Job.objects.filter(pk=killed.pk).update(worker_id=f"{host}:{dead_pid}")
    heartbeat(f"{host}:{dead_pid}", timezone.now() - datetime.timedelta(seconds=3))
    elsewhere = running_job(school, curator, datetime.timedelta(seconds=5))
    Job.objects.filter(pk=elsewhere.pk).update(worker_id="node-2:77")
    heartbeat("node-2:77", timezone.now())
    # the worker starts and, finding no task, stops at once (the tests' task backend is not
    # the database one its arguments ask for: its handle is called directly)
    monkeypatch.setattr(run_worker.DbWorkerCommand, "handle", lambda self, *a, **k: None)
    run_worker.Command().handle(worker_id=f"{host}:{os.getpid()}")
    killed.refresh_from_db()
    elsewhere.refresh_from_db()
    assert killed.status == Job.Status.FAILED and killed.error == str(JOB_INTERRUPTED)
    assert elsewhere.status == Job.Status.RUNNING
    assert not run_worker.WorkerHeartbeat.objects.filter(worker_id__startswith=host).exists()
    # node 2 goes silent: its job fails as soon as anyone looks
    run_worker.WorkerHeartbeat.objects.filter(worker_id="node-2:77").update(
        seen_at=timezone.now() - WORKER_SILENT_AFTER - datetime.timedelta(seconds=1)
    )
    assert jobs_fail_orphaned(timezone.now()) == 1
