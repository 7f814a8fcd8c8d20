"""Reads of modules, enrolments and classroom sessions that pages share.

Every query starts from the user's scope in ``score.accounts.scopes``; counts and sums
are computed in SQL, and each list costs the same number of queries for 3 rows or 3,000."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from score.accounts.scopes import (
    enrolments_visible_to,
    enterprises_in_results_scope,
    modules_visible_to,
    sessions_visible_to,
)
from score.counselling.models import FOLLOW_UP_KINDS, VisitStatus
from score.enterprises.models import Person, PersonRole, Sex
from score.training.models import (
    MANAGER_ROLES,
    RECOMMENDED_ENTERPRISES,
    RECOMMENDED_MANAGERS,
    RECOMMENDED_WORKERS,
    Attendance,
    ClassroomSession,
    Enrolment,
    EnrolmentStatus,
    Module,
    Participant,
    SessionDay,
)

# Modules


def module_list(user, *, q: str = "", programme=None) -> QuerySet[Module]:
    qs = modules_visible_to(user).select_related("programme")
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if programme:
        qs = qs.filter(Q(programme__isnull=True) | Q(programme=programme))
    return (
        qs.prefetch_related("prerequisites")
        .annotate(
            enrolment_count=Count(
                "enrolments", filter=Q(enrolments__in=enrolments_visible_to(user))
            )
        )
        .order_by("programme__code", "order", "code")
    )


def module_detail(user, pk: int) -> Module:
    """The module if the user may see it; raises Module.DoesNotExist otherwise."""
    return (
        modules_visible_to(user)
        .select_related("programme")
        .prefetch_related("prerequisites", "unlocks")
        .get(pk=pk)
    )


def enrolment_counts(user, module: Module) -> list[tuple[str, int]]:
    """The user's visible enrolments in ``module`` by status, counted in one query."""
    row = (
        enrolments_visible_to(user)
        .filter(module=module)
        .aggregate(
            **{value: Count("pk", filter=Q(status=value)) for value in EnrolmentStatus.values}
        )
    )
    return [(label, row[value]) for value, label in EnrolmentStatus.choices]


# Enrolments


def _enrolment_rows(qs: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Enrolments with what their rows show, and ``follow_ups_done``: how many follow-up
    visits took place (pages show it as "n of" the module's standard number)."""
    return qs.select_related("enterprise", "programme", "module", "provider", "trainer").annotate(
        follow_ups_done=Count(
            "visits",
            filter=Q(visits__status=VisitStatus.DONE, visits__kind__in=FOLLOW_UP_KINDS),
            distinct=True,
        )
    )


def enterprise_enrolments(user, enterprise) -> QuerySet[Enrolment]:
    return _enrolment_rows(enrolments_visible_to(user).filter(enterprise=enterprise)).order_by(
        "programme__code", "module__order", "module__code"
    )


def enrolment_detail(user, pk: int) -> Enrolment:
    """The enrolment if the user may see it, with the classes it took part in that the user
    may see; raises Enrolment.DoesNotExist otherwise."""
    return (
        _enrolment_rows(enrolments_visible_to(user))
        .select_related("programme__country")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=sessions_visible_to(user).order_by("start_date", "pk"),
                to_attr="visible_sessions",
            )
        )
        .get(pk=pk)
    )


def completed_enrolment(user, pk: int) -> Enrolment:
    """A completed enrolment the user may see (for its certificate); raises
    Enrolment.DoesNotExist otherwise."""
    return (
        _enrolment_rows(enrolments_visible_to(user))
        .select_related("programme__country")
        .get(pk=pk, status=EnrolmentStatus.COMPLETED)
    )


def open_enrolments(user, *, session: ClassroomSession | None = None) -> QuerySet[Enrolment]:
    """Enrolments a class may take (for the session form): those not dropped, and those
    already in ``session`` (an enterprise may drop out after its class)."""
    kept = Q(sessions=session) if session is not None else Q(pk__in=[])
    return (
        enrolments_visible_to(user)
        .filter(~Q(status=EnrolmentStatus.DROPPED) | kept)
        .distinct()
        .select_related("enterprise", "module", "programme")
        .order_by("programme__code", "module__order", "enterprise__name")
    )


# Classroom sessions


