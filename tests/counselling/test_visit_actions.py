"""Planning, recording and cancelling visits, and how visits move the enrolment on."""

import datetime
from decimal import Decimal

import pytest

from score.core.models import AuditEvent
from score.counselling import actions, queries
from score.counselling.models import Visit
from score.training.actions import InvalidTransition
from tests.counselling.factories import EnrolmentFactory, VisitFactory, days, trainer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(world):
    return trainer_user(organisation=world.provider)


@pytest.fixture
def registered(world):
    return EnrolmentFactory(enterprise=world.provided, programme=world.programme)


@pytest.fixture
def after_classroom(world):
    return EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, classroom_done=True
    )


def record(enrolment, coach, **overrides):
    fields = {
        "by": coach,
        "enrolment": enrolment,
        "trainer": coach,
        "kind": "follow_up",
        "done_on": days(-1),
        "hours": Decimal("3"),
        "findings": "Team meets weekly.",
        "next_steps": "Start a suggestion scheme.",
    }
    fields.update(overrides)
    return actions.record_visit(**fields)


def test_planning_a_visit_creates_it_planned_with_the_next_number(after_classroom, coach):
    VisitFactory(enrolment=after_classroom, sequence=1)
    visit = actions.plan_visit(
        by=coach, enrolment=after_classroom, kind="follow_up", planned_on=days(3), trainer=coach
    )
    assert (visit.status, visit.sequence, visit.planned_on) == ("planned", 2, days(3))


def test_a_visit_cannot_be_planned_more_than_two_years_ahead(after_classroom, coach):
    for planned_on in (datetime.date(9999, 12, 31), days(2 * 365 + 1)):
        with pytest.raises(actions.CounsellingError, match="more than two years ahead") as refused:
            actions.plan_visit(
                by=coach,
                enrolment=after_classroom,
                kind="follow_up",
                planned_on=planned_on,
                trainer=coach,
            )
        assert refused.value.field == "planned_on"
    assert not after_classroom.visits.exists()


def test_a_visit_may_be_planned_up_to_two_years_ahead(after_classroom, coach):
    visit = actions.plan_visit(
        by=coach,
        enrolment=after_classroom,
        kind="follow_up",
        planned_on=days(2 * 365),
        trainer=coach,
    )
    assert visit.planned_on == days(2 * 365)


def test_a_planned_visit_cannot_be_moved_more_than_two_years_ahead(after_classroom, coach):
    visit = VisitFactory(enrolment=after_classroom, planned=True)
    with pytest.raises(actions.CounsellingError, match="more than two years ahead"):
        actions.update_visit(by=coach, visit=visit, planned_on=datetime.date(9999, 12, 31))


def test_planning_a_visit_writes_the_audit_trail(after_classroom, coach):
    visit = actions.plan_visit(
        by=coach, enrolment=after_classroom, kind="follow_up", planned_on=days(3), trainer=coach
    )
    assert AuditEvent.objects.filter(verb="plan_visit", object_id=str(visit.pk)).exists()


def test_a_visit_cannot_be_planned_for_a_past_date(after_classroom, coach):
    with pytest.raises(actions.VisitRuleError, match="has passed"):
        actions.plan_visit(
            by=coach,
            enrolment=after_classroom,
            kind="follow_up",
            planned_on=days(-1),
            trainer=coach,
        )


def test_a_visit_needs_a_user_with_the_trainer_role(after_classroom, coordinator):
    with pytest.raises(actions.VisitRuleError, match="is not a trainer") as refused:
        actions.plan_visit(
            by=coordinator,
            enrolment=after_classroom,
            kind="follow_up",
            planned_on=days(3),
            trainer=coordinator,
        )
    assert refused.value.field == "trainer"


def test_recording_a_new_visit_creates_it_done(after_classroom, coach):
    visit = record(after_classroom, coach)
    assert (visit.status, visit.done_on, visit.hours, visit.sequence) == (
        "done",
        days(-1),
        Decimal("3"),
        1,
    )


def test_recording_a_planned_visit_completes_it(after_classroom, coach):
    planned = VisitFactory(enrolment=after_classroom, trainer=coach, planned=True)
    actions.record_visit(
        by=coach,
        visit=planned,
        trainer=coach,
        kind="follow_up",
        done_on=days(0),
        hours=Decimal("2.5"),
    )
    planned.refresh_from_db()
    assert (planned.status, planned.done_on, planned.hours) == ("done", days(0), Decimal("2.5"))
    assert Visit.objects.count() == 1


