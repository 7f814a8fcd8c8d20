"""Every write to the trainer network, and its rules (SCORE.md, "Trainer development"):

- Workplace Cooperation (or a "SCORE Basics" module) comes before any other module: a
  trainer joins a ToT or ToE of another module only once trained in a foundation module,
  and is certified in another module only once certified in a foundation module;
- a ToE cycle is supervised by an expert trainer of that module, and its candidate was
  trained in that module (a ToT) first;
- certification in a module needs a completed ToE cycle of that module;
- only certified trainers become experts; certificates with an expiry date are renewed.

Each rule raises ``ActionError`` with a message that says what to do."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from score.core.audit import apply_changes, record
from score.core.exceptions import ActionError
from score.core.records import create_record, update_record
from score.enterprises.models import Participation
from score.trainers.models import (
    CERTIFIED_LEVELS,
    FOUNDATION_MODULE_CODES,
    Course,
    CourseKind,
    CourseParticipant,
    Level,
    Outcome,
    QualityReview,
    Trainer,
    TrainerModuleStatus,
)

# Default validity of a certificate when renewed without a date: three years, as the
# master-trainer licences of sister programmes.
RENEWAL_YEARS = 3
# Courses are planned at most this far ahead.
PLAN_AHEAD_DAYS = 2 * 365


def _check_not_in_future(on: datetime.date | None, *, field: str, what: str) -> None:
    """Something recorded as done (an outcome, a review, a certificate) is dated today at
    the latest."""
    if on is not None and on > timezone.localdate():
        raise ActionError(
            _(
                "%(what)s (%(date)s) is in the future. Enter the date it happened, today at "
                "the latest."
            )
            % {"what": what, "date": on},
            field=field,
        )


def _check_not_too_far_ahead(on: datetime.date | None, *, field: str) -> None:
    latest = timezone.localdate() + datetime.timedelta(days=PLAN_AHEAD_DAYS)
    if on is not None and on > latest:
        raise ActionError(
            _(
                "%(date)s is more than two years ahead. Check the year; plan the course for "
                "%(latest)s at the latest."
            )
            % {"date": on, "latest": latest},
            field=field,
        )


def is_foundation(module) -> bool:
    return module.code.upper() in FOUNDATION_MODULE_CODES


def _foundation_statuses(trainer):
    return TrainerModuleStatus.objects.filter(
        trainer=trainer, module__code__in=FOUNDATION_MODULE_CODES
    )


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_linked_user(user, trainer=None) -> None:
    if user is None:
        return
    others = Trainer.objects.filter(user=user)
    if trainer is not None:
        others = others.exclude(pk=trainer.pk)
    other = others.first()
    if other is not None:
        raise ActionError(
            _(
                "The account %(user)s is already linked to trainer %(other)s. "
                "Choose another account or none."
            )
            % {"user": user, "other": other},
            field="user",
        )


# Trainers -------------------------------------------------------------------------------


@transaction.atomic
def create_trainer(*, by, full_name: str, sex: str, country, **fields) -> Trainer:
    _check_linked_user(fields.get("user"))
    return create_record(
        Trainer,
        by=by,
        fields={"full_name": full_name, "sex": sex, "country": country, **fields},
    )


@transaction.atomic
def update_trainer(*, trainer: Trainer, by, **fields) -> Trainer:
    if "user" in fields:
        _check_linked_user(fields["user"], trainer)
    return update_record(trainer, by=by, fields=fields)


# Module statuses ------------------------------------------------------------------------


def _check_order(trainer, module, *, certifying: bool) -> None:
    """Workplace Cooperation (or SCORE Basics) before any other module."""
    if is_foundation(module):
        return
    statuses = _foundation_statuses(trainer)
    if certifying:
        if not statuses.filter(level__in=CERTIFIED_LEVELS).exists():
            raise ActionError(
                _(
                    "%(trainer)s is not certified in Workplace Cooperation (or SCORE Basics) "
                    "yet, and that comes before any other module. Certify them in it first."
                )
                % {"trainer": trainer}
            )
    elif not statuses.exists():
        raise ActionError(
            _(
                "%(trainer)s has not been trained in Workplace Cooperation (or SCORE Basics), "
                "which comes before any other module. Add them to a Workplace Cooperation "
                "ToT workshop first."
            )
            % {"trainer": trainer}
        )


@transaction.atomic
def record_training(
    *, by, trainer: Trainer, module, trained_on: datetime.date
) -> TrainerModuleStatus:
    """Make the trainer a candidate in ``module`` (trained at a ToT), unless they already
    hold a status in it."""
    existing = TrainerModuleStatus.objects.filter(trainer=trainer, module=module).first()
    if existing is not None:
        return existing
    _check_order(trainer, module, certifying=False)
    return create_record(
        TrainerModuleStatus,
        by=by,
        fields={"trainer": trainer, "module": module, "trained_on": trained_on},
        verb="record_trainer_training",
    )


@transaction.atomic
def record_existing_status(
    *,
    by,
    trainer: Trainer,
    module,
    level: str,
    trained_on: datetime.date,
    certified_on: datetime.date | None = None,
    expert_on: datetime.date | None = None,
    certifying_organisation=None,
    expires_on: datetime.date | None = None,
) -> TrainerModuleStatus:
    """Record a status the trainer earned before the platform was used (e.g. certified by
    the ILO in an earlier phase), with its dates. For imports and the demo: the ToE rule
    cannot be checked for history the platform never saw, but the order of the dates is."""
    if TrainerModuleStatus.objects.filter(trainer=trainer, module=module).exists():
        raise ActionError(
            _("%(trainer)s already has a status in %(module)s.")
            % {"trainer": trainer, "module": module}
        )
    if level in CERTIFIED_LEVELS and (certified_on is None or certified_on < trained_on):
        raise ActionError(
            _("Give a certification date on or after the training date."), field="certified_on"
        )
    if level == Level.EXPERT and (expert_on is None or expert_on < certified_on):
        raise ActionError(
            _("Give the date the trainer became an expert, on or after the certification."),
            field="expert_on",
        )
    return create_record(
        TrainerModuleStatus,
        by=by,
        fields={
            "trainer": trainer,
            "module": module,
            "level": level,
            "trained_on": trained_on,
            "certified_on": certified_on if level in CERTIFIED_LEVELS else None,
            "expert_on": expert_on if level == Level.EXPERT else None,
            "certifying_organisation": certifying_organisation,
            "expires_on": expires_on,
        },
        verb="record_existing_trainer_status",
    )


def _status(trainer, module) -> TrainerModuleStatus:
    status = (
        TrainerModuleStatus.objects.select_for_update()
        .filter(trainer=trainer, module=module)
        .first()
    )
    if status is None:
        raise ActionError(
            _(
                "%(trainer)s has not been trained in %(module)s. Add them to a ToT workshop "
                "of that module first."
            )
            % {"trainer": trainer, "module": module}
        )
    return status


def completed_toe(trainer, module):
    """The trainer's completed ToE place in ``module``, if any."""
    return (
        CourseParticipant.objects.filter(
            trainer=trainer,
            course__module=module,
            course__kind=CourseKind.TOE,
            outcome=Outcome.COMPLETED,
        )
        .order_by("-outcome_on")
        .first()
    )


