from django import forms
from django.utils.translation import gettext_lazy as _


class ReportFilterForm(forms.Form):
    """Which report: a programme the user may see, optionally one of its partnerships, and
    a period (follow-ups, classes and visits whose dates fall inside it)."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=None,
        to_field_name="code",
        empty_label=_("Choose a programme"),
    )
    partnership = forms.ModelChoiceField(
        label=_("Partnership (sponsor)"),
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label=_("All enterprises of the programme"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, programmes, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes.order_by("code")
        self.fields["partnership"].queryset = partnerships.select_related("programme").order_by(
            "code"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        programme, partnership = data.get("programme"), data.get("partnership")
        if programme and partnership and partnership.programme_id != programme.pk:
            self.add_error(
                "partnership",
                _("This partnership belongs to another programme; choose one of %(p)s.")
                % {"p": programme.code},
            )
        return data
