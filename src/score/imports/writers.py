"""Per sheet: check a row's references against the database and the rows before it, and
write it through the owning app's actions. Writers never touch models directly.

Each ``check_<sheet>`` returns problems and records the keys the row makes available to
later rows; each ``write_<sheet>`` returns "created", "updated" or "unchanged"."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from score.accounts.scopes import enterprises_visible_to, programmes_visible_to, scope_of
from score.core.money import CURRENCIES
from score.enterprises import actions as enterprise_actions
from score.enterprises.models import Enterprise, Participation, Person
from score.imports.reader import Problem, Row, canonical, closest
from score.programmes import actions as programme_actions
from score.programmes.models import Country, Organisation, OrganisationKind, Programme

BUYER_KINDS = {OrganisationKind.LEAD_BUYER, OrganisationKind.BUYER_ASSOCIATION}


@dataclass
class Context:
    """What exists, for one user: in the database (visible to them) and in the workbook."""

    user: object
    file_name: str = ""
    is_admin: bool = False
    my_countries: set = field(default_factory=set)  # ISO codes a coordinator works in
    countries: dict = field(default_factory=dict)  # code -> Country
    org_kinds: dict = field(default_factory=dict)  # name -> kind
    programmes: dict = field(default_factory=dict)  # code -> country code (usable)
    all_programmes: set = field(default_factory=set)
    enterprises: dict = field(default_factory=dict)  # code -> country code (usable)
    all_enterprises: set = field(default_factory=set)
    people: set = field(default_factory=set)  # (enterprise_code, person_code)
    indicators: dict = field(default_factory=dict)  # code -> is_money
    practices: set = field(default_factory=set)
    questionnaires: dict = field(default_factory=dict)  # code -> {question code: Question}
    programme_dates: dict = field(default_factory=dict)  # code -> (start, end or None)
    participations: dict = field(default_factory=dict)  # (enterprise, programme) -> comparison
    delivery: object = None  # score.imports.delivery.Delivery: enrolments, classes, visits
    network: object = None  # score.imports.network.Network: trainers, courses, fees
    rows: dict = field(default_factory=dict)  # the workbook's rows by sheet, once read

    @classmethod
    def for_user(cls, user, *, file_name: str = "") -> "Context":
        scope = scope_of(user)
        countries = {c.code: c for c in Country.objects.all()}
        by_id = {c.pk: c.code for c in countries.values()}
        ctx = cls(
            user=user,
            file_name=file_name,
            is_admin=scope.is_admin,
            my_countries={by_id[i] for i in scope.coordinator_countries if i in by_id},
            countries=countries,
        )
        ctx.org_kinds = dict(Organisation.objects.values_list("name", "kind"))
        ctx.all_programmes = set(Programme.objects.values_list("code", flat=True))
        ctx.programmes = dict(programmes_visible_to(user).values_list("code", "country__code"))
        ctx.all_enterprises = set(Enterprise.objects.values_list("code", flat=True))
        ctx.enterprises = dict(enterprises_visible_to(user).values_list("code", "country__code"))
        ctx.people = set(
            Person.objects.filter(enterprise__code__in=ctx.enterprises)
            .exclude(code="")
            .values_list("enterprise__code", "code")
        )
        ctx.programme_dates = {
            code: (start, end)
            for code, start, end in programmes_visible_to(user).values_list(
                "code", "start_date", "end_date"
            )
        }
        ctx.participations = {
            (e, p): comparison
            for e, p, comparison in Participation.objects.filter(
                enterprise__code__in=ctx.enterprises
            ).values_list("enterprise__code", "programme__code", "is_comparison")
        }
        ctx._load_monitoring()
        from score.imports.delivery import load_delivery

        load_delivery(ctx)
        from score.imports.network import load_network

        load_network(ctx)
        return ctx

    def _load_monitoring(self) -> None:
        try:
            from score.monitoring.models import Indicator, PracticeItem
        except ImportError:  # pragma: no cover - monitoring not installed
            return
        self.indicators = dict(Indicator.objects.values_list("code", "is_money"))
        self.practices = set(PracticeItem.objects.values_list("code", flat=True))
        try:
            from score.surveys.models import Questionnaire
        except ImportError:  # pragma: no cover
            return
        for q in Questionnaire.objects.prefetch_related("questions"):
            self.questionnaires[q.code] = {
                question.code: question for question in q.questions.all()
            }

    def may_work_in(self, country_code: str) -> bool:
        return self.is_admin or country_code in self.my_countries


def canonical_codes(ctx: Context, rows: dict[str, list[Row]]) -> None:
    """Spell every catalogue code (indicator, practice, questionnaire, module) as the
    platform does: codes are matched case-insensitively, as choices are."""
    from score.imports.workbook import SHEETS_BY_NAME

    catalogues = {
        "indicators": ctx.indicators,
        "practices": ctx.practices,
        "questionnaires": ctx.questionnaires,
        "modules": ctx.delivery.modules if ctx.delivery else {},
    }
    for sheet_name, sheet_rows in rows.items():
        sheet = SHEETS_BY_NAME.get(sheet_name)
        columns = [c for c in sheet.columns if c.db_list in catalogues] if sheet else []
        for row in sheet_rows:
            for column in columns:
                value = row.values.get(column.name)
                if isinstance(value, str) and value:
                    row.values[column.name] = canonical(value, catalogues[column.db_list])


def _p(row: Row, column: str, message: str) -> Problem:
    return Problem(message, row.sheet, row.number, column)


def _country_problems(ctx: Context, row: Row, column: str = "country") -> list[Problem]:
    code = row.values.get(column)
    if not code:
        return []
    code = code.upper()
    row.values[column] = code
    if code not in ctx.countries:
        return [
            _p(
                row,
                column,
                _(
                    "%(c)s is not a country code known to the platform; use one of %(all)s, "
                    "or add it on the Countries sheet."
                )
                % {"c": code, "all": ", ".join(sorted(ctx.countries)) or "-"},
            )
        ]
    return []


def _coordinator_problem(ctx: Context, row: Row, country: str, column: str) -> list[Problem]:
    if country and not ctx.may_work_in(country):
        return [
            _p(
                row,
                column,
                _(
                    "You coordinate %(mine)s, so you cannot import rows for %(c)s. Remove this "
                    "row or ask a programme admin to import it."
                )
                % {"mine": ", ".join(sorted(ctx.my_countries)) or "-", "c": country},
            )
        ]
    return []


def _org_list_problems(ctx: Context, row: Row, column: str, kinds=None) -> list[Problem]:
    problems = []
    for name in row.values.get(column) or []:
        if name not in ctx.org_kinds:
            problems.append(
                _p(
                    row,
                    column,
                    _(
                        "No organisation is named %(n)s; add it to the Organisations sheet or "
                        "correct the name."
                    )
                    % {"n": name},
                )
            )
        elif kinds and ctx.org_kinds[name] not in kinds:
            problems.append(
                _p(
                    row,
                    column,
                    _("%(n)s is not a lead buyer or buyer association; change its kind first.")
                    % {"n": name},
                )
            )
    return problems


def _programme_ref_problems(ctx: Context, row: Row, codes) -> list[Problem]:
    problems = []
    for code in codes:
        if code not in ctx.programmes:
            problems.append(
                _p(
                    row,
                    "programme_code",
                    _(
                        "There is no programme %(c)s; add it to the Programmes sheet or use an "
                        "existing code."
                    )
                    % {"c": code},
                )
            )
        else:
            problems += _coordinator_problem(ctx, row, ctx.programmes[code], "programme_code")
    return problems


def _enterprise_ref_problems(ctx: Context, row: Row) -> list[Problem]:
    code = row.values.get("enterprise_code")
    if code and code not in ctx.enterprises:
        return [
            _p(
                row,
                "enterprise_code",
                _(
                    "There is no enterprise %(c)s; add it to the Enterprises sheet or use an "
                    "existing code."
                )
                % {"c": code},
            )
        ]
    return []


# Countries -------------------------------------------------------------------------------


def check_countries(ctx: Context, row: Row) -> list[Problem]:
    code = (row.values.get("country") or "").upper()
    row.values["country"] = code
    if not code:
        return []
    if len(code) != 2 or not code.isalpha():
        return [_p(row, "country", _("Use the two letters of ISO 3166-1, e.g. CN."))]
    if not ctx.is_admin:
        existing = ctx.countries.get(code)
        if (
            existing is None
            or existing.name != row.values.get("name")
            or (existing.currency != row.values.get("currency"))
        ):
            return [
                _p(
                    row,
                    "country",
                    _(
                        "Only programme admins may add or change countries; remove this row "
                        "or ask an admin."
                    ),
                )
            ]
    ctx.countries.setdefault(code, None)
    return []


def write_countries(ctx: Context, row: Row) -> str:
    v = row.values
    country = Country.objects.filter(code=v["country"]).first()
    if country is None:
        country = programme_actions.create_country(
            by=ctx.user, code=v["country"], name=v["name"], currency=v["currency"]
        )
        ctx.countries[country.code] = country
        return "created"
    ctx.countries[country.code] = country
    changed = {k: v[k] for k in ("name", "currency") if getattr(country, k) != v[k]}
    if not changed:
        return "unchanged"
    programme_actions.update_country(country=country, by=ctx.user, **changed)
    return "updated"


# Exchange rates --------------------------------------------------------------------------

RATE_PLACES = 6  # monitoring.ExchangeRate.units_per_usd
RATE_DIGITS = 18


def check_exchange_rates(ctx: Context, row: Row) -> list[Problem]:
    from score.monitoring.permissions import can_record_exchange_rates

    rate = row.values.get("units_per_usd")
    problems = []
    if not can_record_exchange_rates(ctx.user):
        problems.append(
            _p(
                row,
                "currency",
                _(
                    "Only programme admins and country coordinators keep exchange rates; remove "
                    "this row or ask one of them."
                ),
            )
        )
    if rate is None:
        return problems
    if rate <= 0:
        problems.append(
            _p(
                row,
                "units_per_usd",
                _(
                    "%(v)s is not a rate: give how many units of the currency one US dollar "
                    "buys, a number above 0 (e.g. 7.10 for CNY)."
                )
                % {"v": rate},
            )
        )
    elif -rate.as_tuple().exponent > RATE_PLACES or rate.adjusted() >= RATE_DIGITS - RATE_PLACES:
        problems.append(
            _p(
                row,
                "units_per_usd",
                _(
                    "%(v)s has too many digits; give at most %(places)s decimals and %(digits)s "
                    "digits before the point."
                )
                % {"v": rate, "places": RATE_PLACES, "digits": RATE_DIGITS - RATE_PLACES},
            )
        )
    return problems


def write_exchange_rates(ctx: Context, row: Row) -> str:
    from score.monitoring.actions import record_exchange_rate
    from score.monitoring.models import ExchangeRate

    v = row.values
    existing = ExchangeRate.objects.filter(
        currency=v["currency"], valid_from=v["valid_from"]
    ).first()
    source = (v.get("source") or "") if "source" in v else (existing.source if existing else "")
    if existing is not None and (existing.units_per_usd, existing.source) == (
        v["units_per_usd"],
        source,
    ):
        return "unchanged"
    record_exchange_rate(
        by=ctx.user,
        currency=v["currency"],
        valid_from=v["valid_from"],
        units_per_usd=v["units_per_usd"],
        source=source,
    )
    return "created" if existing is None else "updated"


# Organisations ---------------------------------------------------------------------------


def check_organisations(ctx: Context, row: Row) -> list[Problem]:
    problems = _country_problems(ctx, row)
    name = row.values.get("name")
    if name:
        ctx.org_kinds[name] = row.values.get("kind")
    return problems


def _org_fields(ctx: Context, v: dict) -> dict:
    fields = {"kind": v["kind"]}
    if "short_name" in v:
        fields["short_name"] = v["short_name"] or ""
    if "country" in v:
        fields["country"] = ctx.countries.get(v["country"]) if v["country"] else None
    if "status" in v:
        fields["status"] = v["status"] or "active"
    return fields


def write_organisations(ctx: Context, row: Row) -> str:
    v = row.values
    fields = _org_fields(ctx, v)
    org = Organisation.objects.filter(name=v["name"]).first()
    if org is None:
        programme_actions.create_organisation(by=ctx.user, name=v["name"], **fields)
        return "created"
    changed = {k: val for k, val in fields.items() if getattr(org, k) != val}
    if not changed:
        return "unchanged"
    programme_actions.update_organisation(organisation=org, by=ctx.user, **changed)
    return "updated"


# Programmes ------------------------------------------------------------------------------


def check_programmes(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    problems = _country_problems(ctx, row)
    problems += _coordinator_problem(ctx, row, v.get("country"), "country")
    problems += _org_list_problems(ctx, row, "donors")
    problems += _org_list_problems(ctx, row, "implementation_partners")
    code = v.get("programme_code")
    if code in ctx.all_programmes and code not in ctx.programmes:
        problems.append(
            _p(row, "programme_code", _("The code %(c)s is taken; choose another.") % {"c": code})
        )
    if v.get("start_date") and v.get("end_date") and v["end_date"] < v["start_date"]:
        problems.append(
            _p(row, "end_date", _("The end date is before the start date; correct one of them."))
        )
    if v.get("phase") is not None and not 1 <= v["phase"] <= 20:
        problems.append(_p(row, "phase", _("The phase is a number from 1 to 20.")))
    if code and v.get("country"):
        ctx.programmes[code] = v["country"]
    if code and v.get("start_date"):
        ctx.programme_dates[code] = (v["start_date"], v.get("end_date"))
    return problems


def _orgs(names) -> list:
    return list(Organisation.objects.filter(name__in=names or []))


def write_programmes(ctx: Context, row: Row) -> str:
    v = row.values
    fields = {
        "name": v["name"],
        "country": ctx.countries[v["country"]],
        "start_date": v["start_date"],
    }
    for name, default in (("phase", 1), ("end_date", None), ("status", "active")):
        if name in v:
            fields[name] = v[name] if v[name] is not None else default
    many = {}
    for name in ("donors", "implementation_partners"):
        if name in v:
            many[name] = _orgs(v[name])
    programme = Programme.objects.filter(code=v["programme_code"]).first()
    if programme is None:
        programme_actions.create_programme(by=ctx.user, code=v["programme_code"], **fields, **many)
        return "created"
    changed = {k: val for k, val in fields.items() if getattr(programme, k) != val}
    changed_many = {
        k: orgs
        for k, orgs in many.items()
        if {o.pk for o in orgs} != set(getattr(programme, k).values_list("pk", flat=True))
    }
    if not changed and not changed_many:
        return "unchanged"
    programme_actions.update_programme(programme=programme, by=ctx.user, **changed, **changed_many)
    return "updated"


# Enterprises -----------------------------------------------------------------------------


def check_enterprises(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    problems = _country_problems(ctx, row)
    problems += _coordinator_problem(ctx, row, v.get("country"), "country")
    problems += _org_list_problems(ctx, row, "lead_buyers", kinds=BUYER_KINDS)
    problems += _programme_ref_problems(ctx, row, v.get("programme_code") or [])
    code = v.get("enterprise_code")
    if code in ctx.all_enterprises and code not in ctx.enterprises:
        problems.append(
            _p(
                row,
                "enterprise_code",
                _("The code %(c)s is taken by an enterprise outside your scope; choose another.")
                % {"c": code},
            )
        )
    elif code in ctx.enterprises and v.get("country"):
        problems += _coordinator_problem(ctx, row, ctx.enterprises[code], "enterprise_code")
    if code and v.get("country"):
        ctx.enterprises[code] = v["country"]
    for programme in v.get("programme_code") or []:
        ctx.participations.setdefault((code, programme), False)
    return problems


def write_enterprises(ctx: Context, row: Row) -> str:
    v = row.values
    fields = {"name": v["name"], "country": ctx.countries[v["country"]], "sector": v["sector"]}
    for name, default in (("region", ""), ("employees_female", 0), ("employees_male", 0)):
        if name in v:
            fields[name] = v[name] if v[name] is not None else default
    buyers = _orgs(v["lead_buyers"]) if "lead_buyers" in v else None
    enterprise = Enterprise.objects.filter(code=v["enterprise_code"]).first()
    outcome = "unchanged"
    if enterprise is None:
        enterprise = enterprise_actions.create_enterprise(
            by=ctx.user, code=v["enterprise_code"], lead_buyers=buyers or (), **fields
        )
        outcome = "created"
    else:
        changed = {k: val for k, val in fields.items() if getattr(enterprise, k) != val}
        if buyers is not None and {b.pk for b in buyers} != set(
            enterprise.supply_links.values_list("buyer_id", flat=True)
        ):
            changed["lead_buyers"] = buyers
        if changed:
            enterprise_actions.update_enterprise(enterprise=enterprise, by=ctx.user, **changed)
            outcome = "updated"
    joined = set(
        Participation.objects.filter(enterprise=enterprise).values_list(
            "programme__code", flat=True
        )
    )
    for code in v.get("programme_code") or []:
        if code not in joined:
            enterprise_actions.enrol_in_programme(
                by=ctx.user, enterprise=enterprise, programme=Programme.objects.get(code=code)
            )
            outcome = "updated" if outcome == "unchanged" else outcome
    return outcome


# People ----------------------------------------------------------------------------------


def check_people(ctx: Context, row: Row) -> list[Problem]:
    problems = _enterprise_ref_problems(ctx, row)
    code = row.values.get("enterprise_code")
    if not problems and code:
        problems += _coordinator_problem(ctx, row, ctx.enterprises[code], "enterprise_code")
    if code and row.values.get("person_code"):
        ctx.people.add((code, row.values["person_code"]))
    return problems


def write_people(ctx: Context, row: Row) -> str:
    v = row.values
    enterprise = Enterprise.objects.get(code=v["enterprise_code"])
    fields = {"sex": v["sex"], "role": v["role"]}
    for name in ("name", "job_title"):
        if name in v:
            fields[name] = v[name] or ""
    person = Person.objects.filter(enterprise=enterprise, code=v["person_code"]).first()
    if person is None:
        enterprise_actions.add_person(
            by=ctx.user, enterprise=enterprise, code=v["person_code"], **fields
        )
        return "created"
    changed = {k: val for k, val in fields.items() if getattr(person, k) != val}
    if not changed:
        return "unchanged"
    enterprise_actions.update_person(person=person, by=ctx.user, **changed)
    return "updated"


# Measurements ----------------------------------------------------------------------------


def check_measurements(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    problems = _enterprise_ref_problems(ctx, row)
    indicator = v.get("indicator")
    if indicator and indicator not in ctx.indicators:
        hint = closest(indicator, ctx.indicators)
        message = _("%(c)s is not an indicator code; use a code from the drop-down list.") % {
            "c": indicator
        }
        if hint:
            message += " " + _("(did you mean %(h)s?)") % {"h": hint}
        problems.append(_p(row, "indicator", message))
    elif indicator:
        currency = (v.get("currency") or "").strip().upper()
        v["currency"] = currency
        if currency and ctx.indicators[indicator] and currency not in CURRENCIES:
            message = _(
                "%(c)s is not a currency this platform knows; use a three-letter ISO 4217 "
                "code such as %(examples)s."
            ) % {"c": currency, "examples": ", ".join(sorted(CURRENCIES)[:6])}
            hint = closest(currency, CURRENCIES)
            if hint:
                message += " " + _("(did you mean %(h)s?)") % {"h": hint}
            problems.append(_p(row, "currency", message))
        if ctx.indicators[indicator] and not currency:
            problems.append(
                _p(
                    row,
                    "currency",
                    _("%(c)s is an amount of money; give its currency, e.g. CNY or USD.")
                    % {"c": indicator},
                )
            )
        if not ctx.indicators[indicator] and currency:
            problems.append(
                _p(
                    row,
                    "currency",
                    _("%(c)s is not money; leave the currency blank.") % {"c": indicator},
                )
            )
    if v.get("period_start") and v.get("period_end") and v["period_end"] < v["period_start"]:
        problems.append(
            _p(row, "period_end", _("The period ends before it starts; correct one of the dates."))
        )
    return problems


def write_measurements(ctx: Context, row: Row) -> str:
    from score.monitoring.actions import record_measurement
    from score.monitoring.models import Measurement

    v = row.values
    enterprise = Enterprise.objects.get(code=v["enterprise_code"])
    existing = Measurement.objects.filter(
        enterprise=enterprise,
        indicator__code=v["indicator"],
        period_start=v["period_start"],
        period_end=v["period_end"],
        wave=v["wave"],
    ).first()
    currency = v.get("currency") or ""
    if (
        existing is not None
        and existing.value == v["value"]
        and existing.currency == currency
        and existing.source == v["source"]
    ):
        return "unchanged"
    record_measurement(
        by=ctx.user,
        enterprise=enterprise,
        indicator=v["indicator"],
        period_start=v["period_start"],
        period_end=v["period_end"],
        wave=v["wave"],
        value=v["value"],
        currency=currency,
        source=v["source"],
        provenance="import",
        import_file=ctx.file_name[:255],
        import_row=row.number,
    )
    return "created" if existing is None else "updated"


# Practices -------------------------------------------------------------------------------


def check_practices(ctx: Context, row: Row) -> list[Problem]:
    problems = _enterprise_ref_problems(ctx, row)
    code = row.values.get("practice")
    if code and code not in ctx.practices:
        message = _("%(c)s is not a good-practice code; use a code from the drop-down list.") % {
            "c": code
        }
        hint = closest(code, ctx.practices)
        if hint:
            message += " " + _("(did you mean %(h)s?)") % {"h": hint}
        problems.append(_p(row, "practice", message))
    return problems


def write_practices(ctx: Context, row: Row) -> str:
    from score.monitoring.actions import record_practice_answer
    from score.monitoring.models import PracticeAnswer

    v = row.values
    enterprise = Enterprise.objects.get(code=v["enterprise_code"])
    existing = PracticeAnswer.objects.filter(
        enterprise=enterprise, item__code=v["practice"], wave=v["wave"]
    ).first()
    if existing and existing.answer == v["answer"] and existing.answered_on == v["date"]:
        return "unchanged"
    record_practice_answer(
        by=ctx.user,
        enterprise=enterprise,
        item=v["practice"],
        wave=v["wave"],
        answer=v["answer"],
        answered_on=v["date"],
        provenance="import",
        import_file=ctx.file_name[:255],
        import_row=row.number,
    )
    return "created" if existing is None else "updated"


# Survey responses ------------------------------------------------------------------------


def check_survey_responses(ctx: Context, row: Row) -> list[Problem]:
    from score.surveys.actions import answer_error

    v = row.values
    problems = _enterprise_ref_problems(ctx, row)
    if v.get("programme_code"):
        problems += _programme_ref_problems(ctx, row, [v["programme_code"]])
    code = v.get("questionnaire")
    if code and code not in ctx.questionnaires:
        message = _("%(c)s is not a questionnaire code; use one from the drop-down list.") % {
            "c": code
        }
        hint = closest(code, ctx.questionnaires)
        if hint:
            message += " " + _("(did you mean %(h)s?)") % {"h": hint}
        problems.append(_p(row, "questionnaire", message))
        return problems
    questions = ctx.questionnaires.get(code, {})
    for column, value in row.extra.items():
        question = questions.get(column)
        if question is None:
            problems.append(
                _p(
                    row,
                    column,
                    _("%(q)s is not a question of %(c)s; leave this cell blank.")
                    % {"q": column, "c": code},
                )
            )
            continue
        message = answer_error(question, str(value).strip())
        if message:
            problems.append(_p(row, column, message))
    if code and not row.extra:
        problems.append(
            _p(row, "questionnaire", _("The response answers no question; fill in at least one."))
        )
    return problems


def write_survey_responses(ctx: Context, row: Row) -> str:
    from score.surveys.actions import record_response
    from score.surveys.models import Questionnaire, Response, Source

    v = row.values
    questionnaire = Questionnaire.objects.get(code=v["questionnaire"])
    if Response.objects.filter(questionnaire=questionnaire, external_id=v["external_id"]).exists():
        return "unchanged"
    own_id = v["external_id"].removeprefix("score-")
    if (
        own_id.isdigit()
        and Response.objects.filter(
            pk=int(own_id), questionnaire=questionnaire, external_id=""
        ).exists()
    ):
        return "unchanged"  # exported from this platform without an external id
    programme = Programme.objects.get(code=v["programme_code"]) if v.get("programme_code") else None
    record_response(
        by=ctx.user,
        questionnaire=questionnaire,
        enterprise=Enterprise.objects.get(code=v["enterprise_code"]),
        programme=programme,
        wave=v["wave"],
        role=v["role"],
        sex=v["sex"],
        tenure_band=v["tenure_band"],
        answers={k: str(val).strip() for k, val in row.extra.items()},
        submitted_on=v.get("submitted_on"),
        source=getattr(Source, "IMPORT", Source.KOBO),
        source_file=ctx.file_name,
        source_row=row.number,
        external_id=v["external_id"],
    )
    return "created"


CHECKS = {
    "Countries": check_countries,
    "ExchangeRates": check_exchange_rates,
    "Organisations": check_organisations,
    "Programmes": check_programmes,
    "Enterprises": check_enterprises,
    "People": check_people,
    "Measurements": check_measurements,
    "Practices": check_practices,
    "SurveyResponses": check_survey_responses,
}

WRITERS = {
    "Countries": write_countries,
    "ExchangeRates": write_exchange_rates,
    "Organisations": write_organisations,
    "Programmes": write_programmes,
    "Enterprises": write_enterprises,
    "People": write_people,
    "Measurements": write_measurements,
    "Practices": write_practices,
    "SurveyResponses": write_survey_responses,
}
