"""Export the programme workbook for what a user can see (optionally one programme).

Rows come only from the scope functions in accounts/scopes.py; the file has the
template's layout, so it imports back unchanged."""

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.db.models import Prefetch

from score.accounts import scopes
from score.counselling.models import VisitStatus
from score.enterprises.models import Participation
from score.imports.delivery import session_code_of
from score.imports.template import build_workbook, question_codes
from score.imports.workbook import SHEETS_BY_NAME
from score.programmes.models import Country, Organisation
from score.training.models import Attendance, Enrolment, Participant, SessionDay


def _names(orgs) -> str:
    return ";".join(sorted(o.name for o in orgs))


def export_rows(*, by, programme_code: str = "") -> dict[str, list[list]]:
    """Rows per sheet, each a list in the sheet's column order."""
    programmes = scopes.programmes_visible_to(by).select_related("country")
    if programme_code:
        programmes = programmes.filter(code=programme_code)
    programmes = list(
        programmes.prefetch_related("donors", "implementation_partners").order_by("code")
    )
    enterprises = (
        scopes.enterprises_visible_to(by)
        .filter(participations__programme__in=programmes)
        .distinct()
        .select_related("country")
        .prefetch_related(
            "lead_buyers",
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(programme__in=programmes).select_related(
                    "programme"
                ),
                to_attr="exported_participations",
            ),
        )
        .order_by("code")
    )
    enterprises = list(enterprises)
    rows: dict[str, list[list]] = {}
    rows["Programmes"] = [
        [
            p.code,
            p.name,
            p.country.code,
            p.phase,
            p.start_date,
            p.end_date,
            p.status,
            _names(p.donors.all()),
            _names(p.implementation_partners.all()),
        ]
        for p in programmes
    ]
    enterprise_ids = [e.pk for e in enterprises]
    delivery = _delivery_rows(by, enterprise_ids, programmes)
    rows.update(delivery)
    org_names = set(rows.pop("_providers"))
    for p in programmes:
        org_names |= {o.name for o in p.donors.all()} | {
            o.name for o in p.implementation_partners.all()
        }
    for e in enterprises:
        org_names |= {o.name for o in e.lead_buyers.all()}
    orgs = (
        scopes.organisations_visible_to(by)
        .filter(name__in=org_names)
        .select_related("country")
        .order_by("name")
    )
    # Organisations a row refers to are exported even when the user's organisation scope is
    # narrower, so that the workbook imports back; only name, kind and country go out.
    visible = {o.name for o in orgs}
    extra = Organisation.objects.filter(name__in=org_names - visible).select_related("country")
    rows["Organisations"] = [
        [o.name, o.short_name, o.kind, o.country.code if o.country else None, o.status]
        for o in sorted([*orgs, *extra], key=lambda o: o.name)
    ]
    rows["Enterprises"] = [
        [
            e.code,
            e.name,
            e.country.code,
            e.region,
            e.sector,
            e.employees_female,
            e.employees_male,
            _names(e.lead_buyers.all()),
            ";".join(sorted(p.programme.code for p in e.exported_participations)),
        ]
        for e in enterprises
    ]
    country_codes = (
        {p.country.code for p in programmes}
        | {e.country.code for e in enterprises}
        | {row[3] for row in rows["Organisations"] if row[3]}
    )
    rows["Countries"] = [
        [c.code, c.name, c.currency]
        for c in Country.objects.filter(code__in=country_codes).order_by("code")
    ]
    rows["People"] = [
        [p.enterprise.code, p.code, p.name, p.sex, p.role, p.job_title]
        for p in scopes.people_visible_to(by)
        .filter(enterprise_id__in=enterprise_ids)
        .exclude(code="")
        .select_related("enterprise")
        .order_by("enterprise__code", "code")
    ]
    rows["Measurements"] = [
        [
            m.enterprise.code,
            m.indicator.code,
            m.period_start,
            m.period_end,
            m.wave,
            _number(m.value),
            m.currency,
            m.source,
        ]
        for m in scopes.measurements_visible_to(by)
        .filter(enterprise_id__in=enterprise_ids)
        .select_related("enterprise", "indicator")
        .order_by("enterprise__code", "indicator__code", "period_start", "wave")
    ]
    rows["Practices"] = [
        [a.enterprise.code, a.item.code, a.wave, "yes" if a.answer else "no", a.answered_on]
        for a in scopes.practice_answers_visible_to(by)
        .filter(enterprise_id__in=enterprise_ids)
        .select_related("enterprise", "item")
        .order_by("enterprise__code", "item__code", "wave")
    ]
    rows["SurveyResponses"] = _survey_rows(by, enterprise_ids, programmes)
    return rows


