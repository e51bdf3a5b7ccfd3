from tests.jobs.jobs import finished_job


def calendar_token(school) -> str:
    """The calendar link of a member of the school (a capability: the token is the access)."""
    from calendars.feeds import feed_issue

    return feed_issue(user=school.memberships.first().user).token


OBJECT_KWARGS = {
    "calendar-feed": lambda school: {"token": calendar_token(school)},
    "job-status": lambda school: {"pk": finished_job(school).pk},
    "job-download": lambda school: {"pk": finished_job(school).pk},
}
