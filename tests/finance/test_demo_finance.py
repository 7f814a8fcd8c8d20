"""The demo's money: the Coop split, the BSCI budget with its spending, provider prices,
and a second load that creates nothing."""

import io
from decimal import Decimal as D

import pytest
from django.db import transaction
from django.test import override_settings

from score.demo import data
from score.demo.loader import load_demo
from score.finance import queries
from score.finance.models import Fee, Invoice, InvoiceStatus, ModulePrice, PayerKind
from score.programmes.models import Country, Partnership

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MY_KINDS = ["prices", "fees", "invoices", "payments"]


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        report = load_demo(stdout=io.StringIO())
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_once, db):
    return loaded_once


def test_the_coop_suppliers_pay_half_of_usd_3000_and_coop_the_other_half(demo):
    fees = Fee.objects.filter(
        enrolment__enterprise__code__in=data.COOP_SUPPLIERS, enrolment__module__code="WC"
    )
    assert fees.count() == 3
    for fee in fees:
        shares = {s.payer_kind: (s.amount, s.organisation) for s in fee.shares.all()}
        assert fee.amount == D("3000.00") and fee.currency == "USD"
        assert shares[PayerKind.SPONSOR][0] == shares[PayerKind.ENTERPRISE][0] == D("1500.00")
        assert shares[PayerKind.SPONSOR][1].short_name == "Coop"


def test_coops_budget_is_fully_committed_and_spent(demo):
    coop = Partnership.objects.get(code="COOP-CN")
    budget = queries.budget_figures([coop])[coop.pk]
    assert (budget.committed, budget.spent, budget.state) == (D("4500.00"), D("4500.00"), "near")


def test_the_bsci_budget_shows_spending_so_far(demo):
    bsci = Partnership.objects.get(code="BSCI-CN")
    budget = queries.budget_figures([bsci])[bsci.pk]
    assert budget.budget == D("80000.00")
    assert (budget.enrolments, budget.committed, budget.invoiced, budget.spent) == (
        10,
        D("45000.00"),
        D("45000.00"),
        D("27000.00"),
    )
    assert budget.state == "ok"


def test_every_phase_1_provider_has_prices(demo):
    assert (
        ModulePrice.objects.filter(provider__short_name="Liaoning EC Training Centre").count() == 5
    )
    assert ModulePrice.objects.values("provider").distinct().count() == 10


def test_the_demo_provider_has_paid_and_unpaid_invoices(demo):
    statuses = set(
        Invoice.objects.filter(provider__short_name="Liaoning EC Training Centre").values_list(
            "status", flat=True
        )
    )
    assert {InvoiceStatus.PAID, InvoiceStatus.ISSUED} <= statuses


def test_cost_recovery_in_china_has_module_1_and_modules_2_to_5(demo):
    figures = queries.cost_recovery(country=Country.objects.get(code="CN"))
    assert figures["module_1"].n == 63  # 53 Phase I + 10 BSCI
    assert figures["modules_2_5"].n == 4
    assert figures["modules_2_5"].percent == D("100.0")
    assert D(0) < figures["module_1"].percent < D(100)


def test_a_second_load_creates_nothing(demo):
    again = load_demo(stdout=io.StringIO())
    assert not any(again.created[kind] for kind in MY_KINDS)
    assert all(demo.created[kind] for kind in MY_KINDS)
