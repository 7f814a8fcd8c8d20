"""How cells are read: numbers typed as text, values of the wrong type, the messages."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from score.imports.actions import _write_problems, command_line_user, import_workbook
from score.imports.reader import Row, parse_cell
from score.imports.workbook import SHEETS_BY_NAME
from score.monitoring.models import Measurement
from tests.imports import corpus
from tests.imports.helpers import counts

VALUE = SHEETS_BY_NAME["Measurements"].column("value")
HOURS = SHEETS_BY_NAME["Visits"].column("hours")
AMOUNT = SHEETS_BY_NAME["Fees"].column("amount")
EMPLOYEES = SHEETS_BY_NAME["Enterprises"].column("employees_female")
PERIOD = SHEETS_BY_NAME["Measurements"].column("period_start")


def _import_with_value(tmp_path, value):
    sheets = corpus.good_sheets()
    sheets["Measurements"][1][5] = value
    path = corpus.write_xlsx(tmp_path / "value.xlsx", sheets)
    return import_workbook(by=command_line_user(), path=path)


def test_european_decimal_typed_as_text_is_refused_naming_sheet_row_and_column(world, tmp_path):
    before = counts()
    report = _import_with_value(tmp_path, "1.250,5")
    assert counts() == before
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("Measurements", 2, "value")
    assert "1.250,5" in problem.message and "1250.5" in problem.message
    assert str(problem).startswith("sheet Measurements, row 2, column value: ")


@pytest.mark.parametrize("text", ["1.250,5", "1,250.5", "12,5", "1,250", "1,2,3"])
@pytest.mark.parametrize("column", [VALUE, HOURS, AMOUNT, EMPLOYEES], ids=lambda c: c.name)
def test_text_number_with_a_comma_is_refused_in_every_numeric_column(column, text):
    with pytest.raises(ValueError, match="plain decimal point and no thousands separators"):
        parse_cell(column, text)


@pytest.mark.parametrize(
    "text, expected",
    [("1250.5", Decimal("1250.5")), (" 12 ", Decimal("12")), ("-3.5", Decimal("-3.5"))],
)
def test_plain_text_number_is_read_exactly(text, expected):
    assert parse_cell(VALUE, text) == expected


def test_number_in_excel_notation_is_read(world, tmp_path):
    report = _import_with_value(tmp_path, "5E+3")
    assert report.ok, [str(p) for p in report.problems]
    assert Measurement.objects.filter(import_row=2).get().value == 5000


def test_whole_number_column_reads_text_and_refuses_fractions():
    assert parse_cell(EMPLOYEES, "12") == 12
    assert parse_cell(EMPLOYEES, 12.0) == 12
    with pytest.raises(ValueError, match=r"12\.5 is not a whole number"):
        parse_cell(EMPLOYEES, 12.5)


def test_yes_no_value_in_a_number_column_shows_the_value_and_the_fix(world, tmp_path):
    report = _import_with_value(tmp_path, True)
    [problem] = report.problems
    assert problem.column == "value"
    assert "TRUE is a yes/no value, not a number" in problem.message
    assert "type the number itself" in problem.message


def test_date_in_a_number_column_shows_the_value_and_the_fix():
    with pytest.raises(ValueError, match="2024-03-31 is a date, not a number; format the cell"):
        parse_cell(VALUE, datetime.date(2024, 3, 31))


def test_date_with_a_time_shows_the_value_and_the_date_to_type():
    with pytest.raises(ValueError) as error:
        parse_cell(PERIOD, datetime.datetime(2024, 3, 31, 14, 30))
    assert "2024-03-31 14:30 has a time of day" in str(error.value)
    assert "type 2024-03-31" in str(error.value)


def test_unknown_currency_names_the_currency_column_and_the_closest_code(world, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Measurements"][3][6] = "VNN"  # the cost_savings row
    report = import_workbook(
        by=command_line_user(), path=corpus.write_xlsx(tmp_path / "vnn.xlsx", sheets)
    )
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("Measurements", 4, "currency")
    assert "VNN is not a currency this platform knows" in problem.message
    assert "did you mean VND?" in problem.message


def test_a_field_refused_while_writing_is_reported_in_its_column():
    row = Row("Measurements", 7, {})
    [problem] = _write_problems(ValidationError({"currency": ["Not known."]}), row)
    assert (problem.sheet, problem.row, problem.column) == ("Measurements", 7, "currency")
    [problem] = _write_problems(ValidationError({"__all__": ["Clash."]}), row)
    assert (problem.column, problem.message) == ("", "Clash.")
