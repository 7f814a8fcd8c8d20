"""The results report of a programme (or of one partnership in it) for one user.

``build_results`` starts from what the user may see (``score.accounts.scopes``): the
programme must be visible (else ``Programme.DoesNotExist``), and every figure is computed
over ``enterprises_in_results_scope(user)`` — all of a sponsor's suppliers or a donor's
programmes in aggregate; per-supplier detail only for suppliers that consented to share.

The result is a plain, JSON-serialisable dict (docs/data-formats.md, "Report JSON"): the
pages, the xlsx/csv/pdf exporters and the ``score report results`` command all render it.
Every figure is aggregated in SQL; the number of queries depends on the number of
indicators and modules, never on the number of enterprises."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from score.accounts.scopes import (
    enterprises_in_results_scope,
    enterprises_visible_to,
    logframes_visible_to,
    partnerships_visible_to,
    programmes_visible_to,
)
from score.counselling.models import Visit, VisitStatus
from score.enterprises.models import (
    Enterprise,
    Participation,
    Person,
    PersonRole,
    Sector,
    Sex,
    SizeClass,
)
from score.monitoring.models import Direction, Indicator, IndicatorKind, Measurement, PracticeItem
from score.monitoring.queries import practice_adoption
from score.programmes.models import Partnership, Programme
from score.results.outcomes import Outcome, indicator_changes, summarise
from score.surveys import queries as survey_queries
from score.training.models import (
    MANAGER_ROLES,
    ClassroomSession,
    Enrolment,
    Module,
    Participant,
    SessionDay,
)

PLACES = 4  # shares and relative changes: 0.8302
MONEY_PLACES = 2


def _round(value, places=PLACES):
    return None if value is None else round(float(value), places)


def _programme(user, programme) -> Programme:
    code = getattr(programme, "code", programme)
    return programmes_visible_to(user).select_related("country").get(code=code)


def _partnership(user, programme, partnership) -> Partnership | None:
    if partnership in (None, ""):
        return None
    code = getattr(partnership, "code", partnership)
    return (
        partnerships_visible_to(user).select_related("sponsor").get(code=code, programme=programme)
    )


def report_enterprises(user, programme, partnership=None):
    """Enterprises taking part in ``programme`` (not as comparison) in the user's results
    scope, restricted to ``partnership``'s sponsored suppliers if given."""
    taking_part = Participation.objects.filter(
        programme=programme,
        is_comparison=False,
        enterprise__in=enterprises_in_results_scope(user),
    )
    if partnership is not None:
        taking_part = taking_part.filter(partnership=partnership)
    return Enterprise.objects.filter(pk__in=taking_part.values("enterprise_id"))


def report_indicators(enterprises, programme) -> list[Indicator]:
    """The indicators with a good direction (or reported amounts) that the enterprises
    have data for: entered, or computable from what was entered. One query each for the
    catalogue and for the codes present."""
    present = set(
        Measurement.objects.filter(enterprise__in=enterprises)
        .order_by()
        .values_list("indicator__code", flat=True)
        .distinct()
    )
    catalogue = Indicator.objects.filter(Q(programme__isnull=True) | Q(programme=programme))
    catalogue = catalogue.exclude(direction=Direction.CONTEXT, kind=IndicatorKind.RAW)
    chosen = []
    for indicator in catalogue.order_by("order", "code"):
        if indicator.code in present or (indicator.operands and indicator.operands <= present):
            chosen.append(indicator)
    return chosen


# --- Reach --------------------------------------------------------------------------------


def _in_window(field, date_from, date_to) -> Q:
    q = Q()
    if date_from:
        q &= Q(**{f"{field}__gte": date_from})
    if date_to:
        q &= Q(**{f"{field}__lte": date_to})
    return q


