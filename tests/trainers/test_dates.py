"""Dates of the trainer network: what is recorded as done (outcomes, reviews, certificates)
is dated today at the latest and not before what it belongs to; courses are planned at
most two years ahead."""

import datetime

import pytest
from django.utils import timezone

from score.core.exceptions import ActionError
from score.trainers import actions
from score.trainers.models import QualityReview
from tests.counselling.factories import VisitFactory
from tests.trainers.factories import CourseFactory, ParticipantFactory, StatusFactory
from tests.training.factories import SessionFactory, core_module

pytestmark = pytest.mark.django_db

SCORES = {
    "score_preparation": 4,
    "score_content": 4,
    "score_facilitation": 3,
    "score_engagement": 5,
}


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def test_a_tot_outcome_cannot_be_dated_in_the_future():
    place = ParticipantFactory(course=CourseFactory(kind="tot", module=core_module("WC")))
    with pytest.raises(ActionError, match="in the future") as refused:
        actions.record_course_outcome(
            by=None, participant=place, outcome="completed", outcome_on=datetime.date(2030, 1, 1)
        )
    assert refused.value.field == "outcome_on"
    place.refresh_from_db()
    assert place.outcome == "pending"
    assert not place.trainer.module_statuses.exists()


@pytest.mark.parametrize(
    ("step", "field", "level"),
    [
        ("certify_trainer", "certified_on", "candidate"),
        ("promote_to_expert", "expert_on", "certified"),
        ("renew_certification", "renewed_on", "certified"),
    ],
)
def test_a_certificate_step_cannot_be_dated_in_the_future(step, field, level):
    status = StatusFactory(level=level)
    with pytest.raises(ActionError, match="in the future") as refused:
        getattr(actions, step)(
            by=None, trainer=status.trainer, module=status.module, **{field: _tomorrow()}
        )
    assert refused.value.field == field


def test_a_review_cannot_be_dated_before_the_class_it_observes():
    status = StatusFactory()
    session = SessionFactory(
        start_date=datetime.date(2024, 5, 6), end_date=datetime.date(2024, 5, 7)
    )
    with pytest.raises(ActionError, match="before the observed class began") as refused:
        actions.create_quality_review(
            by=None,
            trainer=status.trainer,
            reviewed_on=datetime.date(2024, 5, 5),
            session=session,
            **SCORES,
        )
    assert refused.value.field == "reviewed_on"
    assert not QualityReview.objects.exists()


def test_a_review_cannot_be_dated_before_the_visit_it_observes():
    status = StatusFactory()
    visit = VisitFactory(done_on=datetime.date(2024, 5, 6))
    with pytest.raises(ActionError, match="before the observed visit"):
        actions.create_quality_review(
            by=None,
            trainer=status.trainer,
            reviewed_on=datetime.date(2024, 5, 5),
            visit=visit,
            **SCORES,
        )


def test_a_review_on_the_day_of_the_visit_is_saved():
    status = StatusFactory()
    visit = VisitFactory(done_on=datetime.date(2024, 5, 6))
    review = actions.create_quality_review(
        by=None,
        trainer=status.trainer,
        reviewed_on=datetime.date(2024, 5, 6),
        visit=visit,
        **SCORES,
    )
    assert review.visit == visit


def test_a_course_cannot_be_planned_more_than_two_years_ahead(world):
    far = datetime.date(9999, 12, 31)
    with pytest.raises(ActionError, match="more than two years ahead"):
        actions.create_course(
            by=None,
            kind="tot",
            module=core_module("WC"),
            title="WC ToT",
            country=world.china,
            start_date=far,
            end_date=far,
        )
