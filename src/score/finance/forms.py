"""Forms for prices, fees, invoices and payments: they validate, the actions in
``score.finance.actions`` decide and save."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from score.core.forms import ValidatingModelForm
from score.core.money import CURRENCY_CHOICES
from score.finance.models import InvoiceStatus, ModulePrice, PayerKind
from score.programmes.forms import DATE_WIDGET, UNKNOWN_CURRENCY

MAX_AMOUNT = Decimal("999999999999.99")


def _money_field(label, *, required=True, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
    )


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, help_text=help_text)


class ModulePriceForm(ValidatingModelForm):
    class Meta:
        model = ModulePrice
        fields = ["provider", "module", "amount", "currency", "valid_from"]
        widgets = {"valid_from": DATE_WIDGET}
        error_messages = {"currency": {"invalid_choice": UNKNOWN_CURRENCY}}

    def __init__(self, *args, providers, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["module"].queryset = modules
        self.fields["amount"].max_value = MAX_AMOUNT

    def validate_unique(self):
        """A price with the same provider, module and date is replaced by the action."""


class PriceFilterForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, required=False, empty_label=_("All providers")
    )
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=None, required=False, empty_label=_("All modules")
    )

    def __init__(self, *args, providers, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["module"].queryset = modules


class FeeFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, required=False, empty_label=_("All providers")
    )
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=None, required=False, empty_label=_("All modules")
    )
    has_fee = forms.ChoiceField(
        label=_("Fee"),
        required=False,
        choices=[("", _("With or without a fee")), ("yes", _("Fee set")), ("no", _("No fee yet"))],
    )

    def __init__(self, *args, programmes, providers, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["provider"].queryset = providers
        self.fields["module"].queryset = modules


class FeeForm(forms.Form):
    amount = _money_field(_("Fee"))
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=CURRENCY_CHOICES,
        error_messages={"invalid_choice": UNKNOWN_CURRENCY},
    )
    agreed_on = _date_field(_("Agreed on"))
    enterprise_share = _money_field(_("Paid by the enterprise"), required=False)
    sponsor_share = _money_field(
        _("Paid by the sponsor"),
        required=False,
        help_text=_("The sponsor of the partnership named on the enterprise's participation."),
    )
    programme_share = _money_field(_("Paid by the donor / programme"), required=False)
    programme_payer = forms.ModelChoiceField(
        label=_("Paying donor or programme partner"),
        queryset=None,
        required=False,
        empty_label=_("The programme"),
    )
    other_share = _money_field(_("Paid by another partner"), required=False)
    other_payer = forms.ModelChoiceField(
        label=_("Other paying partner"), queryset=None, required=False, empty_label="—"
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_payer"].queryset = organisations
        self.fields["other_payer"].queryset = organisations

    def clean(self):
        data = super().clean()
        for name in ("enterprise_share", "sponsor_share", "programme_share", "other_share"):
            if data.get(name) is None and name not in self.errors:
                data[name] = Decimal("0.00")
        if data.get("other_payer") and not data.get("other_share"):
            self.add_error("other_share", _("Enter what the other partner pays, or clear it."))
        return data

    def action_fields(self) -> dict:
        return dict(self.cleaned_data)


class InvoiceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("number or payer")}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *InvoiceStatus.choices]
    )
    payer_kind = forms.ChoiceField(
        label=_("Payer"), required=False, choices=[("", _("Any payer")), *PayerKind.choices]
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, required=False, empty_label=_("All providers")
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class ShareChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, share):
        fee = share.fee
        return (
            f"{fee.provider} — {fee.enrolment.enterprise.code} {fee.enrolment.module.code}: "
            f"{share.get_payer_kind_display()} ({share.payer_name}), "
            f"{fee.currency} {share.amount:,.2f}"
        )


class InvoiceForm(forms.Form):
    shares = ShareChoiceField(
        label=_("Fee shares to bill"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose shares of one provider that one payer pays, in one currency."),
    )
    number = forms.CharField(
        label=_("Invoice number"),
        required=False,
        max_length=40,
        help_text=_("Leave empty to number it automatically."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, shares, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shares"].queryset = shares


class IssueInvoiceForm(forms.Form):
    issued_on = _date_field(_("Issue date"))
    due_on = _date_field(_("Due date"), required=False)

    def clean(self):
        data = super().clean()
        issued, due = data.get("issued_on"), data.get("due_on")
        if issued and due and due < issued:
            raise ValidationError({"due_on": _("The due date is before the issue date.")})
        return data


class PaymentForm(forms.Form):
    amount = _money_field(_("Amount received"))
    paid_on = _date_field(_("Paid on"))
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)


class PeriodFilterForm(forms.Form):
    start = _date_field(_("From"), required=False)
    end = _date_field(_("Until"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError({"end": _("The end of the period is before its start.")})
        return data


class RevenueFilterForm(PeriodFilterForm):
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, required=False, empty_label=_("All providers")
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class CostRecoveryFilterForm(PeriodFilterForm):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=None, required=False, empty_label=_("All countries")
    )

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        self.order_fields(["country", "start", "end"])