def reach(programme, enterprises, *, date_from=None, date_to=None) -> dict:
    """Enterprises trained (classroom done in the window), participants (distinct people
    in the programme's classes ending in the window) by sex, role and module, workforce of
    the trained enterprises, enterprise visits done and classroom days. Seven queries."""
    trained_enrolments = Enrolment.objects.filter(
        Q(programme=programme, enterprise__in=enterprises, classroom_on__isnull=False)
        & _in_window("classroom_on", date_from, date_to)
    )
    trained = Enterprise.objects.filter(pk__in=trained_enrolments.values("enterprise_id"))
    workforce = trained.aggregate(
        n=Count("pk"),
        total=Sum("employees_total"),
        female=Sum("employees_female"),
        male=Sum("employees_male"),
    )
    sessions = ClassroomSession.objects.filter(
        Q(programme=programme) & _in_window("end_date", date_from, date_to)
    )
    places = Participant.objects.filter(session__in=sessions, person__enterprise__in=enterprises)
    people = Person.objects.filter(pk__in=places.values("person_id"))
    by_cell = {
        f"{role}_{sex}": Count("pk", filter=Q(role=role, sex=sex))
        for role in PersonRole.values
        for sex in Sex.values
    }
    counts = people.aggregate(
        total=Count("pk"),
        **{f"sex_{sex}": Count("pk", filter=Q(sex=sex)) for sex in Sex.values},
        managers=Count("pk", filter=Q(role__in=MANAGER_ROLES)),
        workers=Count("pk", filter=Q(role=PersonRole.WORKER)),
        **by_cell,
    )
    per_module_enterprises = {
        row["module_id"]: row["n"]
        for row in trained_enrolments.order_by()
        .values("module_id")
        .annotate(n=Count("enterprise_id", distinct=True))
    }
    per_module_people = {
        row["session__module_id"]: row
        for row in places.order_by()
        .values("session__module_id")
        .annotate(
            n=Count("person_id", distinct=True),
            female=Count("person_id", distinct=True, filter=Q(person__sex=Sex.FEMALE)),
        )
    }
    module_ids = set(per_module_enterprises) | set(per_module_people)
    modules = Module.objects.filter(pk__in=module_ids).order_by("order", "code")
    days = SessionDay.objects.filter(
        Q(session__in=sessions.filter(enrolments__enterprise__in=enterprises).values("pk"))
        & _in_window("date", date_from, date_to)
    ).aggregate(days=Count("pk"), classes=Count("session", distinct=True))
    visits = Visit.objects.filter(
        Q(
            enrolment__programme=programme,
            enrolment__enterprise__in=enterprises,
            status=VisitStatus.DONE,
        )
        & _in_window("done_on", date_from, date_to)
    ).aggregate(done=Count("pk"), hours=Sum("hours"))
    return {
        "enterprises_trained": workforce["n"],
        "participants": counts["total"],
        "participants_female": counts[f"sex_{Sex.FEMALE}"],
        "participants_male": counts[f"sex_{Sex.MALE}"],
        "participants_managers": counts["managers"],
        "participants_workers": counts["workers"],
        "participants_by_role": [
            {
                "role": role,
                "label": str(label),
                "female": counts[f"{role}_{Sex.FEMALE}"],
                "male": counts[f"{role}_{Sex.MALE}"],
                "total": sum(counts[f"{role}_{sex}"] for sex in Sex.values),
            }
            for role, label in PersonRole.choices
        ],
        "enterprise_visits": visits["done"],
        "visit_hours": _round(visits["hours"], 1) or 0,
        "workforce": workforce["total"] or 0,
        "workforce_female": workforce["female"] or 0,
        "workforce_male": workforce["male"] or 0,
        "classes": days["classes"],
        "classroom_days": days["days"],
        "modules": [
            {
                "module": module.code,
                "name": module.display_name,
                "enterprises_trained": per_module_enterprises.get(module.pk, 0),
                "participants": per_module_people.get(module.pk, {}).get("n", 0),
                "participants_female": per_module_people.get(module.pk, {}).get("female", 0),
            }
            for module in modules
        ],
    }


# --- Outcomes -----------------------------------------------------------------------------


