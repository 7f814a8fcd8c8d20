"""The rule matrix of enrolments: enrolling, and every status × every transition."""

import datetime

import pytest
from django.utils import timezone

from score.core.models import AuditEvent
from score.training import actions
from score.training.actions import (
    BaselineMissing,
    EnrolmentRuleError,
    InvalidTransition,
    NotInProgramme,
    PrerequisiteMissing,
)
from score.training.models import Enrolment, EnrolmentStatus
from tests.counselling.factories import VisitFactory
from tests.factories import (
    EnterpriseFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProgrammeFactory,
)
from tests.training.factories import EnrolmentFactory, ModuleFactory, core_module

pytestmark = pytest.mark.django_db

ON = datetime.date(2012, 5, 2)
OK = "ok"


def _drop(**kwargs):
    return actions.drop_enrolment(reason="The owner sold the factory.", **kwargs)


ACTIONS = {
    "record_baseline": (actions.record_baseline, EnrolmentStatus.BASELINE_DONE, "baseline_on"),
    "complete_classroom": (
        actions.complete_classroom,
        EnrolmentStatus.CLASSROOM_DONE,
        "classroom_on",
    ),
    "complete_visits": (actions.complete_visits, EnrolmentStatus.VISITS_DONE, "visits_done_on"),
    "complete_enrolment": (actions.complete_enrolment, EnrolmentStatus.COMPLETED, "completed_on"),
    "drop_enrolment": (_drop, EnrolmentStatus.DROPPED, "dropped_on"),
}

S = EnrolmentStatus
# (module, status) -> action -> OK or the exception it raises.
MATRIX = {
    S.REGISTERED: {
        "record_baseline": OK,
        "complete_classroom": BaselineMissing,
        "complete_visits": InvalidTransition,
        "complete_enrolment": InvalidTransition,
        "drop_enrolment": OK,
    },
    S.BASELINE_DONE: {
        "record_baseline": InvalidTransition,
        "complete_classroom": OK,
        "complete_visits": InvalidTransition,
        "complete_enrolment": InvalidTransition,
        "drop_enrolment": OK,
    },
    S.CLASSROOM_DONE: {
        "record_baseline": InvalidTransition,
        "complete_classroom": InvalidTransition,
        "complete_visits": OK,
        "complete_enrolment": InvalidTransition,
        "drop_enrolment": OK,
    },
    S.VISITS_DONE: {
        "record_baseline": InvalidTransition,
        "complete_classroom": InvalidTransition,
        "complete_visits": InvalidTransition,
        "complete_enrolment": OK,
        "drop_enrolment": OK,
    },
    S.COMPLETED: {name: InvalidTransition for name in ACTIONS},
    S.DROPPED: {name: InvalidTransition for name in ACTIONS},
}

CASES = [
    pytest.param(status, action, outcome, id=f"{status}-{action}")
    for status, row in MATRIX.items()
    for action, outcome in row.items()
]


@pytest.mark.parametrize(("status", "action", "outcome"), CASES)
def test_workplace_cooperation_transition_follows_the_rule_matrix(
    status, action, outcome, admin_user
):
    enrolment = EnrolmentFactory(status=status)
    VisitFactory(enrolment=enrolment)  # a follow-up visit took place
    function, target, date_field = ACTIONS[action]
    if outcome is OK:
        function(by=admin_user, enrolment=enrolment, on=ON)
        enrolment.refresh_from_db()
        assert enrolment.status == target
        assert getattr(enrolment, date_field) == ON
        assert AuditEvent.objects.filter(verb=action, object_id=str(enrolment.pk)).exists()
    else:
        with pytest.raises(outcome):
            function(by=admin_user, enrolment=enrolment, on=ON)
        enrolment.refresh_from_db()
        assert enrolment.status == status


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (S.REGISTERED, OK),
        (S.BASELINE_DONE, OK),
        (S.CLASSROOM_DONE, InvalidTransition),
        (S.VISITS_DONE, InvalidTransition),
        (S.COMPLETED, InvalidTransition),
        (S.DROPPED, InvalidTransition),
    ],
)
def test_other_modules_may_hold_the_classroom_before_a_baseline_visit(status, outcome, admin_user):
    enrolment = EnrolmentFactory(module=core_module("QM"), status=status)
    if outcome is OK:
        actions.complete_classroom(by=admin_user, enrolment=enrolment, on=ON)
        enrolment.refresh_from_db()
        assert enrolment.status == S.CLASSROOM_DONE
    else:
        with pytest.raises(outcome):
            actions.complete_classroom(by=admin_user, enrolment=enrolment, on=ON)


