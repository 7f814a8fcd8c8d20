"""An enterprise's timeline: everything about it in date order, and the next step of each
module under way.

One query per source of events (participations, enrolments, classes, visits, improvement
teams, their members, their meetings, improvement projects), each started from the user's
scope in ``score.accounts.scopes``; the rows are turned into events and sorted in Python. So
the page costs the same number of queries for 3 events or 3,000."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from score.accounts.scopes import (
    eits_visible_to,
    enrolments_visible_to,
    participations_visible_to,
    projects_visible_to,
    sessions_visible_to,
    visits_visible_to,
)
from score.counselling.models import (
    FOLLOW_UP_KINDS,
    TeamMeeting,
    TeamMember,
    VisitKind,
    VisitStatus,
)
from score.counselling.permissions import can_view_visits
from score.counselling.queries import due_days
from score.training.models import ClassroomSession, EnrolmentStatus, Module

# Kinds of event, in the order events of one day are listed.
PROGRAMME = "programme"
ENROLMENT = "enrolment"
TEAM = "team"
CLASSROOM = "classroom"
VISIT = "visit"
MEETING = "meeting"
PROJECT = "project"

KIND_CHOICES = [
    (PROGRAMME, gettext_lazy("Programmes")),
    (ENROLMENT, gettext_lazy("Modules")),
    (CLASSROOM, gettext_lazy("Classes")),
    (VISIT, gettext_lazy("Visits")),
    (TEAM, gettext_lazy("Improvement team")),
    (MEETING, gettext_lazy("Team meetings")),
    (PROJECT, gettext_lazy("Improvement projects")),
]
KIND_LABELS = {
    PROGRAMME: gettext_lazy("Programme"),
    ENROLMENT: gettext_lazy("Module"),
    CLASSROOM: gettext_lazy("Class"),
    VISIT: gettext_lazy("Visit"),
    TEAM: gettext_lazy("Team"),
    MEETING: gettext_lazy("Meeting"),
    PROJECT: gettext_lazy("Project"),
}
_KIND_ORDER = {kind: i for i, kind in enumerate(KIND_LABELS)}

# Within one day, events follow the delivery sequence (SCORE.md, "How a module is
# delivered"): a visit or class comes before the enrolment step it completed. Events
# without a stage (team, meetings, projects) sit between the classroom and the follow-ups.
_STAGE_JOINED = 0
# registered, baseline, classroom, visits done, completed, dropped
_ENROLMENT_STAGES = (1, 3, 5, 7, 8, 9)
_STAGE_BASELINE_VISIT = 2
_STAGE_CLASS = 4
_STAGE_DEFAULT = 5
_STAGE_FOLLOW_UP_VISIT = 6

# Next-step states, also the CSS modifier of the box's items.
DUE = "due"
OVERDUE = "overdue"
PLANNED = "planned"


@dataclass
class Event:
    on: datetime.date
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    programme: str = ""  # programme code
    module: str = ""
    status: str = ""  # a short word shown as a badge (planned, done, overdue, …)
    status_class: str = ""
    end: datetime.date | None = None
    sort: tuple = ()
    stage: int = _STAGE_DEFAULT

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class NextStep:
    enrolment: object
    text: str
    state: str  # DUE, OVERDUE or PLANNED
    on: datetime.date | None = None


@dataclass
class Timeline:
    events: list[Event] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    today: datetime.date | None = None


def _fmt(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def module_choices(user, enterprise):
    """Modules of the enterprise's enrolments the user may see (for the filter)."""
    return Module.objects.filter(
        pk__in=enrolments_visible_to(user).filter(enterprise=enterprise).values("module_id")
    ).order_by("order", "code")


# --- Sources: one query each --------------------------------------------------------------


def _participations(user, enterprise):
    return list(
        participations_visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("programme", "provider")
    )


def _enrolments(user, enterprise, module):
    qs = enrolments_visible_to(user).filter(enterprise=enterprise)
    if module:
        qs = qs.filter(module=module)
    return list(
        qs.select_related("module", "programme", "trainer").order_by(
            "programme__code", "module__order", "pk"
        )
    )


def _sessions(user, enterprise, module):
    attended = ClassroomSession.objects.filter(enrolments__enterprise=enterprise).values("pk")
    qs = sessions_visible_to(user).filter(pk__in=attended)
    if module:
        qs = qs.filter(module=module)
    return list(
        qs.select_related("module", "programme").annotate(
            participant_count=Count("participants"),
            own_participants=Count(
                "participants", filter=Q(participants__person__enterprise=enterprise)
            ),
        )
    )


