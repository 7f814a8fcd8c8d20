"""The programme workbook: its sheets, their columns, types and allowed values.

One place describes the format; the template, the reader, the exporter and
docs/data-formats.md all follow it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from score.core.money import CURRENCIES
from score.enterprises.models import PersonRole, Sector, Sex
from score.programmes.models import OrganisationKind, OrganisationStatus, ProgrammeStatus

TEXT, CODE, INT, DECIMAL, DATE, BOOL, CHOICE, LIST = (
    "text",
    "code",
    "integer",
    "decimal",
    "date",
    "yes/no",
    "choice",
    "list",
)

WAVES = ["baseline", "follow_up", "endline"]
PRACTICE_WAVES = ["baseline", "follow_up"]
SOURCES = ["company_records", "management", "workers"]
SURVEY_WAVES = ["baseline", "endline", "after_module"]
SURVEY_ROLES = ["worker", "manager"]
TENURE_BANDS = ["lt1", "1to3", "3to10", "gt10"]
VISIT_TYPES = ["baseline", "follow_up", "final"]
VISIT_STATUSES = ["done", "planned"]


@dataclass(frozen=True)
class Column:
    name: str
    type: str = TEXT
    required: bool = False
    choices: tuple = ()
    # the name of a list on the hidden Lists sheet filled from the database
    db_list: str = ""
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    help: str = ""
    # sheets whose columns may go on with one column per question code
    open_columns: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Countries",
        (
            Column("country", CODE, True, help=_("ISO 3166 alpha-2, e.g. CN.")),
            Column("name", TEXT, True),
            Column("currency", CHOICE, True, choices=tuple(CURRENCIES), help=_("ISO 4217.")),
        ),
        key=("country",),
        help=_(
            "Optional: countries to add to an empty platform (programme admins only), "
            "matched by country."
        ),
    ),
    Sheet(
        "Programmes",
        (
            Column("programme_code", CODE, True, help=_("Unique code, e.g. CN-P1.")),
            Column("name", TEXT, True),
            Column("country", CHOICE, True, db_list="countries", help=_("ISO 3166 alpha-2.")),
            Column("phase", INT, help=_("1 to 20; 1 when blank.")),
            Column("start_date", DATE, True),
            Column("end_date", DATE),
            Column("status", CHOICE, choices=tuple(ProgrammeStatus.values)),
            Column("donors", LIST, help=_("Organisation names separated by ;")),
            Column("implementation_partners", LIST, help=_("Organisation names separated by ;")),
        ),
        key=("programme_code",),
        help=_("One row per programme, matched by programme_code."),
    ),
    Sheet(
        "Organisations",
        (
            Column("name", TEXT, True, help=_("Full name; organisations are matched by it.")),
            Column("short_name", TEXT),
            Column("kind", CHOICE, True, choices=tuple(OrganisationKind.values)),
            Column("country", CHOICE, db_list="countries", help=_("Blank if international.")),
            Column("status", CHOICE, choices=tuple(OrganisationStatus.values)),
        ),
        key=("name",),
        help=_("Donors, partners, providers and lead buyers, matched by name."),
    ),
    Sheet(
        "Enterprises",
        (
            Column("enterprise_code", CODE, True),
            Column("name", TEXT, True),
            Column("country", CHOICE, True, db_list="countries", help=_("ISO 3166 alpha-2.")),
            Column("region", TEXT),
            Column("sector", CHOICE, True, choices=tuple(Sector.values), help=_("ISIC section.")),
            Column("employees_female", INT),
            Column("employees_male", INT),
            Column("lead_buyers", LIST, help=_("Organisation names separated by ;")),
            Column("programme_code", LIST, help=_("Programme codes separated by ;")),
        ),
        key=("enterprise_code",),
        help=_("One row per enterprise, matched by enterprise_code."),
    ),
    Sheet(
        "People",
        (
            Column("enterprise_code", CODE, True),
            Column("person_code", CODE, True, help=_("Unique within the enterprise.")),
            Column("name", TEXT),
            Column("sex", CHOICE, True, choices=tuple(Sex.values)),
            Column("role", CHOICE, True, choices=tuple(PersonRole.values)),
            Column("job_title", TEXT),
        ),
        key=("enterprise_code", "person_code"),
        help=_("Participants and contacts, matched by enterprise_code and person_code."),
    ),
    Sheet(
        "Enrolments",
        (
            Column("enterprise_code", CODE, True),
            Column("programme_code", CODE, True),
            Column("module", CHOICE, True, db_list="modules"),
            Column("registered_on", DATE, True),
            Column(
                "provider", TEXT, help=_("Organisation name; the enterprise's provider if blank.")
            ),
            Column("trainer", TEXT, help=_("E-mail of the lead trainer.")),
            Column("baseline_on", DATE, help=_("Date of the baseline visit.")),
            Column("classroom_on", DATE, help=_("Date the classroom training was done.")),
            Column("visits_done_on", DATE, help=_("Date the follow-up visits were done.")),
            Column("completed_on", DATE),
            Column("dropped_on", DATE),
            Column("dropped_reason", TEXT, help=_("Required with dropped_on.")),
        ),
        key=("enterprise_code", "programme_code", "module"),
        help=_(
            "An enterprise taking a module in a programme, matched by enterprise, programme and "
            "module. Each date filled in moves the enrolment one step on; a blank date leaves "
            "the step as it is."
        ),
    ),
    Sheet(
        "Sessions",
        (
            Column("session_code", CODE, True, help=_("Unique code, e.g. CN-P1-WC-03.")),
            Column("programme_code", CODE, True),
            Column("module", CHOICE, True, db_list="modules"),
            Column("title", TEXT, True),
            Column("start_date", DATE, True),
            Column("end_date", DATE, True),
            Column(
                "days",
                LIST,
                help=_(
                    "Class days (YYYY-MM-DD) separated by ;  Every day from start to end if blank."
                ),
            ),
            Column("online", BOOL, help=_("yes for an online class; no when blank.")),
            Column("venue", TEXT, help=_("Required unless online.")),
            Column("online_link", TEXT, help=_("Required when online.")),
            Column("provider", TEXT, help=_("Organisation name.")),
            Column("trainers", LIST, help=_("Trainers' e-mails separated by ;")),
            Column(
                "enterprises",
                LIST,
                help=_("Enterprise codes separated by ; each enrolled in the module."),
            ),
            Column("notes", TEXT),
        ),
        key=("session_code",),
        help=_("Classroom sessions, matched by session_code."),
    ),
    Sheet(
        "Attendance",
        (
            Column("session_code", CODE, True),
            Column("enterprise_code", CODE, True),
            Column("person_code", CODE, True, help=_("A person of the People sheet or platform.")),
            Column("date", DATE, True, help=_("A day of the class.")),
            Column("present", BOOL, True),
        ),
        key=("session_code", "enterprise_code", "person_code", "date"),
        help=_(
            "One row per participant and class day; a person listed here takes a place in the "
            "class."
        ),
    ),
    Sheet(
        "Visits",
        (
            Column("enterprise_code", CODE, True),
            Column("programme_code", CODE, True),
            Column("module", CHOICE, True, db_list="modules"),
            Column("type", CHOICE, True, choices=tuple(VISIT_TYPES)),
            Column("sequence", INT, True, help=_("1, 2, 3 … per enrolment and type.")),
            Column("status", CHOICE, True, choices=tuple(VISIT_STATUSES)),
            Column("date", DATE, True, help=_("The date it took place, or is planned for.")),
            Column("hours", DECIMAL, help=_("Required when done; above 0, at most 24.")),
            Column("trainer", TEXT, True, help=_("The trainer's e-mail.")),
            Column("eit_took_part", BOOL),
            Column("findings", TEXT),
            Column("next_steps", TEXT),
        ),
        key=("enterprise_code", "programme_code", "module", "type", "sequence"),
        help=_("In-factory visits, matched by enterprise, programme, module, type and sequence."),
    ),
    Sheet(
        "Measurements",
        (
            Column("enterprise_code", CODE, True),
            Column("indicator", CHOICE, True, db_list="indicators"),
            Column("period_start", DATE, True),
            Column("period_end", DATE, True),
            Column("wave", CHOICE, True, choices=tuple(WAVES)),
            Column("value", DECIMAL, True),
            Column("currency", TEXT, help=_("Blank unless the indicator is money.")),
            Column("source", CHOICE, True, choices=tuple(SOURCES)),
        ),
        key=("enterprise_code", "indicator", "period_start", "period_end", "wave"),
        help=_("KPI values, matched by enterprise, indicator, period and wave."),
    ),
    Sheet(
        "Practices",
        (
            Column("enterprise_code", CODE, True),
            Column("practice", CHOICE, True, db_list="practices"),
            Column("wave", CHOICE, True, choices=tuple(PRACTICE_WAVES)),
            Column("answer", BOOL, True),
            Column("date", DATE, True),
        ),
        key=("enterprise_code", "practice", "wave"),
        help=_("Good-practice checklist answers, matched by enterprise, practice and wave."),
    ),
    Sheet(
        "SurveyResponses",
        (
            Column("questionnaire", CHOICE, True, db_list="questionnaires"),
            Column("external_id", TEXT, True, help=_("Unique per questionnaire.")),
            Column("enterprise_code", CODE, True),
            Column("programme_code", CODE, help=_("Needed when the enterprise is in several.")),
            Column("wave", CHOICE, True, choices=tuple(SURVEY_WAVES)),
            Column("role", CHOICE, True, choices=tuple(SURVEY_ROLES)),
            Column("sex", CHOICE, True, choices=tuple(Sex.values)),
            Column("tenure_band", CHOICE, True, choices=tuple(TENURE_BANDS)),
            Column("submitted_on", DATE),
        ),
        key=("questionnaire", "external_id"),
        help=_(
            "Anonymous answers, matched by questionnaire and external_id; then one column "
            "per question code."
        ),
        open_columns=True,
    ),
)

SHEETS_BY_NAME = {s.name: s for s in SHEETS}

# Written in this order so that every reference exists before it is used.
WRITE_ORDER = (
    "Countries",
    "Organisations",
    "Programmes",
    "Enterprises",
    "People",
    "Enrolments",
    "Sessions",
    "Attendance",
    "Visits",
    "Measurements",
    "Practices",
    "SurveyResponses",
)

IGNORED_SHEETS = frozenset({"Instructions", "Lists"})
