"""The rules in score.finance.actions: fee splits, budgets and the invoice status machine."""

import datetime
from decimal import Decimal as D

import pytest

from score.core.exceptions import ActionError
from score.finance import actions, queries
from score.finance.models import FeeShare, InvoiceStatus, PayerKind
from tests.training.factories import EnrolmentFactory, core_module

day = datetime.date


def _enrol(world, enterprise, module="HR"):
    return EnrolmentFactory(
        enterprise=enterprise, programme=world.programme, module=core_module(module)
    )


def test_shares_that_do_not_add_up_to_the_fee_are_refused(money, world):
    enrolment = _enrol(world, world.provided)
    with pytest.raises(ActionError, match=r"add up to USD 2,900.00 but the fee is USD 3,000.00"):
        actions.set_enrolment_fee(
            by=None,
            enrolment=enrolment,
            amount=D(3000),
            currency="USD",
            agreed_on=day(2012, 5, 1),
            enterprise_share=D(1900),
            programme_share=D(1000),
        )
    assert not hasattr(enrolment, "fee") or enrolment.fee is None


def test_a_sponsor_share_needs_a_sponsoring_partnership(money, world):
    enrolment = _enrol(world, world.provided)
    with pytest.raises(ActionError, match=r"not sponsored by a partnership") as caught:
        actions.set_enrolment_fee(
            by=None,
            enrolment=enrolment,
            amount=D(100),
            currency="USD",
            agreed_on=day(2012, 5, 1),
            enterprise_share=D(50),
            sponsor_share=D(50),
        )
    assert caught.value.field == "sponsor_share"


def test_the_default_split_follows_the_partnerships_sponsor_share(money, world):
    actions.set_module_price(
        by=None,
        provider=world.other_provider,
        module=core_module("QM"),
        amount=D(3000),
        currency="USD",
        valid_from=day(2011, 1, 1),
    )
    enrolment = _enrol(world, world.sponsored_consenting, "QM")
    suggested = queries.suggested_fee(enrolment)
    assert suggested.amount == D(3000)
    assert suggested.shares[PayerKind.SPONSOR] == D("1500.00")
    assert suggested.shares[PayerKind.ENTERPRISE] == D("1500.00")


def test_the_price_in_force_is_the_latest_from_before_registration(money, world):
    module = core_module("QM")
    for amount, valid_from in (
        (D(2000), day(2011, 1, 1)),
        (D(2500), day(2012, 1, 1)),
        (D(9000), day(2012, 2, 1)),
    ):
        actions.set_module_price(
            by=None,
            provider=world.provider,
            module=module,
            amount=amount,
            currency="USD",
            valid_from=valid_from,
        )
    price = queries.price_in_force(provider=world.provider, module=module, on=day(2012, 1, 10))
    assert price.amount == D(2500)


def test_a_price_of_an_organisation_that_does_not_train_is_refused(money, world):
    with pytest.raises(ActionError, match=r"not a training institution or BDS provider"):
        actions.set_module_price(
            by=None,
            provider=world.sponsor,
            module=core_module("WC"),
            amount=D(1),
            currency="USD",
            valid_from=day(2012, 1, 1),
        )


def test_changing_a_fee_replaces_its_shares(money, world):
    # E's only share was on an invoice that is cancelled, so it may change.
    fee = actions.set_enrolment_fee(
        by=None,
        enrolment=money.e,
        amount=D(500),
        currency="USD",
        agreed_on=day(2012, 5, 1),
        programme_share=D(200),
        other_share=D(300),
        other_payer=world.donor,
    )
    shares = {s.payer_kind: (s.amount, s.organisation) for s in fee.shares.all()}
    assert shares == {
        PayerKind.ENTERPRISE: (D("0.00"), None),  # kept: the cancelled invoice names it
        PayerKind.PROGRAMME: (D("200.00"), None),
        PayerKind.OTHER: (D("300.00"), world.donor),
    }


def test_a_billed_share_cannot_change_until_its_invoice_is_cancelled(money, world):
    with pytest.raises(ActionError, match=r"billed on invoice A-1"):
        actions.set_enrolment_fee(
            by=None,
            enrolment=money.a,
            amount=D(3000),
            currency="USD",
            agreed_on=day(2012, 1, 10),
            enterprise_share=D(500),
            programme_share=D(2500),
        )


def test_a_fee_whose_sponsor_share_exceeds_the_budget_is_refused(money, world):
    enrolment = _enrol(world, world.sponsored_private)
    # Committed so far: 1,500 of 4,500; 3,001 more would exceed it.
    with pytest.raises(ActionError, match=r"above its budget of USD 4,500.00") as caught:
        actions.set_enrolment_fee(
            by=None,
            enrolment=enrolment,
            amount=D(6002),
            currency="USD",
            agreed_on=day(2012, 6, 1),
            enterprise_share=D(3001),
            sponsor_share=D(3001),
        )
    assert "3,000.00 left" in caught.value.message
    budget = queries.budget_figures([world.partnership])[world.partnership.pk]
    assert budget.committed == D("1500.00")


