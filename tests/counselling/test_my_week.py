"""The trainer's week: overdue visits on top, the next seven days, classes, and enrolments
whose follow-up visits are overdue."""

import datetime

import pytest
from django.urls import reverse

from tests.counselling.factories import VisitFactory, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(trainer, scene, login):
    def get():
        return login(trainer).get(reverse("counselling:my_week"))

    return get


def test_my_week_lists_the_trainers_visits_of_the_next_seven_days(week, scene):
    assert week().context["week"]["upcoming"] == [scene.planned_visit]


def test_my_week_leaves_out_visits_after_the_seventh_day(week, trainer, scene):
    VisitFactory(enrolment=scene.enrolment, trainer=trainer, planned=True, planned_on=days(7))
    assert week().context["week"]["upcoming"] == [scene.planned_visit]


def test_my_week_leaves_out_other_trainers_visits(week, scene):
    VisitFactory(enrolment=scene.enrolment, trainer=scene.other_trainer, planned=True)
    assert week().context["week"]["upcoming"] == [scene.planned_visit]


def test_my_week_puts_overdue_visits_on_top(week, trainer, scene):
    late = VisitFactory(
        enrolment=scene.enrolment, trainer=trainer, planned=True, planned_on=days(-3)
    )
    content = week().content.decode()
    assert content.index(reverse("counselling:visit_record", args=[late.pk])) < content.index(
        reverse("counselling:visit_record", args=[scene.planned_visit.pk])
    )


def test_my_week_shows_the_trainers_enrolments_behind_schedule(week, scene):
    assert week().context["week"]["behind"] == [scene.enrolment]


def test_my_week_links_every_visit_to_the_phone_form_and_back(week, scene):
    content = week().content.decode()
    url = reverse("counselling:visit_record", args=[scene.planned_visit.pk])
    assert f"{url}?next=/counselling/my-week/" in content


def test_my_week_shows_the_trainers_classes_when_the_training_app_has_them(week, trainer, world):
    from score.training.models import ClassroomSession

    session = ClassroomSession.objects.create(
        programme=world.programme,
        module=world.programme.enrolments.first().module,
        title="WC class 3",
        start_date=days(1),
        end_date=days(2),
        venue="Shenyang",
    )
    session.trainers.add(trainer)
    assert week().context["week"]["sessions"] == [session]


def test_my_week_covers_today_and_six_more_days(week, today):
    data = week().context["week"]
    assert (data["today"], data["end"]) == (today, today + datetime.timedelta(days=6))
