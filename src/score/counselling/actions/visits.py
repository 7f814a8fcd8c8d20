"""Planning, recording, changing and cancelling visits, and their photos.

The enrolment's status moves only through ``score.training.actions`` and only when a visit
says so, explicitly: recording the baseline visit of a registered enrolment records its
baseline; recording a follow-up visit with ``complete_follow_ups=True`` marks its follow-up
visits done (and fails, writing nothing, with the training rule's message if the enrolment
is not ready)."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from score.accounts.models import Membership, Role
from score.core.records import create_record, update_record
from score.counselling.actions.common import (
    VisitRuleError,
    check_not_too_far_ahead,
    local_today,
)
from score.counselling.models import FOLLOW_UP_KINDS, Visit, VisitKind, VisitPhoto, VisitStatus
from score.training import actions as training_actions
from score.training.models import Enrolment, EnrolmentStatus


def _lock(enrolment: Enrolment) -> Enrolment:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("enterprise", "module", "programme")
        .get(pk=enrolment.pk)
    )


def _check_open(enrolment: Enrolment) -> None:
    if enrolment.status == EnrolmentStatus.DROPPED:
        raise VisitRuleError(
            _(
                "%(enrolment)s was dropped on %(date)s, so no visit can be planned or recorded "
                "for it. Enrol the enterprise again if it returns."
            )
            % {"enrolment": enrolment, "date": enrolment.dropped_on}
        )
    if enrolment.status == EnrolmentStatus.COMPLETED:
        raise VisitRuleError(
            _(
                "%(enrolment)s was completed on %(date)s, so no visit can be planned or "
                "recorded for it any more. A visit already recorded can still be corrected."
            )
            % {"enrolment": enrolment, "date": enrolment.completed_on}
        )


def _check_trainer(trainer) -> None:
    if trainer is None:
        raise VisitRuleError(_("Choose the trainer who makes the visit."), field="trainer")
    if not Membership.objects.filter(user=trainer, role=Role.TRAINER).exists():
        raise VisitRuleError(
            _(
                "%(user)s is not a trainer. Choose a trainer, or ask the programme admin to "
                "give them the trainer role first."
            )
            % {"user": trainer},
            field="trainer",
        )


def _done_baseline(enrolment: Enrolment, *, exclude: Visit | None = None) -> Visit | None:
    qs = Visit.objects.filter(enrolment=enrolment, kind=VisitKind.BASELINE, status=VisitStatus.DONE)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("done_on").first()


def _check_no_second_baseline(enrolment: Enrolment, *, exclude: Visit | None = None) -> None:
    baseline = _done_baseline(enrolment, exclude=exclude)
    if baseline is not None:
        raise VisitRuleError(
            _(
                "%(enrolment)s already has its baseline visit, on %(date)s. Make this a "
                "follow-up visit, or edit the baseline visit instead."
            )
            % {"enrolment": enrolment, "date": baseline.done_on},
            field="kind",
        )


def _check_planned_date(planned_on: datetime.date) -> None:
    check_not_too_far_ahead(planned_on, field="planned_on", what=_("The planned date"))
    if planned_on < local_today():
        raise VisitRuleError(
            _(
                "%(date)s has passed, and visits are planned from today on. To record a visit "
                "that took place, use “Record a visit” instead."
            )
            % {"date": planned_on},
            field="planned_on",
        )


def _check_done_date(enrolment: Enrolment, kind: str, done_on: datetime.date) -> None:
    if done_on > local_today():
        raise VisitRuleError(
            _(
                "The visit date %(date)s is in the future. Record a visit once it has taken "
                "place, or plan it for that date instead."
            )
            % {"date": done_on},
            field="done_on",
        )
    if done_on < enrolment.registered_on:
        raise VisitRuleError(
            _(
                "The visit date %(date)s is before %(enterprise)s was enrolled in %(module)s "
                "(%(registered)s). Check the date."
            )
            % {
                "date": done_on,
                "enterprise": enrolment.enterprise,
                "module": enrolment.module,
                "registered": enrolment.registered_on,
            },
            field="done_on",
        )
    if kind in FOLLOW_UP_KINDS and enrolment.classroom_on and done_on < enrolment.classroom_on:
        raise VisitRuleError(
            _(
                "The visit date %(date)s is before the classroom training (%(classroom)s), and "
                "follow-up visits come after it. Check the date, or record this visit as the "
                "baseline visit."
            )
            % {"date": done_on, "classroom": enrolment.classroom_on},
            field="done_on",
        )


def _check_kind_can_be_done(enrolment: Enrolment, kind: str, *, visit: Visit | None) -> None:
    if kind == VisitKind.BASELINE:
        _check_no_second_baseline(enrolment, exclude=visit)
    elif enrolment.status in (EnrolmentStatus.REGISTERED, EnrolmentStatus.BASELINE_DONE):
        raise VisitRuleError(
            _(
                "%(enrolment)s is %(status)s, and follow-up visits come after the classroom "
                "training. Record the classroom training first, or record this visit as the "
                "baseline visit."
            )
            % {"enrolment": enrolment, "status": enrolment.get_status_display().lower()},
            field="kind",
        )


def _next_sequence(enrolment: Enrolment, kind: str, *, exclude: Visit | None = None) -> int:
    qs = Visit.objects.filter(enrolment=enrolment, kind=kind).exclude(status=VisitStatus.CANCELLED)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return (qs.aggregate(last=Max("sequence"))["last"] or 0) + 1


@transaction.atomic
def plan_visit(*, by, enrolment: Enrolment, kind: str, planned_on: datetime.date, trainer) -> Visit:
    enrolment = _lock(enrolment)
    _check_open(enrolment)
    _check_trainer(trainer)
    _check_planned_date(planned_on)
    if kind == VisitKind.BASELINE:
        _check_no_second_baseline(enrolment)
    return create_record(
        Visit,
        by=by,
        verb="plan_visit",
        fields={
            "enrolment": enrolment,
            "kind": kind,
            "sequence": _next_sequence(enrolment, kind),
            "status": VisitStatus.PLANNED,
            "planned_on": planned_on,
            "trainer": trainer,
            "created_by": by if getattr(by, "pk", None) else None,
        },
    )


@transaction.atomic
def record_visit(
    *,
    by,
    trainer,
    kind: str,
    done_on: datetime.date,
    hours,
    enrolment: Enrolment | None = None,
    visit: Visit | None = None,
    eit_took_part: bool = False,
    findings: str = "",
    next_steps: str = "",
    complete_follow_ups: bool = False,
) -> Visit:
    """Record a visit that took place: a new one for ``enrolment``, or the planned ``visit``.

    A baseline visit of a registered enrolment records its baseline. With
    ``complete_follow_ups``, the enrolment's follow-up visits are marked done too; if the
    training rules refuse that, nothing is saved and their message is raised."""
    if (enrolment is None) == (visit is None):
        raise TypeError("record_visit needs either an enrolment or a planned visit")
    if visit is not None:
        if visit.status != VisitStatus.PLANNED:
            raise VisitRuleError(
                _("This visit is %(status)s, so it cannot be recorded again. Edit it instead.")
                % {"status": visit.get_status_display().lower()}
            )
        enrolment = visit.enrolment
    enrolment = _lock(enrolment)
    _check_open(enrolment)
    _check_trainer(trainer)
    _check_done_date(enrolment, kind, done_on)
    _check_kind_can_be_done(enrolment, kind, visit=visit)
    fields = {
        "kind": kind,
        "status": VisitStatus.DONE,
        "done_on": done_on,
        "hours": hours,
        "trainer": trainer,
        "eit_took_part": eit_took_part,
        "findings": findings.strip(),
        "next_steps": next_steps.strip(),
    }
    if visit is None:
        visit = create_record(
            Visit,
            by=by,
            verb="record_visit",
            fields={
                "enrolment": enrolment,
                "sequence": _next_sequence(enrolment, kind),
                "created_by": by if getattr(by, "pk", None) else None,
                **fields,
            },
        )
    else:
        if kind != visit.kind:
            fields["sequence"] = _next_sequence(enrolment, kind, exclude=visit)
        visit.enrolment = enrolment
        update_record(visit, by=by, fields=fields, verb="record_visit")
    if kind == VisitKind.BASELINE and enrolment.status == EnrolmentStatus.REGISTERED:
        training_actions.record_baseline(by=by, enrolment=enrolment, on=done_on)
    if complete_follow_ups:
        training_actions.complete_visits(by=by, enrolment=enrolment, on=done_on)
    return visit


PLANNED_FIELDS = frozenset({"kind", "planned_on", "trainer"})
DONE_FIELDS = frozenset({"done_on", "hours", "eit_took_part", "findings", "next_steps"})


@transaction.atomic
def update_visit(*, by, visit: Visit, **fields) -> Visit:
    """Change a planned visit's type, date or trainer, or a done visit's record. A done
    visit's type is fixed: it may have moved the enrolment on."""
    if visit.status == VisitStatus.CANCELLED:
        raise VisitRuleError(
            _("This visit was cancelled, so it cannot be changed. Plan a new visit instead.")
        )
    allowed = PLANNED_FIELDS if visit.status == VisitStatus.PLANNED else DONE_FIELDS
    if set(fields) - allowed:
        raise TypeError(f"update_visit cannot change {sorted(set(fields) - allowed)}")
    enrolment = _lock(visit.enrolment)
    visit.enrolment = enrolment
    if visit.status == VisitStatus.PLANNED:
        if "trainer" in fields:
            _check_trainer(fields["trainer"])
        if fields.get("planned_on", visit.planned_on) != visit.planned_on:
            _check_planned_date(fields["planned_on"])
        kind = fields.get("kind", visit.kind)
        if kind != visit.kind:
            if kind == VisitKind.BASELINE:
                _check_no_second_baseline(enrolment)
            fields["sequence"] = _next_sequence(enrolment, kind, exclude=visit)
    else:
        done_on = fields.get("done_on", visit.done_on)
        _check_done_date(enrolment, visit.kind, done_on)
        for name in ("findings", "next_steps"):
            if name in fields:
                fields[name] = fields[name].strip()
        if visit.kind == VisitKind.BASELINE and enrolment.baseline_on == visit.done_on:
            # The enrolment's baseline date came from this visit: keep them the same.
            training_actions.redate_baseline(by=by, enrolment=enrolment, on=done_on)
    return update_record(visit, by=by, fields=fields, verb="update_visit")


@transaction.atomic
def cancel_visit(*, by, visit: Visit, reason: str = "") -> Visit:
    if visit.status == VisitStatus.DONE:
        raise VisitRuleError(
            _(
                "This visit took place on %(date)s, so it cannot be cancelled. Edit it if "
                "something in it is wrong."
            )
            % {"date": visit.done_on}
        )
    if visit.status == VisitStatus.CANCELLED:
        raise VisitRuleError(_("This visit is already cancelled."))
    return update_record(
        visit,
        by=by,
        fields={"status": VisitStatus.CANCELLED, "cancelled_reason": reason.strip()},
        verb="cancel_visit",
    )


@transaction.atomic
def add_visit_photo(*, by, visit: Visit, file, caption: str = "") -> VisitPhoto:
    if visit.status == VisitStatus.CANCELLED:
        raise VisitRuleError(_("This visit was cancelled; add photos to a visit that took place."))
    return create_record(
        VisitPhoto,
        by=by,
        verb="add_visit_photo",
        fields={
            "visit": visit,
            "file": file,
            "caption": caption.strip(),
            "uploaded_by": by if getattr(by, "pk", None) else None,
        },
    )
