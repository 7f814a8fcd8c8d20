"""What a trainer's page says about their quality and activity: participant satisfaction
from the SAT survey of their classes (suppressed below 5 respondents), the KPI reach of
their enterprises, classes and visits in the activity window; and the course list's cost."""

import datetime

import pytest
from django.utils import timezone

from score.monitoring.models import Indicator, Measurement
from score.trainers import queries
from tests.surveys.conftest import respond
from tests.trainers.factories import CourseFactory, ParticipantFactory, TrainerFactory
from tests.training.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def taught(world, trainer):
    """The trainer persona's record, and a class they taught to ``world.provided``."""
    record = TrainerFactory(country=world.china, organisation=world.provider, user=trainer)
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, trainer=trainer
    )
    session = SessionFactory(
        programme=world.programme,
        enrolments=[enrolment],
        trainers=[trainer],
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=timezone.localdate() - datetime.timedelta(days=29),
    )
    return record, session


def _satisfied(record, session, world, n, viewer):
    respond(
        world.provided, "SAT", count=n, programme=world.programme, session=session,
        wave="after_module",
    )  # fmt: skip
    return queries.trainer_satisfaction(viewer, record)


def test_satisfaction_of_fewer_than_5_respondents_is_suppressed(taught, world, coordinator):
    cell = _satisfied(*taught, world, 4, coordinator)
    assert cell.suppressed and cell.percent is None


def test_satisfaction_of_5_respondents_is_shown(taught, world, coordinator, login):
    cell = _satisfied(*taught, world, 5, coordinator)
    assert (cell.n, cell.percent) == (5, 100)
    body = login(coordinator).get(taught[0].get_absolute_url()).content.decode()
    assert "100% (n = 5)" in body


def test_satisfaction_counts_only_the_trainers_own_classes(taught, world, coordinator):
    other_class = SessionFactory(programme=world.programme)
    respond(
        world.provided, "SAT", count=5, programme=world.programme, session=other_class,
        wave="after_module",
    )  # fmt: skip
    assert queries.trainer_satisfaction(coordinator, taught[0]).n == 0


def test_activity_counts_recent_classes_and_the_enterprises_followed_up(taught, world):
    record, _session = taught
    indicator = Indicator.objects.first()
    Measurement.objects.create(
        enterprise=world.provided,
        indicator=indicator,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 1, 31),
        wave="follow_up",
        value=1,
        source="company_records",
        entered_at=timezone.now(),
    )
    activity = queries.trainer_activity(record)
    assert (activity.classes, activity.visits) == (1, 0)
    assert (activity.enterprises, activity.enterprises_followed_up) == (1, 1)
    record = queries.with_activity(type(record).objects.filter(pk=record.pk)).get()
    assert record.is_delivering


def test_a_trainer_without_an_account_has_no_activity(world):
    record = TrainerFactory(country=world.china)
    activity = queries.trainer_activity(record)
    assert (activity.classes, activity.visits, activity.enterprises) == (0, 0, 0)


def test_the_course_list_costs_the_same_queries_for_few_and_many_courses(
    world, coordinator, login, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            course = CourseFactory(country=world.china)
            ParticipantFactory(course=course, trainer=TrainerFactory(country=world.china))

    add(1)
    client = login(coordinator)
    client.get("/trainers/courses/")
    with django_assert_num_queries(5) as few:
        assert client.get("/trainers/courses/").status_code == 200
    add(10)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get("/trainers/courses/").status_code == 200
