"""The finance pages: who sees what (404 outside the scope), the forms and their actions,
and query counts that do not grow with the number of rows."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from score.finance import actions
from score.finance.models import Fee, Invoice, InvoiceStatus, ModulePrice, PayerKind
from tests.training.factories import EnrolmentFactory, core_module

day = datetime.date


def _numbers(response):
    return {invoice.number for invoice in response.context["page"].object_list}


def test_provider_staff_see_only_their_organisations_invoices(money, login, provider_staff):
    response = login(provider_staff).get(reverse("finance:invoice_list"))
    assert response.status_code == 200
    assert _numbers(response) == {"A-1"}


def test_provider_staff_cannot_open_another_providers_invoice(money, login, provider_staff):
    response = login(provider_staff).get(reverse("finance:invoice_detail", args=[money.inv_b.pk]))
    assert response.status_code == 404


def test_provider_staff_see_only_their_organisations_fees(money, login, provider_staff):
    client = login(provider_staff)
    response = client.get(reverse("finance:fee_list"))
    assert [e.pk for e in response.context["page"].object_list] == [money.a.pk]
    assert client.get(reverse("finance:fee_detail", args=[money.b.pk])).status_code == 404
    assert client.get(reverse("finance:fee_detail", args=[money.a.pk])).status_code == 200


def test_coordinator_sees_every_invoice_of_their_country(money, login, coordinator):
    response = login(coordinator).get(reverse("finance:invoice_list"))
    # X-1 bills a fee of Viet Nam from a Chinese provider: its provider is in China.
    assert _numbers(response) == {"A-1", "B-1", "C-1", "D-1", "X-1"}


def test_enterprise_user_sees_only_invoices_billed_to_their_enterprise(
    money, login, enterprise_user, world
):
    # The enterprise user's enterprise (unrelated_cn) is billed nothing yet.
    client = login(enterprise_user)
    assert _numbers(client.get(reverse("finance:invoice_list"))) == set()
    assert client.get(reverse("finance:invoice_detail", args=[money.inv_a.pk])).status_code == 404
    share = money.d.fee.shares.get()
    actions.cancel_invoice(by=None, invoice=money.inv_d_draft)
    fee = actions.set_enrolment_fee(
        by=None,
        enrolment=money.d,
        amount=D(6400),
        currency="CNY",
        agreed_on=day(2013, 2, 1),
        enterprise_share=D(6400),
    )
    own = actions.create_invoice(by=None, shares=[fee.shares.get(payer_kind="enterprise")])
    assert share.pk != own.lines.get().share_id
    assert _numbers(client.get(reverse("finance:invoice_list"))) == {own.number}
    assert client.get(reverse("finance:fee_list")).status_code == 403


@pytest.mark.parametrize("name", ["sponsor_user", "donor_user", "outsider", "trainer"])
def test_viewers_trainers_and_outsiders_see_no_fee_or_invoice(money, login, request, name):
    client = login(request.getfixturevalue(name))
    assert client.get(reverse("finance:invoice_detail", args=[money.inv_b.pk])).status_code == 404
    assert client.get(reverse("finance:fee_detail", args=[money.b.pk])).status_code == 404
    assert client.get(reverse("finance:fee_list")).status_code == 403
    assert client.get(reverse("finance:price_list")).status_code == 403


def test_sponsor_sees_the_aggregated_budget_of_its_partnership(money, login, sponsor_user, world):
    response = login(sponsor_user).get(
        reverse("finance:budget_detail", args=[world.partnership.pk])
    )
    assert response.status_code == 200
    assert response.context["budget"].committed == D("1500.00")


def test_provider_staff_cannot_open_a_partnership_budget(money, login, provider_staff, world):
    response = login(provider_staff).get(
        reverse("finance:budget_detail", args=[world.partnership.pk])
    )
    assert response.status_code == 404


def test_coordinator_sets_a_fee_with_the_default_split(money, login, coordinator, world):
    actions.set_module_price(
        by=None,
        provider=world.other_provider,
        module=core_module("HR"),
        amount=D(3000),
        currency="USD",
        valid_from=day(2011, 1, 1),
    )
    enrolment = EnrolmentFactory(
        enterprise=world.sponsored_consenting, programme=world.programme, module=core_module("HR")
    )
    client = login(coordinator)
    url = reverse("finance:fee_edit", args=[enrolment.pk])
    form = client.get(url).context["form"]
    assert form.initial["sponsor_share"] == D("1500.00")
    response = client.post(
        url,
        {
            "amount": "3000",
            "currency": "USD",
            "agreed_on": "2012-03-01",
            "enterprise_share": "1500",
            "sponsor_share": "1500",
        },
    )
    assert response.status_code == 302
    fee = Fee.objects.get(enrolment=enrolment)
    assert fee.partnership == world.partnership
    assert fee.shares.get(payer_kind=PayerKind.SPONSOR).organisation == world.sponsor


def test_a_fee_form_whose_shares_do_not_add_up_says_so(money, login, coordinator, world):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, module=core_module("HR")
    )
    response = login(coordinator).post(
        reverse("finance:fee_edit", args=[enrolment.pk]),
        {
            "amount": "3000",
            "currency": "USD",
            "agreed_on": "2012-03-01",
            "enterprise_share": "1000",
        },
    )
    assert response.status_code == 200
    assert "add up to USD 1,000.00 but the fee is USD 3,000.00" in response.content.decode()
    assert not Fee.objects.filter(enrolment=enrolment).exists()


def test_a_fee_near_the_budget_warns_after_saving(money, login, coordinator, world):
    enrolment = EnrolmentFactory(
        enterprise=world.sponsored_private, programme=world.programme, module=core_module("HR")
    )
    response = login(coordinator).post(
        reverse("finance:fee_edit", args=[enrolment.pk]),
        {
            "amount": "5400",
            "currency": "USD",
            "agreed_on": "2012-03-01",
            "enterprise_share": "2700",
            "sponsor_share": "2700",
        },
        follow=True,
    )
    assert "has now committed 93.3 % of its budget" in response.content.decode()


def test_provider_staff_cannot_set_another_providers_fee(money, login, provider_staff):
    response = login(provider_staff).post(reverse("finance:fee_edit", args=[money.b.pk]), {})
    assert response.status_code == 404


def test_provider_staff_bill_issue_and_record_a_payment(money, login, provider_staff, world):
    share = money.a.fee.shares.get(payer_kind=PayerKind.PROGRAMME)
    client = login(provider_staff)
    response = client.post(reverse("finance:invoice_create"), {"shares": [share.pk]})
    assert response.status_code == 302
    invoice = Invoice.objects.get(lines__share=share)
    assert (invoice.status, invoice.provider) == (InvoiceStatus.DRAFT, world.provider)
    client.post(
        reverse("finance:invoice_issue", args=[invoice.pk]),
        {"issued_on": "2012-02-01", "due_on": "2012-03-01"},
    )
    response = client.post(
        reverse("finance:invoice_payment", args=[invoice.pk]),
        {"amount": "2000", "paid_on": "2012-02-20", "reference": "bank"},
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID


def test_a_payment_above_the_outstanding_amount_is_shown_on_the_form(money, login, coordinator):
    response = login(coordinator).post(
        reverse("finance:invoice_payment", args=[money.inv_c.pk]),
        {"amount": "99999", "paid_on": "2012-08-01"},
    )
    assert response.status_code == 400
    assert "Only CNY 6,000.00 is outstanding" in response.content.decode()


def test_provider_staff_cannot_bill_another_providers_share(money, login, provider_staff):
    share = money.c.fee.shares.get(payer_kind=PayerKind.PROGRAMME)
    response = login(provider_staff).post(reverse("finance:invoice_create"), {"shares": [share.pk]})
    assert response.status_code == 200  # not a choice for them: the form says so
    assert not Invoice.objects.filter(lines__share=share).exists()


def test_provider_staff_set_a_price_for_their_own_organisation(money, login, provider_staff, world):
    client = login(provider_staff)
    response = client.post(
        reverse("finance:price_create"),
        {
            "provider": world.provider.pk,
            "module": core_module("WC").pk,
            "amount": "3000",
            "currency": "USD",
            "valid_from": "2011-01-01",
        },
    )
    assert response.status_code == 302
    assert ModulePrice.objects.get().provider == world.provider
    response = client.post(
        reverse("finance:price_create"),
        {
            "provider": world.other_provider.pk,
            "module": core_module("WC").pk,
            "amount": "1",
            "currency": "USD",
            "valid_from": "2011-01-01",
        },
    )
    assert response.status_code == 200
    assert ModulePrice.objects.count() == 1


def test_cost_recovery_page_shows_n_and_the_definition(money, login, coordinator, world):
    response = login(coordinator).get(reverse("finance:cost_recovery"), {"country": world.china.pk})
    page = response.content.decode()
    assert "57.1 %" in page and "Non-programme resources are the shares" in page
    assert [row.n for row in response.context["rows"]] == [3, 1, 4]


def test_garbage_in_finance_forms_is_answered_without_a_server_error(money, login, coordinator):
    client = login(coordinator)
    garbage = {
        "amount": "1e999",
        "currency": "XXX",
        "agreed_on": "yesterday",
        "enterprise_share": "-5",
        "shares": ["abc"],
        "paid_on": "31/31/2031",
        "issued_on": "x",
        "start": "nope",
        "country": "999999",
    }
    for url in (
        reverse("finance:fee_edit", args=[money.a.pk]),
        reverse("finance:invoice_create"),
        reverse("finance:invoice_issue", args=[money.inv_d_draft.pk]),
        reverse("finance:invoice_payment", args=[money.inv_c.pk]),
        reverse("finance:price_create"),
    ):
        assert client.post(url, garbage).status_code in (200, 400), url
    assert client.get(reverse("finance:cost_recovery"), garbage).status_code == 200
    assert client.get(reverse("finance:revenue"), {"start": "x", "end": "y"}).status_code == 200


def test_a_budget_lowered_below_its_commitments_shows_by_how_much(money, login, coordinator, world):
    world.partnership.budget = D("1000")
    world.partnership.save()
    response = login(coordinator).get(reverse("finance:budget_detail", args=[world.partnership.pk]))
    assert "exceed the budget by USD 500.00" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["admin_user", "coordinator", "provider_staff", "enterprise_user", "sponsor_user"]
)
def test_the_finance_index_answers_every_role_that_has_a_menu_entry_or_budgets(
    money, login, request, name
):
    assert login(request.getfixturevalue(name)).get(reverse("finance:index")).status_code == 200
