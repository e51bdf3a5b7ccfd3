"""Background jobs: started, run by the task backend, polled, downloaded; failures are shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.jobs import JOB_FAILED, job_start
from accounts.models import Job
from tests.accounts.jobs import ECHO, finished_job

pytestmark = pytest.mark.django_db


def start(school, user, django_capture_on_commit_callbacks, **params) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(organization=school, user=user, kind=ECHO, params=params)
    job.refresh_from_db()
    return job


def test_job_runs_to_a_downloadable_file(
    client, school, curator, django_capture_on_commit_callbacks
):
    job = start(school, curator, django_capture_on_commit_callbacks, text="<b>&</b>")
    assert job.status == Job.Status.DONE
    assert job.progress == 100
    client.force_login(curator)
    page = client.get(reverse("job-status", args=[job.pk])).content.decode()
    assert "Скачать файл «Отчёт „тест“.txt»" in page
    response = client.get(reverse("job-download", args=[job.pk]))
    assert b"".join(response.streaming_content).decode() == "Параметры: <b>&</b>"
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_failed_job_shows_a_russian_message(
    client, school, curator, django_capture_on_commit_callbacks
):
    job = start(school, curator, django_capture_on_commit_callbacks, fail=True)
    assert job.status == Job.Status.FAILED
    client.force_login(curator)
    assert JOB_FAILED in client.get(reverse("job-status", args=[job.pk])).content.decode()


def test_running_job_polls_itself_with_a_progress_bar(client, school, curator):
    job = Job.objects.create(
        organization=school,
        created_by=curator,
        kind=ECHO,
        title="Справка",
        status=Job.Status.RUNNING,
        progress=40,
        stage="Считаем пары",
    )
    client.force_login(curator)
    html = client.get(reverse("job-status", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "width: 40%" in html
    assert "Считаем пары" in html
    assert "<html" not in html  # the partial only, for htmx


def test_job_of_a_role_the_user_lacks_is_a_404(client, school, teacher):
    job = finished_job(school)
    client.force_login(teacher)
    assert client.get(reverse("job-status", args=[job.pk])).status_code == 404
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404


def test_unfinished_job_has_nothing_to_download(client, school, curator):
    job = Job.objects.create(organization=school, created_by=curator, kind=ECHO, title="x")
    client.force_login(curator)
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404