def _delivery_rows(by, enterprise_ids, programmes) -> dict[str, list]:
    """Enrolments, classes with their attendance, and visits (not cancelled ones) of the
    exported enterprises; a fixed number of queries however many rows."""
    enrolments = list(
        scopes.enrolments_visible_to(by)
        .filter(enterprise_id__in=enterprise_ids, programme__in=programmes)
        .select_related("enterprise", "programme", "module", "provider", "trainer")
        .order_by("enterprise__code", "programme__code", "module__order", "module__code")
    )
    rows: dict[str, list] = {"_providers": set()}
    rows["Enrolments"] = [
        [
            e.enterprise.code,
            e.programme.code,
            e.module.code,
            e.registered_on,
            e.provider.name if e.provider else None,
            e.trainer.email if e.trainer else None,
            e.baseline_on,
            e.classroom_on,
            e.visits_done_on,
            e.completed_on,
            e.dropped_on,
            e.dropped_reason or None,
        ]
        for e in enrolments
    ]
    rows["_providers"] |= {e.provider.name for e in enrolments if e.provider}
    exported = {e.pk for e in enrolments}
    sessions = list(
        scopes.sessions_visible_to(by)
        .filter(programme__in=programmes)
        .select_related("programme", "module", "provider")
        .prefetch_related(
            "trainers",
            "days",
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.filter(pk__in=exported).select_related("enterprise"),
                to_attr="exported_enrolments",
            ),
        )
        .order_by("start_date", "pk")
    )
    rows["Sessions"] = []
    for s in sessions:
        days = sorted(d.date for d in s.days.all())
        every_day = len(days) == (s.end_date - s.start_date).days + 1
        rows["Sessions"].append(
            [
                session_code_of(s),
                s.programme.code,
                s.module.code,
                s.title,
                s.start_date,
                s.end_date,
                None if every_day else ";".join(d.isoformat() for d in days),
                "yes" if s.is_online else "no",
                s.venue or None,
                s.online_link or None,
                s.provider.name if s.provider else None,
                ";".join(sorted(t.email for t in s.trainers.all() if t.email)) or None,
                ";".join(sorted(e.enterprise.code for e in s.exported_enrolments)) or None,
                s.notes or None,
            ]
        )
        if s.provider:
            rows["_providers"].add(s.provider.name)
    codes = {s.pk: session_code_of(s) for s in sessions}
    days = defaultdict(list)
    for session_id, day_id, date in SessionDay.objects.filter(session_id__in=codes).values_list(
        "session_id", "pk", "date"
    ):
        days[session_id].append((date, day_id))
    taken = dict(
        ((p, d), present)
        for p, d, present in Attendance.objects.filter(
            participant__session_id__in=codes
        ).values_list("participant_id", "day_id", "present")
    )
    rows["Attendance"] = sorted(
        [
            codes[session_id],
            enterprise,
            person,
            date,
            "yes" if taken.get((pk, day_id)) else "no",
        ]
        for pk, session_id, enterprise, person in Participant.objects.filter(
            session_id__in=codes,
            person__enterprise_id__in=enterprise_ids,
        )
        .exclude(person__code="")
        .values_list("pk", "session_id", "person__enterprise__code", "person__code")
        for date, day_id in days[session_id]
    )
    rows["Visits"] = [
        [
            v.enrolment.enterprise.code,
            v.enrolment.programme.code,
            v.enrolment.module.code,
            v.kind,
            v.sequence,
            v.status,
            v.done_on if v.status == VisitStatus.DONE else v.planned_on,
            _number(v.hours) if v.hours is not None else None,
            v.trainer.email if v.trainer else None,
            "yes" if v.eit_took_part else "no",
            v.findings or None,
            v.next_steps or None,
        ]
        for v in scopes.visits_visible_to(by)
        .filter(enrolment_id__in=exported)
        .exclude(status=VisitStatus.CANCELLED)
        .select_related(
            "enrolment__enterprise", "enrolment__programme", "enrolment__module", "trainer"
        )
        .order_by(
            "enrolment__enterprise__code",
            "enrolment__programme__code",
            "enrolment__module__code",
            "kind",
            "sequence",
        )
    ]
    return rows


def _number(value: Decimal):
    """A number cell when Excel holds it exactly, else text (still read back exactly)."""
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    if Decimal(repr(float(value))) == value:
        return float(value)
    return str(value.normalize())


def _survey_rows(by, enterprise_ids, programmes) -> list[list]:
    from score.surveys.models import Response

    codes = question_codes()
    responses = (
        Response.objects.filter(
            enterprise__in=scopes.enterprises_surveyable_by(by).filter(pk__in=enterprise_ids),
            programme__in=programmes,
        )
        .select_related("questionnaire", "enterprise", "programme")
        .prefetch_related("answers__question")
        .order_by("questionnaire__code", "pk")
    )
    rows = []
    for r in responses:
        answers = {a.question.code: a.value for a in r.answers.all()}
        rows.append(
            [
                r.questionnaire.code,
                r.external_id or f"score-{r.pk}",
                r.enterprise.code,
                r.programme.code if r.programme else None,
                r.wave,
                r.respondent_role,
                r.sex,
                r.tenure_band,
                r.submitted_on,
                *[answers.get(code) for code in codes],
            ]
        )
    return rows


def export_workbook(*, by, path: Path, programme_code: str = "") -> dict[str, int]:
    rows = export_rows(by=by, programme_code=programme_code)
    build_workbook(rows).save(path)
    return {name: len(rows.get(name, [])) for name in SHEETS_BY_NAME if rows.get(name)}
