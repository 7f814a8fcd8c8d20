"""The trainer-development rules, as matrices over the actions (SCORE.md, "Trainer
development"): Workplace Cooperation before any other module, an expert supervises each
ToE cycle, certification needs a completed ToE cycle of that module."""

import datetime

import pytest

from score.core.exceptions import ActionError
from score.trainers import actions
from score.trainers.models import Level, QualityReview, TrainerModuleStatus
from tests.counselling.factories import EnrolmentFactory, VisitFactory, trainer_user
from tests.factories import ParticipationFactory
from tests.trainers.factories import (
    CourseFactory,
    ParticipantFactory,
    StatusFactory,
    TrainerFactory,
)
from tests.training.factories import SessionFactory, core_module

pytestmark = pytest.mark.django_db

DAY = datetime.date(2021, 3, 1)


def _toe(trainer, module, outcome):
    supervisor = TrainerFactory()
    StatusFactory(trainer=supervisor, module=module, level="expert")
    course = CourseFactory(kind="toe", module=module, supervisor=supervisor)
    ParticipantFactory(
        course=course,
        trainer=trainer,
        outcome=outcome,
        outcome_on=None if outcome == "pending" else datetime.date(2021, 2, 1),
    )


@pytest.mark.parametrize(
    ("module_code", "own_level", "wc_level", "toe_outcome", "refusal"),
    [
        ("WC", "candidate", None, "completed", None),
        ("WC", "candidate", None, None, "no completed ToE cycle"),
        ("WC", "candidate", None, "pending", "no completed ToE cycle"),
        ("WC", "candidate", None, "not_completed", "no completed ToE cycle"),
        ("WC", None, None, None, "has not been trained in"),
        ("WC", "certified", None, "completed", "already certified"),
        ("QM", "candidate", "certified", "completed", None),
        ("QM", "candidate", "expert", "completed", None),
        ("QM", "candidate", "candidate", "completed", "not certified in Workplace Cooperation"),
        ("QM", "candidate", None, "completed", "not certified in Workplace Cooperation"),
        ("QM", "candidate", "certified", None, "no completed ToE cycle"),
    ],
)
def test_certification_follows_the_rules(module_code, own_level, wc_level, toe_outcome, refusal):
    module = core_module(module_code)
    trainer = TrainerFactory()
    if wc_level:
        StatusFactory(trainer=trainer, module=core_module("WC"), level=wc_level)
    if own_level:
        StatusFactory(trainer=trainer, module=module, level=own_level)
    if toe_outcome:
        _toe(trainer, module, toe_outcome)
    if refusal is None:
        status = actions.certify_trainer(by=None, trainer=trainer, module=module, certified_on=DAY)
        assert status.level == Level.CERTIFIED
        assert status.certified_on == DAY
    else:
        with pytest.raises(ActionError, match=refusal):
            actions.certify_trainer(by=None, trainer=trainer, module=module, certified_on=DAY)


def test_a_completed_tot_does_not_count_as_a_toe_for_certification():
    module = core_module("WC")
    trainer = TrainerFactory()
    StatusFactory(trainer=trainer, module=module)
    ParticipantFactory(
        course=CourseFactory(kind="tot", module=module),
        trainer=trainer,
        outcome="completed",
        outcome_on=datetime.date(2021, 1, 1),
    )
    with pytest.raises(ActionError, match="no completed ToE cycle"):
        actions.certify_trainer(by=None, trainer=trainer, module=module, certified_on=DAY)


def test_certification_cannot_predate_the_completed_toe():
    module = core_module("WC")
    trainer = TrainerFactory()
    StatusFactory(trainer=trainer, module=module)
    _toe(trainer, module, "completed")
    with pytest.raises(ActionError, match="before the ToE cycle was completed"):
        actions.certify_trainer(
            by=None, trainer=trainer, module=module, certified_on=datetime.date(2021, 1, 1)
        )