def _outcome_row(outcome: Outcome) -> dict:
    indicator = outcome.indicator
    return {
        "indicator": indicator.code,
        "name": indicator.display_name,
        "unit": _(indicator.unit),
        "direction": indicator.direction,
        "kind": indicator.kind,
        "enterprises_reporting": outcome.enterprises_reporting,
        "enterprises_improved": outcome.enterprises_improved,
        "share_improved": _round(outcome.share_improved),
        "average_change": _round(outcome.average_change),
        "median_change": _round(outcome.median_change),
        "average_amount_usd": _round(outcome.average_amount_usd, MONEY_PLACES),
        "baseline_missing": outcome.baseline_missing,
        "baseline_zero": outcome.baseline_zero,
        "no_follow_up": outcome.no_follow_up,
        "no_rate": outcome.no_rate,
    }


def _notes(outcome: Outcome) -> list[str]:
    name = outcome.indicator.display_name
    notes = []
    if outcome.baseline_zero:
        notes.append(
            ngettext(
                "%(name)s: %(n)s enterprise has a baseline of 0 and is left out of the change "
                "figures.",
                "%(name)s: %(n)s enterprises have a baseline of 0 and are left out of the change "
                "figures.",
                outcome.baseline_zero,
            )
            % {"name": name, "n": outcome.baseline_zero}
        )
    if outcome.baseline_missing:
        notes.append(
            ngettext(
                "%(name)s: %(n)s enterprise has a follow-up but no baseline and is left out of "
                "the change figures.",
                "%(name)s: %(n)s enterprises have a follow-up but no baseline and are left out "
                "of the change figures.",
                outcome.baseline_missing,
            )
            % {"name": name, "n": outcome.baseline_missing}
        )
    if outcome.no_follow_up:
        notes.append(
            ngettext(
                "%(name)s: %(n)s enterprise has a baseline but no follow-up in the period yet.",
                "%(name)s: %(n)s enterprises have a baseline but no follow-up in the period yet.",
                outcome.no_follow_up,
            )
            % {"name": name, "n": outcome.no_follow_up}
        )
    if outcome.no_rate:
        notes.append(
            ngettext(
                "%(name)s: %(n)s amount has no exchange rate to US dollars for its date and is "
                "left out of the average.",
                "%(name)s: %(n)s amounts have no exchange rate to US dollars for their date and "
                "are left out of the average.",
                outcome.no_rate,
            )
            % {"name": name, "n": outcome.no_rate}
        )
    return notes


DIMENSIONS = {
    "country": ("country__code", "country__name"),
    "sector": ("sector", None),
    "size_class": ("size_class", None),
}


def _breakdowns(enterprises, indicators, reach_groups, changes) -> dict:
    """Trained enterprises, workforce, participants and outcome counts by country, sector
    and size class: one grouped query per indicator (and two for reach), summed over the
    few groups in Python."""
    labels = {
        "sector": dict(Sector.choices),
        "size_class": dict(SizeClass.choices),
    }
    out = {}
    for dim, (field, label_field) in DIMENSIONS.items():
        rows: dict = defaultdict(
            lambda: {"enterprises_trained": 0, "workforce": 0, "participants": 0, "outcomes": {}}
        )
        for group in reach_groups["trained"]:
            row = rows[group[field]]
            row["label"] = group.get(label_field) if label_field else None
            row["enterprises_trained"] += group["n"]
            row["workforce"] += group["workforce"] or 0
        for group in reach_groups["people"]:
            row = rows[group[f"enterprise__{field}"]]
            if label_field:
                row["label"] = group[f"enterprise__{label_field}"]
            row["participants"] += group["n"]
        for code, groups in changes.items():
            for group in groups:
                row = rows[group[field]]
                if label_field:
                    row["label"] = group[label_field]
                cell = row["outcomes"].setdefault(code, {"reporting": 0, "improved": 0})
                cell["reporting"] += group["reporting"]
                cell["improved"] += group["improved"]
        out[dim] = [
            {
                "key": key,
                "label": str(row.get("label") or labels.get(dim, {}).get(key, key)),
                "enterprises_trained": row["enterprises_trained"],
                "workforce": row["workforce"],
                "participants": row["participants"],
                "outcomes": [
                    {
                        "indicator": code,
                        "enterprises_reporting": cell["reporting"],
                        "enterprises_improved": cell["improved"],
                        "share_improved": _round(cell["improved"] / cell["reporting"])
                        if cell["reporting"]
                        else None,
                    }
                    for code, cell in row["outcomes"].items()
                ],
            }
            for key, row in sorted(rows.items(), key=lambda kv: str(kv[0]))
        ]
    return out


