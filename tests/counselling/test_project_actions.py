"""Improvement projects: one action per status transition, and their action items."""

import datetime
from decimal import Decimal

import pytest

from score.counselling import actions
from tests.counselling.factories import ProjectActionFactory, ProjectFactory, days
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

STATUSES = ["planned", "in_progress", "done", "dropped"]


def _start(by, project):
    return actions.start_project(by=by, project=project)


def _complete(by, project):
    return actions.complete_project(by=by, project=project)


def _drop(by, project):
    return actions.drop_project(by=by, project=project, reason="No budget this year.")


TRANSITIONS = {
    "start": (_start, {"planned": "in_progress"}),
    "complete": (_complete, {"in_progress": "done"}),
    "drop": (_drop, {"planned": "dropped", "in_progress": "dropped"}),
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_project_transition_matrix(world, coordinator, transition, status):
    action, allowed = TRANSITIONS[transition]
    project = ProjectFactory(
        enterprise=world.provided,
        status=status,
        started_on=days(-20) if status != "planned" else None,
        dropped_reason="Earlier reason." if status == "dropped" else "",
    )
    if status in allowed:
        assert action(coordinator, project).status == allowed[status]
    else:
        with pytest.raises(
            actions.ProjectTransitionError, match=f"is {project.get_status_display().lower()}"
        ):
            action(coordinator, project)
        project.refresh_from_db()
        assert project.status == status


def test_creating_a_project_uses_the_enterprises_currency_by_default(world, coordinator):
    project = actions.create_project(
        by=coordinator, enterprise=world.provided, title="Less rework", problem="Seams rework."
    )
    assert (project.status, project.currency) == ("planned", "CNY")


def test_starting_a_project_records_the_date(world, coordinator):
    project = ProjectFactory(enterprise=world.provided)
    actions.start_project(by=coordinator, project=project)
    assert project.started_on == days(0)


def test_completing_a_project_records_its_actual_savings(world, coordinator):
    project = ProjectFactory(enterprise=world.provided, status="in_progress", started_on=days(-9))
    actions.complete_project(by=coordinator, project=project, actual_savings=Decimal("18670"))
    project.refresh_from_db()
    assert (project.status, project.finished_on, project.actual_savings) == (
        "done",
        days(0),
        Decimal("18670"),
    )


def test_a_project_cannot_finish_before_it_started(world, coordinator):
    project = ProjectFactory(enterprise=world.provided, status="in_progress", started_on=days(-9))
    with pytest.raises(actions.ProjectRuleError, match="before the project started"):
        actions.complete_project(by=coordinator, project=project, on=days(-10))


def test_dropping_a_project_needs_a_reason(world, coordinator):
    project = ProjectFactory(enterprise=world.provided)
    with pytest.raises(actions.ProjectRuleError, match="Say why"):
        actions.drop_project(by=coordinator, project=project, reason="  ")


def test_the_team_of_a_project_is_the_enterprises_own(world, coordinator, scene):
    with pytest.raises(Exception, match="own enterprise"):
        actions.create_project(
            by=coordinator,
            enterprise=world.provided,
            title="x",
            problem="y",
            team=scene.unrelated_team,
        )


def test_an_action_is_owned_by_a_person_of_the_enterprise(world, coordinator):
    project = ProjectFactory(enterprise=world.provided)
    with pytest.raises(actions.ProjectRuleError, match="is not recorded at"):
        actions.add_project_action(
            by=coordinator,
            project=project,
            description="Buy bins",
            owner=PersonFactory(enterprise=world.unrelated_cn),
        )


def test_an_action_is_marked_done_and_reopened(world, coordinator):
    item = ProjectActionFactory(project=ProjectFactory(enterprise=world.provided))
    actions.set_project_action_done(by=coordinator, item=item, done=True)
    assert (item.done, item.done_on) == (True, days(0))
    actions.set_project_action_done(by=coordinator, item=item, done=False)
    assert (item.done, item.done_on) == (False, None)


def test_an_action_cannot_be_due_before_the_project_started(world, coordinator):
    project = ProjectFactory(enterprise=world.provided, status="in_progress", started_on=days(-9))
    with pytest.raises(actions.ProjectRuleError, match="before the project started") as refused:
        actions.add_project_action(
            by=coordinator, project=project, description="Buy bins", due_on=days(-10)
        )
    assert refused.value.field == "due_on"
    assert not project.action_items.exists()


def test_an_action_cannot_be_due_more_than_two_years_ahead(world, coordinator):
    project = ProjectFactory(enterprise=world.provided)
    with pytest.raises(actions.CounsellingError, match="more than two years ahead"):
        actions.add_project_action(
            by=coordinator,
            project=project,
            description="Buy bins",
            due_on=datetime.date(9999, 12, 31),
        )


def test_an_action_may_be_due_a_year_ahead(world, coordinator):
    project = ProjectFactory(enterprise=world.provided)
    item = actions.add_project_action(
        by=coordinator, project=project, description="Buy bins", due_on=days(365)
    )
    assert item.due_on == days(365)


def test_an_action_cannot_be_marked_done_in_the_future(world, coordinator):
    item = ProjectActionFactory(project=ProjectFactory(enterprise=world.provided))
    with pytest.raises(actions.CounsellingError, match="in the future"):
        actions.set_project_action_done(by=coordinator, item=item, done=True, on=days(3))
