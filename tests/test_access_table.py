"""Every URL × every role → the expected status, as a table (issue #8, item 2).

The table is the access policy written down: a change to who may open what shows here as a
failing row and has to be made on purpose. It complements tests/test_urls.py (anonymous →
login, never a 500, another school's object → 404).

How each row is requested: a URL with parameters gets an object of the personas' *own* school
(the same builders as the URL walk, tests/<app>/url_samples.py); the school has the current
academic year and a roadmap. Views that only change state are POSTed with an empty form (GET
there is 405 for everyone); the rest are fetched with GET. Every request runs in a savepoint
that is rolled back, so one role's POST never changes what the next role sees.

Columns: anonymous, curator, director, deputy, psychologist, municipal coordinator, teacher (a
mentor, but not in the sample pairs: pages of a pair are 404 to a teacher outside it) and a
young teacher waiting for a mentor. 302 for anonymous is the login redirect; for a signed-in role
it is the redirect after a successful POST (or «already signed in» on the login page).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jobs.services import heartbeat
from mentoring.roadmap_services import roadmap_start_from_sample
from tests.pages import duplicate_ids, repeated_attributes
from tests.test_urls import ALL_URLS, url_for

# the schools and personas built once for the module
pytestmark = pytest.mark.usefixtures("people_once")

ROLES = (
    "anonymous",
    "curator",
    "director",
    "deputy",
    "psychologist",
    "coordinator",
    "teacher",
    "mentee",
)

# fmt: off
EXPECTED = {
    #                                 method   anon cur  dir  dep  psy  coord tea mentee
    "documents:confirm-retroactive":   ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "documents:delete":                ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "documents:detail":                ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "documents:download":              ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "documents:original":              ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "documents:inbox":                 ("GET",  302, 403, 200, 403, 403, 403, 403, 403),
    "documents:list":                  ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "documents:mark-roadmap":          ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "documents:new-agreement":         ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:new-award":             ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:new-assignment":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:new-cancellation":      ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    # without ?order= (the signed order it amends) there is nothing to amend
    "documents:new-amendment":         ("GET",  302, 404, 403, 403, 403, 403, 403, 403),
    "documents:new-ending":            ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:new-local-acts":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:new-nomination":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:new-cooperation":       ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:new-introduction":      ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:package-agreements":    ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "documents:package-blanks":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:package-consents":      ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "documents:package-contracts":     ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "documents:pdf":                   ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "documents:consent-withdrawal":    ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:person-form":           ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:person-forms":          ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "documents:plan":                  ("GET",  302, 200, 200, 200, 404, 404, 404, 404),
    "documents:return":                ("POST", 302, 403, 302, 403, 403, 403, 403, 403),
    "documents:send":                  ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "documents:sign":                  ("POST", 302, 403, 302, 403, 403, 403, 403, 403),
    "documents:scan":                  ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "documents:scan-upload":           ("POST", 302, 302, 302, 403, 403, 403, 403, 403),
    "documents:esign-regulation":      ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "documents:privacy-policy":        ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "home":                            ("GET",  302, 200, 200, 200, 200, 200, 200, 200),
    "job-download":                    ("GET",  302, 200, 404, 404, 404, 404, 404, 404),
    "job-status":                      ("GET",  302, 200, 404, 404, 404, 404, 404, 404),
    "login":                           ("GET",  200, 302, 302, 302, 302, 302, 302, 302),
    "healthz":                         ("GET",  200, 200, 200, 200, 200, 200, 200, 200),
    "verify":                          ("GET",  200, 200, 200, 200, 200, 200, 200, 200),
    "profile":                         ("GET",  302, 200, 200, 200, 200, 200, 200, 200),
    "notices":                         ("GET",  302, 200, 200, 200, 200, 200, 200, 200),
    "notices-read":                    ("POST", 302, 204, 204, 204, 204, 204, 204, 204),
    "calendar-feed":                   ("GET",  200, 200, 200, 200, 200, 200, 200, 200),
    "calendar-issue":                  ("POST", 302, 302, 302, 302, 302, 302, 302, 302),
    "calendar-revoke":                 ("POST", 302, 302, 302, 302, 302, 302, 302, 302),
    "logout":                          ("POST", 302, 302, 302, 302, 302, 302, 302, 302),
    "mentoring:assignment-bulk":       ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "mentoring:assignment-create":     ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:assignment-delete":     ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "mentoring:assignment-detail":     ("GET",  302, 200, 200, 200, 403, 403, 404, 404),
    "mentoring:assignment-edit":       ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:assignment-list":       ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "mentoring:assignment-transition": ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "mentoring:cohort":                ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:event-add":             ("GET",  302, 200, 403, 403, 403, 403, 404, 404),
    "mentoring:event-delete":          ("POST", 302, 302, 403, 403, 403, 403, 404, 404),
    "mentoring:event-done":            ("POST", 302, 302, 403, 403, 403, 403, 404, 404),
    "mentoring:event-edit":            ("GET",  302, 200, 403, 403, 403, 403, 404, 404),
    "mentoring:event-reopen":          ("POST", 302, 302, 403, 403, 403, 403, 404, 404),
    "mentoring:meeting-create":        ("POST", 302, 302, 403, 403, 403, 403, 404, 404),
    "mentoring:meeting-plan":          ("POST", 302, 302, 403, 403, 403, 403, 404, 404),
    "mentoring:meeting-held":          ("POST", 302, 302, 403, 403, 403, 403, 404, 404),
    "mentoring:meeting-ics":           ("GET",  302, 200, 200, 200, 403, 403, 404, 404),
    "mentoring:mentee-match":          ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:municipal-roadmap":     ("GET",  302, 200, 200, 200, 404, 200, 404, 404),
    "mentoring:municipal-roadmaps":    ("GET",  302, 403, 403, 403, 403, 200, 403, 403),
    "mentoring:my-assignments":        ("GET",  302, 403, 403, 403, 403, 403, 200, 200),
    "mentoring:plan-create":           ("POST", 302, 302, 403, 403, 403, 403, 404, 404),
    "mentoring:plan-edit":             ("GET",  302, 200, 403, 403, 403, 403, 404, 404),
    "mentoring:program-create":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:program-edit":          ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:program-list":          ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "mentoring:roadmap":               ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "mentoring:roadmap-agree":         ("POST", 302, 403, 403, 403, 403, 302, 403, 403),
    "mentoring:roadmap-export":        ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "mentoring:roadmap-pdf":           ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "mentoring:roadmap-item":          ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:roadmap-item-add":      ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:roadmap-item-delete":   ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "mentoring:roadmap-sample":        ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "mentoring:roadmap-upload":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:roadmap-template":      ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "mentoring:route-edit":            ("GET",  302, 200, 403, 403, 403, 403, 404, 404),
    "mentoring:stale-list":            ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "mentoring:waiting-list":          ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "monitoring:criteria":             ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "monitoring:criterion-remove":     ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "monitoring:export":               ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "monitoring:fill":                 ("GET",  302, 200, 403, 403, 403, 403, 200, 200),
    "monitoring:health":               ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "monitoring:indicators":           ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "monitoring:kirkpatrick":          ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "monitoring:my-questionnaires":    ("GET",  302, 403, 403, 403, 403, 403, 200, 200),
    "monitoring:observation-new":      ("GET",  302, 200, 403, 403, 403, 403, 404, 404),
    "monitoring:question-add":         ("POST", 302, 200, 403, 403, 403, 403, 403, 403),
    "monitoring:question-delete":      ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "monitoring:question-edit":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "monitoring:questionnaire":        ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "monitoring:questionnaire-blank":  ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "monitoring:questionnaire-new":    ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "monitoring:questionnaire-status": ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "monitoring:questionnaires":       ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "monitoring:report":               ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "monitoring:report-correct":       ("POST", 302, 403, 302, 302, 403, 403, 403, 403),
    "monitoring:report-finalise":      ("POST", 302, 403, 302, 302, 403, 403, 403, 403),
    "monitoring:report-generate":      ("POST", 302, 302, 302, 302, 403, 403, 403, 403),
    "monitoring:report-version-pdf":   ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "monitoring:report-xlsx":          ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "monitoring:reports":              ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "monitoring:results":              ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "monitoring:rollup":               ("GET",  302, 403, 403, 403, 403, 200, 403, 403),
    "monitoring:rollup-pdf":           ("GET",  302, 403, 403, 403, 403, 200, 403, 403),
    "monitoring:rollup-build":         ("POST", 302, 403, 403, 403, 403, 302, 403, 403),
    "monitoring:rollup-xlsx":          ("GET",  302, 403, 403, 403, 403, 200, 403, 403),
    "monitoring:rollup-executor":      ("POST", 302, 403, 403, 403, 403, 302, 403, 403),
    "organization":                    ("GET",  302, 200, 200, 200, 403, 403, 403, 403),
    "organization-switch":             ("POST", 302, 404, 404, 404, 404, 404, 404, 404),
    "low-vision":                      ("POST", 302, 302, 302, 302, 302, 302, 302, 302),
    "password_change":                 ("GET",  302, 200, 200, 200, 200, 200, 200, 200),
    "password_change_done":            ("GET",  302, 200, 200, 200, 200, 200, 200, 200),
    "registry:consent-add":            ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:consent-scan":           ("GET",  302, 200, 403, 403, 200, 403, 403, 403),
    "registry:consent-withdraw":       ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:export":                 ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:incentive-add":          ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:incentive-delete":       ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:mentee-edit":            ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:mentees":                ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "registry:mentor-edit":            ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:mentor-status":          ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:mentors":                ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "registry:people":                 ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "registry:people-import":          ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:people-import-confirm":  ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:import-template":        ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:person":                 ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
    "privacy:subject-request":         ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:person-edit":            ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:person-flags":           ("GET",  302, 200, 403, 403, 200, 403, 403, 403),
    "registry:person-new":             ("GET",  302, 200, 403, 403, 403, 403, 403, 403),
    "registry:training-add":           ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:training-delete":        ("POST", 302, 302, 403, 403, 403, 403, 403, 403),
    "registry:young-specialists":      ("GET",  302, 200, 200, 200, 200, 403, 403, 403),
}
# fmt: on

PATTERNS = dict(ALL_URLS)


def test_the_table_names_every_url_of_the_project():
    missing = sorted(PATTERNS.keys() - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - PATTERNS.keys())
    assert not missing, f"Add these URLs to EXPECTED in {__name__}: {missing}"
    assert not stale, f"These URLs are gone; remove them from EXPECTED: {stale}"


@pytest.fixture
def own_school(school, academic_year, personas, other_school, other_curator):
    """The personas' school as it looks in use: a current year, the roadmap begun, a task
    worker running."""
    roadmap_start_from_sample(organization=school, academic_year=academic_year)
    heartbeat("worker", timezone.now())
    return school


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_each_role_gets_the_expected_status(client, personas, own_school, name):
    method, *expected = EXPECTED[name]
    url = url_for(name, PATTERNS[name], own_school)
    got = []
    for role in ROLES:
        with transaction.atomic():
            client.logout()
            if role != "anonymous":
                client.force_login(getattr(personas, role))
            response = client.post(url) if method == "POST" else client.get(url)
            got.append(response.status_code)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                assert not duplicate_ids(response), f"{role} {url}: {duplicate_ids(response)}"
                repeated = repeated_attributes(response)
                assert not repeated, f"{role} {url}: {repeated}"
            if role == "anonymous" and response.status_code == 302:
                assert response.url.startswith(reverse("login")), response.url
            transaction.set_rollback(True)
    differences = [
        f"{role}: expected {want}, got {have}"
        for role, want, have in zip(ROLES, expected, got, strict=True)
        if want != have
    ]
    assert not differences, f"{method} {url}: " + "; ".join(differences)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, row in EXPECTED.items() if row[0] == "POST"))
def test_state_changing_urls_refuse_get(client, personas, own_school, name):
    url = url_for(name, PATTERNS[name], own_school)
    client.force_login(personas.curator)
    assert client.get(url).status_code == 405
