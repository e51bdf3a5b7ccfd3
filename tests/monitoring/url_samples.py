from registry.models import Person
from tests.factories import PersonFactory
from tests.monitoring.factories import draft_questionnaire, open_questionnaire


def _question(school):
    return {"pk": draft_questionnaire(school).questions.first().pk}


def _to_fill(school):
    """An open questionnaire addressed to the school's staff, whose first member is a teacher
    in the registry (so that the school's own people can open it)."""
    member = school.memberships.first()
    if member and not Person.objects.filter(user=member.user).exists():
        PersonFactory(organization=school, user=member.user)
    return {"pk": open_questionnaire(school).pk}


def _report(school):
    from monitoring.models import SemesterReport
    from tests.mentoring.factories import year_2021

    return {
        "pk": SemesterReport.objects.create(
            organization=school, academic_year=year_2021(), half=1
        ).pk
    }


def _finalised_report(school):
    """A report of a half that has ended, finalised by the school's first member."""
    from django.utils import timezone

    from monitoring.models import SemesterReport
    from monitoring.reports.versions import report_finalise

    report = SemesterReport.objects.get(pk=_report(school)["pk"])
    report_finalise(report=report, by=school.memberships.first().user, today=timezone.localdate())
    return {"pk": report.pk, "number": 1}


def _active_pair(school):
    from tests.mentoring.factories import make_pair

    return {"pk": make_pair(school, status="active").pk}


def _criterion(school):
    from monitoring.evaluation.kirkpatrick import criteria_for

    return {"pk": criteria_for(school)[0].pk}


OBJECT_KWARGS = {
    "monitoring:observation-new": _active_pair,
    "monitoring:criterion-remove": _criterion,
    "monitoring:report": _report,
    "monitoring:report-generate": _report,
    "monitoring:report-xlsx": _report,
    "monitoring:report-finalise": _report,
    "monitoring:report-correct": _report,
    "monitoring:report-version-pdf": _finalised_report,
    "monitoring:questionnaire": lambda school: {"pk": draft_questionnaire(school).pk},
    "monitoring:question-add": lambda school: {"pk": draft_questionnaire(school).pk},
    "monitoring:questionnaire-status": lambda school: {"pk": draft_questionnaire(school).pk},
    "monitoring:results": lambda school: {"pk": draft_questionnaire(school).pk},
    "monitoring:export": lambda school: {"pk": draft_questionnaire(school).pk},
    "monitoring:question-edit": _question,
    "monitoring:question-delete": _question,
    "monitoring:fill": _to_fill,
}
