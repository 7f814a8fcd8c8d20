from django import forms
from django.utils.translation import gettext_lazy as _

from score.core.forms import ValidatingModelForm
from score.core.money import CURRENCY_CHOICES
from score.core.periods import check_range
from score.monitoring.formulas import FormulaError, formula_codes
from score.monitoring.models import ExchangeRate, Indicator, Source, Wave, plain


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


CURRENCY_FIELD_CHOICES = [("", _("— not money —")), *CURRENCY_CHOICES]


class IndicatorForm(ValidatingModelForm):
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=120, required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "direction",
            "kind",
            "formula",
            "is_money",
            "min_value",
            "max_value",
            "jump_factor",
            "programme",
        ]

    def __init__(self, *args, programmes, programme_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].required = programme_required

    def clean_formula(self):
        formula = self.cleaned_data.get("formula", "").strip()
        if formula:
            try:
                formula_codes(formula)
            except FormulaError as error:
                raise forms.ValidationError(str(error)) from None
        return formula

    def translations(self) -> dict:
        return {"zh-hans": self.cleaned_data.get("name_zh", "")}


class MeasurementForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    wave = forms.ChoiceField(label=_("Wave"), choices=Wave.choices)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput)
    period_end = forms.DateField(label=_("Period end"), widget=DateInput)
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=6)
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=CURRENCY_FIELD_CHOICES,
        required=False,
        help_text=_("Only for amounts of money, such as cost savings."),
    )
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators

    def clean(self):
        data = super().clean()
        try:
            check_range(data.get("period_start"), data.get("period_end"), field="period_end")
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return data


def _previous_value(measurement) -> str:
    if measurement is None:
        return ""
    return _("Previous: %(value)s %(currency)s (%(wave)s, %(start)s – %(end)s)") % {
        "value": plain(measurement.value),
        "currency": measurement.currency,
        "wave": measurement.get_wave_display(),
        "start": f"{measurement.period_start:%Y-%m-%d}",
        "end": f"{measurement.period_end:%Y-%m-%d}",
    }


def _previous_answer(answer) -> str:
    if answer is None:
        return ""
    return _("Previous: %(answer)s (%(wave)s, %(date)s)") % {
        "answer": _("Yes") if answer.answer else _("No"),
        "wave": answer.get_wave_display(),
        "date": f"{answer.answered_on:%Y-%m-%d}",
    }


class VisitEntryForm(forms.Form):
    """A visit's KPIs and practice answers in one form: wave and period at the top, one
    field per usual indicator (``value__<code>``, plus ``currency__<code>`` for money) and
    one yes/no per practice item of the module (``practice__<code>``)."""

    wave = forms.ChoiceField(label=_("Wave"), choices=Wave.choices)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput)
    period_end = forms.DateField(label=_("Period end"), widget=DateInput)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)

    ANSWERS = [("", _("— not asked —")), ("yes", _("Yes")), ("no", _("No"))]

    def __init__(self, *args, indicators, items, previous, previous_answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.items = items
        for indicator in indicators:
            name = f"value__{indicator.code}"
            self.fields[name] = forms.DecimalField(
                label=f"{indicator.display_name} ({indicator.unit})",
                max_digits=20,
                decimal_places=6,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
            )
            self.fields[name].previous = _previous_value(previous.get(indicator.code))
            if indicator.is_money:
                self.fields[f"currency__{indicator.code}"] = forms.ChoiceField(
                    label=_("Currency of %(name)s") % {"name": indicator.display_name},
                    choices=CURRENCY_FIELD_CHOICES,
                    required=False,
                )
        for item in items:
            name = f"practice__{item.code}"
            self.fields[name] = forms.ChoiceField(
                label=item.display_text, choices=self.ANSWERS, required=False
            )
            self.fields[name].previous = _previous_answer(previous_answers.get(item.code))
        for form_field in self.fields.values():
            if not hasattr(form_field, "previous"):
                form_field.previous = ""

    def clean(self):
        data = super().clean()
        try:
            check_range(data.get("period_start"), data.get("period_end"), field="period_end")
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        if not self.values() and not self.practices() and not self.errors:
            raise forms.ValidationError(
                _("Nothing to save: enter at least one value or practice answer.")
            )
        return data

    def top_fields(self):
        return [self[name] for name in ("wave", "period_start", "period_end", "source")]

    def kpi_fields(self):
        """Each indicator's value field, followed by its currency field for money."""
        fields = []
        for indicator in self.indicators:
            fields.append(self[f"value__{indicator.code}"])
            if f"currency__{indicator.code}" in self.fields:
                fields.append(self[f"currency__{indicator.code}"])
        return fields

    def practice_fields(self):
        return [self[f"practice__{i.code}"] for i in self.items]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            i.code: (data[f"value__{i.code}"], data.get(f"currency__{i.code}", ""))
            for i in self.indicators
            if data.get(f"value__{i.code}") is not None
        }

    def practices(self) -> dict:
        data = self.cleaned_data
        return {
            i.code: data[f"practice__{i.code}"] == "yes"
            for i in self.items
            if data.get(f"practice__{i.code}")
        }

    def add_entry_errors(self, error) -> None:
        """Place the action's errors (keys ``value:<code>``, ``currency:<code>``)."""
        for key, messages in error.message_dict.items():
            name = key.replace(":", "__")
            if name.startswith("currency__") and name not in self.fields:
                name = name.replace("currency__", "value__")
            self.add_error(name if name in self.fields else None, messages)


class QualityFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class ExchangeRateForm(ValidatingModelForm):
    """A dated rate: how many units of a currency one US dollar buys from a date on."""

    class Meta:
        model = ExchangeRate
        fields = ["currency", "valid_from", "units_per_usd", "source"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"})}

    def clean_units_per_usd(self):
        value = self.cleaned_data["units_per_usd"]
        if value is not None and value <= 0:
            raise forms.ValidationError(
                _("A rate is how many units one US dollar buys, so it is more than zero.")
            )
        return value

    def clean(self):
        """A second rate for the same currency and date corrects the first (the action
        updates it): validate it as an edit of that rate, so the uniqueness constraint is
        not an error here."""
        cleaned = super().clean()
        existing = ExchangeRate.objects.filter(
            currency=(cleaned.get("currency") or "").upper(), valid_from=cleaned.get("valid_from")
        ).first()
        if existing is not None:
            self.instance.pk = existing.pk
            self.instance._state.adding = False
        return cleaned
