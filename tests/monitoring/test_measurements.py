import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from score.core.exceptions import ActionError
from score.core.models import AuditEvent
from score.monitoring import actions, queries
from score.monitoring.catalogue import INDICATORS
from score.monitoring.models import ExchangeRate, Indicator, Measurement, PracticeItem
from tests.monitoring.helpers import BASELINE, FOLLOW_UP, measure

pytestmark = pytest.mark.django_db


def _derived(enterprise):
    return queries.derived_lookup(Measurement.objects.filter(enterprise=enterprise))


def test_every_indicator_of_the_domain_table_is_seeded_with_a_chinese_name():
    codes = {
        "employees_female", "employees_male", "units_produced", "labour_hours",
        "productivity", "defective_units", "defect_rate", "rework_rate", "energy_kwh",
        "energy_per_unit", "material_per_unit", "waste_per_unit", "production_cost_per_unit",
        "output_capacity", "cost_savings", "accidents", "absenteeism_rate", "staff_turnover",
        "worker_complaints", "worker_suggestions", "eit_meetings", "on_time_delivery",
    }  # fmt: skip
    seeded = Indicator.objects.filter(programme=None)
    assert set(seeded.values_list("code", flat=True)) >= codes
    assert all(i.name_translations.get("zh-hans") for i in seeded)
    assert len(INDICATORS) == len(codes)


def test_every_core_module_has_four_to_six_seeded_practices():
    for code in ["WC", "QM", "PCP", "HR", "OSH"]:
        assert 4 <= PracticeItem.objects.filter(module__code=code).count() <= 6


def test_recording_a_measurement_is_audited(world, admin_user):
    m = measure(world.provided, "units_produced", 1000, by=admin_user)
    assert m.entered_by == admin_user and m.provenance == "form"
    assert AuditEvent.objects.filter(verb="create_measurement", object_id=str(m.pk)).exists()


def test_recording_the_same_key_again_updates_the_value(world):
    first = measure(world.provided, "units_produced", 1000)
    second = measure(world.provided, "units_produced", 1200)
    assert first.pk == second.pk
    assert Measurement.objects.get().value == Decimal(1200)


def test_recording_the_same_value_again_changes_nothing(world):
    measure(world.provided, "units_produced", 1000)
    before = AuditEvent.objects.count()
    measure(world.provided, "units_produced", 1000)
    assert AuditEvent.objects.count() == before


def test_import_provenance_keeps_the_file_and_row(world):
    m = actions.record_measurement(
        by=None, enterprise=world.provided, indicator="accidents",
        period_start=BASELINE[0], period_end=BASELINE[1], wave="baseline", value=3,
        source="management", provenance="import", import_file="cn.xlsx", import_row=7,
    )  # fmt: skip
    assert (m.provenance, m.import_file, m.import_row) == ("import", "cn.xlsx", 7)


def test_unknown_indicator_code_is_refused_with_the_field_named(world):
    with pytest.raises(ActionError) as error:
        measure(world.provided, "defect_ratio", 3)
    assert error.value.field == "indicator"
    assert "defect_ratio" in error.value.message


def test_period_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as error:
        measure(
            world.provided,
            "accidents",
            1,
            period=(datetime.date(2012, 1, 1), datetime.date(2011, 1, 1)),
        )
    assert "period_end" in error.value.message_dict


def test_money_indicator_needs_a_currency(world):
    with pytest.raises(ValidationError) as error:
        measure(world.provided, "cost_savings", 1000)
    assert "currency" in error.value.message_dict
    assert not Measurement.objects.exists()


def test_money_indicator_refuses_an_unknown_currency(world):
    with pytest.raises(ValidationError) as error:
        measure(world.provided, "cost_savings", 1000, currency="XYZ")
    assert "ISO 4217" in " ".join(error.value.message_dict["currency"])


def test_non_money_indicator_refuses_a_currency(world):
    with pytest.raises(ValidationError) as error:
        measure(world.provided, "accidents", 2, currency="CNY")
    assert "currency" in error.value.message_dict


def test_programme_indicator_is_refused_for_an_enterprise_outside_the_programme(world, admin_user):
    own = actions.create_indicator(
        by=admin_user, code="vn_orders", name="Orders", unit="count", direction="up",
        programme=world.other_programme,
    )  # fmt: skip
    with pytest.raises(ActionError):
        measure(world.provided, own.code, 3)
    assert measure(world.foreign, own.code, 3).pk


