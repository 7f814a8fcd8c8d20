"""Currencies (ISO 4217) used by programmes, partnerships, fees and measurements."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The currencies of the countries SCORE has worked in, plus the donors' and buyers' ones.
CURRENCIES = {
    "USD": _("US dollar"),
    "CNY": _("Chinese yuan"),
    "CHF": _("Swiss franc"),
    "NOK": _("Norwegian krone"),
    "EUR": _("Euro"),
    "GBP": _("Pound sterling"),
    "CAD": _("Canadian dollar"),
    "INR": _("Indian rupee"),
    "VND": _("Vietnamese dong"),
    "IDR": _("Indonesian rupiah"),
    "COP": _("Colombian peso"),
    "BOB": _("Boliviano"),
    "PEN": _("Peruvian sol"),
    "GHS": _("Ghanaian cedi"),
    "ZAR": _("South African rand"),
    "ETB": _("Ethiopian birr"),
    "TND": _("Tunisian dinar"),
    "MMK": _("Myanmar kyat"),
    "LKR": _("Sri Lankan rupee"),
    "BDT": _("Bangladeshi taka"),
    "KES": _("Kenyan shilling"),
    "TRY": _("Turkish lira"),
}
CURRENCY_CHOICES = [
    (code, format_lazy("{} – {}", code, name)) for code, name in sorted(CURRENCIES.items())
]


def validate_currency(value: str) -> None:
    if value not in CURRENCIES:
        raise ValidationError(
            _(
                "%(value)s is not a currency this platform knows. Use a three-letter ISO 4217 "
                "code such as USD or CNY."
            ),
            params={"value": value},
        )


def quantize(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))