def test_recording_a_baseline_visit_moves_a_registered_enrolment_to_baseline_done(
    registered, coach
):
    record(registered, coach, kind="baseline", done_on=days(-2))
    registered.refresh_from_db()
    assert (registered.status, registered.baseline_on) == ("baseline_done", days(-2))


def test_correcting_a_baseline_visits_date_moves_the_enrolments_baseline_date(registered, coach):
    visit = record(registered, coach, kind="baseline", done_on=days(-5))
    actions.update_visit(by=coach, visit=visit, done_on=days(-3))
    registered.refresh_from_db()
    assert registered.baseline_on == days(-3)


def test_a_baseline_visit_cannot_be_moved_after_the_classroom(registered, coach):
    from score.training.actions import EnrolmentRuleError, complete_classroom

    visit = record(registered, coach, kind="baseline", done_on=days(-5))
    registered.refresh_from_db()
    complete_classroom(by=coach, enrolment=registered, on=days(-4))
    with pytest.raises(EnrolmentRuleError, match="baseline visit comes before the classroom"):
        actions.update_visit(by=coach, visit=visit, done_on=days(-2))
    registered.refresh_from_db()
    assert registered.baseline_on == days(-5)


def test_an_enrolment_has_only_one_baseline_visit(registered, coach):
    record(registered, coach, kind="baseline")
    with pytest.raises(actions.VisitRuleError, match="already has its baseline visit"):
        record(registered, coach, kind="baseline")


def test_follow_up_visit_before_the_classroom_is_refused_with_the_next_step(registered, coach):
    with pytest.raises(actions.VisitRuleError, match="Record the classroom training first"):
        record(registered, coach, kind="follow_up")
    assert not Visit.objects.exists()


def test_a_visit_cannot_be_recorded_with_a_future_date(after_classroom, coach):
    with pytest.raises(actions.VisitRuleError, match="in the future") as refused:
        record(after_classroom, coach, done_on=days(1))
    assert refused.value.field == "done_on"


def test_a_visit_cannot_be_dated_before_the_enrolment(after_classroom, coach):
    with pytest.raises(actions.VisitRuleError, match=r"before .* was enrolled"):
        record(after_classroom, coach, kind="baseline", done_on=days(-365))


def test_a_follow_up_visit_cannot_be_dated_before_the_classroom(after_classroom, coach):
    with pytest.raises(actions.VisitRuleError, match="before the classroom training"):
        record(after_classroom, coach, done_on=days(-160))


def test_no_visit_is_recorded_for_a_dropped_enrolment(world, coach):
    dropped = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        status="dropped",
        dropped_on=days(-3),
        dropped_reason="Factory closed.",
    )
    with pytest.raises(actions.VisitRuleError, match="was dropped"):
        record(dropped, coach, kind="baseline")


@pytest.fixture
def closed(world, request):
    """A completed or a dropped enrolment with a follow-up visit done and one planned."""
    if request.param == "completed":
        fields = {"status": "completed", "completed_on": days(-3)}
    else:
        fields = {"status": "dropped", "dropped_on": days(-3), "dropped_reason": "Closed."}
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, classroom_done=True, **fields
    )
    done = VisitFactory(enrolment=enrolment, sequence=1)
    planned = VisitFactory(enrolment=enrolment, sequence=2, planned=True)
    return enrolment, done, planned


@pytest.mark.parametrize("closed", ["completed", "dropped"], indirect=True)
def test_no_visit_is_planned_for_a_completed_or_dropped_enrolment(closed, coach):
    enrolment, _done, _planned = closed
    with pytest.raises(actions.VisitRuleError, match=f"was {enrolment.status}"):
        actions.plan_visit(
            by=coach, enrolment=enrolment, kind="follow_up", planned_on=days(3), trainer=coach
        )
    assert enrolment.visits.count() == 2


@pytest.mark.parametrize("closed", ["completed", "dropped"], indirect=True)
def test_no_new_visit_is_recorded_for_a_completed_or_dropped_enrolment(closed, coach):
    enrolment, _done, _planned = closed
    with pytest.raises(actions.VisitRuleError, match=f"was {enrolment.status}"):
        record(enrolment, coach)
    assert enrolment.visits.count() == 2


