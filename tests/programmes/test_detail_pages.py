"""What the detail pages show: facts, scoped lists, and counts computed in SQL over each
user's results scope (aggregates for donors and sponsors, names only where allowed)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def programme_page(client, world):
    return client.get(reverse("programmes:programme_detail", args=[world.programme.pk]))


def partnership_page(client, world):
    return client.get(reverse("programmes:partnership_detail", args=[world.partnership.pk]))


def test_programme_page_shows_its_donors_and_partners(admin_user, login, world):
    world.programme.implementation_partners.add(world.provider)
    response = programme_page(login(admin_user), world)
    assert "SECO" in response.text
    assert "Liaoning Training Centre" in response.text
    assert world.programme.country.name in response.text


def test_programme_page_counts_every_enterprise_taking_part_for_the_admin(admin_user, login, world):
    response = programme_page(login(admin_user), world)
    assert response.context["counts"]["taking_part"] == 4


def test_programme_page_counts_comparison_enterprises_apart(admin_user, login, world):
    ParticipationFactory(
        enterprise=EnterpriseFactory(country=world.china),
        programme=world.programme,
        is_comparison=True,
    )
    counts = programme_page(login(admin_user), world).context["counts"]
    assert (counts["taking_part"], counts["comparison"]) == (4, 1)


def test_programme_page_counts_the_workforce_of_enterprises_taking_part(admin_user, login, world):
    counts = programme_page(login(admin_user), world).context["counts"]
    assert counts["workforce"] == 4 * 100


def test_donor_sees_the_count_of_every_enterprise_in_a_programme_it_funds(donor_user, login, world):
    response = programme_page(login(donor_user), world)
    assert response.context["counts"]["taking_part"] == 4
    assert "Provided Machinery" not in response.text


def test_provider_staff_counts_only_the_enterprises_enrolled_with_them(
    provider_staff, login, world
):
    response = programme_page(login(provider_staff), world)
    assert response.context["counts"]["taking_part"] == 1


def test_programme_page_lists_only_partnerships_the_user_may_see(provider_staff, login, world):
    response = programme_page(login(provider_staff), world)
    assert response.context["programme"].visible_partnerships == []
    assert "COOP" not in response.text


def test_programme_page_links_only_organisations_the_user_may_open(provider_staff, login, world):
    world.programme.implementation_partners.add(world.provider)
    response = programme_page(login(provider_staff), world)
    assert world.provider.get_absolute_url() in response.text
    assert world.donor.get_absolute_url() not in response.text
    assert "SECO" in response.text


def test_partnership_page_shows_budget_currency_dates_targets_and_fee_share(
    admin_user, login, world
):
    partnership = world.partnership
    partnership.budget = Decimal("80000")
    partnership.currency = "USD"
    partnership.end_date = datetime.date(2014, 5, 31)
    partnership.target_enterprises = 10
    partnership.target_workers = 2500
    partnership.sponsor_fee_share = Decimal("50")
    partnership.save()
    text = partnership_page(login(admin_user), world).text
    for expected in ("USD 80,000", "2,500", "50 %", "Coop Switzerland", "CN-P1"):
        assert expected in text


def test_sponsor_sees_the_count_of_all_its_suppliers_but_only_consenting_ones_by_name(
    sponsor_user, login, world
):
    response = partnership_page(login(sponsor_user), world)
    assert response.context["coverage"]["enterprises"] == 2
    assert "Consenting Socks" in response.text
    assert "Private Garments" not in response.text


def test_donor_sees_the_count_of_covered_enterprises_but_no_names(donor_user, login, world):
    response = partnership_page(login(donor_user), world)
    assert response.context["coverage"]["enterprises"] == 2
    assert list(response.context["coverage"]["named"]) == []
    assert "Consenting Socks" not in response.text


def test_coordinator_sees_every_covered_enterprise_by_name(coordinator, login, world):
    response = partnership_page(login(coordinator), world)
    names = [e.name for e in response.context["coverage"]["named"]]
    assert names == ["Consenting Socks", "Private Garments"]


def test_donor_sees_the_sponsor_name_without_a_link_it_could_not_open(donor_user, login, world):
    text = partnership_page(login(donor_user), world).text
    assert "Coop Switzerland" in text
    assert world.sponsor.get_absolute_url() not in text


def test_organisation_page_shows_its_kind_status_mou_and_business_plan(admin_user, login, world):
    world.provider.mou_date = datetime.date(2012, 3, 1)
    world.provider.has_business_plan = True
    world.provider.save()
    url = reverse("programmes:organisation_detail", args=[world.provider.pk])
    response = login(admin_user).get(url)
    assert "Training institution" in response.text
    assert "Active" in response.text
    assert "March 1, 2012" in response.text
    assert "yes" in response.text


def test_organisation_page_lists_programmes_it_funds_and_partnerships_it_sponsors(
    coordinator, login, world
):
    client = login(coordinator)
    donor = client.get(reverse("programmes:organisation_detail", args=[world.donor.pk]))
    sponsor = client.get(reverse("programmes:organisation_detail", args=[world.sponsor.pk]))
    assert [p.code for p in donor.context["organisation"].visible_funded] == ["CN-P1"]
    assert [p.code for p in sponsor.context["organisation"].visible_partnerships] == ["COOP"]


def test_organisation_page_hides_programmes_outside_the_users_scope(coordinator, login, world):
    world.other_programme.donors.add(world.donor)
    url = reverse("programmes:organisation_detail", args=[world.donor.pk])
    response = login(coordinator).get(url)
    assert [p.code for p in response.context["organisation"].visible_funded] == ["CN-P1"]
    assert "VN-P1" not in response.text


def test_organisation_page_shows_the_implementing_programmes_the_user_may_see(
    provider_staff, login, world
):
    world.programme.implementation_partners.add(world.provider)
    world.other_programme.implementation_partners.add(world.provider)
    url = reverse("programmes:organisation_detail", args=[world.provider.pk])
    response = login(provider_staff).get(url)
    assert [p.code for p in response.context["organisation"].visible_implemented] == ["CN-P1"]
