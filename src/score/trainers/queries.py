"""Reads of the trainer network that pages, reports and the logframe share.

Definitions (all "on" a day, by default today):
- *trained* in a module: the trainer holds a status in it (candidate or better) whose
  ``trained_on`` is on or before the day;
- *certified* in a module: status certified or expert, certified on or before the day and
  not expired on it;
- *delivering*: the trainer's linked user taught a class (``ClassroomSession.trainers``)
  overlapping, or did a visit (``Visit.trainer``, done) within, the
  ``SCORE_TRAINER_ACTIVE_MONTHS`` months up to the day;
- *active* (the pipeline's last step, and the logframe's): certified and delivering.

Every count is aggregated in SQL: the pipeline page costs the same number of queries for 10
or 10,000 trainers."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from score.accounts.models import Role, User
from score.accounts.scopes import (
    countries_visible_to,
    enrolments_visible_to,
    modules_visible_to,
    organisations_visible_to,
    programmes_visible_to,
    quality_reviews_visible_to,
    scope_of,
    sessions_visible_to,
    trainer_courses_visible_to,
    trainers_visible_to,
)
from score.counselling.models import Visit, VisitStatus
from score.enterprises.models import Enterprise, Participation
from score.programmes.models import Country, Programme
from score.programmes.queries import providers_visible_to
from score.trainers.models import (
    CERTIFIED_LEVELS,
    Course,
    CourseParticipant,
    Level,
    QualityReview,
    Sex,
    Trainer,
    TrainerModuleStatus,
)
from score.training.models import ClassroomSession, Enrolment, Module

# --- Dates and conditions ----------------------------------------------------------------


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def activity_window(until: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    until = until or timezone.localdate()
    return months_before(until, settings.SCORE_TRAINER_ACTIVE_MONTHS), until


def delivering(user_ref: str, until: datetime.date | None = None) -> Q:
    """A condition on rows whose ``user_ref`` names a trainer's user: they taught a class or
    did a visit in the activity window up to ``until``."""
    since, until = activity_window(until)
    classes = ClassroomSession.objects.filter(
        trainers=OuterRef(user_ref), start_date__lte=until, end_date__gte=since
    )
    visits = Visit.objects.filter(
        trainer=OuterRef(user_ref),
        status=VisitStatus.DONE,
        done_on__gte=since,
        done_on__lte=until,
    )
    return Q(Exists(classes)) | Q(Exists(visits))


def _today(until):
    return until or timezone.localdate()


def trained_q(until, prefix: str = "") -> Q:
    return Q(**{f"{prefix}trained_on__lte": until})


def certified_q(until, prefix: str = "") -> Q:
    """A condition on module statuses: a valid certificate on ``until``."""
    return Q(
        **{
            f"{prefix}level__in": CERTIFIED_LEVELS,
            f"{prefix}trained_on__lte": until,
            f"{prefix}certified_on__lte": until,
        }
    ) & (Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": until}))


def expert_q(until, prefix: str = "") -> Q:
    return certified_q(until, prefix) & Q(
        **{f"{prefix}level": Level.EXPERT, f"{prefix}expert_on__lte": until}
    )


def _has_status(condition: Q, module=None) -> Exists:
    statuses = TrainerModuleStatus.objects.filter(condition, trainer=OuterRef("pk"))
    if module is not None:
        statuses = statuses.filter(module=module)
    return Exists(statuses)


def with_activity(trainers: QuerySet, until=None) -> QuerySet:
    """Annotate ``is_delivering``: taught a class or did a visit in the activity window."""
    return trainers.annotate(
        is_delivering=Case(
            When(delivering("user_id", until), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


# --- Lists and details -------------------------------------------------------------------


def trainer_list(
    user,
    *,
    q: str = "",
    module=None,
    level: str = "",
    country=None,
    sex: str = "",
    active: str = "",
) -> QuerySet[Trainer]:
    qs = trainers_visible_to(user)
    if q:
        qs = qs.filter(
            Q(full_name__icontains=q)
            | Q(email__icontains=q)
            | Q(languages__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(organisation__short_name__icontains=q)
        )
    if module or level:
        statuses = TrainerModuleStatus.objects.filter(trainer=OuterRef("pk"))
        if module:
            statuses = statuses.filter(module=module)
        if level:
            statuses = statuses.filter(level=level)
        qs = qs.filter(Exists(statuses))
    if country:
        qs = qs.filter(country=country)
    if sex:
        qs = qs.filter(sex=sex)
    if active == "yes":
        qs = qs.filter(delivering("user_id"))
    elif active == "no":
        qs = qs.exclude(delivering("user_id"))
    return (
        with_activity(qs)
        .select_related("country", "organisation")
        .prefetch_related(
            Prefetch(
                "module_statuses",
                queryset=TrainerModuleStatus.objects.select_related("module").order_by(
                    "module__order", "module__code"
                ),
            )
        )
        .order_by("full_name", "pk")
    )


def trainer_detail(user, pk: int) -> Trainer:
    """The trainer if the user may see them, with statuses, course places, supervised
    courses and quality reviews. Raises Trainer.DoesNotExist otherwise."""
    return (
        with_activity(trainers_visible_to(user))
        .select_related("country", "organisation", "user")
        .prefetch_related(
            Prefetch(
                "module_statuses",
                queryset=TrainerModuleStatus.objects.select_related(
                    "module", "certifying_organisation"
                ).order_by("module__order", "module__code"),
            ),
            Prefetch(
                "course_places",
                queryset=CourseParticipant.objects.filter(
                    course__in=trainer_courses_visible_to(user)
                )
                .select_related("course__module", "course__supervisor")
                .order_by("-course__start_date"),
            ),
            Prefetch(
                "supervised_courses",
                queryset=trainer_courses_visible_to(user)
                .select_related("module")
                .order_by("-start_date"),
            ),
            Prefetch(
                "quality_reviews",
                queryset=quality_reviews_visible_to(user).select_related(
                    "session", "visit__enrolment__enterprise", "reviewer"
                ),
            ),
        )
        .get(pk=pk)
    )


@dataclass
class Activity:
    classes: int
    visits: int
    since: datetime.date
    until: datetime.date
    enterprises: int
    enterprises_followed_up: int


def trainer_enterprises(trainer: Trainer) -> QuerySet[Enterprise]:
    """Enterprises the trainer leads an enrolment of or is assigned to."""
    if trainer.user_id is None:
        return Enterprise.objects.none()
    led = Enrolment.objects.filter(trainer_id=trainer.user_id).values("enterprise_id")
    assigned = Participation.objects.filter(trainers=trainer.user_id).values("enterprise_id")
    return Enterprise.objects.filter(Q(pk__in=led) | Q(pk__in=assigned))


def trainer_activity(trainer: Trainer, until=None) -> Activity:
    """Classes and visits in the activity window, and the KPI reach: how many of the
    trainer's enterprises have a follow-up (or endline) measurement. Three queries."""
    from score.monitoring.models import Measurement, Wave

    since, until = activity_window(until)
    if trainer.user_id is None:
        return Activity(0, 0, since, until, 0, 0)
    counts = ClassroomSession.objects.filter(
        trainers=trainer.user_id, start_date__lte=until, end_date__gte=since
    ).aggregate(n=Count("pk", distinct=True))
    visits = Visit.objects.filter(
        trainer_id=trainer.user_id,
        status=VisitStatus.DONE,
        done_on__gte=since,
        done_on__lte=until,
    ).count()
    followed = Measurement.objects.filter(
        enterprise=OuterRef("pk"), wave__in=[Wave.FOLLOW_UP, Wave.ENDLINE]
    )
    reach = trainer_enterprises(trainer).aggregate(
        n=Count("pk"), followed=Count("pk", filter=Q(Exists(followed)))
    )
    return Activity(counts["n"], visits, since, until, reach["n"], reach["followed"])


