"""List pages cost the same number of queries whatever the number of rows."""

from string import ascii_uppercase

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    CountryFactory,
    EnterpriseFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def assert_same_cost_for_3_and_30_rows(client, url, add_rows):
    add_rows(3)
    with_3 = queries_for(client, url)
    add_rows(27)
    with_30 = queries_for(client, url)
    assert with_30 == with_3


def add_programmes(world):
    def add(n):
        for _ in range(n):
            programme = ProgrammeFactory(country=world.china)
            programme.donors.add(world.donor)
            ParticipationFactory(
                enterprise=EnterpriseFactory(country=world.china), programme=programme
            )

    return add


def add_partnerships(world):
    def add(n):
        for _ in range(n):
            partnership = PartnershipFactory(sponsor=world.sponsor, programme=world.programme)
            ParticipationFactory(
                enterprise=EnterpriseFactory(country=world.china),
                programme=world.programme,
                partnership=partnership,
            )

    return add


def add_organisations(world):
    def add(n):
        OrganisationFactory.create_batch(n, country=world.china)

    return add


# User-assigned ISO 3166 codes (XA…XZ, YA…YZ) cannot clash with real countries.
SPARE_CODES = iter(f"{first}{second}" for first in "XY" for second in ascii_uppercase)


def add_countries(n):
    for _ in range(n):
        code = next(SPARE_CODES)
        CountryFactory(code=code, name=f"Country {code}", currency="USD")


def test_programme_list_costs_the_same_for_3_and_30_programmes(coordinator, login, world):
    url = reverse("programmes:programme_list")
    assert_same_cost_for_3_and_30_rows(login(coordinator), url, add_programmes(world))


def test_partnership_list_costs_the_same_for_3_and_30_partnerships(coordinator, login, world):
    url = reverse("programmes:partnership_list")
    assert_same_cost_for_3_and_30_rows(login(coordinator), url, add_partnerships(world))


def test_organisation_list_costs_the_same_for_3_and_30_organisations(coordinator, login, world):
    url = reverse("programmes:organisation_list")
    assert_same_cost_for_3_and_30_rows(login(coordinator), url, add_organisations(world))


def test_country_list_costs_the_same_for_3_and_30_countries(admin_user, login, world):
    url = reverse("programmes:country_list")
    assert_same_cost_for_3_and_30_rows(login(admin_user), url, add_countries)


def test_programme_page_costs_the_same_with_3_and_30_partnerships(coordinator, login, world):
    url = reverse("programmes:programme_detail", args=[world.programme.pk])
    assert_same_cost_for_3_and_30_rows(login(coordinator), url, add_partnerships(world))


def test_partnership_page_costs_the_same_with_3_and_30_covered_enterprises(
    coordinator, login, world
):
    def add(n):
        for _ in range(n):
            ParticipationFactory(
                enterprise=EnterpriseFactory(country=world.china),
                programme=world.programme,
                partnership=world.partnership,
            )

    url = reverse("programmes:partnership_detail", args=[world.partnership.pk])
    assert_same_cost_for_3_and_30_rows(login(coordinator), url, add)


def test_organisation_page_costs_the_same_with_3_and_30_funded_programmes(
    coordinator, login, world
):
    url = reverse("programmes:organisation_detail", args=[world.donor.pk])
    assert_same_cost_for_3_and_30_rows(login(coordinator), url, add_programmes(world))