def _group_fields():
    return ["country__code", "country__name", "sector", "size_class"]


def _grouped_outcomes(changes_qs, indicator: Indicator):
    reporting = (
        Q(follow_up__isnull=False)
        if indicator.kind == IndicatorKind.REPORTED_AMOUNT
        else Q(change__isnull=False)
    )
    return list(
        changes_qs.order_by()
        .values(*_group_fields())
        .annotate(
            reporting=Count("pk", filter=reporting),
            improved=Count("pk", filter=Q(improved=True)),
        )
    )


def _reach_groups(programme, enterprises, *, date_from, date_to) -> dict:
    trained_ids = Enrolment.objects.filter(
        Q(programme=programme, enterprise__in=enterprises, classroom_on__isnull=False)
        & _in_window("classroom_on", date_from, date_to)
    ).values("enterprise_id")
    trained = list(
        Enterprise.objects.filter(pk__in=trained_ids)
        .order_by()
        .values(*_group_fields())
        .annotate(n=Count("pk"), workforce=Sum("employees_total"))
    )
    sessions = ClassroomSession.objects.filter(
        Q(programme=programme) & _in_window("end_date", date_from, date_to)
    )
    people = list(
        Person.objects.filter(
            pk__in=Participant.objects.filter(
                session__in=sessions, person__enterprise__in=enterprises
            ).values("person_id")
        )
        .order_by()
        .values(*[f"enterprise__{f}" for f in _group_fields()])
        .annotate(n=Count("pk"))
    )
    return {"trained": trained, "people": people}


# --- Practices, surveys, suppliers --------------------------------------------------------


def practices(enterprises, *, date_from=None, date_to=None) -> list[dict]:
    """Good practices adopted after training, from follow-up answers given in the window
    (two queries)."""
    rows = list(practice_adoption(enterprises, date_from=date_from, date_to=date_to))
    items = {
        item.pk: item
        for item in PracticeItem.objects.filter(pk__in=[r["item_id"] for r in rows]).select_related(
            "module"
        )
    }
    return [
        {
            "practice": row["item__code"],
            "text": items[row["item_id"]].display_text,
            "module": items[row["item_id"]].module.code,
            "enterprises_answered": row["answered"],
            "enterprises_adopted": row["adopted"],
            "enterprises_already": row["already"],
            "share_adopted": _round(row["adopted"] / row["answered"]) if row["answered"] else None,
        }
        for row in rows
    ]


def _cell(cell, whole=None) -> dict:
    """A survey cell; ``whole`` is the same cell over the programme's responses without the
    report's restriction (partnership or period): when the two differ by 1-4 respondents
    the cell is suppressed too, or that small group could be worked out by subtraction."""
    suppressed = cell.suppressed
    if whole is not None and 0 < whole.n - cell.n < survey_queries.MIN_RESPONDENTS:
        suppressed = True
    share = None if suppressed or not cell.n else cell.positive / cell.n
    return {"n": cell.n, "share_positive": _round(share), "suppressed": suppressed}


def _survey_window(enterprises=None, *, date_from=None, date_to=None) -> Q | None:
    """The responses a restricted report counts: from ``enterprises``, in the window."""
    within = Q()
    if enterprises is not None:
        within &= Q(enterprise__in=enterprises)
    if date_from is not None:
        within &= Q(submitted_on__gte=date_from)
    if date_to is not None:
        within &= Q(submitted_on__lte=date_to)
    return within if within else None


