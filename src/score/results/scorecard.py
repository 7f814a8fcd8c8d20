"""An enterprise's scorecard (issue 5, item 6): its KPIs at baseline and at the latest
follow-up with the change, beside the median change of anonymised peers: the other
enterprises of the same sector, country and size class. No peer figure is shown for fewer
than ``PEER_MINIMUM`` peers reporting the indicator, and no peer is ever named.

Baseline, follow-up and change follow DESIGN.md's "Results definitions" through
``score.results.outcomes.enterprise_changes``. The cost is one query for the indicators, one
per indicator for the enterprise's own values and two per indicator it reports (peer count
and median): it does not grow with the number of enterprises."""

from dataclasses import dataclass

from django.db.models import Q

from score.enterprises.models import Enterprise, SizeClass
from score.monitoring.models import Direction, Indicator, IndicatorKind
from score.results.outcomes import enterprise_changes, median

PEER_MINIMUM = 5


def kpi_indicators(enterprise: Enterprise):
    """Indicators with a good direction or reported as amounts: the global catalogue plus
    those of the enterprise's programmes."""
    own = Q(programme__isnull=True) | Q(programme__participations__enterprise=enterprise)
    return (
        Indicator.objects.filter(pk__in=Indicator.objects.filter(own).values("pk"))
        .filter(~Q(direction=Direction.CONTEXT) | Q(kind=IndicatorKind.REPORTED_AMOUNT))
        .order_by("order", "code")
    )


def peers_of(enterprise: Enterprise):
    """Other enterprises of the same sector, country and size class (none when the size is
    not known)."""
    if enterprise.size_class == SizeClass.UNKNOWN:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(
        sector=enterprise.sector,
        country_id=enterprise.country_id,
        size_class=enterprise.size_class,
    ).exclude(pk=enterprise.pk)


@dataclass
class ScorecardRow:
    indicator: Indicator
    baseline: float | None
    follow_up: float | None
    change: float | None
    improved: bool | None
    amount_usd: float | None
    peers_reporting: int
    peer_median: float | None

    @property
    def is_amount(self) -> bool:
        return self.indicator.kind == IndicatorKind.REPORTED_AMOUNT

    @property
    def peers_too_few(self) -> bool:
        return self.peers_reporting < PEER_MINIMUM


def build_scorecard(enterprise: Enterprise, *, date_from=None, date_to=None) -> dict:
    indicators = list(kpi_indicators(enterprise))
    window = {"date_from": date_from, "date_to": date_to}
    own = enterprise_changes(Enterprise.objects.filter(pk=enterprise.pk), indicators, **window)
    peers = enterprise_changes(peers_of(enterprise), indicators, **window)
    fields = ("baseline", "follow_up", "change", "improved", "amount_usd")
    rows = []
    for indicator in indicators:
        values = own[indicator.code].values(*fields).first() or dict.fromkeys(fields)
        if values["baseline"] is None and values["follow_up"] is None:
            continue
        metric = "amount_usd" if indicator.kind == IndicatorKind.REPORTED_AMOUNT else "change"
        changes = peers[indicator.code]
        n = changes.filter(**{f"{metric}__isnull": False}).count()
        rows.append(
            ScorecardRow(
                indicator=indicator,
                peers_reporting=n,
                peer_median=median(changes, metric, n) if n >= PEER_MINIMUM else None,
                **values,
            )
        )
    return {
        "enterprise": enterprise,
        "rows": rows,
        "peer_minimum": PEER_MINIMUM,
        "size_known": enterprise.size_class != SizeClass.UNKNOWN,
    }
