"""Background jobs: started, run by the task backend, polled, downloaded; failures are shown."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from jobs.models import Job
from jobs.services import JOB_FAILED, job_start
from tests.jobs.jobs import ECHO, finished_job

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


def test_a_result_is_reached_with_the_role_the_user_has_now_not_as_its_starter(
    client, school, curator, django_capture_on_commit_callbacks
):
    """#24: a curator who started a job and was then moved to another role, or whose
    membership ended, no longer reaches its page or file; another curator of the school does."""
    from accounts.models import Membership, MembershipRole, Role
    from tests.factories import MembershipFactory, UserFactory

    job = start(school, curator, django_capture_on_commit_callbacks, text="протокол")
    colleague = UserFactory(username="colleague")
    MembershipFactory(user=colleague, organization=school, roles=[Role.CURATOR])
    client.force_login(colleague)
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 200
    MembershipRole.objects.filter(
        membership__user=curator, membership__organization=school, role=Role.CURATOR
    ).update(role=Role.TEACHER)
    client.force_login(curator)
    assert client.get(reverse("job-status", args=[job.pk])).status_code == 404
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404
    MembershipRole.objects.filter(membership__user=curator).update(role=Role.CURATOR)
    Membership.objects.filter(user=curator, organization=school).update(is_active=False)
    client.force_login(curator)
    assert client.get(reverse("job-download", args=[job.pk])).status_code in (403, 404)


def test_a_coordinators_rollup_is_theirs_while_they_coordinate(client, coordinator):
    from accounts.models import Coordinator

    job = Job.objects.create(
        organization=None, created_by=coordinator, kind="rollup", title="Свод",
        status=Job.Status.DONE, result_name="Свод.xlsx",
    )  # fmt: skip
    job.result.save("rollup.xlsx", ContentFile(b"x"))
    client.force_login(coordinator)
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 200
    Coordinator.objects.filter(user=coordinator).delete()
    client.force_login(coordinator)
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404


def test_a_job_refused_by_the_database_says_what_clashed_and_what_to_do(
    client, school, curator, django_capture_on_commit_callbacks
):
    """#24: a job that lost a race to another write (the same e-mail) said only «Не удалось
    выполнить задачу»."""
    from tests.jobs.jobs import CLASH

    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(organization=school, user=curator, kind=CLASH, params={})
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == (
        "Задачу опередило другое действие, записавшее те же данные одновременно: Человек с "
        "такой электронной почтой уже есть в школе. Запустите задачу ещё раз — записанное уже "
        "будет учтено."
    )
    client.force_login(curator)
    assert job.error in client.get(reverse("job-status", args=[job.pk])).content.decode()