@transaction.atomic
def certify_trainer(
    *,
    by,
    trainer: Trainer,
    module,
    certified_on: datetime.date,
    certifying_organisation=None,
    expires_on: datetime.date | None = None,
) -> TrainerModuleStatus:
    status = _status(trainer, module)
    if status.level in CERTIFIED_LEVELS:
        raise ActionError(
            _("%(trainer)s is already certified in %(module)s.")
            % {"trainer": trainer, "module": module}
        )
    _check_order(trainer, module, certifying=True)
    toe = completed_toe(trainer, module)
    if toe is None:
        raise ActionError(
            _(
                "%(trainer)s has no completed ToE cycle in %(module)s, and certification "
                "needs one. Record the outcome of their supervised ToE cycle first."
            )
            % {"trainer": trainer, "module": module}
        )
    if certified_on < toe.outcome_on:
        raise ActionError(
            _(
                "The certification date is before the ToE cycle was completed (%(date)s). "
                "Enter a later date."
            )
            % {"date": toe.outcome_on},
            field="certified_on",
        )
    if expires_on is not None and expires_on <= certified_on:
        raise ActionError(
            _("The expiry date must be after the certification date."), field="expires_on"
        )
    changes = apply_changes(
        status,
        {
            "level": Level.CERTIFIED,
            "certified_on": certified_on,
            "certifying_organisation": certifying_organisation,
            "expires_on": expires_on,
        },
    )
    status.full_clean()
    status.save()
    record(by=by, verb="certify_trainer", obj=status, changes=changes)
    return status


