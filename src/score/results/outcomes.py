"""Enterprise outcomes per DESIGN.md's "Results definitions", aggregated in SQL.

Per enterprise and indicator:

- **baseline**: its measurement with wave ``baseline`` (the earliest one, by period end,
  if several were recorded);
- **follow-up**: its latest measurement with wave ``follow_up`` or ``endline`` whose
  period ends inside the report window (an endline wins over a follow-up ending the
  same day);
- **relative change** = (follow-up − baseline) / baseline; none when the baseline is 0 or
  missing (those enterprises are counted in the data-quality notes);
- **improved**: the change goes in the indicator's good direction.

Computed indicators (defect rate, energy per unit, productivity …) are derived when read
with ``score.monitoring.queries.derived_values``: an entered value wins, the formula over
the same period's raw values fills in. Money indicators whose baseline and follow-up are
in different currencies are compared in US dollars at the rates of their period ends.

Reported amounts (cost savings) need no baseline: the enterprise's amount is its latest
follow-up or endline report inside the window, improved = amount > 0, and the average is
the mean amount in US dollars over the enterprises that improved.

Everything here is a queryset or a single aggregate query: nothing loops over rows."""

from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, NullIf

from score.monitoring.models import Direction, Indicator, IndicatorKind, Measurement, Wave
from score.monitoring.queries import derived_values, with_usd

FOLLOW_UP_WAVES = (Wave.FOLLOW_UP, Wave.ENDLINE)
LATEST = ("-period_end", "wave", "-period_start")  # "endline" sorts before "follow_up"
EARLIEST = ("period_end", "period_start")


def _indicators(indicators) -> list[Indicator]:
    """Indicator objects for a list of indicators or codes, in the given order."""
    items = list(indicators)
    codes = [i for i in items if isinstance(i, str)]
    if not codes:
        return items
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    return [
        found[i] if isinstance(i, str) else i for i in items if not isinstance(i, str) or i in found
    ]


def _window(qs: QuerySet, date_from, date_to) -> QuerySet:
    if date_from:
        qs = qs.filter(period_end__gte=date_from)
    if date_to:
        qs = qs.filter(period_end__lte=date_to)
    return qs


def _rows(waves, date_from, date_to) -> QuerySet:
    rows = Measurement.objects.filter(enterprise_id=OuterRef("pk"), wave__in=waves)
    return _window(rows, date_from, date_to)


def _value(indicator: Indicator, waves, order, date_from=None, date_to=None, column="value"):
    """The value (as float) of the outer enterprise's first measurement in ``order``."""
    rows = _rows(waves, date_from, date_to)
    if indicator.kind == IndicatorKind.COMPUTED and indicator.formula:
        rows = rows.filter(indicator__code__in=indicator.operands | {indicator.code})
        code = f"c__{indicator.code}"
        derived = derived_values(rows, [indicator]).filter(**{f"{code}__isnull": False})
        return Subquery(derived.order_by(*order).values(code)[:1], output_field=FloatField())
    rows = rows.filter(indicator=indicator).order_by(*order)
    if column == "currency":
        return Subquery(rows.values(column)[:1], output_field=CharField())
    if column == "value_usd":
        rows = with_usd(rows)
    return Cast(Subquery(rows.values(column)[:1]), FloatField())


def _improved(indicator: Indicator, change):
    if indicator.direction == Direction.UP:
        return ExpressionWrapper(Q(**{f"{change}__gt": 0}), output_field=BooleanField())
    if indicator.direction == Direction.DOWN:
        return ExpressionWrapper(Q(**{f"{change}__lt": 0}), output_field=BooleanField())
    return Value(False, output_field=BooleanField())


def indicator_changes(
    enterprises: QuerySet, indicator: Indicator, *, date_from=None, date_to=None
) -> QuerySet:
    """``enterprises`` annotated for one indicator with ``baseline``, ``follow_up``,
    ``change`` (relative, None when it cannot be computed), ``improved`` (bool, None when
    there is no change) and ``amount_usd`` (reported amounts only, else None)."""
    window = {"date_from": date_from, "date_to": date_to}
    if indicator.kind == IndicatorKind.REPORTED_AMOUNT:
        qs = enterprises.annotate(
            baseline=Value(None, output_field=FloatField()),
            follow_up=_value(indicator, FOLLOW_UP_WAVES, LATEST, **window),
            amount_usd=(
                _value(indicator, FOLLOW_UP_WAVES, LATEST, column="value_usd", **window)
                if indicator.is_money
                else F("follow_up")
            ),
            change=Value(None, output_field=FloatField()),
        )
        return qs.annotate(
            improved=Case(
                When(follow_up__gt=0, then=Value(True)),
                When(follow_up__isnull=False, then=Value(False)),
                default=None,
                output_field=BooleanField(),
            )
        )
    baseline = _value(indicator, (Wave.BASELINE,), EARLIEST)
    follow_up = _value(indicator, FOLLOW_UP_WAVES, LATEST, **window)
    if indicator.is_money and not indicator.is_computed:
        # Different currencies at baseline and follow-up: compare in US dollars.
        same = Q(b_currency=F("f_currency"))
        qs = enterprises.annotate(
            b_currency=_value(indicator, (Wave.BASELINE,), EARLIEST, column="currency"),
            f_currency=_value(indicator, FOLLOW_UP_WAVES, LATEST, column="currency", **window),
        ).annotate(
            baseline=Case(
                When(same, then=baseline),
                default=_value(indicator, (Wave.BASELINE,), EARLIEST, column="value_usd"),
                output_field=FloatField(),
            ),
            follow_up=Case(
                When(same, then=follow_up),
                default=_value(indicator, FOLLOW_UP_WAVES, LATEST, column="value_usd", **window),
                output_field=FloatField(),
            ),
        )
    else:
        qs = enterprises.annotate(baseline=baseline, follow_up=follow_up)
    qs = qs.annotate(
        amount_usd=Value(None, output_field=FloatField()),
        change=ExpressionWrapper(
            (F("follow_up") - F("baseline")) / NullIf(F("baseline"), Value(0.0)),
            output_field=FloatField(),
        ),
    )
    return qs.annotate(
        improved=Case(
            When(change__isnull=True, then=None),
            default=_improved(indicator, "change"),
            output_field=BooleanField(),
        )
    )


