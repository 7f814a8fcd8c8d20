"""What each persona may see, decided in score.accounts.scopes (DESIGN.md, "Roles")."""

import pytest

from score.accounts.scopes import (
    enterprises_in_results_scope,
    enterprises_visible_to,
    organisations_visible_to,
    partnerships_visible_to,
    people_visible_to,
    programmes_visible_to,
)

pytestmark = pytest.mark.django_db


def names(qs):
    return sorted(qs.values_list("name", flat=True))


def test_admin_sees_every_enterprise(admin_user, world):
    assert enterprises_visible_to(admin_user).count() == 5


def test_coordinator_sees_enterprises_of_their_country_only(coordinator, world):
    assert world.foreign.name not in names(enterprises_visible_to(coordinator))
    assert len(names(enterprises_visible_to(coordinator))) == 4


def test_coordinator_sees_programmes_of_their_country_only(coordinator, world):
    assert names(programmes_visible_to(coordinator)) == ["SCORE China Phase I"]


def test_provider_staff_sees_only_enterprises_enrolled_with_their_organisation(
    provider_staff, world
):
    assert names(enterprises_visible_to(provider_staff)) == ["Provided Machinery"]


def test_trainer_sees_only_assigned_enterprises(trainer, world):
    assert names(enterprises_visible_to(trainer)) == ["Provided Machinery"]


def test_enterprise_user_sees_only_their_enterprise(enterprise_user, world):
    assert names(enterprises_visible_to(enterprise_user)) == ["Unrelated Auto Parts"]
    assert people_visible_to(enterprise_user).count() == 1


def test_sponsor_sees_only_consenting_suppliers_one_by_one(sponsor_user, world):
    assert names(enterprises_visible_to(sponsor_user)) == ["Consenting Socks"]


def test_sponsor_aggregates_cover_all_sponsored_suppliers(sponsor_user, world):
    assert names(enterprises_in_results_scope(sponsor_user)) == [
        "Consenting Socks",
        "Private Garments",
    ]


def test_donor_sees_no_enterprise_one_by_one_but_aggregates_its_programmes(donor_user, world):
    assert enterprises_visible_to(donor_user).count() == 0
    assert enterprises_in_results_scope(donor_user).count() == 4
    assert names(programmes_visible_to(donor_user)) == ["SCORE China Phase I"]


def test_outsider_sees_nothing(outsider, world):
    assert enterprises_visible_to(outsider).count() == 0
    assert enterprises_in_results_scope(outsider).count() == 0
    assert programmes_visible_to(outsider).count() == 0
    assert organisations_visible_to(outsider).count() == 0
    assert partnerships_visible_to(outsider).count() == 0


def test_sponsor_sees_its_own_partnership_only(sponsor_user, world):
    assert list(partnerships_visible_to(sponsor_user)) == [world.partnership]


def test_provider_staff_sees_their_own_organisation(provider_staff, world):
    assert list(organisations_visible_to(provider_staff)) == [world.provider]
