"""Dates of the trainer network: what is recorded as done (course outcomes, quality reviews)
is dated today at the latest and not before what it belongs to; courses are planned at most
two years ahead; "trained on" follows the completed ToT outcomes."""

import datetime

import pytest

from score.core.exceptions import ActionError
from score.trainers import actions
from score.trainers.models import QualityReview, TrainerModuleStatus
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


# "Trained on" follows the completed ToT outcomes


def _tot_place(trainer=None, start=datetime.date(2020, 1, 6)):
    end = start + datetime.timedelta(days=4)
    course = CourseFactory(kind="tot", module=core_module("WC"), start_date=start, end_date=end)
    fields = {"trainer": trainer} if trainer else {}
    return ParticipantFactory(course=course, **fields)


def _outcome(place, outcome, on):
    return actions.record_course_outcome(by=None, participant=place, outcome=outcome, outcome_on=on)


def _trained_on(place):
    return TrainerModuleStatus.objects.get(trainer=place.trainer).trained_on


def test_correcting_the_tot_outcome_date_corrects_trained_on():
    place = _tot_place()
    _outcome(place, "completed", datetime.date(2020, 1, 30))
    _outcome(place, "completed", datetime.date(2020, 1, 10))
    assert _trained_on(place) == datetime.date(2020, 1, 10)


def test_trained_on_is_the_earliest_completed_tot():
    first = _tot_place()
    second = _tot_place(first.trainer, start=datetime.date(2021, 1, 4))
    _outcome(second, "completed", datetime.date(2021, 1, 8))
    _outcome(first, "completed", datetime.date(2020, 1, 10))
    assert _trained_on(first) == datetime.date(2020, 1, 10)
    _outcome(first, "not_completed", datetime.date(2020, 1, 10))
    assert _trained_on(first) == datetime.date(2021, 1, 8)


def test_a_tot_corrected_to_not_completed_removes_the_candidate_status():
    place = _tot_place()
    _outcome(place, "completed", datetime.date(2020, 1, 10))
    _outcome(place, "not_completed", datetime.date(2020, 1, 10))
    assert not TrainerModuleStatus.objects.filter(trainer=place.trainer).exists()


def test_the_only_tot_of_a_certified_trainer_cannot_be_undone():
    place = _tot_place()
    _outcome(place, "completed", datetime.date(2020, 1, 10))
    TrainerModuleStatus.objects.filter(trainer=place.trainer).update(
        level="certified", certified_on=datetime.date(2020, 6, 1)
    )
    with pytest.raises(ActionError, match="Correct that first"):
        _outcome(place, "not_completed", datetime.date(2020, 1, 10))
    place.refresh_from_db()
    assert place.outcome == "completed"


def test_training_cannot_be_redated_after_the_certification():
    place = _tot_place()
    _outcome(place, "completed", datetime.date(2020, 1, 10))
    TrainerModuleStatus.objects.filter(trainer=place.trainer).update(
        level="certified", certified_on=datetime.date(2020, 6, 1)
    )
    with pytest.raises(ActionError, match="was certified in"):
        _outcome(place, "completed", datetime.date(2020, 7, 1))
    assert _trained_on(place) == datetime.date(2020, 1, 10)