def surveys(user, programme, *, enterprises=None, date_from=None, date_to=None) -> list[dict]:
    """Share of positive answers per question of each questionnaire answered in the
    programme, suppressed below 5 respondents (score.surveys.queries); only responses from
    ``enterprises`` (a partnership's suppliers) and submitted in the window, if given."""
    within = _survey_window(enterprises, date_from=date_from, date_to=date_to)
    restricted = within is not None
    filters = {"programme": programme}
    out = []
    for questionnaire in survey_queries.questionnaire_list().order_by("code"):
        results = survey_queries.results(user, questionnaire, filters=filters, within=within)
        if not any(r.total.n for r in results):
            continue
        whole = (
            survey_queries.results(user, questionnaire, filters=filters)
            if restricted
            else [None] * len(results)
        )
        questions = []
        for r, w in zip(results, whole, strict=True):
            questions.append(
                {
                    "question": r.question.code,
                    "text": r.question.display_text,
                    **_cell(r.total, w and w.total),
                    "by_sex": [
                        {"sex": str(label), **_cell(c, w and w.by_sex[i][1])}
                        for i, (label, c) in enumerate(r.by_sex)
                    ],
                    "by_role": [
                        {"role": str(label), **_cell(c, w and w.by_role[i][1])}
                        for i, (label, c) in enumerate(r.by_role)
                    ],
                }
            )
        out.append(
            {
                "questionnaire": questionnaire.code,
                "title": questionnaire.display_title,
                "waves": list(questionnaire.waves),
                "questions": questions,
            }
        )
    return out


def surveys_combined(user, programme, survey_rows, *, within: Q | None = None) -> list[dict]:
    """Questions that several questionnaires ask at endline (workers and managers: "92% of
    interviewees saw better relations"), as one figure over all their respondents; one
    query per such question, suppressed below 5."""
    asked: dict[str, list] = defaultdict(list)
    texts = {}
    for questionnaire in survey_rows:
        if "endline" not in questionnaire["waves"]:
            continue
        for question in questionnaire["questions"]:
            asked[question["question"]].append(questionnaire["questionnaire"])
            texts.setdefault(question["question"], question["text"])
    out = []
    for code, questionnaires in sorted(asked.items()):
        if len(questionnaires) < 2:
            continue
        cell = survey_queries.share_positive(
            user,
            question_codes=[code],
            questionnaires=questionnaires,
            within=within,
            programme=programme,
            wave="endline",
        )
        if not cell.n:
            continue
        whole = None
        if within is not None:  # see _cell: no small group recoverable by subtraction
            whole = survey_queries.share_positive(
                user,
                question_codes=[code],
                questionnaires=questionnaires,
                programme=programme,
                wave="endline",
            )
        out.append(
            {
                "question": code,
                "text": texts[code],
                "questionnaires": questionnaires,
                "wave": "endline",
                **_cell(cell, whole),
            }
        )
    return out


def suppliers(user, partnership, indicators, *, date_from=None, date_to=None) -> list[dict]:
    """Per-supplier figures of a partnership, only for suppliers that consented to share
    their data with sponsors and that the user may see one by one (one query per
    indicator)."""
    consenting = enterprises_visible_to(user).filter(
        shares_data_with_sponsors=True,
        participations__partnership=partnership,
        participations__programme=partnership.programme,
    )
    rows: dict = {}
    for indicator in indicators:
        changes = indicator_changes(
            consenting, indicator, date_from=date_from, date_to=date_to
        ).order_by("name", "pk")
        for enterprise in changes:
            entry = rows.setdefault(
                enterprise.pk,
                {"enterprise": enterprise.code, "name": enterprise.name, "indicators": []},
            )
            if enterprise.follow_up is None and enterprise.baseline is None:
                continue
            entry["indicators"].append(
                {
                    "indicator": indicator.code,
                    "name": indicator.display_name,
                    "baseline": _round(enterprise.baseline),
                    "follow_up": _round(enterprise.follow_up),
                    "change": _round(enterprise.change),
                    "improved": enterprise.improved,
                    "amount_usd": _round(enterprise.amount_usd, MONEY_PLACES),
                }
            )
    return list(rows.values())


