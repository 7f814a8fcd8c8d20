"""The demo's training delivery and in-factory counselling, loaded through the actions.

Parts of ``loader.PARTS``, run after the users exist:

- ``load_trainers``: the providers' other trainers, each enterprise's lead trainer;
- ``load_classes``: module enrolments, baseline visits, classes with their people and
  attendance, and the classroom marked done;
- ``load_visits``: follow-up visits, completed and dropped enrolments, and the 2026
  cohort's visits planned for the coming days;
- ``load_teams``: Phase I improvement teams, their members and meetings;
- ``load_projects``: Phase I improvement projects with their action items.

Each part reads what exists in a few queries, finds objects by natural keys (enrolment =
programme + enterprise + module, class code, person code within the enterprise, visit =
enrolment + type + number, team = enterprise + programme, project = enterprise + title,
action item = project + description) and calls an action for what is missing or not yet
at its status, so a second run changes nothing. The dates come from ``data``; only the
2026 cohort's follow the day of loading.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from score.accounts.actions import create_user, grant_role
from score.accounts.models import Membership, Role, User
from score.counselling import actions as counselling
from score.counselling.models import (
    ImprovementProject,
    ImprovementTeam,
    ProjectAction,
    ProjectStatus,
    TeamMeeting,
    TeamMember,
    TeamRole,
    Visit,
    VisitKind,
    VisitStatus,
)
from score.demo import data
from score.enterprises.actions import add_person, update_participation
from score.enterprises.models import Participation, Person
from score.training import actions as training
from score.training.models import (
    Attendance,
    ClassroomSession,
    Enrolment,
    EnrolmentStatus,
    Module,
    Participant,
)

if TYPE_CHECKING:
    from score.demo.loader import DemoContext

DAY = datetime.timedelta(days=1)
ROWS = {
    row.code: row
    for row in data.CN_P1_ENTERPRISES + data.CN_P2_BSCI_ENTERPRISES + data.CN_P3_ENTERPRISES
}
CLOSED_STEPS = (EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _workday(day: datetime.date) -> datetime.date:
    """A weekday near ``day``: Saturday moves back to Friday, Sunday on to Monday."""
    return {5: day - DAY, 6: day + DAY}.get(day.weekday(), day)


# --- The plan: who does what when --------------------------------------------------------


@dataclass
class Step:
    """One enterprise in one class: the journey of its enrolment in the class's module."""

    row: data.ClassRow
    index: int  # its place in the class
    enterprise: str  # code
    start: datetime.date  # first class day
    registered_on: datetime.date
    baseline_on: datetime.date
    follow_ups: list[datetime.date] = field(default_factory=list)  # done
    planned: datetime.date | None = None  # the next follow-up, planned
    completed_on: datetime.date | None = None
    drop: data.DropRow | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.row.programme, self.enterprise, self.row.module)


def class_start(row: data.ClassRow, today: datetime.date) -> datetime.date:
    """The first day of a class; the 2026 cohort's is the Tuesday on or before its offset."""
    if row.start is not None:
        return row.start
    day = today + _days(data.CURRENT_COHORT["class"])
    return day - _days((day.weekday() - 1) % 7)


def planning_days(today: datetime.date) -> list[datetime.date]:
    """The working days after today on which the 2026 cohort's visits are planned."""
    days = [today + _days(n) for n in range(1, data.CURRENT_COHORT["plan_within"] + 1)]
    return [day for day in days if day.weekday() < 5]


def plan(ctx: "DemoContext") -> list[Step]:
    """Every enrolment's journey, class by class, in the order of ``data.CLASSES``."""
    today = ctx.today
    current = data.CURRENT_COHORT["programme"]
    planning = planning_days(today)
    steps = []
    for row in data.CLASSES:
        start = class_start(row, today)
        for i, code in enumerate(row.enterprises):
            if row.module == data.SECOND_MODULE:
                registered_on = data.SECOND_MODULE_REGISTERED
            else:
                registered_on = ctx.participations[(row.programme, code)].joined_on
            baseline = start - _days(data.BASELINE_BEFORE_CLASS - 2 * i)
            step = Step(
                row=row,
                index=i,
                enterprise=code,
                start=start,
                registered_on=registered_on,
                baseline_on=_workday(max(baseline, registered_on + DAY)),
            )
            follow_ups = [
                _workday(start + _days(after + i)) for after in data.FOLLOW_UPS_AFTER_CLASS
            ]
            if row.programme == current:
                done = 1 if i < data.CURRENT_COHORT["first_follow_up_done"] else 0
                step.follow_ups = follow_ups[:done]
                step.planned = planning[i % len(planning)]
            elif row.module == "WC" and code in data.DROPS:
                step.drop = data.DROPS[code]
                step.follow_ups = follow_ups[: step.drop.follow_ups_done]
            else:
                step.follow_ups = follow_ups
                step.completed_on = _workday(
                    follow_ups[-1] + _days(data.COMPLETED_AFTER_LAST_VISIT)
                )
            steps.append(step)
    return steps


