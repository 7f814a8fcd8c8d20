"""The programme workbook as an openpyxl Workbook: instructions, one sheet per kind of
record with a bold frozen header, drop-down lists (from a hidden Lists sheet) on every
column with allowed values. The template is this workbook without rows; an export is
the same workbook with rows."""

import datetime
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from score.imports.workbook import BOOL, CHOICE, SHEETS

MAX_ROW = 5000


def _db_lists() -> dict[str, list[str]]:
    from score.programmes.models import Country

    lists = {"countries": list(Country.objects.order_by("code").values_list("code", flat=True))}
    try:
        from score.monitoring.models import Indicator, PracticeItem

        lists["indicators"] = list(
            Indicator.objects.order_by("order", "code").values_list("code", flat=True)
        )
        lists["practices"] = list(
            PracticeItem.objects.order_by("code").values_list("code", flat=True)
        )
    except ImportError:  # pragma: no cover
        lists["indicators"], lists["practices"] = [], []
    try:
        from score.surveys.models import Questionnaire

        lists["questionnaires"] = list(
            Questionnaire.objects.order_by("code").values_list("code", flat=True)
        )
    except ImportError:  # pragma: no cover
        lists["questionnaires"] = []
    from score.training.models import Module

    lists["modules"] = sorted(set(Module.objects.values_list("code", flat=True)))
    return lists


def question_codes() -> list[str]:
    try:
        from score.surveys.models import Question
    except ImportError:  # pragma: no cover
        return []
    seen = []
    for code in Question.objects.order_by("questionnaire__code", "order", "pk").values_list(
        "code", flat=True
    ):
        if code not in seen:
            seen.append(code)
    return seen


def _instructions(ws) -> None:
    lines = [
        _("SCORE programme workbook"),
        "",
        _("How to fill it in"),
        _(
            "Each sheet holds one kind of record; the first row is the header. Do not rename "
            "or reorder the headers; you may delete optional columns and leave sheets empty."
        ),
        _(
            "Type values, not formulas: a cell with a formula is refused (copy, then Paste "
            "Special > Values)."
        ),
        _(
            "Dates: a real Excel date, or text as YYYY-MM-DD (2024-03-31), YYYY/MM/DD or "
            "DD/MM/YYYY (day first). A day-first date such as 03/04/2024 that could also be "
            "read month-first is refused: type it as YYYY-MM-DD."
        ),
        _(
            "Numbers: a number cell, or text with a plain decimal point and no thousands "
            "separators (1250.5). Text with a comma, such as 1.250,5 or 1,250.5, is refused "
            "because it could be read in more than one way."
        ),
        _(
            "Yes/no columns take yes or no. Lists (donors, lead_buyers, programme_code on "
            "Enterprises; days, trainers and enterprises on Sessions) are separated by a "
            "semicolon ;"
        ),
        _(
            "Trainers are named by the e-mail they sign in with; users are not imported, so "
            "an admin adds them, with the trainer role, before the import."
        ),
        _(
            "Delivery: an enterprise is enrolled in a module on the Enrolments sheet before it "
            "can be in a class (Sessions, Attendance) or have a visit (Visits). A done baseline "
            "visit records the enrolment's baseline, as on the Visits page."
        ),
        _(
            "Trainers are matched by full_name and country, and the other trainer sheets name "
            "a trainer the same way. A module status new to the platform is recorded as "
            "history; a recorded one only moves on (certified after a completed ToE cycle, "
            "expert, renewed)."
        ),
        _(
            "Fees: the four shares (enterprise_share, sponsor_share, programme_share, "
            "other_share) must add up to the amount. A sponsor share needs the enterprise's "
            "partnership (Participations sheet)."
        ),
        _("Columns with allowed values have a drop-down list."),
        "",
        _("How rows are matched"),
        _(
            "Records are matched by their codes: a row whose code exists is updated, a new code "
            "is created, and a row equal to what is stored changes nothing, so importing the "
            "same file twice is safe. Nothing is ever deleted by an import."
        ),
        _(
            "A row may refer to codes that exist on the platform or that appear in the same "
            "workbook (e.g. an enterprise added on the Enterprises sheet, measured on the "
            "Measurements sheet)."
        ),
        _(
            "The whole file is checked first. If any row has a problem, nothing is imported and "
            "every problem is listed with its sheet, row and column."
        ),
        "",
        _("The sheets"),
    ]
    for sheet in SHEETS:
        lines.append(f"{sheet.name}: {sheet.help}")
        for column in sheet.columns:
            required = _("required") if column.required else _("optional")
            allowed = ", ".join(column.choices)
            text = f"    {column.name} ({column.type}, {required})"
            if column.help:
                text += f": {column.help}"
            if allowed:
                text += " " + _("Allowed: %(a)s") % {"a": allowed}
            lines.append(text)
    lines += ["", _("Full reference: docs/data-formats.md")]
    for i, line in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=str(line))
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120


def build_workbook(rows: dict[str, list[list]] | None = None) -> Workbook:
    """The workbook with optional ``rows`` per sheet (lists in column order)."""
    rows = rows or {}
    lists = _db_lists()
    extra_questions = question_codes()
    wb = Workbook()
    _instructions(wb.active)
    wb.active.title = "Instructions"
    lists_ws = wb.create_sheet("Lists")
    list_refs: dict[str, str] = {}

    def list_ref(name: str, values) -> str:
        if name not in list_refs:
            col = len(list_refs) + 1
            letter = get_column_letter(col)
            lists_ws.cell(row=1, column=col, value=name)
            for i, value in enumerate(values, start=2):
                lists_ws.cell(row=i, column=col, value=value)
            last = max(2, len(values) + 1)
            list_refs[name] = f"Lists!${letter}$2:${letter}${last}"
        return list_refs[name]

    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        headers = sheet.column_names + (extra_questions if sheet.open_columns else [])
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = max(14, len(column.name) + 4)
            values = None
            if column.type == CHOICE:
                values = list(column.choices) or lists.get(column.db_list, [])
                name = column.db_list or f"{sheet.name}.{column.name}"
            elif column.type == BOOL:
                values, name = ["yes", "no"], "yes_no"
            if values:
                if column.db_list == "countries":
                    # A country may be new, added on the Countries sheet of this workbook:
                    # Excel then warns (and allows it) instead of refusing it.
                    message = {
                        "errorStyle": "warning",
                        "errorTitle": _("Not a country of the platform yet"),
                        "error": _(
                            "This country is not on the platform yet. Keep it only if you add "
                            "it on the Countries sheet of this workbook."
                        ),
                    }
                else:
                    message = {
                        "errorTitle": _("Not in the list"),
                        "error": _("Choose a value from the drop-down list."),
                    }
                dv = DataValidation(
                    type="list",
                    formula1=list_ref(name, values),
                    allow_blank=not column.required,
                    showErrorMessage=True,
                    **message,
                )
                dv.add(f"{letter}2:{letter}{MAX_ROW}")
                ws.add_data_validation(dv)
        for values in rows.get(sheet.name, []):
            ws.append(values)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
    lists_ws.sheet_state = "hidden"
    return wb


def write_template(path: Path) -> Path:
    path = Path(path)
    build_workbook().save(path)
    return path
