"""Shortcuts for monitoring tests: record values through the real actions."""

import datetime
from decimal import Decimal

from score.monitoring import actions

BASELINE = (datetime.date(2011, 1, 1), datetime.date(2011, 12, 31))
FOLLOW_UP = (datetime.date(2012, 1, 1), datetime.date(2012, 12, 31))


def measure(enterprise, code, value, *, wave="baseline", period=None, currency="", by=None):
    period = period or (BASELINE if wave == "baseline" else FOLLOW_UP)
    return actions.record_measurement(
        by=by,
        enterprise=enterprise,
        indicator=code,
        period_start=period[0],
        period_end=period[1],
        wave=wave,
        value=Decimal(str(value)),
        currency=currency,
        source="company_records",
    )
