"""The class list, the class page and the enrolment page cost the same number of queries
for few rows or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.accounts.models import Role
from tests.counselling.factories import EnrolmentFactory, VisitFactory
from tests.factories import ParticipationFactory, user_with_role
from tests.training.factories import ModuleFactory, class_of

pytestmark = pytest.mark.django_db

# Pinned: session and user (2), memberships (1), the page's own reads. If a change moves
# these, look for a query in a loop before raising them.
LIST_QUERIES = 9
DETAIL_QUERIES = 12


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _classes(world, n):
    teachers = [user_with_role(Role.TRAINER) for _ in range(2)]
    for _ in range(n):
        enterprise = ParticipationFactory(programme=world.programme).enterprise
        class_of(
            programme=world.programme,
            enterprises=[enterprise],
            provider=world.provider,
            managers=1,
            workers=1,
            trainers=teachers,
        )


def test_class_list_costs_the_same_for_3_and_30_classes(coordinator, login, world):
    client = login(coordinator)
    url = reverse("training:session_list")
    _classes(world, 3)
    few = _queries(client, url)
    _classes(world, 27)
    many = _queries(client, url)
    assert few == many == LIST_QUERIES


def _class_page(world, n):
    enterprises = [ParticipationFactory(programme=world.programme).enterprise for _ in range(n)]
    teachers = [user_with_role(Role.TRAINER) for _ in range(2)]
    session = class_of(programme=world.programme, enterprises=enterprises, provider=world.provider)
    session.trainers.set(teachers)
    return reverse("training:session_detail", args=[session.pk])


@pytest.mark.parametrize("persona_name", ["coordinator", "provider_staff"])
def test_class_page_costs_the_same_for_3_and_30_enterprises(persona_name, request, login, world):
    client = login(request.getfixturevalue(persona_name))
    few = _queries(client, _class_page(world, 3))
    many = _queries(client, _class_page(world, 30))
    assert few == many
    assert many <= DETAIL_QUERIES


# Pinned like the above: the enrolment page, its visits (one query) and whether its
# follow-up visits are overdue (one query).
ENROLMENT_QUERIES = 8


def _enrolment_with_visits(world, trainer, n):
    enrolment = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        provider=world.provider,
        trainer=trainer,
        module=ModuleFactory(),
        classroom_done=True,
    )
    for number in range(1, n + 1):
        VisitFactory(enrolment=enrolment, trainer=trainer, sequence=number)
    VisitFactory(enrolment=enrolment, trainer=trainer, kind="final", planned=True)
    return reverse("training:enrolment_detail", args=[enrolment.pk])


@pytest.mark.parametrize("persona_name", ["coordinator", "trainer"])
def test_enrolment_page_costs_the_same_for_1_and_10_visits(persona_name, request, login, world):
    user = request.getfixturevalue(persona_name)
    trainer = request.getfixturevalue("trainer")
    client = login(user)
    few = _queries(client, _enrolment_with_visits(world, trainer, 1))
    many = _queries(client, _enrolment_with_visits(world, trainer, 10))
    assert few == many
    assert many == ENROLMENT_QUERIES
