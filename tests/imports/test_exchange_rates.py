"""The ExchangeRates sheet: rates go out with an export and come back in with an import, so
amounts of money still convert to US dollars after a move to another database."""

import datetime
from decimal import Decimal

from openpyxl import load_workbook

from score.imports.actions import command_line_user, import_workbook
from score.imports.exporter import export_workbook
from score.imports.template import write_template
from score.monitoring.actions import record_exchange_rate, record_measurement
from score.monitoring.models import ExchangeRate, Measurement
from score.monitoring.queries import with_usd
from tests.imports import corpus

RATES = ["currency", "valid_from", "units_per_usd", "source"]
DAY = datetime.date(1999, 1, 1)  # before any seeded rate


def _import(path, user=None):
    return import_workbook(by=user or command_line_user(), path=path)


def _rates_workbook(tmp_path, *rows, name="rates.xlsx"):
    return corpus.write_xlsx(tmp_path / name, {"ExchangeRates": [RATES, *rows]})


def test_template_has_an_exchange_rates_sheet_with_a_currency_drop_down(db, tmp_path):
    wb = load_workbook(write_template(tmp_path / "template.xlsx"))
    ws = wb["ExchangeRates"]
    assert [c.value for c in ws[1]] == RATES
    assert any("A2" in str(dv.sqref) for dv in ws.data_validations.dataValidation)


def test_exchange_rates_sheet_creates_rates_and_a_second_import_changes_nothing(db, tmp_path):
    path = _rates_workbook(
        tmp_path, ["VND", DAY, 23000, "State Bank"], ["vnd", "2000-01-01", "14100.5", ""]
    )
    report = _import(path)
    assert report.ok, [str(p) for p in report.problems]
    assert report.counts["ExchangeRates"] == {"created": 2, "updated": 0, "unchanged": 0}
    rate = ExchangeRate.objects.get(currency="VND", valid_from=DAY)
    assert (rate.units_per_usd, rate.source) == (Decimal("23000"), "State Bank")
    again = _import(path)
    assert again.counts["ExchangeRates"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert ExchangeRate.objects.filter(currency="VND").count() == 2


def test_a_changed_rate_for_the_same_currency_and_date_corrects_it(db, tmp_path):
    record_exchange_rate(by=None, currency="VND", valid_from=DAY, units_per_usd="23000")
    report = _import(_rates_workbook(tmp_path, ["VND", DAY, 23500, ""]))
    assert report.counts["ExchangeRates"]["updated"] == 1
    assert ExchangeRate.objects.get(currency="VND", valid_from=DAY).units_per_usd == 23500


def test_a_rate_of_zero_is_refused_and_nothing_is_written(db, tmp_path):
    path = _rates_workbook(tmp_path, ["VND", DAY, 23000, ""], ["CNY", DAY, 0, ""])
    report = _import(path)
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("ExchangeRates", 3, "units_per_usd")
    assert "above 0" in problem.message
    assert not ExchangeRate.objects.filter(valid_from=DAY).exists()


def test_a_bad_row_on_a_later_sheet_writes_no_rate(world, tmp_path):
    sheets = corpus.good_sheets()
    sheets["ExchangeRates"] = [RATES, ["VND", DAY, 23000, ""]]
    sheets["Measurements"][1][5] = "lots"
    report = _import(corpus.write_xlsx(tmp_path / "late.xlsx", sheets))
    assert not report.ok
    assert not ExchangeRate.objects.filter(currency="VND").exists()


def test_export_then_import_into_an_empty_database_keeps_the_usd_conversions(world, tmp_path):
    by = command_line_user()
    record_exchange_rate(by=by, currency="VND", valid_from=DAY, units_per_usd="23000", source="SBV")
    record_measurement(
        by=by,
        enterprise=world.foreign,
        indicator="cost_savings",
        period_start=datetime.date(1999, 1, 1),
        period_end=datetime.date(1999, 6, 30),
        wave="follow_up",
        value=Decimal("46000000"),
        currency="VND",
        source="management",
    )
    before = with_usd(Measurement.objects.all()).get().value_usd
    assert before == 2000
    path = tmp_path / "export.xlsx"
    export_workbook(by=by, path=path)
    Measurement.objects.all().delete()
    ExchangeRate.objects.all().delete()
    report = _import(path)
    assert report.ok, [str(p) for p in report.problems]
    assert with_usd(Measurement.objects.all()).get().value_usd == before
    assert ExchangeRate.objects.get(currency="VND").source == "SBV"
