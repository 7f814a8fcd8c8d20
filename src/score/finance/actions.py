"""Every write to prices, fees, invoices and payments.

Views, the demo loader and later the API call these: keyword-only, one transaction each,
refusals as ``ActionError`` naming the field and saying what to do. Invoice status moves
only here, one action per transition: ``create_invoice`` (draft) → ``issue_invoice``
(issued) → ``record_payment`` (paid once payments cover the total), or ``cancel_invoice``.

Budgets: a fee whose sponsor share would take the partnership's commitments above its
budget is refused (the sponsor has not agreed to pay more); the pages warn from 90 % on.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from score.core.audit import record
from score.core.exceptions import ActionError
from score.core.money import validate_currency
from score.finance import queries
from score.finance.models import (
    BILLED,
    LIVE,
    Fee,
    FeeShare,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    ModulePrice,
    PayerKind,
    Payment,
)
from score.programmes.models import PROVIDER_KINDS
from score.training.models import Enrolment

ZERO = Decimal("0.00")


def _check_currency(currency: str) -> None:
    try:
        validate_currency(currency)
    except Exception:
        raise ActionError(
            _("%(value)s is not a currency this platform knows. Choose one from the list.")
            % {"value": currency},
            field="currency",
        ) from None


def _amount(value, field: str) -> Decimal:
    value = Decimal(value if value is not None else 0)
    if not value.is_finite() or value < 0:
        raise ActionError(_("Enter an amount of zero or more."), field=field)
    return value.quantize(queries.CENT)


# Prices -----------------------------------------------------------------------------------


@transaction.atomic
def set_module_price(
    *, by, provider, module, amount: Decimal, currency: str, valid_from: date
) -> ModulePrice:
    """The provider's price for the module from ``valid_from`` on (replacing the amount of
    a price with the same date)."""
    if provider.kind not in PROVIDER_KINDS:
        raise ActionError(
            _("%(org)s is not a training institution or BDS provider. Choose a provider.")
            % {"org": provider},
            field="provider",
        )
    _check_currency(currency)
    amount = _amount(amount, "amount")
    price = ModulePrice.objects.filter(
        provider=provider, module=module, valid_from=valid_from
    ).first()
    if price is None:
        price = ModulePrice(provider=provider, module=module, valid_from=valid_from)
        verb = "create_moduleprice"
    else:
        verb = "update_moduleprice"
    price.amount, price.currency = amount, currency
    price.full_clean()
    price.save()
    record(
        by=by,
        verb=verb,
        obj=price,
        changes={"amount": amount, "currency": currency, "valid_from": valid_from},
    )
    return price


# Fees -------------------------------------------------------------------------------------


def _check_budget(*, fee: Fee | None, partnership, sponsor_share: Decimal, currency, on):
    """Refuse a sponsor share that would take the partnership above its budget."""
    if partnership is None or partnership.budget is None or not sponsor_share:
        return
    converted = queries.to_partnership_currency(sponsor_share, currency, partnership, on)
    if converted is None:
        raise ActionError(
            _(
                "There is no exchange rate for %(currency)s on %(date)s, so the sponsor's "
                "share cannot be checked against the budget of %(partnership)s in "
                "%(budget_currency)s. Add the rate under Monitoring, then save again."
            )
            % {
                "currency": currency,
                "date": on,
                "partnership": partnership,
                "budget_currency": partnership.currency,
            },
            field="sponsor_share",
        )
    others = queries.budget_figures([partnership], exclude_fee=fee)[partnership.pk]
    total = others.committed + converted
    if total > partnership.budget:
        raise ActionError(
            _(
                "This sponsor's share would bring the commitments of %(partnership)s to "
                "%(cur)s %(total)s, above its budget of %(cur)s %(budget)s (%(left)s left). "
                "Lower the sponsor's share and let another payer cover the rest, or raise "
                "the partnership's budget first."
            )
            % {
                "partnership": partnership,
                "cur": partnership.currency,
                "total": f"{total:,.2f}",
                "budget": f"{partnership.budget:,.2f}",
                "left": f"{max(partnership.budget - others.committed, ZERO):,.2f}",
            },
            field="sponsor_share",
        )


@transaction.atomic
def set_enrolment_fee(
    *,
    by,
    enrolment: Enrolment,
    amount: Decimal,
    currency: str,
    agreed_on: date,
    enterprise_share: Decimal = ZERO,
    sponsor_share: Decimal = ZERO,
    programme_share: Decimal = ZERO,
    other_share: Decimal = ZERO,
    programme_payer=None,
    other_payer=None,
    notes: str = "",
) -> Fee:
    """Set (or change) the enrolment's fee and how it is split between payers.

    The shares must add up to the fee. A sponsor's share needs a sponsoring partnership on
    the enterprise's participation (its sponsor pays) and must fit in that partnership's
    budget. Shares already billed on an invoice keep their amount until that invoice is
    cancelled."""
    _check_currency(currency)
    amount = _amount(amount, "amount")
    wanted = {
        PayerKind.ENTERPRISE: _amount(enterprise_share, "enterprise_share"),
        PayerKind.SPONSOR: _amount(sponsor_share, "sponsor_share"),
        PayerKind.PROGRAMME: _amount(programme_share, "programme_share"),
        PayerKind.OTHER: _amount(other_share, "other_share"),
    }
    total = sum(wanted.values(), ZERO)
    if total != amount:
        raise ActionError(
            _(
                "The shares add up to %(cur)s %(total)s but the fee is %(cur)s %(amount)s. "
                "Change the shares so that together they make the fee."
            )
            % {"cur": currency, "total": f"{total:,.2f}", "amount": f"{amount:,.2f}"},
            field="amount",
        )
    participation = queries.partnership_participation(enrolment)
    provider = enrolment.provider or (participation.provider if participation else None)
    if provider is None:
        raise ActionError(
            _(
                "No training provider delivers this enrolment. Name the provider on the "
                "enrolment or on the enterprise's programme participation first."
            )
        )
    partnership = participation.partnership if participation else None
    if wanted[PayerKind.SPONSOR] and partnership is None:
        raise ActionError(
            _(
                "%(enterprise)s is not sponsored by a partnership in %(programme)s, so no "
                "sponsor can pay a share. Give the sponsor's share to another payer, or "
                "name the partnership on the enterprise's participation first."
            )
            % {"enterprise": enrolment.enterprise, "programme": enrolment.programme.code},
            field="sponsor_share",
        )

    fee = Fee.objects.select_for_update().filter(enrolment=enrolment).first()
    old = None if fee is None else {s.payer_kind: s for s in fee.shares.all()}
    billed = set()
    if fee is not None:
        billed = set(
            InvoiceLine.objects.filter(share__fee=fee, invoice__status__in=LIVE).values_list(
                "share__payer_kind", flat=True
            )
        )
        for kind in billed:
            changed = old[kind].amount != wanted[kind] or fee.currency != currency
            if changed:
                raise ActionError(
                    _(
                        "The %(payer)s share is billed on invoice %(invoice)s, so its amount "
                        "and currency cannot change. Cancel that invoice first."
                    )
                    % {
                        "payer": PayerKind(kind).label.lower(),
                        "invoice": InvoiceLine.objects.filter(
                            share=old[kind], invoice__status__in=LIVE
                        )
                        .values_list("invoice__number", flat=True)
                        .first(),
                    },
                    field=f"{kind}_share",
                )
    _check_budget(
        fee=fee,
        partnership=partnership,
        sponsor_share=wanted[PayerKind.SPONSOR],
        currency=currency,
        on=agreed_on,
    )

    fields = {
        "provider": provider,
        "partnership": partnership,
        "amount": amount,
        "currency": currency,
        "agreed_on": agreed_on,
        "notes": notes,
    }
    created = fee is None
    if created:
        fee = Fee(enrolment=enrolment)
    for name, value in fields.items():
        setattr(fee, name, value)
    fee.full_clean()
    fee.save()

    payers = {
        PayerKind.ENTERPRISE: None,
        PayerKind.SPONSOR: partnership.sponsor if partnership else None,
        PayerKind.PROGRAMME: programme_payer,
        PayerKind.OTHER: other_payer,
    }
    for kind, share_amount in wanted.items():
        share = (old or {}).get(kind)
        if not share_amount and kind not in billed:
            if share is not None and not share.lines.exists():
                share.delete()
                continue
            if share is None:
                continue
            # Kept at zero: a cancelled invoice still names it.
        if share is None:
            share = FeeShare(fee=fee, payer_kind=kind)
        share.amount = share_amount
        share.organisation = payers[kind]
        share.save()

    record(
        by=by,
        verb="create_fee" if created else "update_fee",
        obj=fee,
        changes={**fields, **{f"{kind}_share": value for kind, value in wanted.items()}},
    )
    return fee


# Invoices ---------------------------------------------------------------------------------


def _next_number(provider, on: date) -> str:
    prefix = f"INV-{provider.pk}-{on.year}-"
    n = Invoice.objects.filter(number__startswith=prefix).count() + 1
    while Invoice.objects.filter(number=f"{prefix}{n:04d}").exists():
        n += 1
    return f"{prefix}{n:04d}"


@transaction.atomic
def create_invoice(*, by, shares, number: str = "", notes: str = "") -> Invoice:
    """A draft invoice billing the given fee shares, which must have one provider, one
    payer and one currency and be on no other live invoice."""
    shares = list(
        FeeShare.objects.select_for_update(of=("self",))
        .filter(pk__in=[s.pk for s in shares])
        .select_related("fee__enrolment__enterprise", "fee__provider", "organisation")
        .order_by("pk")
    )
    if not shares:
        raise ActionError(_("Choose at least one fee share to bill."), field="shares")
    first = shares[0]
    payer = (first.payer_kind, first.organisation_id, first.fee.enrolment.enterprise_id)
    for share in shares:
        if share.fee.provider_id != first.fee.provider_id:
            raise ActionError(
                _("An invoice comes from one provider. Choose shares of one provider only."),
                field="shares",
            )
        if share.fee.currency != first.fee.currency:
            raise ActionError(
                _("An invoice is in one currency. Choose shares of fees in one currency."),
                field="shares",
            )
        this = (share.payer_kind, share.organisation_id, share.fee.enrolment.enterprise_id)
        same_payer = this[:2] == payer[:2] and (
            share.payer_kind != PayerKind.ENTERPRISE or this[2] == payer[2]
        )
        if not same_payer:
            raise ActionError(
                _("An invoice goes to one payer. Choose shares that the same payer pays."),
                field="shares",
            )
        if share.amount <= 0:
            raise ActionError(_("A share of zero cannot be billed."), field="shares")
    taken = (
        InvoiceLine.objects.filter(share__in=shares, invoice__status__in=LIVE)
        .values_list("invoice__number", flat=True)
        .first()
    )
    if taken:
        raise ActionError(
            _(
                "One of these shares is already billed on invoice %(number)s. Cancel that "
                "invoice first, or leave the share out."
            )
            % {"number": taken},
            field="shares",
        )
    number = (number or "").strip() or _next_number(first.fee.provider, timezone.localdate())
    if Invoice.objects.filter(number=number).exists():
        raise ActionError(
            _("Another invoice already has the number %(number)s. Choose another.")
            % {"number": number},
            field="number",
        )
    invoice = Invoice(
        number=number,
        provider=first.fee.provider,
        payer_kind=first.payer_kind,
        payer_organisation=first.organisation,
        payer_enterprise=(
            first.fee.enrolment.enterprise if first.payer_kind == PayerKind.ENTERPRISE else None
        ),
        currency=first.fee.currency,
        notes=notes,
    )
    invoice.full_clean()
    invoice.save()
    InvoiceLine.objects.bulk_create(
        [InvoiceLine(invoice=invoice, share=share, amount=share.amount) for share in shares]
    )
    record(
        by=by,
        verb="create_invoice",
        obj=invoice,
        changes={"shares": [s.pk for s in shares], "payer": invoice.payer_name},
    )
    return invoice


def _refuse_status(invoice: Invoice, doing: str):
    raise ActionError(
        _("Invoice %(number)s is %(status)s, so it cannot be %(doing)s.")
        % {"number": invoice.number, "status": invoice.get_status_display().lower(), "doing": doing}
    )


def _locked(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().select_related("provider").get(pk=invoice.pk)


@transaction.atomic
def issue_invoice(*, by, invoice: Invoice, issued_on: date, due_on: date | None = None) -> Invoice:
    """Draft → issued: the invoice is sent to the payer and counts as billed revenue."""
    invoice = _locked(invoice)
    if invoice.status != InvoiceStatus.DRAFT:
        _refuse_status(invoice, _("issued"))
    if not invoice.lines.exists():
        raise ActionError(_("This invoice bills nothing. Cancel it and create a new one."))
    if due_on is not None and due_on < issued_on:
        raise ActionError(
            _("The due date (%(due)s) is before the issue date (%(issued)s). Correct one.")
            % {"due": due_on, "issued": issued_on},
            field="due_on",
        )
    invoice.status = InvoiceStatus.ISSUED
    invoice.issued_on, invoice.due_on = issued_on, due_on
    invoice.save(update_fields=["status", "issued_on", "due_on", "updated_at"])
    record(
        by=by,
        verb="issue_invoice",
        obj=invoice,
        changes={"issued_on": issued_on, "due_on": due_on},
    )
    return invoice


@transaction.atomic
def cancel_invoice(*, by, invoice: Invoice, on: date | None = None) -> Invoice:
    """Draft or issued → cancelled: its fee shares may be billed again. An invoice with
    payments cannot be cancelled."""
    invoice = _locked(invoice)
    if invoice.status not in (InvoiceStatus.DRAFT, InvoiceStatus.ISSUED):
        _refuse_status(invoice, _("cancelled"))
    if invoice.payments.exists():
        raise ActionError(
            _(
                "Payments are recorded against invoice %(number)s, so it cannot be "
                "cancelled. Ask the programme admin to correct the payments first."
            )
            % {"number": invoice.number}
        )
    invoice.status = InvoiceStatus.CANCELLED
    invoice.cancelled_on = on or timezone.localdate()
    invoice.save(update_fields=["status", "cancelled_on", "updated_at"])
    record(by=by, verb="cancel_invoice", obj=invoice, changes={"on": invoice.cancelled_on})
    return invoice


@transaction.atomic
def record_payment(
    *, by, invoice: Invoice, amount: Decimal, paid_on: date, reference: str = ""
) -> Payment:
    """Money received against an issued invoice; when payments cover the total, the
    invoice is paid (on the day of the last payment)."""
    invoice = _locked(invoice)
    if invoice.status not in BILLED or invoice.status == InvoiceStatus.PAID:
        _refuse_status(invoice, _("paid"))
    amount = _amount(amount, "amount")
    if amount <= 0:
        raise ActionError(_("Enter the amount received, more than zero."), field="amount")
    if paid_on < invoice.issued_on:
        raise ActionError(
            _("The payment date is before the invoice was issued (%(issued)s). Correct it.")
            % {"issued": invoice.issued_on},
            field="paid_on",
        )
    totals = queries.invoice_totals(invoice)
    if amount > totals["outstanding"]:
        raise ActionError(
            _(
                "Only %(cur)s %(left)s is outstanding on invoice %(number)s. Record at most "
                "that amount."
            )
            % {
                "cur": invoice.currency,
                "left": f"{totals['outstanding']:,.2f}",
                "number": invoice.number,
            },
            field="amount",
        )
    payment = Payment(invoice=invoice, amount=amount, paid_on=paid_on, reference=reference)
    payment.full_clean()
    payment.save()
    record(
        by=by,
        verb="record_payment",
        obj=invoice,
        changes={"amount": amount, "paid_on": paid_on, "reference": reference},
    )
    if amount == totals["outstanding"]:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_on = paid_on
        invoice.save(update_fields=["status", "paid_on", "updated_at"])
        record(by=by, verb="pay_invoice", obj=invoice, changes={"paid_on": paid_on})
    return payment
