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
TRAINER_LEVELS = ["candidate", "certified", "expert"]
COURSE_KINDS = ["tot", "toe", "refresher"]
COURSE_OUTCOMES = ["pending", "completed", "not_completed"]
PAYER_KINDS = ["enterprise", "sponsor", "programme", "other"]
INVOICE_STATUSES = ["draft", "issued", "paid", "cancelled"]


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
        "ExchangeRates",
        (
            Column("currency", CHOICE, True, choices=tuple(CURRENCIES), help=_("ISO 4217.")),
            Column("valid_from", DATE, True, help=_("The rate is in force from this day on.")),
            Column(
                "units_per_usd",
                DECIMAL,
                True,
                help=_("How many units of the currency one US dollar buys, e.g. 7.10 for CNY."),
            ),
            Column("source", TEXT, help=_("Where the rate comes from, e.g. the central bank.")),
        ),
        key=("currency", "valid_from"),
        help=_(
            "Rates that convert amounts of money to US dollars, matched by currency and "
            "valid_from; a value is converted at the rate in force at the end of its period."
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
        "Partnerships",
        (
            Column("partnership_code", CODE, True, help=_("Unique code, e.g. COOP.")),
            Column("name", TEXT, True),
            Column("sponsor", TEXT, True, help=_("Organisation name of the sponsor.")),
            Column("programme_code", CODE, True),
            Column("start_date", DATE, True),
            Column("end_date", DATE),
            Column("budget", DECIMAL, help=_("Blank if none.")),
            Column("currency", CHOICE, choices=tuple(CURRENCIES), help=_("USD when blank.")),
            Column(
                "sponsor_fee_share",
                DECIMAL,
                help=_("Per cent of each fee the sponsor pays by default; 0 when blank."),
            ),
        ),
        key=("partnership_code",),
        help=_("Sponsors co-funding enterprises in a programme, matched by partnership_code."),
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
        "Participations",
        (
            Column("enterprise_code", CODE, True),
            Column("programme_code", CODE, True),
            Column("provider", TEXT, help=_("Organisation name of the provider that serves it.")),
            Column(
                "partnership_code",
                CODE,
                help=_("The partnership that sponsors it in this programme, if any."),
            ),
        ),
        key=("enterprise_code", "programme_code"),
        help=_(
            "Who serves and who sponsors an enterprise in a programme (it joins the programme "
            "on the Enterprises sheet), matched by enterprise and programme."
        ),
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
    Sheet(
        "Trainers",
        (
            Column("full_name", TEXT, True, help=_("Matched with country.")),
            Column("country", CHOICE, True, db_list="countries", help=_("ISO 3166 alpha-2.")),
            Column("sex", CHOICE, True, choices=tuple(Sex.values)),
            Column("languages", TEXT, help=_("Languages taught in, separated by commas.")),
            Column(
                "organisation",
                TEXT,
                help=_("Name of the training institution or BDS provider they work for."),
            ),
            Column("email", TEXT, help=_("Contact e-mail.")),
            Column("phone", TEXT),
            Column(
                "user_email",
                TEXT,
                help=_("E-mail of the trainer's user account (trainer role), if they have one."),
            ),
        ),
        key=("full_name", "country"),
        help=_(
            "The trainer network, matched by full_name and country (the platform does not "
            "require trainers' e-mails to be unique)."
        ),
    ),
    Sheet(
        "TrainerModules",
        (
            Column("trainer", TEXT, True, help=_("Full name, as on the Trainers sheet.")),
            Column("country", CHOICE, True, db_list="countries", help=_("The trainer's country.")),
            Column("module", CHOICE, True, db_list="modules"),
            Column("level", CHOICE, True, choices=tuple(TRAINER_LEVELS)),
            Column("trained_on", DATE, True, help=_("Date of the ToT.")),
            Column("certified_on", DATE, help=_("Required when certified or expert.")),
            Column("expert_on", DATE, help=_("Required when expert.")),
            Column("certifying_organisation", TEXT, help=_("Organisation name.")),
            Column("expires_on", DATE, help=_("Blank if the certificate does not expire.")),
            Column("renewed_on", DATE, help=_("Last renewal; needs expires_on.")),
        ),
        key=("trainer", "country", "module"),
        help=_(
            "A trainer's status per module, matched by trainer, country and module. A status "
            "new to the platform is recorded as history; one already recorded only moves on "
            "(certified after a completed ToE cycle, expert, renewed)."
        ),
    ),
    Sheet(
        "TrainerCourses",
        (
            Column("title", TEXT, True, help=_("Matched with start_date.")),
            Column("start_date", DATE, True),
            Column("end_date", DATE, True),
            Column("kind", CHOICE, True, choices=tuple(COURSE_KINDS)),
            Column("module", CHOICE, True, db_list="modules"),
            Column("country", CHOICE, True, db_list="countries"),
            Column("programme_code", CODE),
            Column("organisation", TEXT, help=_("Organisation name of the organiser.")),
            Column("venue", TEXT),
            Column(
                "supervisor",
                TEXT,
                help=_("Full name of the supervising expert (same country); required for toe."),
            ),
        ),
        key=("title", "start_date"),
        help=_("ToT workshops, supervised ToE cycles and refreshers, matched by title and date."),
    ),
    Sheet(
        "CourseParticipants",
        (
            Column("course_title", TEXT, True),
            Column("course_start_date", DATE, True),
            Column("trainer", TEXT, True, help=_("Full name, as on the Trainers sheet.")),
            Column("country", CHOICE, True, db_list="countries", help=_("The trainer's country.")),
            Column("outcome", CHOICE, choices=tuple(COURSE_OUTCOMES), help=_("pending if blank.")),
            Column("outcome_on", DATE, help=_("Required unless pending.")),
            Column("recommended", BOOL, help=_("ToE only: recommended for certification.")),
        ),
        key=("course_title", "course_start_date", "trainer", "country"),
        help=_("Who took part in a trainer course, and how they did."),
    ),
    Sheet(
        "Prices",
        (
            Column("provider", TEXT, True, help=_("Training institution or BDS provider name.")),
            Column("module", CHOICE, True, db_list="modules"),
            Column("valid_from", DATE, True),
            Column("amount", DECIMAL, True, help=_("Zero or more.")),
            Column("currency", CHOICE, True, choices=tuple(CURRENCIES)),
        ),
        key=("provider", "module", "valid_from"),
        help=_("A provider's price for a module from a date on."),
    ),
    Sheet(
        "Fees",
        (
            Column("enterprise_code", CODE, True),
            Column("programme_code", CODE, True),
            Column("module", CHOICE, True, db_list="modules"),
            Column("amount", DECIMAL, True, help=_("The whole fee; zero or more.")),
            Column("currency", CHOICE, True, choices=tuple(CURRENCIES)),
            Column("agreed_on", DATE, True),
            Column("enterprise_share", DECIMAL, help=_("0 when blank.")),
            Column(
                "sponsor_share",
                DECIMAL,
                help=_("0 when blank; paid by the partnership of the enterprise's participation."),
            ),
            Column("programme_share", DECIMAL, help=_("0 when blank; the donor / programme.")),
            Column("other_share", DECIMAL, help=_("0 when blank.")),
            Column("programme_payer", TEXT, help=_("Organisation name, optional.")),
            Column("other_payer", TEXT, help=_("Organisation name, optional.")),
            Column("notes", TEXT),
        ),
        key=("enterprise_code", "programme_code", "module"),
        help=_(
            "The fee of an enrolment and who pays it, matched by enterprise, programme and "
            "module. The four shares must add up to the amount."
        ),
    ),
    Sheet(
        "Invoices",
        (
            Column("number", TEXT, True, help=_("Unique invoice number.")),
            Column("payer_kind", CHOICE, True, choices=tuple(PAYER_KINDS)),
            Column(
                "fees",
                LIST,
                True,
                help=_(
                    "The fees whose share of this payer it bills, each as "
                    "enterprise_code/programme_code/module, separated by ;"
                ),
            ),
            Column("status", CHOICE, True, choices=tuple(INVOICE_STATUSES)),
            Column("issued_on", DATE, help=_("Required unless draft.")),
            Column("due_on", DATE),
            Column("cancelled_on", DATE, help=_("Required when cancelled.")),
            Column("notes", TEXT),
        ),
        key=("number",),
        help=_(
            "A provider's invoice to one payer, matched by number. It is paid when the "
            "payments on the Payments sheet cover it."
        ),
    ),
    Sheet(
        "Payments",
        (
            Column("invoice_number", TEXT, True),
            Column("paid_on", DATE, True),
            Column("amount", DECIMAL, True, help=_("Above 0, in the invoice's currency.")),
            Column("reference", TEXT),
        ),
        key=("invoice_number", "paid_on", "amount", "reference"),
        help=_("Money received against an invoice."),
    ),
)

SHEETS_BY_NAME = {s.name: s for s in SHEETS}

# Written in this order so that every reference exists before it is used.
WRITE_ORDER = (
    "Countries",
    "ExchangeRates",
    "Organisations",
    "Programmes",
    "Partnerships",
    "Enterprises",
    "Participations",
    "People",
    "Enrolments",
    "Sessions",
    "Attendance",
    "Visits",
    "Measurements",
    "Practices",
    "SurveyResponses",
    "Trainers",
    "TrainerModules",
    "TrainerCourses",
    "CourseParticipants",
    "Prices",
    "Fees",
    "Invoices",
    "Payments",
)

IGNORED_SHEETS = frozenset({"Instructions", "Lists"})
