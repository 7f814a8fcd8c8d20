"""Indicators, measurements, exchange rates and good practices (issue 4, DESIGN.md)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.core.money import CURRENCY_CHOICES, validate_currency
from score.core.periods import check_range
from score.monitoring.formulas import FormulaError, formula_codes


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")
    CONTEXT = "context", _("Context (neither)")


class IndicatorKind(models.TextChoices):
    RAW = "raw", _("Entered")
    COMPUTED = "computed", _("Computed from other indicators")
    REPORTED_AMOUNT = "reported_amount", _("Amount reported for a period")


class Wave(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    FOLLOW_UP = "follow_up", _("Follow-up")
    ENDLINE = "endline", _("Endline")


class PracticeWave(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Source(models.TextChoices):
    COMPANY_RECORDS = "company_records", _("Company records")
    MANAGEMENT = "management", _("Management (estimate)")
    WORKERS = "workers", _("Workers")


class Provenance(models.TextChoices):
    FORM = "form", _("Entered in a form")
    IMPORT = "import", _("Imported from a file")
    API = "api", _("Sent through the API")


def plain(value) -> str:
    """A Decimal without trailing zeros or exponent: 1000.000000 → "1000", 2.50 → "2.5"."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def _display(obj, field: str) -> str:
    language = (get_language() or "en").lower()
    return getattr(obj, f"{field}_translations", {}).get(language) or getattr(obj, field)


class Indicator(TimeStampedModel):
    """One enterprise KPI. Seeded from domain/SCORE.md; programmes may add their own.

    Computed indicators carry a formula over other codes. A computed indicator may also be
    entered directly (defect rate is "computed, or entered"): an entered value for an
    enterprise, period and wave wins; the formula fills in only where none was entered."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (English)"), max_length=120)
    name_translations = models.JSONField(
        _("name in other languages"),
        default=dict,
        blank=True,
        help_text=_('Language code to name, e.g. {"zh-hans": "次品率"}.'),
    )
    unit = models.CharField(_("unit"), max_length=40)
    direction = models.CharField(_("good direction"), max_length=8, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=IndicatorKind.choices)
    formula = models.CharField(
        _("formula"),
        max_length=200,
        blank=True,
        help_text=_("Only for computed indicators, e.g. defective_units / units_produced * 100."),
    )
    is_money = models.BooleanField(_("amount of money"), default=False)
    min_value = models.DecimalField(
        _("lowest plausible value"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest plausible value"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    jump_factor = models.DecimalField(
        _("plausible change factor"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "A follow-up more than this many times larger or smaller than the baseline is "
            "flagged, e.g. 3."
        ),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("only in programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_indicators",
        help_text=_("Leave empty for indicators of the global catalogue."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return _display(self, "name")

    def get_absolute_url(self):
        return reverse("monitoring:indicator_detail", args=[self.code])

    @property
    def is_computed(self) -> bool:
        return self.kind == IndicatorKind.COMPUTED

    @property
    def operands(self) -> set[str]:
        return formula_codes(self.formula) if self.formula else set()

    def clean(self):
        if self.kind == IndicatorKind.COMPUTED:
            if not self.formula:
                raise ValidationError(
                    {"formula": _("A computed indicator needs a formula over other codes.")}
                )
            try:
                codes = formula_codes(self.formula)
            except FormulaError as error:
                raise ValidationError({"formula": str(error)}) from None
            if self.code in codes:
                raise ValidationError(
                    {"formula": _("A formula cannot use its own indicator's code.")}
                )
        elif self.formula:
            raise ValidationError(
                {"formula": _("Only computed indicators have a formula; clear this field.")}
            )
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValidationError(
                {"max_value": _("The highest plausible value is below the lowest one.")}
            )
        if self.jump_factor is not None and self.jump_factor <= 1:
            raise ValidationError(
                {"jump_factor": _("The change factor must be more than 1, e.g. 3.")}
            )


class ExchangeRate(models.Model):
    """How many units of ``currency`` one US dollar buys, from ``valid_from`` on.

    A measurement converts at the rate in force at its period end: the rate of its currency
    with the latest ``valid_from`` on or before that date."""

    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, validators=[validate_currency]
    )
    valid_from = models.DateField(_("valid from"))
    units_per_usd = models.DecimalField(
        _("units per US dollar"),
        max_digits=18,
        decimal_places=6,
        help_text=_("How many units of the currency one US dollar buys, e.g. 6.31 for CNY."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_from"], name="rate_unique"),
            models.CheckConstraint(condition=models.Q(units_per_usd__gt=0), name="rate_positive"),
        ]

    def __str__(self):
        return f"{self.currency} {self.units_per_usd}/USD from {self.valid_from}"


class Measurement(models.Model):
    """One value of one indicator for one enterprise, period and wave."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    wave = models.CharField(_("wave"), max_length=10, choices=Wave.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("Only for amounts of money.")
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"))
    provenance = models.CharField(
        _("provenance"), max_length=8, choices=Provenance.choices, default=Provenance.FORM
    )
    import_file = models.CharField(_("import file"), max_length=255, blank=True)
    import_row = models.PositiveIntegerField(_("import row"), null=True, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["enterprise", "indicator__order", "period_end", "wave"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "indicator", "period_start", "period_end", "wave"],
                name="measurement_unique",
            )
        ]
        indexes = [models.Index(fields=["enterprise", "wave", "period_end"])]

    def __str__(self):
        return f"{self.indicator.code} {self.period_start}–{self.period_end} ({self.wave})"

    def clean(self):
        check_range(self.period_start, self.period_end, field="period_end")
        indicator = self.indicator if self.indicator_id else None
        if indicator is None:
            return
        if indicator.is_money:
            if not self.currency:
                raise ValidationError(
                    {
                        "currency": _(
                            "%(name)s is an amount of money: give its currency, e.g. CNY."
                        )
                        % {"name": indicator.display_name}
                    }
                )
            try:
                validate_currency(self.currency)
            except ValidationError as error:
                raise ValidationError({"currency": error.messages}) from None
        elif self.currency:
            raise ValidationError(
                {
                    "currency": _("%(name)s is not an amount of money; leave the currency blank.")
                    % {"name": indicator.display_name}
                }
            )


class PracticeItem(TimeStampedModel):
    """One yes/no good practice of a module's checklist."""

    module = models.ForeignKey(
        "training.Module",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="practice_items",
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    text = models.CharField(_("practice (English)"), max_length=200)
    text_translations = models.JSONField(_("practice in other languages"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=10)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["module__order", "order", "code"]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        return _display(self, "text")


class PracticeAnswer(models.Model):
    """Whether a practice is in place at an enterprise at baseline or follow-up."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="practice_answers",
    )
    item = models.ForeignKey(
        PracticeItem, verbose_name=_("practice"), on_delete=models.PROTECT, related_name="answers"
    )
    wave = models.CharField(_("wave"), max_length=10, choices=PracticeWave.choices)
    answer = models.BooleanField(_("in place"))
    answered_on = models.DateField(_("date"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"))
    provenance = models.CharField(
        _("provenance"), max_length=8, choices=Provenance.choices, default=Provenance.FORM
    )
    import_file = models.CharField(_("import file"), max_length=255, blank=True)
    import_row = models.PositiveIntegerField(_("import row"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice answer")
        verbose_name_plural = _("practice answers")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "item", "wave"], name="practice_answer_unique"
            )
        ]

    def __str__(self):
        return f"{self.item.code} {self.wave}: {'yes' if self.answer else 'no'}"
