"""The policy table drives the views: every view with a role check names an action of the
table, and each action is granted exactly to the roles the table lists."""

from __future__ import annotations

import pytest
from django.urls import URLPattern

from accounts.models import Role
from accounts.policy import POLICY, allowed, can
from tests.test_urls import ALL_URLS


def test_every_checked_view_names_an_action_of_the_table():
    actions = {}
    for name, pattern in ALL_URLS:
        assert isinstance(pattern, URLPattern)
        action = getattr(pattern.callback, "action", None)
        if action is not None:
            assert action in POLICY, f"{name}: {action} is not in accounts.policy.POLICY"
            actions[name] = action
    assert actions["documents:sign"] == "documents.sign"
    assert actions["registry:people"] == "registry.view"
    assert len(set(actions.values())) >= 15  # the table is what the views use


@pytest.mark.parametrize("action", sorted(POLICY))
def test_can_grants_an_action_to_its_roles_only(rf, action):
    for role in Role.values:
        request = rf.get("/")
        request.roles = frozenset({role})
        assert can(request, action) is (role in POLICY[action]), (action, role)


def test_a_typo_in_an_action_fails_at_once():
    with pytest.raises(KeyError):
        allowed("documents.sing")


@pytest.mark.django_db
def test_for_request_gives_the_current_schools_rows_only(rf, curator, school, other_school):
    """The one scoped entry of every tenant model: the organization the user works in now."""
    from mentoring.models import RoadmapItem
    from monitoring.models import Question
    from registry.models import Consent, MenteeProfile, MentorProfile, Person
    from tests.factories import ConsentFactory, MenteeProfileFactory, MentorProfileFactory

    ours = MentorProfileFactory(person__organization=school)
    MentorProfileFactory(person__organization=other_school)
    MenteeProfileFactory(person__organization=other_school)
    ConsentFactory(person=ours.person, kind=Consent.Kind.PERSONAL_DATA)
    ConsentFactory(person=MenteeProfile.objects.get().person, kind=Consent.Kind.PERSONAL_DATA)
    request = rf.get("/")
    request.user, request.organization = curator, school
    assert list(MentorProfile.objects.for_request(request)) == [ours]
    assert not MenteeProfile.objects.for_request(request).exists()
    assert {c.person_id for c in Consent.objects.for_request(request)} == {ours.person_id}
    assert set(Person.objects.for_request(request)) == set(
        Person.objects.filter(organization=school)
    )
    for model in (RoadmapItem, Question):
        assert model.objects.for_request(request).query is not None  # every tenant model has it
    request.organization = None
    assert not Person.objects.for_request(request).exists()


@pytest.mark.django_db
def test_whoever_a_page_names_for_a_role_is_read_from_the_table_and_live_memberships(
    monkeypatch, school, curator, director, deputy
):
    """The director to choose, a report's authors, the acts' acknowledgement sheet, the
    reminded and the calendar feeds' schools all come from POLICY through users_allowed /
    organizations_allowing (#27: they were role lists of their own, one without the active
    membership filter): change the table or end a membership and every one of them follows."""
    from accounts.forms import OrganizationForm
    from accounts.models import Membership
    from accounts.policy import organizations_allowing, users_allowed, users_allowed_by_action
    from documents.printables import portal_staff
    from documents.russian import person_name
    from monitoring.reports.forms import ReportForm
    from tests.factories import MembershipFactory, PersonFactory, UserFactory

    for user in (curator, director, deputy):
        PersonFactory(organization=school, user=user, last_name=user.last_name)
    former = UserFactory(username="former_deputy", last_name="Бывшая")
    PersonFactory(organization=school, user=former, last_name="Бывшая")
    MembershipFactory(user=former, organization=school, roles=[Role.DEPUTY], is_active=False)

    def authors():
        form = ReportForm(organization=school)
        return {p.user_id for p in form.fields["authors"].queryset}

    assert authors() == {curator.pk, director.pk, deputy.pk}
    assert list(OrganizationForm(instance=school).fields["director"].queryset) == [director]
    assert {row["name"] for row in portal_staff(school)} == {
        person_name(curator, short=True),
        "Иванов И.И.",
    }
    assert set(organizations_allowing(curator, "mentoring.manage")) == {school}
    both = users_allowed_by_action(school, "home.health", "documents.sign")
    assert both == {"home.health": [curator], "documents.sign": [director]}

    monkeypatch.setitem(POLICY, "reports.author", frozenset({Role.DEPUTY}))
    monkeypatch.setitem(POLICY, "documents.acknowledge", frozenset({Role.DIRECTOR}))
    monkeypatch.setitem(POLICY, "documents.sign", frozenset({Role.DIRECTOR, Role.CURATOR}))
    assert authors() == {deputy.pk}
    assert [row["name"] for row in portal_staff(school)] == ["Иванов И.И."]
    assert set(OrganizationForm(instance=school).fields["director"].queryset) == {
        director,
        curator,
    }

    Membership.objects.filter(user__in=[deputy, curator]).update(is_active=False)
    assert authors() == set()
    assert list(users_allowed(school, "documents.sign")) == [director]
    assert not organizations_allowing(curator, "mentoring.manage").exists()
