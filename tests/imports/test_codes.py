"""Catalogue codes in a workbook (indicators, practices, questionnaires, modules) are
matched whatever their case, and an unknown one is answered with the closest code."""

import datetime

from score.imports.actions import command_line_user, import_workbook
from score.imports.reader import closest
from score.monitoring.models import Measurement, PracticeAnswer
from score.surveys.models import Response
from score.training.models import Enrolment
from tests.imports import corpus

ENROLMENTS = ["enterprise_code", "programme_code", "module", "registered_on"]


def _import(sheets, tmp_path):
    path = corpus.write_xlsx(tmp_path / "codes.xlsx", sheets)
    return import_workbook(by=command_line_user(), path=path)


def _messages(report):
    return [str(p) for p in report.problems]


def test_codes_in_another_case_are_matched_to_the_catalogue_code(world, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Measurements"][1][1] = "Units_Produced"
    sheets["Measurements"][2][1] = "Units_Produced"
    sheets["Practices"][1][1] = "WC_Info_Board"
    sheets["Practices"][2][1] = "wc_info_board"
    sheets["SurveyResponses"][1][0] = "wps"
    sheets["Enrolments"] = [ENROLMENTS, ["E-NEW1", "CN-P2", "wc", datetime.date(2024, 1, 10)]]
    report = _import(sheets, tmp_path)
    assert report.ok, _messages(report)
    assert Measurement.objects.filter(indicator__code="units_produced").count() == 2
    assert PracticeAnswer.objects.filter(item__code="wc_info_board").count() == 2
    assert Response.objects.filter(questionnaire__code="WPS", external_id="kobo-1").exists()
    assert Enrolment.objects.get(enterprise__code="E-NEW1").module.code == "WC"


def test_the_questionnaire_sat_in_lower_case_is_accepted(world, tmp_path):
    header = [*corpus.SURVEYS[:9], "overall_satisfied", "would_recommend"]
    row = ["sat", "kobo-9", "E-NEW1", "CN-P2", "after_module", "worker", "male", "lt1", None]
    sheets = corpus.good_sheets()
    sheets["SurveyResponses"] = [header, [*row, 5, "yes"]]
    report = _import(sheets, tmp_path)
    assert report.ok, _messages(report)
    assert Response.objects.get(external_id="kobo-9").questionnaire.code == "SAT"


def test_two_rows_differing_only_in_the_case_of_a_code_repeat_each_other(world, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Practices"][2] = ["E-NEW1", "WC_EIT_EXISTS", "baseline", "yes", "2024-01-15"]
    report = _import(sheets, tmp_path)
    [problem] = report.problems
    assert (problem.sheet, problem.row) == ("Practices", 3)
    assert "repeats row 2" in problem.message


def test_unknown_codes_suggest_the_closest_one(world, tmp_path):
    sheets = corpus.good_sheets()
    sheets["Measurements"][1][1] = "Units_Producd"
    sheets["Practices"][1][1] = "wc_info_bord"
    sheets["SurveyResponses"][1][0] = "WPSS"
    sheets["Enrolments"] = [ENROLMENTS, ["E-NEW1", "CN-P2", "wcc", datetime.date(2024, 1, 10)]]
    found = {(p.sheet, p.column): p.message for p in _import(sheets, tmp_path).problems}
    assert "did you mean units_produced?" in found["Measurements", "indicator"]
    assert "did you mean wc_info_board?" in found["Practices", "practice"]
    assert "did you mean WPS?" in found["SurveyResponses", "questionnaire"]
    assert "did you mean WC?" in found["Enrolments", "module"]


def test_closest_ignores_case_and_answers_in_the_candidates_spelling():
    assert closest("QM2", ["WC", "QM", "PCP"]) == "QM"
    assert closest("Units_Producd", ["units_produced", "labour_hours"]) == "units_produced"
    assert closest("zzz", ["WC", "QM"]) == ""
