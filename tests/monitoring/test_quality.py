import datetime

import pytest

from score.monitoring import actions, quality
from score.monitoring.models import ExchangeRate, Measurement
from tests.monitoring.helpers import BASELINE, measure

pytestmark = pytest.mark.django_db


def _rules(enterprise=None):
    qs = Measurement.objects.all()
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    return [flag.rule for flag in quality.flags_for(qs)]


def _clean_enterprise(enterprise):
    measure(enterprise, "units_produced", 1000)
    measure(enterprise, "defective_units", 50)
    measure(enterprise, "cost_savings", 5000, currency="CNY", wave="follow_up")
    measure(enterprise, "units_produced", 1100, wave="follow_up")
    measure(enterprise, "defective_units", 40, wave="follow_up")


def test_a_clean_enterprise_has_no_flags(world):
    _clean_enterprise(world.provided)
    assert _rules() == []


def test_a_value_outside_the_plausible_range_is_flagged(world):
    measure(world.provided, "defect_rate", 140)
    [flag] = quality.flags_for(Measurement.objects.all())
    assert flag.rule == "range"
    assert "140" in flag.problem and "0 to 100" in flag.problem
    assert flag.fix


def test_a_follow_up_dated_before_its_baseline_is_flagged(world):
    measure(world.provided, "accidents", 3)
    measure(
        world.provided,
        "accidents",
        1,
        wave="follow_up",
        period=(datetime.date(2010, 1, 1), datetime.date(2010, 12, 31)),
    )
    assert _rules() == ["follow_up_before_baseline"]


def test_overlapping_periods_of_the_same_indicator_and_wave_are_flagged(world):
    measure(world.provided, "accidents", 3)
    measure(
        world.provided,
        "accidents",
        2,
        period=(datetime.date(2011, 6, 1), datetime.date(2012, 5, 31)),
    )
    assert _rules() == ["overlap", "overlap"]


def test_a_jump_beyond_the_plausible_factor_is_flagged(world):
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "units_produced", 6000, wave="follow_up")
    flags = quality.flags_for(Measurement.objects.all())
    assert [f.rule for f in flags] == ["jump"]
    assert "1000" in flags[0].problem and "6000" in flags[0].problem


def test_a_drop_beyond_the_plausible_factor_is_flagged_too(world):
    measure(world.provided, "units_produced", 6000)
    measure(world.provided, "units_produced", 1000, wave="follow_up")
    assert _rules() == ["jump"]


def test_a_raw_value_without_its_denominator_is_flagged(world):
    measure(world.provided, "defective_units", 50)
    flags = quality.flags_for(Measurement.objects.all())
    assert [f.rule for f in flags] == ["missing_denominator"]
    assert "units_produced" in flags[0].problem and "defect_rate" in flags[0].problem


def test_no_missing_denominator_when_the_computed_value_was_entered(world):
    measure(world.provided, "defective_units", 50)
    measure(world.provided, "defect_rate", 5)
    assert _rules() == []


def test_money_without_a_rate_for_its_date_is_flagged(world):
    ExchangeRate.objects.filter(currency="CNY").delete()
    measure(world.provided, "cost_savings", 5000, currency="CNY", wave="follow_up")
    flags = quality.flags_for(Measurement.objects.all())
    assert [f.rule for f in flags] == ["missing_rate"]
    actions.record_exchange_rate(
        by=None, currency="CNY", valid_from=datetime.date(2012, 1, 1), units_per_usd="6.31"
    )
    assert _rules() == []


def test_money_in_usd_needs_no_rate(world):
    measure(world.provided, "cost_savings", 5000, currency="USD", wave="follow_up")
    assert _rules() == []


def test_flags_count_only_the_measurements_given(world):
    measure(world.provided, "defect_rate", 140)
    measure(world.unrelated_cn, "defect_rate", 20, period=BASELINE)
    assert _rules(world.unrelated_cn) == []