@pytest.mark.parametrize(
    ("supervisor_level", "supervisor_module", "expires_on", "refusal"),
    [
        ("expert", "WC", None, None),
        ("expert", "WC", datetime.date(2030, 1, 1), None),
        ("expert", "WC", datetime.date(2020, 12, 31), "is not an expert trainer"),
        ("certified", "WC", None, "is not an expert trainer"),
        ("candidate", "WC", None, "is not an expert trainer"),
        ("expert", "QM", None, "is not an expert trainer"),
        (None, None, None, "is not an expert trainer"),
    ],
)
def test_a_toe_cycle_is_supervised_by_an_expert_of_its_module(
    supervisor_level, supervisor_module, expires_on, refusal
):
    supervisor = TrainerFactory()
    if supervisor_level:
        StatusFactory(
            trainer=supervisor,
            module=core_module(supervisor_module),
            level=supervisor_level,
            expires_on=expires_on,
        )

    def create():
        return actions.create_course(
            by=None,
            kind="toe",
            module=core_module("WC"),
            title="ToE Shenyang",
            country=supervisor.country,
            start_date=DAY,
            end_date=datetime.date(2021, 9, 1),
            supervisor=supervisor,
        )

    if refusal is None:
        assert create().supervisor == supervisor
    else:
        with pytest.raises(ActionError, match=refusal):
            create()


def test_a_toe_cycle_needs_a_supervisor():
    with pytest.raises(ActionError, match="expert trainer who supervises"):
        actions.create_course(
            by=None,
            kind="toe",
            module=core_module("WC"),
            title="ToE",
            country=TrainerFactory().country,
            start_date=DAY,
            end_date=DAY,
        )


@pytest.mark.parametrize(
    ("kind", "module_code", "wc_level", "own_level", "refusal"),
    [
        ("tot", "WC", None, None, None),
        ("tot", "QM", None, None, "has not been trained in Workplace Cooperation"),
        ("tot", "QM", "candidate", None, None),
        ("toe", "WC", None, None, "has not been trained in"),
        ("toe", "WC", "candidate", "skip", None),
        ("toe", "QM", None, "candidate", "has not been trained in Workplace Cooperation"),
        ("toe", "QM", "candidate", "candidate", None),
        ("refresher", "QM", None, None, None),
    ],
)
def test_who_may_join_a_course(kind, module_code, wc_level, own_level, refusal):
    module = core_module(module_code)
    trainer = TrainerFactory()
    if wc_level:
        StatusFactory(trainer=trainer, module=core_module("WC"), level=wc_level)
    if own_level and own_level != "skip":
        StatusFactory(trainer=trainer, module=module, level=own_level)
    supervisor = None
    if kind == "toe":
        supervisor = TrainerFactory()
        StatusFactory(trainer=supervisor, module=module, level="expert")
    course = CourseFactory(kind=kind, module=module, supervisor=supervisor)
    if refusal is None:
        assert actions.add_course_participant(by=None, course=course, trainer=trainer).pk
    else:
        with pytest.raises(ActionError, match=refusal):
            actions.add_course_participant(by=None, course=course, trainer=trainer)


def test_a_toe_cycle_has_one_candidate():
    module = core_module("WC")
    supervisor = TrainerFactory()
    StatusFactory(trainer=supervisor, module=module, level="expert")
    course = CourseFactory(kind="toe", module=module, supervisor=supervisor)
    first, second = StatusFactory(module=module).trainer, StatusFactory(module=module).trainer
    actions.add_course_participant(by=None, course=course, trainer=first)
    with pytest.raises(ActionError, match="one candidate"):
        actions.add_course_participant(by=None, course=course, trainer=second)


def test_completing_a_tot_makes_the_trainer_a_candidate_in_its_module():
    trainer = TrainerFactory()
    course = CourseFactory(kind="tot", module=core_module("WC"))
    place = actions.add_course_participant(by=None, course=course, trainer=trainer)
    actions.record_course_outcome(
        by=None, participant=place, outcome="completed", outcome_on=datetime.date(2020, 1, 10)
    )
    status = TrainerModuleStatus.objects.get(trainer=trainer)
    assert (status.module.code, status.level, status.trained_on) == (
        "WC",
        "candidate",
        datetime.date(2020, 1, 10),
    )


def test_a_tot_not_completed_gives_no_status():
    trainer = TrainerFactory()
    course = CourseFactory(kind="tot", module=core_module("WC"))
    place = actions.add_course_participant(by=None, course=course, trainer=trainer)
    actions.record_course_outcome(
        by=None, participant=place, outcome="not_completed", outcome_on=datetime.date(2020, 1, 10)
    )
    assert not TrainerModuleStatus.objects.filter(trainer=trainer).exists()


