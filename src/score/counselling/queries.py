"""Reads of visits, improvement teams and projects that pages, reminders and exports share.

Page queries start from the user's scope in ``score.accounts.scopes``; each list does its
own ``select_related``/``prefetch_related`` and aggregates in SQL, so a page costs the same
number of queries for 3 rows or 3,000."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from score.accounts.models import Role, User
from score.accounts.scopes import (
    eits_visible_to,
    enrolments_visitable_by,
    enterprises_in_results_scope,
    enterprises_workable_by,
    projects_visible_to,
    scope_of,
    visits_visible_to,
)
from score.counselling.models import (
    FOLLOW_UP_KINDS,
    ImprovementProject,
    ImprovementTeam,
    ProjectAction,
    ProjectStatus,
    TeamMeeting,
    TeamMember,
    Visit,
    VisitKind,
    VisitStatus,
)
from score.enterprises.models import Participation, PersonRole, Sex
from score.training.models import Enrolment, EnrolmentStatus

MANAGEMENT_ROLES = (PersonRole.OWNER, PersonRole.MANAGER)


def due_days() -> int:
    """Days after the classroom within which the follow-up visits should all be done."""
    return int(getattr(settings, "SCORE_VISITS_DUE_DAYS", 90))


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


_VISIT_RELATED = ("enrolment__enterprise", "enrolment__module", "enrolment__programme", "trainer")


# --- Visits ------------------------------------------------------------------------------


def _overdue_flag(today: datetime.date) -> ExpressionWrapper:
    return ExpressionWrapper(
        Q(status=VisitStatus.PLANNED, planned_on__lt=today), output_field=BooleanField()
    )


def visit_list(
    user,
    *,
    today: datetime.date | None = None,
    programme=None,
    trainer=None,
    kind: str = "",
    status: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    overdue: bool = False,
) -> QuerySet[Visit]:
    """Visits the user may see, newest first, each with ``visit_date`` (when it took place,
    else when it is planned) and ``is_overdue``."""
    today = _today(today)
    qs = (
        visits_visible_to(user)
        .select_related(*_VISIT_RELATED)
        .annotate(visit_date=Coalesce("done_on", "planned_on"), is_overdue=_overdue_flag(today))
    )
    if programme:
        qs = qs.filter(enrolment__programme=programme)
    if trainer:
        qs = qs.filter(trainer=trainer)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(visit_date__gte=date_from)
    if date_to:
        qs = qs.filter(visit_date__lte=date_to)
    if overdue:
        qs = qs.filter(status=VisitStatus.PLANNED, planned_on__lt=today)
    return qs.order_by("-visit_date", "-pk")


def visit_detail(user, pk: int) -> Visit:
    """The visit if the user may see it; raises Visit.DoesNotExist otherwise."""
    return (
        visits_visible_to(user)
        .select_related(*_VISIT_RELATED, "enrolment__provider")
        .prefetch_related("photos")
        .get(pk=pk)
    )


def overdue_visits(user, *, today: datetime.date | None = None) -> QuerySet[Visit]:
    """Planned visits the user may see whose date has passed, oldest first."""
    today = _today(today)
    return (
        visits_visible_to(user)
        .filter(status=VisitStatus.PLANNED, planned_on__lt=today)
        .select_related(*_VISIT_RELATED)
        .order_by("planned_on", "pk")
    )


def behind_schedule(enrolments: QuerySet[Enrolment], *, today: datetime.date) -> QuerySet:
    """Of ``enrolments``, those whose classroom ended more than ``due_days()`` ago and whose
    standard follow-up visits are not all done, each with ``done_follow_ups``."""
    since = today - datetime.timedelta(days=due_days())
    return (
        enrolments.filter(status=EnrolmentStatus.CLASSROOM_DONE, classroom_on__lt=since)
        .annotate(
            done_follow_ups=Count(
                "visits",
                filter=Q(visits__status=VisitStatus.DONE, visits__kind__in=FOLLOW_UP_KINDS),
            )
        )
        .filter(done_follow_ups__lt=F("module__followup_visits"))
        .select_related("enterprise", "module", "programme", "trainer")
        .order_by("classroom_on", "pk")
    )


def enrolments_behind(user, *, today: datetime.date | None = None) -> QuerySet[Enrolment]:
    """Enrolments the user may see whose follow-up visits are overdue."""
    return behind_schedule(enrolments_visitable_by(user), today=_today(today))


def visits_due_on(day: datetime.date) -> QuerySet[Visit]:
    """Every planned visit due on ``day`` (for reminders, not scoped to a user)."""
    return (
        Visit.objects.filter(status=VisitStatus.PLANNED, planned_on=day)
        .select_related(*_VISIT_RELATED, "enrolment__trainer")
        .order_by("planned_on", "pk")
    )


def visits_overdue_on(today: datetime.date) -> QuerySet[Visit]:
    """Every planned visit whose date has passed (for reminders, not scoped to a user)."""
    return (
        Visit.objects.filter(status=VisitStatus.PLANNED, planned_on__lt=today)
        .select_related(*_VISIT_RELATED, "enrolment__trainer")
        .order_by("planned_on", "pk")
    )


def _assigned_enrolments(user) -> QuerySet[Enrolment]:
    """Enrolments the user leads or whose participation assigns them as trainer."""
    assigned = Participation.objects.filter(
        trainers=user,
        enterprise_id=OuterRef("enterprise_id"),
        programme_id=OuterRef("programme_id"),
    )
    return Enrolment.objects.filter(Q(trainer=user) | Q(Exists(assigned)))


def _sessions_between(user, start: datetime.date, end: datetime.date) -> list:
    """Classroom sessions the user teaches between two dates, if the training app keeps them."""
    if not apps.is_installed("score.training"):
        return []
    try:
        from score.training.models import ClassroomSession
    except ImportError:
        return []
    return list(
        ClassroomSession.objects.filter(trainers=user, start_date__lte=end, end_date__gte=start)
        .select_related("module", "programme")
        .order_by("start_date", "pk")
    )


def my_week(user, *, today: datetime.date | None = None) -> dict:
    """A trainer's next seven days: overdue visits first, then the week's visits and classes,
    and their enrolments whose follow-up visits are overdue."""
    today = _today(today)
    end = today + datetime.timedelta(days=6)
    mine = (
        Visit.objects.filter(trainer=user, status=VisitStatus.PLANNED)
        .select_related(*_VISIT_RELATED)
        .order_by("planned_on", "pk")
    )
    return {
        "today": today,
        "end": end,
        "overdue": list(mine.filter(planned_on__lt=today)),
        "upcoming": list(mine.filter(planned_on__range=(today, end))),
        "sessions": _sessions_between(user, today, end),
        "behind": list(behind_schedule(_assigned_enrolments(user), today=today)),
    }


def enrolment_choices(user) -> QuerySet[Enrolment]:
    """Enrolments the user may plan or record visits for (not completed or dropped ones)."""
    return (
        enrolments_visitable_by(user)
        .exclude(status__in=(EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED))
        .select_related("enterprise", "module", "programme")
        .order_by("enterprise__name", "module__order", "programme__code")
    )


def trainer_choices(user) -> QuerySet[User]:
    """Trainers the user may give a visit to: for the admin every trainer; otherwise those
    assigned to enterprises the user works on or working for the user's organisation or in
    the user's country."""
    trainers = User.objects.filter(memberships__role=Role.TRAINER, is_active=True)
    scope = scope_of(user)
    if not scope.is_admin:
        q = Q(assigned_participations__enterprise__in=enterprises_workable_by(user))
        if scope.provider_orgs:
            q |= Q(memberships__organisation_id__in=scope.provider_orgs)
        if scope.coordinator_countries:
            q |= Q(memberships__organisation__country_id__in=scope.coordinator_countries)
        trainers = trainers.filter(pk__in=User.objects.filter(q).values("pk"))
    return User.objects.filter(pk__in=trainers.values("pk")).order_by("full_name", "email")