def _lead(ctx: "DemoContext", step: Step) -> User:
    return ctx.lead_trainers[(step.row.programme, step.enterprise)]


def _people_rows(step: Step) -> list[data.PersonRow]:
    """The people of an enterprise who attend this class."""
    row = ROWS[step.enterprise]
    if step.row.programme != "CN-P1":
        return data.people_of(row, data.SMALL_CLASS_PEOPLE)
    people = data.people_of(row, data.participant_counts()[step.enterprise])
    if step.row.module == "WC":
        return people
    # The second module's class: the two managers and two workers who lead its team.
    managers, workers = _team_rows(people)
    return managers[:2] + workers[:2]


def _team_rows(people: list[data.PersonRow]) -> tuple[list, list]:
    """The managers and workers of an enterprise's improvement team, leader and secretary
    first: as many managers (the owner last) as workers, ``data.team_size`` of each."""
    k = data.team_size(len(people))
    managers = [p for p in people if p.role == "manager"] + [p for p in people if p.role == "owner"]
    workers = [p for p in people if p.role == "worker"]
    return managers[:k], workers[:k]


# --- Trainers ----------------------------------------------------------------------------


def load_trainers(ctx: "DemoContext") -> None:
    """The other trainers of each provider; every enterprise's lead trainer, assigned to
    its programme participation."""
    orgs = ctx.organisations
    existing = {
        user.email.lower(): user
        for user in User.objects.filter(email__in=[row.email for row in data.TRAINERS])
    }
    roles = set(
        Membership.objects.filter(role=Role.TRAINER, user__in=existing.values()).values_list(
            "user_id", "organisation_id"
        )
    )
    by_provider = defaultdict(list)
    for row in data.TRAINERS:
        user = existing.get(row.email)
        if user is None:
            # No password: these trainers exist to lead classes and visits, not to log in.
            user = create_user(by=ctx.by, email=row.email, password=None, full_name=row.full_name)
            ctx.report.add("users")
        if (user.pk, orgs[row.provider].pk) not in roles:
            grant_role(by=ctx.by, user=user, role=Role.TRAINER, organisation=orgs[row.provider])
            ctx.report.add("roles")
        ctx.users[row.email] = user
        by_provider[row.provider].append(user)

    demo_trainer = ctx.users[data.DEMO_TRAINER]
    demo_enterprises = set(data.TRAINER_ASSIGNMENTS[data.DEMO_TRAINER])
    assigned = set(
        Participation.trainers.through.objects.filter(
            participation__in=ctx.participations.values()
        ).values_list("participation_id", "user_id")
    )
    users = User.objects.in_bulk({user_id for _, user_id in assigned})
    turns = defaultdict(int)  # (programme, provider) -> enterprises led so far
    for (programme, code), participation in sorted(ctx.participations.items()):
        if (programme, code) in demo_enterprises:
            lead = demo_trainer
        else:
            provider = ROWS[code].provider
            trainers = by_provider[provider]
            lead = trainers[turns[programme, provider] % len(trainers)]
            turns[programme, provider] += 1
        ctx.lead_trainers[(programme, code)] = lead
        if (participation.pk, lead.pk) not in assigned:
            current = [users[u] for p, u in sorted(assigned) if p == participation.pk]
            update_participation(participation=participation, by=ctx.by, trainers=[*current, lead])
            ctx.report.add("trainer_assignments")
    ctx.part_done("Trainers", ["users", "roles", "trainer_assignments"])


# --- Enrolments, baselines and classes ---------------------------------------------------