@transaction.atomic
def promote_to_expert(
    *, by, trainer: Trainer, module, expert_on: datetime.date
) -> TrainerModuleStatus:
    status = _status(trainer, module)
    if status.level == Level.EXPERT:
        raise ActionError(
            _("%(trainer)s is already an expert in %(module)s.")
            % {"trainer": trainer, "module": module}
        )
    if status.level != Level.CERTIFIED:
        raise ActionError(
            _(
                "%(trainer)s is not certified in %(module)s yet; only certified trainers "
                "become experts. Certify them first."
            )
            % {"trainer": trainer, "module": module}
        )
    if expert_on < status.certified_on:
        raise ActionError(
            _("The date is before the certification (%(date)s). Enter a later date.")
            % {"date": status.certified_on},
            field="expert_on",
        )
    changes = apply_changes(status, {"level": Level.EXPERT, "expert_on": expert_on})
    status.full_clean()
    status.save()
    record(by=by, verb="promote_trainer_to_expert", obj=status, changes=changes)
    return status


@transaction.atomic
def renew_certification(
    *,
    by,
    trainer: Trainer,
    module,
    renewed_on: datetime.date,
    expires_on: datetime.date | None = None,
) -> TrainerModuleStatus:
    """Renew a certificate: from ``renewed_on`` until ``expires_on`` (default three years
    after the old expiry date, or after ``renewed_on`` if it had none or has lapsed)."""
    status = _status(trainer, module)
    if status.level not in CERTIFIED_LEVELS:
        raise ActionError(
            _("%(trainer)s holds no certificate in %(module)s to renew. Certify them first.")
            % {"trainer": trainer, "module": module}
        )
    if renewed_on < status.certified_on:
        raise ActionError(
            _("The renewal date is before the certification (%(date)s). Enter a later date.")
            % {"date": status.certified_on},
            field="renewed_on",
        )
    if expires_on is None:
        start = (
            status.expires_on
            if status.expires_on and status.expires_on >= renewed_on
            else renewed_on
        )
        expires_on = _add_years(start, RENEWAL_YEARS)
    if expires_on <= renewed_on:
        raise ActionError(
            _("The new expiry date must be after the renewal date."), field="expires_on"
        )
    changes = apply_changes(status, {"renewed_on": renewed_on, "expires_on": expires_on})
    status.full_clean()
    status.save()
    record(by=by, verb="renew_trainer_certification", obj=status, changes=changes)
    return status


# Courses --------------------------------------------------------------------------------


def _check_supervisor(supervisor, module, on: datetime.date) -> None:
    status = TrainerModuleStatus.objects.filter(trainer=supervisor, module=module).first()
    if status is None or status.level != Level.EXPERT or not status.is_valid_on(on):
        raise ActionError(
            _(
                "%(trainer)s is not an expert trainer in %(module)s, and a ToE cycle must be "
                "supervised by one. Choose an expert of that module."
            )
            % {"trainer": supervisor, "module": module},
            field="supervisor",
        )


@transaction.atomic
def create_course(
    *,
    by,
    kind: str,
    module,
    title: str,
    country,
    start_date: datetime.date,
    end_date: datetime.date,
    supervisor: Trainer | None = None,
    enrolments=(),
    sessions=(),
    **fields,
) -> Course:
    if kind == CourseKind.TOE:
        if supervisor is None:
            raise ActionError(
                _("Choose the expert trainer who supervises this ToE cycle."), field="supervisor"
            )
        _check_supervisor(supervisor, module, start_date)
    _check_not_too_far_ahead(start_date, field="start_date")
    _check_not_too_far_ahead(end_date, field="end_date")
    for enrolment in enrolments:
        if enrolment.module_id != module.pk:
            raise ActionError(
                _(
                    "%(enrolment)s is not an enrolment in %(module)s. "
                    "Choose enrolments of the course's module."
                )
                % {"enrolment": enrolment, "module": module},
                field="enrolments",
            )
    return create_record(
        Course,
        by=by,
        fields={
            "kind": kind,
            "module": module,
            "title": title,
            "country": country,
            "start_date": start_date,
            "end_date": end_date,
            "supervisor": supervisor,
            **fields,
        },
        many={"enrolments": enrolments, "sessions": sessions},
    )


