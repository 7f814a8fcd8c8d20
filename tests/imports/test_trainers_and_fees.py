"""The workbook carries a trainer network and fee records: imported through the trainers' and
finance actions, they give the pipeline and cost-recovery figures worked out by hand here."""

import datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score.accounts.models import Role
from score.enterprises.models import Participation
from score.finance import queries as finance_queries
from score.finance.models import Fee, FeeShare, ModulePrice
from score.imports.actions import command_line_user, import_workbook
from score.imports.exporter import export_rows, export_workbook
from score.programmes.models import Country, Partnership
from score.trainers import queries as trainer_queries
from score.trainers.models import Course, CourseParticipant, Trainer, TrainerModuleStatus
from tests.factories import user_with_role
from tests.imports.corpus import write_xlsx
from tests.imports.test_round_trip import DAY, TEXT, _flush

D = datetime.date
NETWORK = [
    "trainers.Trainer",
    "trainers.TrainerModuleStatus",
    "trainers.Course",
    "trainers.CourseParticipant",
    "finance.ModulePrice",
    "finance.Fee",
    "finance.FeeShare",
    "finance.Invoice",
    "finance.InvoiceLine",
    "finance.Payment",
    "training.Enrolment",
    "counselling.Visit",
    "core.AuditEvent",
]

HEADERS = {
    "Countries": ["country", "name", "currency"],
    "Organisations": ["name", "short_name", "kind", "country", "status"],
    "Programmes": ["programme_code", "name", "country", "phase", "start_date"],
    "Partnerships": [
        "partnership_code",
        "name",
        "sponsor",
        "programme_code",
        "start_date",
        "end_date",
        "budget",
        "currency",
        "sponsor_fee_share",
    ],
    "Enterprises": ["enterprise_code", "name", "country", "sector", "programme_code"],
    "Participations": ["enterprise_code", "programme_code", "provider", "partnership_code"],
    "Enrolments": [
        "enterprise_code",
        "programme_code",
        "module",
        "registered_on",
        "provider",
        "trainer",
        "baseline_on",
    ],
    "Visits": [
        "enterprise_code",
        "programme_code",
        "module",
        "type",
        "sequence",
        "status",
        "date",
        "hours",
        "trainer",
    ],
    "Trainers": [
        "full_name",
        "country",
        "sex",
        "languages",
        "organisation",
        "email",
        "phone",
        "user_email",
    ],
    "TrainerModules": [
        "trainer",
        "country",
        "module",
        "level",
        "trained_on",
        "certified_on",
        "expert_on",
        "certifying_organisation",
        "expires_on",
        "renewed_on",
    ],
    "TrainerCourses": [
        "title",
        "start_date",
        "end_date",
        "kind",
        "module",
        "country",
        "programme_code",
        "organisation",
        "venue",
        "supervisor",
    ],
    "CourseParticipants": [
        "course_title",
        "course_start_date",
        "trainer",
        "country",
        "outcome",
        "outcome_on",
        "recommended",
    ],
    "Prices": ["provider", "module", "valid_from", "amount", "currency"],
    "Fees": [
        "enterprise_code",
        "programme_code",
        "module",
        "amount",
        "currency",
        "agreed_on",
        "enterprise_share",
        "sponsor_share",
        "programme_share",
        "other_share",
        "programme_payer",
        "other_payer",
        "notes",
    ],
}
HEADERS["Invoices"] = ["number", "payer_kind", "fees", "status", "issued_on", "due_on"]
HEADERS["Invoices"] += ["cancelled_on", "notes"]
HEADERS["Payments"] = ["invoice_number", "paid_on", "amount", "reference"]
CENTRE = "Shenyang Training Centre"


def _counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in NETWORK}


def _trainer_user():
    user = user_with_role(Role.TRAINER)
    user.email = "li.na@example.org"
    user.save()
    return user


