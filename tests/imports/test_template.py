"""`score template` writes a workbook that opens with openpyxl and guides the user."""

from django.core.management import call_command
from openpyxl import load_workbook

from score.cli import main
from score.imports.workbook import SHEETS


def _validations(ws) -> dict[str, str]:
    """Column letter -> list formula of each drop-down."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            found[cell_range.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    return found


def test_template_has_instructions_and_every_sheet_with_bold_frozen_headers(db, tmp_path):
    path = tmp_path / "template.xlsx"
    call_command("template", output=str(path))
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Instructions"
    for sheet in SHEETS:
        ws = wb[sheet.name]
        headers = [c.value for c in ws[1]]
        assert headers[: len(sheet.columns)] == sheet.column_names
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
    assert wb["Lists"].sheet_state == "hidden"
    assert "YYYY-MM-DD" in "\n".join(str(c.value) for c in wb["Instructions"]["A"])


def test_template_has_the_exact_minimum_columns(db, tmp_path):
    path = tmp_path / "template.xlsx"
    call_command("template", output=str(path))
    wb = load_workbook(path)

    def header(name):
        return [c.value for c in wb[name][1]]

    assert header("Programmes")[:6] == [
        "programme_code",
        "name",
        "country",
        "phase",
        "start_date",
        "end_date",
    ]
    assert header("Enterprises") == [
        "enterprise_code",
        "name",
        "country",
        "region",
        "sector",
        "employees_female",
        "employees_male",
        "lead_buyers",
        "programme_code",
    ]
    assert header("Measurements") == [
        "enterprise_code",
        "indicator",
        "period_start",
        "period_end",
        "wave",
        "value",
        "currency",
        "source",
    ]


def test_template_drop_downs_list_indicators_waves_and_sexes(world, tmp_path):
    path = tmp_path / "template.xlsx"
    call_command("template", output=str(path))
    wb = load_workbook(path)
    lists = wb["Lists"]
    columns = {lists.cell(row=1, column=c).value: c for c in range(1, lists.max_column + 1)}

    def listed(formula):
        letter = formula.split("!$")[1].split("$")[0]
        col = next(
            c for name, c in columns.items() if lists.cell(row=1, column=c).column_letter == letter
        )
        return [
            lists.cell(row=r, column=col).value
            for r in range(2, lists.max_row + 1)
            if lists.cell(row=r, column=col).value
        ]

    measurements = _validations(wb["Measurements"])
    assert "defective_units" in listed(measurements["B"])
    assert listed(measurements["E"]) == ["baseline", "follow_up", "endline"]
    assert listed(measurements["H"]) == ["company_records", "management", "workers"]
    people = _validations(wb["People"])
    assert listed(people["D"]) == ["female", "male", "other"]
    assert listed(people["E"]) == ["owner", "manager", "worker"]
    organisations = _validations(wb["Organisations"])
    assert "lead_buyer" in listed(organisations["C"])
    assert "C" in _validations(wb["Enterprises"])  # countries
    visits = _validations(wb["Visits"])
    assert "WC" in listed(visits["C"])
    assert listed(visits["D"]) == ["baseline", "follow_up", "final"]
    assert listed(visits["F"]) == ["done", "planned"]
    assert listed(_validations(wb["Attendance"])["E"]) == ["yes", "no"]
    assert "WC" in listed(_validations(wb["Enrolments"])["C"])


def test_score_template_subcommand_writes_the_file(db, tmp_path, monkeypatch):
    monkeypatch.setattr("score.cli._setup_django", lambda **kw: None)
    path = tmp_path / "t.xlsx"
    assert main(["template", "--output", str(path)]) == 0
    assert load_workbook(path).sheetnames[0] == "Instructions"


def test_country_drop_downs_warn_so_a_country_added_on_the_countries_sheet_can_be_typed(
    world, tmp_path
):
    path = tmp_path / "template.xlsx"
    call_command("template", output=str(path))
    wb = load_workbook(path)
    styles = {}
    for name in ("Programmes", "Organisations", "Enterprises", "Trainers"):
        for dv in wb[name].data_validations.dataValidation:
            column = str(dv.sqref).split(":")[0].rstrip("0123456789")
            styles[name, column] = dv.errorStyle
    assert styles["Programmes", "C"] == "warning"  # country
    assert styles["Organisations", "D"] == "warning"
    assert styles["Enterprises", "C"] == "warning"
    assert styles["Trainers", "B"] == "warning"
    assert styles["Organisations", "C"] in (None, "stop")  # kind: only the listed values
    assert styles["Enterprises", "E"] in (None, "stop")  # sector
