"""Cost recovery in SQL agrees with a plain-Python reference on random fees (DESIGN.md:
every results figure has a reference implementation)."""

import datetime
from decimal import ROUND_HALF_EVEN, Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score.finance import actions, queries
from score.finance.models import NON_PROGRAMME_PAYERS, PayerKind
from score.monitoring.models import ExchangeRate
from tests.factories import EnterpriseFactory, ParticipationFactory
from tests.training.factories import EnrolmentFactory, core_module

CNY_PER_USD = Decimal("6.25")
KINDS = [PayerKind.ENTERPRISE, PayerKind.PROGRAMME, PayerKind.OTHER]
fee_rows = st.lists(
    st.tuples(
        st.sampled_from(["WC", "QM", "HR"]),
        st.sampled_from(["USD", "CNY"]),
        st.lists(st.integers(min_value=0, max_value=5000), min_size=3, max_size=3),
        st.integers(min_value=0, max_value=700),  # days after 2012-01-01
    ),
    max_size=8,
)


def reference(rows, until):
    """{group: (n, cost, non-programme)} in USD, from the rows as generated."""
    result = {"module_1": [0, Decimal(0), Decimal(0)], "modules_2_5": [0, Decimal(0), Decimal(0)]}
    for module, currency, amounts, offset in rows:
        if datetime.date(2012, 1, 1) + datetime.timedelta(days=offset) > until:
            continue
        if not sum(amounts):
            continue  # a zero fee has no shares, so no row to count
        rate = Decimal(1) if currency == "USD" else CNY_PER_USD
        entry = result["module_1" if module == "WC" else "modules_2_5"]
        entry[0] += 1
        for kind, amount in zip(KINDS, amounts, strict=True):
            entry[1] += Decimal(amount) / rate
            if kind in NON_PROGRAMME_PAYERS:
                entry[2] += Decimal(amount) / rate
    cent = Decimal("0.01")
    return {
        key: (n, cost.quantize(cent, ROUND_HALF_EVEN), non.quantize(cent, ROUND_HALF_EVEN))
        for key, (n, cost, non) in result.items()
    }


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=fee_rows, until_offset=st.integers(min_value=0, max_value=800))
def test_cost_recovery_in_sql_agrees_with_the_reference(world, rows, until_offset):
    until = datetime.date(2012, 1, 1) + datetime.timedelta(days=until_offset)
    with transaction.atomic():
        ExchangeRate.objects.filter(currency="CNY").delete()
        ExchangeRate.objects.create(
            currency="CNY", valid_from=datetime.date(2010, 1, 1), units_per_usd=CNY_PER_USD
        )
        for module, currency, amounts, offset in rows:
            enterprise = EnterpriseFactory(country=world.china)
            ParticipationFactory(
                enterprise=enterprise, programme=world.programme, provider=world.provider
            )
            enrolment = EnrolmentFactory(
                enterprise=enterprise, programme=world.programme, module=core_module(module)
            )
            shares = dict(zip(KINDS, (Decimal(a) for a in amounts), strict=True))
            actions.set_enrolment_fee(
                by=None,
                enrolment=enrolment,
                amount=sum(shares.values()),
                currency=currency,
                agreed_on=datetime.date(2012, 1, 1) + datetime.timedelta(days=offset),
                enterprise_share=shares[PayerKind.ENTERPRISE],
                programme_share=shares[PayerKind.PROGRAMME],
                other_share=shares[PayerKind.OTHER],
            )
        figures = queries.cost_recovery(country=world.china, until=until)
        expected = reference(rows, until)
        for key, (n, cost, non) in expected.items():
            got = figures[key]
            assert got.n == n
            assert abs(got.cost_usd - cost) <= Decimal("0.01") * max(n, 1)
            assert abs(got.non_programme_usd - non) <= Decimal("0.01") * max(n, 1)
        transaction.set_rollback(True)