# --- Logframe and comparison group --------------------------------------------------------


def _number(value):
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def logframe_rows(programme, *, date_to=None) -> list[dict]:
    """Targets versus actuals of the programme's logframe (score.results.logframe), the
    actuals by the end of the report period (or today)."""
    from score.results.logframe import build_logframe

    today = timezone.localdate()
    table = build_logframe(programme, today=min(date_to, today) if date_to else today)
    out = []
    for row in table["rows"]:
        actual = row.actual
        out.append(
            {
                "indicator": row.code,
                "name": str(row.label),
                "recorded": row.recorded,
                "actual": _number(actual.total) if actual else None,
                "actual_female": actual.female if actual and row.by_sex else None,
                "actual_male": actual.male if actual and row.by_sex else None,
                "targets": [
                    {
                        "target_date": t.target.target_date.isoformat(),
                        "country": t.target.country.code,
                        "sex": t.target.sex or None,
                        "target": _number(t.target.value),
                        "actual": _number(t.actual),
                        "progress": _round(t.progress),
                    }
                    for t in row.targets
                ],
            }
        )
    return out


def comparison_rows(programme, *, date_from=None, date_to=None) -> dict:
    """The difference-in-differences estimate per indicator (score.results.comparison)."""
    from score.results.comparison import build_comparison

    result = build_comparison(programme, date_from=date_from, date_to=date_to)
    return {
        "comparison_enterprises": result["n_comparison_enterprises"],
        "group_minimum": result["group_minimum"],
        "resamples": result["resamples"],
        "label": str(
            _(
                "An estimate, not a measured result: mean change of the trained enterprises "
                "minus that of the comparison enterprises, with a bootstrap 95 per cent interval."
            )
        ),
        "estimates": [
            {
                "indicator": row.indicator.code,
                "name": row.indicator.display_name,
                "enterprises_trained": row.n_treated,
                "enterprises_comparison": row.n_comparison,
                "estimate": _round(row.estimate.estimate) if row.estimate else None,
                "interval_low": _round(row.estimate.low) if row.estimate else None,
                "interval_high": _round(row.estimate.high) if row.estimate else None,
                "favourable": row.favourable,
            }
            for row in result["rows"]
        ],
    }


# --- Definitions --------------------------------------------------------------------------


def definitions() -> list[dict]:
    terms = [
        (
            _("Baseline"),
            _("An enterprise's measurement with wave “baseline” (the earliest, if several)."),
        ),
        (
            _("Follow-up"),
            _(
                "Its latest measurement with wave “follow-up” or “endline” whose period ends "
                "inside the report period."
            ),
        ),
        (
            _("Relative change"),
            _(
                "(follow-up − baseline) / baseline. Enterprises whose baseline is 0 or missing "
                "are left out and counted in the notes."
            ),
        ),
        (
            _("Improved"),
            _("The change goes in the indicator's good direction (higher or lower is better)."),
        ),
        (_("Enterprises reporting"), _("Enterprises with both a baseline and a follow-up.")),
        (_("Share improved"), _("Enterprises improved divided by enterprises reporting.")),
        (
            _("Average change"),
            _("The mean relative change over the enterprises that improved."),
        ),
        (
            _("Median change"),
            _("The median relative change over all enterprises reporting."),
        ),
        (
            _("Reported amounts"),
            _(
                "Amounts reported for a period (cost savings) need no baseline: an enterprise "
                "improved if its latest amount in the period is above 0; the average is the mean "
                "of those amounts in US dollars at the exchange rate in force at the period end."
            ),
        ),
        (
            _("Computed indicators"),
            _(
                "Defect rate, energy per unit and productivity are computed from the raw values "
                "of the same period when they were not entered."
            ),
        ),
        (
            _("Enterprises trained"),
            _("Enterprises with a module whose classroom training was done in the period."),
        ),
        (
            _("Participants"),
            _("Distinct people who took a place in one of the programme's classes."),
        ),
        (_("Workforce"), _("Employees of the enterprises trained (women and men).")),
        (_("Enterprise visits"), _("In-factory counselling visits done in the period.")),
        (
            _("Good practice adopted"),
            _("In place at follow-up and not in place (or not answered) at baseline."),
        ),
        (
            _("Survey figures"),
            _("No figure is shown for a group of fewer than 5 respondents."),
        ),
    ]
    return [{"term": str(term), "text": str(text)} for term, text in terms]


