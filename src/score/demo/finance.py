"""The demo's money (issue 6): providers' prices, fees and their split, invoices and
payments, loaded through ``score.finance.actions`` like everything else in the demo.

- Prices: every Phase I provider charges CNY 12,000 for Workplace Cooperation and CNY 9,000
  for any other module, from 1 January 2011.
- The Coop pilot: USD 3,000 per supplier factory for Workplace Cooperation, half paid by
  Coop and half by the supplier (the partnership's 50 % sponsor share); both halves invoiced
  and paid. Coop's budget (USD 4,500, its half for three factories) is fully committed, so
  its budget page shows the warning.
- The other Phase I enterprises: the provider's price, a third paid by the enterprise and
  the rest by the programme; the enterprise shares of the Liaoning EC Training Centre's
  enterprises (the demo provider login's) are invoiced, most of them paid. The second
  module (PCP) is paid by the enterprises in full.
- The BSCI partnership (USD 80,000): USD 6,000 per SME, BSCI paying 4,500 and the SME
  1,500; all ten of BSCI's invoices issued, six paid so far.

Idempotent like the rest of the loader: fees are looked up by enrolment, invoices by number,
prices by provider, module and date; a second run creates nothing.
"""

import datetime
from decimal import Decimal

from score.demo import data
from score.finance import actions
from score.finance.models import Fee, Invoice, InvoiceStatus, ModulePrice, PayerKind
from score.programmes.models import Organisation
from score.training.models import Enrolment, Module

PRICE_FROM = datetime.date(2011, 1, 1)
WC_PRICE = Decimal("12000")
OTHER_PRICE = Decimal("9000")
PHASE_1_PROVIDERS = (
    "ln-tc", "ln-bds", "cq-tc", "cq-bds", "sc-tc", "sc-bds", "zj-tc", "zj-bds", "sh-tc", "sh-bds",
)  # fmt: skip
COOP_FEE = Decimal("3000")
BSCI_FEE, BSCI_SHARE = Decimal("6000"), Decimal("4500")
BSCI_PAID = 6  # of BSCI's ten invoices, the first six are paid
DEMO_PROVIDER = "ln-tc"
DAY = datetime.timedelta(days=1)


def _prices(ctx, modules) -> None:
    existing = set(
        ModulePrice.objects.filter(valid_from=PRICE_FROM).values_list("provider_id", "module_id")
    )
    for key in PHASE_1_PROVIDERS:
        provider: Organisation = ctx.organisations[key]
        for module in modules:
            if (provider.pk, module.pk) in existing:
                continue
            actions.set_module_price(
                by=ctx.by,
                provider=provider,
                module=module,
                amount=WC_PRICE if module.is_workplace_cooperation else OTHER_PRICE,
                currency="CNY",
                valid_from=PRICE_FROM,
            )
            ctx.report.add("prices")


def _fee(ctx, fees, enrolment, **split) -> Fee:
    fee = fees.get(enrolment.pk)
    if fee is None:
        fee = actions.set_enrolment_fee(by=ctx.by, enrolment=enrolment, **split)
        fees[enrolment.pk] = fee
        ctx.report.add("fees")
    return fee


def _bill(ctx, invoices, fee, kind, *, number, issued_on=None, paid_on=None) -> None:
    """Invoice one share (draft), issue it on ``issued_on`` and pay it in full on
    ``paid_on``: whichever of these steps is not done yet."""
    invoice = invoices.get(number)
    if invoice is None:
        share = fee.shares.get(payer_kind=kind)
        invoice = actions.create_invoice(by=ctx.by, shares=[share], number=number)
        ctx.report.add("invoices")
    if issued_on and invoice.status == InvoiceStatus.DRAFT:
        invoice = actions.issue_invoice(
            by=ctx.by, invoice=invoice, issued_on=issued_on, due_on=issued_on + 30 * DAY
        )
    if paid_on and invoice.status == InvoiceStatus.ISSUED:
        amount = fee.shares.get(payer_kind=kind).amount
        actions.record_payment(
            by=ctx.by, invoice=invoice, amount=amount, paid_on=paid_on, reference=number
        )
        ctx.report.add("payments")


