"""Each questionnaire as an XLSForm (survey, choices and settings sheets) for KoboToolbox
and ODK. Column names of the CSV those tools export are the ``name`` column here, which is
what ``kobo.py`` reads back."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from score.surveys.models import Likert, QuestionType, RespondentRole, Sex, TenureBand, Wave, YesNo

EN = "label::English (en)"
ZH = "label::Chinese (zh)"

# Chinese labels of the fixed parts of the form (the questions carry their own).
CHINESE = {
    "respondent": "受访者",
    "answers": "问题",
    "enterprise": "企业",
    "programme": "项目",
    "wave": "调查轮次",
    "respondent_role": "受访者角色",
    "sex": "性别",
    "tenure_band": "在本企业工作年限",
    "session": "培训班编号",
    "baseline": "基线",
    "endline": "终线",
    "after_module": "模块培训后",
    "worker": "员工",
    "manager": "管理人员",
    "female": "女",
    "male": "男",
    "other": "其他/未说明",
    "lt1": "不到1年",
    "1to3": "1–3年",
    "3to10": "3–10年",
    "gt10": "10年以上",
    "1": "非常不同意",
    "2": "不同意",
    "3": "既不同意也不反对",
    "4": "同意",
    "5": "非常同意",
    "yes": "是",
    "no": "否",
}

ENGLISH = {
    "respondent": "About the respondent (no names)",
    "answers": "Questions",
    "enterprise": "Enterprise code",
    "programme": "Programme code (only if the enterprise is in several programmes)",
    "wave": "Wave",
    "respondent_role": "Respondent's role",
    "sex": "Sex",
    "tenure_band": "Years at the enterprise",
    "session": "Classroom session code (optional)",
}

SURVEY_COLUMNS = [
    "type",
    "name",
    EN,
    ZH,
    "required",
    "constraint",
    "constraint_message::English (en)",
    "constraint_message::Chinese (zh)",
]


def _english(choices) -> list[tuple[str, str]]:
    from django.utils import translation

    with translation.override("en"):
        return [(value, str(label)) for value, label in choices.choices]


def build(questionnaire, *, enterprises=None) -> Workbook:
    """The XLSForm workbook. With ``enterprises`` the enterprise is chosen from a list of
    their codes; without, it is typed and checked against the code pattern."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    choices = book.create_sheet("choices")
    settings = book.create_sheet("settings")
    survey.append(SURVEY_COLUMNS)
    choices.append(["list_name", "name", EN, ZH])

    def row(type_, name, en, zh="", required="", constraint="", message=""):
        survey.append(
            [
                type_,
                name,
                en,
                zh or en,
                required,
                constraint,
                message,
                message and "只能使用字母、数字和 . _ -",
            ]
        )

    def choice_list(list_name, pairs):
        for value, label in pairs:
            choices.append([list_name, value, label, CHINESE.get(value, label)])

    row("begin_group", "respondent", ENGLISH["respondent"], CHINESE["respondent"])
    if enterprises is not None:
        row(
            "select_one enterprise",
            "enterprise",
            ENGLISH["enterprise"],
            CHINESE["enterprise"],
            "yes",
        )
        for enterprise in enterprises:
            choices.append(
                [
                    "enterprise",
                    enterprise.code,
                    f"{enterprise.code} {enterprise.name}",
                    f"{enterprise.code} {enterprise.name}",
                ]
            )
    else:
        row(
            "text",
            "enterprise",
            ENGLISH["enterprise"],
            CHINESE["enterprise"],
            "yes",
            "regex(., '^[A-Za-z0-9][A-Za-z0-9._-]*$')",
            "Letters, digits, . _ - only",
        )
    row("text", "programme", ENGLISH["programme"], CHINESE["programme"])
    row("select_one wave", "wave", ENGLISH["wave"], CHINESE["wave"], "yes")
    row(
        "select_one respondent_role",
        "respondent_role",
        ENGLISH["respondent_role"],
        CHINESE["respondent_role"],
        "yes",
    )
    row("select_one sex", "sex", ENGLISH["sex"], CHINESE["sex"], "yes")
    row(
        "select_one tenure_band",
        "tenure_band",
        ENGLISH["tenure_band"],
        CHINESE["tenure_band"],
        "yes",
    )
    if questionnaire.kind == "participant_satisfaction":
        row("text", "session", ENGLISH["session"], CHINESE["session"])
    row("end_group", "", "", "")
    row("begin_group", "answers", ENGLISH["answers"], CHINESE["answers"])
    for question in questionnaire.questions.order_by("order", "code"):
        list_name = "likert5" if question.type == QuestionType.LIKERT5 else "yes_no"
        row(
            f"select_one {list_name}",
            question.code,
            question.text,
            question.text_translations.get("zh-hans", question.text),
            "yes",
        )
    row("end_group", "", "", "")
    row("today", "today", "", "")

    choice_list("wave", [p for p in _english(Wave) if p[0] in questionnaire.waves])
    choice_list("respondent_role", _english(RespondentRole))
    choice_list("sex", _english(Sex))
    choice_list("tenure_band", _english(TenureBand))
    choice_list("likert5", _english(Likert))
    choice_list("yes_no", _english(YesNo))

    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(
        [
            questionnaire.title,
            f"score_{questionnaire.code.lower().replace('-', '_').replace('.', '_')}",
            str(questionnaire.version),
            "English (en)",
        ]
    )
    for sheet in (survey, choices, settings):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    return book


def xlsform_bytes(questionnaire, *, enterprises=None) -> bytes:
    buffer = io.BytesIO()
    build(questionnaire, enterprises=enterprises).save(buffer)
    return buffer.getvalue()


def filename(questionnaire) -> str:
    return f"score-survey-{questionnaire.code}-v{questionnaire.version}.xlsx"
