import io

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from score.surveys import xlsform
from score.surveys.models import Questionnaire


@pytest.mark.parametrize("code", ["SAT", "WPS", "MPS"])
def test_each_seeded_questionnaire_converts_with_pyxform_without_warnings(db, code):
    questionnaire = Questionnaire.objects.get(code=code)
    warnings: list[str] = []
    result = convert(
        io.BytesIO(xlsform.xlsform_bytes(questionnaire)), warnings=warnings, file_type=".xlsx"
    )
    assert "<h:html" in result.xform
    assert warnings == []
    for question in questionnaire.questions.all():
        assert f"/{question.code}" in result.xform


def test_an_xlsform_with_an_enterprise_list_converts_too(world):
    questionnaire = Questionnaire.objects.get(code="WPS")
    data = xlsform.xlsform_bytes(questionnaire, enterprises=[world.provided, world.foreign])
    warnings: list[str] = []
    result = convert(io.BytesIO(data), warnings=warnings, file_type=".xlsx")
    assert world.provided.code in result.xform
    assert warnings == []


def test_the_xlsform_has_english_and_chinese_labels_and_the_choice_lists(db):
    book = load_workbook(io.BytesIO(xlsform.xlsform_bytes(Questionnaire.objects.get(code="WPS"))))
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [c.value for c in book["survey"][1]]
    assert "label::English (en)" in header and "label::Chinese (zh)" in header
    lists = {row[0] for row in book["choices"].iter_rows(min_row=2, values_only=True)}
    assert {"likert5", "yes_no", "wave", "respondent_role", "sex", "tenure_band"} <= lists
    names = [row[1] for row in book["survey"].iter_rows(min_row=2, values_only=True)]
    assert {"enterprise", "wave", "respondent_role", "sex", "tenure_band"} <= set(names)