def trainer_satisfaction(viewer, trainer: Trainer):
    """Share of SAT respondents of the trainer's classes satisfied overall (a suppressed
    cell below 5 respondents), in the viewer's results scope."""
    from score.surveys.queries import Cell, share_positive

    if trainer.user_id is None:
        return Cell()
    return share_positive(
        viewer,
        question_codes=["overall_satisfied"],
        questionnaires=["SAT"],
        session__trainers=trainer.user_id,
    )


def review_averages(trainer: Trainer) -> dict:
    """Mean rubric scores over the trainer's quality reviews, in one query."""
    from django.db.models import Avg

    return QualityReview.objects.filter(trainer=trainer).aggregate(
        n=Count("pk"),
        preparation=Avg("score_preparation"),
        content=Avg("score_content"),
        facilitation=Avg("score_facilitation"),
        engagement=Avg("score_engagement"),
    )


def course_list(user, *, q: str = "", kind: str = "", module=None) -> QuerySet[Course]:
    qs = trainer_courses_visible_to(user)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(venue__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if module:
        qs = qs.filter(module=module)
    return (
        qs.select_related("module", "country", "supervisor", "organisation")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("-start_date", "title", "pk")
    )


def course_detail(user, pk: int) -> Course:
    return (
        trainer_courses_visible_to(user)
        .select_related("module", "country", "programme", "organisation", "supervisor")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=CourseParticipant.objects.select_related("trainer__organisation"),
            ),
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.select_related("enterprise", "module").prefetch_related(
                    Prefetch("visits", queryset=Visit.objects.order_by("kind", "sequence"))
                ),
            ),
            "sessions",
        )
        .get(pk=pk)
    )