def test_a_jump_of_an_indicator_without_its_own_factor_is_flagged(world):
    measure(world.provided, "eit_meetings", 2)
    measure(world.provided, "eit_meetings", 400, wave="follow_up")
    [flag] = quality.flags_for(Measurement.objects.all())
    assert (flag.rule, flag.indicator) == ("jump", "eit_meetings")
    assert "more than 20 times" in flag.problem


def test_a_computed_value_that_drops_a_hundredfold_is_flagged(world):
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "defective_units", 10)  # defect_rate 1 %
    measure(world.provided, "units_produced", 100000, wave="follow_up")
    measure(world.provided, "defective_units", 10, wave="follow_up")  # 0.01 %
    flags = quality.flags_for(Measurement.objects.all())
    jumps = [f for f in flags if f.indicator == "defect_rate"]
    assert [f.rule for f in jumps] == ["jump"]
    assert jumps[0].measurement_id is None
    assert "1" in jumps[0].problem and "0.01" in jumps[0].problem
    assert "defective_units, units_produced" in jumps[0].fix


def test_a_computed_baseline_and_an_entered_follow_up_are_compared_too(world):
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "defective_units", 10)  # defect_rate 1 %
    measure(world.provided, "defect_rate", 0.01, wave="follow_up")
    assert [f.rule for f in quality.flags_for(Measurement.objects.all())] == ["jump"]


def test_a_computed_change_within_the_factor_is_not_flagged(world):
    _clean_enterprise(world.provided)  # defect rate 5 % -> 3.6 %
    assert _rules() == []


def test_an_amount_of_money_implausible_in_usd_is_flagged(world):
    actions.record_exchange_rate(
        by=None, currency="VND", valid_from=datetime.date(2010, 1, 1), units_per_usd="23500"
    )
    measure(world.foreign, "cost_savings", 5 * 10**12, currency="VND", wave="follow_up")
    [flag] = quality.flags_for(Measurement.objects.all())
    assert flag.rule == "range_usd"
    assert "about USD 212,765,957" in flag.problem and "10,000,000" in flag.problem


def test_a_plausible_amount_in_another_currency_is_not_flagged(world):
    actions.record_exchange_rate(
        by=None, currency="VND", valid_from=datetime.date(2010, 1, 1), units_per_usd="23500"
    )
    measure(world.foreign, "cost_savings", 5 * 10**9, currency="VND", wave="follow_up")
    assert _rules() == []


def test_an_entered_computed_value_far_from_the_raw_values_is_flagged(world):
    measure(world.provided, "energy_kwh", 5000)
    measure(world.provided, "units_produced", 1000)  # 5 kWh per unit
    measure(world.provided, "energy_per_unit", 8)
    [flag] = quality.flags_for(Measurement.objects.all())
    assert (flag.rule, flag.indicator) == ("entered_differs", "energy_per_unit")
    assert (
        "8" in flag.problem
        and "5" in flag.problem
        and "entered value is the one used" in (flag.problem)
    )


def test_an_entered_computed_value_within_5_per_cent_is_not_flagged(world):
    measure(world.provided, "energy_kwh", 5000)
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "energy_per_unit", 5.2)
    assert _rules() == []


def test_a_flag_on_a_computed_value_is_shown_in_its_cell_of_the_table(world, admin_user):
    from score.monitoring.queries import measurement_table

    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "defective_units", 10)
    measure(world.provided, "units_produced", 100000, wave="follow_up")
    measure(world.provided, "defective_units", 10, wave="follow_up")
    flags = quality.flags_for(Measurement.objects.all())
    _columns, rows = measurement_table(admin_user, world.provided, flags)
    [row] = [r for r in rows if r["indicator"].code == "defect_rate"]
    baseline, follow_up = row["cells"]
    assert follow_up.derived and [f.rule for f in follow_up.flags] == ["jump"]
    assert baseline.flags == []