def _reload(enrolment: Enrolment) -> Enrolment:
    """Read back the status an action moved on its own copy of the enrolment."""
    enrolment.refresh_from_db(
        fields=["status", "baseline_on", "classroom_on", "visits_done_on", "completed_on"]
    )
    return enrolment


def _existing_enrolments(ctx: "DemoContext") -> None:
    enterprises = {e.pk: code for code, e in ctx.enterprises.items()}
    programmes = {p.pk: code for code, p in ctx.programmes.items()}
    modules = {m.pk: code for code, m in ctx.modules.items()}
    for enrolment in Enrolment.objects.filter(enterprise_id__in=enterprises):
        key = (
            programmes.get(enrolment.programme_id),
            enterprises[enrolment.enterprise_id],
            modules.get(enrolment.module_id),
        )
        ctx.enrolments[key] = enrolment


def _visits_made(ctx: "DemoContext") -> set[tuple[int, str, int]]:
    """(enrolment id, type, number) of every visit not cancelled."""
    return set(
        Visit.objects.filter(enrolment__in=ctx.enrolments.values())
        .exclude(status=VisitStatus.CANCELLED)
        .values_list("enrolment_id", "kind", "sequence")
    )


def _people(ctx: "DemoContext", step: Step) -> list[Person]:
    enterprise = ctx.enterprises[step.enterprise]
    people = []
    for row in _people_rows(step):
        person = ctx.people.get((step.enterprise, row.code))
        if person is None:
            person = add_person(
                by=ctx.by,
                enterprise=enterprise,
                sex=row.sex,
                role=row.role,
                code=row.code,
                name=row.name,
                job_title=row.job_title,
            )
            ctx.people[(step.enterprise, row.code)] = person
            ctx.report.add("people")
        people.append(person)
    return people


def load_classes(ctx: "DemoContext") -> None:
    """Each enterprise enrolled in its class's module, its baseline visit, the class with
    its people and their attendance on both days, and the classroom marked done."""
    ctx.modules.update(Module.objects.in_bulk(["WC", data.SECOND_MODULE], field_name="code"))
    ctx.steps = plan(ctx)
    _existing_enrolments(ctx)
    visits = _visits_made(ctx)
    for session in ClassroomSession.objects.filter(code__in=[row.code for row in data.CLASSES]):
        ctx.sessions[session.code] = session
    for person in Person.objects.filter(
        enterprise__in=ctx.enterprises.values(), code__startswith="P"
    ).select_related("enterprise"):
        ctx.people[(person.enterprise.code, person.code)] = person
    places = set(
        Participant.objects.filter(session__in=ctx.sessions.values()).values_list(
            "session_id", "person_id"
        )
    )
    taken = set(
        Attendance.objects.filter(day__session__in=ctx.sessions.values()).values_list(
            "day__session_id", flat=True
        )
    )

    by_class = defaultdict(list)
    for step in ctx.steps:
        by_class[step.row.code].append(step)
    for row in data.CLASSES:
        steps = by_class[row.code]
        programme, module = ctx.programmes[row.programme], ctx.modules[row.module]
        for step in steps:
            enrolment = ctx.enrolments.get(step.key)
            if enrolment is None:
                enrolment = training.enrol_enterprise(
                    by=ctx.by,
                    enterprise=ctx.enterprises[step.enterprise],
                    programme=programme,
                    module=module,
                    trainer=_lead(ctx, step),
                    registered_on=step.registered_on,
                )
                ctx.enrolments[step.key] = enrolment
                ctx.report.add("enrolments")
            if (enrolment.pk, VisitKind.BASELINE, 1) not in visits:
                counselling.record_visit(
                    by=ctx.by,
                    enrolment=enrolment,
                    trainer=_lead(ctx, step),
                    kind=VisitKind.BASELINE,
                    done_on=step.baseline_on,
                    hours=data.BASELINE_HOURS,
                    findings=data.BASELINE_FINDINGS[step.index % len(data.BASELINE_FINDINGS)],
                    next_steps=data.BASELINE_NEXT_STEPS[step.index % len(data.BASELINE_NEXT_STEPS)],
                )
                _reload(enrolment)
                ctx.report.add("visits")

        session = ctx.sessions.get(row.code)
        if session is None:
            start = steps[0].start
            leads = list(dict.fromkeys(_lead(ctx, step) for step in steps))
            session = training.create_session(
                by=ctx.by,
                programme=programme,
                module=module,
                code=row.code,
                title=f"{module.name}, {row.city}, {start:%B %Y}",
                start_date=start,
                end_date=start + DAY,
                venue=row.venue,
                provider=ctx.organisations[row.provider],
                trainers=leads,
                enrolments=[ctx.enrolments[step.key] for step in steps],
                notes=row.notes,
            )
            ctx.sessions[row.code] = session
            ctx.report.add("sessions")

        people = [person for step in steps for person in _people(ctx, step)]
        missing = [person for person in people if (session.pk, person.pk) not in places]
        if missing:
            added = training.add_participants(by=ctx.by, session=session, people=missing)
            ctx.report.add("participants", added)
        if session.pk not in taken:
            _take_attendance(ctx, session)

        for step in steps:
            enrolment = ctx.enrolments[step.key]
            if enrolment.status == EnrolmentStatus.BASELINE_DONE:
                training.complete_session_classroom(by=ctx.by, session=session, enrolment=enrolment)
                ctx.report.add("enrolment_steps")
    ctx.part_done(
        "Classes",
        [
            "enrolments",
            "visits",
            "sessions",
            "people",
            "participants",
            "attendance",
            "enrolment_steps",
        ],
    )