def network_sheets() -> dict[str, list[list]]:
    """A programme, two enterprises, five trainers and their history, a ToT and a ToE, prices
    and three fees: every figure below follows from these rows alone."""
    today = timezone.localdate()
    ago = lambda days: today - datetime.timedelta(days=days)  # noqa: E731
    rows = {
        "Countries": [["CN", "China", "CNY"]],
        "Organisations": [
            [CENTRE, "STC", "training_institution", "CN", "active"],
            ["Swiss Donor", None, "donor", None, "active"],
            ["Liaoning Employers", None, "employers_organisation", "CN", "active"],
            ["Test Buyer", None, "lead_buyer", None, "active"],
        ],
        "Partnerships": [
            [
                "TF-BUY",
                "Test Buyer suppliers",
                "Test Buyer",
                "TF-P1",
                D(2020, 1, 1),
                None,
                10000,
                "USD",
                20,
            ],
        ],
        "Programmes": [["TF-P1", "Trainer network test", "CN", 1, D(2020, 1, 1)]],
        "Enterprises": [
            ["TF-E1", "Test Factory One", "CN", "C", "TF-P1"],
            ["TF-E2", "Test Factory Two", "CN", "C", "TF-P1"],
        ],
        # TF-E2 is sponsored by the Test Buyer; TF-E1 is served by the centre
        "Participations": [["TF-E1", "TF-P1", CENTRE, None], ["TF-E2", "TF-P1", None, "TF-BUY"]],
        "Enrolments": [
            ["TF-E1", "TF-P1", "WC", ago(30), CENTRE, "li.na@example.org", ago(20)],
            ["TF-E1", "TF-P1", "QM", ago(10), None, None, None],
            ["TF-E2", "TF-P1", "WC", ago(30), CENTRE, None, None],
        ],
        # Li Na's visit in the last twelve months makes her active.
        "Visits": [
            ["TF-E1", "TF-P1", "WC", "baseline", 1, "done", ago(20), 3, "li.na@example.org"]
        ],
        "Trainers": [
            [
                "Li Na",
                "CN",
                "female",
                "Chinese, English",
                CENTRE,
                "li@stc.cn",
                None,
                "li.na@example.org",
            ],
            ["Wang Wei", "CN", "male", "Chinese", CENTRE, None, None, None],
            ["Zhao Min", "CN", "female", None, None, None, None, None],
            ["Chen Jie", "CN", "male", None, CENTRE, None, "+86 24 1234", None],
            ["Sun Li", "CN", "female", "Chinese", CENTRE, None, None, None],
        ],
        "TrainerModules": [
            [
                "Li Na",
                "CN",
                "WC",
                "expert",
                D(2022, 1, 10),
                D(2022, 6, 1),
                D(2023, 1, 1),
                "Swiss Donor",
                None,
                None,
            ],
            [
                "Li Na",
                "CN",
                "QM",
                "certified",
                D(2022, 3, 1),
                D(2022, 9, 1),
                None,
                None,
                D(2027, 12, 1),
                D(2024, 12, 1),
            ],
            [
                "Wang Wei",
                "CN",
                "WC",
                "certified",
                D(2023, 2, 1),
                D(2023, 8, 1),
                None,
                CENTRE,
                None,
                None,
            ],
            # certified, but the certificate expired: trained, not certified
            [
                "Zhao Min",
                "CN",
                "WC",
                "certified",
                D(2019, 5, 1),
                D(2020, 1, 1),
                None,
                None,
                D(2022, 1, 1),
                None,
            ],
            ["Chen Jie", "CN", "WC", "candidate", D(2024, 1, 1), None, None, None, None, None],
        ],
        "TrainerCourses": [
            [
                "WC ToT Shenyang",
                D(2024, 5, 1),
                D(2024, 5, 5),
                "tot",
                "WC",
                "CN",
                "TF-P1",
                CENTRE,
                "Hall 2",
                None,
            ],
            [
                "WC ToE Sun Li",
                D(2024, 6, 1),
                D(2024, 9, 30),
                "toe",
                "WC",
                "CN",
                "TF-P1",
                CENTRE,
                None,
                "Li Na",
            ],
        ],
        "CourseParticipants": [
            # the ToE row first: the import takes the courses in date order
            ["WC ToE Sun Li", D(2024, 6, 1), "Sun Li", "CN", "completed", D(2024, 9, 30), "yes"],
            ["WC ToT Shenyang", D(2024, 5, 1), "Sun Li", "CN", "completed", D(2024, 5, 5), "no"],
        ],
        "Prices": [
            [CENTRE, "WC", D(2020, 1, 1), 3000, "USD"],
            [CENTRE, "WC", D(2025, 1, 1), 3200, "USD"],
            [CENTRE, "QM", D(2020, 1, 1), "2000.50", "USD"],
        ],
        "Fees": [
            [
                "TF-E1",
                "TF-P1",
                "WC",
                3000,
                "USD",
                ago(25),
                1500,
                0,
                1500,
                0,
                "Swiss Donor",
                None,
                None,
            ],
            [
                "TF-E1",
                "TF-P1",
                "QM",
                2000,
                "USD",
                ago(9),
                500,
                None,
                1000,
                500,
                "Swiss Donor",
                "Liaoning Employers",
                "QM at half price",
            ],
            ["TF-E2", "TF-P1", "WC", 1000, "USD", ago(25), 500, 200, 300, None, None, None, None],
        ],
        "Invoices": [
            ["INV-T-001", "enterprise", "TF-E1/TF-P1/WC", "paid", ago(20), ago(5), None, None],
            [
                "INV-T-002",
                "programme",
                "TF-E1/TF-P1/WC; TF-E1/TF-P1/QM",
                "issued",
                ago(8),
                None,
                None,
                "Donor's half",
            ],
            ["INV-T-003", "sponsor", "TF-E2/TF-P1/WC", "cancelled", ago(8), None, ago(3), None],
            ["INV-T-004", "sponsor", "TF-E2/TF-P1/WC", "draft", None, None, None, None],
        ],
        "Payments": [
            ["INV-T-001", ago(15), 1000, "bank 1"],
            ["INV-T-001", ago(10), 500, "bank 2"],
            ["INV-T-002", ago(4), "800.50", None],
        ],
    }
    return rows