def _check_candidate_enterprises(course: Course, trainer: Trainer) -> None:
    """A ToE cycle's enterprises are the candidate's own: enrolments they lead, or whose
    enterprise they are assigned to in the enrolment's programme."""
    enrolments = course.enrolments.select_related("enterprise")
    if not enrolments.exists():
        return
    if trainer.user_id is None:
        raise ActionError(
            _(
                "%(trainer)s has no user account linked, so the platform cannot tell which "
                "enterprises they train, and this ToE cycle has enterprises. Link their "
                "account on the trainer's page first."
            )
            % {"trainer": trainer},
            field="trainer",
        )
    assigned = Participation.objects.filter(
        trainers=trainer.user_id,
        enterprise_id=OuterRef("enterprise_id"),
        programme_id=OuterRef("programme_id"),
    )
    others = enrolments.exclude(Q(trainer_id=trainer.user_id) | Q(Exists(assigned)))
    if others.exists():
        raise ActionError(
            _(
                "%(trainer)s is not a trainer of %(list)s, and the enterprises of a ToE cycle "
                "are the candidate's own. Choose the candidate who trains them, or assign "
                "%(trainer)s to those enterprises first."
            )
            % {
                "trainer": trainer,
                "list": ", ".join(str(e.enterprise) for e in others.order_by("enterprise__name")),
            },
            field="trainer",
        )


@transaction.atomic
def add_course_participant(*, by, course: Course, trainer: Trainer) -> CourseParticipant:
    if course.participants.filter(trainer=trainer).exists():
        raise ActionError(
            _("%(trainer)s already takes part in this course.") % {"trainer": trainer},
            field="trainer",
        )
    if course.kind == CourseKind.TOE:
        if course.participants.exists():
            raise ActionError(
                _(
                    "A ToE cycle has one candidate, and this one has theirs. Create another "
                    "ToE cycle for %(trainer)s."
                )
                % {"trainer": trainer},
                field="trainer",
            )
        if course.supervisor_id == trainer.pk:
            raise ActionError(
                _("The supervisor cannot be the candidate of their own ToE cycle."),
                field="trainer",
            )
        if not TrainerModuleStatus.objects.filter(trainer=trainer, module=course.module).exists():
            raise ActionError(
                _(
                    "%(trainer)s has not been trained in %(module)s. A ToE cycle follows the "
                    "ToT workshop: add them to a ToT of that module first."
                )
                % {"trainer": trainer, "module": course.module},
                field="trainer",
            )
        _check_candidate_enterprises(course, trainer)
    if course.kind in (CourseKind.TOT, CourseKind.TOE):
        try:
            _check_order(trainer, course.module, certifying=False)
        except ActionError as error:
            error.field = "trainer"
            raise
    return create_record(
        CourseParticipant,
        by=by,
        fields={"course": course, "trainer": trainer},
    )


@transaction.atomic
def record_course_outcome(
    *,
    by,
    participant: CourseParticipant,
    outcome: str,
    outcome_on: datetime.date | None = None,
    recommended: bool = False,
    notes: str = "",
) -> CourseParticipant:
    """Record how a participant did. A completed ToT makes the trainer a candidate in the
    course's module."""
    course = participant.course
    if outcome == Outcome.PENDING:
        outcome_on = None
        recommended = False
    elif outcome_on is None:
        raise ActionError(_("Enter the date of the outcome."), field="outcome_on")
    elif outcome_on < course.start_date:
        raise ActionError(
            _("The outcome date is before the course started (%(date)s). Enter a later date.")
            % {"date": course.start_date},
            field="outcome_on",
        )
    else:
        _check_not_in_future(outcome_on, field="outcome_on", what=_("The outcome date"))
    if outcome != Outcome.COMPLETED:
        recommended = False
    if course.kind != CourseKind.TOE:
        recommended = False
    participant = update_record(
        participant,
        by=by,
        fields={
            "outcome": outcome,
            "outcome_on": outcome_on,
            "recommended": recommended,
            "notes": notes,
        },
        verb="record_trainer_course_outcome",
    )
    if course.kind == CourseKind.TOT:
        _follow_tot_outcomes(by=by, trainer=participant.trainer, module=course.module)
    return participant