def _take_attendance(ctx: "DemoContext", session: ClassroomSession) -> None:
    """Everyone present on both days but for a few absences, drawn from the class code."""
    rng = random.Random(session.code)
    participants = sorted(session.participants.values_list("pk", flat=True))
    days = sorted(session.days.values_list("pk", flat=True))
    present = [
        (participant, day)
        for participant in participants
        for n, day in enumerate(days)
        if rng.random() >= (0.01, 0.04)[min(n, 1)]
    ]
    training.record_attendance(by=ctx.by, session=session, present=present)
    ctx.report.add("attendance")


# --- Follow-up visits --------------------------------------------------------------------


def load_visits(ctx: "DemoContext") -> None:
    """Follow-up visits (the last one marks them done), completion or dropping out, and the
    2026 cohort's next follow-ups planned for the demo trainer."""
    visits = _visits_made(ctx)
    for step in ctx.steps:
        enrolment = ctx.enrolments[step.key]
        lead = _lead(ctx, step)
        standard = len(data.FOLLOW_UPS_AFTER_CLASS)
        for n, done_on in enumerate(step.follow_ups, start=1):
            if (enrolment.pk, VisitKind.FOLLOW_UP, n) in visits:
                continue
            texts = data.FOLLOW_UP_FINDINGS[n - 1]
            counselling.record_visit(
                by=ctx.by,
                enrolment=enrolment,
                trainer=lead,
                kind=VisitKind.FOLLOW_UP,
                done_on=done_on,
                hours=data.FOLLOW_UP_HOURS[n - 1],
                eit_took_part=True,
                findings=texts[step.index % len(texts)],
                next_steps=data.FOLLOW_UP_NEXT_STEPS[n - 1],
                complete_follow_ups=n == standard,
            )
            ctx.report.add("visits")
            if n == standard:
                _reload(enrolment)
        if step.completed_on and enrolment.status == EnrolmentStatus.VISITS_DONE:
            training.complete_enrolment(by=ctx.by, enrolment=enrolment, on=step.completed_on)
            ctx.report.add("enrolment_steps")
        if step.drop and enrolment.status not in CLOSED_STEPS:
            training.drop_enrolment(
                by=ctx.by, enrolment=enrolment, reason=step.drop.reason, on=step.drop.dropped_on
            )
            ctx.report.add("enrolment_steps")
        if step.planned is not None:
            n = len(step.follow_ups) + 1
            if (enrolment.pk, VisitKind.FOLLOW_UP, n) not in visits:
                counselling.plan_visit(
                    by=ctx.by,
                    enrolment=enrolment,
                    kind=VisitKind.FOLLOW_UP,
                    planned_on=step.planned,
                    trainer=lead,
                )
                ctx.report.add("planned_visits")
    ctx.part_done("Visits", ["visits", "enrolment_steps", "planned_visits"])


# --- Improvement teams and projects ------------------------------------------------------


def _phase_one_steps(ctx: "DemoContext") -> dict[str, list[Step]]:
    """Phase I enterprises -> their steps (Workplace Cooperation first)."""
    steps = defaultdict(list)
    for step in ctx.steps:
        if step.row.programme == "CN-P1":
            steps[step.enterprise].append(step)
    return steps


