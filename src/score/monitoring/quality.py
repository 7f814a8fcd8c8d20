"""Data-quality checks on measurements.

Flags are computed when read, one SQL query per rule, from the measurements in the
user's scope; they are not stored. A stored flag goes stale the moment a value is
corrected or a rate added, and this data is small enough per page that computing is
cheap; computing also means a flag can never be "silently dropped": as long as the
problem is in the data, the flag is on the page, and it disappears only when the data is
fixed. Each flag names the measurement, says what is wrong and how to fix it."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from score.monitoring.formulas import formula_denominators
from score.monitoring.models import ExchangeRate, Indicator, IndicatorKind, Measurement, Wave, plain
from score.monitoring.queries import derived_values, with_usd

FOLLOW_WAVES = (Wave.FOLLOW_UP, Wave.ENDLINE)
# An indicator without its own plausible change factor: a follow-up more than this many
# times larger or smaller than the baseline is flagged. Generous, because such indicators
# are mostly small counts that may rightly rise tenfold (worker suggestions 3 → 40 once a
# suggestion scheme runs); 2 → 400 EIT meetings is a typo.
DEFAULT_JUMP_FACTOR = Decimal(20)
# An amount of money above this many US dollars (cost savings of a period, a cost per unit)
# is out of reach for the small and medium enterprises of a programme.
MAX_PLAUSIBLE_USD = Decimal(10_000_000)
# An entered value of a computed indicator that differs from the formula over the raw
# values of the same period by more than this share is flagged.
ENTERED_TOLERANCE = 0.05


@dataclass(frozen=True)
class Flag:
    rule: str
    measurement_id: int | None  # None for a value derived by a formula
    enterprise_id: int
    enterprise: str
    indicator: str
    period: str
    wave: str
    problem: str
    fix: str
    # (indicator code, period_start, period_end, wave): the cell the flag is about
    cell: tuple = ()


RULES = {
    "range": "out of range",
    "follow_up_before_baseline": "follow-up before baseline",
    "overlap": "overlapping periods",
    "jump": "implausible jump",
    "missing_denominator": "missing denominator",
    "missing_rate": "money without exchange rate",
    "range_usd": "implausible amount in USD",
    "entered_differs": "entered value differs from the computed one",
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
        cell=(m.indicator.code, m.period_start, m.period_end, m.wave),
    )


def _derived_flag(rule: str, row: dict, code: str, problem: str, fix: str) -> Flag:
    """A flag on a value of a computed indicator, from a row of derived_values."""
    return Flag(
        rule=rule,
        measurement_id=None,
        enterprise_id=row["enterprise_id"],
        enterprise=row["enterprise__name"],
        indicator=code,
        period=f"{row['period_start']:%Y-%m-%d} – {row['period_end']:%Y-%m-%d}",
        wave=Wave(row["wave"]).label,
        problem=problem,
        fix=fix,
        cell=(code, row["period_start"], row["period_end"], row["wave"]),
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


def _jump_problem(code, before, after, factor) -> str:
    return _(
        "%(ind)s went from %(before)s at baseline to %(after)s: more than %(factor)s "
        "times larger or smaller."
    ) % {"ind": code, "before": plain(before), "after": plain(after), "factor": plain(factor)}


def _jump_fix() -> str:
    return _(
        "Check that both values use the same unit and period length; correct the one that is wrong."
    )


def implausible_jumps(measurements: QuerySet) -> list[Flag]:
    """Entered values (of every indicator, computed ones too) more than the indicator's
    change factor (DEFAULT_JUMP_FACTOR when it has none) away from the entered baseline."""
    baseline_value = Subquery(_baseline().order_by("-period_end").values("value")[:1])
    factor = Coalesce(
        F("indicator__jump_factor"),
        Value(DEFAULT_JUMP_FACTOR),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )
    qs = (
        measurements.filter(wave__in=FOLLOW_WAVES)
        .annotate(baseline_value=baseline_value, factor=factor)
        .filter(baseline_value__gt=0, value__gt=0)
        .filter(
            Q(value__gt=F("baseline_value") * F("factor"))
            | Q(baseline_value__gt=F("value") * F("factor"))
        )
    )
    return [
        _flag(
            "jump",
            m,
            _jump_problem(m.indicator.code, m.baseline_value, m.value, m.factor),
            _jump_fix(),
        )
        for m in _rows(qs)
    ]


def _rounded(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.0001")).normalize()


def computed_checks(measurements: QuerySet, computed: list[Indicator]) -> list[Flag]:
    """Two checks on computed indicators over one query (derived_values):

    - a jump between the baseline and a follow-up value of a computed indicator where at
      least one of them is derived from the raw values (two entered ones are checked by
      implausible_jumps); the baseline is the one of the latest baseline period;
    - an entered value that differs by more than ENTERED_TOLERANCE from the formula over the
      raw values of the same enterprise, period and wave (the entered value wins, so the
      raw values or the entered one are probably wrong)."""
    if not computed:
        return []
    rows = list(
        derived_values(
            measurements, computed, extra_keys=("enterprise__name",), formulas=True
        ).order_by("enterprise__name", "enterprise_id", "period_end", "period_start", "wave")
    )
    flags = []
    baselines: dict[tuple, dict] = {}
    for row in rows:
        if row["wave"] == Wave.BASELINE:
            for indicator in computed:
                if row[f"c__{indicator.code}"] is not None:
                    baselines[(row["enterprise_id"], indicator.code)] = row
    for row in rows:
        for indicator in computed:
            code = indicator.code
            entered, formula = row[f"v__{code}"], row[f"f__{code}"]
            if entered is not None and formula is not None:
                scale = max(abs(entered), abs(formula))
                if scale and abs(entered - formula) > ENTERED_TOLERANCE * scale:
                    flags.append(
                        _derived_flag(
                            "entered_differs",
                            row,
                            code,
                            _(
                                "The entered %(ind)s, %(entered)s, differs by more than "
                                "%(pct)s%% from %(derived)s, its value computed from "
                                "%(operands)s of the same period. The entered value is the "
                                "one used."
                            )
                            % {
                                "ind": code,
                                "entered": plain(_rounded(entered)),
                                "derived": plain(_rounded(formula)),
                                "pct": round(ENTERED_TOLERANCE * 100),
                                "operands": ", ".join(sorted(indicator.operands)),
                            },
                            _(
                                "Check the entered %(ind)s and %(operands)s against the "
                                "company records; correct the wrong one, or delete the entered "
                                "%(ind)s to use the computed value."
                            )
                            % {"ind": code, "operands": ", ".join(sorted(indicator.operands))},
                        )
                    )
            if row["wave"] not in FOLLOW_WAVES:
                continue
            base = baselines.get((row["enterprise_id"], code))
            after = row[f"c__{code}"]
            if base is None or after is None:
                continue
            before = base[f"c__{code}"]
            if base[f"v__{code}"] is not None and entered is not None:
                continue  # both entered: implausible_jumps has it
            factor = float(indicator.jump_factor or DEFAULT_JUMP_FACTOR)
            if before > 0 and after > 0 and (after > before * factor or before > after * factor):
                flags.append(
                    _derived_flag(
                        "jump",
                        row,
                        code,
                        _jump_problem(
                            code, _rounded(before), _rounded(after), Decimal(str(factor))
                        ),
                        _(
                            "%(ind)s is computed from %(operands)s: check that they use the "
                            "same unit and period length at baseline and follow-up; correct "
                            "the one that is wrong."
                        )
                        % {"ind": code, "operands": ", ".join(sorted(indicator.operands))},
                    )
                )
    return flags


def implausible_usd_amounts(measurements: QuerySet) -> list[Flag]:
    """Amounts of money whose value in US dollars (at the rate in force at period end) is
    above MAX_PLAUSIBLE_USD: a typo of extra digits or the wrong currency."""
    limit = MAX_PLAUSIBLE_USD
    qs = with_usd(measurements.filter(indicator__is_money=True)).filter(value_usd__gt=limit)
    return [
        _flag(
            "range_usd",
            m,
            _(
                "%(value)s %(cur)s is about USD %(usd)s, above the USD %(limit)s that is "
                "plausible for %(ind)s of one enterprise."
            )
            % {
                "value": plain(m.value),
                "cur": m.currency,
                "usd": f"{m.value_usd:,.0f}",
                "limit": f"{limit:,.0f}",
                "ind": m.indicator.code,
            },
            _(
                "Check the number of digits and the currency against the company records, "
                "then correct the value or the currency."
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
        *implausible_usd_amounts(measurements),
        *follow_up_before_baseline(measurements),
        *overlapping_periods(measurements),
        *implausible_jumps(measurements),
        *computed_checks(measurements, computed),
        *missing_denominators(measurements, computed),
        *missing_rates(measurements),
    ]