def _visits(user, enterprise, module):
    qs = visits_visible_to(user).filter(enrolment__enterprise=enterprise)
    if module:
        qs = qs.filter(enrolment__module=module)
    return list(qs.select_related("enrolment__module", "enrolment__programme", "trainer"))


def _teams(user, enterprise):
    return eits_visible_to(user).filter(enterprise=enterprise)


def _projects(user, enterprise, module):
    qs = projects_visible_to(user).filter(enterprise=enterprise)
    if module:
        qs = qs.filter(module=module)
    return list(qs.select_related("module"))


# --- Rows to events ----------------------------------------------------------------------


def _programme_events(participations) -> list[Event]:
    events = []
    for p in participations:
        if not p.joined_on:
            continue
        detail = _("Provider: %(provider)s") % {"provider": p.provider} if p.provider else ""
        events.append(
            Event(
                p.joined_on,
                PROGRAMME,
                _("Joined %(programme)s") % {"programme": p.programme.name},
                detail=detail,
                url=p.programme.get_absolute_url(),
                programme=p.programme.code,
                stage=_STAGE_JOINED,
            )
        )
    return events


def _enrolment_events(enrolments) -> list[Event]:
    events = []
    for e in enrolments:
        module = e.module.display_name
        steps = [
            (e.registered_on, _("Registered for %(module)s"), ""),
            (e.baseline_on, _("Baseline done for %(module)s"), ""),
            (e.classroom_on, _("Classroom done for %(module)s"), ""),
            (e.visits_done_on, _("Follow-up visits done for %(module)s"), ""),
            (e.completed_on, _("Completed %(module)s"), ""),
            (e.dropped_on, _("Dropped %(module)s"), e.dropped_reason),
        ]
        for step, (on, title, detail) in enumerate(steps):
            if on:
                events.append(
                    Event(
                        on,
                        ENROLMENT,
                        title % {"module": module},
                        detail=detail,
                        url=e.get_absolute_url(),
                        programme=e.programme.code,
                        module=module,
                        sort=(step,),
                        stage=_ENROLMENT_STAGES[step],
                    )
                )
    return events


def _session_events(sessions, today) -> list[Event]:
    events = []
    for s in sessions:
        where = _("online") if s.is_online else s.venue
        detail = _(
            "%(where)s. %(own)s participants from this enterprise, %(total)s in the class."
        ) % {"where": where, "own": s.own_participants, "total": s.participant_count}
        future = s.start_date > today
        events.append(
            Event(
                s.start_date,
                CLASSROOM,
                _("Class: %(title)s") % {"title": s.title},
                detail=detail,
                url=s.get_absolute_url(),
                programme=s.programme.code,
                module=s.module.display_name,
                status=_("Planned") if future else "",
                status_class=PLANNED if future else "",
                end=s.end_date if s.end_date != s.start_date else None,
                stage=_STAGE_CLASS,
            )
        )
    return events


def _visit_events(visits, today) -> list[Event]:
    events = []
    for v in visits:
        on = v.done_on or v.planned_on or _local_date(v.updated_at)
        status, css = v.get_status_display(), v.status
        if v.status == VisitStatus.PLANNED and v.planned_on < today:
            status, css = _("Overdue"), OVERDUE
        parts = []
        if v.trainer_id:
            parts.append(_("Trainer: %(name)s") % {"name": v.trainer})
        if v.status == VisitStatus.DONE:
            if v.eit_took_part:
                parts.append(_("The improvement team took part"))
            if v.findings:
                parts.append(_("Findings: %(text)s") % {"text": _summary(v.findings)})
        if v.status == VisitStatus.CANCELLED and v.cancelled_reason:
            parts.append(_("Cancelled: %(text)s") % {"text": _summary(v.cancelled_reason)})
        events.append(
            Event(
                on,
                VISIT,
                _("%(kind)s visit %(n)s") % {"kind": v.get_kind_display(), "n": v.sequence},
                detail=" · ".join(parts),
                url=v.get_absolute_url(),
                programme=v.enrolment.programme.code,
                module=v.enrolment.module.display_name,
                status=status,
                status_class=css,
                sort=(v.sequence,),
                stage=(
                    _STAGE_BASELINE_VISIT
                    if v.kind == VisitKind.BASELINE
                    else _STAGE_FOLLOW_UP_VISIT
                ),
            )
        )
    return events


