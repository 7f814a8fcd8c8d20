"""List pages and reports cost the same number of queries for few rows or many."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.finance import actions
from score.finance.models import PayerKind
from tests.factories import EnterpriseFactory, ParticipationFactory
from tests.training.factories import EnrolmentFactory, core_module

day = datetime.date

PAGES = [
    ("finance:invoice_list", {}),
    ("finance:fee_list", {}),
    ("finance:price_list", {}),
    ("finance:revenue", {}),
    ("finance:budget_list", {}),
    ("finance:cost_recovery", {}),
]


def _count(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def _more_rows(world, n=6):
    """n more sponsored enterprises with a fee each, billed, issued and paid."""
    for i in range(n):
        enterprise = EnterpriseFactory(country=world.china)
        ParticipationFactory(
            enterprise=enterprise,
            programme=world.programme,
            provider=world.provider if i % 2 else world.other_provider,
            partnership=world.partnership,
        )
        enrolment = EnrolmentFactory(
            enterprise=enterprise, programme=world.programme, module=core_module("QM")
        )
        fee = actions.set_enrolment_fee(
            by=None,
            enrolment=enrolment,
            amount=D(200),
            currency="CNY",
            agreed_on=day(2012, 3, 1),
            enterprise_share=D(100),
            sponsor_share=D(100),
        )
        for kind in (PayerKind.ENTERPRISE, PayerKind.SPONSOR):
            invoice = actions.create_invoice(by=None, shares=[fee.shares.get(payer_kind=kind)])
            actions.issue_invoice(by=None, invoice=invoice, issued_on=day(2012, 3, 2))
            actions.record_payment(by=None, invoice=invoice, amount=D(100), paid_on=day(2012, 3, 3))
        actions.set_module_price(
            by=None,
            provider=world.provider,
            module=core_module("QM"),
            amount=D(i + 1),
            currency="USD",
            valid_from=day(2011, 1, 1 + i),
        )


@pytest.mark.parametrize("name,params", PAGES)
def test_finance_page_costs_the_same_for_few_and_many_rows(
    money, world, login, coordinator, name, params
):
    actions.set_module_price(
        by=None,
        provider=world.other_provider,
        module=core_module("WC"),
        amount=D(3000),
        currency="USD",
        valid_from=day(2011, 1, 1),
    )
    client = login(coordinator)
    url = reverse(name)
    client.get(url)  # warm caches (session, content types)
    few = _count(client, url, params)
    _more_rows(world)
    assert _count(client, url, params) == few


def test_invoice_detail_costs_the_same_for_few_and_many_payments(money, login, coordinator):
    client = login(coordinator)
    url = reverse("finance:invoice_detail", args=[money.inv_c.pk])
    client.get(url)
    few = _count(client, url, {})
    for n in range(5):
        actions.record_payment(
            by=None, invoice=money.inv_c, amount=D(10), paid_on=day(2012, 8, 1 + n)
        )
    assert _count(client, url, {}) == few