# --- The report ---------------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def build_results(user, *, programme, partnership=None, date_from=None, date_to=None) -> dict:
    """The results report for ``user``: see the module docstring and docs/data-formats.md.
    Raises Programme.DoesNotExist (or Partnership.DoesNotExist) when not visible."""
    programme = _programme(user, programme)
    partnership = _partnership(user, programme, partnership)
    enterprises = report_enterprises(user, programme, partnership)
    window = {"date_from": date_from, "date_to": date_to}
    indicators = report_indicators(enterprises, programme)
    outcome_rows, notes, grouped = [], [], {}
    for indicator in indicators:
        changes = indicator_changes(enterprises, indicator, **window)
        outcome = summarise(changes, indicator)
        outcome_rows.append(_outcome_row(outcome))
        notes.extend(_notes(outcome))
        grouped[indicator.code] = _grouped_outcomes(changes, indicator)
    reach_figures = reach(programme, enterprises, **window)
    reach_groups = _reach_groups(programme, enterprises, **window)
    breakdowns = _breakdowns(enterprises, indicators, reach_groups, grouped)
    breakdowns["module"] = reach_figures["modules"]
    breakdowns["sex"] = [
        {
            "sex": Sex.FEMALE.value,
            "label": str(Sex.FEMALE.label),
            "participants": reach_figures["participants_female"],
            "workforce": reach_figures["workforce_female"],
        },
        {
            "sex": Sex.MALE.value,
            "label": str(Sex.MALE.label),
            "participants": reach_figures["participants_male"],
            "workforce": reach_figures["workforce_male"],
        },
    ]
    survey_rows = surveys(
        user,
        programme,
        enterprises=enterprises if partnership is not None else None,
        **window,
    )
    combined = surveys_combined(
        user,
        programme,
        survey_rows,
        within=_survey_window(enterprises if partnership is not None else None, **window),
    )
    if survey_rows and (partnership is not None or date_from or date_to):
        notes.append(
            _(
                "Survey figures count only the responses from the enterprises and the period "
                "of this report; a figure that would let a group of fewer than 5 respondents "
                "be worked out from the programme's figures is not shown."
            )
        )
    report = {
        "scope": {
            "programme": programme.code,
            "programme_name": programme.name,
            "country": programme.country.code,
            "country_name": programme.country.name,
            "partnership": partnership.code if partnership else None,
            "partnership_name": partnership.name if partnership else None,
            "sponsor": partnership.sponsor.name if partnership else None,
            "date_from": _iso(date_from),
            "date_to": _iso(date_to),
            "enterprises": enterprises.count(),
            "language": get_language() or "en",
            "generated_at": timezone.now().isoformat(timespec="seconds"),
        },
        "reach": reach_figures,
        "outcomes": outcome_rows,
        "practices": practices(enterprises, **window),
        "surveys": survey_rows,
        "surveys_combined": combined,
        "breakdowns": breakdowns,
        "notes": notes,
        "definitions": definitions(),
    }
    if partnership is not None:
        report["suppliers"] = suppliers(user, partnership, indicators, **window)
    elif logframes_visible_to(user).filter(pk=programme.pk).exists():
        # The programme's own figures (not a sponsor's share of them): its logframe and
        # the comparison-group estimate, for those who may read the logframe.
        report["logframe"] = logframe_rows(programme, date_to=date_to)
        report["comparison"] = comparison_rows(programme, date_from=date_from, date_to=date_to)
    return report