def test_workplace_cooperation_classroom_without_baseline_says_to_record_the_baseline(
    admin_user,
):
    enrolment = EnrolmentFactory(enterprise__name="Ningbo Socks")
    with pytest.raises(BaselineMissing) as refused:
        actions.complete_classroom(by=admin_user, enrolment=enrolment)
    assert refused.value.message == (
        "Ningbo Socks has no baseline visit yet, and no enterprise may attend the Workplace "
        "Cooperation classroom without one. Record its baseline visit first."
    )


def test_invalid_transition_names_the_next_step(admin_user):
    enrolment = EnrolmentFactory(status=S.BASELINE_DONE)
    with pytest.raises(InvalidTransition, match="Record the classroom training next"):
        actions.complete_visits(by=admin_user, enrolment=enrolment)


def test_follow_up_visits_cannot_be_marked_done_before_one_took_place(admin_user):
    enrolment = EnrolmentFactory(status=S.CLASSROOM_DONE, enterprise__name="Ningbo Socks")
    VisitFactory(enrolment=enrolment, kind="baseline")
    VisitFactory(enrolment=enrolment, planned=True)
    with pytest.raises(EnrolmentRuleError) as refused:
        actions.complete_visits(by=admin_user, enrolment=enrolment, on=ON)
    assert "No follow-up visit of Ningbo Socks" in refused.value.message
    assert "Record at least one follow-up visit" in refused.value.message
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.visits_done_on) == (S.CLASSROOM_DONE, None)


@pytest.mark.parametrize("kind", ["follow_up", "final"])
def test_one_follow_up_visit_done_is_enough_to_mark_them_done(kind, admin_user):
    enrolment = EnrolmentFactory(status=S.CLASSROOM_DONE)
    VisitFactory(enrolment=enrolment, kind=kind)
    actions.complete_visits(by=admin_user, enrolment=enrolment, on=ON)
    enrolment.refresh_from_db()
    assert enrolment.status == S.VISITS_DONE
    assert actions.follow_ups_done(enrolment) == 1


@pytest.mark.parametrize("action", list(ACTIONS))
def test_no_step_is_dated_in_the_future(action, admin_user):
    function, _target, date_field = ACTIONS[action]
    status = {
        "record_baseline": S.REGISTERED,
        "complete_classroom": S.BASELINE_DONE,
        "complete_visits": S.CLASSROOM_DONE,
        "complete_enrolment": S.VISITS_DONE,
        "drop_enrolment": S.REGISTERED,
    }[action]
    enrolment = EnrolmentFactory(status=status)
    VisitFactory(enrolment=enrolment)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(EnrolmentRuleError, match="is in the future"):
        function(by=admin_user, enrolment=enrolment, on=tomorrow)
    enrolment.refresh_from_db()
    assert (enrolment.status, getattr(enrolment, date_field)) == (status, None)


def test_dropping_needs_a_reason(admin_user):
    enrolment = EnrolmentFactory()
    with pytest.raises(EnrolmentRuleError, match="Say why"):
        actions.drop_enrolment(by=admin_user, enrolment=enrolment, reason="  ")
    enrolment.refresh_from_db()
    assert enrolment.status == S.REGISTERED


def test_dropping_keeps_the_reason(admin_user):
    enrolment = EnrolmentFactory()
    actions.drop_enrolment(by=admin_user, enrolment=enrolment, reason=" Moved abroad ")
    enrolment.refresh_from_db()
    assert enrolment.dropped_reason == "Moved abroad"


# Enrolling


@pytest.fixture
def taking_part(db):
    participation = ParticipationFactory()
    return participation.enterprise, participation.programme


def test_enterprise_taking_part_is_enrolled_in_workplace_cooperation(taking_part, admin_user):
    enterprise, programme = taking_part
    enrolment = actions.enrol_enterprise(
        by=admin_user, enterprise=enterprise, programme=programme, module=core_module()
    )
    assert enrolment.status == S.REGISTERED
    assert enrolment.registered_on is not None


def test_enrolment_takes_the_provider_of_the_participation(admin_user):
    participation = ParticipationFactory(provider=OrganisationFactory(name="Liaoning TC"))
    enrolment = actions.enrol_enterprise(
        by=admin_user,
        enterprise=participation.enterprise,
        programme=participation.programme,
        module=core_module(),
    )
    assert enrolment.provider == participation.provider