def session_list(
    user, *, programme=None, module=None, provider=None, date_from=None, date_to=None
) -> QuerySet[ClassroomSession]:
    qs = sessions_visible_to(user).select_related("programme", "module", "provider")
    if programme:
        qs = qs.filter(programme=programme)
    if module:
        qs = qs.filter(module=module)
    if provider:
        qs = qs.filter(provider=provider)
    if date_from:
        qs = qs.filter(end_date__gte=date_from)
    if date_to:
        qs = qs.filter(start_date__lte=date_to)
    # Counted in correlated subqueries, not by joining both lists and grouping: the join
    # multiplies a class's enterprises by its participants, for every class on the list.
    return (
        qs.annotate(
            enterprise_count=_count_per_session(ClassroomSession.enrolments.through),
            participant_count=_count_per_session(Participant, session_field="session"),
        )
        .prefetch_related("trainers")
        .order_by("-start_date", "title", "pk")
    )


def _count_per_session(model, session_field: str = "classroomsession"):
    rows = (
        model.objects.filter(**{session_field: OuterRef("pk")})
        .order_by()
        .values(session_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def session_detail(user, pk: int) -> ClassroomSession:
    """The session if the user may see it; raises ClassroomSession.DoesNotExist otherwise."""
    return (
        sessions_visible_to(user)
        .select_related("programme__country", "module", "provider")
        .prefetch_related("trainers")
        .annotate(enrolment_count=Count("enrolments", distinct=True))
        .get(pk=pk)
    )


@dataclass
class GridRow:
    participant: Participant
    cells: list = field(default_factory=list)  # (day, True | False | None) per day


@dataclass
class SessionPage:
    """Everything the session page shows, read in a fixed number of queries."""

    enrolments: list
    days: list
    rows: list[GridRow]
    counts: dict
    by_role: list  # (role label, [count per sex])
    by_sex: list  # count per sex, in the order of sex_labels
    sex_labels: list
    notices: list[str]


def _people_counts(session: ClassroomSession) -> dict:
    """Participants by sex and role, in one query."""
    cells = {
        f"{role}_{sex}": Count("pk", filter=Q(person__role=role, person__sex=sex))
        for role in PersonRole.values
        for sex in Sex.values
    }
    return Participant.objects.filter(session=session).aggregate(
        total=Count("pk"),
        enterprises=Count("person__enterprise", distinct=True),
        **{sex: Count("pk", filter=Q(person__sex=sex)) for sex in Sex.values},
        **cells,
    )


def session_page(user, session: ClassroomSession, *, everyone: bool) -> SessionPage:
    """The enterprises, days, attendance grid and guidance of a session.

    ``everyone``: the user works on this class and sees all its enterprises and people;
    otherwise only the enrolments the user may see (and their people) are listed, while
    the counts cover the whole class."""
    in_class = Q(enterprise__people__session_places__session=session)
    enrolments = session.enrolments.select_related("enterprise", "programme", "module").annotate(
        managers=Count(
            "enterprise__people__session_places",
            filter=in_class & Q(enterprise__people__role__in=MANAGER_ROLES),
        ),
        workers=Count(
            "enterprise__people__session_places",
            filter=in_class & Q(enterprise__people__role=PersonRole.WORKER),
        ),
    )
    participants = Participant.objects.filter(session=session).select_related("person__enterprise")
    visible = enrolments_visible_to(user)
    # Someone who runs the class sees every enterprise in it, but may open only the
    # enrolments in their own scope: the page links those alone.
    enrolments = enrolments.annotate(can_open=Exists(visible.filter(pk=OuterRef("pk"))))
    if not everyone:
        enrolments = enrolments.filter(pk__in=visible.values("pk"))
        participants = participants.filter(
            person__enterprise_id__in=visible.filter(sessions=session).values("enterprise_id")
        )
    enrolments = list(enrolments.order_by("enterprise__name", "pk"))
    days = list(
        SessionDay.objects.filter(session=session).annotate(
            present_count=Count("attendance", filter=Q(attendance__present=True))
        )
    )
    participants = list(participants)
    taken = {
        (p, d): present
        for p, d, present in Attendance.objects.filter(participant__session=session).values_list(
            "participant_id", "day_id", "present"
        )
    }
    rows = [
        GridRow(participant, [(day, taken.get((participant.pk, day.pk))) for day in days])
        for participant in participants
    ]
    counts = _people_counts(session)
    by_role = [
        (label, [counts[f"{role}_{sex}"] for sex in Sex.values])
        for role, label in PersonRole.choices
    ]
    return SessionPage(
        enrolments=enrolments,
        days=days,
        rows=rows,
        counts=counts,
        by_role=by_role,
        by_sex=[counts[sex] for sex in Sex.values],
        sex_labels=Sex.labels,
        notices=guidance_notices(session.enrolment_count, enrolments),
    )


def guidance_notices(count: int, enrolments) -> list[str]:
    """SCORE's guidance for a class of ``count`` enterprises, shown (never enforced) where
    the class is outside it: 4–5 enterprises per class, 2 managers and 2 workers from each
    (``enrolments`` annotated with ``managers`` and ``workers``)."""
    notices = []
    low, high = RECOMMENDED_ENTERPRISES
    if not low <= count <= high:
        notices.append(
            ngettext(
                "This class has %(n)s enterprise; SCORE recommends %(low)s to %(high)s "
                "enterprises per class.",
                "This class has %(n)s enterprises; SCORE recommends %(low)s to %(high)s "
                "enterprises per class.",
                count,
            )
            % {"n": count, "low": low, "high": high}
        )
    for enrolment in enrolments:
        if enrolment.managers != RECOMMENDED_MANAGERS or enrolment.workers != RECOMMENDED_WORKERS:
            notices.append(
                _(
                    "%(ent)s sends managers: %(managers)s, workers: %(workers)s; SCORE "
                    "recommends %(rm)s managers and %(rw)s workers from each enterprise."
                )
                % {
                    "ent": enrolment.enterprise,
                    "managers": enrolment.managers,
                    "workers": enrolment.workers,
                    "rm": RECOMMENDED_MANAGERS,
                    "rw": RECOMMENDED_WORKERS,
                }
            )
    return notices


def candidate_people(session: ClassroomSession):
    """People of the session's enterprises who are not yet in the class."""
    return (
        Person.objects.filter(enterprise__enrolments__sessions=session)
        .exclude(session_places__session=session)
        .select_related("enterprise")
        .distinct()
        .order_by("enterprise__name", "role", "name", "pk")
    )


# Delivery figures of a programme


def delivery_figures(user, programme, *, until=None) -> dict:
    """Reach of a programme's classroom training within the user's results scope, in three
    aggregate queries: enterprises trained (an enrolment whose classroom is done, whatever
    happened after), people trained (distinct people who took a place in one of its
    classes) by sex and role, and classes held with their days. ``until`` (a date) counts
    only what was done by then: a classroom done, a class started, on or before it."""
    in_scope = enterprises_in_results_scope(user)
    by_date = {} if until is None else {"classroom_on__lte": until}
    trained = (
        Enrolment.objects.filter(
            programme=programme, enterprise__in=in_scope, classroom_on__isnull=False, **by_date
        )
        .values("enterprise")
        .distinct()
        .count()
    )
    started = {} if until is None else {"session__start_date__lte": until}
    # A semi-join (EXISTS) rather than DISTINCT over the join: each person once, and a plan
    # that does not depend on guessing how many places a person has.
    took_a_place = Participant.objects.filter(
        person=OuterRef("pk"), session__programme=programme, **started
    )
    by_person = (
        Person.objects.filter(enterprise__in=in_scope)
        .filter(Exists(took_a_place))
        .aggregate(
            total=Count("pk"),
            female=Count("pk", filter=Q(sex=Sex.FEMALE)),
            male=Count("pk", filter=Q(sex=Sex.MALE)),
            managers=Count("pk", filter=Q(role__in=MANAGER_ROLES)),
            workers=Count("pk", filter=Q(role=PersonRole.WORKER)),
        )
    )
    classes = ClassroomSession.objects.filter(
        programme=programme,
        enrolments__enterprise__in=in_scope,
        **({} if until is None else {"start_date__lte": until}),
    ).distinct()
    days = SessionDay.objects.filter(session__in=classes.values("pk")).aggregate(
        days=Count("pk"), classes=Count("session", distinct=True)
    )
    return {
        "enterprises_trained": trained,
        "people_trained": by_person["total"],
        "people_female": by_person["female"],
        "people_male": by_person["male"],
        "people_managers": by_person["managers"],
        "people_workers": by_person["workers"],
        "classes": days["classes"],
        "classroom_days": days["days"],
    }
