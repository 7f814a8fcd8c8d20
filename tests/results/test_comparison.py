"""The comparison-group estimate: difference in differences with a bootstrap interval."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.results.comparison import GROUP_MINIMUM, build_comparison, did_estimate
from tests.factories import EnterpriseFactory, ParticipationFactory
from tests.results.helpers import measure

pytestmark = pytest.mark.django_db

# Hand-computed: trained enterprises changed their defect rate by −20 %, −10 %, −30 %,
# −20 %, −20 % (mean −0.20); comparison enterprises by 0 %, −10 %, +10 %, 0 %, 0 % (mean 0).
# Estimate: −0.20 − 0 = −0.20.
TRAINED = (40, 45, 35, 40, 40)
COMPARISON = (50, 45, 55, 50, 50)


def defect_rate(enterprise, baseline, follow_up):
    measure(enterprise, "defect_rate", baseline)
    measure(enterprise, "defect_rate", follow_up, wave="follow_up")


def member(programme, *, comparison: bool):
    enterprise = EnterpriseFactory(country=programme.country)
    ParticipationFactory(enterprise=enterprise, programme=programme, is_comparison=comparison)
    return enterprise


@pytest.fixture
def groups(world):
    for follow_up in TRAINED:
        defect_rate(member(world.programme, comparison=False), 50, follow_up)
    for follow_up in COMPARISON:
        defect_rate(member(world.programme, comparison=True), 50, follow_up)
    return world


def _row(estimate, code):
    return next(row for row in estimate["rows"] if row.indicator.code == code)


def test_estimate_is_the_difference_of_mean_changes(groups):
    row = _row(build_comparison(groups.programme), "defect_rate")
    assert (row.n_treated, row.n_comparison) == (5, 5)
    assert row.estimate.treated_mean == pytest.approx(-0.2)
    assert row.estimate.comparison_mean == pytest.approx(0.0)
    assert row.estimate.estimate == pytest.approx(-0.2)
    assert row.favourable is True  # lower defect rates are better


def test_interval_brackets_the_estimate_and_is_the_same_every_time(groups):
    first = _row(build_comparison(groups.programme), "defect_rate").estimate
    again = _row(build_comparison(groups.programme), "defect_rate").estimate
    assert first.low < first.estimate < first.high
    assert (first.low, first.high) == (again.low, again.high)
    # Resampled means cannot leave the range of the data: treated −0.3…−0.1, comparison
    # −0.1…+0.1, so every resampled difference lies within −0.4…0.
    assert first.low >= -0.4 and first.high <= 0.0


def test_no_estimate_with_fewer_than_five_in_a_group(world):
    for follow_up in TRAINED:
        defect_rate(member(world.programme, comparison=False), 50, follow_up)
    for follow_up in COMPARISON[:4]:
        defect_rate(member(world.programme, comparison=True), 50, follow_up)
    row = _row(build_comparison(world.programme), "defect_rate")
    assert (row.n_comparison, row.estimate, row.too_few) == (4, None, True)
    assert GROUP_MINIMUM == 5


def test_enterprises_of_other_programmes_are_left_out(groups):
    defect_rate(member(groups.other_programme, comparison=True), 50, 100)
    row = _row(build_comparison(groups.programme), "defect_rate")
    assert row.n_comparison == 5


def test_interval_contains_the_true_effect_on_synthetic_data():
    """Changes drawn around −0.05 (comparison) and −0.20 (trained): true effect −0.15."""
    rng = random.Random(7)
    comparison = [rng.gauss(-0.05, 0.08) for _ in range(40)]
    treated = [rng.gauss(-0.20, 0.08) for _ in range(60)]
    result = did_estimate(treated, comparison)
    assert result.low < -0.15 < result.high
    assert result.high - result.low < 0.1  # and it is informative, not just wide


def test_interval_covers_the_true_effect_in_most_synthetic_trials():
    rng = random.Random(11)
    covered = 0
    for trial in range(40):
        comparison = [rng.gauss(0.0, 0.1) for _ in range(30)]
        treated = [rng.gauss(-0.1, 0.1) for _ in range(30)]
        result = did_estimate(treated, comparison, resamples=500, seed=trial)
        covered += result.low < -0.1 < result.high
    assert covered >= 34  # a 95 per cent interval: about 38 of 40, allow for chance


# Page ---------------------------------------------------------------------------------

READERS = {"admin_user", "coordinator", "donor_user"}


def test_comparison_page_is_for_logframe_readers(groups, persona, login):
    name, user = persona
    url = reverse("results:comparison", args=[groups.programme.pk])
    assert login(user).get(url).status_code == (200 if name in READERS else 404)


def test_comparison_page_labels_the_figure_as_an_estimate(groups, coordinator, login):
    response = login(coordinator).get(reverse("results:comparison", args=[groups.programme.pk]))
    html = response.content.decode()
    assert "This is an estimate, not a measured result." in html
    assert "-0.200" in html
    assert "(n = 5)" in html


def test_comparison_page_renders_in_chinese(groups, coordinator, login):
    client = login(coordinator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("results:comparison", args=[groups.programme.pk]))
    assert response.status_code == 200
    assert "次品率" in response.content.decode()


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_comparison_page_costs_the_same_for_10_and_40_enterprises(groups, coordinator, login):
    client = login(coordinator)
    url = reverse("results:comparison", args=[groups.programme.pk])
    few = _count(client, url)
    for i in range(15):
        defect_rate(member(groups.programme, comparison=False), 50, 40 + i % 5)
        defect_rate(member(groups.programme, comparison=True), 50, 48 + i % 5)
    assert _count(client, url) == few


def test_comparison_page_says_when_there_are_no_comparison_enterprises(world, coordinator, login):
    defect_rate(member(world.programme, comparison=False), 50, 40)
    response = login(coordinator).get(reverse("results:comparison", args=[world.programme.pk]))
    html = response.content.decode()
    assert "no comparison enterprises yet" in html
    assert "n = 1" in html


def test_indicators_nobody_reports_are_left_out(groups):
    codes = {row.indicator.code for row in build_comparison(groups.programme)["rows"]}
    assert codes == {"defect_rate"}
