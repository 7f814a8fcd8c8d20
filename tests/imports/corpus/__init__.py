"""The corpus of good and bad workbooks (issue 4, item 9), generated, never committed.

Each builder writes one file into a directory and returns its path. Run
``python -m tests.imports.corpus DIR`` to write them all for trying by hand; the 50 MB
file is written only by the test that needs it (into pytest's tmp_path)."""

import datetime
from pathlib import Path

from openpyxl import Workbook

PROGRAMMES = ["programme_code", "name", "country", "phase", "start_date", "end_date"]
ORGANISATIONS = ["name", "short_name", "kind", "country", "status"]
ENTERPRISES = [
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
PEOPLE = ["enterprise_code", "person_code", "name", "sex", "role", "job_title"]
MEASUREMENTS = [
    "enterprise_code",
    "indicator",
    "period_start",
    "period_end",
    "wave",
    "value",
    "currency",
    "source",
]
PRACTICES = ["enterprise_code", "practice", "wave", "answer", "date"]
SURVEYS = [
    "questionnaire",
    "external_id",
    "enterprise_code",
    "programme_code",
    "wave",
    "role",
    "sex",
    "tenure_band",
    "submitted_on",
    "relations_improved",
    "suggestions_heard",
]


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with one sheet per entry: the first list is the header row."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def good_sheets() -> dict[str, list[list]]:
    """A whole new programme for the test world (tests/conftest.py), every sheet used."""
    d = datetime.date
    return _fresh(
        {
            "Organisations": [
                ORGANISATIONS,
                ["Hangzhou BDS", "HBDS", "bds_provider", "CN", "active"],
            ],
            "Programmes": [
                [*PROGRAMMES, "donors", "implementation_partners"],
                [
                    "CN-P2",
                    "SCORE China Phase II",
                    "CN",
                    2,
                    d(2024, 1, 1),
                    None,
                    "SECO",
                    "Hangzhou BDS",
                ],
            ],
            "Enterprises": [
                ENTERPRISES,
                [
                    "E-NEW1",
                    "New Valves",
                    "CN",
                    "Zhejiang",
                    "C",
                    10,
                    20,
                    "Coop Switzerland",
                    "CN-P2",
                ],
                ["E-NEW2", "New Socks", "CN", "", "C", 5, 1, "", "CN-P2"],
            ],
            "People": [
                PEOPLE,
                ["E-NEW1", "P1", "Li Na", "female", "worker", "machinist"],
                ["E-NEW1", "P2", "", "male", "manager", ""],
            ],
            "Measurements": [
                MEASUREMENTS,
                [
                    "E-NEW1",
                    "defective_units",
                    d(2024, 1, 1),
                    d(2024, 3, 31),
                    "baseline",
                    120,
                    None,
                    "company_records",
                ],
                [
                    "E-NEW1",
                    "defective_units",
                    "2024-07-01",
                    "2024-09-30",
                    "follow_up",
                    100,
                    None,
                    "company_records",
                ],
                [
                    "E-NEW1",
                    "cost_savings",
                    "2024-07-01",
                    "2024-09-30",
                    "follow_up",
                    15000.5,
                    "CNY",
                    "management",
                ],
            ],
            "Practices": [
                PRACTICES,
                ["E-NEW1", "wc_eit_exists", "baseline", "no", "2024-01-15"],
                ["E-NEW1", "wc_eit_exists", "follow_up", "yes", "2024-09-15"],
            ],
            "SurveyResponses": [
                SURVEYS,
                [
                    "WPS",
                    "kobo-1",
                    "E-NEW1",
                    "CN-P2",
                    "endline",
                    "worker",
                    "female",
                    "1to3",
                    "2024-10-01",
                    4,
                    "yes",
                ],
                [
                    "WPS",
                    "kobo-2",
                    "E-NEW1",
                    "CN-P2",
                    "endline",
                    "manager",
                    "male",
                    "gt10",
                    "2024-10-01",
                    5,
                    "no",
                ],
            ],
        }
    )


def _fresh(sheets):
    return {name: [list(row) for row in rows] for name, rows in sheets.items()}


def good_workbook(directory: Path) -> Path:
    return write_xlsx(directory / "good.xlsx", good_sheets())


def _variant(directory: Path, name: str, change) -> Path:
    sheets = good_sheets()
    change(sheets)
    return write_xlsx(directory / f"{name}.xlsx", sheets)


def wrong_types(directory: Path) -> Path:
    def change(s):
        s["Enterprises"][1][5] = "ten"  # employees_female
        s["Measurements"][1][5] = "12,5 kg"  # value
        s["Practices"][1][3] = "maybe"  # answer

    return _variant(directory, "wrong_types", change)


def missing_column(directory: Path) -> Path:
    def change(s):
        for row in s["Enterprises"]:
            del row[4]  # sector

    return _variant(directory, "missing_column", change)


def misspelt_column(directory: Path) -> Path:
    def change(s):
        s["Measurements"][0][1] = "indicatr"

    return _variant(directory, "misspelt_column", change)


def unknown_codes(directory: Path) -> Path:
    def change(s):
        s["Measurements"][1][0] = "E-NOPE"
        s["Measurements"][2][1] = "defects_per_million"
        s["Enterprises"][1][8] = "XX-P9"

    return _variant(directory, "unknown_codes", change)


def duplicate_rows(directory: Path) -> Path:
    def change(s):
        s["Enterprises"].append(list(s["Enterprises"][1]))

    return _variant(directory, "duplicate_rows", change)


def dates_three_formats(directory: Path, *, ambiguous: bool = False) -> Path:
    def change(s):
        s["Measurements"][1][2] = datetime.date(2024, 1, 1)  # a real Excel date
        s["Measurements"][1][3] = "31/03/2024"  # DD/MM/YYYY, unambiguous
        s["Measurements"][2][2] = "2024/07/01"  # YYYY/MM/DD
        s["Measurements"][2][3] = "2024-09-30"  # ISO
        if ambiguous:
            s["Practices"][1][4] = "03/04/2024"

    name = "dates_ambiguous" if ambiguous else "dates_three_formats"
    return _variant(directory, name, change)


def formula_cells(directory: Path) -> Path:
    def change(s):
        s["Enterprises"][1][5] = "=2*5"

    return _variant(directory, "formula_cells", change)


def empty_file(directory: Path) -> Path:
    path = directory / "empty.xlsx"
    path.write_bytes(b"")
    return path


def empty_workbook(directory: Path) -> Path:
    return write_xlsx(directory / "headers_only.xlsx", {"Enterprises": [ENTERPRISES]})


def not_a_spreadsheet(directory: Path) -> Path:
    path = directory / "report.xlsx"
    path.write_bytes(b"%PDF-1.4\n% not a workbook at all\n")
    return path


def zip_not_xlsx(directory: Path) -> Path:
    import zipfile

    path = directory / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def non_utf8_csv(directory: Path) -> Path:
    path = directory / "enterprises.csv"
    text = "enterprise_code,name,country\nE-9,Société Générale de Thé,CN\n"
    path.write_bytes(text.encode("latin-1"))
    return path


def big_file(directory: Path, megabytes: int = 50) -> Path:
    """A file over the size limit; starts like a zip so only its size refuses it."""
    path = directory / "big.xlsx"
    with path.open("wb") as out:
        out.write(b"PK\x03\x04")
        out.truncate(megabytes * 1024 * 1024)
    return path


BAD = [
    wrong_types,
    missing_column,
    misspelt_column,
    unknown_codes,
    duplicate_rows,
    formula_cells,
    empty_file,
    empty_workbook,
    not_a_spreadsheet,
    zip_not_xlsx,
    non_utf8_csv,
]


# Delivery: enrolments, classes, attendance and visits -------------------------------------

ENROLMENTS = [
    "enterprise_code",
    "programme_code",
    "module",
    "registered_on",
    "provider",
    "trainer",
    "baseline_on",
    "classroom_on",
    "visits_done_on",
    "completed_on",
    "dropped_on",
    "dropped_reason",
]
SESSIONS = [
    "session_code",
    "programme_code",
    "module",
    "title",
    "start_date",
    "end_date",
    "days",
    "online",
    "venue",
    "online_link",
    "provider",
    "trainers",
    "enterprises",
    "notes",
]
ATTENDANCE = ["session_code", "enterprise_code", "person_code", "date", "present"]
VISITS = [
    "enterprise_code",
    "programme_code",
    "module",
    "type",
    "sequence",
    "status",
    "date",
    "hours",
    "trainer",
    "eit_took_part",
    "findings",
    "next_steps",
]


def delivery_sheets(trainer: str) -> dict[str, list[list]]:
    """good_sheets() plus a Workplace Cooperation class for CN-P2: E-NEW1 goes all the way
    (its steps on the Enrolments sheet), E-NEW2 only has its baseline visit, which moves its
    enrolment on as the Visits page does, and a follow-up visit planned."""
    soon = datetime.date.today() + datetime.timedelta(days=30)
    sheets = good_sheets()
    sheets.update(
        _fresh(
            {
                "Enrolments": [
                    ENROLMENTS,
                    [
                        "E-NEW1",
                        "CN-P2",
                        "WC",
                        "2024-01-10",
                        "Hangzhou BDS",
                        trainer,
                        "2024-01-20",
                        "2024-02-02",
                        "2024-04-01",
                        "2024-05-01",
                        None,
                        None,
                    ],
                    ["E-NEW2", "CN-P2", "WC", "2024-01-10", None, None, *[None] * 6],
                ],
                "Sessions": [
                    SESSIONS,
                    [
                        "CN-P2-WC-01",
                        "CN-P2",
                        "WC",
                        "Workplace Cooperation, Hangzhou",
                        "2024-02-01",
                        "2024-02-02",
                        None,
                        "no",
                        "Hangzhou BDS training room",
                        None,
                        "Hangzhou BDS",
                        trainer,
                        "E-NEW1;E-NEW2",
                        "Two managers and two workers each",
                    ],
                ],
                "Attendance": [
                    ATTENDANCE,
                    ["CN-P2-WC-01", "E-NEW1", "P1", "2024-02-01", "yes"],
                    ["CN-P2-WC-01", "E-NEW1", "P1", "2024-02-02", "no"],
                    ["CN-P2-WC-01", "E-NEW1", "P2", "2024-02-01", "yes"],
                    ["CN-P2-WC-01", "E-NEW1", "P2", "2024-02-02", "yes"],
                ],
                "Visits": [
                    VISITS,
                    [
                        "E-NEW1",
                        "CN-P2",
                        "WC",
                        "baseline",
                        1,
                        "done",
                        "2024-01-20",
                        3.5,
                        trainer,
                        "no",
                        "No improvement team yet",
                        "Form the team",
                    ],
                    [
                        "E-NEW1",
                        "CN-P2",
                        "WC",
                        "follow_up",
                        1,
                        "done",
                        "2024-03-01",
                        4,
                        trainer,
                        "yes",
                        "Team meets weekly",
                        None,
                    ],
                    [
                        "E-NEW1",
                        "CN-P2",
                        "WC",
                        "follow_up",
                        2,
                        "done",
                        "2024-04-01",
                        2.5,
                        trainer,
                        "yes",
                        None,
                        None,
                    ],
                    ["E-NEW2", "CN-P2", "WC", "baseline", 1, "done", "2024-01-25", 3, trainer],
                    ["E-NEW2", "CN-P2", "WC", "follow_up", 1, "planned", soon, None, trainer],
                ],
            }
        )
    )
    return sheets


def delivery_workbook(directory: Path, trainer: str) -> Path:
    return write_xlsx(directory / "delivery.xlsx", delivery_sheets(trainer))
