"""Views reach a school's rows one way: `Model.objects.for_request(request)` (README, docs/
architecture.md). Filtering by `request.organization` by hand — `in_organization(request.
organization)`, `person__organization=request.organization` — was written again in a dozen
views (#27); a copy coming back fails here. Passing the organization to a form or a service,
which scope their own queries, is not a read and stays allowed."""

from __future__ import annotations

import re

from tests.sources import ROOT, modules

HAND_SCOPED = re.compile(
    r"in_organization\(\s*request\.organization\s*\)"
    r"|\w+__organization(_id)?=request\.organization"
    r"|\.filter\(\s*organization(_id)?=request\.organization"
)


def test_views_read_a_schools_rows_through_for_request():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path, source in modules()
        for number, line in enumerate(source.splitlines(), 1)
        if HAND_SCOPED.search(line)
    ]
    assert not found, "use Model.objects.for_request(request):\n" + "\n".join(found)


def test_the_check_finds_a_hand_written_filter():
    for line in (
        "Person.objects.in_organization(request.organization)",
        "get_object_or_404(Question.objects, questionnaire__organization=request.organization)",
        "Job.objects.filter(organization=request.organization)",
    ):
        assert HAND_SCOPED.search(line), line
    assert not HAND_SCOPED.search("ReportForm(request.POST, organization=request.organization)")