def test_a_fee_up_to_the_budget_is_accepted_and_then_warned_about(money, world):
    enrolment = _enrol(world, world.sponsored_private)
    actions.set_enrolment_fee(
        by=None,
        enrolment=enrolment,
        amount=D(5400),
        currency="USD",
        agreed_on=day(2012, 6, 1),
        enterprise_share=D(2700),
        sponsor_share=D(2700),
    )
    budget = queries.budget_figures([world.partnership])[world.partnership.pk]
    assert (budget.committed, budget.committed_percent, budget.state) == (
        D("4200.00"),
        D("93.3"),
        "near",
    )


def test_a_sponsor_share_in_another_currency_is_converted_for_the_budget(money, world):
    enrolment = _enrol(world, world.sponsored_private)
    # CNY 18,000 at 6.00 = USD 3,000: with 1,500 committed, 4,500 = the budget, accepted.
    actions.set_enrolment_fee(
        by=None,
        enrolment=enrolment,
        amount=D(18000),
        currency="CNY",
        agreed_on=day(2012, 6, 1),
        sponsor_share=D(18000),
    )
    budget = queries.budget_figures([world.partnership])[world.partnership.pk]
    assert (budget.committed, budget.state) == (D("4500.00"), "near")


def test_an_invoice_goes_to_one_payer(money, world):
    shares = FeeShare.objects.filter(fee__enrolment=money.a)
    with pytest.raises(ActionError, match=r"goes to one payer"):
        actions.create_invoice(by=None, shares=list(shares))


def test_a_share_cannot_be_billed_twice(money):
    share = money.inv_b.lines.get().share
    with pytest.raises(ActionError, match=r"already billed on invoice B-1"):
        actions.create_invoice(by=None, shares=[share])


def test_a_cancelled_invoices_share_can_be_billed_again(money):
    share = money.inv_cancelled.lines.get().share
    invoice = actions.create_invoice(by=None, shares=[share])
    assert invoice.status == InvoiceStatus.DRAFT
    assert invoice.number.startswith(f"INV-{invoice.provider_id}-")


def test_an_invoice_moves_from_draft_to_issued_to_paid(money):
    invoice = money.inv_d_draft
    assert invoice.status == InvoiceStatus.DRAFT
    actions.issue_invoice(
        by=None, invoice=invoice, issued_on=day(2013, 3, 1), due_on=day(2013, 3, 31)
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED
    actions.record_payment(by=None, invoice=invoice, amount=D(6000), paid_on=day(2013, 3, 10))
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED
    actions.record_payment(by=None, invoice=invoice, amount=D(400), paid_on=day(2013, 3, 20))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (InvoiceStatus.PAID, day(2013, 3, 20))


def test_a_draft_cannot_be_paid(money):
    with pytest.raises(ActionError, match=r"is draft, so it cannot be paid"):
        actions.record_payment(
            by=None, invoice=money.inv_d_draft, amount=D(1), paid_on=day(2013, 3, 1)
        )


def test_a_paid_invoice_cannot_be_issued_paid_again_or_cancelled(money):
    with pytest.raises(ActionError, match=r"is paid"):
        actions.issue_invoice(by=None, invoice=money.inv_b, issued_on=day(2013, 1, 1))
    with pytest.raises(ActionError, match=r"is paid"):
        actions.record_payment(by=None, invoice=money.inv_b, amount=D(1), paid_on=day(2013, 1, 1))
    with pytest.raises(ActionError, match=r"is paid"):
        actions.cancel_invoice(by=None, invoice=money.inv_b)


def test_a_payment_above_what_is_outstanding_is_refused(money):
    with pytest.raises(ActionError, match=r"Only CNY 6,000.00 is outstanding"):
        actions.record_payment(
            by=None, invoice=money.inv_c, amount=D("6000.01"), paid_on=day(2012, 8, 1)
        )


def test_a_payment_before_the_issue_date_is_refused(money):
    with pytest.raises(ActionError, match=r"before the invoice was issued"):
        actions.record_payment(by=None, invoice=money.inv_c, amount=D(1), paid_on=day(2012, 6, 30))


def test_an_invoice_with_payments_cannot_be_cancelled(money):
    actions.record_payment(by=None, invoice=money.inv_c, amount=D(10), paid_on=day(2012, 8, 1))
    with pytest.raises(ActionError, match=r"Payments are recorded against invoice C-1"):
        actions.cancel_invoice(by=None, invoice=money.inv_c)


def test_a_cancelled_invoice_stays_cancelled(money):
    with pytest.raises(ActionError, match=r"is cancelled, so it cannot be issued"):
        actions.issue_invoice(by=None, invoice=money.inv_cancelled, issued_on=day(2013, 1, 1))