def _team_people(ctx: "DemoContext", code: str) -> tuple[list[Person], list[Person]]:
    people = data.people_of(ROWS[code], data.participant_counts()[code])
    managers, workers = _team_rows(people)
    return (
        [ctx.people[(code, p.code)] for p in managers],
        [ctx.people[(code, p.code)] for p in workers],
    )


def load_teams(ctx: "DemoContext") -> None:
    """Every Phase I enterprise's improvement team: managers and workers in equal number,
    formed a week after the class, and its meetings until the end (or the drop-out)."""
    programme = ctx.programmes["CN-P1"]
    teams = {
        team.enterprise_id: team
        for team in ImprovementTeam.objects.filter(
            programme=programme, enterprise__in=ctx.enterprises.values()
        )
    }
    members = {
        (m.team_id, m.person_id): m
        for m in TeamMember.objects.filter(team__in=teams.values(), left_on__isnull=True)
    }
    meetings = set(
        TeamMeeting.objects.filter(team__in=teams.values()).values_list("team_id", "held_on")
    )
    for code, (wc, *_) in _phase_one_steps(ctx).items():
        enterprise = ctx.enterprises[code]
        formed_on = _workday(wc.start + _days(data.TEAM_FORMED_AFTER_CLASS))
        team = teams.get(enterprise.pk)
        if team is None:
            team = counselling.form_team(
                by=ctx.by,
                enterprise=enterprise,
                programme=programme,
                formed_on=formed_on,
                notes="Formed after the Workplace Cooperation class; meets every two weeks.",
            )
            ctx.report.add("teams")
        ctx.teams[code] = team
        managers, workers = _team_people(ctx, code)
        roster = []
        for person in managers + workers:
            member = members.get((team.pk, person.pk))
            if member is None:
                role = (
                    TeamRole.LEADER
                    if person == managers[0]
                    else TeamRole.SECRETARY
                    if person == workers[0]
                    else TeamRole.MEMBER
                )
                member = counselling.add_team_member(
                    by=ctx.by, team=team, person=person, team_role=role, joined_on=formed_on
                )
                ctx.report.add("team_members")
            roster.append(member)
        ctx.team_members[code] = roster

        first_project = _projects_of(ctx, code)[0][0].title
        for n, after in enumerate(data.MEETINGS_AFTER_CLASS):
            held_on = _workday(wc.start + _days(after + wc.index))
            if wc.drop and held_on >= wc.drop.dropped_on:
                break
            if (team.pk, held_on) in meetings:
                continue
            # One member misses each meeting after the first.
            attendees = [m for i, m in enumerate(roster) if not n or i != n % len(roster)]
            counselling.record_team_meeting(
                by=ctx.by,
                team=team,
                held_on=held_on,
                decisions=data.MEETING_DECISIONS[n].format(project=first_project),
                attendees=attendees,
            )
            ctx.report.add("meetings")
    ctx.part_done("Improvement teams", ["teams", "team_members", "meetings"])


@dataclass
class ProjectPlan:
    row: data.ProjectRow
    status: str
    started_on: datetime.date
    ended_on: datetime.date | None  # finished or dropped
    actual_savings: Decimal | None


def _projects_of(ctx: "DemoContext", code: str) -> list[tuple[data.ProjectRow, str]]:
    """An enterprise's projects with their final status, drawn from a generator seeded
    with its code: 1–3 projects, fixed ones for the sock maker."""
    if code in ctx.project_rows:
        return ctx.project_rows[code]
    steps = _phase_one_steps(ctx)[code]
    rng = random.Random(f"{code} projects")
    second = [s for s in steps if s.row.module == data.SECOND_MODULE]
    if code in data.FIXED_PROJECTS:
        rows = [(row, row.status) for row in data.FIXED_PROJECTS[code]]
    elif steps[0].drop:
        rows = [(rng.choice(data.PROJECT_IDEAS[ROWS[code].industry]), "dropped")]
    else:
        counts, weights = zip(*data.PROJECT_COUNT_WEIGHTS.items(), strict=True)
        n = rng.choices(counts, weights)[0]
        if second:
            n = min(n, 2)
        ideas = rng.sample(data.PROJECT_IDEAS[ROWS[code].industry], n)
        rows = []
        for position, row in enumerate(ideas):
            status = data.PROJECT_STATUSES[position]
            if status == "done_or_in_progress":
                status = "done" if rng.random() < 0.6 else "in_progress"
            rows.append((row, status))
        if second:
            rows.append((rng.choice(data.SECOND_MODULE_PROJECTS), "done"))
    ctx.project_rows[code] = rows
    return rows