def module_statuses_of(trainer: Trainer) -> dict[int, TrainerModuleStatus]:
    return {status.module_id: status for status in trainer.module_statuses.all()}


# --- The pipeline ------------------------------------------------------------------------


@dataclass
class Stage:
    """One row of the pipeline: trained -> certified -> active, with shares."""

    label: str
    trained: int
    certified: int
    active: int

    @property
    def certified_share(self) -> int | None:
        return round(100 * self.certified / self.trained) if self.trained else None

    @property
    def active_share(self) -> int | None:
        return round(100 * self.active / self.certified) if self.certified else None


@dataclass
class Pipeline:
    until: datetime.date
    total: Stage
    by_module: list[Stage]
    by_country: list[Stage]
    by_sex: list[Stage]


def _trainer_counts(trainers: QuerySet, until) -> dict:
    trained = _has_status(trained_q(until))
    certified = _has_status(certified_q(until))
    return {
        "trained": Count("pk", filter=Q(trained)),
        "certified": Count("pk", filter=Q(certified)),
        "active": Count("pk", filter=Q(certified) & delivering("user_id", until)),
    }


def pipeline(user, *, until=None, country=None, module=None) -> Pipeline:
    """Trainers trained, certified and active on ``until``, by module, country and sex,
    over the trainers the user may see. Four grouped queries plus the module names."""
    until = _today(until)
    trainers = trainers_visible_to(user)
    if country:
        trainers = trainers.filter(country=country)
    if module:
        trainers = trainers.filter(
            Exists(TrainerModuleStatus.objects.filter(trainer=OuterRef("pk"), module=module))
        )
    counts = _trainer_counts(trainers, until)
    total = trainers.aggregate(**counts)

    by_country = [
        Stage(row["country__name"], row["trained"], row["certified"], row["active"])
        for row in trainers.values("country__name").annotate(**counts).order_by("country__name")
        if row["trained"]
    ]
    sex_labels = dict(Sex.choices)
    by_sex = [
        Stage(
            str(sex_labels.get(row["sex"], row["sex"])),
            row["trained"],
            row["certified"],
            row["active"],
        )
        for row in trainers.values("sex").annotate(**counts).order_by("sex")
        if row["trained"]
    ]

    statuses = TrainerModuleStatus.objects.filter(trained_q(until), trainer__in=trainers)
    if module:
        statuses = statuses.filter(module=module)
    rows = (
        statuses.values("module_id")
        .annotate(
            trained=Count("trainer", distinct=True),
            certified=Count("trainer", filter=certified_q(until), distinct=True),
            active=Count(
                "trainer",
                filter=certified_q(until) & delivering("trainer__user_id", until),
                distinct=True,
            ),
        )
        .order_by()
    )
    rows = {row["module_id"]: row for row in rows}
    modules = Module.objects.filter(pk__in=list(rows)).order_by("order", "code")
    by_module = [
        Stage(
            module.display_name,
            rows[module.pk]["trained"],
            rows[module.pk]["certified"],
            rows[module.pk]["active"],
        )
        for module in modules
    ]
    return Pipeline(
        until=until,
        total=Stage("", total["trained"], total["certified"], total["active"]),
        by_module=by_module,
        by_country=by_country,
        by_sex=by_sex,
    )


# --- For the programme logframe (score.results.logframe) ---------------------------------


def _country(country):
    if country is None or isinstance(country, Country):
        return country
    if isinstance(country, str) and not country.isdigit():
        return Country.objects.get(code=country.upper())
    return Country.objects.get(pk=country)


def _programme(programme):
    if programme is None or isinstance(programme, Programme):
        return programme
    if isinstance(programme, str) and not programme.isdigit():
        return Programme.objects.get(code=programme)
    return Programme.objects.get(pk=programme)


