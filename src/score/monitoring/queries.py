"""Reads that pages, the importer and results share. All start from the user's scope.

Computed indicators are derived here, when read, from the stored raw values: one SQL query
groups measurements by enterprise, period and wave and evaluates each formula over the
per-code values (an entered value of a computed indicator wins over the formula)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Cast, Coalesce

from score.accounts.scopes import (
    enterprises_workable_by,
    indicators_visible_to,
    measurements_visible_to,
)
from score.monitoring.catalogue import STANDARD_SET
from score.monitoring.formulas import to_expression
from score.monitoring.models import (
    ExchangeRate,
    Indicator,
    IndicatorKind,
    Measurement,
    PracticeAnswer,
    PracticeItem,
    PracticeWave,
    Wave,
    plain,
)

KEY = ("enterprise_id", "period_start", "period_end", "wave")
DERIVED_PLACES = Decimal("0.0001")


def computed_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(kind=IndicatorKind.COMPUTED).exclude(formula=""))


def derived_values(
    measurements: QuerySet,
    indicators: list[Indicator] | None = None,
    *,
    extra_keys: tuple[str, ...] = (),
    formulas: bool = False,
):
    """Per enterprise, period and wave: the value of each computed indicator, as a
    values() queryset with keys enterprise_id, period_start, period_end, wave and one key
    per computed code, ``c__<code>`` (entered value if any, else the formula over the raw
    values, else None); ``v__<code>`` is the entered value of each code. With
    ``formulas``, ``f__<code>`` is the formula's value even where one was entered.
    ``extra_keys`` are more fields of the enterprise to return (e.g. its name). One query."""
    indicators = computed_indicators() if indicators is None else indicators
    codes = set()
    for indicator in indicators:
        codes |= indicator.operands | {indicator.code}
    per_code = {
        f"v__{code}": Max(Case(When(indicator__code=code, then=Cast("value", FloatField()))))
        for code in sorted(codes)
    }
    qs = measurements.order_by().values(*KEY, *extra_keys).annotate(**per_code)

    def formula(indicator):
        return to_expression(indicator.formula, {c: F(f"v__{c}") for c in indicator.operands})

    computed = {
        f"c__{indicator.code}": Coalesce(
            F(f"v__{indicator.code}"), formula(indicator), output_field=FloatField()
        )
        for indicator in indicators
    }
    if formulas:
        computed |= {f"f__{indicator.code}": formula(indicator) for indicator in indicators}
    return qs.annotate(**computed)


def derived_lookup(measurements: QuerySet, indicators=None) -> dict:
    """{(enterprise_id, period_start, period_end, wave): {code: (Decimal, entered?)}}."""
    indicators = computed_indicators() if indicators is None else indicators
    result = {}
    for row in derived_values(measurements, indicators):
        key = tuple(row[k] for k in KEY)
        values = {}
        for indicator in indicators:
            value = row[f"c__{indicator.code}"]
            if value is not None:
                entered = row[f"v__{indicator.code}"] is not None
                values[indicator.code] = (
                    Decimal(str(value)).quantize(DERIVED_PLACES),
                    entered,
                )
        result[key] = values
    return result


def rate_subquery(currency="currency", on="period_end"):
    """The units per USD of the outer row's currency in force on the outer row's date."""
    return Subquery(
        ExchangeRate.objects.filter(currency=OuterRef(currency), valid_from__lte=OuterRef(on))
        .order_by("-valid_from")
        .values("units_per_usd")[:1]
    )


def with_usd(measurements: QuerySet) -> QuerySet:
    """Annotate ``value_usd``: money values converted at the rate in force at period end
    (None when no rate is known — the data-quality page flags those)."""
    return measurements.annotate(
        rate=Case(
            When(currency="USD", then=1),
            default=rate_subquery(),
            output_field=DecimalField(max_digits=18, decimal_places=6),
        )
    ).annotate(
        value_usd=Case(
            When(indicator__is_money=True, then=F("value") / F("rate")),
            default=None,
            output_field=DecimalField(max_digits=20, decimal_places=6),
        )
    )


def to_usd(amount: Decimal, currency: str, on: date) -> Decimal | None:
    """``amount`` of ``currency`` in US dollars at the rate in force on ``on``."""
    if currency == "USD":
        return Decimal(amount)
    rate = (
        ExchangeRate.objects.filter(currency=currency, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("units_per_usd", flat=True)
        .first()
    )
    return None if rate is None else (Decimal(amount) / rate).quantize(Decimal("0.01"))


def monitoring_enterprises(user):
    return enterprises_workable_by(user)


@dataclass
class Cell:
    value: Decimal | None = None
    currency: str = ""
    derived: bool = False
    measurement: Measurement | None = None
    flags: list = field(default_factory=list)

    @property
    def shown(self) -> str:
        return plain(self.value)


@dataclass
class Column:
    wave: str
    period_start: date
    period_end: date

    @property
    def key(self):
        return (self.period_start, self.period_end, self.wave)

    def get_wave_display(self):
        return Wave(self.wave).label


def _key(m: Measurement) -> tuple:
    return (m.period_start, m.period_end, m.wave)


def measurement_table(user, enterprise, flags=()) -> tuple[list[Column], list[dict]]:
    """The enterprise's measurements as rows (indicators) by columns (period and wave),
    with computed indicators derived on read and data-quality flags beside the values."""
    measurements = list(
        measurements_visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("indicator", "entered_by")
        .order_by("period_end", "period_start", "wave")
    )
    derived = derived_lookup(Measurement.objects.filter(enterprise=enterprise))
    columns: dict[tuple, Column] = {}
    for m in measurements:
        columns.setdefault(
            (m.period_start, m.period_end, m.wave), Column(m.wave, m.period_start, m.period_end)
        )
    indicators = {m.indicator.code: m.indicator for m in measurements}
    by_flag, by_cell = defaultdict(list), defaultdict(list)
    for flag in flags:
        if flag.measurement_id is None:  # about a computed value: shown in its cell
            by_cell[flag.cell].append(flag)
        else:
            by_flag[flag.measurement_id].append(flag)
    cells: dict[str, dict] = defaultdict(dict)
    for m in measurements:
        cells[m.indicator.code][(m.period_start, m.period_end, m.wave)] = Cell(
            m.value,
            m.currency,
            False,
            m,
            by_flag.get(m.pk, []) + by_cell.get((m.indicator.code, *_key(m)), []),
        )
    computed = {i.code: i for i in computed_indicators()}
    for (_e, start, end, wave), values in derived.items():
        for code, (value, entered) in values.items():
            if not entered:
                indicators.setdefault(code, computed[code])
                cells[code][(start, end, wave)] = Cell(
                    value, "", True, flags=by_cell.get((code, start, end, wave), [])
                )
    ordered_columns = sorted(columns.values(), key=lambda c: (c.period_end, c.wave))
    rows = [
        {
            "indicator": indicator,
            "cells": [cells[code].get(c.key) or Cell() for c in ordered_columns],
        }
        for code, indicator in sorted(indicators.items(), key=lambda kv: (kv[1].order, kv[0]))
    ]
    return ordered_columns, rows


def usual_indicators(enterprise) -> list[Indicator]:
    """The indicators a visit form offers: those the enterprise has at baseline, or the
    standard set when it has none yet."""
    baseline = Indicator.objects.filter(
        measurements__enterprise=enterprise, measurements__wave=Wave.BASELINE
    ).distinct()
    indicators = list(baseline.order_by("order", "code"))
    if indicators:
        return indicators
    return list(Indicator.objects.filter(code__in=STANDARD_SET).order_by("order", "code"))


def previous_values(enterprise, indicators) -> dict[str, Measurement]:
    """The latest measurement of each indicator for the enterprise (one query)."""
    latest = {}
    rows = (
        Measurement.objects.filter(enterprise=enterprise, indicator__in=indicators)
        .select_related("indicator")
        .order_by("indicator_id", "-period_end", "-entered_at")
    )
    for m in rows:
        latest.setdefault(m.indicator.code, m)
    return latest


def previous_practice_answers(enterprise, items) -> dict[str, PracticeAnswer]:
    latest = {}
    rows = (
        PracticeAnswer.objects.filter(enterprise=enterprise, item__in=items)
        .select_related("item")
        .order_by("item_id", "-answered_on", "-wave")
    )
    for answer in rows:
        latest.setdefault(answer.item.code, answer)
    return latest


def practice_table(enterprise, module=None):
    """Each practice item with its baseline and follow-up answer for the enterprise."""
    items = PracticeItem.objects.select_related("module")
    if module is not None:
        items = items.filter(module=module)
    answers = {
        (a.item_id, a.wave): a
        for a in PracticeAnswer.objects.filter(enterprise=enterprise, item__in=items)
    }
    rows = []
    for item in items:
        baseline = answers.get((item.pk, PracticeWave.BASELINE))
        follow_up = answers.get((item.pk, PracticeWave.FOLLOW_UP))
        adopted = bool(follow_up and follow_up.answer and not (baseline and baseline.answer))
        rows.append(
            {"item": item, "baseline": baseline, "follow_up": follow_up, "adopted": adopted}
        )
    return rows


def practice_adoption(
    enterprises: QuerySet, *, module=None, date_from=None, date_to=None
) -> QuerySet:
    """Per practice item, counted in SQL over ``enterprises`` and the follow-up answers
    given between ``date_from`` and ``date_to`` (either may be None):

    - ``adopted``: answered yes at follow-up, and no or not answered at baseline;
    - ``already``: yes at follow-up and already yes at baseline;
    - ``answered``: enterprises with a follow-up answer (yes or no)."""
    yes_at_baseline = PracticeAnswer.objects.filter(
        enterprise_id=OuterRef("enterprise_id"),
        item_id=OuterRef("item_id"),
        wave=PracticeWave.BASELINE,
        answer=True,
    )
    follow_up = PracticeAnswer.objects.filter(
        wave=PracticeWave.FOLLOW_UP, enterprise__in=enterprises
    ).annotate(had=Exists(yes_at_baseline))
    if module is not None:
        follow_up = follow_up.filter(item__module=module)
    if date_from is not None:
        follow_up = follow_up.filter(answered_on__gte=date_from)
    if date_to is not None:
        follow_up = follow_up.filter(answered_on__lte=date_to)
    return (
        follow_up.order_by()
        .values("item_id", "item__code")
        .annotate(
            adopted=Count("pk", filter=Q(answer=True, had=False)),
            already=Count("pk", filter=Q(answer=True, had=True)),
            answered=Count("pk"),
        )
        .order_by("item__code")
    )


def catalogue(user, *, programme=None):
    qs = indicators_visible_to(user).select_related("programme")
    if programme is not None:
        qs = qs.filter(Q(programme__isnull=True) | Q(programme=programme))
    return qs.order_by("programme__code", "order", "code")
