"""A small world of fees with known answers, on top of the personas' world.

Exchange rates: CNY 6.00 per USD from 2011-01-01, 6.40 from 2013-01-01. The partnership
(Coop) pays 50 % of fees, budget USD 4,500. Providers are in China.

- a: provided (provider), WC, USD 3,000 on 2012-01-10: enterprise 1,000, programme 2,000;
- b: sponsored_consenting (other), WC, USD 3,000 on 2012-01-15: enterprise 1,500, Coop 1,500;
- c: sponsored_private (other), QM, CNY 12,000 on 2012-06-01: enterprise 6,000, prog. 6,000;
- d: unrelated_cn (other), WC, CNY 6,400 on 2013-02-01: programme 6,400;
- e: foreign (Viet Nam; other_provider named on the enrolment), WC, USD 500 on 2012-05-01:
  enterprise 500.

Cost recovery in China (USD): Module 1 n=3, cost 7,000, non-programme 4,000 (57.1 %);
Modules 2–5 n=1, cost 2,000, non-programme 1,000 (50.0 %); all n=4, 9,000, 5,000 (55.6 %).

Invoices: ``inv_a`` (provider → provided, a's enterprise share USD 1,000) issued 2012-02-01,
paid 600 on 2012-03-01 and 400 on 2013-01-15; ``inv_b`` (other → Coop, b's sponsor share
USD 1,500) issued 2012-02-10, paid 2012-04-01; ``inv_c`` (other → private, c's enterprise
share CNY 6,000 = USD 1,000) issued 2012-07-01, unpaid; ``inv_d_draft`` (other → programme,
d's share) a draft; ``inv_cancelled`` (other → foreign, e's enterprise share) issued
2012-05-02 and cancelled.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from score.finance import actions
from score.finance.models import PayerKind
from score.monitoring.actions import record_exchange_rate
from score.monitoring.models import ExchangeRate
from score.programmes.models import Organisation
from tests.training.factories import EnrolmentFactory, core_module

day = datetime.date


@dataclass
class Money:
    a: object
    b: object
    c: object
    d: object
    e: object
    inv_a: object
    inv_b: object
    inv_c: object
    inv_d_draft: object
    inv_cancelled: object


def share(fee, kind):
    return fee.shares.get(payer_kind=kind)


@pytest.fixture
def money(world):
    Organisation.objects.filter(pk__in=[world.provider.pk, world.other_provider.pk]).update(
        country=world.china
    )
    world.provider.refresh_from_db()
    world.other_provider.refresh_from_db()
    world.partnership.budget = D("4500")
    world.partnership.currency = "USD"
    world.partnership.sponsor_fee_share = D("50")
    world.partnership.save()
    # Round rates instead of the seeded annual averages, so the answers are easy to check.
    ExchangeRate.objects.filter(currency="CNY").delete()
    record_exchange_rate(by=None, currency="CNY", valid_from=day(2011, 1, 1), units_per_usd="6")
    record_exchange_rate(by=None, currency="CNY", valid_from=day(2013, 1, 1), units_per_usd="6.4")

    wc, qm = core_module("WC"), core_module("QM")

    def enrol(enterprise, module, programme=None, provider=None):
        return EnrolmentFactory(
            enterprise=enterprise,
            programme=programme or world.programme,
            module=module,
            provider=provider,
        )

    a = enrol(world.provided, wc)
    b = enrol(world.sponsored_consenting, wc)
    c = enrol(world.sponsored_private, qm)
    d = enrol(world.unrelated_cn, wc)
    e = enrol(world.foreign, wc, programme=world.other_programme, provider=world.other_provider)

    fee = actions.set_enrolment_fee
    fa = fee(
        by=None,
        enrolment=a,
        amount=D(3000),
        currency="USD",
        agreed_on=day(2012, 1, 10),
        enterprise_share=D(1000),
        programme_share=D(2000),
    )
    fb = fee(
        by=None,
        enrolment=b,
        amount=D(3000),
        currency="USD",
        agreed_on=day(2012, 1, 15),
        enterprise_share=D(1500),
        sponsor_share=D(1500),
    )
    fc = fee(
        by=None,
        enrolment=c,
        amount=D(12000),
        currency="CNY",
        agreed_on=day(2012, 6, 1),
        enterprise_share=D(6000),
        programme_share=D(6000),
    )
    fd = fee(
        by=None,
        enrolment=d,
        amount=D(6400),
        currency="CNY",
        agreed_on=day(2013, 2, 1),
        programme_share=D(6400),
    )
    fe = fee(
        by=None,
        enrolment=e,
        amount=D(500),
        currency="USD",
        agreed_on=day(2012, 5, 1),
        enterprise_share=D(500),
    )

    inv_a = actions.create_invoice(by=None, shares=[share(fa, PayerKind.ENTERPRISE)], number="A-1")
    actions.issue_invoice(by=None, invoice=inv_a, issued_on=day(2012, 2, 1))
    actions.record_payment(by=None, invoice=inv_a, amount=D(600), paid_on=day(2012, 3, 1))
    actions.record_payment(by=None, invoice=inv_a, amount=D(400), paid_on=day(2013, 1, 15))

    inv_b = actions.create_invoice(by=None, shares=[share(fb, PayerKind.SPONSOR)], number="B-1")
    actions.issue_invoice(by=None, invoice=inv_b, issued_on=day(2012, 2, 10))
    actions.record_payment(by=None, invoice=inv_b, amount=D(1500), paid_on=day(2012, 4, 1))

    inv_c = actions.create_invoice(by=None, shares=[share(fc, PayerKind.ENTERPRISE)], number="C-1")
    actions.issue_invoice(by=None, invoice=inv_c, issued_on=day(2012, 7, 1))

    inv_d = actions.create_invoice(by=None, shares=[share(fd, PayerKind.PROGRAMME)], number="D-1")

    inv_x = actions.create_invoice(by=None, shares=[share(fe, PayerKind.ENTERPRISE)], number="X-1")
    actions.issue_invoice(by=None, invoice=inv_x, issued_on=day(2012, 5, 2))
    actions.cancel_invoice(by=None, invoice=inv_x, on=day(2012, 5, 3))

    for obj in (inv_a, inv_b, inv_c, inv_d, inv_x):
        obj.refresh_from_db()
    return Money(a, b, c, d, e, inv_a, inv_b, inv_c, inv_d, inv_x)
