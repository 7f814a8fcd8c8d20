"""The exchange-rate page: everyone who monitors reads the rates; coordinators keep them.

The catalogue migration seeds annual rates, so these tests use a date before any seed."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from score.monitoring.actions import record_exchange_rate
from score.monitoring.models import ExchangeRate

pytestmark = pytest.mark.django_db

URL = "/monitoring/exchange-rates/"
MONITORING_USERS = {"admin_user", "coordinator", "provider_staff", "trainer", "enterprise_user"}
KEEPERS = {"admin_user", "coordinator"}


def test_the_page_is_reachable_by_its_name():
    assert reverse("monitoring:exchange_rates") == URL


def test_monitoring_users_read_the_rates_and_others_are_refused(persona, login, admin_user):
    name, user = persona
    record_exchange_rate(
        by=admin_user, currency="CNY", valid_from=datetime.date(1999, 1, 1), units_per_usd="6.31"
    )
    response = login(user).get(URL)
    assert response.status_code == (200 if name in MONITORING_USERS else 403)
    if name in MONITORING_USERS:
        assert "6.31" in response.content.decode()
        assert (response.context["form"] is not None) == (name in KEEPERS)


def test_a_coordinator_adds_a_rate_and_reads_what_it_means(coordinator, login):
    response = login(coordinator).post(
        URL,
        {"currency": "CNY", "valid_from": "1999-01-01", "units_per_usd": "6.46", "source": "PBoC"},
        follow=True,
    )
    rate = ExchangeRate.objects.get(valid_from="1999-01-01")
    assert (rate.currency, rate.units_per_usd) == ("CNY", Decimal("6.46"))
    assert "From 1999-01-01, one US dollar is 6.46 CNY." in response.content.decode()


def test_saving_the_same_currency_and_date_corrects_the_rate(coordinator, login):
    client = login(coordinator)
    for value in ("6.46", "6.45"):
        client.post(URL, {"currency": "CNY", "valid_from": "1999-01-01", "units_per_usd": value})
    rates = ExchangeRate.objects.filter(valid_from="1999-01-01")
    assert list(rates.values_list("units_per_usd", flat=True)) == [Decimal("6.45")]


@pytest.mark.parametrize(
    "bad",
    [
        {"units_per_usd": "0"},
        {"units_per_usd": "-3"},
        {"units_per_usd": "many"},
        {"currency": "XYZ"},
        {"valid_from": "31/31/2011"},
    ],
)
def test_a_bad_rate_is_refused_with_the_form_and_nothing_saved(coordinator, login, bad):
    data = {"currency": "CNY", "valid_from": "1999-01-01", "units_per_usd": "6.46", **bad}
    response = login(coordinator).post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ExchangeRate.objects.filter(valid_from="1999-01-01").exists()


def test_a_trainer_cannot_post_a_rate(trainer, login):
    response = login(trainer).post(
        URL, {"currency": "CNY", "valid_from": "1999-01-01", "units_per_usd": "6.46"}
    )
    assert response.status_code == 403
    assert not ExchangeRate.objects.filter(valid_from="1999-01-01").exists()


def test_the_list_filters_by_currency(admin_user, login):
    for currency, rate in (("CNY", "6.31"), ("VND", "20828")):
        record_exchange_rate(
            by=admin_user,
            currency=currency,
            valid_from=datetime.date(1999, 1, 1),
            units_per_usd=rate,
        )
    page = login(admin_user).get(URL, {"currency": "vnd"}).context["page"]
    assert {r.currency for r in page.object_list} == {"VND"}
