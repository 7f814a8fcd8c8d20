"""Who sees which trainers (ADR 0002): admin all, coordinator their country's, provider
staff their organisation's, a trainer themself, everyone else nobody (404)."""

import pytest

from score.accounts.scopes import trainer_courses_visible_to, trainers_visible_to
from tests.trainers.factories import CourseFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    "admin_user": {"own", "other", "foreign"},
    "coordinator": {"own", "other"},
    "provider_staff": {"own"},
    "trainer": {"own"},
    "enterprise_user": set(),
    "sponsor_user": set(),
    "donor_user": set(),
    "outsider": set(),
}


def _names(network, trainers):
    ids = set(trainers.values_list("pk", flat=True))
    return {name for name in ("own", "other", "foreign") if getattr(network, name).pk in ids}


def test_each_persona_sees_the_trainers_of_their_scope(persona, network):
    name, user = persona
    assert _names(network, trainers_visible_to(user)) == EXPECTED[name]


def test_each_persona_opens_only_the_trainer_pages_of_their_scope(persona, network, login):
    name, user = persona
    client = login(user)
    for key in ("own", "other", "foreign"):
        response = client.get(getattr(network, key).get_absolute_url())
        assert response.status_code == (200 if key in EXPECTED[name] else 404), (name, key)


def test_provider_staff_list_only_their_organisations_trainers(provider_staff, network, login):
    response = login(provider_staff).get("/trainers/")
    assert response.status_code == 200
    assert [t.full_name for t in response.context["page"].object_list] == ["Zhao Lei"]


def test_courses_are_seen_through_their_country_and_participants(
    network, world, coordinator, provider_staff, trainer, sponsor_user
):
    chinese = CourseFactory(country=world.china)
    foreign = CourseFactory(country=world.vietnam)
    ParticipantFactory(course=foreign, trainer=network.own)
    unrelated = CourseFactory(country=world.vietnam)
    # The Viet Nam course has a Chinese participant: the coordinator sees it through them.
    assert set(trainer_courses_visible_to(coordinator)) == {chinese, foreign}
    assert set(trainer_courses_visible_to(provider_staff)) == {foreign}
    assert set(trainer_courses_visible_to(trainer)) == {foreign}
    assert not trainer_courses_visible_to(sponsor_user).exists()
    assert unrelated not in trainer_courses_visible_to(provider_staff)


def test_provider_staff_cannot_certify_their_trainers(provider_staff, network, login):
    from tests.trainers.factories import StatusFactory

    status = StatusFactory(trainer=network.own)
    response = login(provider_staff).get(
        f"/trainers/{network.own.pk}/modules/{status.module_id}/certify/"
    )
    assert response.status_code == 403


def test_a_trainer_may_not_edit_their_own_record(trainer, network, login):
    response = login(trainer).get(f"/trainers/{network.own.pk}/edit/")
    assert response.status_code == 403
