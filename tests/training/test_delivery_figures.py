"""A programme's delivery figures against a small hand-counted example."""

import datetime

import pytest

from score.training.queries import delivery_figures
from tests.factories import PersonFactory
from tests.training.factories import EnrolmentFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(world):
    trained = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        status="classroom_done",
        classroom_on=datetime.date(2012, 3, 2),
    )
    not_yet = EnrolmentFactory(enterprise=world.unrelated_cn, programme=world.programme)
    private = EnrolmentFactory(
        enterprise=world.sponsored_private,
        programme=world.programme,
        status="completed",
        classroom_on=datetime.date(2012, 3, 2),
    )
    session = SessionFactory(programme=world.programme, enrolments=[trained, not_yet, private])
    woman = PersonFactory(enterprise=world.provided, sex="female", role="manager")
    man = PersonFactory(enterprise=world.provided, sex="male", role="worker")
    other = PersonFactory(enterprise=world.sponsored_private, sex="female", role="worker")
    for person in (woman, man, other):
        ParticipantFactory(session=session, person=person)
    second = SessionFactory(programme=world.programme, enrolments=[trained])
    ParticipantFactory(session=second, person=woman)  # the same person counts once
    return session


def test_admin_counts_trained_enterprises_and_distinct_people(admin_user, delivered):
    figures = delivery_figures(admin_user, delivered.programme)
    assert figures["enterprises_trained"] == 2
    assert figures["people_trained"] == 3
    assert (figures["people_female"], figures["people_male"]) == (2, 1)
    assert (figures["people_managers"], figures["people_workers"]) == (1, 2)
    assert figures["classes"] == 2


def test_provider_staff_count_only_their_organisations_enterprises(provider_staff, delivered):
    figures = delivery_figures(provider_staff, delivered.programme)
    assert figures["enterprises_trained"] == 1
    assert figures["people_trained"] == 2


def test_sponsor_counts_all_its_suppliers_in_aggregate(sponsor_user, delivered):
    figures = delivery_figures(sponsor_user, delivered.programme)
    assert figures["enterprises_trained"] == 1  # the private supplier, consent or not
    assert figures["people_trained"] == 1