def _write(path, rows: dict) -> str:
    return write_xlsx(path, {name: [HEADERS[name], *body] for name, body in rows.items()})


def _import(path, user=None):
    return import_workbook(by=user or command_line_user(), path=path)


def _messages(report) -> str:
    return "\n".join(str(p) for p in report.problems)


def _with_coop_fee(world, rows) -> dict:
    """The Coop model on the test world's sponsored enterprise: half Coop, half the supplier."""
    code = world.sponsored_consenting.code
    rows["Enrolments"].append([code, "CN-P1", "WC", D(2012, 1, 10), None, None, None])
    rows["Fees"].append(
        [code, "CN-P1", "WC", 3000, "USD", D(2012, 1, 10), 1500, 1500, None, None, None, None, None]
    )
    return rows


def test_known_workbook_gives_the_hand_computed_pipeline_and_cost_recovery(
    world, admin_user, tmp_path
):
    _trainer_user()
    rows = _with_coop_fee(world, network_sheets())
    report = _import(_write(tmp_path / "network.xlsx", rows), admin_user)
    assert report.ok, _messages(report)

    pipeline = trainer_queries.pipeline(admin_user)
    # trained: all five; certified: Li Na and Wang Wei (Zhao Min's certificate expired);
    # active: Li Na, certified and with a visit 20 days ago (Wang Wei has no user account).
    total = pipeline.total
    assert (total.trained, total.certified, total.active) == (5, 2, 1)
    by_sex = {s.label: (s.trained, s.certified, s.active) for s in pipeline.by_sex}
    assert by_sex == {"Female": (3, 1, 1), "Male": (2, 1, 0)}
    by_module = {s.label: (s.trained, s.certified, s.active) for s in pipeline.by_module}
    assert list(by_module.values()) == [(5, 2, 1), (1, 1, 1)]  # WC, then QM
    assert trainer_queries.expert_trainers_by_sex("CN") == {"female": 1, "male": 0}

    # Sun Li: candidate through the completed ToT (trained on its last day)
    sun = TrainerModuleStatus.objects.get(trainer__full_name="Sun Li")
    assert (sun.level, sun.trained_on) == ("candidate", D(2024, 5, 5))
    assert CourseParticipant.objects.get(course__kind="toe").recommended
    renewed = TrainerModuleStatus.objects.get(trainer__full_name="Li Na", module__code="QM")
    assert (renewed.renewed_on, renewed.expires_on) == (D(2024, 12, 1), D(2027, 12, 1))
    assert Trainer.objects.get(full_name="Li Na").user.email == "li.na@example.org"

    recovery = finance_queries.cost_recovery(country=world.china)
    # Module 1: fees 3000 + 1000 + 3000 = 7000; not the programme's: 1500 + (500 + 200) +
    # (1500 + 1500) = 5200 -> 74.3 %. Modules 2-5: 2000, of which 500 + 500 -> 50.0 %.
    # All: 5200 + 1000 = 6200 of 9000 -> 68.9 %.
    m1, m2, everything = recovery["module_1"], recovery["modules_2_5"], recovery["total"]
    assert (m1.n, m1.cost_usd, m1.non_programme_usd) == (3, Decimal("7000"), Decimal("5200"))
    assert m1.percent == Decimal("74.3")
    assert (m2.n, m2.cost_usd, m2.non_programme_usd) == (1, Decimal("2000"), Decimal("1000"))
    assert m2.percent == Decimal("50.0")
    assert (everything.n, everything.percent) == (4, Decimal("68.9"))

    qm = Fee.objects.get(enrolment__module__code="QM")
    assert qm.provider.name == CENTRE and qm.notes == "QM at half price"
    other = qm.shares.get(payer_kind="other")
    assert (other.amount, other.organisation.name) == (Decimal("500.00"), "Liaoning Employers")
    coop = Fee.objects.get(enrolment__enterprise=world.sponsored_consenting)
    assert coop.shares.get(payer_kind="sponsor").organisation == world.sponsor
    buyer = Fee.objects.get(enrolment__enterprise__code="TF-E2").shares.get(payer_kind="sponsor")
    assert (buyer.amount, buyer.organisation.name) == (Decimal("200.00"), "Test Buyer")
    # the QM enrolment names no provider: the participation's provider delivers it
    assert ModulePrice.objects.get(module__code="QM").amount == Decimal("2000.50")
    from score.finance.models import Invoice

    statuses = dict(Invoice.objects.values_list("number", "status"))
    assert statuses == {
        "INV-T-001": "paid",
        "INV-T-002": "issued",
        "INV-T-003": "cancelled",
        "INV-T-004": "draft",
    }
    assert finance_queries.invoice_totals(Invoice.objects.get(number="INV-T-002")) == {
        "total": Decimal("2500.00"),
        "paid": Decimal("800.50"),
        "outstanding": Decimal("1699.50"),
    }
    assert Invoice.objects.get(number="INV-T-001").paid_on == timezone.localdate() - (
        datetime.timedelta(days=10)
    )
    price = finance_queries.price_in_force(
        provider=qm.provider, module=coop.enrolment.module, on=D(2025, 6, 1)
    )
    assert price.amount == Decimal("3200")


