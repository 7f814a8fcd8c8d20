"""Importing the programme workbook: good files write, bad files write nothing."""

import pytest
from django.core.management import CommandError, call_command

from score.enterprises.models import Enterprise, Person
from score.imports.actions import command_line_user, import_workbook
from score.monitoring.models import Measurement, PracticeAnswer
from score.programmes.models import Programme
from score.surveys.models import Response
from tests.imports import corpus
from tests.imports.helpers import counts


def _import(path, user=None, **kwargs):
    return import_workbook(by=user or command_line_user(), path=path, **kwargs)


def _messages(report) -> str:
    return "\n".join(str(p) for p in report.problems)


def test_good_workbook_imports_every_sheet(world, tmp_path):
    report = _import(corpus.good_workbook(tmp_path))
    assert report.ok, _messages(report)
    programme = Programme.objects.get(code="CN-P2")
    assert programme.phase == 2
    assert {o.name for o in programme.donors.all()} == {"SECO"}
    enterprise = Enterprise.objects.get(code="E-NEW1")
    assert enterprise.employees_total == 30
    assert [b.name for b in enterprise.lead_buyers.all()] == ["Coop Switzerland"]
    assert enterprise.participations.get().programme == programme
    assert Person.objects.filter(enterprise=enterprise).count() == 2
    assert Measurement.objects.filter(enterprise=enterprise).count() == 3
    assert Measurement.objects.get(indicator__code="cost_savings").currency == "CNY"
    assert Measurement.objects.filter(provenance="import", import_row=2).exists()
    assert PracticeAnswer.objects.filter(enterprise=enterprise).count() == 2
    assert Response.objects.filter(enterprise=enterprise).count() == 2
    assert report.count("created") == report.total


def test_second_import_of_the_same_file_changes_nothing(world, tmp_path):
    path = corpus.good_workbook(tmp_path)
    assert _import(path).ok
    before = counts()
    report = _import(path)
    assert report.ok, _messages(report)
    assert counts() == before
    assert report.count("unchanged") == report.total
    assert report.count("created") == report.count("updated") == 0


