"""Export the programme workbook for what a user can see (optionally one programme).

Rows come only from the scope functions in accounts/scopes.py; the file has the
template's layout, so it imports back unchanged."""

from decimal import Decimal
from pathlib import Path

from django.db.models import Prefetch

from score.accounts import scopes
from score.enterprises.models import Participation
from score.imports.template import build_workbook, question_codes
from score.imports.workbook import SHEETS_BY_NAME
from score.programmes.models import Country, Organisation


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
    org_names = set()
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
    enterprise_ids = [e.pk for e in enterprises]
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