def trainers_of_visits(user) -> QuerySet[User]:
    """Trainers of the visits the user may see (for the list filter)."""
    return User.objects.filter(
        pk__in=visits_visible_to(user).exclude(trainer=None).values("trainer_id")
    ).order_by("full_name", "email")


def enrolment_visits(user, enrolment: Enrolment, *, today: datetime.date | None = None) -> dict:
    """The enrolment's visits the user may see (oldest first, each with ``visit_date`` and
    ``is_overdue`` as in the visit list and my week), those overdue, and the enrolment
    itself if its follow-up visits are overdue (with ``done_follow_ups``), else None. Two
    queries, however many visits."""
    today = _today(today)
    visits = list(
        visits_visible_to(user)
        .filter(enrolment=enrolment)
        .select_related("trainer")
        .annotate(visit_date=Coalesce("done_on", "planned_on"), is_overdue=_overdue_flag(today))
        .order_by("visit_date", "kind", "sequence", "pk")
    )
    behind = behind_schedule(Enrolment.objects.filter(pk=enrolment.pk), today=today).first()
    return {
        "visits": visits,
        "overdue": [v for v in visits if v.is_overdue],
        "behind": behind,
        "due_days": due_days(),
    }


def follow_up_progress(enrolment: Enrolment) -> tuple[int, int]:
    """(follow-up visits done, standard number) for one enrolment, in one query."""
    done = Visit.objects.filter(
        enrolment=enrolment, status=VisitStatus.DONE, kind__in=FOLLOW_UP_KINDS
    ).count()
    return done, enrolment.module.followup_visits


# --- Enterprise Improvement Teams -------------------------------------------------------


def _current(**lookups) -> Q:
    return Q(members__left_on__isnull=True, **lookups)