def test_second_import_of_the_same_workbook_changes_nothing(world, admin_user, tmp_path):
    _trainer_user()
    path = _write(tmp_path / "network.xlsx", _with_coop_fee(world, network_sheets()))
    assert _import(path, admin_user).ok
    before = _counts()
    report = _import(path, admin_user)
    assert report.ok, _messages(report)
    assert report.count("unchanged") == report.total
    assert _counts() == before


def _problems(report) -> set:
    return {(p.sheet, p.row, p.column) for p in report.problems}


def test_bad_rows_are_named_with_their_fix_and_nothing_is_written(world, admin_user, tmp_path):
    _trainer_user()
    rows = network_sheets()
    rows["Fees"][0][6] = 1400  # shares make 2900, the fee 3000
    rows["Fees"][1][7] = 100  # TF-E1 has no sponsoring partnership
    rows["Fees"][1][6] = 400
    rows["TrainerModules"][0][6] = None  # an expert without expert_on
    rows["TrainerModules"].append(
        ["Nobody", "CN", "WC", "candidate", D(2024, 1, 1), None, None, None, None, None]
    )
    rows["TrainerModules"].append(
        ["Sun Li", "CN", "QM", "candidate", D(2024, 1, 1), D(2024, 2, 1), None, None, None, None]
    )
    rows["TrainerCourses"][1][9] = "Wang Wei"  # certified, not an expert
    rows["Prices"].append(["Swiss Donor", "WC", D(2020, 1, 1), 100, "USD"])
    rows["Prices"].append([CENTRE, "QM", D(2021, 1, 1), "1E+30", "USD"])  # far too large
    rows["Partnerships"][0][8] = 150  # a share above 100 %
    rows["Trainers"].append(["Ma Lin", "CN", "female", None, None, "not-an-address", None, None])
    before = _counts()
    report = _import(_write(tmp_path / "bad.xlsx", rows), admin_user)
    assert not report.ok
    assert _counts() == before
    found = _problems(report)
    assert {
        ("Fees", 2, "amount"),
        ("Fees", 3, "sponsor_share"),
        ("TrainerModules", 2, "expert_on"),
        ("TrainerModules", 7, "trainer"),
        ("TrainerModules", 8, "certified_on"),
        ("TrainerCourses", 3, "supervisor"),
        ("Prices", 5, "provider"),
        ("Prices", 6, "amount"),
        ("Partnerships", 2, "sponsor_fee_share"),
        ("Trainers", 7, "email"),
    } <= found, _messages(report)
    text = _messages(report)
    assert "add up to 2900" in text and "the fee is 3000" in text
    assert "is not an expert in WC" in text
    assert "There is no trainer Nobody in CN" in text


def test_a_recorded_candidate_is_certified_by_import_only_after_a_completed_toe(
    world, admin_user, tmp_path
):
    _trainer_user()
    assert _import(_write(tmp_path / "first.xlsx", network_sheets()), admin_user).ok
    later = {
        "TrainerModules": [
            # Sun Li completed her ToE on 2024-09-30: certify_trainer accepts her
            [
                "Sun Li",
                "CN",
                "WC",
                "certified",
                D(2024, 5, 5),
                D(2024, 10, 15),
                None,
                CENTRE,
                None,
                None,
            ],
            # Chen Jie has no ToE cycle: refused, and so is the whole file
            [
                "Chen Jie",
                "CN",
                "WC",
                "certified",
                D(2024, 1, 1),
                D(2024, 10, 15),
                None,
                None,
                None,
                None,
            ],
        ]
    }
    refused = _import(_write(tmp_path / "both.xlsx", later), admin_user)
    assert _problems(refused) == {("TrainerModules", 3, "level")}, _messages(refused)
    assert "no completed ToE cycle" in _messages(refused)
    assert TrainerModuleStatus.objects.get(trainer__full_name="Sun Li").level == "candidate"

    later["TrainerModules"].pop()
    report = _import(_write(tmp_path / "sun.xlsx", later), admin_user)
    assert report.ok, _messages(report)
    status = TrainerModuleStatus.objects.get(trainer__full_name="Sun Li")
    assert (status.level, status.certified_on) == ("certified", D(2024, 10, 15))
    assert status.certifying_organisation.name == CENTRE
    assert trainer_queries.pipeline(admin_user).total.certified == 3


