"""Every write to modules, enrolments and classroom sessions. One action per enrolment
transition:

registered → baseline done → classroom done → visits done → completed, or dropped.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from score.core.audit import record
from score.core.exceptions import ActionError
from score.core.records import create_record, update_record
from score.counselling.models import FOLLOW_UP_KINDS, Visit, VisitStatus
from score.enterprises import actions as enterprise_actions
from score.enterprises.models import Participation
from score.training.models import (
    MAX_SESSION_DAYS,
    UNDER_WAY,
    Attendance,
    ClassroomSession,
    Enrolment,
    EnrolmentStatus,
    Module,
    Participant,
    SessionDay,
)


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


# Classes are planned at most this far ahead.
PLAN_AHEAD_DAYS = 2 * 365


def _today(on):
    return on or timezone.localdate()


def _check_not_in_future(on: datetime.date, *, field: str = "on") -> None:
    """A step recorded as done cannot be dated after today."""
    if on > timezone.localdate():
        raise EnrolmentRuleError(
            _(
                "%(date)s is in the future. Record a step once it has been taken, dated today "
                "at the latest."
            )
            % {"date": on.isoformat()},
            field=field,
        )


def _check_not_too_far_ahead(on: datetime.date | None, *, field: str) -> None:
    latest = timezone.localdate() + datetime.timedelta(days=PLAN_AHEAD_DAYS)
    if on is not None and on > latest:
        raise ActionError(
            _(
                "%(date)s is more than two years ahead. Check the year; plan the class for "
                "%(latest)s at the latest."
            )
            % {"date": on.isoformat(), "latest": latest.isoformat()},
            field=field,
        )


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
        missing = list(
            module.prerequisites.exclude(
                pk__in=Enrolment.objects.filter(enterprise=enterprise, status__in=UNDER_WAY).values(
                    "module_id"
                )
            )
        )
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
    _check_not_in_future(_today(on))
    _check_date_order(enrolment, date_field, _today(on))
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


def _step_names() -> dict[str, str]:
    return {
        "registered_on": _("registration"),
        "baseline_on": _("baseline visit"),
        "classroom_on": _("classroom training"),
        "visits_done_on": _("follow-up visits"),
    }


def _check_date_order(enrolment: Enrolment, date_field: str, on: datetime.date) -> None:
    """A step cannot be dated before a step the enrolment has already taken."""
    for field, step in _step_names().items():
        previous = getattr(enrolment, field)
        if field != date_field and previous and on < previous:
            raise EnrolmentRuleError(
                _(
                    "%(date)s is before the %(step)s of %(enrolment)s (%(previous)s), and each "
                    "step of a module comes after the one before. Check the date."
                )
                % {
                    "date": on.isoformat(),
                    "step": step,
                    "enrolment": enrolment,
                    "previous": previous.isoformat(),
                },
                field="on",
            )


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
def redate_baseline(*, by, enrolment: Enrolment, on: datetime.date) -> Enrolment:
    """Move the date of a baseline already recorded (its visit's date was corrected). The
    new date must still come before the enrolment's later steps."""
    if not enrolment.baseline_on or enrolment.baseline_on == on:
        return enrolment
    _check_date_order(enrolment, "baseline_on", on)
    later = [d for d in (enrolment.classroom_on, enrolment.visits_done_on) if d]
    if later and on > min(later):
        raise EnrolmentRuleError(
            _(
                "%(date)s is after the classroom training of %(enrolment)s (%(classroom)s), "
                "and the baseline visit comes before the classroom training. Check the date."
            )
            % {
                "date": on.isoformat(),
                "enrolment": enrolment,
                "classroom": min(later).isoformat(),
            },
            field="done_on",
        )
    enrolment.baseline_on = on
    enrolment.save(update_fields=["baseline_on", "updated_at"])
    record(by=by, verb="redate_baseline", obj=enrolment, changes={"baseline_on": on})
    return enrolment


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


def follow_ups_done(enrolment: Enrolment) -> int:
    """How many of the enrolment's follow-up visits (follow-up or final) took place."""
    return Visit.objects.filter(
        enrolment=enrolment, status=VisitStatus.DONE, kind__in=FOLLOW_UP_KINDS
    ).count()


@transaction.atomic
def complete_visits(*, by, enrolment: Enrolment, on=None) -> Enrolment:
    """Mark the follow-up visits done: at least one must have taken place (fewer than the
    module's standard number is allowed; pages show how many of it)."""
    if enrolment.status == EnrolmentStatus.CLASSROOM_DONE and not follow_ups_done(enrolment):
        raise EnrolmentRuleError(
            _(
                "No follow-up visit of %(enrolment)s has been recorded yet (the module foresees "
                "%(standard)s). Record at least one follow-up visit that took place, then mark "
                "the follow-up visits done."
            )
            % {"enrolment": enrolment, "standard": enrolment.module.followup_visits}
        )
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


# Modules


@transaction.atomic
def create_module(
    *,
    by,
    programme,
    code: str,
    name: str,
    name_translations: dict | None = None,
    description: str = "",
    order: int = 10,
    classroom_days: int = 2,
    followup_visits: int = 3,
    prerequisites: Iterable[Module] = (),
) -> Module:
    """Add a module that only ``programme`` offers."""
    prerequisites = list(prerequisites)
    for prerequisite in prerequisites:
        if prerequisite.programme_id not in (None, programme.pk):
            raise ActionError(
                _(
                    "%(module)s belongs to another programme, so it cannot be a prerequisite "
                    "here. Choose a module of the global catalogue or of %(prog)s."
                )
                % {"module": prerequisite, "prog": programme.code},
                field="prerequisites",
            )
    translations = {
        language: value.strip()
        for language, value in (name_translations or {}).items()
        if value and value.strip()
    }
    return create_record(
        Module,
        by=by,
        verb="create_module",
        fields={
            "programme": programme,
            "code": code.strip(),
            "name": name.strip(),
            "name_translations": translations,
            "description": description,
            "order": order,
            "classroom_days": classroom_days,
            "followup_visits": followup_visits,
        },
        many={"prerequisites": prerequisites},
    )


# Classroom sessions


def _class_days(start_date, end_date, days) -> list[datetime.date]:
    """The days the class meets: ``days`` if given, else every day from start to end."""
    _check_not_too_far_ahead(start_date, field="start_date")
    _check_not_too_far_ahead(end_date, field="end_date")
    if start_date is None or end_date is None or end_date < start_date:
        return []  # the model's clean() reports the range
    if not days:
        span = (end_date - start_date).days + 1
        if span > MAX_SESSION_DAYS:
            raise ActionError(
                _(
                    "A class of %(n)s days is too long to take attendance for every day. List "
                    "the days the class meets (at most %(max)s)."
                )
                % {"n": span, "max": MAX_SESSION_DAYS},
                field="days",
            )
        return [start_date + datetime.timedelta(days=i) for i in range(span)]
    days = sorted(set(days))
    outside = [d for d in days if not start_date <= d <= end_date]
    if outside:
        raise ActionError(
            _("%(days)s fall outside the class dates (%(start)s to %(end)s). Correct them.")
            % {
                "days": ", ".join(d.isoformat() for d in outside),
                "start": start_date.isoformat(),
                "end": end_date.isoformat(),
            },
            field="days",
        )
    if len(days) > MAX_SESSION_DAYS:
        raise ActionError(
            _("List at most %(max)s class days.") % {"max": MAX_SESSION_DAYS}, field="days"
        )
    return days


def _check_session_enrolments(
    *, programme, module, enrolments: list[Enrolment], already: Iterable[int] = ()
) -> None:
    if not module.is_active or module.programme_id not in (None, programme.pk):
        raise ActionError(
            _("%(module)s is not offered in %(prog)s. Choose another module.")
            % {"module": module, "prog": programme.code},
            field="module",
        )
    wrong = [e for e in enrolments if e.programme_id != programme.pk or e.module_id != module.pk]
    if wrong:
        raise ActionError(
            _(
                "%(list)s are not enrolments in %(module)s of %(prog)s. A class takes only "
                "enterprises enrolled in its module and programme; enrol them first."
            )
            % {"list": "; ".join(str(e) for e in wrong), "module": module, "prog": programme.code},
            field="enrolments",
        )
    already = set(already)
    dropped = [e for e in enrolments if e.status == EnrolmentStatus.DROPPED and e.pk not in already]
    if dropped:
        raise ActionError(
            _("%(list)s dropped out of the module, so they cannot join a class.")
            % {"list": "; ".join(str(e.enterprise) for e in dropped)},
            field="enrolments",
        )


def _session_fields(fields: dict) -> dict:
    return {
        "code": (fields.get("code") or "").strip(),
        "title": (fields.get("title") or "").strip(),
        "venue": (fields.get("venue") or "").strip(),
        "is_online": bool(fields.get("is_online")),
        "online_link": fields.get("online_link") or "",
        "provider": fields.get("provider"),
        "notes": fields.get("notes") or "",
    }


@transaction.atomic
def create_session(
    *,
    by,
    programme,
    module: Module,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    days: Iterable[datetime.date] | None = None,
    trainers: Iterable = (),
    enrolments: Iterable[Enrolment] = (),
    **fields,
) -> ClassroomSession:
    """Plan a class of ``module``; its days default to every day from start to end."""
    enrolments = list(enrolments)
    _check_session_enrolments(programme=programme, module=module, enrolments=enrolments)
    class_days = _class_days(start_date, end_date, days)
    session = create_record(
        ClassroomSession,
        by=by,
        verb="create_session",
        fields={
            "programme": programme,
            "module": module,
            "start_date": start_date,
            "end_date": end_date,
            **_session_fields({"title": title, **fields}),
        },
        many={"trainers": list(trainers), "enrolments": enrolments},
    )
    SessionDay.objects.bulk_create([SessionDay(session=session, date=d) for d in class_days])
    return session


@transaction.atomic
def update_session(
    *,
    session: ClassroomSession,
    by,
    programme,
    module: Module,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    days: Iterable[datetime.date] | None = None,
    trainers: Iterable = (),
    enrolments: Iterable[Enrolment] = (),
    **fields,
) -> ClassroomSession:
    """Change a class. Days that go must have no attendance taken, and enterprises that
    leave must have no participants left in the class."""
    enrolments = list(enrolments)
    _check_session_enrolments(
        programme=programme,
        module=module,
        enrolments=enrolments,
        already=session.enrolments.values_list("pk", flat=True),
    )
    class_days = set(_class_days(start_date, end_date, days))
    leaving = session.enrolments.exclude(pk__in=[e.pk for e in enrolments])
    with_people = sorted(
        {
            str(p.person.enterprise)
            for p in session.participants.filter(
                person__enterprise_id__in=leaving.values("enterprise_id")
            ).select_related("person__enterprise")
        }
    )
    if with_people:
        raise ActionError(
            _(
                "%(list)s still have participants in this class. Remove their participants "
                "first, then take the enterprise out of the class."
            )
            % {"list": "; ".join(with_people)},
            field="enrolments",
        )
    old_days = session.days.exclude(date__in=class_days)
    # A day where everyone is marked absent may go (its unticked attendance with it):
    # unticking everyone is how attendance is cleared.
    taken = sorted(old_days.filter(attendance__present=True).values_list("date", flat=True))
    if taken:
        raise ActionError(
            _(
                "Attendance was taken on %(days)s, so those days cannot leave the class. Keep "
                "them in the class dates, or untick everyone on those days and save the "
                "attendance first."
            )
            % {"days": ", ".join(sorted({d.isoformat() for d in taken}))},
            field="days",
        )
    update_record(
        session,
        by=by,
        verb="update_session",
        fields={
            "programme": programme,
            "module": module,
            "start_date": start_date,
            "end_date": end_date,
            **_session_fields({"title": title, **fields}),
        },
        many={"trainers": list(trainers), "enrolments": enrolments},
    )
    old_days.delete()
    existing = set(session.days.values_list("date", flat=True))
    SessionDay.objects.bulk_create(
        [SessionDay(session=session, date=d) for d in sorted(class_days - existing)]
    )
    return session


def _session_enterprise_ids(session: ClassroomSession) -> set[int]:
    return set(session.enrolments.values_list("enterprise_id", flat=True))


@transaction.atomic
def add_participants(*, by, session: ClassroomSession, people: Iterable) -> int:
    """Add people of the session's enterprises; those already in the class are skipped.
    Returns how many were added."""
    people = list(people)
    allowed = _session_enterprise_ids(session)
    outsiders = [p for p in people if p.enterprise_id not in allowed]
    if outsiders:
        raise ActionError(
            _(
                "%(list)s work for an enterprise that is not in this class. Add the "
                "enterprise's enrolment to the class first."
            )
            % {"list": "; ".join(str(p) for p in outsiders)},
            field="people",
        )
    present = set(session.participants.values_list("person_id", flat=True))
    new = [Participant(session=session, person=p) for p in people if p.pk not in present]
    Participant.objects.bulk_create(new)
    if new:
        record(
            by=by,
            verb="add_participants",
            obj=session,
            changes={"people": [p.person_id for p in new]},
        )
    return len(new)


@transaction.atomic
def add_new_participant(
    *, by, session: ClassroomSession, enterprise, sex: str, role: str, **person_fields
) -> Participant:
    """Record a new person at one of the session's enterprises and add them to the class."""
    if enterprise.pk not in _session_enterprise_ids(session):
        raise ActionError(
            _("%(ent)s is not in this class. Add its enrolment to the class first.")
            % {"ent": enterprise},
            field="enterprise",
        )
    person = enterprise_actions.add_person(
        by=by, enterprise=enterprise, sex=sex, role=role, **person_fields
    )
    return create_record(
        Participant,
        by=by,
        verb="add_participant",
        fields={"session": session, "person": person},
    )


@transaction.atomic
def remove_participant(*, by, participant: Participant) -> None:
    """Take a person out of a class, with the attendance taken for them."""
    record(
        by=by,
        verb="remove_participant",
        obj=participant.session,
        changes={"person": participant.person_id},
    )
    participant.delete()


@transaction.atomic
def record_attendance(*, by, session: ClassroomSession, present: Iterable[tuple[int, int]]) -> int:
    """Set attendance for every participant and day of the class at once: the pairs
    (participant id, day id) in ``present`` were there, everyone else was absent.
    Returns how many attendances were marked present."""
    present = set(present)
    participant_ids = set(session.participants.values_list("pk", flat=True))
    day_ids = set(session.days.values_list("pk", flat=True))
    foreign = {pair for pair in present if pair[0] not in participant_ids or pair[1] not in day_ids}
    if foreign:
        raise ActionError(
            _(
                "Some of the ticks are for people or days that are not in this class any "
                "more. Reload the page and tick again."
            )
        )
    ticked_days = {day_id for _participant, day_id in present}
    future = session.days.filter(pk__in=ticked_days, date__gt=timezone.localdate())
    future = [day.isoformat() for day in future.order_by("date").values_list("date", flat=True)]
    if future:
        raise ActionError(
            _(
                "No one can have attended on a day that has not come yet (%(days)s). Untick "
                "those days, and take the attendance on the day or after."
            )
            % {"days": ", ".join(future)},
            field="present",
        )
    rows = [
        Attendance(participant_id=p, day_id=d, present=(p, d) in present)
        for p in sorted(participant_ids)
        for d in sorted(day_ids)
    ]
    Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["participant", "day"],
        update_fields=["present"],
    )
    record(
        by=by,
        verb="record_attendance",
        obj=session,
        changes={"present": len(present), "absent": len(rows) - len(present)},
    )
    return len(present)


