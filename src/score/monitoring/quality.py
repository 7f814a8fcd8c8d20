"""Data-quality checks on measurements.

Flags are computed when read, one SQL query per rule, from the measurements in the
user's scope; they are not stored. A stored flag goes stale the moment a value is
corrected or a rate added, and this data is small enough per page that computing is
cheap; computing also means a flag can never be "silently dropped": as long as the
problem is in the data, the flag is on the page, and it disappears only when the data is
fixed. Each flag names the measurement, says what is wrong and how to fix it."""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from score.monitoring.formulas import formula_denominators
from score.monitoring.models import ExchangeRate, Indicator, IndicatorKind, Measurement, Wave, plain

FOLLOW_WAVES = (Wave.FOLLOW_UP, Wave.ENDLINE)


@dataclass(frozen=True)
class Flag:
    rule: str
    measurement_id: int
    enterprise_id: int
    enterprise: str
    indicator: str
    period: str
    wave: str
    problem: str
    fix: str


RULES = {
    "range": "out of range",
    "follow_up_before_baseline": "follow-up before baseline",
    "overlap": "overlapping periods",
    "jump": "implausible jump",
    "missing_denominator": "missing denominator",
    "missing_rate": "money without exchange rate",
}


def _flag(rule: str, m, problem: str, fix: str) -> Flag:
    return Flag(
        rule=rule,
        measurement_id=m.pk,
        enterprise_id=m.enterprise_id,
        enterprise=m.enterprise.name,
        indicator=m.indicator.code,
        period=f"{m.period_start:%Y-%m-%d} – {m.period_end:%Y-%m-%d}",
        wave=m.get_wave_display(),
        problem=problem,
        fix=fix,
    )


def _rows(qs: QuerySet):
    return qs.select_related("enterprise", "indicator").order_by(
        "enterprise__name", "indicator__order", "period_end"
    )


def out_of_range(measurements: QuerySet) -> list[Flag]:
    qs = measurements.filter(
        Q(indicator__min_value__isnull=False, value__lt=F("indicator__min_value"))
        | Q(indicator__max_value__isnull=False, value__gt=F("indicator__max_value"))
    )
    return [
        _flag(
            "range",
            m,
            _("%(value)s is outside the plausible range of %(ind)s (%(lo)s to %(hi)s %(unit)s).")
            % {
                "value": plain(m.value),
                "ind": m.indicator.code,
                "lo": "—" if m.indicator.min_value is None else plain(m.indicator.min_value),
                "hi": "—" if m.indicator.max_value is None else plain(m.indicator.max_value),
                "unit": m.indicator.unit,
            },
            _("Check the unit and the figure in the company records, then correct the value."),
        )
        for m in _rows(qs)
    ]


def _baseline(**extra):
    return Measurement.objects.filter(
        enterprise_id=OuterRef("enterprise_id"),
        indicator_id=OuterRef("indicator_id"),
        wave=Wave.BASELINE,
        **extra,
    )


def follow_up_before_baseline(measurements: QuerySet) -> list[Flag]:
    qs = measurements.filter(wave__in=FOLLOW_WAVES).filter(
        Exists(_baseline(period_end__gt=OuterRef("period_end")))
    )
    return [
        _flag(
            "follow_up_before_baseline",
            m,
            _("This %(wave)s period ends before the baseline period of %(ind)s ends.")
            % {"wave": m.get_wave_display(), "ind": m.indicator.code},
            _("Correct the period dates, or change the wave if this was in fact the baseline."),
        )
        for m in _rows(qs)
    ]


def overlapping_periods(measurements: QuerySet) -> list[Flag]:
    other = Measurement.objects.filter(
        enterprise_id=OuterRef("enterprise_id"),
        indicator_id=OuterRef("indicator_id"),
        wave=OuterRef("wave"),
        period_start__lte=OuterRef("period_end"),
        period_end__gte=OuterRef("period_start"),
    ).exclude(pk=OuterRef("pk"))
    qs = measurements.filter(Exists(other))
    return [
        _flag(
            "overlap",
            m,
            _("Another %(wave)s value of %(ind)s covers part of the same period.")
            % {"wave": m.get_wave_display(), "ind": m.indicator.code},
            _("Keep one value per period: delete the duplicate or correct its dates."),
        )
        for m in _rows(qs)
    ]


