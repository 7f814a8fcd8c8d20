"""Reads for fees, invoices, budgets, revenue and cost recovery, aggregated in SQL.

Money is kept in the currency it was agreed in; totals are converted to US dollars with the
dated exchange rates of ``score.monitoring`` (the rate in force on the day of the fee, the
invoice or the payment). A row whose currency has no rate on that day is left out of the
USD totals and counted as ``unconverted`` so pages can say so.

The partner indicators of the logframe (``institutions_embedding_score``, ``mous_signed``,
``business_plans_developed``, ``sponsors_paying``, ``cost_recovery``) take a country or a
programme and a date, and read all records: the results builders scope them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from score.accounts.scopes import (
    fee_enrolments_visible_to,
    fees_visible_to,
    invoices_visible_to,
    module_prices_visible_to,
    partnerships_visible_to,
    scope_of,
)
from score.finance.models import (
    BILLED,
    LIVE,
    NON_PROGRAMME_PAYERS,
    Fee,
    FeeShare,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    ModulePrice,
    PayerKind,
    Payment,
)
from score.monitoring.models import ExchangeRate
from score.programmes.models import PROVIDER_KINDS, Organisation, OrganisationStatus, Partnership
from score.training.models import WORKPLACE_COOPERATION, Enrolment

CENT = Decimal("0.01")
AMOUNT = DecimalField(max_digits=20, decimal_places=6)
# Budget warnings: at this share of the budget committed, pages warn.
BUDGET_WARNING_PERCENT = Decimal("90")


def in_usd(amount: str, currency: str, on: str):
    """``amount`` (a field path) of ``currency`` converted to USD at the rate in force on
    ``on`` (field paths of the same row); NULL when no rate is known."""
    rate = Subquery(
        ExchangeRate.objects.filter(currency=OuterRef(currency), valid_from__lte=OuterRef(on))
        .order_by("-valid_from")
        .values("units_per_usd")[:1],
        output_field=AMOUNT,
    )
    return Case(
        When(**{currency: "USD"}, then=F(amount)),
        default=ExpressionWrapper(F(amount) / rate, output_field=AMOUNT),
        output_field=AMOUNT,
    )


def has_no_rate(currency: str, on: str) -> Q:
    """Rows in a currency other than USD with no exchange rate in force on ``on``."""
    known = ExchangeRate.objects.filter(currency=OuterRef(currency), valid_from__lte=OuterRef(on))
    return ~Q(**{currency: "USD"}) & ~Exists(known)


def _money(value) -> Decimal:
    return Decimal("0.00") if value is None else Decimal(value).quantize(CENT)


def _percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


# Prices and fees --------------------------------------------------------------------------


def price_in_force(*, provider, module, on: date) -> ModulePrice | None:
    """The provider's price for the module on ``on``: the latest one valid from then."""
    return (
        ModulePrice.objects.filter(provider=provider, module=module, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )


def provider_of(enrolment: Enrolment):
    """Who delivers the enrolment: named on it, else on the enterprise's participation."""
    if enrolment.provider_id:
        return enrolment.provider
    participation = partnership_participation(enrolment)
    return participation.provider if participation else None


def partnership_participation(enrolment: Enrolment):
    from score.enterprises.models import Participation

    return (
        Participation.objects.select_related("provider", "partnership__sponsor")
        .filter(enterprise_id=enrolment.enterprise_id, programme_id=enrolment.programme_id)
        .first()
    )


@dataclass
class SuggestedFee:
    amount: Decimal | None
    currency: str
    price: ModulePrice | None
    shares: dict = field(default_factory=dict)  # payer kind -> amount


def split_fee(amount: Decimal, partnership: Partnership | None) -> dict:
    """The default split: the partnership's sponsor share (per cent), the enterprise the
    rest (the Coop model: half Coop, half the supplier)."""
    sponsor = Decimal("0.00")
    if partnership is not None and partnership.sponsor_fee_share:
        sponsor = (amount * partnership.sponsor_fee_share / 100).quantize(CENT)
    return {
        PayerKind.ENTERPRISE: amount - sponsor,
        PayerKind.SPONSOR: sponsor,
        PayerKind.PROGRAMME: Decimal("0.00"),
        PayerKind.OTHER: Decimal("0.00"),
    }


def suggested_fee(enrolment: Enrolment) -> SuggestedFee:
    """The provider's price in force when the enterprise registered, split by default."""
    participation = partnership_participation(enrolment)
    provider = enrolment.provider or (participation.provider if participation else None)
    partnership = participation.partnership if participation else None
    price = None
    if provider is not None:
        price = price_in_force(
            provider=provider, module=enrolment.module, on=enrolment.registered_on
        )
    if price is None:
        currency = partnership.currency if partnership else "USD"
        return SuggestedFee(None, currency, None, {})
    return SuggestedFee(price.amount, price.currency, price, split_fee(price.amount, partnership))


def price_list(user, *, provider=None, module=None) -> QuerySet[ModulePrice]:
    qs = module_prices_visible_to(user).select_related("provider", "module")
    if provider is not None:
        qs = qs.filter(provider=provider)
    if module is not None:
        qs = qs.filter(module=module)
    return qs.order_by("provider__name", "module__order", "module__code", "-valid_from")


def fee_list(user, *, programme=None, provider=None, module=None, has_fee=None):
    """Enrolments whose fee the user may see, with their fee and its non-programme part."""
    qs = fee_enrolments_visible_to(user).select_related(
        "enterprise", "programme", "module", "provider", "fee__provider"
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    if provider is not None:
        qs = qs.filter(Q(provider=provider) | Q(fee__provider=provider))
    if module is not None:
        qs = qs.filter(module=module)
    if has_fee == "yes":
        qs = qs.filter(fee__isnull=False)
    elif has_fee == "no":
        qs = qs.filter(fee__isnull=True)
    return qs.order_by("programme__code", "enterprise__code", "module__order", "pk")


def fee_detail(user, enrolment_pk: int):
    """(enrolment, fee or None, shares with their live invoice lines) for the fee page."""
    enrolment = fee_enrolments_visible_to(user).select_related(
        "enterprise", "programme__country", "module", "provider"
    )
    enrolment = enrolment.get(pk=enrolment_pk)
    fee = (
        fees_visible_to(user)
        .select_related("provider", "partnership__sponsor")
        .filter(enrolment=enrolment)
        .first()
    )
    shares = []
    if fee is not None:
        live_invoice = Subquery(
            InvoiceLine.objects.filter(share=OuterRef("pk"), invoice__status__in=LIVE).values(
                "invoice_id"
            )[:1]
        )
        shares = list(
            fee.shares.select_related("organisation")
            .annotate(invoice_id=live_invoice)
            .order_by("payer_kind")
        )
    return enrolment, fee, shares


# Invoices ---------------------------------------------------------------------------------


def invoice_list(user, *, status="", payer_kind="", provider=None, q=""):
    qs = _with_totals(
        invoices_visible_to(user).select_related(
            "provider", "payer_organisation", "payer_enterprise"
        )
    )
    if status:
        qs = qs.filter(status=status)
    if payer_kind:
        qs = qs.filter(payer_kind=payer_kind)
    if provider is not None:
        qs = qs.filter(provider=provider)
    if q:
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(payer_organisation__name__icontains=q)
            | Q(payer_enterprise__name__icontains=q)
        )
    return qs.order_by("-created_at", "-pk")


def _with_totals(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Annotate ``total`` (its lines) and ``paid`` (its payments), in the invoice's currency."""
    lines = InvoiceLine.objects.filter(invoice=OuterRef("pk")).order_by().values("invoice")
    payments = Payment.objects.filter(invoice=OuterRef("pk")).order_by().values("invoice")
    return invoices.annotate(
        total=Coalesce(
            Subquery(lines.annotate(s=Sum("amount")).values("s"), output_field=AMOUNT),
            Value(Decimal(0)),
            output_field=AMOUNT,
        ),
        paid=Coalesce(
            Subquery(payments.annotate(s=Sum("amount")).values("s"), output_field=AMOUNT),
            Value(Decimal(0)),
            output_field=AMOUNT,
        ),
    )


def invoice_totals(invoice: Invoice) -> dict:
    """Total billed, paid and outstanding for one invoice (one query)."""
    figures = _with_totals(Invoice.objects.filter(pk=invoice.pk)).values("total", "paid").get()
    total, paid = _money(figures["total"]), _money(figures["paid"])
    return {"total": total, "paid": paid, "outstanding": total - paid}


def invoice_detail(user, pk: int):
    invoice = (
        invoices_visible_to(user)
        .select_related("provider", "payer_organisation", "payer_enterprise")
        .get(pk=pk)
    )
    lines = list(
        invoice.lines.select_related(
            "share__fee__enrolment__enterprise",
            "share__fee__enrolment__module",
            "share__fee__enrolment__programme",
        ).order_by("pk")
    )
    payments = list(invoice.payments.order_by("paid_on", "pk"))
    return invoice, lines, payments


def shares_to_invoice(user, *, provider=None) -> QuerySet[FeeShare]:
    """Fee shares the user may bill that are on no live invoice yet (amount above zero)."""
    on_invoice = InvoiceLine.objects.filter(share=OuterRef("pk"), invoice__status__in=LIVE)
    qs = (
        FeeShare.objects.filter(fee__in=fees_visible_to(user), amount__gt=0)
        .exclude(Exists(on_invoice))
        .select_related(
            "fee__enrolment__enterprise", "fee__enrolment__module", "fee__provider", "organisation"
        )
    )
    if provider is not None:
        qs = qs.filter(fee__provider=provider)
    return qs.order_by("fee__provider__name", "fee__enrolment__enterprise__code", "payer_kind")


# Provider revenue -------------------------------------------------------------------------


@dataclass
class RevenueRow:
    provider: Organisation
    invoices: int = 0
    invoiced_usd: Decimal = Decimal("0.00")
    paid_usd: Decimal = Decimal("0.00")
    unconverted: int = 0


def provider_revenue(user, *, start: date | None = None, end: date | None = None, provider=None):
    """Per provider: invoices issued in the period and their total (USD at the issue date),
    and payments received in the period (USD at the payment date). Three queries."""
    invoices = invoices_visible_to(user)
    if provider is not None:
        invoices = invoices.filter(provider=provider)
    lines = InvoiceLine.objects.filter(invoice__in=invoices, invoice__status__in=BILLED)
    payments = Payment.objects.filter(invoice__in=invoices)
    if start:
        lines = lines.filter(invoice__issued_on__gte=start)
        payments = payments.filter(paid_on__gte=start)
    if end:
        lines = lines.filter(invoice__issued_on__lte=end)
        payments = payments.filter(paid_on__lte=end)
    billed = (
        lines.order_by()
        .values("invoice__provider")
        .annotate(
            invoices=Count("invoice", distinct=True),
            usd=Sum(in_usd("amount", "invoice__currency", "invoice__issued_on")),
            unconverted=Count("pk", filter=has_no_rate("invoice__currency", "invoice__issued_on")),
        )
    )
    received = (
        payments.order_by()
        .values("invoice__provider")
        .annotate(
            usd=Sum(in_usd("amount", "invoice__currency", "paid_on")),
            unconverted=Count("pk", filter=has_no_rate("invoice__currency", "paid_on")),
        )
    )
    rows: dict[int, dict] = {}
    for row in billed:
        rows.setdefault(row["invoice__provider"], {}).update(
            invoices=row["invoices"],
            invoiced_usd=_money(row["usd"]),
            unconverted=row["unconverted"],
        )
    for row in received:
        entry = rows.setdefault(row["invoice__provider"], {})
        entry["paid_usd"] = _money(row["usd"])
        entry["unconverted"] = entry.get("unconverted", 0) + row["unconverted"]
    providers = Organisation.objects.in_bulk(list(rows))
    result = [RevenueRow(provider=providers[pk], **values) for pk, values in rows.items()]
    return sorted(result, key=lambda r: r.provider.name)


# Partnership budgets ----------------------------------------------------------------------


@dataclass
class Budget:
    partnership: Partnership
    committed: Decimal = Decimal("0.00")  # sponsor shares of its fees, budget currency
    invoiced: Decimal = Decimal("0.00")  # of which on issued or paid invoices
    spent: Decimal = Decimal("0.00")  # of which on paid invoices
    enrolments: int = 0
    unconverted: int = 0

    @property
    def budget(self) -> Decimal | None:
        return self.partnership.budget

    @property
    def currency(self) -> str:
        return self.partnership.currency

    @property
    def committed_percent(self):
        return _percent(self.committed, self.budget)

    @property
    def spent_percent(self):
        return _percent(self.spent, self.budget)

    @property
    def remaining(self):
        return None if self.budget is None else self.budget - self.committed

    @property
    def overrun(self):
        """How much the commitments exceed the budget (0 when they do not)."""
        return None if self.budget is None else max(self.committed - self.budget, Decimal(0))

    @property
    def state(self) -> str:
        """ "over" (committed above the budget), "near" (at 90 % or more), "ok" or
        "no_budget"."""
        if self.budget is None:
            return "no_budget"
        if self.committed > self.budget:
            return "over"
        if self.budget == 0 or self.committed * 100 >= self.budget * BUDGET_WARNING_PERCENT:
            return "near" if self.committed else "ok"
        return "ok"


def _in_partnership_currency():
    """A sponsor share's amount in its fee's partnership's currency, converted through USD
    at the rates in force on the day the fee was agreed."""
    rate_fee = Subquery(
        ExchangeRate.objects.filter(
            currency=OuterRef("fee__currency"), valid_from__lte=OuterRef("fee__agreed_on")
        )
        .order_by("-valid_from")
        .values("units_per_usd")[:1],
        output_field=AMOUNT,
    )
    rate_budget = Subquery(
        ExchangeRate.objects.filter(
            currency=OuterRef("fee__partnership__currency"),
            valid_from__lte=OuterRef("fee__agreed_on"),
        )
        .order_by("-valid_from")
        .values("units_per_usd")[:1],
        output_field=AMOUNT,
    )
    usd = Case(
        When(fee__currency="USD", then=F("amount")),
        default=ExpressionWrapper(F("amount") / rate_fee, output_field=AMOUNT),
        output_field=AMOUNT,
    )
    return Case(
        When(fee__currency=F("fee__partnership__currency"), then=F("amount")),
        When(fee__partnership__currency="USD", then=usd),
        default=ExpressionWrapper(usd * rate_budget, output_field=AMOUNT),
        output_field=AMOUNT,
    )


def budget_figures(partnerships, *, exclude_fee: Fee | None = None) -> dict[int, Budget]:
    """{partnership pk: Budget} for the partnerships given (a queryset or list), in one
    query over the sponsor shares of their fees plus one for the partnerships."""
    partnerships = list(partnerships)
    shares = FeeShare.objects.filter(
        fee__partnership__in=[p.pk for p in partnerships], payer_kind=PayerKind.SPONSOR
    )
    if exclude_fee is not None:
        shares = shares.exclude(fee=exclude_fee)
    billed = InvoiceLine.objects.filter(share=OuterRef("pk"), invoice__status__in=BILLED)
    paid = InvoiceLine.objects.filter(share=OuterRef("pk"), invoice__status=InvoiceStatus.PAID)
    amount = _in_partnership_currency()
    rows = (
        shares.annotate(is_billed=Exists(billed), is_paid=Exists(paid), converted=amount)
        .order_by()
        .values("fee__partnership")
        .annotate(
            committed=Sum("converted"),
            invoiced=Sum("converted", filter=Q(is_billed=True)),
            spent=Sum("converted", filter=Q(is_paid=True)),
            enrolments=Count("fee", distinct=True),
            unconverted=Count("pk", filter=Q(converted__isnull=True)),
        )
    )
    result = {p.pk: Budget(partnership=p) for p in partnerships}
    for row in rows:
        budget = result[row["fee__partnership"]]
        budget.committed = _money(row["committed"])
        budget.invoiced = _money(row["invoiced"])
        budget.spent = _money(row["spent"])
        budget.enrolments = row["enrolments"]
        budget.unconverted = row["unconverted"]
    return result


def budgets_visible_to(user, *, programme=None) -> list[Budget]:
    """The budget figures of every partnership the user may see (aggregates only)."""
    partnerships = partnerships_visible_to(user).select_related("sponsor", "programme")
    if programme is not None:
        partnerships = partnerships.filter(programme=programme)
    partnerships = partnerships.order_by("-start_date", "code")
    return list(budget_figures(partnerships).values())


def to_partnership_currency(
    amount: Decimal, currency: str, partnership: Partnership, on: date
) -> Decimal | None:
    """``amount`` of ``currency`` in the partnership's currency at the rates on ``on``."""
    from score.monitoring.queries import to_usd

    if currency == partnership.currency:
        return amount
    usd = to_usd(amount, currency, on)
    if usd is None:
        return None
    if partnership.currency == "USD":
        return usd
    rate = (
        ExchangeRate.objects.filter(currency=partnership.currency, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("units_per_usd", flat=True)
        .first()
    )
    return None if rate is None else (usd * rate).quantize(CENT)


# Cost recovery and the partner indicators of the logframe ---------------------------------

MODULE_1 = "module_1"
MODULES_2_5 = "modules_2_5"
GROUP_LABELS = {
    MODULE_1: _("Module 1 (Workplace Cooperation)"),
    MODULES_2_5: _("Modules 2–5"),
}
COST_RECOVERY_DEFINITION = _(
    "Training cost is the fees agreed for enrolments in the period (by the date each fee "
    "was agreed). Non-programme resources are the shares of those fees paid by the "
    "enterprises, sponsors and other partners, i.e. every payer except the donor or "
    "programme. Amounts are converted to US dollars at the rate in force on the day the fee "
    "was agreed; n is the number of enrolments with a fee."
)


@dataclass
class Recovery:
    group: str
    label: str
    n: int = 0
    cost_usd: Decimal = Decimal("0.00")
    non_programme_usd: Decimal = Decimal("0.00")
    unconverted: int = 0

    @property
    def percent(self):
        return _percent(self.non_programme_usd, self.cost_usd)


def _enrolment_place(prefix: str, *, country=None, programme=None) -> Q:
    q = Q()
    if programme is not None:
        q &= Q(**{f"{prefix}programme": programme})
    if country is not None:
        q &= Q(**{f"{prefix}programme__country": country})
    return q


def cost_recovery(
    *,
    country=None,
    programme=None,
    start: date | None = None,
    until: date | None = None,
    fees: QuerySet[Fee] | None = None,
) -> dict[str, Recovery]:
    """Share of training cost covered by non-programme resources, Module 1 vs Modules 2–5
    and in total: {"module_1": Recovery, "modules_2_5": Recovery, "total": Recovery}. One
    query over the fee shares; ``fees`` narrows it to a user's scope."""
    shares = FeeShare.objects.filter(
        _enrolment_place("fee__enrolment__", country=country, programme=programme)
    )
    if fees is not None:
        shares = shares.filter(fee__in=fees)
    if start:
        shares = shares.filter(fee__agreed_on__gte=start)
    if until:
        shares = shares.filter(fee__agreed_on__lte=until)
    group = Case(
        When(fee__enrolment__module__code=WORKPLACE_COOPERATION, then=Value(MODULE_1)),
        default=Value(MODULES_2_5),
        output_field=CharField(),
    )
    usd = in_usd("amount", "fee__currency", "fee__agreed_on")
    rows = (
        shares.annotate(group=group, usd=usd)
        .order_by()
        .values("group")
        .annotate(
            n=Count("fee", distinct=True),
            cost=Sum("usd"),
            non_programme=Sum("usd", filter=Q(payer_kind__in=NON_PROGRAMME_PAYERS)),
            unconverted=Count("fee", distinct=True, filter=Q(usd__isnull=True)),
        )
    )
    result = {key: Recovery(key, str(label)) for key, label in GROUP_LABELS.items()}
    total = Recovery("total", str(_("All modules")))
    for row in rows:
        entry = result[row["group"]]
        entry.n = row["n"]
        entry.cost_usd = _money(row["cost"])
        entry.non_programme_usd = _money(row["non_programme"])
        entry.unconverted = row["unconverted"]
        total.n += entry.n
        total.cost_usd += entry.cost_usd
        total.non_programme_usd += entry.non_programme_usd
        total.unconverted += entry.unconverted
    result["total"] = total
    return result


def cost_recovery_for(user, *, country=None, start=None, until=None):
    """Cost recovery over the fees the user may see."""
    return cost_recovery(country=country, start=start, until=until, fees=fees_visible_to(user))


def _programme_organisations(programme) -> Q:
    """The partner institutions of a programme, those that sign an MoU and write a business
    plan for SCORE: its implementation partners and the providers that deliver it."""
    return (
        Q(provided_participations__programme=programme)
        | Q(enrolments__programme=programme)
        | Q(implemented_programmes=programme)
    )


def _organisations(*, country=None, programme=None) -> QuerySet[Organisation]:
    q = Q()
    if country is not None:
        q &= Q(country=country)
    if programme is not None:
        q &= _programme_organisations(programme)
    return Organisation.objects.filter(pk__in=Organisation.objects.filter(q).values("pk"))


def institutions_embedding_score(*, country=None, programme=None, until: date):
    """Training institutions and BDS providers with an active MoU signed by ``until`` that
    delivered at least one enrolment registered by then (in the country or programme)."""
    delivered = Enrolment.objects.filter(
        _enrolment_place("", country=country, programme=programme),
        registered_on__lte=until,
    ).filter(
        Q(provider=OuterRef("pk"))
        | Q(
            provider__isnull=True,
            enterprise__participations__provider=OuterRef("pk"),
            enterprise__participations__programme=F("programme"),
        )
    )
    return Organisation.objects.filter(
        Exists(delivered),
        kind__in=PROVIDER_KINDS,
        status=OrganisationStatus.ACTIVE,
        mou_date__lte=until,
    )


def mous_signed(*, country=None, programme=None, until: date):
    """Organisations (of the country, or taking part in the programme) whose MoU was
    signed on or before ``until``."""
    return _organisations(country=country, programme=programme).filter(mou_date__lte=until)


def business_plans_developed(*, country=None, programme=None, until: date):
    """Organisations (as for ``mous_signed``) with a business plan for SCORE. The plan has
    no date of its own: those with an MoU by ``until``, or no MoU at all, are counted."""
    return (
        _organisations(country=country, programme=programme)
        .filter(has_business_plan=True)
        .filter(Q(mou_date__isnull=True) | Q(mou_date__lte=until))
    )


def sponsors_paying(*, country=None, programme=None, until: date):
    """Organisations that paid a sponsor's share of a fee (of the country's or programme's
    enrolments) on or before ``until``."""
    paid = Payment.objects.filter(
        _enrolment_place(
            "invoice__lines__share__fee__enrolment__", country=country, programme=programme
        ),
        invoice__payer_organisation=OuterRef("pk"),
        invoice__payer_kind=PayerKind.SPONSOR,
        paid_on__lte=until,
    )
    return Organisation.objects.filter(Exists(paid))


def partner_indicators(*, country=None, programme=None, until: date) -> dict:
    """The partner indicators of the logframe, as counts, plus cost recovery to ``until``."""
    place = {"country": country, "programme": programme, "until": until}
    return {
        "institutions_embedding_score": institutions_embedding_score(**place).count(),
        "mous_signed": mous_signed(**place).count(),
        "business_plans_developed": business_plans_developed(**place).count(),
        "sponsors_paying": sponsors_paying(**place).count(),
        "cost_recovery": cost_recovery(**place),
    }


def price_providers(user) -> QuerySet[Organisation]:
    """Providers whose prices the user may set: every provider for admins, those of the
    coordinator's country, and the staff's own organisation."""
    scope = scope_of(user)
    qs = Organisation.objects.filter(kind__in=PROVIDER_KINDS).order_by("name")
    if scope.is_admin:
        return qs
    return qs.filter(Q(pk__in=scope.provider_orgs) | Q(country_id__in=scope.coordinator_countries))