def test_a_recorded_status_is_not_lowered_or_redated(world, admin_user, tmp_path):
    _trainer_user()
    assert _import(_write(tmp_path / "first.xlsx", network_sheets()), admin_user).ok
    rows = {
        "TrainerModules": [
            [
                "Li Na",
                "CN",
                "WC",
                "certified",
                D(2022, 1, 10),
                D(2022, 6, 1),
                None,
                None,
                None,
                None,
            ],
            [
                "Wang Wei",
                "CN",
                "WC",
                "certified",
                D(2023, 2, 2),
                D(2023, 8, 1),
                None,
                None,
                None,
                None,
            ],
        ]
    }
    report = _import(_write(tmp_path / "lower.xlsx", rows), admin_user)
    assert _problems(report) == {
        ("TrainerModules", 2, "level"),
        ("TrainerModules", 3, "trained_on"),
    }, _messages(report)


def test_coordinator_imports_trainers_of_their_country_only(world, coordinator, tmp_path):
    rows = {
        "Trainers": [
            ["Hoa Nguyen", "VN", "female", None, None, None, None, None],
            ["Liu Yang", "CN", "male", None, None, None, None, None],
        ]
    }
    report = _import(_write(tmp_path / "vn.xlsx", rows), coordinator)
    assert _problems(report) == {("Trainers", 2, "country")}
    assert not Trainer.objects.exists()
    del rows["Trainers"][0]
    assert _import(_write(tmp_path / "cn.xlsx", rows), coordinator).ok
    assert Trainer.objects.get().country == world.china


def test_export_is_scoped_to_what_the_user_may_see(world, admin_user, provider_staff, tmp_path):
    _trainer_user()
    assert _import(_write(tmp_path / "network.xlsx", network_sheets()), admin_user).ok
    everything = export_rows(by=admin_user)
    assert len(everything["Trainers"]) == 5 and len(everything["Fees"]) == 3
    # provider staff of another organisation see none of this network's trainers or fees
    theirs = export_rows(by=provider_staff)
    assert theirs["Trainers"] == [] and theirs["Fees"] == [] and theirs["Prices"] == []


def _flush_network() -> None:
    from score.finance.models import Invoice, InvoiceLine, Payment

    Payment.objects.all().delete()
    InvoiceLine.objects.all().delete()
    Invoice.objects.all().delete()
    FeeShare.objects.all().delete()
    Fee.objects.all().delete()
    ModulePrice.objects.all().delete()
    CourseParticipant.objects.all().delete()
    Course.objects.all().delete()
    TrainerModuleStatus.objects.all().delete()
    Trainer.objects.all().delete()
    Participation.objects.all().delete()
    Partnership.objects.all().delete()
    _flush()


def test_export_then_import_into_an_empty_database_gives_the_same_network(db, tmp_path):
    by = command_line_user()
    Country.objects.get_or_create(code="CN", defaults={"name": "China", "currency": "CNY"})
    _trainer_user()
    assert _import(_write(tmp_path / "network.xlsx", network_sheets()), by).ok
    before = export_rows(by=by)
    path = tmp_path / "export.xlsx"
    export_workbook(by=by, path=path)
    _flush_network()
    assert not Trainer.objects.exists()
    report = _import(path, by)
    assert report.ok, _messages(report)
    assert export_rows(by=by) == before
    again = _import(path, by)
    assert again.count("unchanged") == again.total


