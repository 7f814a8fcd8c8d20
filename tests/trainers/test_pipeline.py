"""Pipeline and logframe figures against a hand-computed network, and their query counts.

On UNTIL (2024-06-30), with the activity window 2023-06-30 .. 2024-06-30:

| trainer | country | sex    | WC                         | QM        | delivered              |
|---------|---------|--------|----------------------------|-----------|------------------------|
| t1      | CN      | female | certified                  | candidate | class 2024-03          |
| t2      | CN      | male   | certified, expired 2023-01 |           | visit 2024-01          |
| t3      | CN      | female | expert                     |           | class 2022-03 (old)    |
| t4      | VN      | male   | candidate from 2024-09     |           |                        |
| t5      | VN      | female | certified                  |           | visit 2023-08          |
| t6      | CN      | male   | —                          |           | class 2024-03          |

trained: t1 t2 t3 t5 = 4; certified: t1 t3 t5 = 3; active (certified and delivering): t1 t5 = 2.
"""

import datetime

import pytest

from score.counselling.models import Visit
from score.trainers import queries
from tests.factories import UserFactory
from tests.trainers.factories import StatusFactory, TrainerFactory
from tests.training.factories import EnrolmentFactory, SessionFactory, core_module

pytestmark = pytest.mark.django_db

UNTIL = datetime.date(2024, 6, 30)
D = datetime.date


def _class(world, user, start):
    SessionFactory(
        programme=world.programme,
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        trainers=[user],
    )


def _visit(world, user, done_on):
    enrolment = EnrolmentFactory(programme=world.programme)
    Visit.objects.create(
        enrolment=enrolment, kind="baseline", status="done", done_on=done_on, hours=3, trainer=user
    )


@pytest.fixture
def hand_network(world):
    wc, qm = core_module("WC"), core_module("QM")
    users = [UserFactory() for _ in range(6)]
    t1 = TrainerFactory(country=world.china, sex="female", user=users[0])
    t2 = TrainerFactory(country=world.china, sex="male", user=users[1])
    t3 = TrainerFactory(country=world.china, sex="female", user=users[2])
    t4 = TrainerFactory(country=world.vietnam, sex="male", user=users[3])
    t5 = TrainerFactory(country=world.vietnam, sex="female", user=users[4])
    t6 = TrainerFactory(country=world.china, sex="male", user=users[5])
    StatusFactory(trainer=t1, module=wc, level="certified")
    StatusFactory(trainer=t1, module=qm, level="candidate", trained_on=D(2023, 5, 1))
    StatusFactory(trainer=t2, module=wc, level="certified", expires_on=D(2023, 1, 1))
    StatusFactory(trainer=t3, module=wc, level="expert")
    StatusFactory(trainer=t4, module=wc, level="candidate", trained_on=D(2024, 9, 1))
    StatusFactory(trainer=t5, module=wc, level="certified")
    _class(world, users[0], D(2024, 3, 4))
    _visit(world, users[1], D(2024, 1, 15))
    _class(world, users[2], D(2022, 3, 7))
    _visit(world, users[4], D(2023, 8, 20))
    _class(world, users[5], D(2024, 3, 11))
    return [t1, t2, t3, t4, t5, t6]


def _rows(stages):
    return {s.label: (s.trained, s.certified, s.active) for s in stages}


def test_pipeline_counts_trained_certified_and_active_by_module_country_and_sex(
    hand_network, admin_user
):
    pipeline = queries.pipeline(admin_user, until=UNTIL)
    total = pipeline.total
    assert (total.trained, total.certified, total.active) == (4, 3, 2)
    assert (total.certified_share, total.active_share) == (75, 67)
    assert _rows(pipeline.by_module) == {
        "Workplace Cooperation": (4, 3, 2),
        "Quality Management": (1, 0, 0),
    }
    assert _rows(pipeline.by_country) == {"China": (3, 2, 1), "Viet Nam": (1, 1, 1)}
    assert _rows(pipeline.by_sex) == {"Female": (3, 3, 2), "Male": (1, 0, 0)}


