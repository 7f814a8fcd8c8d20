"""Cost recovery, provider revenue and budgets against the hand-computed world of
``conftest.py``."""

import datetime
from decimal import Decimal as D

from score.finance import queries

day = datetime.date


def test_cost_recovery_splits_module_1_from_modules_2_to_5(money, world):
    figures = queries.cost_recovery(country=world.china)
    m1, m25, total = figures["module_1"], figures["modules_2_5"], figures["total"]
    assert (m1.n, m1.cost_usd, m1.non_programme_usd, m1.percent) == (
        3,
        D("7000.00"),
        D("4000.00"),
        D("57.1"),
    )
    assert (m25.n, m25.cost_usd, m25.non_programme_usd, m25.percent) == (
        1,
        D("2000.00"),
        D("1000.00"),
        D("50.0"),
    )
    assert (total.n, total.cost_usd, total.non_programme_usd, total.percent) == (
        4,
        D("9000.00"),
        D("5000.00"),
        D("55.6"),
    )


def test_cost_recovery_counts_only_fees_agreed_in_the_period(money, world):
    figures = queries.cost_recovery(country=world.china, until=day(2012, 12, 31))
    m1 = figures["module_1"]
    assert (m1.n, m1.cost_usd, m1.non_programme_usd, m1.percent) == (
        2,
        D("6000.00"),
        D("4000.00"),
        D("66.7"),
    )
    later = queries.cost_recovery(country=world.china, start=day(2013, 1, 1))
    assert (later["module_1"].n, later["module_1"].percent) == (1, D("0.0"))


def test_cost_recovery_per_programme_leaves_other_countries_out(money, world):
    figures = queries.cost_recovery(programme=world.other_programme)
    assert (figures["total"].n, figures["total"].cost_usd, figures["total"].percent) == (
        1,
        D("500.00"),
        D("100.0"),
    )


def test_cost_recovery_leaves_out_fees_without_an_exchange_rate(money, world):
    from score.monitoring.models import ExchangeRate

    ExchangeRate.objects.filter(valid_from=day(2013, 1, 1)).delete()
    ExchangeRate.objects.filter(valid_from=day(2011, 1, 1)).update(valid_from=day(2012, 12, 1))
    m25 = queries.cost_recovery(country=world.china)["modules_2_5"]
    assert (m25.n, m25.unconverted, m25.cost_usd) == (1, 1, D("0.00"))


def test_provider_revenue_sums_issued_invoices_and_payments_of_the_period(money, world, admin_user):
    rows = queries.provider_revenue(admin_user, start=day(2012, 1, 1), end=day(2012, 12, 31))
    by_provider = {row.provider.pk: row for row in rows}
    mine, other = by_provider[world.provider.pk], by_provider[world.other_provider.pk]
    assert (mine.invoices, mine.invoiced_usd, mine.paid_usd) == (1, D("1000.00"), D("600.00"))
    # B (USD 1,500) and C (CNY 6,000 at 6.00); the draft and the cancelled one do not count.
    assert (other.invoices, other.invoiced_usd, other.paid_usd) == (2, D("2500.00"), D("1500.00"))


def test_provider_revenue_of_a_later_period_has_only_its_payments(money, world, admin_user):
    rows = queries.provider_revenue(admin_user, start=day(2013, 1, 1))
    assert [(r.provider.pk, r.invoices, r.invoiced_usd, r.paid_usd) for r in rows] == [
        (world.provider.pk, 0, D("0.00"), D("400.00"))
    ]


def test_provider_staff_see_only_their_own_revenue(money, world, provider_staff):
    rows = queries.provider_revenue(provider_staff)
    assert [r.provider.pk for r in rows] == [world.provider.pk]


def test_budget_counts_sponsor_shares_committed_invoiced_and_spent(money, world):
    budget = queries.budget_figures([world.partnership])[world.partnership.pk]
    assert (budget.committed, budget.invoiced, budget.spent, budget.enrolments) == (
        D("1500.00"),
        D("1500.00"),
        D("1500.00"),
        1,
    )
    assert budget.committed_percent == D("33.3")
    assert budget.state == "ok"


def test_invoice_totals_add_lines_and_payments(money):
    assert queries.invoice_totals(money.inv_c) == {
        "total": D("6000.00"),
        "paid": D("0.00"),
        "outstanding": D("6000.00"),
    }


def test_partner_indicators_are_computed_from_records(money, world):
    Organisation = type(world.provider)
    Organisation.objects.filter(pk=world.provider.pk).update(
        mou_date=day(2011, 3, 1), has_business_plan=True
    )
    Organisation.objects.filter(pk=world.other_provider.pk).update(mou_date=day(2013, 6, 1))
    until = day(2012, 12, 31)
    # `provided` is enrolled with `provider` through its participation only.
    assert list(queries.institutions_embedding_score(country=world.china, until=until)) == [
        Organisation.objects.get(pk=world.provider.pk)
    ]
    assert queries.mous_signed(country=world.china, until=until).count() == 1
    assert queries.mous_signed(country=world.china, until=day(2014, 1, 1)).count() == 2
    assert queries.business_plans_developed(programme=world.programme, until=until).count() == 1
    assert list(queries.sponsors_paying(programme=world.programme, until=until)) == [world.sponsor]
    assert not queries.sponsors_paying(programme=world.programme, until=day(2012, 3, 31)).exists()
    counts = queries.partner_indicators(country=world.china, until=until)
    assert counts["institutions_embedding_score"] == 1
    assert counts["sponsors_paying"] == 1
