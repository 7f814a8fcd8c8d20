"""Every write to modules and enrolments. One action per enrolment transition:

registered → baseline done → classroom done → visits done → completed, or dropped.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from score.core.audit import record
from score.core.exceptions import ActionError
from score.core.records import create_record
from score.enterprises.models import Participation
from score.training.models import UNDER_WAY, Enrolment, EnrolmentStatus, Module


class EnrolmentRuleError(ActionError):
    """A rule of the SCORE delivery sequence refused the change."""


class BaselineMissing(EnrolmentRuleError):
    pass


class PrerequisiteMissing(EnrolmentRuleError):
    pass


class InvalidTransition(EnrolmentRuleError):
    pass


class NotInProgramme(EnrolmentRuleError):
    pass


def _today(on):
    return on or timezone.localdate()


@transaction.atomic
def enrol_enterprise(
    *,
    by,
    enterprise,
    programme,
    module: Module,
    provider=None,
    trainer=None,
    registered_on: datetime.date | None = None,
) -> Enrolment:
    participation = Participation.objects.filter(enterprise=enterprise, programme=programme).first()
    if participation is None:
        raise NotInProgramme(
            _("%(ent)s does not take part in %(prog)s. Add it to the programme first.")
            % {"ent": enterprise, "prog": programme.code}
        )
    if participation.is_comparison:
        raise NotInProgramme(
            _("%(ent)s is a comparison enterprise in %(prog)s and is not trained.")
            % {"ent": enterprise, "prog": programme.code}
        )
    if not module.is_active or (module.programme_id and module.programme_id != programme.pk):
        raise EnrolmentRuleError(
            _("%(module)s is not offered in %(prog)s.")
            % {"module": module, "prog": programme.code},
            field="module",
        )
    if Enrolment.objects.filter(enterprise=enterprise, programme=programme, module=module).exists():
        raise EnrolmentRuleError(
            _("%(ent)s is already enrolled in %(module)s in %(prog)s.")
            % {"ent": enterprise, "module": module, "prog": programme.code},
            field="module",
        )
    if not programme.relax_module_order:
        missing = [
            prerequisite
            for prerequisite in module.prerequisites.all()
            if not Enrolment.objects.filter(
                enterprise=enterprise, module=prerequisite, status__in=UNDER_WAY
            ).exists()
        ]
        if missing:
            raise PrerequisiteMissing(
                _(
                    "%(ent)s must complete or be under way with %(needed)s before %(module)s. "
                    "Enrol it in %(needed)s and record its baseline visit first, or ask the "
                    "programme admin to allow modules in any order for %(prog)s."
                )
                % {
                    "ent": enterprise,
                    "needed": ", ".join(str(m) for m in missing),
                    "module": module,
                    "prog": programme.code,
                },
                field="module",
            )
    return create_record(
        Enrolment,
        by=by,
        verb="enrol_enterprise",
        fields={
            "enterprise": enterprise,
            "programme": programme,
            "module": module,
            "provider": provider if provider is not None else participation.provider,
            "trainer": trainer,
            "registered_on": _today(registered_on),
        },
    )


def _move(
    enrolment: Enrolment, *, by, allowed_from, to, date_field, on, verb, also=()
) -> Enrolment:
    if enrolment.status not in allowed_from:
        raise InvalidTransition(
            _("%(enrolment)s is %(status)s, so it cannot be marked %(to)s. %(hint)s")
            % {
                "enrolment": enrolment,
                "status": enrolment.get_status_display().lower(),
                "to": EnrolmentStatus(to).label.lower(),
                "hint": _next_step_hint(enrolment),
            }
        )
    enrolment.status = to
    setattr(enrolment, date_field, _today(on))
    enrolment.full_clean()
    enrolment.save(update_fields=["status", date_field, "updated_at", *also])
    record(
        by=by,
        verb=verb,
        obj=enrolment,
        changes={"status": to, date_field: getattr(enrolment, date_field)},
    )
    return enrolment


def _next_step_hint(enrolment: Enrolment) -> str:
    return {
        EnrolmentStatus.REGISTERED: _("Record the baseline visit first."),
        EnrolmentStatus.BASELINE_DONE: _("Record the classroom training next."),
        EnrolmentStatus.CLASSROOM_DONE: _("Record the follow-up visits next."),
        EnrolmentStatus.VISITS_DONE: _("Mark the enrolment completed next."),
        EnrolmentStatus.COMPLETED: _("It is already completed."),
        EnrolmentStatus.DROPPED: _("It was dropped; enrol the enterprise again if it returns."),
    }[enrolment.status]


@transaction.atomic
def record_baseline(*, by, enrolment: Enrolment, on=None) -> Enrolment:
    return _move(
        enrolment,
        by=by,
        allowed_from=[EnrolmentStatus.REGISTERED],
        to=EnrolmentStatus.BASELINE_DONE,
        date_field="baseline_on",
        on=on,
        verb="record_baseline",
    )


@transaction.atomic
def complete_classroom(*, by, enrolment: Enrolment, on=None) -> Enrolment:
    if enrolment.module.is_workplace_cooperation and enrolment.status == EnrolmentStatus.REGISTERED:
        raise BaselineMissing(
            _(
                "%(ent)s has no baseline visit yet, and no enterprise may attend the Workplace "
                "Cooperation classroom without one. Record its baseline visit first."
            )
            % {"ent": enrolment.enterprise}
        )
    allowed = [EnrolmentStatus.BASELINE_DONE]
    if not enrolment.module.is_workplace_cooperation:
        allowed.append(EnrolmentStatus.REGISTERED)
    return _move(
        enrolment,
        by=by,
        allowed_from=allowed,
        to=EnrolmentStatus.CLASSROOM_DONE,
        date_field="classroom_on",
        on=on,
        verb="complete_classroom",
    )


@transaction.atomic
def complete_visits(*, by, enrolment: Enrolment, on=None) -> Enrolment:
    return _move(
        enrolment,
        by=by,
        allowed_from=[EnrolmentStatus.CLASSROOM_DONE],
        to=EnrolmentStatus.VISITS_DONE,
        date_field="visits_done_on",
        on=on,
        verb="complete_visits",
    )


@transaction.atomic
def complete_enrolment(*, by, enrolment: Enrolment, on=None) -> Enrolment:
    return _move(
        enrolment,
        by=by,
        allowed_from=[EnrolmentStatus.VISITS_DONE],
        to=EnrolmentStatus.COMPLETED,
        date_field="completed_on",
        on=on,
        verb="complete_enrolment",
    )


@transaction.atomic
def drop_enrolment(*, by, enrolment: Enrolment, reason: str, on=None) -> Enrolment:
    if not reason or not reason.strip():
        raise EnrolmentRuleError(
            _(
                "Say why the enterprise dropped out; the reason is kept for the programme's "
                "records."
            ),
            field="dropped_reason",
        )
    enrolment.dropped_reason = reason.strip()
    open_statuses = [
        s
        for s in EnrolmentStatus.values
        if s not in (EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED)
    ]
    return _move(
        enrolment,
        by=by,
        allowed_from=open_statuses,
        to=EnrolmentStatus.DROPPED,
        date_field="dropped_on",
        on=on,
        verb="drop_enrolment",
        also=["dropped_reason"],
    )