def test_template_offers_drop_downs_for_the_trainer_and_fee_sheets(world, tmp_path):
    from openpyxl import load_workbook

    from score.imports.template import write_template

    wb = load_workbook(write_template(tmp_path / "template.xlsx"))
    lists = wb["Lists"]
    named = {
        lists.cell(row=1, column=c).column_letter: [
            lists.cell(row=r, column=c).value
            for r in range(2, lists.max_row + 1)
            if lists.cell(row=r, column=c).value
        ]
        for c in range(1, lists.max_column + 1)
    }

    def listed(sheet: str, column: str) -> list:
        letter = wb[sheet][f"{column}1"].column_letter
        for dv in wb[sheet].data_validations.dataValidation:
            if any(str(r).startswith(f"{letter}2:") for r in dv.sqref.ranges):
                return named[dv.formula1.split("!$")[1].split("$")[0]]
        return []

    assert wb["Trainers"]["A1"].value == "full_name"
    assert listed("Trainers", "C") == ["female", "male", "other"]
    assert listed("TrainerModules", "D") == ["candidate", "certified", "expert"]
    assert "QM" in listed("TrainerModules", "C")
    assert listed("TrainerCourses", "D") == ["tot", "toe", "refresher"]
    assert listed("CourseParticipants", "E") == ["pending", "completed", "not_completed"]
    assert listed("CourseParticipants", "G") == ["yes", "no"]
    assert "USD" in listed("Prices", "E") and "CNY" in listed("Fees", "E")
    assert [c.value for c in wb["Fees"][1]][6:10] == [
        "enterprise_share",
        "sponsor_share",
        "programme_share",
        "other_share",
    ]


def test_coordinator_export_holds_the_trainers_of_their_country_only(
    world, admin_user, coordinator, tmp_path
):
    from score.trainers.actions import create_trainer

    _trainer_user()
    assert _import(_write(tmp_path / "network.xlsx", network_sheets()), admin_user).ok
    create_trainer(by=admin_user, full_name="Hoa Nguyen", sex="female", country=world.vietnam)
    assert len(export_rows(by=admin_user)["Trainers"]) == 6
    mine = export_rows(by=coordinator)
    assert {row[1] for row in mine["Trainers"]} == {"CN"}
    assert len(mine["Trainers"]) == 5 and len(mine["Fees"]) == 3
    assert [row[0] for row in mine["Partnerships"]] == ["COOP", "TF-BUY"]


def test_export_costs_the_same_queries_for_a_small_or_large_network(
    world, admin_user, tmp_path, django_assert_max_num_queries
):
    import django.db
    import django.test.utils

    from score.trainers.actions import create_trainer, record_existing_status
    from score.training.models import Module

    _trainer_user()
    assert _import(_write(tmp_path / "network.xlsx", network_sheets()), admin_user).ok
    with django.test.utils.CaptureQueriesContext(django.db.connection) as small:
        export_rows(by=admin_user)
    qm = Module.objects.get(code="QM")
    for n in range(10):
        trainer = create_trainer(
            by=admin_user, full_name=f"Trainer {n}", sex="male", country=world.china
        )
        record_existing_status(
            by=admin_user, trainer=trainer, module=qm, level="candidate", trained_on=D(2024, 1, 1)
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        many = export_rows(by=admin_user)
    assert len(many["Trainers"]) == 15 and len(many["TrainerModules"]) == 16


# Export -> import into an empty database, over generated networks and fee splits ---------

CENTS = st.integers(min_value=0, max_value=5_000_000)
trainer_strategy = st.fixed_dictionaries(
    {
        "name": TEXT,
        "sex": st.sampled_from(["female", "male", "other"]),
        "level": st.sampled_from(["candidate", "certified", "expert"]),
        "module": st.sampled_from(["WC", "QM", "OSH"]),
        "trained_on": DAY,
        "gaps": st.tuples(st.integers(0, 400), st.integers(0, 400)),
        "expires": st.one_of(st.none(), st.integers(1, 2000)),
        "renewed": st.booleans(),
        "affiliated": st.booleans(),
        "languages": st.one_of(st.just(""), TEXT),
    }
)
fee_strategy = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "shares": st.tuples(CENTS, CENTS, CENTS, CENTS),
            "currency": st.sampled_from(["USD", "CNY"]),
            "agreed_on": DAY,
        }
    ),
)
network_strategy = st.fixed_dictionaries(
    {
        "trainers": st.lists(trainer_strategy, min_size=1, max_size=4),
        "linked": st.booleans(),
        "fees": st.tuples(fee_strategy, fee_strategy, fee_strategy),
        "prices": st.dictionaries(
            st.tuples(st.sampled_from(["WC", "QM"]), DAY),
            st.tuples(CENTS, st.sampled_from(["USD", "CNY"])),
            max_size=3,
        ),
    }
)