def implausible_jumps(measurements: QuerySet) -> list[Flag]:
    baseline_value = Subquery(_baseline().order_by("-period_end").values("value")[:1])
    qs = (
        measurements.filter(wave__in=FOLLOW_WAVES, indicator__jump_factor__isnull=False)
        .annotate(baseline_value=baseline_value)
        .filter(baseline_value__gt=0, value__gt=0)
        .filter(
            Q(value__gt=F("baseline_value") * F("indicator__jump_factor"))
            | Q(baseline_value__gt=F("value") * F("indicator__jump_factor"))
        )
    )
    return [
        _flag(
            "jump",
            m,
            _(
                "%(ind)s went from %(before)s at baseline to %(after)s: more than %(factor)s "
                "times larger or smaller."
            )
            % {
                "ind": m.indicator.code,
                "before": plain(m.baseline_value),
                "after": plain(m.value),
                "factor": plain(m.indicator.jump_factor),
            },
            _(
                "Check that both values use the same unit and period length; correct the "
                "one that is wrong."
            ),
        )
        for m in _rows(qs)
    ]


def _same_key(code: str):
    return Exists(
        Measurement.objects.filter(
            enterprise_id=OuterRef("enterprise_id"),
            period_start=OuterRef("period_start"),
            period_end=OuterRef("period_end"),
            wave=OuterRef("wave"),
            indicator__code=code,
        )
    )


def missing_denominators(measurements: QuerySet, computed: list[Indicator]) -> list[Flag]:
    """A numerator of a formula recorded without its denominator for the same enterprise,
    period and wave (and without an entered value of the computed indicator), e.g.
    defective_units without units_produced: the computed value cannot be derived."""
    clauses = Q(pk__in=[])
    annotations = {}
    reasons = []
    # A base quantity that other formulas divide by (units_produced) stands on its own: its
    # presence without labour_hours is not a problem, only productivity is then unknown.
    bases = set()
    for indicator in computed:
        bases |= formula_denominators(indicator.formula)
    for indicator in computed:
        denominators = sorted(formula_denominators(indicator.formula))
        numerators = sorted(indicator.operands - set(denominators) - bases)
        for code in [*denominators, indicator.code]:
            annotations[f"has_{code}"] = _same_key(code)
        lacking = Q(pk__in=[])
        for code in denominators:
            lacking |= Q(**{f"has_{code}": False})
        for code in numerators:
            clauses |= Q(indicator__code=code) & lacking & Q(**{f"has_{indicator.code}": False})
            reasons.append((code, denominators, indicator.code))
    if not reasons:
        return []
    rows = _rows(measurements.annotate(**annotations).filter(clauses))
    flags = []
    for m in rows:
        for code, denominators, target in reasons:
            absent = [c for c in denominators if not getattr(m, f"has_{c}")]
            if m.indicator.code != code or not absent or getattr(m, f"has_{target}"):
                continue
            flags.append(
                _flag(
                    "missing_denominator",
                    m,
                    _(
                        "%(code)s is recorded but %(missing)s is missing for the same period "
                        "and wave, so %(target)s cannot be derived."
                    )
                    % {"code": code, "missing": ", ".join(absent), "target": target},
                    _("Record %(missing)s for the same period and wave, or enter %(target)s.")
                    % {"missing": ", ".join(absent), "target": target},
                )
            )
    return flags


def missing_rates(measurements: QuerySet) -> list[Flag]:
    rate = ExchangeRate.objects.filter(
        currency=OuterRef("currency"), valid_from__lte=OuterRef("period_end")
    )
    qs = (
        measurements.filter(indicator__is_money=True)
        .exclude(currency__in=["", "USD"])
        .filter(~Exists(rate))
    )
    return [
        _flag(
            "missing_rate",
            m,
            _("No exchange rate for %(cur)s on %(date)s, so this amount cannot be shown in USD.")
            % {"cur": m.currency, "date": m.period_end},
            _(
                "Ask an administrator to add the %(cur)s rate valid on or before %(date)s "
                "under exchange rates."
            )
            % {"cur": m.currency, "date": m.period_end},
        )
        for m in _rows(qs)
    ]


def flags_for(measurements: QuerySet) -> list[Flag]:
    """Every flag on ``measurements`` (already scoped by the caller), in a fixed number of
    queries whatever the number of rows."""
    computed = list(Indicator.objects.filter(kind=IndicatorKind.COMPUTED).exclude(formula=""))
    return [
        *out_of_range(measurements),
        *follow_up_before_baseline(measurements),
        *overlapping_periods(measurements),
        *implausible_jumps(measurements),
        *missing_denominators(measurements, computed),
        *missing_rates(measurements),
    ]
