"""Fees and who pays them, invoices and payments (DESIGN.md, "finance"; SCORE.md, "Money").

- A provider's **price** for a module (``ModulePrice``) is dated: the price in force on a
  day is the one with the latest ``valid_from`` on or before it.
- Each enrolment has at most one **fee** (``Fee``), split into **shares** (``FeeShare``),
  one per kind of payer (enterprise, sponsor, donor/programme, other) and adding up to the
  fee. The fee remembers the provider that delivers and the partnership that sponsors the
  enrolment at the time it was agreed, so budgets and revenue do not move if the
  enterprise's participation changes later.
- An **invoice** bills one payer for one or more fee shares of one provider (one line per
  share); its status moves draft → issued → paid, or to cancelled, only through the actions
  in ``score.finance.actions``. Payments are recorded against it; when they cover the
  total, it is paid.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.core.money import CURRENCY_CHOICES, validate_currency

MONEY = {"max_digits": 14, "decimal_places": 2}


class PayerKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    SPONSOR = "sponsor", _("Sponsor")
    PROGRAMME = "programme", _("Donor / programme")
    OTHER = "other", _("Other partner")


# Payers whose money is not the programme's own (SCORE.md: "non-ILO resources").
NON_PROGRAMME_PAYERS = (PayerKind.ENTERPRISE, PayerKind.SPONSOR, PayerKind.OTHER)


class ModulePrice(TimeStampedModel):
    """What a provider charges an enterprise for one module, from a date on."""

    provider = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("training provider"),
        on_delete=models.PROTECT,
        related_name="module_prices",
    )
    module = models.ForeignKey(
        "training.Module",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="prices",
    )
    amount = models.DecimalField(_("price"), **MONEY, validators=[MinValueValidator(0)])
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, validators=[validate_currency]
    )
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("module price")
        verbose_name_plural = _("module prices")
        ordering = ["provider__name", "module__order", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "module", "valid_from"], name="module_price_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="module_price_not_negative"),
        ]

    def __str__(self):
        return f"{self.provider} — {self.module}: {self.currency} {self.amount}"


class Fee(TimeStampedModel):
    """The fee agreed for one enrolment, split between payers by its shares."""

    enrolment = models.OneToOneField(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="fee",
    )
    provider = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("training provider"),
        on_delete=models.PROTECT,
        related_name="fees",
    )
    partnership = models.ForeignKey(
        "programmes.Partnership",
        verbose_name=_("sponsoring partnership"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fees",
    )
    amount = models.DecimalField(_("fee"), **MONEY, validators=[MinValueValidator(0)])
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, validators=[validate_currency]
    )
    agreed_on = models.DateField(_("agreed on"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        ordering = ["-agreed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_not_negative"),
        ]
        indexes = [models.Index(fields=["provider", "agreed_on"])]

    def __str__(self):
        return f"{self.enrolment}: {self.currency} {self.amount}"

    def get_absolute_url(self):
        return reverse("finance:fee_detail", args=[self.enrolment_id])


class FeeShare(models.Model):
    """The part of a fee one payer pays. The enterprise's share names no organisation (the
    payer is the enrolment's enterprise); a sponsor's share names the partnership's sponsor."""

    fee = models.ForeignKey(
        Fee, verbose_name=_("fee"), on_delete=models.CASCADE, related_name="shares"
    )
    payer_kind = models.CharField(_("payer"), max_length=16, choices=PayerKind.choices)
    organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("paying organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fee_shares",
    )
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("fee share")
        verbose_name_plural = _("fee shares")
        ordering = ["fee", "payer_kind"]
        constraints = [
            models.UniqueConstraint(fields=["fee", "payer_kind"], name="fee_share_one_per_payer"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_share_not_negative"),
            models.CheckConstraint(
                condition=~Q(payer_kind="sponsor") | Q(organisation__isnull=False),
                name="fee_share_sponsor_named",
            ),
        ]

    def __str__(self):
        return f"{self.get_payer_kind_display()}: {self.fee.currency} {self.amount}"

    @property
    def payer_name(self) -> str:
        if self.payer_kind == PayerKind.ENTERPRISE:
            return str(self.fee.enrolment.enterprise)
        return str(self.organisation or self.get_payer_kind_display())


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


# Invoices that count as billed (revenue invoiced) and that hold their fee shares.
BILLED = (InvoiceStatus.ISSUED, InvoiceStatus.PAID)
LIVE = (InvoiceStatus.DRAFT, InvoiceStatus.ISSUED, InvoiceStatus.PAID)


class Invoice(TimeStampedModel):
    """A provider's bill to one payer for one or more fee shares, in one currency."""

    number = models.CharField(_("number"), max_length=40, unique=True)
    provider = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("training provider"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    payer_kind = models.CharField(_("payer"), max_length=16, choices=PayerKind.choices)
    payer_organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("paying organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices_to_pay",
    )
    payer_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("paying enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, validators=[validate_currency]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    paid_on = models.DateField(_("paid in full on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(status="cancelled") | Q(issued_on__isnull=False),
                name="invoice_issued_has_date",
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(due_on__gte=models.F("issued_on")),
                name="invoice_due_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("finance:invoice_detail", args=[self.pk])

    @property
    def payer_name(self) -> str:
        return str(
            self.payer_enterprise or self.payer_organisation or self.get_payer_kind_display()
        )


class InvoiceLine(models.Model):
    """One fee share billed on an invoice, at the share's amount when it was billed."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines"
    )
    share = models.ForeignKey(
        FeeShare, verbose_name=_("fee share"), on_delete=models.PROTECT, related_name="lines"
    )
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "share"], name="invoice_line_unique"),
        ]

    def __str__(self):
        return f"{self.invoice}: {self.share}"


class Payment(models.Model):
    """Money received against an invoice."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["invoice", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
        ]
        indexes = [models.Index(fields=["paid_on"])]

    def __str__(self):
        return f"{self.invoice}: {self.amount} on {self.paid_on}"