def _build_network(data, by) -> None:
    from score.finance.actions import set_enrolment_fee, set_module_price
    from score.programmes.models import Organisation
    from score.trainers.actions import create_trainer, record_existing_status, renew_certification
    from score.training.models import Enrolment, Module

    centre = Organisation.objects.get(name=CENTRE)
    day = datetime.timedelta
    for i, t in enumerate(data["trainers"]):
        user = None
        if i == 0 and data["linked"]:
            user = get_user_model().objects.get(email="li.na@example.org")
        trainer = create_trainer(
            by=by,
            full_name=f"T{i} {t['name']}",
            sex=t["sex"],
            country=Country.objects.get(code="CN"),
            languages=t["languages"],
            organisation=centre if t["affiliated"] else None,
            user=user,
        )
        certified = t["trained_on"] + day(days=t["gaps"][0])
        expires = certified + day(days=t["expires"]) if t["expires"] else None
        record_existing_status(
            by=by,
            trainer=trainer,
            module=Module.objects.get(code=t["module"]),
            level=t["level"],
            trained_on=t["trained_on"],
            certified_on=certified,
            expert_on=certified + day(days=t["gaps"][1]),
            certifying_organisation=centre if t["affiliated"] else None,
            expires_on=expires if t["level"] != "candidate" else None,
        )
        if t["renewed"] and t["level"] != "candidate":
            renew_certification(
                by=by,
                trainer=trainer,
                module=Module.objects.get(code=t["module"]),
                renewed_on=certified + day(days=1),
            )
    enrolments = [
        Enrolment.objects.get(enterprise__code=e, module__code=m)
        for e, m in (("TF-E1", "WC"), ("TF-E2", "WC"), ("TF-E1", "QM"))
    ]
    for enrolment, fee in zip(enrolments, data["fees"], strict=True):
        if fee is None:
            continue
        ent, sponsor, programme, other = (Decimal(c) / 100 for c in fee["shares"])
        if enrolment.enterprise.code != "TF-E2" or fee["currency"] != "USD":
            ent, sponsor = ent + sponsor, Decimal(0)  # only TF-E2 is sponsored (budget in USD)
        sponsor = min(sponsor, Decimal(10000))
        set_enrolment_fee(
            by=by,
            enrolment=enrolment,
            amount=ent + sponsor + programme + other,
            currency=fee["currency"],
            agreed_on=fee["agreed_on"],
            enterprise_share=ent,
            sponsor_share=sponsor,
            programme_share=programme,
            other_share=other,
            programme_payer=centre if programme else None,
        )
    for (module, valid_from), (cents, currency) in data["prices"].items():
        set_module_price(
            by=by,
            provider=centre,
            module=Module.objects.get(code=module),
            amount=Decimal(cents) / 100,
            currency=currency,
            valid_from=valid_from,
        )


def _base_sheets() -> dict:
    rows = network_sheets()
    for name in ("Trainers", "TrainerModules", "TrainerCourses", "CourseParticipants"):
        del rows[name]
    del rows["Fees"], rows["Prices"], rows["Invoices"], rows["Payments"]
    return rows


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=network_strategy)
def test_generated_networks_and_fees_survive_export_and_import_into_an_empty_database(
    db, tmp_path, data
):
    by = command_line_user()
    with transaction.atomic():
        Country.objects.get_or_create(code="CN", defaults={"name": "China", "currency": "CNY"})
        if not get_user_model().objects.filter(email="li.na@example.org").exists():
            _trainer_user()
        _flush_network()
        assert _import(_write(tmp_path / "base.xlsx", _base_sheets()), by).ok
        _build_network(data, by)
        before = export_rows(by=by)
        path = tmp_path / "generated.xlsx"
        export_workbook(by=by, path=path)
        _flush_network()
        report = _import(path, by)
        assert report.ok, _messages(report)
        assert export_rows(by=by) == before
        again = _import(path, by)
        assert again.count("unchanged") == again.total
        transaction.set_rollback(True)


def test_course_rules_are_checked_before_anything_is_written(world, admin_user, tmp_path):
    _trainer_user()
    rows = network_sheets()
    rows["Trainers"].append(["Hu Bo", "CN", "male", None, None, None, None, None])
    rows["TrainerCourses"].append(
        ["QM ToT", D(2024, 7, 1), D(2024, 7, 3), "tot", "QM", "CN", None, None, None, None]
    )
    rows["CourseParticipants"] += [
        # a second candidate in Sun Li's ToE cycle, who has no WC training either
        ["WC ToE Sun Li", D(2024, 6, 1), "Chen Jie", "CN", "pending", None, None],
        # Hu Bo has no Workplace Cooperation training, so no QM ToT yet
        ["QM ToT", D(2024, 7, 1), "Hu Bo", "CN", "completed", D(2024, 7, 3), "no"],
        # the supervisor cannot be the candidate
        ["WC ToE Sun Li", D(2024, 6, 1), "Li Na", "CN", None, None, None],
    ]
    before = _counts()
    report = _import(_write(tmp_path / "rules.xlsx", rows), admin_user)
    assert _counts() == before
    assert _problems(report) == {
        ("CourseParticipants", 4, "trainer"),
        ("CourseParticipants", 5, "trainer"),
        ("CourseParticipants", 6, "trainer"),
    }, _messages(report)
    text = _messages(report)
    assert "A ToE cycle has one candidate" in text
    assert "has not been trained in Workplace Cooperation" in text
    assert "cannot be the candidate of their own ToE cycle" in text