@pytest.mark.parametrize(
    ("level", "refusal"),
    [("candidate", "not certified in"), ("certified", None), ("expert", "already an expert")],
)
def test_only_certified_trainers_become_experts(level, refusal):
    status = StatusFactory(level=level)
    if refusal is None:
        status = actions.promote_to_expert(
            by=None, trainer=status.trainer, module=status.module, expert_on=DAY
        )
        assert (status.level, status.expert_on) == ("expert", DAY)
    else:
        with pytest.raises(ActionError, match=refusal):
            actions.promote_to_expert(
                by=None, trainer=status.trainer, module=status.module, expert_on=DAY
            )


def test_renewing_extends_a_certificate_by_three_years_from_its_expiry():
    status = StatusFactory(level="certified", expires_on=datetime.date(2023, 6, 1))
    status = actions.renew_certification(
        by=None, trainer=status.trainer, module=status.module, renewed_on=datetime.date(2023, 5, 1)
    )
    assert status.expires_on == datetime.date(2026, 6, 1)
    assert status.renewed_on == datetime.date(2023, 5, 1)


def test_renewing_a_lapsed_certificate_counts_from_the_renewal():
    status = StatusFactory(level="expert", expires_on=datetime.date(2022, 6, 1))
    status = actions.renew_certification(
        by=None, trainer=status.trainer, module=status.module, renewed_on=datetime.date(2023, 5, 1)
    )
    assert status.expires_on == datetime.date(2026, 5, 1)


def test_a_candidate_has_no_certificate_to_renew():
    status = StatusFactory(level="candidate")
    with pytest.raises(ActionError, match="no certificate"):
        actions.renew_certification(
            by=None, trainer=status.trainer, module=status.module, renewed_on=DAY
        )


# The candidate's enterprises


def _toe_with_enterprise(enrolment):
    module = core_module("WC")
    supervisor = TrainerFactory()
    StatusFactory(trainer=supervisor, module=module, level="expert")
    course = CourseFactory(kind="toe", module=module, supervisor=supervisor)
    course.enrolments.set([enrolment])
    return course


def _candidate(user=None):
    trainer = TrainerFactory(user=user)
    StatusFactory(trainer=trainer, module=core_module("WC"))
    return trainer


def test_the_lead_trainer_of_the_toe_enterprise_may_be_its_candidate():
    user = trainer_user()
    course = _toe_with_enterprise(EnrolmentFactory(trainer=user))
    place = actions.add_course_participant(by=None, course=course, trainer=_candidate(user))
    assert place.course == course


def test_a_trainer_assigned_to_the_enterprise_in_its_programme_may_be_the_candidate():
    user = trainer_user()
    enrolment = EnrolmentFactory()
    participation = ParticipationFactory(
        enterprise=enrolment.enterprise, programme=enrolment.programme
    )
    participation.trainers.add(user)
    course = _toe_with_enterprise(enrolment)
    actions.add_course_participant(by=None, course=course, trainer=_candidate(user))
    assert course.participants.count() == 1


def test_a_candidate_who_does_not_train_the_toe_enterprises_is_refused():
    enrolment = EnrolmentFactory(trainer=trainer_user(), enterprise__name="Ningbo Socks")
    course = _toe_with_enterprise(enrolment)
    with pytest.raises(ActionError, match="is not a trainer of Ningbo Socks") as refused:
        actions.add_course_participant(by=None, course=course, trainer=_candidate(trainer_user()))
    assert refused.value.field == "trainer"
    assert not course.participants.exists()


def test_a_candidate_without_an_account_cannot_take_a_toe_with_enterprises():
    course = _toe_with_enterprise(EnrolmentFactory(trainer=trainer_user()))
    with pytest.raises(ActionError, match="no user account linked"):
        actions.add_course_participant(by=None, course=course, trainer=_candidate())


# Quality reviews


def test_a_quality_review_observes_a_class_or_a_visit_not_both():
    trainer = TrainerFactory()
    scores = dict.fromkeys(
        ["score_preparation", "score_content", "score_facilitation", "score_engagement"], 4
    )
    session = SessionFactory(
        start_date=datetime.date(2024, 5, 6), end_date=datetime.date(2024, 5, 7)
    )
    visit = VisitFactory(done_on=datetime.date(2024, 5, 6))
    with pytest.raises(ActionError, match="not both") as refused:
        actions.create_quality_review(
            by=None,
            trainer=trainer,
            reviewed_on=datetime.date(2024, 5, 8),
            session=session,
            visit=visit,
            **scores,
        )
    assert refused.value.field == "visit"
    assert not QualityReview.objects.exists()
