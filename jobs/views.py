from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.access import organization_ids_for
from accounts.http import PortalRequest
from accounts.policy import can
from jobs.models import Job
from jobs.services import job_kind, jobs_fail_orphaned, worker_alive


def _visible_job(request: PortalRequest, pk: int) -> Job:
    """A job the user's role lets them see now (JobKind.action in the school they work in, or
    may_see for a job of no school), whoever started it: a curator moved to another role, or
    whose membership ended, no longer reaches the people-import protocol they started."""
    job = get_object_or_404(
        Job.objects.filter(
            Q(organization__in=organization_ids_for(request.user))
            | Q(organization=None, created_by=request.user)
        ).select_related("organization"),
        pk=pk,
    )
    spec = job_kind(job.kind)
    if job.organization_id is None:
        allowed = spec.may_see is not None and spec.may_see(request.user)
    else:
        allowed = (
            job.organization_id == getattr(request.organization, "pk", None)
            and bool(spec.action)
            and can(request, spec.action)
        )
    if not allowed:
        raise Http404
    return job


def job_status(request: PortalRequest, pk: int) -> HttpResponse:
    """The job's progress; the partial re-polls itself until the job has finished. A job cut
    off with its worker is failed here with a message; one waiting while no worker runs says
    so."""
    job = _visible_job(request, pk)
    now = timezone.now()
    if jobs_fail_orphaned(now, Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    worker_silent = job.status == Job.Status.QUEUED and not worker_alive(now)
    template = "accounts/includes/_job.html" if request.htmx else "accounts/job.html"
    return render(request, template, {"job": job, "worker_silent": worker_silent})


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 «ok» when the database answers and a task worker gave a sign
    of life lately, else 503 naming what failed. Shows no data."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        worker_ok = worker_alive(timezone.now())
    except DatabaseError:
        problems.append("database")
        worker_ok = True  # unknown; the database is the problem
    if not worker_ok:
        problems.append("worker")
    body = "ok" if not problems else "fail: " + ", ".join(problems)
    response = HttpResponse(body, content_type="text/plain", status=503 if problems else 200)
    response["Cache-Control"] = "no-store"
    return response


def job_download(request: PortalRequest, pk: int) -> FileResponse:
    job = _visible_job(request, pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    return FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.content_type or "application/octet-stream",
    )
