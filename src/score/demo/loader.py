"""Load the demo programme (``score demo``) through the same actions as the UI.

``load_demo`` runs each part of ``PARTS`` in order inside one transaction. A part finds
the objects it needs by their natural codes (country code, organisation name, programme,
partnership and enterprise code, user e-mail, class code, ...) and creates, through the
app's action, only those that are missing, or moves on a status (an enrolment, a
project) that has not reached the demo's yet; it never edits anything else. So a second
run creates nothing, changes nothing and says so, and a half-loaded database is completed.

The parts for training delivery and counselling (classes, visits, improvement teams and
projects) are in ``delivery.py``.

To extend the demo (KPIs, surveys, ...): put the rows in ``data.py``, write a
``load_<part>(ctx)`` that follows the same pattern (look up by natural key, skip,
create via the action, ``ctx.report.add(kind)`` with the kind named in ``KINDS``), and
append it to ``PARTS``. Objects created by earlier parts are in ``ctx``
(``ctx.enterprises["CN1-LN-001"]``, ``ctx.participations["CN-P1", "CN1-LN-001"]``, ...).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from score.accounts.actions import create_user, grant_role
from score.accounts.models import Membership, Role, User
from score.core.planner import refresh_statistics
from score.counselling.models import ImprovementTeam, TeamMember
from score.demo import data, delivery
from score.demo import finance as demo_finance
from score.demo import monitoring as demo_monitoring
from score.demo import trainers as demo_trainers
from score.enterprises.actions import create_enterprise, enrol_in_programme, update_participation
from score.enterprises.models import Enterprise, Participation, Person
from score.imports.actions import command_line_user
from score.programmes.actions import (
    create_country,
    create_organisation,
    create_partnership,
    create_programme,
    set_logframe_target,
)
from score.programmes.models import Country, LogframeTarget, Organisation, Partnership, Programme
from score.training.models import ClassroomSession, Enrolment, Module

# The kinds of object the demo creates, in the order the summary names them:
# kind -> (singular, plural).
KINDS = {
    "countries": ("country", "countries"),
    "organisations": ("organisation", "organisations"),
    "programmes": ("programme", "programmes"),
    "partnerships": ("partnership", "partnerships"),
    "enterprises": ("enterprise", "enterprises"),
    "participations": ("programme enrolment", "programme enrolments"),
    "users": ("user", "users"),
    "roles": ("role", "roles"),
    "trainer_assignments": ("trainer assignment", "trainer assignments"),
    "enrolments": ("module enrolment", "module enrolments"),
    "sessions": ("class", "classes"),
    "people": ("person", "people"),
    "participants": ("class place", "class places"),
    "attendance": ("attendance register", "attendance registers"),
    "visits": ("visit", "visits"),
    "planned_visits": ("planned visit", "planned visits"),
    "enrolment_steps": ("enrolment step", "enrolment steps"),
    "teams": ("improvement team", "improvement teams"),
    "team_members": ("team member", "team members"),
    "meetings": ("team meeting", "team meetings"),
    "projects": ("improvement project", "improvement projects"),
    "project_actions": ("project action item", "project action items"),
    "project_steps": ("project step", "project steps"),
    **demo_trainers.KINDS,
    "exchange_rates": ("exchange rate", "exchange rates"),
    "measurements": ("KPI measurement", "KPI measurements"),
    "logframe_targets": ("logframe target", "logframe targets"),
    "practice_answers": ("good-practice answer", "good-practice answers"),
    "survey_responses": ("survey response", "survey responses"),
    "prices": ("module price", "module prices"),
    "fees": ("fee", "fees"),
    "invoices": ("invoice", "invoices"),
    "payments": ("payment", "payments"),
}


@dataclass
class DemoReport:
    """What a run of the loader did, and the logins to print."""

    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, kind: str, n: int = 1) -> None:
        self.created[kind] = self.created.get(kind, 0) + n

    @property
    def changed_anything(self) -> bool:
        return any(self.created.values())

    def describe(self, kinds=None, since: dict[str, int] | None = None) -> str:
        """``"3 countries, 1 programme"`` for the kinds given (default: all) with n > 0;
        with ``since`` (an earlier ``created``), only what was created after it."""
        parts = []
        for kind in kinds or self.created:
            n = self.created.get(kind, 0) - (since or {}).get(kind, 0)
            if n:
                singular, plural = KINDS.get(kind, (kind, kind))
                parts.append(f"{n} {singular if n == 1 else plural}")
        return ", ".join(parts)

    def summary(self) -> str:
        if not self.changed_anything:
            return "The demo is already loaded; nothing changed."
        return f"Loaded the demo: created {self.describe()}."


@dataclass
class DemoContext:
    """Shared by the parts of one run: the report, the actor and what is loaded so far."""

    report: DemoReport
    stdout: TextIO | None = None
    # The loader acts as the system: its audit events carry no user.
    by: User | None = None
    countries: dict[str, Country] = field(default_factory=dict)  # ISO code ->
    organisations: dict[str, Organisation] = field(default_factory=dict)  # data.py key ->
    programmes: dict[str, Programme] = field(default_factory=dict)  # code ->
    partnerships: dict[str, Partnership] = field(default_factory=dict)  # code ->
    enterprises: dict[str, Enterprise] = field(default_factory=dict)  # code ->
    # (programme code, enterprise code) ->
    participations: dict[tuple[str, str], Participation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)  # e-mail ->
    part_started: dict[str, int] = field(default_factory=dict)  # report.created before it
    # The day of loading: only the current cohort's dates (data.CURRENT_COHORT) follow it.
    today: datetime.date = field(default_factory=timezone.localdate)
    # Training delivery (score.demo.delivery):
    lead_trainers: dict[tuple[str, str], User] = field(default_factory=dict)  # (prog, ent) ->
    modules: dict[str, Module] = field(default_factory=dict)  # code ->
    steps: list = field(default_factory=list)  # delivery.Step, one per enrolment
    enrolments: dict[tuple[str, str, str], Enrolment] = field(default_factory=dict)
    sessions: dict[str, ClassroomSession] = field(default_factory=dict)  # code ->
    people: dict[tuple[str, str], Person] = field(default_factory=dict)  # (ent, person code) ->
    teams: dict[str, ImprovementTeam] = field(default_factory=dict)  # enterprise code ->
    team_members: dict[str, list[TeamMember]] = field(default_factory=dict)  # enterprise code ->
    project_rows: dict[str, list] = field(default_factory=dict)  # enterprise code ->

    def say(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line + "\n")
            self.stdout.flush()

    def part_done(self, title: str, kinds) -> None:
        done = self.report.describe(kinds, since=self.part_started)
        self.say(f"  {title}: " + (f"created {done}." if done else "already there."))


def load_logframe_targets(ctx: DemoContext) -> None:
    """Phase I's logframe targets, so the logframe, the report and the IATI file show
    targets against the actuals computed from the records."""
    existing = set(
        LogframeTarget.objects.filter(
            programme__code__in={row.programme for row in data.LOGFRAME_TARGETS}
        ).values_list("programme__code", "indicator", "target_date", "sex")
    )
    # The action checks that its user may set targets; the loader acts as the operator of
    # the machine, like a command-line import (its audit rows name no user).
    operator = command_line_user()
    for row in data.LOGFRAME_TARGETS:
        if (row.programme, row.indicator, row.target_date, row.sex) in existing:
            continue
        programme = ctx.programmes[row.programme]
        set_logframe_target(
            by=operator,
            programme=programme,
            indicator=row.indicator,
            country=programme.country,
            target_date=row.target_date,
            value=row.value,
            sex=row.sex,
        )
        ctx.report.add("logframe_targets")
    ctx.part_done("Logframe targets", ["logframe_targets"])


# --- Parts -------------------------------------------------------------------------------


def load_reference_data(ctx: DemoContext) -> None:
    """Countries and organisations (donors, partners, providers, buyers)."""
    existing = Country.objects.in_bulk([row.code for row in data.COUNTRIES], field_name="code")
    for row in data.COUNTRIES:
        country = existing.get(row.code)
        if country is None:
            country = create_country(
                by=ctx.by,
                code=row.code,
                name=row.name,
                currency=row.currency,
                default_language=row.default_language,
            )
            ctx.report.add("countries")
        ctx.countries[row.code] = country

    existing = Organisation.objects.in_bulk(
        [row.name for row in data.ORGANISATIONS], field_name="name"
    )
    for row in data.ORGANISATIONS:
        organisation = existing.get(row.name)
        if organisation is None:
            organisation = create_organisation(
                by=ctx.by,
                name=row.name,
                kind=row.kind,
                short_name=row.short_name,
                country=ctx.countries[row.country] if row.country else None,
                status=row.status,
                mou_date=row.mou_date,
                has_business_plan=row.has_business_plan,
                website=row.website,
                notes=row.notes,
            )
            ctx.report.add("organisations")
        ctx.organisations[row.key] = organisation
    ctx.part_done("Countries and organisations", ["countries", "organisations"])


def load_programmes(ctx: DemoContext) -> None:
    """SCORE China Phase I and II and the 2026 cohort, and the Coop and BSCI partnerships."""
    orgs = ctx.organisations
    existing = Programme.objects.in_bulk([row.code for row in data.PROGRAMMES], field_name="code")
    for row in data.PROGRAMMES:
        programme = existing.get(row.code)
        if programme is None:
            programme = create_programme(
                by=ctx.by,
                code=row.code,
                name=row.name,
                country=ctx.countries[row.country],
                start_date=row.start_date,
                end_date=row.end_date,
                phase=row.phase,
                status=row.status,
                donors=[orgs[key] for key in row.donors],
                implementation_partners=[orgs[key] for key in row.implementation_partners],
                description=row.description,
            )
            ctx.report.add("programmes")
        ctx.programmes[row.code] = programme

    existing = Partnership.objects.in_bulk(
        [row.code for row in data.PARTNERSHIPS], field_name="code"
    )
    for row in data.PARTNERSHIPS:
        partnership = existing.get(row.code)
        if partnership is None:
            partnership = create_partnership(
                by=ctx.by,
                code=row.code,
                name=row.name,
                sponsor=orgs[row.sponsor],
                programme=ctx.programmes[row.programme],
                start_date=row.start_date,
                end_date=row.end_date,
                budget=row.budget,
                currency=row.currency,
                target_enterprises=row.target_enterprises,
                target_workers=row.target_workers,
                sponsor_fee_share=row.sponsor_fee_share,
                notes=row.notes,
            )
            ctx.report.add("partnerships")
        ctx.partnerships[row.code] = partnership
    ctx.part_done("Programmes and partnerships", ["programmes", "partnerships"])


def _load_cohort(
    ctx: DemoContext,
    *,
    programme_code: str,
    rows: list[data.EnterpriseRow],
    joined_on: Callable[[data.EnterpriseRow], object],
    partnership_of: Callable[[data.EnterpriseRow], Partnership | None],
    status: str = "completed",
) -> None:
    """Create the enterprises of ``rows`` that are missing and enrol each in the programme."""
    programme = ctx.programmes[programme_code]
    china = ctx.countries["CN"]
    codes = [row.code for row in rows]
    existing = Enterprise.objects.in_bulk(codes, field_name="code")
    enrolled = {
        p.enterprise.code: p
        for p in Participation.objects.filter(
            programme=programme, enterprise__code__in=codes
        ).select_related("enterprise")
    }
    for row in rows:
        enterprise = existing.get(row.code)
        if enterprise is None:
            enterprise = create_enterprise(
                by=ctx.by,
                code=row.code,
                name=row.name,
                country=china,
                sector="C",
                region=data.region_of(row.code),
                cluster=data.cluster_of(row.code, row.industry),
                city=row.city,
                industry=row.industry,
                products=row.products,
                employees_female=row.female,
                employees_male=row.male,
                contact_name=row.contact,
                shares_data_with_sponsors=row.consents,
                lead_buyers=[ctx.organisations[key] for key in row.lead_buyers],
            )
            ctx.report.add("enterprises")
        ctx.enterprises[row.code] = enterprise

        participation = enrolled.get(row.code)
        if participation is None:
            participation = enrol_in_programme(
                by=ctx.by,
                enterprise=enterprise,
                programme=programme,
                provider=ctx.organisations[row.provider],
                partnership=partnership_of(row),
                joined_on=joined_on(row),
                status=status,
            )
            ctx.report.add("participations")
        ctx.participations[(programme_code, row.code)] = participation


def load_enterprises(ctx: DemoContext) -> None:
    """The 53 SMEs of Phase I (three of them Coop's suppliers), BSCI's 10 in Phase II and
    the 5 of the 2026 cohort."""
    coop = ctx.partnerships["COOP-CN"]
    _load_cohort(
        ctx,
        programme_code="CN-P1",
        rows=data.CN_P1_ENTERPRISES,
        joined_on=lambda row: data.JOINED[row.code.split("-")[1]],
        partnership_of=lambda row: coop if row.code in data.COOP_SUPPLIERS else None,
    )
    bsci = ctx.partnerships["BSCI-CN"]
    _load_cohort(
        ctx,
        programme_code="CN-P2",
        rows=data.CN_P2_BSCI_ENTERPRISES,
        joined_on=lambda row: data.BSCI_JOINED,
        partnership_of=lambda row: bsci,
    )
    joined = ctx.today + datetime.timedelta(days=data.CURRENT_COHORT["joined"])
    _load_cohort(
        ctx,
        programme_code=data.CURRENT_COHORT["programme"],
        rows=data.CN_P3_ENTERPRISES,
        joined_on=lambda row: joined,
        partnership_of=lambda row: None,
        status="enrolled",
    )
    ctx.part_done("Enterprises", ["enterprises", "participations"])


def load_users(ctx: DemoContext) -> None:
    """One login per role, and the trainer's assignments."""
    existing = {
        user.email.lower(): user
        for user in User.objects.filter(email__in=[row.email for row in data.USERS])
    }
    for row in data.USERS:
        user = existing.get(row.email)
        if user is None:
            user = create_user(
                by=ctx.by,
                email=row.email,
                password=row.password,
                full_name=row.full_name,
                is_staff=row.is_staff,
            )
            ctx.report.add("users")
        ctx.users[row.email] = user

        scope = {
            "country": ctx.countries[row.country] if row.country else None,
            "organisation": ctx.organisations[row.organisation] if row.organisation else None,
            "enterprise": ctx.enterprises[row.enterprise] if row.enterprise else None,
        }
        if not Membership.objects.filter(user=user, role=row.role, **scope).exists():
            grant_role(by=ctx.by, user=user, role=row.role, **scope)
            ctx.report.add("roles")

        with translation.override("en"):
            label = str(Role(row.role).label)
        ctx.report.logins.append((label, row.email, row.password))

    for email, assignments in data.TRAINER_ASSIGNMENTS.items():
        trainer = ctx.users[email]
        for programme_code, enterprise_code in assignments:
            participation = ctx.participations[(programme_code, enterprise_code)]
            trainers = list(participation.trainers.all())
            if trainer not in trainers:
                update_participation(
                    participation=participation, by=ctx.by, trainers=[*trainers, trainer]
                )
                ctx.report.add("trainer_assignments")
    ctx.part_done("Users", ["users", "roles", "trainer_assignments"])


# Run in this order; a part may use what the parts before it put in the context.
PARTS: list[Callable[[DemoContext], None]] = [
    load_reference_data,
    load_programmes,
    load_enterprises,
    load_users,
    delivery.load_trainers,
    delivery.load_classes,
    delivery.load_visits,
    delivery.load_teams,
    delivery.load_projects,
    demo_trainers.load_trainer_network,
    demo_monitoring.load_measurements,
    demo_monitoring.load_practices,
    demo_monitoring.load_surveys,
    demo_finance.load_finance,
    load_logframe_targets,
]


def load_demo(*, stdout: TextIO | None = None) -> DemoReport:
    """Load the demo programme, or complete it; returns what was created and the logins."""
    ctx = DemoContext(report=DemoReport(), stdout=stdout)
    ctx.say("Loading the demo programme (SCORE China):")
    # A first load runs some 30,000 queries. `score demo` runs with DEBUG on, under which
    # Django logs every query (on SQLite with one more query each to quote its
    # parameters): a fifth of the load time, for a log nobody reads.
    with override_settings(DEBUG=False), transaction.atomic():
        for part in PARTS:
            ctx.part_started = dict(ctx.report.created)
            part(ctx)
        refresh_statistics()
    return ctx.report