def _project_plans(ctx: "DemoContext", code: str) -> list[ProjectPlan]:
    steps = {s.row.module: s for s in _phase_one_steps(ctx)[code]}
    rng = random.Random(f"{code} savings")
    plans = []
    k = defaultdict(int)  # projects so far per module
    for row, status in _projects_of(ctx, code):
        step = steps[row.module]
        started_on = _workday(step.start + _days(14 + 14 * k[row.module]))
        k[row.module] += 1
        ended_on = None
        if status == "done":
            ended_on = _workday(step.start + _days(63 + 7 * k[row.module]))
        elif status == "dropped":
            ended_on = step.drop.dropped_on
        savings = None
        if status == "done":
            drawn = int(round(row.expected_savings * rng.uniform(0.7, 1.4), -2))
            savings = Decimal(row.actual_savings or drawn)
        plans.append(ProjectPlan(row, status, started_on, ended_on, savings))
    return plans


def load_projects(ctx: "DemoContext") -> None:
    """Every Phase I enterprise's improvement projects (1–3) with their action items:
    most done with their savings, some still going, the drop-outs' dropped."""
    enterprises = [ctx.enterprises[code] for code in _phase_one_steps(ctx)]
    projects = {
        (p.enterprise_id, p.title): p
        for p in ImprovementProject.objects.filter(enterprise__in=enterprises)
    }
    items = {
        (a.project_id, a.description): a
        for a in ProjectAction.objects.filter(project__in=projects.values())
    }
    for code in _phase_one_steps(ctx):
        enterprise = ctx.enterprises[code]
        roster = [member.person for member in ctx.team_members[code]]
        half = len(roster) // 2
        owners = [p for pair in zip(roster[:half], roster[half:], strict=True) for p in pair]
        for plan_ in _project_plans(ctx, code):
            row = plan_.row
            project = projects.get((enterprise.pk, row.title))
            if project is None:
                project = counselling.create_project(
                    by=ctx.by,
                    enterprise=enterprise,
                    title=row.title,
                    problem=row.problem,
                    team=ctx.teams[code],
                    module=ctx.modules[row.module],
                    kpi=row.kpi,
                    currency="CNY",
                    cost=Decimal(row.cost),
                    expected_savings=Decimal(row.expected_savings),
                )
                ctx.report.add("projects")
            _move_project(ctx, project, plan_)
            for j, description in enumerate(row.actions):
                item = items.get((project.pk, description))
                due_on = plan_.started_on + _days(14 * (j + 1))
                if item is None:
                    item = counselling.add_project_action(
                        by=ctx.by,
                        project=project,
                        description=description,
                        owner=owners[j % len(owners)],
                        due_on=due_on,
                    )
                    ctx.report.add("project_actions")
                done = plan_.status == "done" or (plan_.status == "in_progress" and j == 0)
                if done and not item.done:
                    counselling.set_project_action_done(
                        by=ctx.by, item=item, done=True, on=due_on - _days(2)
                    )
                    ctx.report.add("project_steps")
    ctx.part_done("Improvement projects", ["projects", "project_actions", "project_steps"])


def _move_project(ctx: "DemoContext", project: ImprovementProject, plan_: ProjectPlan) -> None:
    """Start, finish or drop the project as its plan says, if it is not there yet."""
    if project.status == ProjectStatus.PLANNED:
        counselling.start_project(by=ctx.by, project=project, on=plan_.started_on)
        ctx.report.add("project_steps")
    if project.status == ProjectStatus.IN_PROGRESS and plan_.status == "done":
        counselling.complete_project(
            by=ctx.by, project=project, on=plan_.ended_on, actual_savings=plan_.actual_savings
        )
        ctx.report.add("project_steps")
    elif project.status == ProjectStatus.IN_PROGRESS and plan_.status == "dropped":
        counselling.drop_project(
            by=ctx.by, project=project, reason=data.PROJECT_DROPPED_REASON, on=plan_.ended_on
        )
        ctx.report.add("project_steps")
