"""Checks and writers for the trainer-network and money sheets: Trainers, TrainerModules,
TrainerCourses, CourseParticipants, Prices and Fees.

Rows are written only through ``score.trainers.actions`` and ``score.finance.actions``.
Trainers are matched by full name and country (the platform does not make trainers'
e-mails unique); a trainer course by its title and start date.

A module status new to the platform is history (``record_existing_status``): the ToE rule
cannot be checked for a ToE the platform never saw, but the order of the dates is. A status
already recorded only moves on through the same actions as on the pages, after every other
row: candidate -> certified (``certify_trainer``, which needs a completed ToE cycle of the
module, on the platform or in the workbook), certified -> expert (``promote_to_expert``),
a later renewal (``renew_certification``)."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from score.imports.reader import Problem, Row
from score.imports.writers import Context, _coordinator_problem, _country_problems, _p

LEVEL_RANK = {"candidate": 0, "certified": 1, "expert": 2}
SHARES = ("enterprise_share", "sponsor_share", "programme_share", "other_share")
CENT = Decimal("0.01")
STATUS_DATES = ("trained_on", "certified_on", "expert_on", "expires_on", "renewed_on")


@dataclass
class Network:
    """What exists of trainers, statuses, courses, prices and fees (database + workbook)."""

    org_countries: dict = field(default_factory=dict)  # organisation name -> country code
    trainers: dict = field(default_factory=dict)  # (full name, country) -> count in the db
    new_trainers: set = field(default_factory=set)  # (full name, country) in the workbook
    linked: dict = field(default_factory=dict)  # user e-mail (lower) -> (full name, country)
    statuses: dict = field(default_factory=dict)  # (name, country, module) -> stored dict
    levels: dict = field(default_factory=dict)  # (name, country, module) -> level (merged)
    courses: dict = field(default_factory=dict)  # (title, start) -> [kind, module, in db]
    participants: set = field(default_factory=set)  # (title, start, name, country) in db
    completed_toe: set = field(default_factory=set)  # (name, country, module)
    enrolment_providers: dict = field(default_factory=dict)  # enrolment key -> provider name
    participations: dict = field(default_factory=dict)  # (ent, prog) -> (provider, sponsor?)
    to_certify: list = field(default_factory=list)  # (row, (name, country, module))
    partnerships: dict = field(default_factory=dict)  # code -> programme code
    visible_courses: set = field(default_factory=set)  # (title, start) the user may see
    fee_shares: dict = field(default_factory=dict)  # enrolment key -> {payer kind: amount}
    all_invoices: set = field(default_factory=set)  # every invoice number
    invoices: dict = field(default_factory=dict)  # number -> stored dict (visible ones)
    billed: dict = field(default_factory=dict)  # (enrolment key, kind) -> live invoice number
    payments: set = field(default_factory=set)  # (number, paid_on, amount, reference) stored
    invoice_rows: dict = field(default_factory=dict)  # number -> (row, status, total)
    new_payments: dict = field(default_factory=dict)  # number -> [(row, amount)]
    visible_partnerships: set = field(default_factory=set)


def load_network(ctx: Context) -> None:
    from score.enterprises.models import Participation
    from score.programmes.models import Organisation
    from score.trainers.models import (
        Course,
        CourseKind,
        CourseParticipant,
        Outcome,
        Trainer,
        TrainerModuleStatus,
    )
    from score.training.models import Enrolment

    n = Network()
    n.org_countries = dict(Organisation.objects.values_list("name", "country__code"))
    for name, country, email in Trainer.objects.values_list(
        "full_name", "country__code", "user__email"
    ):
        n.trainers[(name, country)] = n.trainers.get((name, country), 0) + 1
        if email:
            n.linked[email.lower()] = (name, country)
    for s in TrainerModuleStatus.objects.values(
        "trainer__full_name",
        "trainer__country__code",
        "module__code",
        "level",
        "certifying_organisation__name",
        *STATUS_DATES,
    ):
        key = (s.pop("trainer__full_name"), s.pop("trainer__country__code"), s.pop("module__code"))
        n.statuses[key] = s
        n.levels[key] = s["level"]
    for title, start, kind, module, supervisor in Course.objects.values_list(
        "title", "start_date", "kind", "module__code", "supervisor__full_name"
    ):
        n.courses.setdefault((title, start), [kind, module, 0, supervisor])[2] += 1
    from score.accounts.scopes import trainer_courses_visible_to

    n.visible_courses = set(trainer_courses_visible_to(ctx.user).values_list("title", "start_date"))
    for title, start, name, country, kind, module, outcome in CourseParticipant.objects.values_list(
        "course__title",
        "course__start_date",
        "trainer__full_name",
        "trainer__country__code",
        "course__kind",
        "course__module__code",
        "outcome",
    ):
        n.participants.add((title, start, name, country))
        if kind == CourseKind.TOE and outcome == Outcome.COMPLETED:
            n.completed_toe.add((name, country, module))
    for e, p, m, provider in Enrolment.objects.filter(
        enterprise__code__in=ctx.enterprises
    ).values_list("enterprise__code", "programme__code", "module__code", "provider__name"):
        n.enrolment_providers[(e, p, m)] = provider
    for e, p, provider, partnership in Participation.objects.filter(
        enterprise__code__in=ctx.enterprises
    ).values_list("enterprise__code", "programme__code", "provider__name", "partnership_id"):
        n.participations[(e, p)] = (provider, partnership is not None)
    from score.accounts.scopes import partnerships_visible_to
    from score.programmes.models import Partnership

    n.partnerships = dict(Partnership.objects.values_list("code", "programme__code"))
    n.visible_partnerships = set(partnerships_visible_to(ctx.user).values_list("code", flat=True))
    _load_money(ctx, n)
    ctx.network = n


def _load_money(ctx: Context, n: Network) -> None:
    from score.accounts.scopes import fees_visible_to, invoices_visible_to
    from score.finance.models import LIVE, FeeShare, Invoice, InvoiceLine, Payment

    def key_of(prefix: str) -> tuple:
        return (
            f"{prefix}enrolment__enterprise__code",
            f"{prefix}enrolment__programme__code",
            f"{prefix}enrolment__module__code",
        )

    for *key, kind, amount in FeeShare.objects.filter(
        fee__in=fees_visible_to(ctx.user)
    ).values_list(*key_of("fee__"), "payer_kind", "amount"):
        n.fee_shares.setdefault(tuple(key), {})[kind] = amount
    n.all_invoices = set(Invoice.objects.values_list("number", flat=True))
    visible = invoices_visible_to(ctx.user)
    for number, status, payer_kind, issued_on, due_on in visible.values_list(
        "number", "status", "payer_kind", "issued_on", "due_on"
    ):
        n.invoices[number] = {
            "status": status,
            "payer_kind": payer_kind,
            "issued_on": issued_on,
            "due_on": due_on,
            "fees": set(),
            "total": Decimal(0),
            "paid": Decimal(0),
        }
    for number, status, kind, amount, *key in InvoiceLine.objects.filter(
        invoice__in=visible
    ).values_list(
        "invoice__number", "invoice__status", "share__payer_kind", "amount", *key_of("share__fee__")
    ):
        n.invoices[number]["fees"].add(tuple(key))
        n.invoices[number]["total"] += amount
        if status in LIVE:
            n.billed[(tuple(key), kind)] = number
    for number, paid_on, amount, reference in Payment.objects.filter(
        invoice__in=visible
    ).values_list("invoice__number", "paid_on", "amount", "reference"):
        n.invoices[number]["paid"] += amount
        n.payments.add((number, paid_on, amount, reference))


# Shared ------------------------------------------------------------------------------------


def _org(ctx: Context, row: Row, column: str, kinds=None) -> list[Problem]:
    name = row.values.get(column)
    if not name:
        return []
    if name not in ctx.org_kinds:
        return [
            _p(
                row,
                column,
                _(
                    "No organisation is named %(n)s; add it to the Organisations sheet or "
                    "correct the name."
                )
                % {"n": name},
            )
        ]
    if kinds and ctx.org_kinds[name] not in kinds:
        return [
            _p(
                row,
                column,
                _("%(n)s is not a training institution or BDS provider; name a provider.")
                % {"n": name},
            )
        ]
    return []


def _module(ctx: Context, row: Row, column: str = "module") -> list[Problem]:
    code = row.values.get(column)
    if code and code not in ctx.delivery.modules:
        from score.imports.reader import closest

        message = _("%(c)s is not a module code; use a code from the drop-down list.") % {"c": code}
        hint = closest(code, ctx.delivery.modules)
        if hint:
            message += " " + _("(did you mean %(h)s?)") % {"h": hint}
        return [_p(row, column, message)]
    return []


def _length(row: Row, column: str, limit: int) -> list[Problem]:
    value = row.values.get(column)
    if value and len(value) > limit:
        return [
            _p(
                row,
                column,
                _("This is %(n)s characters long; shorten it to %(limit)s at most.")
                % {"n": len(value), "limit": limit},
            )
        ]
    return []


MAX_MONEY = Decimal(10) ** 12


def _money_problems(row: Row, columns, *, limit: Decimal = MAX_MONEY) -> list[Problem]:
    """Amounts of zero or more, to the cent, below ``limit``."""
    problems = []
    for column in columns:
        value = row.values.get(column)
        if value is None:
            continue
        if value < 0 or value >= limit or value != value.quantize(CENT):
            problems.append(
                _p(
                    row,
                    column,
                    _(
                        "Enter an amount of zero or more, below %(limit)s, to two decimals at "
                        "most, e.g. 1500.50."
                    )
                    % {"limit": f"{limit:,.0f}"},
                )
            )
            row.values[column] = None  # not used by later checks
    return problems


def _trainer_ref(ctx: Context, row: Row, name_column: str, country: str | None) -> list[Problem]:
    """The trainer named in ``name_column`` exists, once, in the country."""
    name = row.values.get(name_column)
    if not name or not country:
        return []
    n = ctx.network
    key = (name, country)
    if n.trainers.get(key, 0) > 1:
        return [
            _p(
                row,
                name_column,
                _(
                    "The platform has %(k)s trainers named %(n)s in %(c)s, so the row cannot "
                    "say which; give them different names on the platform first."
                )
                % {"k": n.trainers[key], "n": name, "c": country},
            )
        ]
    if key not in n.trainers and key not in n.new_trainers:
        return [
            _p(
                row,
                name_column,
                _(
                    "There is no trainer %(n)s in %(c)s; add them to the Trainers sheet or "
                    "correct the name and country."
                )
                % {"n": name, "c": country},
            )
        ]
    return []


def _trainer(name: str, country: str):
    from score.trainers.models import Trainer

    return Trainer.objects.select_related("user", "organisation").get(
        full_name=name, country__code=country
    )


def _organisation(name: str | None):
    from score.programmes.models import Organisation

    return Organisation.objects.get(name=name) if name else None


def _module_obj(code: str):
    from score.training.models import Module

    return Module.objects.get(code=code)


# Partnerships and participations -----------------------------------------------------------


def check_partnerships(ctx: Context, row: Row) -> list[Problem]:
    from score.imports.writers import _programme_ref_problems

    v = row.values
    n = ctx.network
    code, programme = v.get("partnership_code"), v.get("programme_code")
    problems = _programme_ref_problems(ctx, row, [programme]) if programme else []
    problems += _org(ctx, row, "sponsor")
    problems += _length(row, "name", 200)
    if code in n.partnerships and code not in n.visible_partnerships:
        problems.append(
            _p(
                row,
                "partnership_code",
                _("The code %(c)s is taken by a partnership outside your scope; choose another.")
                % {"c": code},
            )
        )
    elif code in n.partnerships and programme and n.partnerships[code] != programme:
        problems.append(
            _p(
                row,
                "programme_code",
                _(
                    "The partnership %(c)s belongs to %(p)s; an import does not move it to "
                    "another programme. Put %(p)s here."
                )
                % {"c": code, "p": n.partnerships[code]},
            )
        )
    if v.get("start_date") and v.get("end_date") and v["end_date"] < v["start_date"]:
        problems.append(
            _p(row, "end_date", _("The end date is before the start date; correct one of them."))
        )
    problems += _money_problems(row, ("budget",))
    share = v.get("sponsor_fee_share")
    if share is not None and (not 0 <= share <= 100 or share != share.quantize(CENT)):
        problems.append(
            _p(
                row,
                "sponsor_fee_share",
                _("The sponsor's share is a percentage from 0 to 100, to two decimals at most."),
            )
        )
    if code and programme and code not in n.partnerships:
        n.partnerships[code] = programme
        n.visible_partnerships.add(code)
    return problems


def write_partnerships(ctx: Context, row: Row) -> str:
    from score.programmes import actions
    from score.programmes.models import Partnership, Programme

    v = row.values
    fields = {
        "name": v["name"],
        "sponsor": _organisation(v["sponsor"]),
        "start_date": v["start_date"],
    }
    if "end_date" in v:
        fields["end_date"] = v["end_date"]
    if "budget" in v:
        fields["budget"] = v["budget"].quantize(CENT) if v["budget"] is not None else None
    if "currency" in v:
        fields["currency"] = v["currency"] or "USD"
    if "sponsor_fee_share" in v:
        fields["sponsor_fee_share"] = (v["sponsor_fee_share"] or Decimal(0)).quantize(CENT)
    partnership = Partnership.objects.filter(code=v["partnership_code"]).first()
    if partnership is None:
        actions.create_partnership(
            by=ctx.user,
            code=v["partnership_code"],
            programme=Programme.objects.get(code=v["programme_code"]),
            **fields,
        )
        return "created"
    changed = {k: val for k, val in fields.items() if getattr(partnership, k) != val}
    if not changed:
        return "unchanged"
    actions.update_partnership(partnership=partnership, by=ctx.user, **changed)
    return "updated"


def check_participations(ctx: Context, row: Row) -> list[Problem]:
    from score.imports.writers import _enterprise_ref_problems, _programme_ref_problems

    v = row.values
    n = ctx.network
    enterprise, programme = v.get("enterprise_code"), v.get("programme_code")
    problems = _enterprise_ref_problems(ctx, row)
    if programme:
        problems += _programme_ref_problems(ctx, row, [programme])
    problems += _org(ctx, row, "provider")
    if (
        not problems
        and enterprise
        and programme
        and (enterprise, programme) not in (ctx.participations)
    ):
        problems.append(
            _p(
                row,
                "programme_code",
                _(
                    "%(e)s does not take part in %(p)s. Add %(p)s to its programme_code on the "
                    "Enterprises sheet first."
                )
                % {"e": enterprise, "p": programme},
            )
        )
    code = v.get("partnership_code")
    if code and code not in n.visible_partnerships:
        problems.append(
            _p(
                row,
                "partnership_code",
                _(
                    "There is no partnership %(c)s; add it to the Partnerships sheet or use an "
                    "existing code."
                )
                % {"c": code},
            )
        )
    elif code and programme and n.partnerships.get(code) != programme:
        problems.append(
            _p(
                row,
                "partnership_code",
                _("The partnership %(c)s belongs to %(p)s; name a partnership of %(q)s.")
                % {"c": code, "p": n.partnerships.get(code), "q": programme},
            )
        )
    if enterprise and programme:
        n.participations[(enterprise, programme)] = (v.get("provider"), bool(code))
    return problems


def write_participations(ctx: Context, row: Row) -> str:
    from score.enterprises import actions
    from score.enterprises.models import Participation
    from score.programmes.models import Partnership

    v = row.values
    participation = Participation.objects.get(
        enterprise__code=v["enterprise_code"], programme__code=v["programme_code"]
    )
    fields = {}
    if "provider" in v:
        fields["provider"] = _organisation(v["provider"])
    if "partnership_code" in v:
        code = v["partnership_code"]
        fields["partnership"] = Partnership.objects.get(code=code) if code else None
    changed = {k: val for k, val in fields.items() if getattr(participation, k) != val}
    if not changed:
        return "unchanged"
    actions.update_participation(participation=participation, by=ctx.user, **changed)
    return "updated"


# Trainers ----------------------------------------------------------------------------------


def check_trainers(ctx: Context, row: Row) -> list[Problem]:
    from score.imports.delivery import _trainer_problems

    v = row.values
    n = ctx.network
    problems = _country_problems(ctx, row)
    country = v.get("country")
    problems += _coordinator_problem(ctx, row, country, "country")
    problems += _org(ctx, row, "organisation")
    problems += _length(row, "full_name", 150)
    problems += _length(row, "languages", 200)
    problems += _length(row, "phone", 40)
    name = v.get("full_name")
    key = (name, country)
    if name and country and n.trainers.get(key, 0) > 1:
        problems += _trainer_ref(ctx, row, "full_name", country)
    if v.get("email"):
        try:
            validate_email(v["email"])
        except ValidationError:
            problems.append(
                _p(row, "email", _("%(e)s is not an e-mail address.") % {"e": v["email"]})
            )
    user_email = (v.get("user_email") or "").strip()
    if user_email:
        problems += _trainer_problems(ctx, row, "user_email", [user_email])
        linked = n.linked.get(user_email.lower())
        if linked is not None and linked != key:
            problems.append(
                _p(
                    row,
                    "user_email",
                    _(
                        "The account %(e)s is already linked to trainer %(t)s (%(c)s); a user "
                        "account belongs to one trainer. Give another account or none."
                    )
                    % {"e": user_email, "t": linked[0], "c": linked[1]},
                )
            )
        elif name and country:
            n.linked[user_email.lower()] = key
    if name and country:
        n.new_trainers.add(key)
    return problems


def _user(email):
    from score.imports.delivery import _user as find

    return find((email or "").strip())


def write_trainers(ctx: Context, row: Row) -> str:
    from score.trainers import actions
    from score.trainers.models import Trainer

    v = row.values
    fields = {"sex": v["sex"]}
    for name in ("languages", "email", "phone"):
        if name in v:
            fields[name] = (v[name] or "").strip()
    if "organisation" in v:
        fields["organisation"] = _organisation(v["organisation"])
    if "user_email" in v:
        fields["user"] = _user(v["user_email"])
    trainer = Trainer.objects.filter(full_name=v["full_name"], country__code=v["country"]).first()
    if trainer is None:
        actions.create_trainer(
            by=ctx.user, full_name=v["full_name"], country=ctx.countries[v["country"]], **fields
        )
        return "created"
    changed = {k: val for k, val in fields.items() if getattr(trainer, k) != val}
    if not changed:
        return "unchanged"
    actions.update_trainer(trainer=trainer, by=ctx.user, **changed)
    return "updated"


# TrainerModules ----------------------------------------------------------------------------


def _date_order(row: Row) -> list[Problem]:
    v = row.values
    level = v.get("level")
    problems = []
    pairs = (
        ("certified_on", "trained_on", _("The certification is before the training.")),
        ("expert_on", "certified_on", _("The expert date is before the certification.")),
        ("renewed_on", "certified_on", _("The renewal is before the certification.")),
    )
    for later, earlier, message in pairs:
        if v.get(later) and v.get(earlier) and v[later] < v[earlier]:
            problems.append(_p(row, later, message + " " + _("Correct one of the dates.")))
    if level in ("certified", "expert") and not v.get("certified_on"):
        problems.append(
            _p(row, "certified_on", _("A certified trainer needs the date of the certification."))
        )
    if level == "expert" and not v.get("expert_on"):
        problems.append(
            _p(row, "expert_on", _("An expert needs the date they became one; fill it in."))
        )
    if level == "candidate":
        for column in ("certified_on", "expert_on", "expires_on", "renewed_on"):
            if v.get(column):
                problems.append(
                    _p(
                        row,
                        column,
                        _("A candidate holds no certificate; clear %(c)s or change the level.")
                        % {"c": column},
                    )
                )
    if level == "certified" and v.get("expert_on"):
        problems.append(
            _p(row, "expert_on", _("Only an expert has expert_on; clear it or make them expert."))
        )
    if v.get("expires_on") and v.get("certified_on") and v["expires_on"] <= v["certified_on"]:
        problems.append(
            _p(row, "expires_on", _("The certificate expires after it is given; correct the date."))
        )
    if v.get("renewed_on"):
        if not v.get("expires_on"):
            problems.append(
                _p(row, "expires_on", _("A renewed certificate needs its new expiry date."))
            )
        elif v["expires_on"] <= v["renewed_on"]:
            problems.append(
                _p(row, "expires_on", _("The new expiry date must be after the renewal date."))
            )
    return problems


def check_trainer_modules(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    n = ctx.network
    problems = _country_problems(ctx, row)
    country = v.get("country")
    problems += _coordinator_problem(ctx, row, country, "country")
    problems += _trainer_ref(ctx, row, "trainer", country)
    problems += _module(ctx, row)
    problems += _org(ctx, row, "certifying_organisation")
    problems += _date_order(row)
    key = (v.get("trainer"), country, v.get("module"))
    stored = n.statuses.get(key) if all(key) else None
    if stored is not None and v.get("level"):
        problems += _against_stored_status(ctx, row, stored)
    if stored is not None and stored["level"] == "candidate" and v.get("level") != "candidate":
        n.to_certify.append((row, key))
    if all(key) and v.get("level"):
        n.levels[key] = max(
            v["level"], n.levels.get(key, "candidate"), key=lambda x: LEVEL_RANK.get(x, 0)
        )
    return problems


def _against_stored_status(ctx: Context, row: Row, stored: dict) -> list[Problem]:
    """A recorded status moves on only: certified, expert, renewed."""
    v = row.values
    problems = []
    level, was = v["level"], stored["level"]
    if LEVEL_RANK[level] < LEVEL_RANK[was]:
        return [
            _p(
                row,
                "level",
                _("The trainer is already %(was)s in this module; an import does not lower it.")
                % {"was": was},
            )
        ]
    certifying = LEVEL_RANK[was] == 0 and LEVEL_RANK[level] >= 1
    promoting = LEVEL_RANK[was] <= 1 and level == "expert"
    renewing = bool(v.get("renewed_on")) and v["renewed_on"] != stored["renewed_on"]
    may_change = {"trained_on": False}
    may_change["certified_on"] = certifying
    may_change["expert_on"] = promoting
    may_change["renewed_on"] = renewing and (
        stored["renewed_on"] is None or v["renewed_on"] > stored["renewed_on"]
    )
    may_change["expires_on"] = certifying or may_change["renewed_on"]
    for column in STATUS_DATES:
        value = v.get(column)
        if value and stored[column] and value != stored[column] and not may_change[column]:
            problems.append(
                _p(
                    row,
                    column,
                    _(
                        "The platform has %(c)s as %(d)s; an import does not change a recorded "
                        "date. Put %(d)s here, or leave the cell blank."
                    )
                    % {"c": column, "d": stored[column].isoformat()},
                )
            )
        elif value and not stored[column] and not may_change[column]:
            problems.append(
                _p(
                    row,
                    column,
                    _("The platform has no %(c)s for this status; leave the cell blank.")
                    % {"c": column},
                )
            )
    org = v.get("certifying_organisation")
    if org and stored["certifying_organisation__name"] is None and not certifying:
        problems.append(
            _p(
                row,
                "certifying_organisation",
                _(
                    "The platform has no certifying organisation for this status, and an "
                    "import does not add one; leave the cell blank."
                ),
            )
        )
    elif org and stored["certifying_organisation__name"] != org and not certifying:
        problems.append(
            _p(
                row,
                "certifying_organisation",
                _("The platform has the certificate from %(o)s; put that name here.")
                % {"o": stored["certifying_organisation__name"]},
            )
        )
    return problems


def write_trainer_modules(ctx: Context, row: Row) -> str:
    from score.trainers import actions
    from score.trainers.models import TrainerModuleStatus

    v = row.values
    trainer = _trainer(v["trainer"], v["country"])
    module = _module_obj(v["module"])
    status = TrainerModuleStatus.objects.filter(trainer=trainer, module=module).first()
    if status is None:
        actions.record_existing_status(
            by=ctx.user,
            trainer=trainer,
            module=module,
            level=v["level"],
            trained_on=v["trained_on"],
            certified_on=v.get("certified_on"),
            expert_on=v.get("expert_on"),
            certifying_organisation=_organisation(v.get("certifying_organisation")),
            expires_on=v.get("expires_on"),
        )
        if v.get("renewed_on"):
            # record_existing_status takes no renewal date: the renewal is its own step.
            actions.renew_certification(
                by=ctx.user,
                trainer=trainer,
                module=module,
                renewed_on=v["renewed_on"],
                expires_on=v["expires_on"],
            )
        return "created"
    steps = []
    if status.level == "candidate" and v["level"] in ("certified", "expert"):
        steps.append(
            partial(
                actions.certify_trainer,
                certified_on=v["certified_on"],
                certifying_organisation=_organisation(v.get("certifying_organisation")),
                expires_on=None if v.get("renewed_on") else v.get("expires_on"),
            )
        )
    if status.level != "expert" and v["level"] == "expert":
        steps.append(partial(actions.promote_to_expert, expert_on=v["expert_on"]))
    if v.get("renewed_on") and v["renewed_on"] != status.renewed_on:
        steps.append(
            partial(
                actions.renew_certification, renewed_on=v["renewed_on"], expires_on=v["expires_on"]
            )
        )
    if not steps:
        return "unchanged"

    def move_on():
        for step in steps:
            step(by=ctx.user, trainer=trainer, module=module)

    # After every other row: a certification needs the ToE cycle, which may be in the
    # TrainerCourses and CourseParticipants sheets.
    ctx.delivery.deferred.append((row, move_on))
    return "updated"


# TrainerCourses ----------------------------------------------------------------------------


def check_trainer_courses(ctx: Context, row: Row) -> list[Problem]:
    from score.imports.writers import _programme_ref_problems

    v = row.values
    n = ctx.network
    problems = _country_problems(ctx, row)
    country = v.get("country")
    problems += _coordinator_problem(ctx, row, country, "country")
    problems += _module(ctx, row)
    problems += _org(ctx, row, "organisation")
    problems += _length(row, "title", 200)
    problems += _length(row, "venue", 200)
    if v.get("programme_code"):
        problems += _programme_ref_problems(ctx, row, [v["programme_code"]])
        if ctx.programmes.get(v["programme_code"]) not in (None, country):
            problems.append(
                _p(
                    row,
                    "programme_code",
                    _("%(p)s is not a programme of %(c)s; correct the programme or the country.")
                    % {"p": v["programme_code"], "c": country},
                )
            )
    if v.get("start_date") and v.get("end_date") and v["end_date"] < v["start_date"]:
        problems.append(
            _p(row, "end_date", _("The end date is before the start date; correct one of them."))
        )
    key = (v.get("title"), v.get("start_date"))
    stored = n.courses.get(key)
    if stored and stored[2] and key not in n.visible_courses:
        return [
            *problems,
            _p(
                row,
                "title",
                _(
                    "A course outside your scope has this title and start date; give this "
                    "course another title."
                ),
            ),
        ]
    if stored and stored[2] > 1:
        problems.append(
            _p(
                row,
                "title",
                _(
                    "The platform has %(k)s courses with this title and start date; give them "
                    "different titles on the platform first."
                )
                % {"k": stored[2]},
            )
        )
    elif stored and stored[2] and (stored[0], stored[1]) != (v.get("kind"), v.get("module")):
        problems.append(
            _p(
                row,
                "kind",
                _(
                    "The platform has this course as a %(k)s of %(m)s; an import does not change "
                    "a course's kind or module."
                )
                % {"k": stored[0], "m": stored[1]},
            )
        )
    supervisor = v.get("supervisor")
    if stored and stored[2] and "supervisor" not in v:
        supervisor = stored[3]  # a column left out keeps the recorded supervisor
    if v.get("kind") == "toe":
        if not supervisor:
            problems.append(
                _p(row, "supervisor", _("A ToE cycle needs its supervising expert; name them."))
            )
        elif country and not (stored and stored[2]):  # a recorded course keeps its supervisor
            found = _trainer_ref(ctx, row, "supervisor", country)
            problems += found
            level = n.levels.get((supervisor, country, v.get("module")))
            if not found and level != "expert":
                problems.append(
                    _p(
                        row,
                        "supervisor",
                        _(
                            "%(t)s is not an expert in %(m)s, and a ToE cycle is supervised by "
                            "one. Name an expert of that module (TrainerModules sheet)."
                        )
                        % {"t": supervisor, "m": v.get("module")},
                    )
                )
    elif supervisor and country:
        problems += _trainer_ref(ctx, row, "supervisor", country)
    if all(key) and not stored:
        n.courses[key] = [v.get("kind"), v.get("module"), 0, supervisor]
    return problems


def write_trainer_courses(ctx: Context, row: Row) -> str:
    from score.programmes.models import Programme
    from score.trainers import actions
    from score.trainers.models import Course

    v = row.values
    # A column left out of the sheet leaves the field as it is.
    fields = {"end_date": v["end_date"]}
    if "programme_code" in v:
        code = v["programme_code"]
        fields["programme"] = Programme.objects.get(code=code) if code else None
    if "organisation" in v:
        fields["organisation"] = _organisation(v["organisation"])
    if "venue" in v:
        fields["venue"] = (v["venue"] or "").strip()
    if "supervisor" in v:
        name = v["supervisor"]
        fields["supervisor"] = _trainer(name, v["country"]) if name else None
    course = Course.objects.filter(title=v["title"], start_date=v["start_date"]).first()
    if course is None:
        actions.create_course(
            by=ctx.user,
            kind=v["kind"],
            module=_module_obj(v["module"]),
            title=v["title"],
            country=ctx.countries[v["country"]],
            start_date=v["start_date"],
            **fields,
        )
        return "created"
    fields["country"] = ctx.countries[v["country"]]
    changed = {k: val for k, val in fields.items() if getattr(course, k) != val}
    if changed:
        from score.core.exceptions import ActionError

        raise ActionError(
            _(
                "The platform has this course with another %(f)s; change a recorded course on "
                "its page, not by import."
            )
            % {"f": ", ".join(sorted(changed))},
            field=sorted(changed)[0],
        )
    return "unchanged"


# CourseParticipants ------------------------------------------------------------------------


def check_course_participants(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    n = ctx.network
    problems = _country_problems(ctx, row)
    country = v.get("country")
    problems += _coordinator_problem(ctx, row, country, "country")
    problems += _trainer_ref(ctx, row, "trainer", country)
    key = (v.get("course_title"), v.get("course_start_date"))
    course = n.courses.get(key) if all(key) else None
    if course and course[2] and key not in n.visible_courses:
        course = None  # a course the user may not see is no course to them
    if all(key) and course is None:
        problems.append(
            _p(
                row,
                "course_title",
                _(
                    "There is no trainer course %(t)s starting on %(d)s; add it to the "
                    "TrainerCourses sheet or correct the title and date."
                )
                % {"t": key[0], "d": key[1].isoformat()},
            )
        )
    outcome = v.get("outcome") or "pending"
    if outcome != "pending" and not v.get("outcome_on"):
        problems.append(_p(row, "outcome_on", _("Give the date of the outcome.")))
    if v.get("outcome_on") and key[1] and v["outcome_on"] < key[1]:
        problems.append(
            _p(row, "outcome_on", _("The outcome is before the course started; correct the date."))
        )
    if v.get("recommended") and (outcome != "completed" or (course and course[0] != "toe")):
        problems.append(
            _p(
                row,
                "recommended",
                _("Only a completed ToE cycle recommends certification; put no here."),
            )
        )
    if course and course[0] == "toe" and outcome == "completed" and country:
        n.completed_toe.add((v.get("trainer"), country, course[1]))
    return problems


def _course_rule_problems(ctx: Context, rows: list[Row]) -> list[Problem]:
    """The rules of add_course_participant, checked before anything is written: a ToE cycle
    has one candidate, not its supervisor, trained in the module first; a ToT or ToE of
    another module needs training in Workplace Cooperation (or SCORE Basics) first."""
    from score.trainers.models import FOUNDATION_MODULE_CODES

    n = ctx.network
    trained = set(n.levels)
    for row in rows:
        v = row.values
        course = n.courses.get((v.get("course_title"), v.get("course_start_date")))
        if course and course[0] == "tot" and v.get("outcome") == "completed":
            trained.add((v.get("trainer"), v.get("country"), course[1]))
    foundation = {(name, country) for name, country, m in trained if m in FOUNDATION_MODULE_CODES}
    candidates = {}
    for title, start, name, country in n.participants:
        candidates.setdefault((title, start), set()).add((name, country))
    problems = []
    for row in rows:
        v = row.values
        key = (v.get("course_title"), v.get("course_start_date"))
        course = n.courses.get(key)
        who = (v.get("trainer"), v.get("country"))
        if not course or not all(who) or (*key, *who) in n.participants:
            continue
        kind, module = course[0], course[1]
        if kind == "toe":
            candidates.setdefault(key, set()).add(who)
            if len(candidates[key]) > 1:
                problems.append(
                    _p(
                        row,
                        "trainer",
                        _(
                            "A ToE cycle has one candidate, and this one has another. Create "
                            "another ToE cycle for %(t)s."
                        )
                        % {"t": who[0]},
                    )
                )
            if course[3] == who[0]:
                problems.append(
                    _p(
                        row,
                        "trainer",
                        _("The supervisor cannot be the candidate of their own ToE cycle."),
                    )
                )
            if (*who, module) not in trained:
                problems.append(
                    _p(
                        row,
                        "trainer",
                        _(
                            "%(t)s has not been trained in %(m)s. A ToE cycle follows the ToT "
                            "workshop: add their ToT (or their status on TrainerModules) first."
                        )
                        % {"t": who[0], "m": module},
                    )
                )
        if (
            kind in ("tot", "toe")
            and module not in FOUNDATION_MODULE_CODES
            and who not in foundation
        ):
            problems.append(
                _p(
                    row,
                    "trainer",
                    _(
                        "%(t)s has not been trained in Workplace Cooperation (or SCORE "
                        "Basics), which comes before any other module. Add that training "
                        "first."
                    )
                    % {"t": who[0]},
                )
            )
    return problems


def finish_course_participants(ctx: Context, rows: list[Row]) -> list[Problem]:
    """The course rules, then: a recorded candidate is certified by import only after a
    completed ToE cycle of the module, on the platform or on the CourseParticipants sheet."""
    n = ctx.network
    return _course_rule_problems(ctx, rows) + [
        _p(
            row,
            "level",
            _(
                "%(t)s has no completed ToE cycle in %(m)s, and certification needs one. Add "
                "the ToE cycle (TrainerCourses) and its completed outcome (CourseParticipants), "
                "or keep the level candidate."
            )
            % {"t": key[0], "m": key[2]},
        )
        for row, key in n.to_certify
        if key not in n.completed_toe
    ]


def order_course_participants(ctx: Context, rows: list[Row]) -> list[Row]:
    """By course start date: a ToT completed makes the trainer a candidate for a later ToE."""
    return sorted(rows, key=lambda r: (r.values["course_start_date"], r.number))


def write_course_participants(ctx: Context, row: Row) -> str:
    from score.trainers import actions
    from score.trainers.models import Course, CourseParticipant

    v = row.values
    course = Course.objects.get(title=v["course_title"], start_date=v["course_start_date"])
    trainer = _trainer(v["trainer"], v["country"])
    place = CourseParticipant.objects.filter(course=course, trainer=trainer).first()
    result = "unchanged"
    if place is None:
        place = actions.add_course_participant(by=ctx.user, course=course, trainer=trainer)
        result = "created"
    # A column left out of the sheet leaves the outcome as it is.
    outcome = (v.get("outcome") or "pending") if "outcome" in v else place.outcome
    wanted = {
        "outcome": outcome,
        "outcome_on": v.get("outcome_on") if "outcome_on" in v else place.outcome_on,
        "recommended": bool(v.get("recommended")) if "recommended" in v else place.recommended,
    }
    if outcome == "pending":
        wanted["outcome_on"], wanted["recommended"] = None, False
    if any(getattr(place, k) != val for k, val in wanted.items()):
        actions.record_course_outcome(by=ctx.user, participant=place, notes=place.notes, **wanted)
        result = "updated" if result == "unchanged" else result
    return result


# Prices ------------------------------------------------------------------------------------


def check_prices(ctx: Context, row: Row) -> list[Problem]:
    from score.programmes.models import PROVIDER_KINDS

    v = row.values
    problems = _org(ctx, row, "provider", kinds=PROVIDER_KINDS)
    problems += _module(ctx, row)
    provider = v.get("provider")
    if not problems and provider and not ctx.is_admin:
        country = ctx.network.org_countries.get(provider)
        if country is None or not ctx.may_work_in(country):
            problems.append(
                _p(
                    row,
                    "provider",
                    _(
                        "%(n)s is not a provider of a country you coordinate; remove this row "
                        "or ask a programme admin to import it."
                    )
                    % {"n": provider},
                )
            )
    problems += _money_problems(row, ("amount",))
    return problems


def write_prices(ctx: Context, row: Row) -> str:
    from score.finance import actions
    from score.finance.models import ModulePrice

    v = row.values
    provider = _organisation(v["provider"])
    module = _module_obj(v["module"])
    amount = v["amount"].quantize(CENT)
    price = ModulePrice.objects.filter(
        provider=provider, module=module, valid_from=v["valid_from"]
    ).first()
    if price is not None and price.amount == amount and price.currency == v["currency"]:
        return "unchanged"
    actions.set_module_price(
        by=ctx.user,
        provider=provider,
        module=module,
        amount=amount,
        currency=v["currency"],
        valid_from=v["valid_from"],
    )
    return "created" if price is None else "updated"


# Fees --------------------------------------------------------------------------------------


def _workbook_provider(ctx: Context, key) -> str | None:
    for row in (getattr(ctx, "rows", None) or {}).get("Enrolments", []):
        v = row.values
        if (v.get("enterprise_code"), v.get("programme_code"), v.get("module")) == key:
            return v.get("provider")
    return None


def check_fees(ctx: Context, row: Row) -> list[Problem]:
    from score.imports.delivery import _not_enrolled, _refs

    v = row.values
    n = ctx.network
    problems = _refs(ctx, row)
    key = (v.get("enterprise_code"), v.get("programme_code"), v.get("module"))
    if not problems and all(key) and key not in ctx.delivery.enrolments:
        problems.append(_not_enrolled(row, key))
    money = _money_problems(row, ("amount", *SHARES))
    problems += money
    if v.get("amount") is not None and not money:
        total = sum((v.get(c) or Decimal(0) for c in SHARES), Decimal(0))
        if total != v["amount"]:
            problems.append(
                _p(
                    row,
                    "amount",
                    _(
                        "The shares add up to %(total)s but the fee is %(amount)s. Change the "
                        "shares (enterprise_share, sponsor_share, programme_share, other_share) "
                        "so that together they make the fee."
                    )
                    % {"total": total, "amount": v["amount"]},
                )
            )
    problems += _org(ctx, row, "programme_payer")
    problems += _org(ctx, row, "other_payer")
    if problems or not all(key):
        return problems
    n.fee_shares[key] = {
        kind: (v.get(f"{kind}_share") or Decimal(0)).quantize(CENT)
        for kind in ("enterprise", "sponsor", "programme", "other")
    }
    participation = n.participations.get(key[:2])
    provider = n.enrolment_providers.get(key) or _workbook_provider(ctx, key)
    if not provider and not (participation and participation[0]):
        problems.append(
            _p(
                row,
                "module",
                _(
                    "No training provider delivers this enrolment. Name the provider in the "
                    "provider column of the Enrolments sheet."
                ),
            )
        )
    if v.get("sponsor_share") and not (participation and participation[1]):
        problems.append(
            _p(
                row,
                "sponsor_share",
                _(
                    "%(e)s is not sponsored by a partnership in %(p)s, so no sponsor pays a "
                    "share. Give this share to another payer, or name the partnership on the "
                    "enterprise's participation on the platform first."
                )
                % {"e": key[0], "p": key[1]},
            )
        )
    return problems


def _fee_values(v: dict) -> dict:
    return {
        "amount": v["amount"].quantize(CENT),
        "currency": v["currency"],
        "agreed_on": v["agreed_on"],
        **{c: (v.get(c) or Decimal(0)).quantize(CENT) for c in SHARES},
    }


def write_fees(ctx: Context, row: Row) -> str:
    from score.finance import actions
    from score.finance.models import Fee, PayerKind
    from score.imports.delivery import _enrolment

    v = row.values
    enrolment = _enrolment(v)
    fee = Fee.objects.filter(enrolment=enrolment).prefetch_related("shares__organisation").first()
    wanted = _fee_values(v)
    payers = {}
    for column in ("programme_payer", "other_payer"):
        if column in v:
            payers[column] = _organisation(v[column])
    notes = (v.get("notes") or "").strip() if "notes" in v else (fee.notes if fee else "")
    if fee is not None:
        shares = {s.payer_kind: s for s in fee.shares.all()}
        for column, kind in (
            ("programme_payer", PayerKind.PROGRAMME),
            ("other_payer", PayerKind.OTHER),
        ):
            if column not in v:
                payers[column] = shares[kind].organisation if kind in shares else None
        stored = {
            "amount": fee.amount,
            "currency": fee.currency,
            "agreed_on": fee.agreed_on,
            **{
                f"{kind}_share": shares[kind].amount if kind in shares else Decimal("0.00")
                for kind in PayerKind.values
            },
        }
        stored_payers = {
            "programme_payer": getattr(shares.get(PayerKind.PROGRAMME), "organisation", None),
            "other_payer": getattr(shares.get(PayerKind.OTHER), "organisation", None),
        }
        same_payers = all(
            stored_payers[c] == payers[c] for c in payers if wanted[c.replace("_payer", "_share")]
        )
        if stored == wanted and fee.notes == notes and same_payers:
            return "unchanged"
    actions.set_enrolment_fee(
        by=ctx.user,
        enrolment=enrolment,
        notes=notes,
        **wanted,
        **payers,
    )
    return "created" if fee is None else "updated"


# Invoices and payments ---------------------------------------------------------------------


def _fee_refs(row: Row) -> tuple[list[tuple], list[Problem]]:
    keys, problems = [], []
    for text in row.values.get("fees") or []:
        text = text.isoformat() if hasattr(text, "isoformat") else str(text)  # a date cell
        parts = [part.strip() for part in text.split("/")]
        if len(parts) != 3 or not all(parts):
            problems.append(
                _p(
                    row,
                    "fees",
                    _(
                        "%(v)s is not a fee; write enterprise_code/programme_code/module, "
                        "e.g. E-0001/CN-P1/WC."
                    )
                    % {"v": text},
                )
            )
        else:
            keys.append(tuple(parts))
    return keys, problems


def check_invoices(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    n = ctx.network
    number, kind, status = v.get("number"), v.get("payer_kind"), v.get("status")
    problems = _length(row, "number", 40)
    if number in n.all_invoices and number not in n.invoices:
        problems.append(
            _p(
                row,
                "number",
                _("The number %(n)s is taken by an invoice outside your scope; choose another.")
                % {"n": number},
            )
        )
        return problems
    keys, bad = _fee_refs(row)
    problems += bad
    if len(set(keys)) != len(keys):
        problems.append(_p(row, "fees", _("A fee is listed twice; list it once.")))
    total = Decimal(0)
    for key in keys:
        shares = n.fee_shares.get(key)
        if shares is None:
            problems.append(
                _p(
                    row,
                    "fees",
                    _(
                        "There is no fee for %(f)s; add it to the Fees sheet or correct the "
                        "enterprise, programme and module."
                    )
                    % {"f": "/".join(key)},
                )
            )
        elif kind and not shares.get(kind):
            problems.append(
                _p(
                    row,
                    "fees",
                    _("The fee for %(f)s has no %(k)s share to bill; leave it out.")
                    % {"f": "/".join(key), "k": kind},
                )
            )
        elif kind:
            total += shares[kind]
    if status in ("issued", "paid") and not v.get("issued_on"):
        problems.append(_p(row, "issued_on", _("An issued invoice needs its issue date.")))
    if status == "draft" and v.get("issued_on"):
        problems.append(
            _p(row, "issued_on", _("A draft has not been issued; clear issued_on or issue it."))
        )
    if status == "cancelled" and not v.get("cancelled_on"):
        problems.append(_p(row, "cancelled_on", _("Give the date the invoice was cancelled.")))
    if status != "cancelled" and v.get("cancelled_on"):
        problems.append(
            _p(row, "cancelled_on", _("Only a cancelled invoice has cancelled_on; clear it."))
        )
    if v.get("due_on") and (not v.get("issued_on") or v["due_on"] < v["issued_on"]):
        problems.append(
            _p(row, "due_on", _("The due date needs an issue date on or before it; correct it."))
        )
    stored = n.invoices.get(number)
    if stored is not None:
        total = stored["total"]
        problems += _against_stored_invoice(row, stored, set(keys))
    elif status != "cancelled" and kind:
        for key in keys:
            other = n.billed.get((key, kind))
            if other and other != number:
                problems.append(
                    _p(
                        row,
                        "fees",
                        _(
                            "The %(k)s share of %(f)s is already billed on invoice %(o)s. "
                            "Cancel that invoice first, or leave the fee out."
                        )
                        % {"k": kind, "f": "/".join(key), "o": other},
                    )
                )
            n.billed[(key, kind)] = number
    if number and status:
        n.invoice_rows[number] = (row, status, total)
    return problems


def _against_stored_invoice(row: Row, stored: dict, keys: set) -> list[Problem]:
    v = row.values
    problems = []
    if keys != stored["fees"] or v.get("payer_kind") != stored["payer_kind"]:
        problems.append(
            _p(
                row,
                "fees",
                _(
                    "The platform has this invoice billing other fees or another payer; an "
                    "import does not change what an invoice bills."
                ),
            )
        )
    was, status = stored["status"], v.get("status")
    moves = {
        "draft": {"draft", "issued", "paid", "cancelled"},
        "issued": {"issued", "paid", "cancelled"},
        "paid": {"paid"},
        "cancelled": {"cancelled"},
    }
    if status and status not in moves[was]:
        problems.append(
            _p(
                row,
                "status",
                _("The invoice is %(was)s on the platform; it cannot become %(now)s.")
                % {"was": was, "now": status},
            )
        )
    for column in ("issued_on", "due_on"):
        if stored[column] and v.get(column) and v[column] != stored[column]:
            problems.append(
                _p(
                    row,
                    column,
                    _("The platform has %(c)s as %(d)s; put that date here.")
                    % {"c": column, "d": stored[column].isoformat()},
                )
            )
    return problems


def order_invoices(ctx: Context, rows: list[Row]) -> list[Row]:
    """Cancelled invoices first: they free the shares a later invoice bills again."""
    return sorted(rows, key=lambda r: (r.values["status"] != "cancelled", r.values["number"]))


def write_invoices(ctx: Context, row: Row) -> str:
    from score.finance import actions
    from score.finance.models import FeeShare, Invoice, InvoiceStatus

    v = row.values
    invoice = Invoice.objects.filter(number=v["number"]).first()
    result = "unchanged"
    if invoice is None:
        keys, _problems = _fee_refs(row)
        shares = [
            FeeShare.objects.get(
                fee__enrolment__enterprise__code=e,
                fee__enrolment__programme__code=p,
                fee__enrolment__module__code=m,
                payer_kind=v["payer_kind"],
            )
            for e, p, m in keys
        ]
        invoice = actions.create_invoice(
            by=ctx.user, shares=shares, number=v["number"], notes=(v.get("notes") or "").strip()
        )
        result = "created"
    if invoice.status == InvoiceStatus.DRAFT and v.get("issued_on"):
        invoice = actions.issue_invoice(
            by=ctx.user, invoice=invoice, issued_on=v["issued_on"], due_on=v.get("due_on")
        )
        result = "updated" if result == "unchanged" else result
    if v["status"] == "cancelled" and invoice.status != InvoiceStatus.CANCELLED:
        actions.cancel_invoice(by=ctx.user, invoice=invoice, on=v["cancelled_on"])
        result = "updated" if result == "unchanged" else result
    return result


def check_payments(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    n = ctx.network
    number = v.get("invoice_number")
    problems = _money_problems(row, ("amount",))
    if v.get("amount") is not None and v["amount"] <= 0:
        problems.append(_p(row, "amount", _("Enter the amount received, more than zero.")))
    listed = n.invoice_rows.get(number)
    stored = n.invoices.get(number)
    if not number:
        return problems
    if listed is None and stored is None:
        return [
            *problems,
            _p(
                row,
                "invoice_number",
                _("There is no invoice %(n)s; add it to the Invoices sheet or correct the number.")
                % {"n": number},
            ),
        ]
    status = listed[1] if listed else stored["status"]
    issued_on = listed[0].values.get("issued_on") if listed else stored["issued_on"]
    amount = v.get("amount")
    key = (number, v.get("paid_on"), amount.quantize(CENT) if amount else None)
    if (*key, (v.get("reference") or "").strip()) in n.payments:
        return problems
    if status not in ("issued", "paid"):
        problems.append(
            _p(
                row,
                "invoice_number",
                _("The invoice %(n)s is %(s)s, so it takes no payment.")
                % {"n": number, "s": status},
            )
        )
    if issued_on and v.get("paid_on") and v["paid_on"] < issued_on:
        problems.append(
            _p(
                row,
                "paid_on",
                _("The payment is before the invoice was issued (%(d)s); correct it.")
                % {"d": issued_on.isoformat()},
            )
        )
    if not problems and amount:
        n.new_payments.setdefault(number, []).append((row, amount))
    return problems


def finish_payments(ctx: Context, rows: list[Row]) -> list[Problem]:
    """A paid invoice is paid in full; an issued one is not; no invoice is paid twice over."""
    n = ctx.network
    problems = []
    for number in set(n.invoice_rows) | set(n.new_payments):
        row, status, total = n.invoice_rows.get(number) or (None, None, None)
        stored = n.invoices.get(number)
        if row is None:
            status, total = stored["status"], stored["total"]
        paid = (stored["paid"] if stored else Decimal(0)) + sum(
            (amount for _row, amount in n.new_payments.get(number, [])), Decimal(0)
        )
        if paid > total:
            last = n.new_payments[number][-1][0] if n.new_payments.get(number) else row
            problems.append(
                _p(
                    last,
                    "amount",
                    _(
                        "The payments of %(n)s add up to %(p)s, more than its total of %(t)s; "
                        "correct the amounts."
                    )
                    % {"n": number, "p": paid, "t": total},
                )
            )
        elif row is not None and status == "paid" and paid != total:
            problems.append(
                _p(
                    row,
                    "status",
                    _(
                        "Payments of %(p)s are recorded for %(n)s, which totals %(t)s, so it is "
                        "not paid yet: add its payments on the Payments sheet, or make it issued."
                    )
                    % {"n": number, "p": paid, "t": total},
                )
            )
        elif row is not None and status == "issued" and total and paid == total:
            problems.append(
                _p(
                    row,
                    "status",
                    _("The payments cover %(n)s in full, so it is paid; put paid here.")
                    % {"n": number},
                )
            )
    return problems


def order_payments(ctx: Context, rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r.values["paid_on"], r.number))


def write_payments(ctx: Context, row: Row) -> str:
    from score.finance import actions
    from score.finance.models import Invoice, Payment

    v = row.values
    invoice = Invoice.objects.get(number=v["invoice_number"])
    amount = v["amount"].quantize(CENT)
    reference = (v.get("reference") or "").strip()
    if Payment.objects.filter(
        invoice=invoice, paid_on=v["paid_on"], amount=amount, reference=reference
    ).exists():
        return "unchanged"
    actions.record_payment(
        by=ctx.user, invoice=invoice, amount=amount, paid_on=v["paid_on"], reference=reference
    )
    return "created"


CHECKS = {
    "Invoices": check_invoices,
    "Payments": check_payments,
    "Partnerships": check_partnerships,
    "Participations": check_participations,
    "Trainers": check_trainers,
    "TrainerModules": check_trainer_modules,
    "TrainerCourses": check_trainer_courses,
    "CourseParticipants": check_course_participants,
    "Prices": check_prices,
    "Fees": check_fees,
}
ORDERS = {
    "CourseParticipants": order_course_participants,
    "Invoices": order_invoices,
    "Payments": order_payments,
}
FINISH_CHECKS = {
    "CourseParticipants": finish_course_participants,
    "Payments": finish_payments,
}
WRITERS = {
    "Invoices": write_invoices,
    "Payments": write_payments,
    "Partnerships": write_partnerships,
    "Participations": write_participations,
    "Trainers": write_trainers,
    "TrainerModules": write_trainer_modules,
    "TrainerCourses": write_trainer_courses,
    "CourseParticipants": write_course_participants,
    "Prices": write_prices,
    "Fees": write_fees,
}
