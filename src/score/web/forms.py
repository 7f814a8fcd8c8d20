"""Filter forms of the cross-app pages (timeline, calendar): they validate, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from score.web import calendar, timeline


class TimelineFilterForm(forms.Form):
    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=None,
        required=False,
        empty_label=_("All modules"),
        help_text=_("Events not tied to one module (programmes, the team) are hidden."),
    )
    kind = forms.ChoiceField(
        label=_("Show"), required=False, choices=[("", _("Everything")), *timeline.KIND_CHOICES]
    )

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules


class CalendarFilterForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-11"}),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), queryset=None, required=False, empty_label=_("All trainers")
    )
    kind = forms.ChoiceField(
        label=_("Show"), required=False, choices=[("", _("Everything")), *calendar.KIND_CHOICES]
    )

    def __init__(self, *args, programmes, trainers=None, **kwargs):
        """``trainers``: the trainers to filter by, or None to leave the filter out."""
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        if trainers is None:
            del self.fields["trainer"]
        else:
            self.fields["trainer"].queryset = trainers

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        month = calendar.Month.parse(value)
        if month is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a month. Give the year and month as YYYY-MM, e.g. 2026-11."),
                params={"value": value[:20]},
                code="month",
            )
        return month
