"""Model-based test of access on the second path (#24, invariant 3): hypothesis changes people's
roles, ends and restores memberships, blocks users, changes passwords, gives coordinators and
calendar links, and after each step someone looks at a job's file or a calendar feed. A user
reaches an object only while they have a current membership in its school whose role the
policy table allows (a coordinator's rollup: while coordinating; a feed: while its owner is
active, under the password it was given with, working somewhere or coordinating) — whoever
started the job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from accounts.models import Coordinator, Membership, MembershipRole, Role
from accounts.policy import POLICY
from calendars.feeds import feed_issue
from jobs.models import Job
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

ROLES = [Role.CURATOR, Role.TEACHER, Role.DIRECTOR, Role.DEPUTY]
USERS = 3

settings.register_profile(
    "access",
    max_examples=15,
    stateful_step_count=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "access-long",
    max_examples=300,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = "access-long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "access"


@dataclass
class Person:
    user: object
    active: bool = True
    password: int = 0  # how many times it changed
    # school index -> (membership active, roles)
    memberships: dict[int, tuple[bool, frozenset]] = field(default_factory=dict)
    coordinator: bool = False
    feed: tuple[str, int] | None = None  # (token, password it was given under)

    def current_school(self) -> int | None:
        """The school the portal puts a user in without a choice: the first active membership
        by the school's short name (accounts.middleware.CurrentOrganizationMiddleware): the
        schools are named so that school 0 comes first."""
        return next((s for s in (0, 1) if self.memberships.get(s, (False,))[0]), None)


class Access(RuleBasedStateMachine):
    schools: list = []

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.client = Client()

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    @initialize(starters=st.lists(st.integers(0, USERS - 1), min_size=3, max_size=3))
    def start(self, starters):
        """Two schools; three users, each a curator of the first school; the first two also
        teachers at the second. A people-import job (registry.manage) and a semester report
        (reports.view) in the first school, an import in the second, and a coordinator's
        rollup — each started by one of them."""
        self.people = [Person(UserFactory()) for _ in range(USERS)]
        for n, person in enumerate(self.people):
            self._join(person, 0, frozenset({Role.CURATOR}))
            if n < 2:
                self._join(person, 1, frozenset({Role.TEACHER}))
        self.jobs = []
        for (school, kind, action), starter in zip(
            [(0, "people_import", "registry.manage"), (0, "semester_report", "reports.view"),
             (1, "people_import", "registry.manage")],
            starters,
            strict=True,
        ):  # fmt: skip
            job = Job.objects.create(
                organization=self.schools[school], created_by=self.people[starter].user,
                kind=kind, title="Задача", status=Job.Status.DONE, result_name="итог.txt",
            )  # fmt: skip
            job.result.save(f"job-{job.pk}.txt", ContentFile(b"ok"))
            self.jobs.append((job, school, action))
        coordinator = self.people[starters[0]]
        self._coordinate(coordinator, True)
        self.rollup = Job.objects.create(
            organization=None, created_by=coordinator.user, kind="rollup", title="Свод",
            status=Job.Status.DONE, result_name="свод.txt",
        )  # fmt: skip
        self.rollup.result.save(f"job-{self.rollup.pk}.txt", ContentFile(b"ok"))
        self.rollup_owner = coordinator

    def _join(self, person: Person, school: int, roles: frozenset) -> None:
        membership = MembershipFactory(
            user=person.user, organization=self.schools[school], roles=list(roles)
        )
        person.memberships[school] = (True, roles)
        assert membership.pk

    def _coordinate(self, person: Person, on: bool) -> None:
        Coordinator.objects.filter(user=person.user).delete()
        if on:
            Coordinator.objects.create(user=person.user, municipality=self.schools[0].municipality)
        person.coordinator = on

    # --- what changes -------------------------------------------------------------------

    @rule(
        who=st.integers(0, USERS - 1),
        school=st.integers(0, 1),
        roles=st.sets(st.sampled_from(ROLES)),
    )
    def change_roles(self, who, school, roles):
        person = self.people[who]
        if school not in person.memberships:
            return
        membership = Membership.objects.get(user=person.user, organization=self.schools[school])
        MembershipRole.objects.filter(membership=membership).delete()
        for role in roles:
            MembershipRole.objects.create(membership=membership, role=role)
        active, _roles = person.memberships[school]
        person.memberships[school] = (active, frozenset(roles))

    @rule(who=st.integers(0, USERS - 1), school=st.integers(0, 1), active=st.booleans())
    def end_or_restore_membership(self, who, school, active):
        person = self.people[who]
        if school not in person.memberships:
            return
        Membership.objects.filter(user=person.user, organization=self.schools[school]).update(
            is_active=active
        )
        person.memberships[school] = (active, person.memberships[school][1])

    @rule(who=st.integers(0, USERS - 1), active=st.booleans())
    def block_or_unblock(self, who, active):
        person = self.people[who]
        person.user.is_active = active
        person.user.save(update_fields=["is_active"])
        person.active = active

    @rule(who=st.integers(0, USERS - 1))
    def change_password(self, who):
        person = self.people[who]
        person.password += 1
        person.user.set_password(f"новый-пароль-{person.password}-2026")
        person.user.save(update_fields=["password"])

    @rule(who=st.integers(0, USERS - 1))
    def issue_a_calendar_link(self, who):
        person = self.people[who]
        person.feed = (feed_issue(user=person.user).token, person.password)

    @rule(who=st.integers(0, USERS - 1), on=st.booleans())
    def coordinate_or_not(self, who, on):
        self._coordinate(self.people[who], on)

    # --- who looks ----------------------------------------------------------------------

    def _may_see_job(self, person: Person, school: int, action: str) -> bool:
        current = person.current_school()
        if not person.active or current != school:
            return False
        _active, roles = person.memberships[school]
        return bool(roles & POLICY[action])

    @rule(who=st.integers(0, USERS - 1), which=st.integers(0, 3))
    def someone_takes_a_jobs_file(self, who, which):
        person = self.people[who]
        self.client.force_login(person.user)
        if which == 3:
            job = self.rollup
            allowed = person.active and person is self.rollup_owner and person.coordinator
        else:
            job, school, action = self.jobs[which]
            allowed = self._may_see_job(person, school, action)
        response = self.client.get(reverse("job-download", args=[job.pk]))
        assert (response.status_code == 200) == allowed, (which, person, response.status_code)

    @rule(who=st.integers(0, USERS - 1))
    def a_calendar_reads_a_feed(self, who):
        person = self.people[who]
        if person.feed is None:
            return
        token, password = person.feed
        working = any(active for active, _roles in person.memberships.values())
        allowed = (
            person.active
            and password == person.password
            and (working or person.coordinator)
            and person.feed is not None
        )
        response = Client().get(reverse("calendar-feed", args=[token]))
        assert (response.status_code == 200) == allowed, (person, response.status_code)


def test_a_user_reaches_only_what_their_role_allows_now(db):
    first = OrganizationFactory(slug="access-a", short_name="А-школа")
    second = OrganizationFactory(
        slug="access-b", short_name="Б-школа", municipality=first.municipality
    )
    Access.schools = [first, second]
    Access.TestCase.settings = settings.get_profile(PROFILE)
    Access.TestCase().runTest()