def _summary(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _team_events(teams, members) -> list[Event]:
    events = []
    for team in teams:
        if team.formed_on:
            events.append(
                Event(
                    team.formed_on,
                    TEAM,
                    _("Improvement team formed"),
                    url=team.get_absolute_url(),
                    programme=team.programme.code if team.programme_id else "",
                )
            )
    for m in members:
        url = m.team.get_absolute_url()
        code = m.team.programme.code if m.team.programme_id else ""
        role = m.get_team_role_display()
        events.append(
            Event(
                m.joined_on,
                TEAM,
                _("%(person)s joined the improvement team") % {"person": m.person},
                detail=_("Role in the team: %(role)s") % {"role": role},
                url=url,
                programme=code,
                sort=(1,),
            )
        )
        if m.left_on:
            events.append(
                Event(
                    m.left_on,
                    TEAM,
                    _("%(person)s left the improvement team") % {"person": m.person},
                    url=url,
                    programme=code,
                    sort=(2,),
                )
            )
    return events


def _meeting_events(meetings) -> list[Event]:
    return [
        Event(
            m.held_on,
            MEETING,
            _("Improvement team meeting"),
            detail=" ".join(
                (
                    ngettext("%(n)s member attended.", "%(n)s members attended.", m.attendee_count)
                    % {"n": m.attendee_count},
                    _("Decisions: %(text)s") % {"text": _summary(m.decisions)},
                )
            ),
            url=m.team.get_absolute_url(),
            programme=m.team.programme.code if m.team.programme_id else "",
        )
        for m in meetings
    ]


def _project_events(projects) -> list[Event]:
    events = []
    for p in projects:
        module = p.module.display_name if p.module_id else ""
        steps = [
            (_local_date(p.created_at), _("Improvement project created: %(title)s"), "", ""),
            (p.started_on, _("Improvement project started: %(title)s"), "", ""),
            (p.finished_on, _("Improvement project done: %(title)s"), "", _("Done")),
            (p.dropped_on, _("Improvement project dropped: %(title)s"), p.dropped_reason, ""),
        ]
        for step, (on, title, detail, status) in enumerate(steps):
            if on:
                events.append(
                    Event(
                        on,
                        PROJECT,
                        title % {"title": p.title},
                        detail=_summary(detail) if detail else "",
                        url=p.get_absolute_url(),
                        module=module,
                        status=status,
                        status_class="done" if status else "",
                        sort=(step,),
                    )
                )
    return events


# --- Next steps ---------------------------------------------------------------------------


def _follow_up_due(enrolment, number: int) -> datetime.date | None:
    """When follow-up visit ``number`` is due: the standard visits spread evenly over the
    ``due_days()`` after the classroom (with 3 visits in 90 days: days 30, 60 and 90)."""
    if not enrolment.classroom_on:
        return None
    total = max(enrolment.module.followup_visits, 1)
    return enrolment.classroom_on + datetime.timedelta(days=round(due_days() * number / total))


def _first_planned(visits, kinds):
    planned = [v for v in visits if v.status == VisitStatus.PLANNED and v.kind in kinds]
    return min(planned, key=lambda v: (v.planned_on, v.pk), default=None)


def next_step(enrolment, visits, sessions, *, today, with_visits: bool) -> NextStep | None:
    """What should happen next in an open enrolment, from its status and (for users who may
    see them) its visits; None for completed and dropped enrolments."""
    status = enrolment.status
    module = enrolment.module.display_name
    if status == EnrolmentStatus.REGISTERED:
        planned = _first_planned(visits, (VisitKind.BASELINE,)) if with_visits else None
        if planned and planned.planned_on < today:
            text = _("Baseline visit overdue since %(date)s") % {"date": _fmt(planned.planned_on)}
            return NextStep(enrolment, text, OVERDUE, planned.planned_on)
        if planned:
            text = _("Baseline visit planned for %(date)s") % {"date": _fmt(planned.planned_on)}
            return NextStep(enrolment, text, PLANNED, planned.planned_on)
        return NextStep(enrolment, _("Baseline visit due"), DUE)
    if status == EnrolmentStatus.BASELINE_DONE:
        classes = sorted(
            (
                s
                for s in sessions
                if s.module_id == enrolment.module_id and s.programme_id == enrolment.programme_id
            ),
            key=lambda s: s.start_date,
        )
        coming = [s for s in classes if s.end_date >= today]
        if coming:
            text = _("Class planned for %(date)s") % {"date": _fmt(coming[0].start_date)}
            return NextStep(enrolment, text, PLANNED, coming[0].start_date)
        if classes:
            text = _("Class held on %(date)s; record the classroom as done") % {
                "date": _fmt(classes[-1].end_date)
            }
            return NextStep(enrolment, text, DUE, classes[-1].end_date)
        return NextStep(enrolment, _("Classroom training to be scheduled"), DUE)
    if status == EnrolmentStatus.CLASSROOM_DONE:
        total = enrolment.module.followup_visits
        if not with_visits:
            return NextStep(enrolment, _("Follow-up visits under way"), PLANNED)
        done = sum(1 for v in visits if v.status == VisitStatus.DONE and v.kind in FOLLOW_UP_KINDS)
        if done >= total:
            text = _("All %(total)s follow-up visits done; record the visits as done") % {
                "total": total
            }
            return NextStep(enrolment, text, DUE)
        number = done + 1
        names = {"n": number, "total": total}
        planned = _first_planned(visits, FOLLOW_UP_KINDS)
        if planned and planned.planned_on < today:
            names["date"] = _fmt(planned.planned_on)
            text = _("Follow-up visit %(n)s of %(total)s overdue since %(date)s") % names
            return NextStep(enrolment, text, OVERDUE, planned.planned_on)
        if planned:
            names["date"] = _fmt(planned.planned_on)
            text = _("Follow-up visit %(n)s of %(total)s planned for %(date)s") % names
            return NextStep(enrolment, text, PLANNED, planned.planned_on)
        due = _follow_up_due(enrolment, number)
        if due is None:
            return NextStep(enrolment, _("Follow-up visit %(n)s of %(total)s due") % names, DUE)
        names["date"] = _fmt(due)
        if due < today:
            text = _("Follow-up visit %(n)s of %(total)s overdue since %(date)s") % names
            return NextStep(enrolment, text, OVERDUE, due)
        text = _("Follow-up visit %(n)s of %(total)s due by %(date)s") % names
        return NextStep(enrolment, text, DUE, due)
    if status == EnrolmentStatus.VISITS_DONE:
        text = _("Confirm completion of %(module)s and issue the certificate") % {"module": module}
        return NextStep(enrolment, text, DUE)
    return None


# --- The page ------------------------------------------------------------------------------


def enterprise_timeline(
    user, enterprise, *, today: datetime.date, module=None, kind: str = ""
) -> Timeline:
    """The enterprise's events the user may see, oldest first, and the next step of each of
    its modules under way. ``module`` keeps only events about that module; ``kind`` only
    events of that kind."""
    enrolments = _enrolments(user, enterprise, module)
    sessions = _sessions(user, enterprise, module)
    with_visits = can_view_visits(user)
    visits = _visits(user, enterprise, module) if with_visits else []

    events = _enrolment_events(enrolments)
    events += _session_events(sessions, today)
    events += _visit_events(visits, today)
    if module is None:
        teams = _teams(user, enterprise)
        members = TeamMember.objects.filter(team__in=teams).select_related(
            "person", "team__programme", "team__enterprise"
        )
        meetings = (
            TeamMeeting.objects.filter(team__in=teams)
            .select_related("team__programme", "team__enterprise")
            .annotate(attendee_count=Count("attendees"))
        )
        events += _programme_events(_participations(user, enterprise))
        events += _team_events(list(teams.select_related("programme", "enterprise")), members)
        events += _meeting_events(meetings)
    events += _project_events(_projects(user, enterprise, module))
    if kind:
        events = [e for e in events if e.kind == kind]
    events.sort(key=lambda e: (e.on, e.stage, _KIND_ORDER[e.kind], e.sort))

    by_enrolment: dict[int, list] = {}
    for visit in visits:
        if visit.status != VisitStatus.CANCELLED:
            by_enrolment.setdefault(visit.enrolment_id, []).append(visit)
    steps = [
        next_step(e, by_enrolment.get(e.pk, []), sessions, today=today, with_visits=with_visits)
        for e in enrolments
        if e.is_open
    ]
    return Timeline(events=events, next_steps=[s for s in steps if s], today=today)