@pytest.mark.parametrize("closed", ["completed", "dropped"], indirect=True)
def test_a_planned_visit_of_a_completed_or_dropped_enrolment_cannot_be_recorded(closed, coach):
    enrolment, _done, planned = closed
    with pytest.raises(actions.VisitRuleError, match=f"was {enrolment.status}"):
        record(None, coach, visit=planned)
    planned.refresh_from_db()
    assert planned.status == "planned"


@pytest.mark.parametrize("closed", ["completed", "dropped"], indirect=True)
def test_a_done_visit_of_a_completed_or_dropped_enrolment_can_still_be_corrected(closed, coach):
    _enrolment, done, _planned = closed
    actions.update_visit(by=coach, visit=done, findings="Corrected findings.")
    done.refresh_from_db()
    assert done.findings == "Corrected findings."


def test_completed_enrolments_are_not_offered_for_new_visits(world, coach):
    completed = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        classroom_done=True,
        status="completed",
        completed_on=days(-3),
    )
    assert completed not in queries.enrolment_choices(coach)


def test_recording_the_last_follow_up_can_mark_the_enrolments_visits_done(after_classroom, coach):
    for n in (1, 2):
        VisitFactory(enrolment=after_classroom, sequence=n)
    record(after_classroom, coach, complete_follow_ups=True)
    after_classroom.refresh_from_db()
    assert (after_classroom.status, after_classroom.visits_done_on) == ("visits_done", days(-1))


def test_recording_the_last_follow_up_leaves_the_enrolment_alone_unless_asked(
    after_classroom, coach
):
    for n in (1, 2):
        VisitFactory(enrolment=after_classroom, sequence=n)
    record(after_classroom, coach)
    after_classroom.refresh_from_db()
    assert after_classroom.status == "classroom_done"


def test_a_refused_enrolment_transition_saves_no_visit_and_says_why(world, coach):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, baseline_done=True
    )
    with pytest.raises(InvalidTransition, match="Record the classroom training next"):
        record(enrolment, coach, kind="baseline", complete_follow_ups=True)
    assert not Visit.objects.exists()


def test_cancelling_a_planned_visit_keeps_it_with_the_reason(after_classroom, coach):
    planned = VisitFactory(enrolment=after_classroom, trainer=coach, planned=True)
    actions.cancel_visit(by=coach, visit=planned, reason="Factory closed for the holiday.")
    planned.refresh_from_db()
    assert (planned.status, planned.cancelled_reason) == (
        "cancelled",
        "Factory closed for the holiday.",
    )


def test_a_visit_that_took_place_cannot_be_cancelled(after_classroom, coach):
    done = VisitFactory(enrolment=after_classroom, trainer=coach)
    with pytest.raises(actions.VisitRuleError, match="cannot be cancelled"):
        actions.cancel_visit(by=coach, visit=done)


def test_a_cancelled_number_is_free_for_the_next_planned_visit(after_classroom, coach):
    planned = VisitFactory(enrolment=after_classroom, trainer=coach, planned=True, sequence=1)
    actions.cancel_visit(by=coach, visit=planned)
    again = actions.plan_visit(
        by=coach, enrolment=after_classroom, kind="follow_up", planned_on=days(5), trainer=coach
    )
    assert again.sequence == 1


def test_changing_a_planned_visits_type_renumbers_it(after_classroom, coach):
    VisitFactory(enrolment=after_classroom, kind="final", sequence=1)
    planned = VisitFactory(enrolment=after_classroom, trainer=coach, planned=True, sequence=4)
    actions.update_visit(by=coach, visit=planned, kind="final")
    planned.refresh_from_db()
    assert (planned.kind, planned.sequence) == ("final", 2)


def test_editing_a_done_visit_checks_its_date(after_classroom, coach):
    done = VisitFactory(enrolment=after_classroom, trainer=coach)
    with pytest.raises(actions.VisitRuleError, match="in the future"):
        actions.update_visit(by=coach, visit=done, done_on=days(2))


def test_a_cancelled_visit_cannot_be_edited(after_classroom, coach):
    cancelled = VisitFactory(
        enrolment=after_classroom, trainer=coach, planned=True, status="cancelled"
    )
    with pytest.raises(actions.VisitRuleError, match="was cancelled"):
        actions.update_visit(by=coach, visit=cancelled, planned_on=days(4))