def enterprise_changes(enterprises: QuerySet, indicators, *, date_from=None, date_to=None):
    """Per indicator (Indicator objects or codes), ``enterprises`` annotated with
    ``baseline``, ``follow_up``, ``change``, ``improved`` and ``amount_usd`` (see
    ``indicator_changes``): ``{code: QuerySet}``. Each queryset is lazy and can be filtered,
    grouped and aggregated further; iterating one costs one query."""
    return {
        indicator.code: indicator_changes(
            enterprises, indicator, date_from=date_from, date_to=date_to
        )
        for indicator in _indicators(indicators)
    }


CHANGE_FIELDS = ("pk", "baseline", "follow_up", "change", "improved", "amount_usd")


@dataclass
class Outcome:
    """The figures of one indicator over a set of enterprises."""

    indicator: Indicator
    enterprises_reporting: int = 0
    enterprises_improved: int = 0
    average_change: float | None = None
    median_change: float | None = None
    average_amount_usd: float | None = None
    baseline_missing: int = 0
    baseline_zero: int = 0
    no_follow_up: int = 0
    no_rate: int = 0
    notes: list = field(default_factory=list)

    @property
    def is_amount(self) -> bool:
        return self.indicator.kind == IndicatorKind.REPORTED_AMOUNT

    @property
    def share_improved(self) -> float | None:
        if not self.enterprises_reporting:
            return None
        return self.enterprises_improved / self.enterprises_reporting


def summarise(changes: QuerySet, indicator: Indicator) -> Outcome:
    """The outcome figures of ``indicator`` over an ``indicator_changes`` queryset, in two
    queries (the counts and averages; the one or two middle values for the median)."""
    # DISTINCT makes Django aggregate over a derived table, so each enterprise's subqueries
    # run once rather than once per aggregate that reads them.
    rows = changes.values(*CHANGE_FIELDS).distinct()
    if indicator.kind == IndicatorKind.REPORTED_AMOUNT:
        row = rows.aggregate(
            n_reporting=Count("pk", filter=Q(follow_up__isnull=False)),
            n_improved=Count("pk", filter=Q(improved=True)),
            n_average_amount_usd=Avg("amount_usd", filter=Q(improved=True)),
            n_no_rate=Count("pk", filter=Q(improved=True, amount_usd__isnull=True)),
        )
        return Outcome(
            indicator=indicator,
            enterprises_reporting=row["n_reporting"],
            enterprises_improved=row["n_improved"],
            average_amount_usd=row["n_average_amount_usd"],
            no_rate=row["n_no_rate"],
        )
    row = rows.aggregate(
        n_reporting=Count("pk", filter=Q(change__isnull=False)),
        n_improved=Count("pk", filter=Q(improved=True)),
        n_average_change=Avg("change", filter=Q(improved=True)),
        n_baseline_missing=Count("pk", filter=Q(baseline__isnull=True, follow_up__isnull=False)),
        n_baseline_zero=Count("pk", filter=Q(baseline=0, follow_up__isnull=False)),
        n_no_follow_up=Count("pk", filter=Q(baseline__isnull=False, follow_up__isnull=True)),
    )
    return Outcome(
        indicator=indicator,
        enterprises_reporting=row["n_reporting"],
        enterprises_improved=row["n_improved"],
        average_change=row["n_average_change"],
        median_change=median(changes, "change", row["n_reporting"]),
        baseline_missing=row["n_baseline_missing"],
        baseline_zero=row["n_baseline_zero"],
        no_follow_up=row["n_no_follow_up"],
    )


def median(qs: QuerySet, column: str, n: int) -> float | None:
    """The median of ``column`` over the ``n`` rows of ``qs`` where it is not null: the
    middle value (or the mean of the two middle values), fetched with LIMIT/OFFSET."""
    if not n:
        return None
    low, high = (n - 1) // 2, n // 2
    middle = list(
        qs.filter(**{f"{column}__isnull": False})
        .order_by(column, "pk")
        .values_list(column, flat=True)[low : high + 1]
    )
    return sum(middle) / len(middle) if middle else None


def outcomes(enterprises: QuerySet, indicators, *, date_from=None, date_to=None) -> list[Outcome]:
    """The outcome figures of each indicator over ``enterprises`` (two queries each)."""
    return [
        summarise(
            indicator_changes(enterprises, indicator, date_from=date_from, date_to=date_to),
            indicator,
        )
        for indicator in _indicators(indicators)
    ]
