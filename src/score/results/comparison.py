"""The comparison-group estimate (issue 5, item 7): a difference in differences per
indicator, with a bootstrap 95 per cent interval.

Comparison enterprises take part in a programme without being trained
(``Participation.is_comparison``); they are measured at baseline and follow-up like the
others. Per indicator, each enterprise's relative change from baseline to latest follow-up
(DESIGN.md, "Results definitions", via ``score.results.outcomes.enterprise_changes``) is
fetched in one query; the estimate is

    mean change of the trained enterprises − mean change of the comparison enterprises,

that is, the change the training is estimated to have added beyond what happened anyway.
The interval resamples each group with replacement ``RESAMPLES`` times (seeded, so the same
data always gives the same interval) and takes the 2.5th and 97.5th percentiles of the
resampled estimates. It is an estimate: enterprises were not assigned at random, so
differences between the groups other than the training also show in it. No estimate is
given with fewer than ``GROUP_MINIMUM`` enterprises reporting in either group."""

from dataclasses import dataclass

import numpy as np
from django.db.models import Exists, OuterRef

from score.enterprises.models import Enterprise, Participation
from score.monitoring.models import Direction, Indicator, IndicatorKind
from score.programmes.models import Programme
from score.results.outcomes import enterprise_changes

RESAMPLES = 1000
SEED = 20091  # SCORE started in 2009; any fixed number keeps intervals reproducible
GROUP_MINIMUM = 5


@dataclass
class Estimate:
    estimate: float
    low: float
    high: float
    treated_mean: float
    comparison_mean: float
    n_treated: int
    n_comparison: int


def did_estimate(
    treated: list[float],
    comparison: list[float],
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Estimate:
    """Difference of the mean changes with a percentile bootstrap 95 per cent interval."""
    t = np.asarray(treated, dtype=float)
    c = np.asarray(comparison, dtype=float)
    if len(t) == 0 or len(c) == 0:
        raise ValueError("both groups need at least one value")
    rng = np.random.default_rng(seed)
    t_means = rng.choice(t, size=(resamples, len(t)), replace=True).mean(axis=1)
    c_means = rng.choice(c, size=(resamples, len(c)), replace=True).mean(axis=1)
    low, high = np.percentile(t_means - c_means, [2.5, 97.5])
    return Estimate(
        estimate=float(t.mean() - c.mean()),
        low=float(low),
        high=float(high),
        treated_mean=float(t.mean()),
        comparison_mean=float(c.mean()),
        n_treated=len(t),
        n_comparison=len(c),
    )


@dataclass
class ComparisonRow:
    indicator: Indicator
    n_treated: int
    n_comparison: int
    estimate: Estimate | None

    @property
    def too_few(self) -> bool:
        return self.estimate is None

    @property
    def favourable(self) -> bool | None:
        """Whether the estimate goes in the indicator's good direction."""
        if self.estimate is None:
            return None
        if self.indicator.direction == Direction.DOWN:
            return self.estimate.estimate < 0
        return self.estimate.estimate > 0


def comparison_indicators():
    """Indicators with a good direction and a baseline (reported amounts have none)."""
    return (
        Indicator.objects.filter(programme__isnull=True)
        .exclude(direction=Direction.CONTEXT)
        .exclude(kind=IndicatorKind.REPORTED_AMOUNT)
        .order_by("order", "code")
    )


def build_comparison(
    programme: Programme, *, indicators=None, date_from=None, date_to=None
) -> dict:
    """Per indicator that any of them reports, the difference-in-differences estimate
    between the programme's trained and comparison enterprises. One query for the
    indicators, one per indicator and one for the number of comparison enterprises."""
    indicators = list(comparison_indicators() if indicators is None else indicators)
    taking_part = Participation.objects.filter(programme=programme)
    enterprises = Enterprise.objects.filter(pk__in=taking_part.values("enterprise")).annotate(
        is_comparison=Exists(taking_part.filter(enterprise=OuterRef("pk"), is_comparison=True))
    )
    changes = enterprise_changes(enterprises, indicators, date_from=date_from, date_to=date_to)
    rows = []
    for indicator in indicators:
        pairs = (
            changes[indicator.code]
            .filter(change__isnull=False)
            .values_list("is_comparison", "change")
        )
        treated, comparison = [], []
        for is_comparison, change in pairs:
            (comparison if is_comparison else treated).append(change)
        if not treated and not comparison:
            continue  # nobody reports it: nothing to say
        enough = len(treated) >= GROUP_MINIMUM and len(comparison) >= GROUP_MINIMUM
        rows.append(
            ComparisonRow(
                indicator=indicator,
                n_treated=len(treated),
                n_comparison=len(comparison),
                estimate=did_estimate(treated, comparison) if enough else None,
            )
        )
    n_comparison = taking_part.filter(is_comparison=True).count()
    return {
        "programme": programme,
        "rows": rows,
        "n_comparison_enterprises": n_comparison,
        "group_minimum": GROUP_MINIMUM,
        "resamples": RESAMPLES,
    }
