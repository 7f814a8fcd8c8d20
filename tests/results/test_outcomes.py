"""Outcome figures in SQL against the pure-Python reference (tests/results/reference.py)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score.enterprises.models import Enterprise
from score.monitoring.models import ExchangeRate, Indicator, Measurement
from score.results.outcomes import enterprise_changes, outcomes
from tests.factories import EnterpriseFactory
from tests.results import reference
from tests.results.helpers import ENDLINE, FOLLOW_UP, measure, rate

pytestmark = pytest.mark.django_db


def _outcome(enterprises, code, **window):
    return outcomes(enterprises, [code], **window)[0]


def test_improved_share_and_average_change_follow_the_good_direction():
    a, b, c = EnterpriseFactory.create_batch(3)
    for enterprise, before, after in ((a, 10, 8), (b, 10, 12), (c, 20, 15)):
        measure(enterprise, "material_per_unit", before)
        measure(enterprise, "material_per_unit", after, wave="follow_up")
    outcome = _outcome(Enterprise.objects.all(), "material_per_unit")
    assert outcome.enterprises_reporting == 3
    assert outcome.enterprises_improved == 2
    assert outcome.share_improved == pytest.approx(2 / 3)
    assert outcome.average_change == pytest.approx((-0.2 - 0.25) / 2)
    assert outcome.median_change == pytest.approx(-0.2)


def test_defect_rate_is_derived_from_defective_units_and_output_when_not_entered():
    enterprise = EnterpriseFactory()
    measure(enterprise, "units_produced", 1000)
    measure(enterprise, "defective_units", 50)
    measure(enterprise, "units_produced", 1000, wave="follow_up")
    measure(enterprise, "defective_units", 40, wave="follow_up")
    changes = enterprise_changes(Enterprise.objects.all(), ["defect_rate"])["defect_rate"].get()
    assert changes.baseline == pytest.approx(5.0)
    assert changes.follow_up == pytest.approx(4.0)
    assert changes.change == pytest.approx(-0.2)
    assert changes.improved is True


def test_an_entered_defect_rate_wins_over_the_formula():
    enterprise = EnterpriseFactory()
    measure(enterprise, "units_produced", 1000)
    measure(enterprise, "defective_units", 50)
    measure(enterprise, "defect_rate", 10)
    measure(enterprise, "defect_rate", 12, wave="follow_up")
    row = enterprise_changes(Enterprise.objects.all(), ["defect_rate"])["defect_rate"].get()
    assert (row.baseline, row.follow_up, row.improved) == (10.0, 12.0, False)


def test_latest_follow_up_inside_the_window_is_used():
    enterprise = EnterpriseFactory()
    measure(enterprise, "output_capacity", 100)
    measure(enterprise, "output_capacity", 110, wave="follow_up")
    measure(enterprise, "output_capacity", 130, wave="endline")
    everything = _outcome(Enterprise.objects.all(), "output_capacity")
    assert everything.average_change == pytest.approx(0.3)
    until_2012 = _outcome(
        Enterprise.objects.all(), "output_capacity", date_to=datetime.date(2012, 12, 31)
    )
    assert until_2012.average_change == pytest.approx(0.1)
    from_2014 = _outcome(
        Enterprise.objects.all(), "output_capacity", date_from=datetime.date(2014, 1, 1)
    )
    assert from_2014.enterprises_reporting == 0
    assert from_2014.share_improved is None


def test_zero_or_missing_baselines_are_left_out_and_counted():
    zero, missing, waiting = EnterpriseFactory.create_batch(3)
    measure(zero, "material_per_unit", 0)
    measure(zero, "material_per_unit", 3, wave="follow_up")
    measure(missing, "material_per_unit", 3, wave="follow_up")
    measure(waiting, "material_per_unit", 3)
    outcome = _outcome(Enterprise.objects.all(), "material_per_unit")
    assert outcome.enterprises_reporting == 0
    assert (outcome.baseline_zero, outcome.baseline_missing, outcome.no_follow_up) == (1, 1, 1)


def test_cost_savings_need_no_baseline_and_average_in_usd_at_the_dated_rate():
    ExchangeRate.objects.filter(currency="CNY").delete()
    rate("CNY", 8, datetime.date(2010, 1, 1))
    rate("CNY", 5, datetime.date(2012, 6, 1))
    a, b, c = EnterpriseFactory.create_batch(3)
    measure(a, "cost_savings", 100000, wave="follow_up", currency="CNY")  # 20,000 USD
    measure(b, "cost_savings", 30000, wave="follow_up", currency="USD")
    measure(c, "cost_savings", 0, wave="follow_up", currency="CNY")
    outcome = _outcome(Enterprise.objects.all(), "cost_savings")
    assert outcome.enterprises_reporting == 3
    assert outcome.enterprises_improved == 2
    assert outcome.average_amount_usd == pytest.approx(25000)


def test_money_in_two_currencies_is_compared_in_usd():
    ExchangeRate.objects.filter(currency="CNY").delete()
    rate("CNY", 5)
    enterprise = EnterpriseFactory()
    measure(enterprise, "production_cost_per_unit", 50, currency="CNY")  # 10 USD
    measure(enterprise, "production_cost_per_unit", 8, wave="follow_up", currency="USD")
    outcome = _outcome(Enterprise.objects.all(), "production_cost_per_unit")
    assert outcome.average_change == pytest.approx(-0.2)


def test_figures_cost_the_same_queries_for_5_and_50_enterprises(django_assert_num_queries):
    def fill(count):
        Enterprise.objects.all().delete()
        for enterprise in EnterpriseFactory.create_batch(count):
            measure(enterprise, "units_produced", 100)
            measure(enterprise, "defective_units", 5)
            measure(enterprise, "units_produced", 100, wave="follow_up")
            measure(enterprise, "defective_units", 4, wave="follow_up")
            measure(enterprise, "material_per_unit", 2)
            measure(enterprise, "material_per_unit", 1, wave="follow_up")
            measure(enterprise, "cost_savings", 10, wave="follow_up", currency="USD")

    codes = ["defect_rate", "material_per_unit", "cost_savings"]
    fill(5)
    Indicator.objects.filter(code__in=codes).count()
    with django_assert_num_queries(6):
        outcomes(Enterprise.objects.all(), list(Indicator.objects.filter(code__in=codes)))
    fill(50)
    with django_assert_num_queries(6):
        outcomes(Enterprise.objects.all(), list(Indicator.objects.filter(code__in=codes)))


# Hypothesis: SQL and the reference agree on random measurement data.

PERIODS = {
    "baseline": [(datetime.date(2011, 1, 1), datetime.date(2011, 12, 31))],
    "follow_up": [FOLLOW_UP, (datetime.date(2012, 7, 1), datetime.date(2013, 6, 30))],
    "endline": [ENDLINE, (datetime.date(2013, 7, 1), datetime.date(2013, 12, 31))],
}
values = st.one_of(st.just(0), st.integers(min_value=0, max_value=5000))
row = st.tuples(
    st.sampled_from(
        ["units_produced", "defective_units", "defect_rate", "material_per_unit", "output_capacity"]
    ),
    st.sampled_from(["baseline", "follow_up", "endline"]),
    st.integers(min_value=0, max_value=1),
    values,
)
worlds = st.lists(st.lists(row, max_size=8), min_size=1, max_size=6)
window = st.sampled_from(
    [(None, None), (datetime.date(2012, 1, 1), datetime.date(2012, 12, 31)), (None, ENDLINE[0])]
)


def _formula(values):
    units, defects = values.get("units_produced"), values.get("defective_units")
    if units is None or defects is None or units == 0:
        return None
    return defects / units * 100


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds, window=window)
def test_sql_outcomes_agree_with_the_reference_on_random_data(world, window):
    date_from, date_to = window
    now = timezone.now()
    indicators = {i.code: i for i in Indicator.objects.all()}
    enterprises, measurements, per_enterprise = [], [], []
    for rows in world:
        enterprise = EnterpriseFactory()
        enterprises.append(enterprise.pk)
        seen, kept = set(), []
        for code, wave, index, value in rows:
            start, end = PERIODS[wave][index % len(PERIODS[wave])]
            if (code, start, end, wave) in seen:
                continue
            seen.add((code, start, end, wave))
            kept.append((code, start, end, wave, Decimal(value)))
            measurements.append(
                Measurement(
                    enterprise=enterprise,
                    indicator=indicators[code],
                    period_start=start,
                    period_end=end,
                    wave=wave,
                    value=Decimal(value),
                    source="company_records",
                    entered_at=now,
                )
            )
        per_enterprise.append(kept)
    Measurement.objects.bulk_create(measurements)
    qs = Enterprise.objects.filter(pk__in=enterprises)
    for code, direction, formula in (
        ("defect_rate", "down", _formula),
        ("material_per_unit", "down", None),
        ("output_capacity", "up", None),
    ):
        pairs = []
        for rows in per_enterprise:
            args = {"formula": formula, "date_from": date_from, "date_to": date_to}
            pairs.append(
                (
                    reference.enterprise_value(rows, code, baseline=True, formula=formula),
                    reference.enterprise_value(rows, code, baseline=False, **args),
                )
            )
        expected = reference.summary(pairs, direction)
        got = _outcome(qs, code, date_from=date_from, date_to=date_to)
        for key, value in expected.items():
            actual = getattr(got, key)
            if value is None:
                assert actual is None, key
            else:
                assert actual == pytest.approx(value, rel=1e-6, abs=1e-9), key


amounts = st.lists(
    st.lists(
        st.tuples(
            st.sampled_from(["follow_up", "endline"]),
            st.integers(min_value=0, max_value=1),
            st.integers(min_value=-500, max_value=100000),
            st.sampled_from(["CNY", "USD", "VND"]),
        ),
        max_size=3,
    ),
    min_size=1,
    max_size=6,
)
RATES = {
    "CNY": [
        (datetime.date(2010, 1, 1), Decimal("6.5")),
        (datetime.date(2012, 12, 1), Decimal("6.2")),
    ],
    "USD": [],
    "VND": [],  # no rate: left out of the USD average and counted
}


def _rate_on(currency, day):
    if currency == "USD":
        return Decimal(1)
    known = [r for start, r in RATES[currency] if start <= day]
    return known[-1] if known else None


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=amounts, window=window)
def test_sql_cost_savings_agree_with_the_reference_on_random_data(world, window):
    date_from, date_to = window
    ExchangeRate.objects.filter(currency__in=["CNY", "VND"]).delete()
    for currency, rates in RATES.items():
        for start, units in rates:
            ExchangeRate.objects.create(currency=currency, valid_from=start, units_per_usd=units)
    indicator = Indicator.objects.get(code="cost_savings")
    now = timezone.now()
    enterprises, reported, measurements = [], [], []
    for rows in world:
        enterprise = EnterpriseFactory()
        enterprises.append(enterprise.pk)
        kept = {}
        for wave, index, value, currency in rows:
            start, end = PERIODS[wave][index]
            kept[(start, end, wave)] = (Decimal(value), currency)
        for (start, end, wave), (value, currency) in kept.items():
            measurements.append(
                Measurement(
                    enterprise=enterprise,
                    indicator=indicator,
                    period_start=start,
                    period_end=end,
                    wave=wave,
                    value=value,
                    currency=currency,
                    source="company_records",
                    entered_at=now,
                )
            )
        inside = [
            (end, wave != "endline", -start.toordinal(), value, currency)
            for (start, end, wave), (value, currency) in kept.items()
            if reference._in_window(end, date_from, date_to)
        ]
        if inside:
            end, _, _, value, currency = sorted(
                inside, key=lambda r: (-r[0].toordinal(), r[1], r[2])
            )[0]
            rate = _rate_on(currency, end)
            reported.append((float(value), None if rate is None else float(value / rate)))
    Measurement.objects.bulk_create(measurements)
    got = _outcome(
        Enterprise.objects.filter(pk__in=enterprises),
        "cost_savings",
        date_from=date_from,
        date_to=date_to,
    )
    with_rate = [(a, usd) for a, usd in reported if usd is not None or a <= 0]
    expected = reference.amount_summary(
        [(a, usd if usd is not None else 0.0) for a, usd in reported]
    )
    assert got.enterprises_reporting == expected["enterprises_reporting"]
    assert got.enterprises_improved == expected["enterprises_improved"]
    usable = [usd for a, usd in with_rate if a > 0]
    if usable:
        assert got.average_amount_usd == pytest.approx(sum(usable) / len(usable), rel=1e-6)
    else:
        assert got.average_amount_usd is None
    assert got.no_rate == sum(1 for a, usd in reported if a > 0 and usd is None)