def test_left_out_columns_keep_what_is_recorded_and_a_recorded_course_is_not_changed(
    world, admin_user, tmp_path
):
    _trainer_user()
    assert _import(_write(tmp_path / "network.xlsx", network_sheets()), admin_user).ok
    short = {
        "CourseParticipants": [
            ["course_title", "course_start_date", "trainer", "country"],
            ["WC ToE Sun Li", D(2024, 6, 1), "Sun Li", "CN"],
        ],
        "TrainerCourses": [
            ["title", "start_date", "end_date", "kind", "module", "country"],
            ["WC ToE Sun Li", D(2024, 6, 1), D(2024, 9, 30), "toe", "WC", "CN"],
        ],
    }
    report = _import(write_xlsx(tmp_path / "short.xlsx", short), admin_user)
    assert report.ok and report.count("unchanged") == 2, _messages(report)
    place = CourseParticipant.objects.get(course__kind="toe")
    assert (place.outcome, place.recommended) == ("completed", True)

    rows = network_sheets()
    rows["TrainerCourses"][0][8] = "Hall 3"
    report = _import(_write(tmp_path / "venue.xlsx", rows), admin_user)
    assert _problems(report) == {("TrainerCourses", 2, "venue")}, _messages(report)
    assert Course.objects.get(kind="tot").venue == "Hall 2"


def test_bad_invoice_and_payment_rows_are_named_and_nothing_is_written(world, admin_user, tmp_path):
    _trainer_user()
    rows = network_sheets()
    del rows["Payments"][1]  # INV-T-001 is then paid only 1000 of 1500
    rows["Payments"].append(["INV-T-004", D(2026, 1, 1), 10, None])  # a draft takes no payment
    rows["Invoices"] += [
        ["INV-T-005", "sponsor", "TF-E1/TF-P1/WC", "draft", None, None, None, None],
        ["INV-T-006", "enterprise", "TF-E1-WC", "draft", None, None, None, None],
        ["INV-T-007", "enterprise", "TF-E1/TF-P1/WC", "draft", None, None, None, None],
    ]
    before = _counts()
    report = _import(_write(tmp_path / "bad-invoices.xlsx", rows), admin_user)
    assert _counts() == before
    assert _problems(report) == {
        ("Invoices", 2, "status"),
        ("Invoices", 6, "fees"),
        ("Invoices", 7, "fees"),
        ("Invoices", 8, "fees"),
        ("Payments", 4, "invoice_number"),
    }, _messages(report)
    text = _messages(report)
    assert "already billed on invoice INV-T-001" in text
    assert "has no sponsor share to bill" in text
    assert "write enterprise_code/programme_code/module" in text


def test_coordinator_cannot_reach_a_course_of_another_country_by_its_title(
    world, admin_user, coordinator, tmp_path
):
    from score.trainers.actions import create_course
    from score.training.models import Module

    create_course(
        by=admin_user,
        kind="tot",
        module=Module.objects.get(code="WC"),
        title="WC ToT",
        country=world.vietnam,
        start_date=D(2024, 5, 1),
        end_date=D(2024, 5, 3),
    )
    rows = {
        "Trainers": [["Liu Yang", "CN", "male", None, None, None, None, None]],
        "TrainerCourses": [
            ["WC ToT", D(2024, 5, 1), D(2024, 5, 3), "tot", "WC", "CN", None, None, None, None]
        ],
        "CourseParticipants": [["WC ToT", D(2024, 5, 1), "Liu Yang", "CN", None, None, None]],
    }
    report = _import(_write(tmp_path / "course.xlsx", rows), coordinator)
    assert _problems(report) == {
        ("TrainerCourses", 2, "title"),
        ("CourseParticipants", 2, "course_title"),
    }, _messages(report)
    assert not CourseParticipant.objects.exists()


def test_garbage_in_every_new_column_gives_problems_not_errors(world, admin_user, tmp_path):
    from score.imports.workbook import SHEETS_BY_NAME

    names = [
        "Partnerships",
        "Participations",
        "Trainers",
        "TrainerModules",
        "TrainerCourses",
        "CourseParticipants",
        "Prices",
        "Fees",
        "Invoices",
        "Payments",
    ]
    junk = ["x", "-1", "1E+40", "2024-02-30", "a/b/c", "  ", "CN", "0", D(2024, 1, 1)]
    for offset in range(len(junk)):
        sheets = {}
        for name in names:
            columns = SHEETS_BY_NAME[name].column_names
            sheets[name] = [
                columns,
                [junk[(i + offset) % len(junk)] for i in range(len(columns))],
            ]
        report = _import(write_xlsx(tmp_path / f"junk{offset}.xlsx", sheets), admin_user)
        assert not report.ok
        assert all(p.sheet in names for p in report.problems), _messages(report)
