"""Who sees which visits, teams and projects (score.accounts.scopes)."""

import pytest

from score.accounts.scopes import eits_visible_to, projects_visible_to, visits_visible_to

pytestmark = pytest.mark.django_db


def enterprises_of_visits(user):
    return sorted(
        set(visits_visible_to(user).values_list("enrolment__enterprise__name", flat=True))
    )


def test_admin_sees_every_visit(admin_user, scene):
    assert visits_visible_to(admin_user).count() == 5


def test_coordinator_sees_visits_of_their_countrys_programmes_only(coordinator, scene):
    assert enterprises_of_visits(coordinator) == ["Provided Machinery", "Unrelated Auto Parts"]


def test_provider_staff_sees_visits_of_their_organisations_enrolments(provider_staff, scene):
    assert enterprises_of_visits(provider_staff) == ["Provided Machinery"]


def test_trainer_sees_only_their_own_enterprises_visits(trainer, scene):
    assert enterprises_of_visits(trainer) == ["Provided Machinery"]


def test_trainer_sees_other_trainers_visits_at_their_enterprise(trainer, scene):
    assert visits_visible_to(trainer).filter(pk=scene.others_visit.pk).exists()


def test_trainer_keeps_seeing_their_own_visits_after_the_assignment_ends(trainer, world, scene):
    world.provided.participations.get().trainers.remove(trainer)
    scene.enrolment.trainer = None
    scene.enrolment.save()
    assert set(visits_visible_to(trainer)) == {scene.done_visit, scene.planned_visit}


@pytest.mark.parametrize("name", ["enterprise_user", "sponsor_user", "donor_user", "outsider"])
def test_non_working_roles_see_no_visits(name, request, scene):
    assert visits_visible_to(request.getfixturevalue(name)).count() == 0


def test_enterprise_user_sees_their_own_team_and_projects(enterprise_user, scene):
    assert list(eits_visible_to(enterprise_user)) == [scene.unrelated_team]
    assert list(projects_visible_to(enterprise_user)) == [scene.unrelated_project]


def test_trainer_sees_the_team_and_projects_of_assigned_enterprises(trainer, scene):
    assert list(eits_visible_to(trainer)) == [scene.team]
    assert list(projects_visible_to(trainer)) == [scene.project]


@pytest.mark.parametrize("name", ["sponsor_user", "donor_user", "outsider"])
def test_viewers_see_no_team_or_project(name, request, scene):
    user = request.getfixturevalue(name)
    assert eits_visible_to(user).count() == 0
    assert projects_visible_to(user).count() == 0