@transaction.atomic
def complete_session_classroom(*, by, session: ClassroomSession, enrolment: Enrolment) -> Enrolment:
    """Record that an enterprise finished the classroom part of its module in this class.

    The enrolment's own rules apply (a Workplace Cooperation class needs the baseline
    visit first)."""
    if not session.enrolments.filter(pk=enrolment.pk).exists():
        raise ActionError(
            _("%(enrolment)s is not in this class, so the class cannot complete it.")
            % {"enrolment": enrolment}
        )
    today = timezone.localdate()
    if session.end_date > today:
        raise ActionError(
            _(
                "The class ends on %(end)s. Record the classroom training as done once the "
                "class is over."
            )
            % {"end": session.end_date.isoformat()}
        )
    if enrolment.baseline_on and session.start_date < enrolment.baseline_on:
        raise EnrolmentRuleError(
            _(
                "The class began on %(start)s, before the baseline visit of %(ent)s "
                "(%(baseline)s), and the classroom comes after the baseline visit. Check the "
                "dates, or put the enterprise in a later class."
            )
            % {
                "start": session.start_date.isoformat(),
                "ent": enrolment.enterprise,
                "baseline": enrolment.baseline_on.isoformat(),
            }
        )
    return complete_classroom(by=by, enrolment=enrolment, on=session.end_date)
