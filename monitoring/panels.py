from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.access import coordinated_organizations
from accounts.models import AcademicYear
from mentoring.selectors import person_here
from monitoring.health.items import HealthKind, counts_by_kind, health_items
from monitoring.questionnaires.selectors import my_questionnaires
from monitoring.rollup.tables import school_table

STALE_ROWS = 5  # pairs without meetings named on the home page; the rest behind a link


def my_questionnaires_panel(request) -> dict | None:
    """Open questionnaires waiting for the signed-in person; hidden when there are none."""
    person = person_here(request)
    if person is None:
        return None
    waiting = [item for item in my_questionnaires(person, timezone.localdate()) if not item["sent"]]
    return {"items": waiting} if waiting else None


def reports_panel(request) -> dict:
    """The deputy's and director's home: the latest semester reports and their PDFs (a
    finalised report's latest stored edition, else the last PDF built)."""
    from jobs.models import Job
    from monitoring.models import ReportVersion, SemesterReport

    latest = ReportVersion.objects.filter(report=OuterRef("pk")).order_by("-number")
    reports = list(
        SemesterReport.objects.for_request(request)
        .select_related("academic_year")
        .annotate(edition=Subquery(latest.values("number")[:1]))[:4]
    )
    jobs: dict[int, Job] = {}
    for job in Job.objects.for_request(request).filter(
        kind="semester_report", status=Job.Status.DONE
    )[:20]:
        jobs.setdefault(job.params.get("report"), job)
    return {"reports": [(r, jobs.get(r.pk)) for r in reports]}


def health_panel(request) -> dict | None:
    """The curator's home: how many things of each kind are due, and the first pairs and groups
    that have not met (with a link to all of them); hidden when nothing is due."""
    items = health_items(request.organization, timezone.localdate())
    counts = counts_by_kind(items)
    if not counts:
        return None
    stale = [item for item in items if item.kind == HealthKind.STALE]
    return {
        "counts": counts,
        "stale": stale[:STALE_ROWS],
        "stale_more": len(stale) > STALE_ROWS,
    }


def rollup_panel(request) -> dict | None:
    """The coordinator's home panel: the municipality at a glance for the current year."""
    year = AcademicYear.objects.current(timezone.localdate())
    if year is None:
        return None
    table = school_table(coordinated_organizations(request.user), year)
    return {
        "year": year,
        "organizations": len(table.rows),
        "running": sum(1 for r in table.rows if r.forms_count),
        "teachers": table.totals.teachers,
        "trained": table.totals.trained,
        "trained_percent": table.totals.trained_percent,
    }
