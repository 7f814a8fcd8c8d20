"""Counselling pages cost the same number of queries for 3 rows or 30 (pinned)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.counselling.factories import (
    EnrolmentFactory,
    MeetingFactory,
    ProjectActionFactory,
    ProjectFactory,
    TeamFactory,
    TeamMemberFactory,
    VisitFactory,
    days,
)
from tests.factories import EnterpriseFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def cost_with_3_and_30_rows(client, url, add_rows):
    add_rows(3)
    with_3 = queries_for(client, url)
    add_rows(27)
    return with_3, queries_for(client, url)


@pytest.fixture
def add_visits(world, trainer):
    """Visits by the trainer at new enterprises assigned to them: done, planned and overdue."""

    def add(n):
        for i in range(n):
            enterprise = EnterpriseFactory(country=world.china)
            ParticipationFactory(
                enterprise=enterprise, programme=world.programme, provider=world.provider
            ).trainers.add(trainer)
            enrolment = EnrolmentFactory(
                enterprise=enterprise,
                programme=world.programme,
                provider=world.provider,
                trainer=trainer,
                classroom_done=True,
            )
            VisitFactory(enrolment=enrolment, trainer=trainer, sequence=1)
            VisitFactory(
                enrolment=enrolment,
                trainer=trainer,
                sequence=2,
                planned=True,
                planned_on=days(i % 7 - 3),
            )

    return add


def test_visit_list_costs_the_same_for_3_and_30_rows(coordinator, world, add_visits, login):
    costs = cost_with_3_and_30_rows(
        login(coordinator), reverse("counselling:visit_list"), add_visits
    )
    assert costs == (11, 11)


def test_visit_list_for_a_trainer_costs_the_same_for_3_and_30_rows(trainer, add_visits, login):
    costs = cost_with_3_and_30_rows(login(trainer), reverse("counselling:visit_list"), add_visits)
    assert costs == (11, 11)


def test_my_week_costs_the_same_for_3_and_30_rows(trainer, add_visits, login):
    costs = cost_with_3_and_30_rows(login(trainer), reverse("counselling:my_week"), add_visits)
    assert costs == (7, 7)


def test_team_page_costs_the_same_for_3_and_30_members_and_meetings(trainer, world, login):
    team = TeamFactory(enterprise=world.provided, programme=world.programme)

    def add(n):
        for i in range(n):
            member = TeamMemberFactory(team=team, person__role="manager" if i % 2 else "worker")
            MeetingFactory(team=team).attendees.add(member)

    url = reverse("counselling:team_page", args=[world.provided.pk])
    assert cost_with_3_and_30_rows(login(trainer), url, add) == (9, 9)


def test_project_list_costs_the_same_for_3_and_30_projects(trainer, world, login):
    def add(n):
        for _ in range(n):
            ProjectActionFactory(project=ProjectFactory(enterprise=world.provided))

    url = reverse("counselling:project_list", args=[world.provided.pk])
    assert cost_with_3_and_30_rows(login(trainer), url, add) == (7, 7)


def test_project_page_costs_the_same_for_3_and_30_actions(trainer, world, login):
    project = ProjectFactory(enterprise=world.provided)

    def add(n):
        for _ in range(n):
            ProjectActionFactory(project=project)

    url = reverse("counselling:project_detail", args=[project.pk])
    assert cost_with_3_and_30_rows(login(trainer), url, add) == (8, 8)