def test_other_module_without_workplace_cooperation_is_refused(taking_part, admin_user):
    enterprise, programme = taking_part
    with pytest.raises(PrerequisiteMissing, match="Workplace Cooperation"):
        actions.enrol_enterprise(
            by=admin_user, enterprise=enterprise, programme=programme, module=core_module("QM")
        )
    assert not Enrolment.objects.exists()


def test_workplace_cooperation_only_registered_does_not_count_as_under_way(taking_part, admin_user):
    enterprise, programme = taking_part
    EnrolmentFactory(enterprise=enterprise, programme=programme, status=S.REGISTERED)
    with pytest.raises(PrerequisiteMissing):
        actions.enrol_enterprise(
            by=admin_user, enterprise=enterprise, programme=programme, module=core_module("OSH")
        )


@pytest.mark.parametrize("status", [S.BASELINE_DONE, S.CLASSROOM_DONE, S.COMPLETED])
def test_other_module_is_allowed_once_workplace_cooperation_is_under_way(
    status, taking_part, admin_user
):
    enterprise, programme = taking_part
    EnrolmentFactory(enterprise=enterprise, programme=programme, status=status)
    enrolment = actions.enrol_enterprise(
        by=admin_user, enterprise=enterprise, programme=programme, module=core_module("QM")
    )
    assert enrolment.module.code == "QM"


def test_relaxed_programme_allows_other_modules_first(admin_user):
    participation = ParticipationFactory(programme=ProgrammeFactory(relax_module_order=True))
    enrolment = actions.enrol_enterprise(
        by=admin_user,
        enterprise=participation.enterprise,
        programme=participation.programme,
        module=core_module("PCP"),
    )
    assert enrolment.module.code == "PCP"


def test_comparison_enterprise_is_not_enrolled(admin_user):
    participation = ParticipationFactory(is_comparison=True)
    with pytest.raises(NotInProgramme, match="comparison enterprise"):
        actions.enrol_enterprise(
            by=admin_user,
            enterprise=participation.enterprise,
            programme=participation.programme,
            module=core_module(),
        )
    assert not Enrolment.objects.exists()


def test_enterprise_outside_the_programme_is_not_enrolled(admin_user):
    with pytest.raises(NotInProgramme, match="Add it to the programme first"):
        actions.enrol_enterprise(
            by=admin_user,
            enterprise=EnterpriseFactory(),
            programme=ProgrammeFactory(),
            module=core_module(),
        )


def test_duplicate_enrolment_is_refused(taking_part, admin_user):
    enterprise, programme = taking_part
    actions.enrol_enterprise(
        by=admin_user, enterprise=enterprise, programme=programme, module=core_module()
    )
    with pytest.raises(EnrolmentRuleError, match="already enrolled"):
        actions.enrol_enterprise(
            by=admin_user, enterprise=enterprise, programme=programme, module=core_module()
        )
    assert Enrolment.objects.count() == 1


def test_module_of_another_programme_is_not_offered(taking_part, admin_user):
    enterprise, programme = taking_part
    with pytest.raises(EnrolmentRuleError, match="is not offered"):
        actions.enrol_enterprise(
            by=admin_user, enterprise=enterprise, programme=programme, module=ModuleFactory()
        )


def test_programme_module_is_offered_in_its_programme(taking_part, admin_user):
    enterprise, programme = taking_part
    module = ModuleFactory(programme=programme)
    enrolment = actions.enrol_enterprise(
        by=admin_user, enterprise=enterprise, programme=programme, module=module
    )
    assert enrolment.module == module


@pytest.mark.parametrize(
    ("status", "action", "earlier_field"),
    [
        (S.REGISTERED, "record_baseline", "registered_on"),
        (S.BASELINE_DONE, "complete_classroom", "baseline_on"),
        (S.CLASSROOM_DONE, "complete_visits", "classroom_on"),
        (S.VISITS_DONE, "complete_enrolment", "visits_done_on"),
    ],
)
def test_step_cannot_be_dated_before_the_step_before(status, action, earlier_field, admin_user):
    enrolment = EnrolmentFactory(status=status, **{earlier_field: ON})
    VisitFactory(enrolment=enrolment)
    function, _target, date_field = ACTIONS[action]
    with pytest.raises(EnrolmentRuleError, match="each step of a module comes after"):
        function(by=admin_user, enrolment=enrolment, on=ON - datetime.timedelta(days=1))
    enrolment.refresh_from_db()
    assert enrolment.status == status
    assert getattr(enrolment, date_field) is None
