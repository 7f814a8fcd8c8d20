"""Export the programme workbook for what a user can see (optionally one programme).

Rows come only from the scope functions in accounts/scopes.py; the file has the
template's layout, so it imports back unchanged."""

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.db.models import Prefetch, Q

from score.accounts import scopes
from score.counselling.models import VisitStatus
from score.enterprises.models import Participation
from score.imports.delivery import session_code_of
from score.imports.template import build_workbook, question_codes
from score.imports.workbook import SHEETS_BY_NAME
from score.monitoring.models import ExchangeRate
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
                    "programme", "provider", "partnership"
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
    partnerships = list(
        scopes.partnerships_visible_to(by)
        .filter(programme__in=programmes)
        .select_related("sponsor", "programme")
        .order_by("code")
    )
    rows["Partnerships"] = [
        [
            p.code,
            p.name,
            p.sponsor.name,
            p.programme.code,
            p.start_date,
            p.end_date,
            _number(p.budget) if p.budget is not None else None,
            p.currency,
            _number(p.sponsor_fee_share),
        ]
        for p in partnerships
    ]
    org_names |= {p.sponsor.name for p in partnerships}
    exported_partnerships = {p.pk for p in partnerships}
    rows["Participations"] = [
        [
            e.code,
            p.programme.code,
            p.provider.name if p.provider else None,
            p.partnership.code if p.partnership_id in exported_partnerships else None,
        ]
        for e in enterprises
        for p in sorted(e.exported_participations, key=lambda p: p.programme.code)
        if p.provider_id or p.partnership_id in exported_partnerships
    ]
    org_names |= {row[2] for row in rows["Participations"] if row[2]}
    rows.update(_network_rows(by, enterprise_ids, programmes, programme_code))
    org_names |= rows.pop("_organisations")
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
        | rows.pop("_countries")
    )
    rows["Countries"] = [
        [c.code, c.name, c.currency]
        for c in Country.objects.filter(code__in=country_codes).order_by("code")
    ]
    # Rates are shared by every programme and readable by everyone who monitors; all of
    # them go out, so that amounts convert to US dollars after an import elsewhere.
    rows["ExchangeRates"] = [
        [r.currency, r.valid_from, _number(r.units_per_usd), r.source]
        for r in ExchangeRate.objects.order_by("currency", "valid_from")
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


def _network_rows(by, enterprise_ids, programmes, programme_code: str) -> dict[str, list]:
    """Trainers (all the user sees, or a programme's network), their module statuses, trainer
    courses and participants, providers' prices and the exported enrolments' fees."""
    from score.finance.models import FeeShare, PayerKind
    from score.trainers.models import CourseParticipant, Trainer, TrainerModuleStatus
    from score.trainers.queries import network

    trainers = scopes.trainers_visible_to(by)
    courses = scopes.trainer_courses_visible_to(by).filter(
        Q(programme__isnull=True) | Q(programme__in=programmes)
    )
    if programme_code:
        in_network = network(programme=programmes[0]) if programmes else Trainer.objects.none()
        trainers = trainers.filter(pk__in=in_network.values("pk"))
        courses = courses.filter(programme__in=programmes)
    trainers = list(
        trainers.select_related("country", "organisation", "user").order_by(
            "full_name", "country__code", "pk"
        )
    )
    ids = {t.pk for t in trainers}
    rows: dict[str, list] = {"_organisations": set(), "_countries": set()}
    orgs, countries = rows["_organisations"], rows["_countries"]
    rows["Trainers"] = [
        [
            t.full_name,
            t.country.code,
            t.sex,
            t.languages or None,
            t.organisation.name if t.organisation else None,
            t.email or None,
            t.phone or None,
            t.user.email if t.user and t.user.email else None,
        ]
        for t in trainers
    ]
    orgs |= {t.organisation.name for t in trainers if t.organisation}
    countries |= {t.country.code for t in trainers}
    statuses = (
        TrainerModuleStatus.objects.filter(trainer_id__in=ids)
        .select_related("trainer__country", "module", "certifying_organisation")
        .order_by("trainer__full_name", "trainer__country__code", "module__order", "module__code")
    )
    rows["TrainerModules"] = []
    for s in statuses:
        rows["TrainerModules"].append(
            [
                s.trainer.full_name,
                s.trainer.country.code,
                s.module.code,
                s.level,
                s.trained_on,
                s.certified_on,
                s.expert_on,
                s.certifying_organisation.name if s.certifying_organisation else None,
                s.expires_on,
                s.renewed_on,
            ]
        )
        if s.certifying_organisation:
            orgs.add(s.certifying_organisation.name)
    courses = list(
        courses.filter(Q(supervisor__isnull=True) | Q(supervisor_id__in=ids))
        .select_related("module", "country", "programme", "organisation", "supervisor")
        .order_by("start_date", "title", "pk")
    )
    rows["TrainerCourses"] = [
        [
            c.title,
            c.start_date,
            c.end_date,
            c.kind,
            c.module.code,
            c.country.code,
            c.programme.code if c.programme else None,
            c.organisation.name if c.organisation else None,
            c.venue or None,
            c.supervisor.full_name if c.supervisor else None,
        ]
        for c in courses
    ]
    orgs |= {c.organisation.name for c in courses if c.organisation}
    countries |= {c.country.code for c in courses}
    rows["CourseParticipants"] = [
        [
            p.course.title,
            p.course.start_date,
            p.trainer.full_name,
            p.trainer.country.code,
            p.outcome,
            p.outcome_on,
            "yes" if p.recommended else "no",
        ]
        for p in CourseParticipant.objects.filter(
            course__in=[c.pk for c in courses], trainer_id__in=ids
        )
        .select_related("course", "trainer__country")
        .order_by("course__start_date", "course__title", "trainer__full_name", "pk")
    ]
    enrolments = scopes.enrolments_visible_to(by).filter(
        enterprise_id__in=enterprise_ids, programme__in=programmes
    )
    fees = list(
        scopes.fees_visible_to(by)
        .filter(enrolment__in=enrolments)
        .select_related("enrolment__enterprise", "enrolment__programme", "enrolment__module")
        .prefetch_related(
            Prefetch("shares", queryset=FeeShare.objects.select_related("organisation"))
        )
        .order_by(
            "enrolment__enterprise__code", "enrolment__programme__code", "enrolment__module__code"
        )
    )
    rows["Fees"] = []
    providers = set()
    for f in fees:
        shares = {s.payer_kind: s for s in f.shares.all()}

        def payer(kind, shares=shares):
            share = shares.get(kind)
            return share.organisation.name if share and share.organisation else None

        rows["Fees"].append(
            [
                f.enrolment.enterprise.code,
                f.enrolment.programme.code,
                f.enrolment.module.code,
                _number(f.amount),
                f.currency,
                f.agreed_on,
                *[
                    _number(shares[k].amount) if k in shares else 0
                    for k in (
                        PayerKind.ENTERPRISE,
                        PayerKind.SPONSOR,
                        PayerKind.PROGRAMME,
                        PayerKind.OTHER,
                    )
                ],
                payer(PayerKind.PROGRAMME),
                payer(PayerKind.OTHER),
                f.notes or None,
            ]
        )
        orgs |= {s.organisation.name for s in shares.values() if s.organisation}
        providers.add(f.provider_id)
    rows.update(_invoice_rows(by, {f.pk for f in fees}))
    prices = scopes.module_prices_visible_to(by)
    if programme_code:
        prices = prices.filter(
            Q(provider_id__in=providers)
            | Q(provider__name__in=[n for n in orgs])
            | Q(provider__enrolments__in=enrolments)
        ).distinct()
    prices = prices.select_related("provider", "module").order_by(
        "provider__name", "module__order", "module__code", "valid_from"
    )
    rows["Prices"] = [
        [p.provider.name, p.module.code, p.valid_from, _number(p.amount), p.currency]
        for p in prices
    ]
    orgs |= {row[0] for row in rows["Prices"]}
    return rows


def _invoice_rows(by, fee_ids: set) -> dict[str, list]:
    """Invoices the user may see whose every line bills an exported fee, and their payments."""
    from score.finance.models import InvoiceLine, Payment

    invoices = list(
        scopes.invoices_visible_to(by)
        .filter(lines__share__fee__in=fee_ids)
        .distinct()
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=InvoiceLine.objects.select_related(
                    "share__fee__enrolment__enterprise",
                    "share__fee__enrolment__programme",
                    "share__fee__enrolment__module",
                ),
            )
        )
        .order_by("number")
    )
    rows: dict[str, list] = {"Invoices": []}
    exported = []
    for invoice in invoices:
        lines = list(invoice.lines.all())
        if any(line.share.fee_id not in fee_ids for line in lines):
            continue
        exported.append(invoice.pk)
        enrolments = sorted(
            "/".join(
                (
                    line.share.fee.enrolment.enterprise.code,
                    line.share.fee.enrolment.programme.code,
                    line.share.fee.enrolment.module.code,
                )
            )
            for line in lines
        )
        rows["Invoices"].append(
            [
                invoice.number,
                invoice.payer_kind,
                ";".join(enrolments),
                invoice.status,
                invoice.issued_on,
                invoice.due_on,
                invoice.cancelled_on,
                invoice.notes or None,
            ]
        )
    rows["Payments"] = [
        [p.invoice.number, p.paid_on, _number(p.amount), p.reference or None]
        for p in Payment.objects.filter(invoice_id__in=exported)
        .select_related("invoice")
        .order_by("invoice__number", "paid_on", "pk")
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