def _follow_tot_outcomes(*, by, trainer: Trainer, module) -> None:
    """Keep the trainer's "trained on" date in ``module`` equal to their earliest completed
    ToT outcome, so a corrected outcome corrects it. With no completed ToT left, a candidate
    who has gone no further loses the status; one further on keeps it and the change is
    refused (their later steps rest on the training)."""
    earliest = (
        CourseParticipant.objects.filter(
            trainer=trainer,
            course__module=module,
            course__kind=CourseKind.TOT,
            outcome=Outcome.COMPLETED,
        )
        .order_by("outcome_on")
        .values_list("outcome_on", flat=True)
        .first()
    )
    status = TrainerModuleStatus.objects.select_for_update().filter(trainer=trainer, module=module)
    status = status.first()
    if status is None:
        if earliest is not None:
            record_training(by=by, trainer=trainer, module=module, trained_on=earliest)
        return
    if earliest is None:
        in_toe = CourseParticipant.objects.filter(
            trainer=trainer, course__module=module, course__kind=CourseKind.TOE
        ).exists()
        if status.level != Level.CANDIDATE or in_toe:
            step = (
                _("they are %(level)s in %(module)s")
                if status.level != Level.CANDIDATE
                else _("they take part in a ToE cycle of %(module)s")
            ) % {"level": status.get_level_display().lower(), "module": module}
            raise ActionError(
                _(
                    "Without this ToT, %(trainer)s has no completed ToT in %(module)s, yet "
                    "%(step)s, which rests on it. Correct that first, or ask the programme "
                    "admin."
                )
                % {"trainer": trainer, "module": module, "step": step},
                field="outcome",
            )
        record(
            by=by,
            verb="remove_trainer_training",
            obj=status,
            changes={"trained_on": status.trained_on},
        )
        status.delete()
        return
    if status.trained_on == earliest:
        return
    if status.certified_on and earliest > status.certified_on:
        raise ActionError(
            _(
                "%(trainer)s was certified in %(module)s on %(certified)s, so their training "
                "cannot be dated %(date)s, after it. Check the date."
            )
            % {
                "trainer": trainer,
                "module": module,
                "certified": status.certified_on,
                "date": earliest,
            },
            field="outcome_on",
        )
    changes = apply_changes(status, {"trained_on": earliest})
    status.full_clean()
    status.save()
    record(by=by, verb="redate_trainer_training", obj=status, changes=changes)


# Quality reviews ------------------------------------------------------------------------


@transaction.atomic
def create_quality_review(
    *, by, trainer: Trainer, reviewed_on: datetime.date, session=None, visit=None, **scores
) -> QualityReview:
    if session is None and visit is None:
        raise ActionError(_("Choose the class or the visit you observed."), field="session")
    if session is not None and visit is not None:
        raise ActionError(
            _(
                "Choose either the class or the visit you observed, not both. Review each "
                "observation on its own."
            ),
            field="visit",
        )
    if reviewed_on > timezone.localdate():
        raise ActionError(
            _("The review date is in the future. Enter the day you observed the trainer."),
            field="reviewed_on",
        )
    if session is not None and reviewed_on < session.start_date:
        raise ActionError(
            _(
                "The review date is before the observed class began (%(date)s). Enter the day "
                "you observed the trainer."
            )
            % {"date": session.start_date},
            field="reviewed_on",
        )
    if visit is not None and visit.on and reviewed_on < visit.on:
        raise ActionError(
            _(
                "The review date is before the observed visit (%(date)s). Enter the day you "
                "observed the trainer."
            )
            % {"date": visit.on},
            field="reviewed_on",
        )
    return create_record(
        QualityReview,
        by=by,
        fields={
            "trainer": trainer,
            "reviewed_on": reviewed_on,
            "session": session,
            "visit": visit,
            "reviewer": by if getattr(by, "pk", None) else None,
            **scores,
        },
    )