def network(country=None, programme=None) -> QuerySet[Trainer]:
    """Trainers of a country (their country) or of a programme: those who took part in or
    supervised one of its trainer courses, taught one of its classes, did a visit for one of
    its enrolments or are assigned to one of its enterprises. Unscoped: callers scope."""
    qs = Trainer.objects.all()
    country = _country(country)
    programme = _programme(programme)
    if country is not None:
        qs = qs.filter(country=country)
    if programme is not None:
        in_courses = Q(course_places__course__programme=programme) | Q(
            supervised_courses__programme=programme
        )
        taught = Exists(
            ClassroomSession.objects.filter(programme=programme, trainers=OuterRef("user_id"))
        )
        visited = Exists(
            Visit.objects.filter(enrolment__programme=programme, trainer=OuterRef("user_id"))
        )
        assigned = Exists(
            Participation.objects.filter(programme=programme, trainers=OuterRef("user_id"))
        )
        inner = Trainer.objects.filter(in_courses | Q(taught) | Q(visited) | Q(assigned))
        qs = qs.filter(pk__in=inner.values("pk"))
    return qs


def trainers_trained(country=None, programme=None, until_date=None) -> int:
    until = _today(until_date)
    return network(country, programme).filter(_has_status(trained_q(until))).count()


def trainers_certified(country=None, programme=None, until_date=None) -> int:
    until = _today(until_date)
    return network(country, programme).filter(_has_status(certified_q(until))).count()


def trainers_active(country=None, programme=None, until_date=None) -> int:
    """Certified trainers who delivered a class or visit in the activity window."""
    until = _today(until_date)
    return (
        network(country, programme)
        .filter(_has_status(certified_q(until)))
        .filter(delivering("user_id", until))
        .count()
    )


def expert_trainers_by_sex(country=None, until_date=None) -> dict[str, int]:
    """Expert trainers (in at least one module, certificate valid) by sex: {"female": n,
    "male": n}. Trainers of another or unstated sex are in neither figure."""
    until = _today(until_date)
    rows = (
        network(country)
        .filter(_has_status(expert_q(until)))
        .values("sex")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["sex"]: row["n"] for row in rows}
    return {"female": counts.get(Sex.FEMALE, 0), "male": counts.get(Sex.MALE, 0)}


# Choices of the trainer and course forms ----------------------------------------------


def trainer_countries(user):
    """Countries a trainer record may be given: the coordinator's, or those of the staff's
    organisations."""
    scope = scope_of(user)
    qs = countries_visible_to(user)
    if scope.is_admin:
        return qs
    countries = set(scope.coordinator_countries)
    if scope.provider_orgs:
        countries |= set(
            organisations_visible_to(user)
            .filter(pk__in=scope.provider_orgs)
            .values_list("country_id", flat=True)
        )
    return qs.filter(pk__in=countries)


def trainer_providers(user):
    """Organisations a trainer may be affiliated to: any visible provider for admins and
    coordinators, the staff's own organisation otherwise."""
    scope = scope_of(user)
    qs = providers_visible_to(user)
    if not scope.is_admin and not scope.coordinator_countries:
        qs = qs.filter(pk__in=scope.provider_orgs)
    return qs


def linkable_trainer_users(user, instance=None):
    """Accounts with the trainer role that the user may link: those of organisations the
    user sees (or with no organisation, for admins and coordinators)."""
    scope = scope_of(user)
    qs = User.objects.filter(memberships__role=Role.TRAINER, is_active=True)
    if not scope.is_admin:
        orgs = organisations_visible_to(user)
        if not scope.coordinator_countries:
            orgs = orgs.filter(pk__in=scope.provider_orgs)
        qs = qs.filter(memberships__organisation__in=orgs)
    if instance is not None and instance.user_id:
        qs = User.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk=instance.user_id))
    return User.objects.filter(pk__in=qs.values("pk")).order_by("full_name", "email")


def course_choices(user) -> dict:
    """The choices of the course form: what the user may see, narrowed for coordinators to
    their country's programmes, enrolments and classes."""
    scope = scope_of(user)
    modules = modules_visible_to(user).filter(is_active=True).order_by("order", "code")
    enrolments = (
        enrolments_visible_to(user)
        .select_related("enterprise", "module", "programme")
        .order_by("enterprise__name", "module__order")
    )
    sessions = sessions_visible_to(user).order_by("-start_date")
    programmes = programmes_visible_to(user).order_by("code")
    if not scope.is_admin:
        enrolments = enrolments.filter(programme__country_id__in=scope.coordinator_countries)
        sessions = sessions.filter(programme__country_id__in=scope.coordinator_countries)
        programmes = programmes.filter(country_id__in=scope.coordinator_countries)
    return {
        "modules": modules,
        "countries": trainer_countries(user),
        "programmes": programmes,
        "organisations": trainer_providers(user),
        "trainers": trainers_visible_to(user).order_by("full_name"),
        "enrolments": enrolments,
        "sessions": sessions,
    }
