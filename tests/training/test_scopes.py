"""Who sees which enrolments, classes and modules (score.accounts.scopes)."""

import pytest

from score.accounts.models import Role
from score.accounts.scopes import (
    enrolments_visible_to,
    modules_visible_to,
    sessions_visible_to,
)
from score.training import permissions
from tests.factories import user_with_role
from tests.training.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def enterprises_of(qs):
    return sorted(set(qs.values_list("enterprise__name", flat=True)))


def test_admin_sees_every_enrolment(admin_user, classes):
    assert enrolments_visible_to(admin_user).count() == 5


def test_coordinator_sees_enrolments_of_their_countrys_programmes(coordinator, classes):
    assert enterprises_of(enrolments_visible_to(coordinator)) == [
        "Consenting Socks",
        "Provided Machinery",
        "Unrelated Auto Parts",
    ]


def test_provider_staff_sees_enrolments_their_organisation_delivers(provider_staff, classes):
    assert enterprises_of(enrolments_visible_to(provider_staff)) == ["Provided Machinery"]


def test_trainer_sees_enrolments_of_assigned_enterprises(trainer, classes):
    assert enterprises_of(enrolments_visible_to(trainer)) == ["Provided Machinery"]


def test_trainer_sees_an_enrolment_they_lead_without_an_assignment(classes, world):
    lead = user_with_role(Role.TRAINER)
    classes.own.trainer = lead
    classes.own.save()
    assert list(enrolments_visible_to(lead)) == [classes.own]


def test_enterprise_user_sees_their_own_enrolments(enterprise_user, classes):
    assert list(enrolments_visible_to(enterprise_user)) == [classes.own]


def test_sponsor_sees_enrolments_of_consenting_suppliers_only(sponsor_user, classes, world):
    EnrolmentFactory(enterprise=world.sponsored_private, programme=world.programme)
    assert list(enrolments_visible_to(sponsor_user)) == [classes.consenting]


def test_donor_and_outsider_see_no_enrolment(donor_user, outsider, classes):
    assert not enrolments_visible_to(donor_user).exists()
    assert not enrolments_visible_to(outsider).exists()


@pytest.mark.parametrize(
    ("persona_name", "expected"),
    [
        ("admin_user", {"session", "foreign_session"}),
        ("coordinator", {"session"}),
        ("provider_staff", {"session"}),
        ("trainer", {"session"}),
        ("enterprise_user", set()),
        ("sponsor_user", set()),
        ("donor_user", set()),
        ("outsider", set()),
    ],
)
def test_classes_are_visible_within_the_personas_scope(persona_name, expected, request, classes):
    user = request.getfixturevalue(persona_name)
    names = {
        name
        for name in ("session", "foreign_session")
        if sessions_visible_to(user).filter(pk=getattr(classes, name).pk).exists()
    }
    assert names == expected


def test_trainer_teaching_a_class_sees_it(classes):
    teacher = user_with_role(Role.TRAINER)
    classes.foreign_session.trainers.add(teacher)
    assert list(sessions_visible_to(teacher)) == [classes.foreign_session]


def test_enterprise_user_sees_the_class_their_enterprise_attends(enterprise_user, classes):
    classes.session.enrolments.add(classes.own)
    assert list(sessions_visible_to(enterprise_user)) == [classes.session]


def test_programme_module_is_visible_only_with_its_programme(coordinator, admin_user, classes):
    assert classes.vn_module not in modules_visible_to(coordinator)
    assert classes.vn_module in modules_visible_to(admin_user)
    assert modules_visible_to(coordinator).filter(code="WC").exists()


def test_outsider_sees_no_module(outsider, classes):
    assert not modules_visible_to(outsider).exists()


def test_trainer_may_not_move_on_enrolments_even_their_own(trainer, classes):
    assert not permissions.can_change_enrolment(trainer, classes.enrolment)
    assert not permissions.can_change_enrolment(trainer, classes.own)
    assert not permissions.enrolments_changeable_by(trainer).exists()


def test_provider_staff_may_move_on_the_enrolments_their_organisation_delivers(
    provider_staff, classes
):
    assert permissions.can_change_enrolment(provider_staff, classes.enrolment)
    assert not permissions.can_change_enrolment(provider_staff, classes.foreign)


def test_enterprise_user_may_not_move_on_their_own_enrolment(enterprise_user, classes):
    assert not permissions.can_change_enrolment(enterprise_user, classes.own)
