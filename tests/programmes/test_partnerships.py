"""Creating, editing, searching and filtering partnerships, and bad input."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from score.programmes.models import Partnership
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def partnership_data(world, **overrides):
    data = {
        "code": "BSCI",
        "name": "BSCI partnership",
        "sponsor": world.sponsor.pk,
        "programme": world.programme.pk,
        "budget": "80000",
        "currency": "USD",
        "start_date": "2013-01-01",
        "end_date": "2014-05-31",
        "target_enterprises": "10",
        "target_workers": "2500",
        "sponsor_fee_share": "50",
        "notes": "",
    }
    data.update(overrides)
    return data


def create(client, world, **overrides):
    return client.post(
        reverse("programmes:partnership_create"), partnership_data(world, **overrides)
    )


def assert_nothing_written():
    assert not Partnership.objects.filter(code="BSCI").exists()


def test_coordinator_creates_a_partnership_in_their_programme(coordinator, login, world):
    response = create(login(coordinator), world)
    bsci = Partnership.objects.get(code="BSCI")
    assert response.status_code == 302
    assert response.url == bsci.get_absolute_url()
    assert (bsci.budget, bsci.target_workers, bsci.sponsor_fee_share) == (
        Decimal("80000"),
        2500,
        Decimal("50"),
    )
    assert messages_of(response) == ["Partnership BSCI partnership (BSCI) was created."]


def test_programme_page_link_preselects_the_programme(coordinator, login, world):
    response = login(coordinator).get(
        reverse("programmes:partnership_create"), {"programme": world.programme.pk}
    )
    assert response.context["form"].initial["programme"] == str(world.programme.pk)


def test_coordinator_cannot_add_a_partnership_to_another_countrys_programme(
    coordinator, login, world
):
    response = create(login(coordinator), world, programme=world.other_programme.pk)
    assert response.context["form"].errors["programme"]
    assert_nothing_written()


def test_sponsor_must_be_of_a_sponsoring_kind(coordinator, login, world):
    response = create(login(coordinator), world, sponsor=world.provider.pk)
    assert response.context["form"].errors["sponsor"]
    assert_nothing_written()


def test_fee_share_above_100_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, sponsor_fee_share="150")
    assert response.status_code == 200
    assert response.context["form"].errors["sponsor_fee_share"]
    assert_nothing_written()


def test_negative_budget_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, budget="-1")
    assert response.context["form"].errors["budget"]
    assert_nothing_written()


def test_unknown_currency_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, currency="ABC")
    assert "ABC is not a currency" in response.context["form"].errors["currency"][0]
    assert_nothing_written()


def test_end_date_before_start_date_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, end_date="2012-12-31")
    assert "is before the start date" in response.context["form"].errors["end_date"][0]
    assert_nothing_written()


def test_duplicate_partnership_code_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, code="COOP")
    assert response.context["form"].errors["code"] == [
        "Another partnership already uses this code. Choose another."
    ]
    assert Partnership.objects.filter(code="COOP").count() == 1


def test_negative_target_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, target_workers="-5")
    assert response.context["form"].errors["target_workers"]
    assert_nothing_written()


def test_budget_that_is_not_a_number_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, budget="eighty thousand")
    assert response.context["form"].errors["budget"]
    assert_nothing_written()


def test_coordinator_changes_a_partnerships_budget(coordinator, login, world):
    url = reverse("programmes:partnership_edit", args=[world.partnership.pk])
    data = partnership_data(world, code="COOP", name=world.partnership.name, budget="120000")
    response = login(coordinator).post(url, data)
    world.partnership.refresh_from_db()
    assert response.status_code == 302
    assert world.partnership.budget == Decimal("120000")
    assert messages_of(response) == [f"Your changes to {world.partnership} were saved."]


def test_edit_keeps_a_sponsor_whose_kind_is_no_longer_a_sponsoring_one(coordinator, login, world):
    world.sponsor.kind = "training_institution"
    world.sponsor.save()
    url = reverse("programmes:partnership_edit", args=[world.partnership.pk])
    data = partnership_data(world, code="COOP", name=world.partnership.name, budget="1")
    response = login(coordinator).post(url, data)
    assert response.status_code == 302


def test_sponsor_cannot_change_its_own_partnership(sponsor_user, login, world):
    url = reverse("programmes:partnership_edit", args=[world.partnership.pk])
    data = partnership_data(world, code="COOP", name="Renamed")
    response = login(sponsor_user).post(url, data)
    assert response.status_code == 403
    world.partnership.refresh_from_db()
    assert world.partnership.name != "Renamed"


def test_partnership_list_filters_by_sponsor(admin_user, login, world):
    other = OrganisationFactory(name="Inditex", kind="lead_buyer", country=None)
    PartnershipFactory(code="INDITEX", sponsor=other, programme=world.programme)
    response = login(admin_user).get(reverse("programmes:partnership_list"), {"sponsor": other.pk})
    assert [p.code for p in response.context["page"].object_list] == ["INDITEX"]


def test_partnership_list_filters_by_programme(admin_user, login, world):
    PartnershipFactory(code="VN-BUYER", programme=world.other_programme)
    response = login(admin_user).get(
        reverse("programmes:partnership_list"), {"programme": world.other_programme.pk}
    )
    assert [p.code for p in response.context["page"].object_list] == ["VN-BUYER"]


def test_partnership_list_searches_sponsor_names(admin_user, login, world):
    PartnershipFactory(code="OTHER", programme=world.programme)
    response = login(admin_user).get(reverse("programmes:partnership_list"), {"q": "coop sw"})
    assert [p.code for p in response.context["page"].object_list] == ["COOP"]


def test_sponsor_filter_offers_only_sponsors_the_user_may_see(sponsor_user, login, world):
    PartnershipFactory(code="HIDDEN", programme=world.programme)
    response = login(sponsor_user).get(reverse("programmes:partnership_list"))
    assert list(response.context["form"].fields["sponsor"].queryset) == [world.sponsor]


def test_partnership_list_counts_all_covered_enterprises_for_the_sponsor(
    sponsor_user, login, world
):
    response = login(sponsor_user).get(reverse("programmes:partnership_list"))
    assert [p.enterprise_count for p in response.context["page"].object_list] == [2]


def test_target_too_large_for_the_database_gives_an_error_and_writes_nothing(
    coordinator, login, world
):
    response = create(login(coordinator), world, target_workers="99999999999999999999")
    assert response.context["form"].errors["target_workers"]
    assert_nothing_written()


def test_budget_with_too_many_digits_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, budget="1" * 20)
    assert response.context["form"].errors["budget"]
    assert_nothing_written()
