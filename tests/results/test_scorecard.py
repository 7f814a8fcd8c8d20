"""An enterprise's scorecard: its KPIs against its baseline and against anonymised peers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.results.scorecard import PEER_MINIMUM, build_scorecard, peers_of
from tests.factories import EnterpriseFactory
from tests.results.helpers import measure

pytestmark = pytest.mark.django_db


def defects(enterprise, baseline, follow_up, units=1000):
    """Defect rate (computed: defective units per 100 units produced) at both waves."""
    measure(enterprise, "units_produced", units)
    measure(enterprise, "units_produced", units, wave="follow_up")
    measure(enterprise, "defective_units", baseline)
    measure(enterprise, "defective_units", follow_up, wave="follow_up")


def peer(world, **fields):
    """An enterprise of the same sector (C), country (China) and size (medium: 100)."""
    return EnterpriseFactory(
        **{"country": world.china, "sector": "C", "employees_female": 40, "employees_male": 60}
        | fields
    )


@pytest.fixture
def card_world(world):
    """``world.provided`` cut its defect rate from 5 % to 4 % (−20 %) and saved USD 2,000.
    Five peers changed by −50 %, −10 %, 0 %, +10 %, +20 %: median 0 %."""
    defects(world.provided, 50, 40)
    measure(world.provided, "cost_savings", 2000, wave="follow_up", currency="USD")
    for follow_up in (25, 45, 50, 55, 60):
        defects(peer(world), 50, follow_up)
    # Not peers: another sector, another size class, another country.
    defects(EnterpriseFactory(country=world.china, sector="G"), 50, 10)
    defects(peer(world, employees_female=400), 50, 10)
    defects(EnterpriseFactory(country=world.vietnam, sector="C"), 50, 10)
    return world


def _row(card, code):
    return next(row for row in card["rows"] if row.indicator.code == code)


def test_scorecard_shows_baseline_follow_up_and_change(card_world):
    card = build_scorecard(card_world.provided)
    row = _row(card, "defect_rate")
    assert (row.baseline, row.follow_up) == (5.0, 4.0)
    assert row.change == pytest.approx(-0.2)
    assert row.improved is True


def test_peer_median_comes_from_the_same_sector_country_and_size_class(card_world):
    card = build_scorecard(card_world.provided)
    row = _row(card, "defect_rate")
    assert row.peers_reporting == 5
    assert row.peer_median == pytest.approx(0.0)
    # The world's three other Chinese manufacturers of 100 are peers that report nothing.
    assert peers_of(card_world.provided).count() == 8


def test_no_peer_figure_from_fewer_than_five_peers(card_world):
    peers_of(card_world.provided).filter(measurements__isnull=False).first().delete()
    row = _row(build_scorecard(card_world.provided), "defect_rate")
    assert (row.peers_reporting, row.peer_median, row.peers_too_few) == (4, None, True)
    assert PEER_MINIMUM == 5


def test_reported_amounts_show_the_amount_in_usd(card_world):
    row = _row(build_scorecard(card_world.provided), "cost_savings")
    assert (row.is_amount, row.amount_usd, row.change) == (True, 2000.0, None)
    assert row.peers_reporting == 0


def test_indicators_without_any_value_are_left_out(card_world):
    codes = {row.indicator.code for row in build_scorecard(card_world.provided)["rows"]}
    assert codes == {"defect_rate", "cost_savings"}


def test_an_enterprise_of_unknown_size_has_no_peers(world):
    enterprise = EnterpriseFactory(country=world.china, employees_female=0, employees_male=0)
    assert not peers_of(enterprise).exists()
    assert build_scorecard(enterprise)["size_known"] is False


def test_the_page_names_no_peer(card_world, coordinator, login):
    response = login(coordinator).get(reverse("results:scorecard", args=[card_world.provided.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Defect rate" in html and "n = 5" in html
    assert "Unrelated Auto Parts" not in html


def test_the_page_says_when_peers_are_too_few(card_world, coordinator, login):
    peers_of(card_world.provided).filter(measurements__isnull=False).first().delete()
    response = login(coordinator).get(reverse("results:scorecard", args=[card_world.provided.pk]))
    assert "not shown: 4 peers report it" in response.content.decode()


# Who sees which scorecard --------------------------------------------------------------

SEES_PROVIDED = {"admin_user", "coordinator", "provider_staff", "trainer"}


def test_scorecard_follows_who_may_see_the_enterprise(card_world, persona, login):
    name, user = persona
    url = reverse("results:scorecard", args=[card_world.provided.pk])
    expected = 200 if name in SEES_PROVIDED else 404
    assert login(user).get(url).status_code == expected


def test_enterprise_user_sees_its_own_scorecard(world, enterprise_user, login):
    url = reverse("results:scorecard", args=[world.unrelated_cn.pk])
    assert login(enterprise_user).get(url).status_code == 200


def test_sponsor_sees_the_scorecard_of_a_consenting_supplier_only(world, sponsor_user, login):
    client = login(sponsor_user)
    consenting = reverse("results:scorecard", args=[world.sponsored_consenting.pk])
    private = reverse("results:scorecard", args=[world.sponsored_private.pk])
    assert client.get(consenting).status_code == 200
    assert client.get(private).status_code == 404


def test_scorecard_renders_in_chinese(card_world, coordinator, login):
    client = login(coordinator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("results:scorecard", args=[card_world.provided.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="zh-hans"' in html
    assert "次品率" in html  # the defect rate, by its Chinese name


# Query count ------------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_scorecard_costs_the_same_for_5_and_25_peers(card_world, coordinator, login):
    client = login(coordinator)
    url = reverse("results:scorecard", args=[card_world.provided.pk])
    few = _count(client, url)
    for _ in range(20):
        defects(peer(card_world), 50, 45)
    assert _count(client, url) == few
