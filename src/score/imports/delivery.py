"""Checks and writers for the delivery sheets: Enrolments, Sessions, Attendance, Visits.

Rows are written through ``score.training.actions`` and ``score.counselling.actions`` in an
order that lets their rules hold: enrolments by module order, each one's steps in turn (so
a Workplace Cooperation baseline comes before a second module is taken); then classes, their
attendance, and visits (baseline first, then each type by sequence); dropping an enrolment
comes last, since a dropped enrolment takes no class and no visit."""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from score.accounts.models import Membership, Role
from score.accounts.scopes import enrolments_visible_to, sessions_visible_to, visits_visible_to
from score.counselling import actions as counselling_actions
from score.counselling.models import Visit, VisitStatus
from score.enterprises.models import Enterprise, Person
from score.imports.reader import Problem, Row, parse_date
from score.imports.writers import (
    Context,
    _coordinator_problem,
    _enterprise_ref_problems,
    _p,
    _programme_ref_problems,
)
from score.programmes.models import Organisation, Programme
from score.training import actions as training_actions
from score.training.models import (
    MAX_SESSION_DAYS,
    ClassroomSession,
    Enrolment,
    EnrolmentStatus,
    Module,
)

# The steps of an enrolment, in order, with the action that takes each one.
STEPS = ("baseline_on", "classroom_on", "visits_done_on", "completed_on")
STEP_ACTIONS = {
    "baseline_on": training_actions.record_baseline,
    "classroom_on": training_actions.complete_classroom,
    "visits_done_on": training_actions.complete_visits,
    "completed_on": training_actions.complete_enrolment,
}
# Taken after every sheet is written (before dropping): marking the follow-up visits done
# needs a follow-up visit that took place (Visits sheet), and a completed enrolment takes no
# new class or visit.
LATE_STEPS = ("visits_done_on", "completed_on")
VISIT_TYPE_ORDER = {"baseline": 0, "follow_up": 1, "final": 2}
SYNTHETIC_PREFIX = "score-"


@dataclass
class SessionInfo:
    programme: str
    module: str
    enterprises: set
    days: set


@dataclass
class Delivery:
    """What exists of enrolments, classes and visits, in the database and the workbook."""

    modules: dict = field(default_factory=dict)  # code -> Module
    users: dict = field(default_factory=dict)  # lower-case e-mail -> is a trainer
    enrolments: dict = field(default_factory=dict)  # (enterprise, programme, module) -> dates
    all_session_codes: set = field(default_factory=set)
    sessions: dict = field(default_factory=dict)  # code -> SessionInfo
    visits: dict = field(default_factory=dict)  # (ent, prog, module, type, seq) -> info
    seen_visits: dict = field(default_factory=dict)  # (ent, prog, module, type) -> [(seq, row)]
    attendance_last: dict = field(default_factory=dict)  # session code -> last row number
    attendance_state: dict = field(default_factory=dict)
    deferred: list = field(default_factory=list)  # (row, callable) run after every sheet


def session_code_of(session: ClassroomSession) -> str:
    """A class without a code is exported as score-<id>, and matched back by it."""
    return session.code or f"{SYNTHETIC_PREFIX}{session.pk}"


def load_delivery(ctx: Context) -> None:
    user = ctx.user
    d = Delivery()
    d.modules = {m.code: m for m in Module.objects.select_related("programme")}
    trainers = set(Membership.objects.filter(role=Role.TRAINER).values_list("user_id", flat=True))
    d.users = {
        email.lower(): pk in trainers
        for pk, email in get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .values_list("pk", "email")
    }
    for row in enrolments_visible_to(user).values(
        "enterprise__code",
        "programme__code",
        "module__code",
        "status",
        "registered_on",
        "dropped_on",
        *STEPS,
    ):
        key = (row.pop("enterprise__code"), row.pop("programme__code"), row.pop("module__code"))
        d.enrolments[key] = {**row, "in_db": True}
    d.all_session_codes = {
        code or f"{SYNTHETIC_PREFIX}{pk}"
        for pk, code in ClassroomSession.objects.values_list("pk", "code")
    }
    visible = sessions_visible_to(user).select_related("programme", "module")
    for session in visible:
        d.sessions[session_code_of(session)] = SessionInfo(
            session.programme.code, session.module.code, set(), set()
        )
    by_pk = {s.pk: session_code_of(s) for s in visible}
    for pk, enterprise in ClassroomSession.enrolments.through.objects.filter(
        classroomsession_id__in=by_pk
    ).values_list("classroomsession_id", "enrolment__enterprise__code"):
        d.sessions[by_pk[pk]].enterprises.add(enterprise)
    from score.training.models import SessionDay

    for pk, day in SessionDay.objects.filter(session_id__in=by_pk).values_list(
        "session_id", "date"
    ):
        d.sessions[by_pk[pk]].days.add(day)
    for v in (
        visits_visible_to(user)
        .exclude(status=VisitStatus.CANCELLED)
        .values(
            "enrolment__enterprise__code",
            "enrolment__programme__code",
            "enrolment__module__code",
            "kind",
            "sequence",
            "status",
            "trainer__email",
            "done_on",
        )
    ):
        key = (
            v["enrolment__enterprise__code"],
            v["enrolment__programme__code"],
            v["enrolment__module__code"],
            v["kind"],
            v["sequence"],
        )
        d.visits[key] = {
            "status": v["status"],
            "trainer": (v["trainer__email"] or "").lower(),
            "done_on": v["done_on"],
        }
    ctx.delivery = d