def test_computed_indicator_is_derived_when_read(world):
    measure(world.provided, "defective_units", 50)
    measure(world.provided, "units_produced", 1000)
    values = _derived(world.provided)[(world.provided.pk, *BASELINE, "baseline")]
    assert values["defect_rate"] == (Decimal("5.0000"), False)
    assert not Measurement.objects.filter(indicator__code="defect_rate").exists()


def test_derived_value_changes_when_a_raw_value_changes(world):
    measure(world.provided, "defective_units", 50)
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "units_produced", 500)
    values = _derived(world.provided)[(world.provided.pk, *BASELINE, "baseline")]
    assert values["defect_rate"][0] == Decimal("10")


def test_an_entered_value_of_a_computed_indicator_wins_over_the_formula(world):
    measure(world.provided, "defective_units", 50)
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "defect_rate", 4.2)
    values = _derived(world.provided)[(world.provided.pk, *BASELINE, "baseline")]
    assert values["defect_rate"] == (Decimal("4.2000"), True)


def test_computed_value_is_absent_when_the_denominator_is_zero_or_missing(world):
    measure(world.provided, "defective_units", 50)
    measure(world.provided, "units_produced", 0)
    measure(world.provided, "energy_kwh", 100)
    values = _derived(world.provided)[(world.provided.pk, *BASELINE, "baseline")]
    assert "defect_rate" not in values and "energy_per_unit" not in values


def test_sql_derivation_agrees_with_the_python_reference(world):
    from score.monitoring.formulas import evaluate

    raw = {"units_produced": 1234, "labour_hours": 321, "energy_kwh": 9876, "defective_units": 17}
    for code, value in raw.items():
        measure(world.provided, code, value, wave="follow_up")
    values = _derived(world.provided)[(world.provided.pk, *FOLLOW_UP, "follow_up")]
    for indicator in queries.computed_indicators():
        expected = evaluate(indicator.formula, raw).quantize(Decimal("0.0001"))
        assert values[indicator.code][0] == expected


def test_usd_conversion_uses_the_rate_in_force_at_period_end(world):
    assert queries.to_usd(Decimal(631), "CNY", datetime.date(2012, 12, 31)) == Decimal("100.00")
    assert queries.to_usd(Decimal(646), "CNY", datetime.date(2011, 6, 30)) == Decimal("100.00")
    assert queries.to_usd(Decimal(50), "USD", datetime.date(1990, 1, 1)) == Decimal(50)
    assert queries.to_usd(Decimal(50), "CNY", datetime.date(2009, 12, 31)) is None


def test_measurements_carry_their_usd_value_from_sql(world):
    measure(world.provided, "cost_savings", 12620, currency="CNY", wave="follow_up")
    row = queries.with_usd(Measurement.objects.all()).get()
    assert round(row.value_usd, 2) == Decimal("2000.00")


def test_a_new_exchange_rate_applies_from_its_date(world, admin_user):
    actions.record_exchange_rate(
        by=admin_user, currency="CNY", valid_from=datetime.date(2012, 7, 1), units_per_usd="6.00"
    )
    assert queries.to_usd(Decimal(600), "CNY", datetime.date(2012, 12, 31)) == Decimal("100.00")
    assert queries.to_usd(Decimal(631), "CNY", datetime.date(2012, 6, 30)) == Decimal("100.00")
    assert ExchangeRate.objects.filter(currency="CNY").count() >= 7


def test_create_indicator_refuses_a_formula_with_unknown_codes(admin_user):
    with pytest.raises(ActionError) as error:
        actions.create_indicator(
            by=admin_user, code="scrap_rate", name="Scrap", unit="%", direction="down",
            kind="computed", formula="scrap / units_produced * 100",
        )  # fmt: skip
    assert error.value.field == "formula"


def test_create_indicator_refuses_code_that_exists(admin_user):
    with pytest.raises(ActionError):
        actions.create_indicator(
            by=admin_user, code="defect_rate", name="x", unit="%", direction="down"
        )


def test_delete_measurement_is_audited(world, admin_user):
    m = measure(world.provided, "accidents", 1)
    actions.delete_measurement(by=admin_user, measurement=m)
    assert not Measurement.objects.exists()
    assert AuditEvent.objects.filter(verb="delete_measurement").exists()