def load_finance(ctx) -> None:
    """Prices, the Coop split, the Phase I fees and the BSCI budget with its spending."""
    modules = list(Module.objects.filter(programme__isnull=True).order_by("order"))
    _prices(ctx, modules)

    enrolments = list(
        Enrolment.objects.filter(programme__code__in=("CN-P1", "CN-P2"))
        .select_related("enterprise", "programme", "module", "provider")
        .order_by("programme__code", "enterprise__code", "module__order")
    )
    fees = {fee.enrolment_id: fee for fee in Fee.objects.filter(enrolment__in=enrolments)}
    invoices = {
        invoice.number: invoice for invoice in Invoice.objects.filter(number__startswith="CN")
    }
    coop = set(data.COOP_SUPPLIERS)
    demo_provider = ctx.organisations[DEMO_PROVIDER]
    for n, enrolment in enumerate(enrolments):
        code, module = enrolment.enterprise.code, enrolment.module.code
        participation = ctx.participations.get((enrolment.programme.code, code))
        joined = participation.joined_on if participation else enrolment.registered_on
        number = f"{code}-{module}"
        if enrolment.programme.code == "CN-P2":
            fee = _fee(
                ctx,
                fees,
                enrolment,
                amount=BSCI_FEE,
                currency="USD",
                agreed_on=joined,
                enterprise_share=BSCI_FEE - BSCI_SHARE,
                sponsor_share=BSCI_SHARE,
            )
            issued = datetime.date(2013, 4, 15)
            bsci_paid = sum(1 for e in enrolments[:n] if e.programme.code == "CN-P2") < BSCI_PAID
            _bill(
                ctx,
                invoices,
                fee,
                PayerKind.SPONSOR,
                number=f"{number}-S",
                issued_on=issued,
                paid_on=datetime.date(2013, 6, 28) if bsci_paid else None,
            )
            _bill(
                ctx,
                invoices,
                fee,
                PayerKind.ENTERPRISE,
                number=f"{number}-E",
                issued_on=issued,
                paid_on=datetime.date(2013, 5, 10),
            )
        elif code in coop and enrolment.module.is_workplace_cooperation:
            half = COOP_FEE / 2
            fee = _fee(
                ctx,
                fees,
                enrolment,
                amount=COOP_FEE,
                currency="USD",
                agreed_on=joined,
                enterprise_share=half,
                sponsor_share=half,
            )
            issued = joined + 30 * DAY
            _bill(
                ctx,
                invoices,
                fee,
                PayerKind.SPONSOR,
                number=f"{number}-S",
                issued_on=issued,
                paid_on=issued + 25 * DAY,
            )
            _bill(
                ctx,
                invoices,
                fee,
                PayerKind.ENTERPRISE,
                number=f"{number}-E",
                issued_on=issued,
                paid_on=issued + 40 * DAY,
            )
        elif enrolment.module.is_workplace_cooperation:
            third = WC_PRICE / 3
            fee = _fee(
                ctx,
                fees,
                enrolment,
                amount=WC_PRICE,
                currency="CNY",
                agreed_on=enrolment.registered_on,
                enterprise_share=third,
                programme_share=WC_PRICE - third,
            )
            if fee.provider_id == demo_provider.pk:
                issued = enrolment.registered_on + 14 * DAY
                # The last of them is still unpaid.
                paid = None if code.endswith(("-007", "-008")) else issued + 20 * DAY
                _bill(
                    ctx,
                    invoices,
                    fee,
                    PayerKind.ENTERPRISE,
                    number=f"{number}-E",
                    issued_on=issued,
                    paid_on=paid,
                )
        else:
            _fee(
                ctx,
                fees,
                enrolment,
                amount=OTHER_PRICE,
                currency="CNY",
                agreed_on=enrolment.registered_on,
                enterprise_share=OTHER_PRICE,
            )
    ctx.part_done("Fees and invoices", ["prices", "fees", "invoices", "payments"])