def test_a_coordinator_sees_the_pipeline_of_their_country_only(hand_network, coordinator):
    pipeline = queries.pipeline(coordinator, until=UNTIL)
    assert (pipeline.total.trained, pipeline.total.certified, pipeline.total.active) == (3, 2, 1)
    assert _rows(pipeline.by_country) == {"China": (3, 2, 1)}


def test_logframe_functions_agree_with_the_hand_computed_network(hand_network, world):
    assert queries.trainers_trained(country="CN", until_date=UNTIL) == 3
    assert queries.trainers_certified(country=world.china, until_date=UNTIL) == 2
    assert queries.trainers_active(country="CN", until_date=UNTIL) == 1
    assert queries.trainers_trained(until_date=UNTIL) == 4
    assert queries.trainers_active(until_date=UNTIL) == 2
    assert queries.expert_trainers_by_sex("CN", UNTIL) == {"female": 1, "male": 0}
    assert queries.expert_trainers_by_sex("VN", UNTIL) == {"female": 0, "male": 0}


def test_logframe_functions_count_a_programmes_trainers_through_their_classes_and_visits(
    hand_network, world
):
    # Every class and visit above is in CN-P1: t1, t2, t3, t5 and t6 delivered in it.
    assert queries.trainers_trained(programme="CN-P1", until_date=UNTIL) == 4
    assert queries.trainers_certified(programme=world.programme, until_date=UNTIL) == 3
    assert queries.trainers_active(programme="CN-P1", until_date=UNTIL) == 2


def test_an_earlier_day_moves_the_pipeline_back(hand_network, admin_user):
    # 2020-03-01: everybody trained (2020-01-10) but nobody certified (2020-06-01) yet.
    pipeline = queries.pipeline(admin_user, until=D(2020, 3, 1))
    assert (pipeline.total.trained, pipeline.total.certified, pipeline.total.active) == (4, 0, 0)


def test_the_activity_window_follows_the_setting(hand_network, admin_user, settings):
    settings.SCORE_TRAINER_ACTIVE_MONTHS = 4
    pipeline = queries.pipeline(admin_user, until=UNTIL)
    assert pipeline.total.active == 1  # t5's visit (2023-08) is now too old; t1 counts


def test_months_before_keeps_the_day_or_the_months_last_day():
    assert queries.months_before(D(2024, 6, 30), 12) == D(2023, 6, 30)
    assert queries.months_before(D(2024, 3, 31), 1) == D(2024, 2, 29)
    assert queries.months_before(D(2024, 1, 15), 13) == D(2022, 12, 15)


def _grow(world, n):
    for _ in range(n):
        trainer = TrainerFactory(country=world.china, user=UserFactory())
        StatusFactory(trainer=trainer, module=core_module("QM"), level="certified")
        _class(world, trainer.user, D(2024, 3, 4))


def test_the_pipeline_page_costs_the_same_queries_for_small_and_large_networks(
    hand_network, world, admin_user, login, django_assert_num_queries
):
    client = login(admin_user)
    client.get("/trainers/pipeline/")  # warm caches (session, content types)
    with django_assert_num_queries(10) as small:
        assert client.get("/trainers/pipeline/?until=2024-06-30").status_code == 200
    _grow(world, 8)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get("/trainers/pipeline/?until=2024-06-30").status_code == 200


def test_the_trainer_list_costs_the_same_queries_for_small_and_large_networks(
    hand_network, world, coordinator, login, django_assert_num_queries
):
    client = login(coordinator)
    client.get("/trainers/")
    with django_assert_num_queries(6) as small:
        assert client.get("/trainers/?active=yes").status_code == 200
    _grow(world, 8)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get("/trainers/?active=yes").status_code == 200


def test_the_trainer_page_costs_the_same_queries_with_more_records(
    hand_network, world, admin_user, login, django_assert_num_queries
):
    from tests.trainers.factories import ReviewFactory

    t1 = hand_network[0]
    client = login(admin_user)
    client.get(t1.get_absolute_url())
    with django_assert_num_queries(13) as small:
        assert client.get(t1.get_absolute_url()).status_code == 200
    for _ in range(4):
        ReviewFactory(trainer=t1)
    StatusFactory(trainer=t1, module=core_module("HR"), level="certified")
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(t1.get_absolute_url()).status_code == 200
