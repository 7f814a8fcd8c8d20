"""Forming an Enterprise Improvement Team, its members, balance and meetings."""

import datetime

import pytest

from score.counselling import actions
from score.counselling.queries import team_balance
from tests.counselling.factories import TeamFactory, TeamMemberFactory, days
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def team(world):
    return TeamFactory(enterprise=world.provided, programme=world.programme)


def test_a_team_is_formed_for_an_enterprise_in_one_of_its_programmes(world, coordinator):
    team = actions.form_team(
        by=coordinator, enterprise=world.provided, programme=world.programme, formed_on=days(-1)
    )
    assert (team.enterprise, team.programme) == (world.provided, world.programme)


def test_a_team_cannot_be_formed_for_a_programme_the_enterprise_is_not_in(world, coordinator):
    with pytest.raises(actions.TeamRuleError, match="does not take part in VN-P1"):
        actions.form_team(
            by=coordinator, enterprise=world.provided, programme=world.other_programme
        )


def test_an_enterprise_has_one_team_per_programme(world, coordinator, team):
    with pytest.raises(actions.TeamRuleError, match="already has an improvement team"):
        actions.form_team(by=coordinator, enterprise=world.provided, programme=world.programme)


def test_a_person_of_the_enterprise_joins_the_team(world, coordinator, team):
    person = PersonFactory(enterprise=world.provided, role="worker")
    member = actions.add_team_member(by=coordinator, team=team, person=person, team_role="leader")
    assert (member.person, member.team_role, member.joined_on) == (person, "leader", days(0))


def test_a_person_of_another_enterprise_cannot_join_the_team(world, coordinator, team):
    stranger = PersonFactory(enterprise=world.unrelated_cn)
    with pytest.raises(actions.TeamRuleError, match="is not recorded at Provided Machinery"):
        actions.add_team_member(by=coordinator, team=team, person=stranger)


def test_a_person_is_on_the_team_only_once_at_a_time(world, coordinator, team):
    member = TeamMemberFactory(team=team)
    with pytest.raises(actions.TeamRuleError, match="already on the team"):
        actions.add_team_member(by=coordinator, team=team, person=member.person)


def test_a_member_cannot_leave_before_joining(coordinator, team):
    member = TeamMemberFactory(team=team, joined_on=days(-10))
    with pytest.raises(Exception, match="before the date they joined"):
        actions.update_team_member(
            by=coordinator,
            member=member,
            team_role="member",
            joined_on=days(-10),
            left_on=days(-20),
        )


def test_balance_counts_current_managers_and_workers_by_sex(team):
    TeamMemberFactory(team=team, person__role="manager", person__sex="female")
    TeamMemberFactory(team=team, person__role="owner", person__sex="male")
    TeamMemberFactory(team=team, person__role="worker", person__sex="female")
    TeamMemberFactory(team=team, person__role="worker", person__sex="female", left_on=days(-1))
    balance = team_balance(team)
    assert (balance.managers, balance.workers) == (2, 1)
    assert (balance.managers_female, balance.managers_male, balance.workers_female) == (1, 1, 1)
    assert (balance.workers_needed, balance.managers_needed) == (1, 0)


def test_a_team_with_as_many_managers_as_workers_needs_nobody(team):
    TeamMemberFactory(team=team, person__role="manager")
    TeamMemberFactory(team=team, person__role="worker")
    balance = team_balance(team)
    assert (balance.workers_needed, balance.managers_needed) == (0, 0)


def test_a_meeting_is_recorded_with_its_attendees_and_decisions(coordinator, team):
    members = [TeamMemberFactory(team=team) for _ in range(2)]
    meeting = actions.record_team_meeting(
        by=coordinator,
        team=team,
        held_on=days(-1),
        decisions="Fix the lighting.",
        attendees=members,
    )
    assert set(meeting.attendees.all()) == set(members)


def test_a_meeting_cannot_count_someone_who_had_left(coordinator, team):
    former = TeamMemberFactory(team=team, joined_on=days(-50), left_on=days(-20))
    with pytest.raises(actions.TeamRuleError, match="were not on the team"):
        actions.record_team_meeting(
            by=coordinator, team=team, held_on=days(-1), decisions="x", attendees=[former]
        )


def test_a_meeting_needs_its_decisions(coordinator, team):
    with pytest.raises(actions.TeamRuleError, match="Write down what the team decided"):
        actions.record_team_meeting(by=coordinator, team=team, held_on=days(-1), decisions=" ")


def test_a_meeting_cannot_be_in_the_future(coordinator, team):
    with pytest.raises(actions.CounsellingError, match="in the future"):
        actions.record_team_meeting(by=coordinator, team=team, held_on=days(1), decisions="x")


def test_a_member_cannot_join_before_the_team_was_formed(world, coordinator, team):
    person = PersonFactory(enterprise=world.provided, role="worker")
    with pytest.raises(actions.TeamRuleError, match="before the team was formed") as refused:
        actions.add_team_member(
            by=coordinator, team=team, person=person, joined_on=team.formed_on - ONE_DAY
        )
    assert refused.value.field == "joined_on"


def test_a_members_joining_date_cannot_be_corrected_to_before_the_team_was_formed(
    coordinator, team
):
    member = TeamMemberFactory(team=team, joined_on=team.formed_on)
    with pytest.raises(actions.TeamRuleError, match="before the team was formed"):
        actions.update_team_member(
            by=coordinator, member=member, team_role="member", joined_on=team.formed_on - ONE_DAY
        )


def test_a_member_cannot_join_in_the_future(world, coordinator, team):
    person = PersonFactory(enterprise=world.provided, role="worker")
    with pytest.raises(actions.CounsellingError, match="in the future"):
        actions.add_team_member(by=coordinator, team=team, person=person, joined_on=days(1))


def test_a_meeting_cannot_be_held_before_the_team_was_formed(coordinator, team):
    with pytest.raises(actions.TeamRuleError, match="before the team was formed"):
        actions.record_team_meeting(
            by=coordinator, team=team, held_on=team.formed_on - ONE_DAY, decisions="Start 5S."
        )


def test_a_meeting_cannot_be_held_in_the_future(coordinator, team):
    with pytest.raises(actions.CounsellingError, match="in the future"):
        actions.record_team_meeting(by=coordinator, team=team, held_on=days(1), decisions="5S.")