def with_balance(teams: QuerySet[ImprovementTeam]) -> QuerySet[ImprovementTeam]:
    """Annotate current members by side (management: owners and managers; workers) and sex,
    and how many more of each side the team needs to have them in equal number."""
    counts = {}
    for side, roles in (("managers", MANAGEMENT_ROLES), ("workers", (PersonRole.WORKER,))):
        counts[side] = Count("members", filter=_current(members__person__role__in=roles))
        for sex in Sex.values:
            counts[f"{side}_{sex}"] = Count(
                "members",
                filter=_current(members__person__role__in=roles, members__person__sex=sex),
            )
    return teams.annotate(**counts).annotate(
        workers_needed=Greatest(F("managers") - F("workers"), Value(0)),
        managers_needed=Greatest(F("workers") - F("managers"), Value(0)),
    )


def team_balance(team: ImprovementTeam) -> ImprovementTeam:
    """``team`` reloaded with its balance annotations (see ``with_balance``)."""
    return with_balance(ImprovementTeam.objects.filter(pk=team.pk)).get()


def team_page(user, enterprise) -> list[ImprovementTeam]:
    """The enterprise's improvement teams (usually one) with balance, members and meetings."""
    members = TeamMember.objects.select_related("person")
    meetings = TeamMeeting.objects.prefetch_related(
        Prefetch("attendees", queryset=TeamMember.objects.select_related("person"))
    ).order_by("-held_on", "-pk")
    return list(
        with_balance(eits_visible_to(user).filter(enterprise=enterprise))
        .select_related("programme", "enterprise")
        .prefetch_related(
            Prefetch("members", queryset=members),
            Prefetch("meetings", queryset=meetings),
        )
        .order_by("programme__code", "pk")
    )


def existing_team(user, enterprise, programme) -> ImprovementTeam | None:
    """The enterprise's team for ``programme`` (or without one) if the user may see it."""
    return (
        eits_visible_to(user)
        .filter(enterprise=enterprise, programme=programme)
        .select_related("enterprise", "programme")
        .first()
    )


def team_detail(user, pk: int) -> ImprovementTeam:
    """The team if the user may see it; raises ImprovementTeam.DoesNotExist otherwise."""
    return eits_visible_to(user).select_related("enterprise", "programme").get(pk=pk)


# --- Improvement projects ---------------------------------------------------------------


def project_list(user, enterprise) -> QuerySet[ImprovementProject]:
    order = {s: i for i, s in enumerate(ProjectStatus.values)}
    return (
        projects_visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("module", "team__programme", "team__enterprise")
        .annotate(
            actions_total=Count("action_items"),
            actions_done=Count("action_items", filter=Q(action_items__done=True)),
            status_order=_ordering(order),
        )
        .order_by("status_order", "-created_at", "-pk")
    )


def _ordering(order: dict) -> Case:
    return Case(
        *[When(status=s, then=Value(i)) for s, i in order.items()],
        default=Value(len(order)),
        output_field=IntegerField(),
    )


def project_totals(user, enterprise) -> list[dict]:
    """Cost and savings of the enterprise's projects (not dropped ones), per currency."""
    return list(
        projects_visible_to(user)
        .filter(enterprise=enterprise)
        .exclude(status=ProjectStatus.DROPPED)
        .values("currency")
        .annotate(
            projects=Count("pk"),
            cost=Sum("cost"),
            expected=Sum("expected_savings"),
            actual=Sum("actual_savings"),
        )
        .order_by("currency")
    )


def project_detail(user, pk: int) -> ImprovementProject:
    """The project if the user may see it; raises ImprovementProject.DoesNotExist otherwise."""
    return (
        projects_visible_to(user)
        .select_related("enterprise__country", "module", "team__programme", "team__enterprise")
        .prefetch_related(
            Prefetch("action_items", queryset=ProjectAction.objects.select_related("owner")),
            "photos",
        )
        .get(pk=pk)
    )


def visit_figures(user, programme, *, until=None) -> dict:
    """Enterprise visits of a programme within the user's results scope, in one query:
    done (what SCORE reports as "enterprise visits"), of which baseline and follow-up, and
    how many are still planned. ``until`` (a date) counts only visits done by then."""
    visits = Visit.objects.filter(
        enrolment__programme=programme,
        enrolment__enterprise__in=enterprises_in_results_scope(user),
    )
    if until is not None:
        visits = visits.exclude(status=VisitStatus.DONE, done_on__gt=until)
    return visits.aggregate(
        done=Count("pk", filter=Q(status=VisitStatus.DONE)),
        baseline=Count("pk", filter=Q(status=VisitStatus.DONE, kind=VisitKind.BASELINE)),
        follow_up=Count("pk", filter=Q(status=VisitStatus.DONE, kind__in=FOLLOW_UP_KINDS)),
        hours=Sum("hours", filter=Q(status=VisitStatus.DONE)),
        planned=Count("pk", filter=Q(status=VisitStatus.PLANNED)),
    )