def test_changed_row_is_updated(world, tmp_path):
    assert _import(corpus.good_workbook(tmp_path)).ok
    sheets = corpus.good_sheets()
    sheets["Enterprises"][1][6] = 25
    report = _import(corpus.write_xlsx(tmp_path / "changed.xlsx", sheets))
    assert report.ok, _messages(report)
    assert report.counts["Enterprises"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert Enterprise.objects.get(code="E-NEW1").employees_male == 25


def test_dry_run_validates_and_writes_nothing(world, tmp_path):
    before = counts()
    report = _import(corpus.good_workbook(tmp_path), dry_run=True)
    assert report.ok and report.validated == report.total
    assert counts() == before


def test_dates_are_accepted_in_three_formats(world, tmp_path):
    report = _import(corpus.dates_three_formats(tmp_path))
    assert report.ok, _messages(report)
    periods = set(Measurement.objects.values_list("period_start", "period_end"))
    assert (corpus.datetime.date(2024, 1, 1), corpus.datetime.date(2024, 3, 31)) in periods
    assert (corpus.datetime.date(2024, 7, 1), corpus.datetime.date(2024, 9, 30)) in periods


def test_ambiguous_day_month_date_is_refused(world, tmp_path):
    before = counts()
    report = _import(corpus.dates_three_formats(tmp_path, ambiguous=True))
    assert not report.ok
    assert counts() == before
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("Practices", 2, "date")
    assert "ambiguous" in problem.message and "2024-04-03" in problem.message


@pytest.mark.parametrize(
    "build, expected",
    [
        (
            corpus.wrong_types,
            [
                ("Enterprises", 2, "employees_female", "not a whole number"),
                ("Measurements", 2, "value", "not a number"),
                ("Practices", 2, "answer", "not yes or no"),
            ],
        ),
        (
            corpus.missing_column,
            [("Enterprises", 1, "sector", "required column sector is missing")],
        ),
        (
            corpus.misspelt_column,
            [
                ("Measurements", 1, "indicator", "header indicatr looks like it"),
                ("Measurements", 1, "indicatr", "did you mean indicator"),
            ],
        ),
        (
            corpus.unknown_codes,
            [
                ("Enterprises", 2, "programme_code", "no programme XX-P9"),
                ("Measurements", 2, "enterprise_code", "no enterprise E-NOPE"),
                ("Measurements", 3, "indicator", "defects_per_million is not an indicator code"),
            ],
        ),
        (corpus.duplicate_rows, [("Enterprises", 4, "enterprise_code", "repeats row 2")]),
        (corpus.formula_cells, [("Enterprises", 2, "employees_female", "formula; paste values")]),
        (corpus.empty_file, [("", None, "", "is empty")]),
        (corpus.empty_workbook, [("", None, "", "no rows to import")]),
        (corpus.not_a_spreadsheet, [("", None, "", "not an Excel workbook")]),
        (corpus.zip_not_xlsx, [("", None, "", "zip file but not an Excel workbook")]),
        (corpus.non_utf8_csv, [("", None, "", "CSV file")]),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_bad_file_gives_its_clear_error_and_writes_nothing(world, tmp_path, build, expected):
    before = counts()
    report = _import(build(tmp_path))
    assert not report.ok
    assert counts() == before
    found = [(p.sheet, p.row, p.column, p.message) for p in report.problems]
    for sheet, row, column, text in expected:
        assert any((s, r, c) == (sheet, row, column) and text in m for s, r, c, m in found), (
            f"expected {sheet} {row} {column} {text!r} in {found}"
        )
    if build is not corpus.missing_column:
        assert len(found) == len(expected), found


def test_file_over_the_size_limit_is_refused(world, tmp_path, settings):
    settings.SCORE_MAX_IMPORT_MB = 20
    before = counts()
    report = _import(corpus.big_file(tmp_path, megabytes=50))
    assert counts() == before
    [problem] = report.problems
    assert "over the limit of 20 MB" in problem.message


def test_an_error_on_a_late_sheet_writes_nothing_from_earlier_sheets(world, tmp_path):
    sheets = corpus.good_sheets()
    sheets["SurveyResponses"][1][9] = 9  # not on the 1-5 scale
    before = counts()
    report = _import(corpus.write_xlsx(tmp_path / "late.xlsx", sheets))
    assert not report.ok
    assert counts() == before
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == (
        "SurveyResponses",
        2,
        "relations_improved",
    )


def test_money_indicator_needs_a_currency(world, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Measurements"][3][6] = None
    report = _import(corpus.write_xlsx(tmp_path / "money.xlsx", sheets))
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("Measurements", 4, "currency")


def test_coordinator_cannot_import_rows_for_another_country(world, coordinator, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Enterprises"][2][2] = "VN"
    before = counts()
    report = _import(corpus.write_xlsx(tmp_path / "vn.xlsx", sheets), user=coordinator)
    assert counts() == before
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("Enterprises", 3, "country")
    assert "You coordinate CN" in problem.message


def test_coordinator_imports_their_countrys_programme(world, coordinator, tmp_path):
    report = _import(corpus.good_workbook(tmp_path), user=coordinator)
    assert report.ok, _messages(report)
    assert Enterprise.objects.get(code="E-NEW1").created_by == coordinator


def test_trainer_may_not_import(world, trainer, tmp_path):
    before = counts()
    report = _import(corpus.good_workbook(tmp_path), user=trainer)
    assert counts() == before
    assert "Only programme admins and country coordinators" in report.problems[0].message


def test_import_command_prints_progress_and_fails_on_errors(world, tmp_path, capsys):
    call_command("import_workbook", str(corpus.good_workbook(tmp_path)))
    out = capsys.readouterr().out
    assert "validated 13/13 rows" in out and "Imported 13 rows" in out
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_workbook", str(corpus.formula_cells(tmp_path)))
    assert "formula" in capsys.readouterr().err


def test_import_command_dry_run_writes_nothing(world, tmp_path, capsys):
    before = counts()
    call_command("import_workbook", str(corpus.good_workbook(tmp_path)), dry_run=True)
    assert counts() == before
    assert "dry run" in capsys.readouterr().out


def test_workbook_with_countries_fills_an_empty_database(db, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Countries"] = [["country", "name", "currency"], ["cn", "China", "CNY"]]
    sheets["Organisations"] += [
        ["SECO", "", "donor", None, "active"],
        ["Coop Switzerland", "", "lead_buyer", None, "active"],
    ]
    report = _import(corpus.write_xlsx(tmp_path / "empty-db.xlsx", sheets))
    assert report.ok, _messages(report)
    assert Enterprise.objects.get(code="E-NEW1").country.code == "CN"
    assert _import(tmp_path / "empty-db.xlsx").count("unchanged") == report.total


def test_coordinator_cannot_add_countries(world, coordinator, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Countries"] = [["country", "name", "currency"], ["TH", "Thailand", "USD"]]
    report = _import(corpus.write_xlsx(tmp_path / "th.xlsx", sheets), user=coordinator)
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("Countries", 2, "country")
    assert "Only programme admins may add or change countries" in problem.message


def test_an_imported_computed_value_wins_and_is_flagged_when_far_from_the_raw_values(
    world, tmp_path
):
    from score.monitoring.quality import flags_for
    from score.monitoring.queries import derived_lookup

    sheets = corpus.good_sheets()
    period = ["2024-01-01", "2024-03-31", "baseline"]
    sheets["Measurements"] += [
        ["E-NEW1", "energy_kwh", *period, 5000, None, "company_records"],
        ["E-NEW1", "units_produced", *period, 1000, None, "company_records"],
        ["E-NEW1", "energy_per_unit", *period, 8, None, "company_records"],
    ]
    report = _import(corpus.write_xlsx(tmp_path / "entered.xlsx", sheets))
    assert report.ok, _messages(report)
    enterprise = Enterprise.objects.get(code="E-NEW1")
    [values] = [
        v
        for key, v in derived_lookup(Measurement.objects.filter(enterprise=enterprise)).items()
        if "energy_per_unit" in v
    ]
    assert values["energy_per_unit"] == (8, True)
    flags = flags_for(Measurement.objects.filter(enterprise=enterprise))
    assert [f.indicator for f in flags if f.rule == "entered_differs"] == ["energy_per_unit"]
