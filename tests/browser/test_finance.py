"""Provider staff set an enrolment's fee, bill it, issue the invoice and record the
payment, on a phone (390 px)."""

import datetime
from decimal import Decimal

from playwright.sync_api import expect

from score.finance.actions import set_module_price
from score.finance.models import Invoice, InvoiceStatus
from score.programmes.models import Organisation
from tests.playwright_fixtures import sideways_overflow
from tests.training.factories import EnrolmentFactory, core_module


def _fits(page):
    assert sideways_overflow(page) <= 0


def test_provider_staff_bill_a_fee_and_record_its_payment_on_a_phone(
    page, log_in, provider_staff, world
):
    Organisation.objects.filter(pk=world.provider.pk).update(country=world.china)
    set_module_price(
        by=None,
        provider=world.provider,
        module=core_module("HR"),
        amount=Decimal(2000),
        currency="USD",
        valid_from=datetime.date(2011, 1, 1),
    )
    EnrolmentFactory(enterprise=world.provided, programme=world.programme, module=core_module("HR"))
    log_in(provider_staff)
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Finance").click()
    page.get_by_role("link", name="Fees", exact=True).click()
    expect(page.get_by_role("heading", name="Fees", exact=True)).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="Provided Machinery").click()
    page.get_by_role("link", name="Set the fee").click()
    expect(page.get_by_role("spinbutton", name="Fee", exact=True)).to_have_value("2000.00")
    expect(page.get_by_label("Paid by the enterprise")).to_have_value("2000.00")
    _fits(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("was saved")
    page.get_by_role("link", name="Bill this share").click()
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("status")).to_contain_text("Check it, then issue it")
    page.get_by_label("Issue date").fill("2012-02-01")
    page.get_by_label("Due date").fill("2012-03-01")
    page.get_by_role("button", name="Issue").click()
    expect(page.get_by_role("status")).to_contain_text("was issued")
    page.get_by_label("Amount received").fill("2000")
    page.get_by_label("Paid on").fill("2012-02-20")
    _fits(page)
    page.get_by_role("button", name="Record payment").click()
    expect(page.get_by_role("status")).to_contain_text("was recorded")
    assert Invoice.objects.get().status == InvoiceStatus.PAID