# Shared checks -----------------------------------------------------------------------------


def _module_problems(ctx: Context, row: Row) -> list[Problem]:
    code = row.values.get("module")
    programme = row.values.get("programme_code")
    module = ctx.delivery.modules.get(code) if code else None
    if code and module is None:
        from score.imports.reader import closest

        message = _("%(c)s is not a module code; use a code from the drop-down list.") % {"c": code}
        hint = closest(code, ctx.delivery.modules)
        if hint:
            message += " " + _("(did you mean %(h)s?)") % {"h": hint}
        return [_p(row, "module", message)]
    if module is not None and (
        not module.is_active
        or (module.programme_id and getattr(module.programme, "code", None) != programme)
    ):
        return [
            _p(
                row,
                "module",
                _("%(m)s is not offered in %(p)s; choose another module.")
                % {"m": code, "p": programme},
            )
        ]
    return []


def _refs(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    problems = _enterprise_ref_problems(ctx, row)
    if v.get("programme_code"):
        problems += _programme_ref_problems(ctx, row, [v["programme_code"]])
    return problems + _module_problems(ctx, row)


def _org_problem(ctx: Context, row: Row, column: str) -> list[Problem]:
    name = row.values.get(column)
    if name and name not in ctx.org_kinds:
        return [
            _p(
                row,
                column,
                _(
                    "No organisation is named %(n)s; add it to the Organisations sheet or "
                    "correct the name."
                )
                % {"n": name},
            )
        ]
    return []


def _trainer_problems(ctx: Context, row: Row, column: str, emails) -> list[Problem]:
    problems = []
    for email in emails:
        is_trainer = ctx.delivery.users.get(email.lower())
        if is_trainer is None:
            problems.append(
                _p(
                    row,
                    column,
                    _(
                        "No user has the e-mail %(e)s. Give the e-mail a trainer signs in with, "
                        "or ask a programme admin to add the trainer first."
                    )
                    % {"e": email},
                )
            )
        elif not is_trainer:
            problems.append(
                _p(
                    row,
                    column,
                    _(
                        "%(e)s is not a trainer. Give a trainer's e-mail, or ask a programme "
                        "admin to give them the trainer role first."
                    )
                    % {"e": email},
                )
            )
    return problems


def _enrolment_key(row: Row) -> tuple:
    v = row.values
    return (v.get("enterprise_code"), v.get("programme_code"), v.get("module"))


def _not_enrolled(row: Row, key, column: str = "module") -> Problem:
    return _p(
        row,
        column,
        _("%(e)s is not enrolled in %(m)s of %(p)s. Add a row for it to the Enrolments sheet.")
        % {"e": key[0], "m": key[2], "p": key[1]},
    )


def _within_programme(ctx: Context, row: Row, column: str) -> list[Problem]:
    day = row.values.get(column)
    dates = ctx.programme_dates.get(row.values.get("programme_code"))
    if not day or not dates:
        return []
    start, end = dates
    if day < start or (end and day > end):
        return [
            _p(
                row,
                column,
                _(
                    "%(d)s is outside the programme %(p)s (%(start)s to %(end)s); check the "
                    "date or the programme's dates."
                )
                % {
                    "d": day.isoformat(),
                    "p": row.values["programme_code"],
                    "start": start.isoformat(),
                    "end": end.isoformat() if end else _("open"),
                },
            )
        ]
    return []


def _user(email: str | None):
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def _enrolment(v: dict) -> Enrolment:
    return Enrolment.objects.select_related("enterprise", "programme", "module").get(
        enterprise__code=v["enterprise_code"],
        programme__code=v["programme_code"],
        module__code=v["module"],
    )


# Enrolments --------------------------------------------------------------------------------


def _step_names() -> dict:
    return {
        "registered_on": _("registered_on"),
        "baseline_on": _("baseline_on"),
        "classroom_on": _("classroom_on"),
        "visits_done_on": _("visits_done_on"),
        "completed_on": _("completed_on"),
    }


def check_enrolments(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    problems = _refs(ctx, row)
    key = _enrolment_key(row)
    enterprise, programme, module = key
    if not problems and enterprise and programme:
        comparison = ctx.participations.get((enterprise, programme))
        if comparison is None:
            problems.append(
                _p(
                    row,
                    "programme_code",
                    _(
                        "%(e)s does not take part in %(p)s. Add %(p)s to its programme_code on "
                        "the Enterprises sheet first."
                    )
                    % {"e": enterprise, "p": programme},
                )
            )
        elif comparison:
            problems.append(
                _p(
                    row,
                    "enterprise_code",
                    _("%(e)s is a comparison enterprise in %(p)s and is not trained.")
                    % {"e": enterprise, "p": programme},
                )
            )
    problems += _org_problem(ctx, row, "provider")
    if v.get("trainer"):
        problems += _trainer_problems(ctx, row, "trainer", [v["trainer"]])
    # The steps in order, each on or after the one before.
    previous = ("registered_on", v.get("registered_on"))
    for step in STEPS:
        day = v.get(step)
        if day is None:
            continue
        if previous[1] and day < previous[1]:
            problems.append(
                _p(
                    row,
                    step,
                    _(
                        "%(step)s (%(d)s) is before %(prev)s (%(pd)s), and each step of a module "
                        "comes after the one before. Check the dates."
                    )
                    % {
                        "step": step,
                        "d": day.isoformat(),
                        "prev": previous[0],
                        "pd": previous[1].isoformat(),
                    },
                )
            )
        previous = (step, day)
    if v.get("dropped_on") and v.get("registered_on") and v["dropped_on"] < v["registered_on"]:
        problems.append(
            _p(row, "dropped_on", _("The enterprise cannot drop out before it registered."))
        )
    if v.get("dropped_on") and not (v.get("dropped_reason") or "").strip():
        problems.append(
            _p(row, "dropped_reason", _("Say why the enterprise dropped out of the module."))
        )
    if v.get("dropped_on") and v.get("completed_on"):
        problems.append(
            _p(
                row,
                "dropped_on",
                _("A completed module cannot be dropped; clear dropped_on or completed_on."),
            )
        )
    existing = ctx.delivery.enrolments.get(key, {}) if all(key) else {}
    merged = {
        step: v.get(step) or existing.get(step) for step in (*STEPS, "registered_on", "dropped_on")
    }
    for later, needed in (
        ("visits_done_on", "classroom_on"),
        ("completed_on", "visits_done_on"),
    ):
        if merged[later] and not merged[needed]:
            problems.append(
                _p(
                    row,
                    needed,
                    _("%(later)s is filled in, so %(needed)s is needed too; fill it in.")
                    % {"later": later, "needed": needed},
                )
            )
    module_obj = ctx.delivery.modules.get(module)
    if (
        module_obj is not None
        and module_obj.is_workplace_cooperation
        and merged["classroom_on"]
        and not merged["baseline_on"]
    ):
        problems.append(
            _p(
                row,
                "baseline_on",
                _(
                    "%(e)s has no baseline visit, and no enterprise may attend the Workplace "
                    "Cooperation classroom without one. Fill in baseline_on with the date of its "
                    "baseline visit."
                )
                % {"e": enterprise},
            )
        )
    if existing.get("in_db"):
        problems += _against_stored(row, existing)
    if all(key):
        ctx.delivery.enrolments[key] = {**existing, **merged, "in_db": existing.get("in_db")}
    return problems


def _against_stored(row: Row, stored: dict) -> list[Problem]:
    """A step the platform has recorded is not changed by an import."""
    v = row.values
    problems = []
    for step in (*STEPS, "dropped_on"):
        if v.get(step) and stored.get(step) and v[step] != stored[step]:
            problems.append(
                _p(
                    row,
                    step,
                    _(
                        "The platform has %(step)s as %(stored)s; an import does not change a "
                        "recorded step. Put %(stored)s here, or leave the cell blank."
                    )
                    % {"step": step, "stored": stored[step].isoformat()},
                )
            )
    if stored.get("status") == EnrolmentStatus.DROPPED:
        added = [s for s in STEPS if v.get(s) and not stored.get(s)]
        if added:
            problems.append(
                _p(
                    row,
                    added[0],
                    _("The enrolment was dropped on %(d)s, so it takes no further step.")
                    % {"d": stored["dropped_on"].isoformat()},
                )
            )
    for i, step in enumerate(STEPS):
        if v.get(step) and not stored.get(step) and any(stored.get(s) for s in STEPS[i + 1 :]):
            problems.append(
                _p(
                    row,
                    step,
                    _(
                        "The enrolment is already past this step, so it cannot be recorded "
                        "now; leave the cell blank."
                    ),
                )
            )
    return problems


def order_enrolments(ctx: Context, rows: list[Row]) -> list[Row]:
    """Prerequisite modules first, so that their steps are taken before the next module."""

    def key(row):
        module = ctx.delivery.modules.get(row.values["module"])
        return (module.order if module else 0, row.values["registered_on"], row.number)

    return sorted(rows, key=key)


def write_enrolments(ctx: Context, row: Row) -> str:
    v = row.values
    enrolment = Enrolment.objects.filter(
        enterprise__code=v["enterprise_code"],
        programme__code=v["programme_code"],
        module__code=v["module"],
    ).first()
    outcome = "unchanged"
    if enrolment is None:
        enrolment = training_actions.enrol_enterprise(
            by=ctx.user,
            enterprise=Enterprise.objects.get(code=v["enterprise_code"]),
            programme=Programme.objects.get(code=v["programme_code"]),
            module=Module.objects.get(code=v["module"]),
            provider=Organisation.objects.get(name=v["provider"]) if v.get("provider") else None,
            trainer=_user(v.get("trainer")),
            registered_on=v["registered_on"],
        )
        outcome = "created"
    for step in STEPS:
        if v.get(step) and getattr(enrolment, step) is None:
            if step in LATE_STEPS:
                action = partial(STEP_ACTIONS[step], by=ctx.user, on=v[step])
                ctx.delivery.deferred.append((row, partial(_on_fresh, enrolment.pk, action)))
            else:
                enrolment = STEP_ACTIONS[step](by=ctx.user, enrolment=enrolment, on=v[step])
            outcome = "updated" if outcome == "unchanged" else outcome
    if v.get("dropped_on") and enrolment.status != EnrolmentStatus.DROPPED:
        action = partial(
            training_actions.drop_enrolment,
            by=ctx.user,
            reason=v["dropped_reason"],
            on=v["dropped_on"],
        )
        ctx.delivery.deferred.append((row, partial(_on_fresh, enrolment.pk, action)))
        outcome = "updated" if outcome == "unchanged" else outcome
    return outcome


def _on_fresh(pk: int, action) -> None:
    """Run a deferred enrolment step on the enrolment as it is by then (its classes and
    visits written since)."""
    action(enrolment=Enrolment.objects.get(pk=pk))


# Sessions ----------------------------------------------------------------------------------


def _every_day(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


def check_sessions(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    d = ctx.delivery
    problems = []
    code = v.get("session_code")
    if code and code in d.all_session_codes and code not in d.sessions:
        problems.append(
            _p(
                row,
                "session_code",
                _("The code %(c)s is taken by a class outside your scope; choose another.")
                % {"c": code},
            )
        )
    if v.get("programme_code"):
        problems += _programme_ref_problems(ctx, row, [v["programme_code"]])
    problems += _module_problems(ctx, row)
    start, end = v.get("start_date"), v.get("end_date")
    if start and end and end < start:
        problems.append(
            _p(row, "end_date", _("The end date is before the start date; correct one of them."))
        )
        start = end = None
    problems += _within_programme(ctx, row, "start_date")
    problems += _within_programme(ctx, row, "end_date")
    days = []
    for text in v.get("days") or []:
        try:
            days.append(parse_date(text))
        except ValueError as error:
            problems.append(_p(row, "days", str(error)))
    if start and end:
        outside = [day for day in days if not start <= day <= end]
        if outside:
            problems.append(
                _p(
                    row,
                    "days",
                    _("%(days)s fall outside the class dates (%(s)s to %(e)s); correct them.")
                    % {
                        "days": ", ".join(day.isoformat() for day in outside),
                        "s": start.isoformat(),
                        "e": end.isoformat(),
                    },
                )
            )
        if not days and (end - start).days + 1 > MAX_SESSION_DAYS:
            problems.append(
                _p(
                    row,
                    "days",
                    _(
                        "The class runs over more than %(n)s days; list the days it meets, "
                        "separated by ;"
                    )
                    % {"n": MAX_SESSION_DAYS},
                )
            )
    if len(set(days)) > MAX_SESSION_DAYS:
        problems.append(
            _p(row, "days", _("List at most %(n)s class days.") % {"n": MAX_SESSION_DAYS})
        )
    if "days" in v:
        v["days"] = sorted(set(days))
    if v.get("online"):
        try:
            URLValidator(schemes=["http", "https"])(v.get("online_link") or "")
        except ValidationError:
            problems.append(
                _p(
                    row,
                    "online_link",
                    _("Give the link participants use to join, starting with https://"),
                )
            )
    elif not (v.get("venue") or "").strip():
        problems.append(
            _p(
                row,
                "venue",
                _("Say where the class takes place, or put yes in online and give a link."),
            )
        )
    problems += _org_problem(ctx, row, "provider")
    problems += _trainer_problems(ctx, row, "trainers", v.get("trainers") or [])
    enterprises = v.get("enterprises") or []
    seen = set()
    for enterprise in enterprises:
        if enterprise in seen:
            problems.append(
                _p(
                    row,
                    "enterprises",
                    _("%(e)s is listed twice; list it once.") % {"e": enterprise},
                )
            )
        seen.add(enterprise)
        key = (enterprise, v.get("programme_code"), v.get("module"))
        if not all(key):
            continue
        if enterprise not in ctx.enterprises:
            problems.append(
                _p(
                    row,
                    "enterprises",
                    _(
                        "There is no enterprise %(c)s; add it to the Enterprises sheet or use an "
                        "existing code."
                    )
                    % {"c": enterprise},
                )
            )
        elif key not in d.enrolments:
            problems.append(_not_enrolled(row, key, "enterprises"))
        elif d.enrolments[key].get(
            "status"
        ) == EnrolmentStatus.DROPPED and enterprise not in getattr(
            d.sessions.get(code), "enterprises", ()
        ):
            problems.append(
                _p(
                    row,
                    "enterprises",
                    _("%(e)s dropped out of the module, so it cannot join a class.")
                    % {"e": enterprise},
                )
            )
    if code and start and end and v.get("programme_code") and v.get("module"):
        stored = d.sessions.get(code)
        if "days" not in v and stored is not None:
            class_days = stored.days  # the column is left out: the days stay as they are
        else:
            class_days = set(v.get("days") or _every_day(start, end))
        if "enterprises" not in v and stored is not None:
            enterprises = stored.enterprises
        d.sessions[code] = SessionInfo(
            v["programme_code"], v["module"], set(enterprises), set(class_days)
        )
    return problems


def _find_session(code: str) -> ClassroomSession | None:
    session = ClassroomSession.objects.filter(code=code).first()
    if session is None and code.startswith(SYNTHETIC_PREFIX):
        pk = code.removeprefix(SYNTHETIC_PREFIX)
        if pk.isdigit():
            session = ClassroomSession.objects.filter(pk=int(pk), code="").first()
    return session


def _value(v: dict, name: str, current, default=""):
    """The cell if the column is there (blank → default), else what is stored."""
    if name not in v:
        return current
    return v[name] if v[name] is not None else default


def write_sessions(ctx: Context, row: Row) -> str:
    v = row.values
    session = _find_session(v["session_code"])
    programme = Programme.objects.get(code=v["programme_code"])
    module = Module.objects.get(code=v["module"])
    enrolments = list(
        Enrolment.objects.filter(
            programme=programme, module=module, enterprise__code__in=v.get("enterprises") or []
        )
    )
    trainers = [_user(email) for email in v.get("trainers") or []]
    provider_name = _value(
        v, "provider", session.provider.name if session and session.provider else ""
    )
    fields = {
        "programme": programme,
        "module": module,
        "title": v["title"],
        "start_date": v["start_date"],
        "end_date": v["end_date"],
        "days": v.get("days") or None,
        "is_online": bool(_value(v, "online", session.is_online if session else False, False)),
        "venue": _value(v, "venue", session.venue if session else ""),
        "online_link": _value(v, "online_link", session.online_link if session else ""),
        "provider": Organisation.objects.get(name=provider_name) if provider_name else None,
        "notes": _value(v, "notes", session.notes if session else ""),
    }
    if "days" not in v and session is not None:
        fields["days"] = list(session.days.values_list("date", flat=True))
    if "trainers" not in v and session is not None:
        trainers = list(session.trainers.all())
    if "enterprises" not in v and session is not None:
        enrolments = list(session.enrolments.all())
    if session is None:
        training_actions.create_session(
            by=ctx.user, code=v["session_code"], trainers=trainers, enrolments=enrolments, **fields
        )
        return "created"
    days = set(fields["days"] or _every_day(fields["start_date"], fields["end_date"]))
    same = (
        all(
            getattr(session, name) == value
            for name, value in fields.items()
            if name not in ("days", "title", "venue", "notes")
        )
        and all(
            getattr(session, name) == (fields[name] or "").strip() for name in ("title", "venue")
        )
        and session.notes == fields["notes"]
        and set(session.days.values_list("date", flat=True)) == days
        and {t.pk for t in trainers} == set(session.trainers.values_list("pk", flat=True))
        and {e.pk for e in enrolments} == set(session.enrolments.values_list("pk", flat=True))
    )
    if same:
        return "unchanged"
    training_actions.update_session(
        session=session,
        by=ctx.user,
        code=session.code,
        trainers=trainers,
        enrolments=enrolments,
        **fields,
    )
    return "updated"


# Attendance --------------------------------------------------------------------------------


def check_attendance(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    problems = []
    code = v.get("session_code")
    info = ctx.delivery.sessions.get(code) if code else None
    if code and info is None:
        problems.append(
            _p(
                row,
                "session_code",
                _(
                    "There is no class %(c)s; add it to the Sessions sheet or use an existing "
                    "session code."
                )
                % {"c": code},
            )
        )
    enterprise, person = v.get("enterprise_code"), v.get("person_code")
    if enterprise and enterprise in ctx.enterprises:
        problems += _coordinator_problem(ctx, row, ctx.enterprises[enterprise], "enterprise_code")
    if enterprise and person and (enterprise, person) not in ctx.people:
        problems.append(
            _p(
                row,
                "person_code",
                _(
                    "%(e)s has no person %(p)s on the People sheet or on the platform; add them "
                    "to the People sheet (enterprise_code and person_code)."
                )
                % {"e": enterprise, "p": person},
            )
        )
    if info is None:
        return problems
    if enterprise and enterprise not in info.enterprises:
        problems.append(
            _p(
                row,
                "enterprise_code",
                _(
                    "%(e)s is not in the class %(c)s; add it to the class's enterprises on the "
                    "Sessions sheet."
                )
                % {"e": enterprise, "c": code},
            )
        )
    day = v.get("date")
    if day and day not in info.days:
        problems.append(
            _p(
                row,
                "date",
                _("%(d)s is not a day of the class %(c)s; its days are %(days)s.")
                % {
                    "d": day.isoformat(),
                    "c": code,
                    "days": ", ".join(x.isoformat() for x in sorted(info.days)),
                },
            )
        )
    return problems


def order_attendance(ctx: Context, rows: list[Row]) -> list[Row]:
    """Attendance is saved once per class, at its last row."""
    for row in rows:
        ctx.delivery.attendance_last[row.values["session_code"]] = row.number
    return rows


@dataclass
class _ClassState:
    session: ClassroomSession
    days: dict  # date -> day id
    places: dict  # (enterprise code, person code) -> participant id
    taken: dict  # (participant id, day id) -> present
    wanted: dict = field(default_factory=dict)  # ((enterprise, person), date) -> present
    changed: bool = False


def _class_state(code: str) -> _ClassState:
    from score.training.models import Attendance, Participant

    session = _find_session(code)
    places = {
        (e, p): pk
        for pk, e, p in Participant.objects.filter(session=session).values_list(
            "pk", "person__enterprise__code", "person__code"
        )
    }
    taken = {
        (p, d): present
        for p, d, present in Attendance.objects.filter(participant__session=session).values_list(
            "participant_id", "day_id", "present"
        )
    }
    days = dict(session.days.values_list("date", "pk"))
    return _ClassState(session, days, places, taken)


def write_attendance(ctx: Context, row: Row) -> str:
    from score.training.models import Participant

    v = row.values
    code = v["session_code"]
    state = ctx.delivery.attendance_state.get(code)
    if state is None:
        state = ctx.delivery.attendance_state[code] = _class_state(code)
    person = (v["enterprise_code"], v["person_code"])
    state.wanted[(person, v["date"])] = v["present"]
    place = state.places.get(person)
    stored = state.taken.get((place, state.days[v["date"]])) if place else None
    if place is None or stored is None:
        outcome = "created"
    elif stored != v["present"]:
        outcome = "updated"
    else:
        outcome = "unchanged"
    state.changed = state.changed or outcome != "unchanged"
    if row.number == ctx.delivery.attendance_last[code] and state.changed:
        new = {p for (p, _day) in state.wanted if p not in state.places}
        if new:
            people = [
                person
                for person in Person.objects.filter(
                    enterprise__code__in={e for e, _p in new}, code__in={p for _e, p in new}
                ).select_related("enterprise")
                if (person.enterprise.code, person.code) in new
            ]
            training_actions.add_participants(by=ctx.user, session=state.session, people=people)
            state.places = {
                (e, p): pk
                for pk, e, p in Participant.objects.filter(session=state.session).values_list(
                    "pk", "person__enterprise__code", "person__code"
                )
            }
        present = {pair for pair, is_present in state.taken.items() if is_present}
        for (who, day), is_present in state.wanted.items():
            pair = (state.places[who], state.days[day])
            if is_present:
                present.add(pair)
            else:
                present.discard(pair)
        training_actions.record_attendance(by=ctx.user, session=state.session, present=present)
    return outcome


# Visits ------------------------------------------------------------------------------------


def check_visits(ctx: Context, row: Row) -> list[Problem]:
    v = row.values
    d = ctx.delivery
    problems = _refs(ctx, row)
    key = _enrolment_key(row)
    kind, sequence, status, day = v.get("type"), v.get("sequence"), v.get("status"), v.get("date")
    enrolment = d.enrolments.get(key) if all(key) else None
    if not problems and all(key) and enrolment is None:
        problems.append(_not_enrolled(row, key))
    problems += _within_programme(ctx, row, "date")
    today = timezone.localdate()
    if status == VisitStatus.DONE:
        if v.get("hours") is None:
            problems.append(
                _p(row, "hours", _("A visit that took place needs its hours, e.g. 3.5."))
            )
        if day and day > today:
            problems.append(
                _p(
                    row,
                    "date",
                    _(
                        "%(d)s is in the future; a visit is done once it has taken place. Make "
                        "its status planned."
                    )
                    % {"d": day.isoformat()},
                )
            )
    elif status == VisitStatus.PLANNED and day and day < today:
        problems.append(
            _p(
                row,
                "date",
                _(
                    "%(d)s has passed, and visits are planned from today on. Record it as done "
                    "with its hours, or plan it for a later date."
                )
                % {"d": day.isoformat()},
            )
        )
    hours = v.get("hours")
    if hours is not None and (not (0 < hours <= 24) or hours != round(hours, 2)):
        problems.append(
            _p(
                row,
                "hours",
                _("The hours are a number above 0 and at most 24, to two decimals, e.g. 3.5."),
            )
        )
    if v.get("trainer"):
        problems += _trainer_problems(ctx, row, "trainer", [v["trainer"]])
    if kind == "baseline" and sequence is not None and sequence != 1:
        problems.append(
            _p(
                row,
                "sequence",
                _("An enrolment has one baseline visit, number 1; make this a follow_up visit."),
            )
        )
    if sequence == 0:
        problems.append(_p(row, "sequence", _("Visits are numbered from 1.")))
    stored = d.visits.get((*key, kind, sequence))
    if stored is not None:
        if stored["status"] == VisitStatus.DONE and status == VisitStatus.PLANNED:
            problems.append(
                _p(
                    row,
                    "status",
                    _("This visit took place on %(d)s; its status is done.")
                    % {"d": stored["done_on"].isoformat()},
                )
            )
        elif (
            stored["status"] == VisitStatus.DONE
            and v.get("trainer")
            and stored["trainer"] != v["trainer"].lower()
        ):
            problems.append(
                _p(
                    row,
                    "trainer",
                    _(
                        "The visit was made by %(t)s, and a visit that took place keeps its "
                        "trainer. Put %(t)s here."
                    )
                    % {"t": stored["trainer"] or "-"},
                )
            )
    if enrolment is not None and status == VisitStatus.DONE and day:
        if enrolment.get("status") == EnrolmentStatus.DROPPED and stored is None:
            problems.append(
                _p(
                    row,
                    "status",
                    _("The enrolment was dropped, so no visit can be recorded for it."),
                )
            )
        if enrolment.get("registered_on") and day < enrolment["registered_on"]:
            problems.append(
                _p(
                    row,
                    "date",
                    _("%(d)s is before the enterprise registered for the module (%(r)s).")
                    % {"d": day.isoformat(), "r": enrolment["registered_on"].isoformat()},
                )
            )
        if kind == "baseline" and enrolment.get("baseline_on") and enrolment["baseline_on"] != day:
            problems.append(
                _p(
                    row,
                    "date",
                    _(
                        "The enrolment's baseline is on %(b)s (baseline_on on the Enrolments "
                        "sheet or on the platform); the baseline visit must have that date."
                    )
                    % {"b": enrolment["baseline_on"].isoformat()},
                )
            )
        if kind in ("follow_up", "final"):
            if not enrolment.get("classroom_on"):
                problems.append(
                    _p(
                        row,
                        "type",
                        _(
                            "Follow-up visits come after the classroom training, and this "
                            "enrolment has none. Fill in classroom_on on the Enrolments sheet, "
                            "or make this the baseline visit."
                        ),
                    )
                )
            elif day < enrolment["classroom_on"]:
                problems.append(
                    _p(
                        row,
                        "date",
                        _(
                            "%(d)s is before the classroom training (%(c)s), and follow-up "
                            "visits come after it. Check the date."
                        )
                        % {"d": day.isoformat(), "c": enrolment["classroom_on"].isoformat()},
                    )
                )
    if all(key) and kind and sequence:
        d.seen_visits.setdefault((*key, kind), []).append((sequence, row))
    return problems


def finish_visits(ctx: Context, rows: list[Row]) -> list[Problem]:
    """New visits of an enrolment and type are numbered on from the last one, without gaps,
    as the platform numbers them."""
    d = ctx.delivery
    stored_max = {}
    for e, p, m, kind, seq in d.visits:
        stored_max[(e, p, m, kind)] = max(stored_max.get((e, p, m, kind), 0), seq)
    problems = []
    for group, numbered in d.seen_visits.items():
        stored = {k[4] for k in d.visits if k[:4] == group} if group in stored_max else set()
        new = sorted((seq, row) for seq, row in numbered if seq not in stored)
        expected = stored_max.get(group, 0) + 1
        for seq, row in new:
            if seq != expected:
                problems.append(
                    _p(
                        row,
                        "sequence",
                        _(
                            "The next %(t)s visit of this enrolment is number %(n)s; number "
                            "the visits 1, 2, 3 … without gaps."
                        )
                        % {"t": group[3], "n": expected},
                    )
                )
            expected = max(expected, seq) + 1
    return problems


def order_visits(ctx: Context, rows: list[Row]) -> list[Row]:
    """Done visits before planned ones; baseline, then follow-ups, then final; by number."""
    return sorted(
        rows,
        key=lambda r: (
            r.values["status"] != VisitStatus.DONE,
            VISIT_TYPE_ORDER[r.values["type"]],
            r.values["sequence"],
            r.values["date"],
            r.number,
        ),
    )


def write_visits(ctx: Context, row: Row) -> str:
    v = row.values
    enrolment = _enrolment(v)
    visit = (
        Visit.objects.filter(enrolment=enrolment, kind=v["type"], sequence=v["sequence"])
        .exclude(status=VisitStatus.CANCELLED)
        .select_related("trainer")
        .first()
    )
    trainer = _user(v["trainer"])
    done = v["status"] == VisitStatus.DONE
    details = {
        "eit_took_part": bool(v.get("eit_took_part")),
        "findings": (v.get("findings") or "").strip(),
        "next_steps": (v.get("next_steps") or "").strip(),
    }
    if visit is not None:
        for name in details:
            if name not in v:
                details[name] = getattr(visit, name)
    if visit is None and done:
        visit = counselling_actions.record_visit(
            by=ctx.user,
            enrolment=enrolment,
            trainer=trainer,
            kind=v["type"],
            done_on=v["date"],
            hours=v["hours"],
            **details,
        )
        outcome = "created"
    elif visit is None:
        visit = counselling_actions.plan_visit(
            by=ctx.user, enrolment=enrolment, kind=v["type"], planned_on=v["date"], trainer=trainer
        )
        outcome = "created"
    elif visit.status == VisitStatus.PLANNED and done:
        counselling_actions.record_visit(
            by=ctx.user,
            visit=visit,
            trainer=trainer,
            kind=v["type"],
            done_on=v["date"],
            hours=v["hours"],
            **details,
        )
        return "updated"
    elif visit.status == VisitStatus.PLANNED:
        changed = {
            k: val
            for k, val in (("planned_on", v["date"]), ("trainer", trainer))
            if getattr(visit, k) != val
        }
        if not changed:
            return "unchanged"
        counselling_actions.update_visit(by=ctx.user, visit=visit, **changed)
        return "updated"
    else:
        changed = {
            k: val
            for k, val in (("done_on", v["date"]), ("hours", v["hours"]), *details.items())
            if getattr(visit, k) != val
        }
        if not changed:
            return "unchanged"
        counselling_actions.update_visit(by=ctx.user, visit=visit, **changed)
        return "updated"
    if visit.sequence != v["sequence"]:
        from score.core.exceptions import ActionError

        raise ActionError(
            _("The platform numbered this visit %(n)s; number the visits without gaps.")
            % {"n": visit.sequence},
            field="sequence",
        )
    return outcome


CHECKS = {
    "Enrolments": check_enrolments,
    "Sessions": check_sessions,
    "Attendance": check_attendance,
    "Visits": check_visits,
}
FINISH_CHECKS = {"Visits": finish_visits}
ORDERS = {
    "Enrolments": order_enrolments,
    "Attendance": order_attendance,
    "Visits": order_visits,
}
WRITERS = {
    "Enrolments": write_enrolments,
    "Sessions": write_sessions,
    "Attendance": write_attendance,
    "Visits": write_visits,
}
